package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// chromiumPath finds Chromium: /usr/bin/chromium (Debian's package, what CI
// installs), else chromium or chromium-browser on PATH.
func chromiumPath() (string, bool) {
	return findBinary("/usr/bin/chromium", "chromium", "chromium-browser")
}

// chromium is one headless browser with one tab on the page origin.
type chromium struct {
	ctx     context.Context // the tab
	cancel  func()
	dataDir string

	mu      sync.Mutex
	current *callEvents // the call in flight; events go to it
	byReq   map[network.RequestID]*callEvents
}

// callEvents is what the DevTools protocol reported for one call.
type callEvents struct {
	cors    *network.CorsErrorStatus
	console []string
}

// chromiumFlags are the switches the suite starts Chromium with.
func chromiumFlags(path, dataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(dataDir),
	}
}

// startChromium launches Chromium with a fresh profile, opens the page at
// pageURL and enables the Network and Log domains.
func startChromium(path, pageURL string) (*chromium, error) {
	dir, err := os.MkdirTemp("", "corsfetch-chromium-")
	if err != nil {
		return nil, err
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), chromiumFlags(path, dir)...)
	tctx, tcancel := chromedp.NewContext(actx)
	c := &chromium{
		ctx:     tctx,
		dataDir: dir,
		byReq:   map[network.RequestID]*callEvents{},
		cancel: func() {
			tcancel()
			acancel()
			os.RemoveAll(dir)
		},
	}
	if err := chromedp.Do(tctx, chromedp.Navigate("about:blank")); err != nil {
		c.cancel()
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	if err := chromedp.Listen(tctx, c.onEvent); err != nil {
		c.cancel()
		return nil, err
	}
	if _, err := chromedp.Call(tctx, network.Enable, network.EnableParams{}); err != nil {
		c.cancel()
		return nil, fmt.Errorf("Network.enable: %w", err)
	}
	if _, err := chromedp.Call(tctx, log.Enable, cdp.Empty{}); err != nil {
		c.cancel()
		return nil, fmt.Errorf("Log.enable: %w", err)
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(pageURL)); err != nil {
		c.cancel()
		return nil, fmt.Errorf("open page: %w", err)
	}
	return c, nil
}

// onEvent runs on chromedp's reading goroutine: it only files events.
func (c *chromium) onEvent(ev any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if c.current != nil && c.byReq[e.RequestID] == nil {
			c.byReq[e.RequestID] = c.current
		}
	case *network.EventLoadingFailed:
		ce := c.byReq[e.RequestID]
		if ce == nil {
			ce = c.current // a request blocked before it started has no requestWillBeSent
		}
		if ce != nil && e.CorsErrorStatus != nil && ce.cors == nil {
			ce.cors = e.CorsErrorStatus
		}
	case *log.EventEntryAdded:
		if e.Entry == nil {
			return
		}
		ce := c.byReq[e.Entry.NetworkRequestID]
		if ce == nil {
			ce = c.current
		}
		if ce != nil {
			ce.console = append(ce.console, e.Entry.Text)
		}
	}
}

// setCookie stores name=value for host 127.0.0.1 (all ports).
func (c *chromium) setCookie(url, name, value string) error {
	_, err := chromedp.Call(c.ctx, network.SetCookie, network.SetCookieParams{Name: name, Value: value, URL: url})
	return err
}

// jsCall is a Call as the page's __run reads it.
type jsCall struct {
	URL         string      `json:"url"`
	Method      string      `json:"method"`
	Header      [][2]string `json:"header"`
	Body        string      `json:"body"`
	Mode        string      `json:"mode"`
	Credentials string      `json:"credentials"`
	Redirect    string      `json:"redirect"`
	Cache       string      `json:"cache"`
	Referrer    string      `json:"referrerPolicy"`
}

type jsResult struct {
	OK      bool     `json:"ok"`
	Type    string   `json:"type"`
	Status  int      `json:"status"`
	Headers []string `json:"headers"`
	Error   string   `json:"error"`
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func headerPairs(lines []string) [][2]string {
	p := [][2]string{}
	for _, l := range lines {
		k, v, _ := strings.Cut(l, ":")
		p = append(p, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
	}
	return p
}

// fetch runs one call in the tab and returns the raw result and events.
func (c *chromium) fetch(ctx context.Context, call jsCall) (jsResult, *callEvents, error) {
	arg, err := json.Marshal(call)
	if err != nil {
		return jsResult{}, nil, err
	}
	ev := &callEvents{}
	c.mu.Lock()
	c.current = ev
	c.mu.Unlock()
	res, err := chromedp.Run(ctx, chromedp.Evaluate[jsResult]("__run("+string(arg)+")", chromedp.EvalAwaitPromise))
	c.mu.Lock()
	c.current = nil
	c.mu.Unlock()
	return res, ev, err
}

// run performs sc's calls in Chromium under prefix (already registered with
// h) and returns one Observation per call.
func (c *chromium) run(h *hub, prefix string, sc *Scenario) ([]Observation, error) {
	obs := make([]Observation, 0, len(sc.Calls))
	for _, call := range sc.Calls {
		if call.SleepBefore > 0 {
			time.Sleep(time.Duration(call.SleepBefore) * time.Millisecond)
		}
		ctx, cancel := context.WithTimeout(c.ctx, 20*time.Second)
		res, ev, err := c.fetch(ctx, newJSCall(h, prefix, call))
		cancel()
		if err != nil {
			return nil, fmt.Errorf("%s: evaluate: %w", sc.Name, err)
		}
		o := Observation{Seen: h.take(prefix)}
		switch {
		case res.OK:
			o.Outcome, o.Type, o.Status = "ok", res.Type, res.Status
			o.Headers = normalizeHeaders(h, prefix, res.Headers)
		case ev.cors != nil:
			o.Outcome = "blocked"
			o.Reason = string(ev.cors.CorsError)
			o.FailedParameter = h.normalize(ev.cors.FailedParameter, prefix)
			o.Detail = res.Error
		default:
			o.Outcome, o.Detail = "error", res.Error
		}
		for _, line := range ev.console {
			switch {
			case strings.Contains(line, "blocked by CORS policy"):
				o.Console = h.normalize(line, prefix)
			case o.Outcome == "error" && call.Mode == "same-origin" &&
				(strings.Contains(line, `Request mode is "same-origin"`) || strings.HasPrefix(line, "Unsafe attempt to load URL")):
				// Blink rejects a cross-origin same-origin-mode fetch (at
				// the start, or at a redirect) itself, so DevTools has no
				// corsErrorStatus; the console line is the only report.
				o.Outcome, o.Reason, o.Console = "blocked", "DisallowedByMode", h.normalize(line, prefix)
			case o.Outcome == "error":
				o.Detail += " | console: " + h.normalize(line, prefix)
			}
		}
		obs = append(obs, o)
	}
	return obs, nil
}

// normalizeHeaders sorts "name: value" lines and drops what cannot be
// compared between two runs.
func normalizeHeaders(h *hub, prefix string, lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		out = append(out, h.normalize(l, prefix))
	}
	slices.Sort(out)
	return out
}

// skipEngine reports whether CORSFETCH_SKIP_ENGINES (a comma-separated list)
// names engine: only then may a missing engine skip instead of failing, so
// that a run without a browser can never pass unnoticed.
func skipEngine(engine string) bool {
	for _, e := range strings.Split(os.Getenv("CORSFETCH_SKIP_ENGINES"), ",") {
		if strings.EqualFold(strings.TrimSpace(e), engine) {
			return true
		}
	}
	return false
}

// chromiumEngine is Chromium as the preset differential drives it.
var chromiumEngine = engineSpec{
	name:    "chromium",
	install: "apt-get install -y chromium",
	find:    chromiumPath,
	start: func(path string, h *hub) (engine, error) {
		c, err := startChromium(path, h.P+"/")
		if err != nil {
			return nil, err
		}
		if err := c.setCookie(h.A+"/", cookieName, cookieValue); err != nil {
			c.cancel()
			return nil, fmt.Errorf("Network.setCookie: %w", err)
		}
		return c, nil
	},
	preset:         cors.ChromiumPolicy,
	reportsReasons: true,
	beforeFetch:    map[string]string{},
}

func (c *chromium) close() { c.cancel() }

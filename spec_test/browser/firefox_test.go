package browser

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// firefoxPath finds Firefox: /usr/bin/firefox-esr (Debian's package, what
// CI installs), else firefox-esr or firefox on PATH.
func firefoxPath() (string, bool) {
	return findBinary("/usr/bin/firefox-esr", "firefox-esr", "firefox")
}

// firefoxPrefs is the fresh profile's user.js: no updates, telemetry,
// captive-portal or connectivity probes, safe browsing, remote settings,
// DNS-over-HTTPS or speculative connections, so that nothing but the page
// talks to the network. Nothing here touches CORS, cookies or the cache.
const firefoxPrefs = `user_pref("app.update.enabled", false);
user_pref("app.update.auto", false);
user_pref("app.update.checkInstallTime", false);
user_pref("app.normandy.enabled", false);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("browser.startup.page", 0);
user_pref("browser.startup.homepage", "about:blank");
user_pref("browser.newtabpage.enabled", false);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("browser.safebrowsing.downloads.enabled", false);
user_pref("browser.safebrowsing.blockedURIs.enabled", false);
user_pref("browser.safebrowsing.provider.mozilla.updateURL", "");
user_pref("browser.region.network.url", "");
user_pref("browser.region.update.enabled", false);
user_pref("browser.search.update", false);
user_pref("browser.ping-centre.telemetry", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("datareporting.healthreport.uploadEnabled", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("toolkit.telemetry.unified", false);
user_pref("toolkit.telemetry.server", "");
user_pref("extensions.update.enabled", false);
user_pref("extensions.getAddons.cache.enabled", false);
user_pref("extensions.blocklist.enabled", false);
user_pref("media.gmp-manager.updateEnabled", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
user_pref("network.trr.mode", 5);
user_pref("network.dns.disablePrefetch", true);
user_pref("network.prefetch-next", false);
user_pref("network.http.speculative-parallel-limit", 0);
user_pref("services.settings.server", "");
`

// firefox is one headless Firefox driven over WebDriver BiDi, with one tab
// on the page origin.
type firefox struct {
	cmd     *exec.Cmd
	dir     string // the profile
	bidi    *bidiConn
	context string // the tab's browsing context id
	version string

	stderrMu sync.Mutex
	stderr   []string // the last lines Firefox printed, for errors

	closeOnce sync.Once
	exited    chan struct{}
}

// startFirefox launches Firefox with a fresh profile, opens a BiDi session
// and the page at pageURL.
func startFirefox(path, pageURL string) (f *firefox, err error) {
	dir, err := os.MkdirTemp("", "corsfetch-firefox-")
	if err != nil {
		return nil, err
	}
	f = &firefox{dir: dir, exited: make(chan struct{})}
	defer func() {
		if err != nil {
			f.close()
			f = nil
		}
	}()
	if err := os.WriteFile(filepath.Join(dir, "user.js"), []byte(firefoxPrefs), 0o644); err != nil {
		return f, err
	}
	f.cmd = exec.Command(path, "--headless", "--no-remote", "--profile", dir,
		"--remote-debugging-port", "0", "--remote-allow-origins", "http://127.0.0.1")
	f.cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1")
	// Its own process group, so that close ends the content processes
	// too; and killed with the test binary if that dies before close.
	f.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	stderr, err := f.cmd.StderrPipe()
	if err != nil {
		return f, err
	}
	if err := f.cmd.Start(); err != nil {
		f.cmd = nil
		return f, err
	}
	go func() {
		f.cmd.Wait()
		close(f.exited)
	}()
	wsURL, err := f.bidiAddress(stderr)
	if err != nil {
		return f, err
	}
	if f.bidi, err = dialBiDi(wsURL + "/session"); err != nil {
		return f, fmt.Errorf("dial %s: %w", wsURL, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	raw, err := f.bidi.call(ctx, "session.new", map[string]any{"capabilities": map[string]any{}})
	if err != nil {
		return f, err
	}
	var sess struct {
		Capabilities struct {
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	json.Unmarshal(raw, &sess)
	f.version = sess.Capabilities.BrowserVersion
	raw, err = f.bidi.call(ctx, "browsingContext.getTree", nil)
	if err != nil {
		return f, err
	}
	var tree struct {
		Contexts []struct {
			Context string `json:"context"`
		} `json:"contexts"`
	}
	if err := json.Unmarshal(raw, &tree); err != nil || len(tree.Contexts) == 0 {
		return f, fmt.Errorf("browsingContext.getTree: no tab (%s)", raw)
	}
	f.context = tree.Contexts[0].Context
	if _, err := f.bidi.call(ctx, "browsingContext.navigate", map[string]any{
		"context": f.context, "url": pageURL, "wait": "complete"}); err != nil {
		return f, err
	}
	return f, nil
}

// bidiAddress reads Firefox's stderr up to the line that gives the BiDi
// WebSocket address, then keeps draining it (the last lines are kept).
func (f *firefox) bidiAddress(stderr io.Reader) (string, error) {
	const marker = "WebDriver BiDi listening on "
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		sent := false
		for sc.Scan() {
			line := sc.Text()
			f.stderrMu.Lock()
			if f.stderr = append(f.stderr, line); len(f.stderr) > 20 {
				f.stderr = f.stderr[1:]
			}
			f.stderrMu.Unlock()
			if i := strings.Index(line, marker); i >= 0 && !sent {
				found <- strings.TrimSpace(line[i+len(marker):])
				sent = true
			}
		}
	}()
	select {
	case u := <-found:
		return u, nil
	case <-f.exited:
		return "", fmt.Errorf("firefox exited before listening: %s", f.lastStderr())
	case <-time.After(60 * time.Second):
		return "", fmt.Errorf("firefox printed no BiDi address in 60 s: %s", f.lastStderr())
	}
}

func (f *firefox) lastStderr() string {
	f.stderrMu.Lock()
	defer f.stderrMu.Unlock()
	return strings.Join(f.stderr, " | ")
}

// close ends the session, kills Firefox's process group and removes the
// profile. It is safe to call more than once and on a half-started f.
func (f *firefox) close() {
	f.closeOnce.Do(func() {
		if f.bidi != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			f.bidi.call(ctx, "browser.close", nil)
			cancel()
			f.bidi.close()
		}
		if f.cmd != nil && f.cmd.Process != nil {
			select {
			case <-f.exited:
			case <-time.After(5 * time.Second):
			}
			syscall.Kill(-f.cmd.Process.Pid, syscall.SIGKILL)
			<-f.exited
		}
		os.RemoveAll(f.dir)
	})
}

// setCookie gives the page origin's host (127.0.0.1, every port) the
// suite's cookie, as the page itself would set it.
func (f *firefox) setCookie(name, value string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	got, err := f.bidi.evaluateString(ctx, f.context,
		fmt.Sprintf("document.cookie = %q; document.cookie", name+"="+value+"; path=/"))
	if err != nil {
		return err
	}
	if !strings.Contains(got, name+"="+value) {
		return fmt.Errorf("document.cookie is %q after setting %s=%s", got, name, value)
	}
	return nil
}

// fetch runs one call in the tab.
func (f *firefox) fetch(ctx context.Context, call jsCall) (jsResult, error) {
	arg, err := json.Marshal(call)
	if err != nil {
		return jsResult{}, err
	}
	s, err := f.bidi.evaluateString(ctx, f.context, "__run("+string(arg)+").then(r => JSON.stringify(r))")
	if err != nil {
		return jsResult{}, err
	}
	var res jsResult
	if err := json.Unmarshal([]byte(s), &res); err != nil {
		return jsResult{}, fmt.Errorf("__run returned %q: %w", s, err)
	}
	return res, nil
}

// run performs sc's calls in Firefox under prefix (already registered with
// h) and returns one Observation per call. Firefox says why it blocked a
// request only in its console, so every failure is "error".
func (f *firefox) run(h *hub, prefix string, sc *Scenario) ([]Observation, error) {
	obs := make([]Observation, 0, len(sc.Calls))
	for _, call := range sc.Calls {
		if call.SleepBefore > 0 {
			time.Sleep(time.Duration(call.SleepBefore) * time.Millisecond)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		res, err := f.fetch(ctx, newJSCall(h, prefix, call))
		cancel()
		if err != nil {
			return nil, fmt.Errorf("%s: %w (firefox stderr: %s)", sc.Name, err, f.lastStderr())
		}
		o := pageObservation(h, prefix, res)
		obs = append(obs, o)
	}
	return obs, nil
}

// warmUp makes preflighted PUTs to one URL that grants them for 60 s
// until one is served from Firefox's preflight cache (at most eight).
// A freshly started Firefox ESR 153.8 misses its first two cache hits (the
// third PUT to one URL is the first served from the cache; once one hit
// happened, every later lookup behaves as its source says), so without
// this the first cache scenarios of a run would depend on their position.
func (f *firefox) warmUp(hb *hub) error {
	const prefix = "/w/warm-up"
	put := Call{URL: "{A}{S}/r", Method: "PUT", Body: "x"}
	sc := one("warm-up", "", grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 60"), Reply{Header: h(acaoP)},
		put, put, put, put, put, put, put, put)
	hb.register(prefix, sc)
	for i := range sc.Calls {
		obs, err := f.run(hb, prefix, &Scenario{Name: sc.Name, Calls: sc.Calls[i : i+1]})
		if err != nil {
			return fmt.Errorf("warm-up: %w", err)
		}
		if len(obs[0].Seen) == 1 {
			return nil // served from the cache
		}
	}
	return nil // never a hit: the comparison will show it
}

// firefoxEngine is Firefox ESR as the preset differential drives it.
var firefoxEngine = engineSpec{
	name:    "firefox",
	install: "apt-get install -y firefox-esr",
	find:    firefoxPath,
	start: func(path string, h *hub) (engine, error) {
		f, err := startFirefox(path, h.P+"/")
		if err != nil {
			return nil, err
		}
		if err := f.setCookie(cookieName, cookieValue); err != nil {
			f.close()
			return nil, fmt.Errorf("setting the cookie: %w", err)
		}
		if err := f.warmUp(h); err != nil {
			f.close()
			return nil, err
		}
		return f, nil
	},
	preset:         cors.FirefoxPolicy,
	reportsReasons: false,
	beforeFetch:    firefoxBeforeFetch,
}

// firefoxBeforeFetch lists the scenarios where what Firefox's JavaScript
// does before fetch() reaches the network cannot be expressed by a Go
// caller of the Transport.
var firefoxBeforeFetch = map[string]string{}

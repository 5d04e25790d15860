package browser

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// benchPage is the page of the benchmarks: __bench runs n fetch() calls one
// after another inside the page and counts the verdicts, so that DevTools
// round trips are not part of Chromium's time per verdict.
const benchPage = `<!doctype html><meta charset="utf-8"><title>corsfetch bench</title>
<script>
window.__bench = async (c, n) => {
  const init = {method: c.method, headers: c.header, body: c.body === "" ? undefined : c.body};
  let ok = 0, blocked = 0;
  for (let i = 0; i < n; i++) {
    try { const r = await fetch(c.url, init); await r.arrayBuffer(); ok++; } catch (e) { blocked++; }
  }
  return {ok: ok, blocked: blocked};
};
</script>`

// benchCase is one verdict the benchmarks time on every client.
type benchCase struct {
	name    string
	method  string
	path    string
	header  []string
	body    string
	allowed bool
}

var benchCases = []benchCase{
	{name: "simple-get-allowed", method: "GET", path: "/simple", allowed: true},
	{name: "preflighted-put-warm-cache", method: "PUT", path: "/put-cached", header: h("Content-Type: application/json"), body: "{}", allowed: true},
	{name: "preflight-every-time-max-age-0", method: "PUT", path: "/put-max-age-0", header: h("Content-Type: application/json"), body: "{}", allowed: true},
	{name: "blocked-get", method: "GET", path: "/blocked", allowed: false},
}

// benchHandler serves the page and the four API routes; the page origin is
// the origin allowed. It records nothing, so the server costs the same
// whichever client asks.
func benchHandler(pageOrigin *string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd["Date"] = nil
		hd["Content-Type"] = []string{"text/plain"}
		switch r.URL.Path {
		case "/":
			hd["Content-Type"] = []string{"text/html; charset=utf-8"}
			io.WriteString(w, benchPage)
			return
		case "/simple":
			hd["Access-Control-Allow-Origin"] = []string{*pageOrigin}
		case "/put-cached", "/put-max-age-0":
			hd["Access-Control-Allow-Origin"] = []string{*pageOrigin}
			if r.Method == http.MethodOptions {
				hd["Access-Control-Allow-Methods"] = []string{"PUT"}
				hd["Access-Control-Allow-Headers"] = []string{"content-type"}
				hd["Access-Control-Max-Age"] = []string{"7200"}
				if r.URL.Path == "/put-max-age-0" {
					hd["Access-Control-Max-Age"] = []string{"0"}
				}
				w.WriteHeader(http.StatusNoContent)
				return
			}
		case "/blocked":
		default:
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, "ok")
	})
}

// benchServers are the page and API origins on 127.0.0.1 for benchmarks.
type benchServers struct {
	page, api *httptest.Server
	origin    string // the page origin
}

var (
	benchOnce    sync.Once
	benchSrv     *benchServers
	benchTab     context.Context
	benchClose   func()
	benchInitErr error
)

// benchEnv starts the servers and one Chromium tab (no Network or Log
// domain enabled: nothing watches it) on first use.
func benchEnv(b *testing.B) (*benchServers, context.Context) {
	path := requireEngine(b, chromiumEngine)
	benchOnce.Do(func() {
		s := &benchServers{}
		hd := benchHandler(&s.origin)
		s.page, s.api = httptest.NewServer(hd), httptest.NewServer(hd)
		s.origin = s.page.URL
		benchSrv = s
		tab, closeFn, err := launch(path, s.page.URL+"/")
		benchTab, benchInitErr = tab, err
		benchClose = func() {
			if closeFn != nil {
				closeFn()
			}
			s.page.Close()
			s.api.Close()
		}
	})
	if benchInitErr != nil {
		b.Fatalf("Chromium: %v", benchInitErr)
	}
	return benchSrv, benchTab
}

// launch starts Chromium with a fresh profile and opens pageURL in its tab.
func launch(path, pageURL string) (context.Context, func(), error) {
	dir, err := os.MkdirTemp("", "corsfetch-bench-")
	if err != nil {
		return nil, nil, err
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), chromiumFlags(path, dir)...)
	tctx, tcancel := chromedp.NewContext(actx)
	closeFn := func() {
		tcancel()
		acancel()
		os.RemoveAll(dir)
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(pageURL)); err != nil {
		closeFn()
		return nil, nil, err
	}
	return tctx, closeFn, nil
}

type benchResult struct {
	OK      int `json:"ok"`
	Blocked int `json:"blocked"`
}

// chromiumVerdicts runs n fetch() calls of bc in the tab and checks that
// every verdict is the expected one.
func chromiumVerdicts(tab context.Context, url string, bc benchCase, n int) error {
	arg, _ := json.Marshal(map[string]any{"url": url, "method": bc.method, "header": headerPairs(bc.header), "body": bc.body})
	res, err := chromedp.Run(tab, chromedp.Evaluate[benchResult](fmt.Sprintf("__bench(%s, %d)", arg, n), chromedp.EvalAwaitPromise))
	if err != nil {
		return err
	}
	if want := (benchResult{OK: n}); !bc.allowed {
		want = benchResult{Blocked: n}
		if res != want {
			return fmt.Errorf("%s: Chromium gave %+v, want %+v", bc.name, res, want)
		}
	} else if res != want {
		return fmt.Errorf("%s: Chromium gave %+v, want %+v", bc.name, res, want)
	}
	return nil
}

// transportVerdict makes one request of bc through tr and checks the verdict.
func transportVerdict(tr http.RoundTripper, url string, bc benchCase) error {
	var body io.Reader
	if bc.body != "" {
		body = strings.NewReader(bc.body)
	}
	req, err := http.NewRequest(bc.method, url, body)
	if err != nil {
		return err
	}
	for _, l := range bc.header {
		k, v, _ := strings.Cut(l, ":")
		req.Header.Set(k, strings.TrimSpace(v))
	}
	resp, err := tr.RoundTrip(req)
	if err != nil {
		if !bc.allowed && errors.Is(err, cors.ErrBlocked) {
			return nil
		}
		return fmt.Errorf("%s: %w", bc.name, err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if !bc.allowed {
		return fmt.Errorf("%s: allowed, want blocked", bc.name)
	}
	return nil
}

// BenchmarkVerdict times one verdict per op for each case on three
// clients: headless Chromium's fetch(), fetch.Transport over loopback, and
// fetch.Transport over corstest's in-process handler path (no sockets). The
// server handler is the same for all three.
func BenchmarkVerdict(b *testing.B) {
	s, tab := benchEnv(b)
	for _, bc := range benchCases {
		b.Run("case="+bc.name+"/client=chromium", func(b *testing.B) {
			url := s.api.URL + bc.path
			if err := chromiumVerdicts(tab, url, bc, 1); err != nil { // warm the connection and the cache
				b.Fatal(err)
			}
			b.ResetTimer()
			for done := 0; done < b.N; {
				n := min(b.N-done, 200)
				if err := chromiumVerdicts(tab, url, bc, n); err != nil {
					b.Fatal(err)
				}
				done += n
			}
		})
		b.Run("case="+bc.name+"/client=transport-loopback", func(b *testing.B) {
			tr := &fetch.Transport{Base: &http.Transport{}, Origin: s.origin, Cache: preflightcache.New(nil)}
			benchTransport(b, tr, s.api.URL+bc.path, bc)
		})
		b.Run("case="+bc.name+"/client=transport-inprocess", func(b *testing.B) {
			tr := corstest.NewTransport(benchHandler(&s.origin), s.origin)
			benchTransport(b, tr, "http://api.example"+bc.path, bc)
		})
	}
}

func benchTransport(b *testing.B, tr http.RoundTripper, url string, bc benchCase) {
	if err := transportVerdict(tr, url, bc); err != nil { // warm the connection and the cache
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := transportVerdict(tr, url, bc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstVerdict times a cold start: from nothing to the first
// verdict (a simple GET allowed). For Chromium that is launching the browser
// with a fresh profile, opening the page and running fetch(); for the
// Transport it is building a new Transport (and, over loopback, a new
// http.Transport with no open connection) and making the request.
func BenchmarkFirstVerdict(b *testing.B) {
	s, _ := benchEnv(b)
	bc := benchCases[0]
	b.Run("client=chromium", func(b *testing.B) {
		path, _ := chromiumPath()
		for b.Loop() {
			tab, closeFn, err := launch(path, s.page.URL+"/")
			if err != nil {
				b.Fatal(err)
			}
			err = chromiumVerdicts(tab, s.api.URL+bc.path, bc, 1)
			b.StopTimer()
			closeFn()
			b.StartTimer()
			if err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("client=transport-loopback", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			base := &http.Transport{}
			tr := &fetch.Transport{Base: base, Origin: s.origin}
			if err := transportVerdict(tr, s.api.URL+bc.path, bc); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			base.CloseIdleConnections()
			b.StartTimer()
		}
	})
	b.Run("client=transport-inprocess", func(b *testing.B) {
		b.ReportAllocs()
		hd := benchHandler(&s.origin)
		for b.Loop() {
			tr := corstest.NewTransport(hd, s.origin)
			if err := transportVerdict(tr, "http://api.example"+bc.path, bc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestMain closes the benchmarks' browser and servers after the run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchClose != nil {
		benchClose()
	}
	base.CloseIdleConnections()
	os.Exit(code)
}

package jsruntime

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
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
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium", true
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

// TestFetchJSInChromium runs every case's script in headless Chromium, in
// a page at the site origin, and requires what the page observes and what
// the servers receive to equal what the same script observes in goja with
// cors.ChromiumPolicy() (with the standard's policy, "Authorization is not
// covered by ACAH *" is the one case where Chromium differs), and every
// console line goja's embedder gets for a blocked fetch to be one Chromium
// prints. With
// no Chromium it skips loudly, or fails when CI=true (CI installs it).
func TestFetchJSInChromium(t *testing.T) {
	path, ok := chromiumPath()
	if !ok {
		msg := "examples/jsruntime: NO CHROMIUM FOUND; the fetch() cases DID NOT RUN in a browser. Install it with: apt-get install -y chromium"
		fmt.Fprintln(os.Stderr, "\n*** "+msg+" ***")
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + " (CI=true: failing instead of skipping)")
		}
		t.Skip(msg)
	}
	dir := t.TempDir()
	actx, acancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path), chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(dir))
	defer acancel()
	browser, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(browser, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}

	e := newEnv(t)
	e.policy = cors.ChromiumPolicy()
	for i := range cases {
		c := &cases[i]
		t.Run(c.name, func(t *testing.T) {
			nSite, nAPI := e.site.count(), e.api.count()
			jsOut, jsConsole := e.runJS(t, c)
			jsSent := append(e.site.since(nSite), e.api.since(nAPI)...)

			// A new browser context per case: its own cookies and preflight cache.
			tab, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
			defer cancel()
			tab, tcancel := context.WithTimeout(tab, 30*time.Second)
			defer tcancel()
			var mu sync.Mutex
			var browserConsole []string
			if err := chromedp.Do(tab, chromedp.Navigate("about:blank")); err != nil {
				t.Fatalf("chromium: %v", err)
			}
			if err := chromedp.Listen(tab, func(ev any) {
				if e, ok := ev.(*log.EventEntryAdded); ok && e.Entry != nil {
					mu.Lock()
					browserConsole = append(browserConsole, e.Entry.Text)
					mu.Unlock()
				}
			}); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Call(tab, log.Enable, cdp.Empty{}); err != nil {
				t.Fatalf("Log.enable: %v", err)
			}
			if _, err := chromedp.Call(tab, network.SetCookie, network.SetCookieParams{Name: "session", Value: "1", URL: e.site.URL}); err != nil {
				t.Fatalf("Network.setCookie: %v", err)
			}
			if err := chromedp.Do(tab, chromedp.Navigate(e.site.URL+"/page")); err != nil {
				t.Fatalf("open page: %v", err)
			}
			nSite, nAPI = e.site.count(), e.api.count()
			res, err := chromedp.Run(tab, chromedp.Evaluate[string](e.script(c), chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("chromium: %v", err)
			}
			browserSent := append(e.site.since(nSite), e.api.since(nAPI)...)
			var browserOut outcome
			if err := json.Unmarshal([]byte(res), &browserOut); err != nil {
				t.Fatal(err)
			}
			if browserOut.Headers == nil {
				browserOut.Headers = [][2]string{}
			}
			if fmt.Sprint(browserOut) != fmt.Sprint(jsOut) {
				t.Errorf("Chromium and goja differ:\nChromium %+v\ngoja     %+v", browserOut, jsOut)
			}
			if c.abort == "" && fmt.Sprint(browserSent) != fmt.Sprint(jsSent) {
				t.Errorf("the servers got different requests:\nChromium %+v\ngoja     %+v", browserSent, jsSent)
			}
			// The CORS console line goja's embedder gets is the one Chromium
			// prints. Log entries may follow the promise, so wait for them
			// (a bound on waiting, not a timing assertion).
			for _, line := range jsConsole {
				if !strings.HasPrefix(line, "Access to fetch at") && !strings.HasPrefix(line, "Fetch API cannot load") {
					continue
				}
				found := false
				for i := 0; i < 100 && !found; i++ {
					mu.Lock()
					found = slices.Contains(browserConsole, line)
					mu.Unlock()
					if !found {
						time.Sleep(20 * time.Millisecond)
					}
				}
				if !found {
					mu.Lock()
					t.Errorf("Chromium's console %q lacks goja's %q", browserConsole, line)
					mu.Unlock()
				}
			}
		})
	}
}

package browser

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// miniBrowserPaths are where Debian's webkit2gtk-driver finds MiniBrowser.
var miniBrowserPaths = []string{
	"/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
	"/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
	"/usr/libexec/webkit2gtk-4.1/MiniBrowser",
}

// webkitTools are the three programs the WebKit run needs.
type webkitTools struct{ driver, xvfb, browser string }

// findWebKit finds WebKitWebDriver, Xvfb and MiniBrowser; all three must
// be present.
func findWebKit() (webkitTools, bool) {
	var t webkitTools
	var err error
	if t.driver, err = exec.LookPath("WebKitWebDriver"); err != nil {
		return t, false
	}
	if t.xvfb, err = exec.LookPath("Xvfb"); err != nil {
		return t, false
	}
	for _, p := range miniBrowserPaths {
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			t.browser = p
			return t, true
		}
	}
	return t, false
}

// webkit is MiniBrowser under WebKitWebDriver on a private Xvfb display,
// with one tab on the page origin.
type webkit struct {
	xvfb, driver *process
	wd           *webDriver
	dir          string // HOME and XDG directories of this run only
}

// startWebKit starts Xvfb, WebKitWebDriver and, through a new session,
// MiniBrowser in automation mode (an ephemeral website data manager: no
// cookies, caches or preflight results from earlier runs), with HOME and
// the XDG directories in a fresh temporary directory besides. It opens
// pageURL. On any failure it stops what it started.
func startWebKit(t webkitTools, pageURL string) (w *webkit, err error) {
	w = &webkit{}
	defer func() {
		if err != nil {
			w.close()
		}
	}()
	if w.dir, err = os.MkdirTemp("", "corsfetch-webkit-"); err != nil {
		return nil, err
	}
	var display string
	if w.xvfb, display, err = startXvfb(t.xvfb); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(t.driver, "--host=127.0.0.1", "--port="+strconv.Itoa(port))
	cmd.Env = append(os.Environ(),
		"DISPLAY="+display,
		"HOME="+w.dir,
		"XDG_CONFIG_HOME="+filepath.Join(w.dir, "config"),
		"XDG_CACHE_HOME="+filepath.Join(w.dir, "cache"),
		"XDG_DATA_HOME="+filepath.Join(w.dir, "data"),
		"XDG_RUNTIME_DIR="+w.dir,
	)
	if os.Getenv("CORSFETCH_WEBKIT_LOG") != "" {
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	}
	if w.driver, err = startProcess(cmd); err != nil {
		return nil, fmt.Errorf("start WebKitWebDriver: %w", err)
	}
	w.wd = &webDriver{base: "http://127.0.0.1:" + strconv.Itoa(port), client: &http.Client{Timeout: 60 * time.Second}}
	if err = w.wd.ready(20 * time.Second); err != nil {
		return nil, err
	}
	err = w.wd.newSession(map[string]any{
		"webkitgtk:browserOptions": map[string]any{
			"binary": t.browser,
			"args":   []string{"--automation"},
		},
		"timeouts": map[string]int{"script": 30000, "pageLoad": 30000},
	})
	if err != nil {
		return nil, err
	}
	if err = w.wd.navigate(pageURL); err != nil {
		return nil, fmt.Errorf("open page: %w", err)
	}
	return w, nil
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// close ends the session (MiniBrowser quits), then stops the driver's
// process group and Xvfb, and removes the run's directory.
func (w *webkit) close() {
	if w.wd != nil {
		w.wd.client.Timeout = 5 * time.Second
		w.wd.deleteSession()
	}
	w.driver.stop()
	w.xvfb.stop()
	if w.dir != "" {
		os.RemoveAll(w.dir)
	}
}

// setCookie gives the page origin's host the suite's cookie from the page
// itself (host-only 127.0.0.1, path /, so every port) and returns what the
// page then reads in document.cookie.
func (w *webkit) setCookie(name, value string) (string, error) {
	var got string
	err := w.wd.execute(`document.cookie = arguments[0] + "=" + arguments[1] + "; path=/"; return document.cookie;`,
		[]any{name, value}, &got)
	return got, err
}

// runScript is the WebDriver script around the page's __run.
const runScript = `const done = arguments[arguments.length - 1];
window.__run(arguments[0]).then(done, (e) => done({ok: false, error: "harness: " + String(e)}));`

// run performs sc's calls in the tab under prefix (already registered with
// h) and returns one Observation per call. WebKit reports every failure as
// the same TypeError, so a failure is "error" with the message as detail.
func (w *webkit) run(h *hub, prefix string, sc *Scenario) ([]Observation, error) {
	obs := make([]Observation, 0, len(sc.Calls))
	for _, call := range sc.Calls {
		if call.SleepBefore > 0 {
			time.Sleep(time.Duration(call.SleepBefore) * time.Millisecond)
		}
		var res jsResult
		err := w.wd.executeAsync(runScript, []any{newJSCall(h, prefix, call)}, &res)
		if err != nil {
			return nil, fmt.Errorf("%s: execute: %w", sc.Name, err)
		}
		o := pageObservation(h, prefix, res)
		obs = append(obs, o)
	}
	return obs, nil
}

// webkitEngine is WebKitGTK (MiniBrowser) as the preset differential drives
// it.
var webkitEngine = engineSpec{
	name:    "webkit",
	install: "apt-get install -y webkit2gtk-driver xvfb",
	find: func() (string, bool) {
		t, ok := findWebKit()
		return t.driver, ok
	},
	start: func(_ string, h *hub) (engine, error) {
		t, ok := findWebKit()
		if !ok {
			return nil, fmt.Errorf("WebKitWebDriver, Xvfb or MiniBrowser went missing")
		}
		// A second attempt covers what a busy machine can make fail once
		// (a driver port taken between freePort and the driver's bind).
		w, err := startWebKit(t, h.P+"/")
		if err != nil {
			w, err = startWebKit(t, h.P+"/")
		}
		if err != nil {
			return nil, err
		}
		got, err := w.setCookie(cookieName, cookieValue)
		if err != nil || got != cookieName+"="+cookieValue {
			w.close()
			return nil, fmt.Errorf("setting the cookie from the page: document.cookie = %q, %v", got, err)
		}
		return w, nil
	},
	preset:         cors.WebKitPolicy,
	reportsReasons: false,
	beforeFetch:    map[string]string{},
}

// TestWebKitPreset checks cors.WebKitPolicy() against WebKitGTK.
func TestWebKitPreset(t *testing.T) { presetDifferential(t, webkitEngine) }

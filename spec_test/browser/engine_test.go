package browser

import (
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// An engine is one real browser with one tab open on the page origin.
type engine interface {
	// run performs sc's calls as fetch() in the tab under prefix (already
	// registered with h) and returns one Observation per call.
	run(h *hub, prefix string, sc *Scenario) ([]Observation, error)
	close()
}

// An engineSpec is what the suite knows about one browser engine.
type engineSpec struct {
	name    string // as CORSFETCH_SKIP_ENGINES spells it
	install string // how to install it on Debian
	find    func() (path string, ok bool)
	// start launches the engine at path with a fresh profile, opens the
	// page at h.P and gives it the suite's cookie (cookieName=cookieValue
	// for host 127.0.0.1).
	start  func(path string, h *hub) (engine, error)
	preset func() cors.Policy
	// reportsReasons says whether the engine tells why it blocked a request
	// (Chromium's DevTools corsErrorStatus and console line). When false,
	// "blocked" and "error" are both a network error to the page, and
	// reason, failedParameter and console are not compared.
	reportsReasons bool
	// beforeFetch lists, by scenario name, what the engine's JavaScript
	// does before fetch() reaches the network that a Go caller of the
	// Transport cannot express, with the reason. These scenarios are run
	// and reported, but not compared. Nothing else may be listed here.
	beforeFetch map[string]string
}

// requireEngine returns the engine's path. With no engine installed it
// fails, so that a run without a browser never passes unnoticed, unless
// CORSFETCH_SKIP_ENGINES names it; with CI=true it fails regardless: CI
// installs every engine, so an absence there is a bug.
func requireEngine(tb testing.TB, e engineSpec) string {
	tb.Helper()
	p, ok := e.find()
	if ok {
		return p
	}
	msg := fmt.Sprintf("spec_test/browser: NO %s FOUND; the differential test against it DID NOT RUN. Install it with: %s",
		e.name, e.install)
	fmt.Fprintln(os.Stderr, "\n*** "+msg+" ***")
	if os.Getenv("CI") == "true" || !skipEngine(e.name) {
		tb.Fatalf("%s (set CORSFETCH_SKIP_ENGINES=%s to skip instead; never with CI=true)", msg, e.name)
	}
	tb.Skip(msg)
	return ""
}

// startEngine starts e (or fails or skips as requireEngine does) on a new
// hub, and closes it when t ends.
func startEngine(t *testing.T, e engineSpec) (*hub, engine) {
	t.Helper()
	path := requireEngine(t, e)
	h := newHub(t)
	eng, err := e.start(path, h)
	if err != nil {
		t.Fatalf("%s at %s did not start: %v", e.name, path, err)
	}
	t.Cleanup(eng.close)
	return h, eng
}

// suiteScenarios is every scenario the differential tests run, in order.
func suiteScenarios(t *testing.T) []*Scenario {
	scs := append(handScenarios(), randomScenarios(randomCount)...)
	scs = append(scs, randomSequenceScenarios(randomSeqParams(t))...)
	checkNames(t, scs)
	return scs
}

// newJSCall is call as the page's __run reads it, under prefix.
func newJSCall(h *hub, prefix string, call Call) jsCall {
	return jsCall{
		URL:         h.expand(call.URL, prefix),
		Method:      orDefault(call.Method, "GET"),
		Header:      headerPairs(call.Header),
		Body:        call.Body,
		Mode:        orDefault(call.Mode, "cors"),
		Credentials: orDefault(call.Credentials, "same-origin"),
		Redirect:    orDefault(call.Redirect, "follow"),
		Cache:       orDefault(call.Cache, "default"),
		Referrer:    call.ReferrerPolicy,
	}
}

// pageObservation is what the page saw of one call, and what reached the
// servers under prefix meanwhile, for an engine that does not say why it
// blocked a request.
func pageObservation(h *hub, prefix string, res jsResult) Observation {
	o := Observation{Seen: h.take(prefix)}
	if res.OK {
		o.Outcome, o.Type, o.Status = "ok", res.Type, res.Status
		o.Headers = normalizeHeaders(h, prefix, res.Headers)
	} else {
		o.Outcome, o.Detail = "error", res.Error
	}
	return o
}

// findBinary returns fixed (where Debian's package installs the binary)
// if it is a file, else the first of names on PATH.
func findBinary(fixed string, names ...string) (string, bool) {
	if fi, err := os.Stat(fixed); err == nil && !fi.IsDir() {
		return fixed, true
	}
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p, true
		}
	}
	return "", false
}

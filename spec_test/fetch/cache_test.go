package fetchspec

import (
	"fmt"
	"net/http"
	"reflect"
	"testing"
	"time"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// specStep is one request of a cache scenario and whether it must be
// preceded by a preflight.
type specStep struct {
	advance   time.Duration // clock advance before the request
	method    string
	path      string
	headers   []string
	creds     bool
	origin    string // Options.Origin override
	tr        *fetch.Transport
	preflight bool
	fail      bool // the request must fail (with a CORS error)
}

func specRunSteps(t *testing.T, e *specEnv, steps []specStep) {
	t.Helper()
	for i, s := range steps {
		e.Clock.Advance(s.advance)
		before := len(e.B.Hits(s.path))
		tr := s.tr
		if tr == nil {
			tr = e.T
		}
		o := &fetch.Options{Origin: s.origin}
		if s.creds {
			o.Credentials = fetch.CredentialsInclude
		}
		body := ""
		if s.method == "POST" || s.method == "PUT" {
			body = "x"
		}
		_, err := specRT(t, tr, specNewReq(t, s.method, e.B.URL(s.path), body, s.headers...), o)
		if s.fail {
			specWantBlocked(t, err, fmt.Sprint("step ", i))
		} else if err != nil {
			t.Fatalf("step %d (%s %s %v): %v", i, s.method, s.path, s.headers, err)
		}
		hits := e.B.Hits(s.path)[before:]
		got := specMethods(hits)
		want := []string{s.method}
		if s.preflight {
			want = []string{"OPTIONS", s.method}
			if s.fail {
				want = []string{"OPTIONS"} // a failed preflight stops the fetch
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("step %d (%s %s %v, +%v): server saw %v, want %v", i, s.method, s.path, s.headers, s.advance, got, want)
		}
	}
}

// TestPreflightCache checks cache hits and misses across requests with an
// injected clock. WPT: cors/preflight-cache.htm and
// fetch/api/cors/cors-preflight-cache.any.js; the rest per
// https://fetch.spec.whatwg.org/#cors-preflight-cache (#concept-cache-match,
// #concept-cache-match-method, #concept-cache-match-header) and the max-age
// steps of #cors-preflight-fetch-0.
func TestPreflightCache(t *testing.T) {
	allowAll := func(e *specEnv, path, methods, headers, maxAge string, creds bool) {
		pre := specAllowPreflight(methods, headers, maxAge)
		act := specOK("")
		if creds {
			pre.Header = append(pre.Header, specKV{"Access-Control-Allow-Credentials", "true"})
			act.Header = append(act.Header, specKV{"Access-Control-Allow-Credentials", "true"})
		}
		e.B.Route(path, specRoute{Preflight: pre, Actual: act})
	}
	xp := []string{"X-Print", "1"}
	type scenario struct {
		name  string
		setup func(e *specEnv)
		steps func(e *specEnv) []specStep
	}
	scenarios := []scenario{
		{"preflight-cache.htm: Test preflight; x-print cached (default 5 s)",
			func(e *specEnv) { allowAll(e, "/c", "", "x-print", "", false) },
			func(e *specEnv) []specStep {
				return []specStep{
					{method: "GET", path: "/c", headers: xp, preflight: true},
					{method: "GET", path: "/c", headers: xp},
					{advance: 4 * time.Second, method: "GET", path: "/c", headers: xp},
					{advance: 2 * time.Second, method: "GET", path: "/c", headers: xp, preflight: true},
				}
			}},
		{"preflight-cache.htm: age = 0, should not be cached",
			func(e *specEnv) { allowAll(e, "/c", "", "x-print", "0", false) },
			func(e *specEnv) []specStep {
				return []specStep{
					{method: "GET", path: "/c", headers: xp, preflight: true},
					{method: "GET", path: "/c", headers: xp, preflight: true},
				}
			}},
		// preflight-cache.htm expects "age = -1" not to be cached (as browsers
		// do); the Fetch Standard says an unparsable max-age is 5 s
		// (#cors-preflight-fetch-0 "If max-age is failure or null, then set
		// max-age to 5"). We test the standard.
		{"max-age -1 is a parse failure: 5 s (spec, not preflight-cache.htm)",
			func(e *specEnv) { allowAll(e, "/c", "", "x-print", "-1", false) },
			func(e *specEnv) []specStep {
				return []specStep{
					{method: "GET", path: "/c", headers: xp, preflight: true},
					{method: "GET", path: "/c", headers: xp},
					{advance: 6 * time.Second, method: "GET", path: "/c", headers: xp, preflight: true},
				}
			}},
		{"preflight-cache.htm: first preflights, second from cache, wait, third preflights",
			func(e *specEnv) { allowAll(e, "/c", "", "x-print", "1", false) },
			func(e *specEnv) []specStep {
				return []specStep{
					{method: "GET", path: "/c", headers: xp, preflight: true},
					{advance: 500 * time.Millisecond, method: "GET", path: "/c", headers: xp},
					{advance: time.Second, method: "GET", path: "/c", headers: xp, preflight: true},
				}
			}},
		{"cors-preflight-cache.any.js: max_age=12000 POST x-test-header",
			func(e *specEnv) { allowAll(e, "/c", "POST", "x-test-header", "12000", false) },
			func(e *specEnv) []specStep {
				return []specStep{
					{method: "POST", path: "/c", headers: []string{"X-Test-Header", "test1"}, preflight: true},
					{method: "POST", path: "/c", headers: []string{"X-Test-Header", "test2"}},
					// Chromium's cap (the Policy zero value): 7200 s.
					{advance: 7199 * time.Second, method: "POST", path: "/c", headers: []string{"X-Test-Header", "test3"}},
					{advance: 2 * time.Second, method: "POST", path: "/c", headers: []string{"X-Test-Header", "test4"}, preflight: true},
				}
			}},
		{"Policy.MaxAgeCap caps max-age",
			func(e *specEnv) { allowAll(e, "/c", "PUT", "", "600", false) },
			func(e *specEnv) []specStep {
				tr := &fetch.Transport{Base: e.Rec, Origin: e.Page, Cache: e.Cache, Policy: cors.Policy{MaxAgeCap: 10 * time.Second}}
				return []specStep{
					{method: "PUT", path: "/c", tr: tr, preflight: true},
					{advance: 9 * time.Second, method: "PUT", path: "/c", tr: tr},
					{advance: 2 * time.Second, method: "PUT", path: "/c", tr: tr, preflight: true},
				}
			}},
		{"keyed by URL (#concept-cache-match)",
			func(e *specEnv) {
				allowAll(e, "/c", "PUT", "", "600", false)
				allowAll(e, "/d", "PUT", "", "600", false)
			},
			func(e *specEnv) []specStep {
				return []specStep{
					{method: "PUT", path: "/c", preflight: true},
					{method: "PUT", path: "/d", preflight: true},
					{method: "PUT", path: "/c"},
				}
			}},
		{"keyed by origin (#concept-cache-match)",
			func(e *specEnv) { allowAll(e, "/c", "PUT", "", "600", false) },
			func(e *specEnv) []specStep {
				other := &fetch.Transport{Base: e.Rec, Origin: e.C.Origin, Cache: e.Cache}
				return []specStep{
					{method: "PUT", path: "/c", preflight: true},
					{method: "PUT", path: "/c", tr: other, preflight: true},
					{method: "PUT", path: "/c", origin: e.C.Origin},
					{method: "PUT", path: "/c"},
				}
			}},
		{"keyed by network partition key (#network-partition-key)",
			func(e *specEnv) { allowAll(e, "/c", "PUT", "", "600", false) },
			func(e *specEnv) []specStep {
				other := &fetch.Transport{Base: e.Rec, Origin: e.Page, Cache: e.Cache, Partition: "http://top.example"}
				return []specStep{
					{method: "PUT", path: "/c", preflight: true},
					{method: "PUT", path: "/c", tr: other, preflight: true},
					{method: "PUT", path: "/c", tr: other},
				}
			}},
		{"uncredentialed entry does not serve include; credentialed serves both (#concept-cache-match)",
			func(e *specEnv) { allowAll(e, "/c", "PUT", "", "600", true) },
			func(e *specEnv) []specStep {
				return []specStep{
					{method: "PUT", path: "/c", preflight: true},
					{method: "PUT", path: "/c", creds: true, preflight: true},
					{method: "PUT", path: "/c", creds: true},
					{method: "PUT", path: "/c"},
				}
			}},
		{"one entry per method (#concept-cache-match-method)",
			func(e *specEnv) { allowAll(e, "/c", "PUT, DELETE", "", "600", false) },
			func(e *specEnv) []specStep {
				return []specStep{
					{method: "PUT", path: "/c", preflight: true},
					{method: "DELETE", path: "/c"},
					{method: "PATCH", path: "/c", preflight: true, fail: true},
				}
			}},
		{"one entry per header name, case-insensitive (#concept-cache-match-header)",
			func(e *specEnv) { allowAll(e, "/c", "", "x-a, x-b", "600", false) },
			func(e *specEnv) []specStep {
				return []specStep{
					{method: "GET", path: "/c", headers: []string{"X-A", "1"}, preflight: true},
					{method: "GET", path: "/c", headers: []string{"x-b", "1"}},
					{method: "GET", path: "/c", headers: []string{"X-A", "1", "X-B", "2"}},
					{method: "GET", path: "/c", headers: []string{"X-A", "1", "X-C", "2"}, preflight: true, fail: true},
				}
			}},
		{"* entries without credentials; never for Authorization (#concept-cache-match-header)",
			func(e *specEnv) { allowAll(e, "/c", "*", "*", "600", false) },
			func(e *specEnv) []specStep {
				return []specStep{
					{method: "PUT", path: "/c", headers: []string{"X-A", "1"}, preflight: true},
					{method: "DELETE", path: "/c", headers: []string{"X-Z", "1"}},
					// Authorization is never matched by a * entry, and the
					// preflight's * does not grant it: it fails.
					{method: "GET", path: "/c", headers: []string{"Authorization", "Bearer x"}, preflight: true, fail: true},
				}
			}},
	}
	for _, sc := range scenarios {
		t.Run(specName(sc.name), func(t *testing.T) {
			e := newSpecEnv(t)
			sc.setup(e)
			specRunSteps(t, e, sc.steps(e))
		})
	}
}

// TestPreflightCacheClearedOnFailure: when a request that needed a
// preflight ends in a network error (here the actual response fails the
// CORS check after a cache hit), its cache entries are cleared and the next
// request preflights again. See https://fetch.spec.whatwg.org/#main-fetch
// ("clear cache entries") and #concept-cache-clear.
func TestPreflightCacheClearedOnFailure(t *testing.T) {
	e := newSpecEnv(t)
	good := specRoute{Preflight: specAllowPreflight("PUT", "", "600"), Actual: specOK("")}
	bad := specRoute{Preflight: specAllowPreflight("PUT", "", "600"), Actual: specResp{}}
	e.B.Route("/c", good)
	specRunSteps(t, e, []specStep{
		{method: "PUT", path: "/c", preflight: true},
		{method: "PUT", path: "/c"},
	})
	e.B.Route("/c", bad)
	specRunSteps(t, e, []specStep{{method: "PUT", path: "/c", fail: true}})
	e.B.Route("/c", good)
	specRunSteps(t, e, []specStep{
		{method: "PUT", path: "/c", preflight: true},
		{method: "PUT", path: "/c"},
	})
}

// TestPreflightCacheSharedAcrossTransports: two Transports of the same page
// sharing one Cache share its entries (issue 5: "Cache: nil: a private
// cache"; a non-nil one is shared).
func TestPreflightCacheSharedAcrossTransports(t *testing.T) {
	e := newSpecEnv(t)
	e.B.Route("/c", specRoute{Preflight: specAllowPreflight("PUT", "", "600"), Actual: specOK("")})
	tr2 := &fetch.Transport{Base: e.Rec, Origin: e.Page, Cache: e.Cache}
	private := &fetch.Transport{Base: e.Rec, Origin: e.Page}
	specRunSteps(t, e, []specStep{
		{method: "PUT", path: "/c", preflight: true},
		{method: "PUT", path: "/c", tr: tr2},
		{method: "PUT", path: "/c", tr: private, preflight: true},
		{method: "PUT", path: "/c", tr: private},
	})
}

// TestPreflightCoalescing: with CoalescePreflights, concurrent identical
// cold requests share one OPTIONS (issue 5 "Optional coalescing"); without
// it each cold request may preflight on its own, but all succeed.
func TestPreflightCoalescing(t *testing.T) {
	e := newSpecEnv(t)
	release := make(chan struct{})
	e.B.Route("/co", specRoute{Func: func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", e.Page)
		if r.Method == "OPTIONS" {
			<-release // hold the first preflight until every request is waiting
			w.Header().Set("Access-Control-Allow-Methods", "PUT")
			w.Header().Set("Access-Control-Max-Age", "600")
		}
	}})
	tr := &fetch.Transport{Base: e.Rec, Origin: e.Page, Cache: e.Cache, CoalescePreflights: true}
	const n = 20
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		go func() {
			defer func() {
				if p := recover(); p != nil {
					errs <- fmt.Errorf("panic: %v", p)
				}
			}()
			req := specNewReq(t, "PUT", e.B.URL("/co"), "x").WithContext(specCtx(t, nil))
			resp, err := tr.RoundTrip(req)
			if err == nil {
				specDiscard(resp.Body)
			}
			errs <- err
		}()
	}
	// Wait until the first OPTIONS is in, give the others time to queue up.
	deadline := time.Now().Add(5 * time.Second)
	for len(e.B.Hits("/co")) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond)
	close(release)
	for i := 0; i < n; i++ {
		if err := <-errs; err != nil {
			t.Errorf("request: %v", err)
		}
	}
	var options int
	for _, m := range specMethods(e.B.Hits("/co")) {
		if m == "OPTIONS" {
			options++
		}
	}
	if options != 1 {
		t.Errorf("%d concurrent identical cold requests with CoalescePreflights made %d OPTIONS, want 1", n, options)
	}
	if got := len(e.B.Hits("/co")) - options; got != n {
		t.Errorf("actual requests = %d, want %d", got, n)
	}
}

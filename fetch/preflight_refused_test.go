package fetch

import (
	"net/http"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// refusingServer answers a preflight with the page's origin, only the
// requested method, the header x-a, for 60 s; a preflight asking for
// x-fail gets a 500. Actual responses allow the page.
func refusingServer() *scripted {
	return &scripted{answer: func(r *http.Request) (int, http.Header) {
		if r.Method == http.MethodOptions {
			if strings.Contains(r.Header.Get("Access-Control-Request-Headers"), "x-fail") {
				return 500, hdr("Access-Control-Allow-Origin: " + quirkPage)
			}
			return 200, hdr("Access-Control-Allow-Origin: "+quirkPage,
				"Access-Control-Allow-Methods: "+r.Header.Get("Access-Control-Request-Method"),
				"Access-Control-Allow-Headers: x-a", "Access-Control-Max-Age: 60")
		}
		return 200, hdr("Access-Control-Allow-Origin: " + quirkPage)
	}}
}

// A preflight that refuses the request's method or a header: WebKit caches
// its grant anyway and the failure does not clear it
// (cors.Policy.PreflightCacheStoresRefusedGrant, observed in WebKitGTK
// 2.50.6, spec_test/browser cache-failed-preflight-*). The standard
// caches only a successful preflight's grant and clears the URL's entries
// on the failure. A preflight that fails its status check caches nothing.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 and
// https://fetch.spec.whatwg.org/#concept-cache-clear.
func TestPreflightCacheStoresRefusedGrant(t *testing.T) {
	url := quirkAPI + "/r"
	putA := quirkCall{method: "PUT", url: url, header: hdr("X-A: 1")}
	putB := quirkCall{method: "PUT", url: url, header: hdr("X-B: 1")}
	delB := quirkCall{method: "DELETE", url: url, header: hdr("X-B: 1")}
	delA := quirkCall{method: "DELETE", url: url, header: hdr("X-A: 1")}
	putFail := quirkCall{method: "PUT", url: url, header: hdr("X-Fail: 1")}
	alone := cors.Policy{PreflightCacheStoresRefusedGrant: true}
	for _, tt := range []struct {
		name  string
		calls []quirkCall
		want  map[string]int // preflights by policy; "spec" is the default
	}{
		// The refused PUT's grant (PUT, x-a) covers the third call.
		{"header refused", []quirkCall{putA, putB, putA}, map[string]int{"spec": 3, "webkit": 2, "alone": 2}},
		// The refused DELETE's grant (DELETE, x-a) replaces the entry
		// under WebKit: PUT preflights again, and that grant replaces it
		// in turn. Added to it (the knob alone), both are covered.
		{"grant replaces", []quirkCall{putA, delB, putA, delA}, map[string]int{"spec": 4, "webkit": 4, "alone": 2}},
		// A status failure caches nothing and clears the entry.
		{"status failure", []quirkCall{putA, putFail, putA}, map[string]int{"spec": 3, "webkit": 3, "alone": 3}},
	} {
		policies := append(presets[:len(presets):len(presets)], struct {
			name string
			p    cors.Policy
		}{"alone", alone})
		for _, pr := range policies {
			if pr.name == "chromium" || pr.name == "firefox" {
				continue // no preflight cache entry after a failure either
			}
			base := refusingServer()
			tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
			sendAll(t, tr, tt.calls...)
			want, ok := tt.want[pr.name]
			if !ok {
				want = tt.want["spec"]
			}
			if n := countOptions(base.take()); n != want {
				t.Errorf("%s: %s: %d preflights, want %d", tt.name, pr.name, n, want)
			}
		}
	}
}

// The refused preflight still fails its request.
func TestRefusedGrantStillFails(t *testing.T) {
	base := refusingServer()
	tr := &Transport{Base: base, Origin: quirkPage, Policy: cors.WebKitPolicy()}
	got := sendAll(t, tr, quirkCall{method: "PUT", url: quirkAPI + "/r", header: hdr("X-B: 1")}, quirkCall{method: "PUT", url: quirkAPI + "/r", header: hdr("X-B: 1")})
	for i, g := range got {
		if g != "blocked HeaderDisallowedByPreflightResponse" {
			t.Errorf("call %d: %s, want blocked HeaderDisallowedByPreflightResponse", i, g)
		}
	}
	// The cached grant (PUT, x-a) does not cover x-b: both preflight.
	if n := countOptions(base.take()); n != 2 {
		t.Errorf("%d preflights, want 2", n)
	}
}

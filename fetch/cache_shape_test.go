package fetch

import (
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// grantServer answers every preflight with the page's origin,
// credentials, 60 s and the given lines; actual responses allow the page
// (with credentials) unless fail is set.
func grantServer(fail *atomic.Bool, lines ...string) *scripted {
	return &scripted{answer: func(r *http.Request) (int, http.Header) {
		if r.Method == http.MethodOptions {
			return 200, hdr(append([]string{"Access-Control-Allow-Origin: " + quirkPage,
				"Access-Control-Allow-Credentials: true", "Access-Control-Max-Age: 60"}, lines...)...)
		}
		if fail != nil && fail.Load() {
			return 200, nil
		}
		return 200, hdr("Access-Control-Allow-Origin: "+quirkPage, "Access-Control-Allow-Credentials: true")
	}}
}

var (
	credPUT   = quirkCall{method: "PUT", url: quirkAPI + "/r", opts: Options{Credentials: CredentialsInclude}}
	noCredPUT = quirkCall{method: "PUT", url: quirkAPI + "/r"}
)

// cors.Policy.PreflightCacheByCredentials (Firefox): a credentialed grant
// does not serve a request without credentials; the standard's entry
// created with credentials matches both.
// See https://fetch.spec.whatwg.org/#concept-cache-match.
func TestPreflightCacheByCredentials(t *testing.T) {
	for _, pr := range presets {
		want := 1
		if pr.name == "firefox" {
			want = 2
		}
		base := grantServer(nil, "Access-Control-Allow-Methods: PUT")
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		sendAll(t, tr, credPUT, noCredPUT)
		if n := countOptions(base.take()); n != want {
			t.Errorf("%s: credentialed then uncredentialed PUT: %d preflights, want %d", pr.name, n, want)
		}
	}
}

// Clearing a URL's entries under PreflightCacheByCredentials clears those
// of both credentials modes, as Firefox's RemoveEntries does.
// See https://fetch.spec.whatwg.org/#concept-cache-clear.
func TestPreflightCacheByCredentialsClearsBoth(t *testing.T) {
	var fail atomic.Bool
	base := grantServer(&fail, "Access-Control-Allow-Methods: PUT")
	tr := &Transport{Base: base, Origin: quirkPage, Policy: cors.Policy{PreflightCacheByCredentials: true}}
	sendAll(t, tr, noCredPUT, credPUT, noCredPUT, credPUT)
	if n := countOptions(base.take()); n != 2 {
		t.Fatalf("%d preflights for two PUTs of each mode, want 2 (one per mode)", n)
	}
	fail.Store(true)
	if got := sendAll(t, tr, credPUT); got[0] != "blocked MissingAllowOriginHeader" {
		t.Fatalf("failing actual response: %v", got)
	}
	fail.Store(false)
	sendAll(t, tr, noCredPUT, credPUT)
	if n := countOptions(base.take()); n != 2 {
		t.Errorf("after a failed credentialed PUT: %d preflights, want 2 (both modes cleared)", n)
	}
}

// cors.Policy.PreflightCacheNoWildcard (Firefox): a "*" grant is not
// cached, so the same request preflights again; the standard's "*" entry
// covers it. See https://fetch.spec.whatwg.org/#concept-cache-match-method.
func TestPreflightCacheNoWildcard(t *testing.T) {
	for _, tc := range []struct {
		name  string
		grant string
		call  quirkCall
	}{
		{"methods", "Access-Control-Allow-Methods: *", noCredPUT},
		{"headers", "Access-Control-Allow-Headers: *", quirkCall{method: "GET", url: quirkAPI + "/r", header: hdr("X-A: 1")}},
	} {
		for _, pr := range presets {
			want := 1
			if pr.name == "firefox" {
				want = 2
			}
			base := grantServer(nil, tc.grant)
			tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
			if got := sendAll(t, tr, tc.call, tc.call); got[0] != "ok OK" || got[1] != "ok OK" {
				t.Fatalf("%s, %s: %v", tc.name, pr.name, got)
			}
			if n := countOptions(base.take()); n != want {
				t.Errorf("%s, %s: %d preflights, want %d", tc.name, pr.name, n, want)
			}
		}
	}
}

// cors.Policy.PreflightCacheHEADNeedsMethod (Firefox): a HEAD with a
// custom header is covered from the cache only if the preflight listed
// HEAD; the standard never checks a CORS-safelisted method.
// See https://fetch.spec.whatwg.org/#http-fetch.
func TestPreflightCacheHEADNeedsMethod(t *testing.T) {
	head := quirkCall{method: "HEAD", url: quirkAPI + "/r", header: hdr("X-A: 1")}
	for _, tc := range []struct {
		lines   []string
		firefox int
	}{
		{[]string{"Access-Control-Allow-Headers: x-a"}, 2},
		{[]string{"Access-Control-Allow-Headers: x-a", "Access-Control-Allow-Methods: HEAD"}, 1},
	} {
		for _, pr := range presets {
			want := 1
			if pr.name == "firefox" {
				want = tc.firefox
			}
			base := grantServer(nil, tc.lines...)
			tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
			sendAll(t, tr, head, head)
			if n := countOptions(base.take()); n != want {
				t.Errorf("%v, %s: %d preflights, want %d", tc.lines, pr.name, n, want)
			}
		}
	}
}

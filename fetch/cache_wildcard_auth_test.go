package fetch

import (
	"slices"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// Two identical GETs with Authorization to a URL whose preflight answers
// "Access-Control-Allow-Headers: *" for 60 s. The standard fails the first
// (its "*" never covers Authorization); Chromium, Firefox and WebKit let
// the preflight's "*" cover it (AuthorizationCoveredByWildcard). Chromium's
// cache never does, so it preflights again; Firefox keeps no cache; WebKit's
// cache does (cors.Policy.CachedWildcardCoversAuthorization), so its second
// GET sends no preflight. Observed in WebKitGTK 2.50.6 (spec_test/browser
// cache-star-auth). See https://fetch.spec.whatwg.org/#concept-cache-match-header.
func TestCachedWildcardCoversAuthorization(t *testing.T) {
	want := map[string]int{"chromium": 2, "firefox": 2, "webkit": 1}
	for _, pr := range presets {
		base := routed(map[string]route{"api.test/r": {preflight: []string{"Access-Control-Allow-Headers: *", "Access-Control-Max-Age: 60"}}})
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		call := quirkCall{method: "GET", url: quirkAPI + "/r", header: hdr("Authorization: Bearer x")}
		got := sendAll(t, tr, call, call)
		if pr.name == "spec" {
			if got[0] == "ok OK" {
				t.Errorf("spec: %v, want the first GET blocked", got)
			}
			continue
		}
		if !slices.Equal(got, []string{"ok OK", "ok OK"}) {
			t.Fatalf("%s: %v", pr.name, got)
		}
		if n := countOptions(base.take()); n != want[pr.name] {
			t.Errorf("%s: %d preflights, want %d", pr.name, n, want[pr.name])
		}
	}
}

// The knob is for requests without credentials: a credentialed request's
// "*" is a literal name, so its preflight already fails.
func TestCachedWildcardAuthorizationNotForCredentials(t *testing.T) {
	p := cors.Policy{AuthorizationCoveredByWildcard: true, CachedWildcardCoversAuthorization: true}
	base := routed(map[string]route{"api.test/r": {preflight: []string{"Access-Control-Allow-Headers: *", "Access-Control-Allow-Credentials: true", "Access-Control-Max-Age: 60"}}})
	tr := &Transport{Base: base, Origin: quirkPage, Policy: p}
	call := quirkCall{method: "GET", url: quirkAPI + "/r", header: hdr("Authorization: Bearer x"), opts: Options{Credentials: CredentialsInclude}}
	got := sendAll(t, tr, call, call)
	if got[0] == "ok OK" || got[1] == "ok OK" {
		t.Errorf("credentialed GETs: %v, want both blocked", got)
	}
	if n := countOptions(base.take()); n != 2 {
		t.Errorf("%d preflights, want 2", n)
	}
}

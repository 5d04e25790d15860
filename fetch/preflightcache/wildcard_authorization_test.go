package preflightcache

import (
	"testing"
	"time"
)

// A cached "*" header-name entry never matches Authorization under the
// standard (Covers); WebKit's cache lets it, for a request without
// credentials only (CoversWildcardAuthorization). Observed in WebKitGTK
// 2.50.6: the second of two identical fetches carrying Authorization to a
// URL whose preflight allowed "*" for 60 s sends no preflight.
// See https://fetch.spec.whatwg.org/#concept-cache-match-header.
func TestCoversWildcardAuthorization(t *testing.T) {
	k := keyN(1)
	for _, tt := range []struct {
		name       string
		stored     *Key
		cred       bool
		method     string
		check      bool
		headers    []string
		spec, want bool
	}{
		{name: "authorization under a cached star", method: "GET", headers: []string{"authorization"}, spec: false, want: true},
		{name: "authorization and x-a under a cached star", method: "GET", headers: []string{"authorization", "x-a"}, spec: false, want: true},
		{name: "credentialed request: star is literal", cred: true, method: "GET", headers: []string{"authorization"}, spec: false, want: false},
		{name: "method not cached", method: "PUT", check: true, headers: []string{"authorization"}, spec: false, want: false},
		{name: "other key", stored: new(keyN(2)), method: "GET", headers: []string{"authorization"}, spec: false, want: false},
		{name: "nothing to check", method: "GET", spec: true, want: true},
	} {
		c, _ := newFake(Options{})
		c.Store(k, result(tt.cred, time.Minute, []string{"DELETE"}, []string{"*"}))
		at := k
		if tt.stored != nil {
			at = *tt.stored
		}
		if got := c.Covers(at, tt.cred, tt.method, tt.check, tt.headers); got != tt.spec {
			t.Errorf("%s: Covers = %v, want %v", tt.name, got, tt.spec)
		}
		if got := c.CoversWildcardAuthorization(at, tt.cred, tt.method, tt.check, tt.headers); got != tt.want {
			t.Errorf("%s: CoversWildcardAuthorization = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// An expired "*" entry covers nothing.
func TestCoversWildcardAuthorizationExpires(t *testing.T) {
	c, clk := newFake(Options{})
	k := keyN(3)
	c.Store(k, result(false, time.Minute, nil, []string{"*"}))
	clk.Advance(time.Minute)
	if c.CoversWildcardAuthorization(k, false, "GET", false, []string{"authorization"}) {
		t.Error("an expired star entry covered Authorization")
	}
}

// WebKit's lookup, a hit or a miss, allocates nothing either.
func TestCoversWildcardAuthorizationAllocatesNothing(t *testing.T) {
	c, _ := newFake(Options{})
	k, absent := keyN(4), keyN(5)
	c.Store(k, result(false, time.Hour, []string{"PUT"}, []string{"*"}))
	hit := []string{"authorization", "x-a"}
	for _, tc := range []struct {
		name string
		want bool
		f    func() bool
	}{
		{"hit", true, func() bool { return c.CoversWildcardAuthorization(k, false, "PUT", true, hit) }},
		{"miss (credentials)", false, func() bool { return c.CoversWildcardAuthorization(k, true, "PUT", true, hit) }},
		{"miss (absent key)", false, func() bool { return c.CoversWildcardAuthorization(absent, false, "PUT", true, hit) }},
	} {
		if got := tc.f(); got != tc.want {
			t.Fatalf("%s = %v, want %v", tc.name, got, tc.want)
		}
		if n := testing.AllocsPerRun(1000, func() { tc.f() }); n != 0 {
			t.Errorf("%s allocates %v times per run, want 0", tc.name, n)
		}
	}
}

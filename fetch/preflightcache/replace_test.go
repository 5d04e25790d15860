package preflightcache

import (
	"testing"
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// Store accumulates the grants of several preflights on one key (the
// standard, https://fetch.spec.whatwg.org/#cors-preflight-fetch-0);
// Replace keeps only the last (Chromium's and WebKit's one entry per URL,
// browsers.md §1 "Entry shape" and §6). The sequence is the middleware
// pattern of issue 9: a server that allows only the requested method, then
// PUT, DELETE, PUT on one URL.
func TestReplaceKeepsOnlyTheLastGrant(t *testing.T) {
	k := keyN(1)
	put := result(false, time.Minute, []string{"PUT"}, []string{"x-a"})
	del := result(false, time.Minute, []string{"DELETE"}, nil)
	for _, tt := range []struct {
		name  string
		store func(*Cache, Key, *cors.PreflightResult)
		// after PUT then DELETE: is PUT (with x-a) still covered?
		putCovered bool
	}{
		{"Store (spec)", (*Cache).Store, true},
		{"Replace (Chromium, WebKit)", (*Cache).Replace, false},
	} {
		c, _ := newFake(Options{})
		tt.store(c, k, put)
		if !c.Covers(k, false, "PUT", true, []string{"x-a"}) {
			t.Fatalf("%s: PUT not covered after its own grant", tt.name)
		}
		tt.store(c, k, del)
		if !c.Covers(k, false, "DELETE", true, nil) {
			t.Errorf("%s: DELETE not covered after its own grant", tt.name)
		}
		if got := c.Covers(k, false, "PUT", true, nil); got != tt.putCovered {
			t.Errorf("%s: PUT covered after DELETE's grant = %v, want %v", tt.name, got, tt.putCovered)
		}
		if got := c.MatchHeader(k, false, "x-a"); got != tt.putCovered {
			t.Errorf("%s: x-a covered after DELETE's grant = %v, want %v", tt.name, got, tt.putCovered)
		}
		if s := checkInvariants(c); s != "" {
			t.Errorf("%s: %s", tt.name, s)
		}
	}
}

// A replacing grant whose max-age is zero (Chromium: "Max-Age: -1" or "0")
// leaves the key with no entries: the old grant is gone too.
func TestReplaceWithZeroMaxAgeEmptiesTheKey(t *testing.T) {
	c, _ := newFake(Options{})
	k := keyN(2)
	c.Replace(k, result(false, time.Minute, []string{"PUT"}, nil))
	c.Replace(k, result(false, 0, []string{"DELETE"}, nil))
	if c.Covers(k, false, "PUT", true, nil) || c.Covers(k, false, "DELETE", true, nil) {
		t.Error("an entry survived a replacing grant with max-age 0")
	}
	if n := c.Len(); n != 0 {
		t.Errorf("Len = %d, want 0", n)
	}
	c.Replace(k, nil)
	c.Replace(Key{URL: string(make([]byte, 1<<20))}, result(false, time.Minute, []string{"PUT"}, nil))
	if n := c.Len(); n != 0 {
		t.Errorf("nil result or overlong key stored something: Len = %d", n)
	}
}

// Holds sees any live entry of the key that the credentials mode may use.
func TestHolds(t *testing.T) {
	c, clk := newFake(Options{})
	k := keyN(3)
	if c.Holds(k, false) {
		t.Error("empty cache holds k")
	}
	c.Store(k, result(false, time.Minute, nil, []string{"x-a"}))
	if !c.Holds(k, false) {
		t.Error("a header entry is not held")
	}
	if c.Holds(k, true) {
		t.Error("an uncredentialed entry serves a credentialed request")
	}
	if c.Holds(keyN(4), false) {
		t.Error("another key is held")
	}
	clk.Advance(time.Minute)
	if c.Holds(k, false) {
		t.Error("an expired entry is held")
	}
}

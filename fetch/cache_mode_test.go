package fetch

import (
	"errors"
	"maps"
	"net/http"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

func TestCacheModeString(t *testing.T) {
	for c, want := range map[CacheMode]string{
		CacheDefault: "default", CacheNoStore: "no-store", CacheReload: "reload", CacheNoCache: "no-cache",
		CacheForceCache: "force-cache", CacheOnlyIfCached: "only-if-cached", CacheMode(9): "CacheMode(9)",
	} {
		if got := c.String(); got != want {
			t.Errorf("CacheMode(%d).String() = %q, want %q", c, got, want)
		}
	}
}

// fetch() throws a TypeError for only-if-cached outside mode same-origin;
// the Transport returns a *RequestError and sends nothing.
// See https://fetch.spec.whatwg.org/#dom-request.
func TestCacheModeRequestErrors(t *testing.T) {
	cases := []struct {
		name string
		url  string
		o    Options
		want RequestKind // 0: sent
	}{
		{"only-if-cached cors", quirkAPI + "/r", Options{Cache: CacheOnlyIfCached}, OnlyIfCachedMode},
		{"only-if-cached no-cors", quirkAPI + "/r", Options{Cache: CacheOnlyIfCached, Mode: ModeNoCORS}, OnlyIfCachedMode},
		{"only-if-cached navigate", quirkPage + "/r", Options{Cache: CacheOnlyIfCached, Mode: ModeNavigate}, OnlyIfCachedMode},
		{"only-if-cached same-origin", quirkPage + "/r", Options{Cache: CacheOnlyIfCached, Mode: ModeSameOrigin}, 0},
		{"unknown", quirkPage + "/r", Options{Cache: CacheOnlyIfCached + 1}, InvalidCacheMode},
	}
	for _, c := range cases {
		base := routed(map[string]route{"page.test/r": {}, "api.test/r": {}})
		tr := &Transport{Base: base, Origin: quirkPage}
		_, _, err := do(t, tr, "GET", c.url, c.o, nil, "")
		var re *RequestError
		switch {
		case c.want == 0 && err != nil:
			t.Errorf("%s: %v, want a response", c.name, err)
		case c.want != 0 && (!errors.As(err, &re) || re.Kind != c.want):
			t.Errorf("%s: err = %v, want a *RequestError of kind %q", c.name, err, c.want)
		case c.want != 0 && len(base.take()) != 0:
			t.Errorf("%s: a request went out", c.name)
		}
	}
}

// The HTTP-network-or-cache fetch appends Cache-Control and Pragma for the
// cache modes no-cache, no-store and reload, unless the page set them; a
// default request with a conditional header is no-store (no-cache under
// cors.Policy.ConditionalRequestNoCache, Chromium).
// See https://fetch.spec.whatwg.org/#http-network-or-cache-fetch.
func TestCacheModeRequestHeaders(t *testing.T) {
	cases := []struct {
		name   string
		mode   CacheMode
		header http.Header
		policy cors.Policy
		want   string // "Pragma|Cache-Control" on the wire
	}{
		{"default", CacheDefault, nil, cors.Policy{}, "|"},
		{"no-store", CacheNoStore, nil, cors.Policy{}, "no-cache|no-cache"},
		{"reload", CacheReload, nil, cors.Policy{}, "no-cache|no-cache"},
		{"no-cache", CacheNoCache, nil, cors.Policy{}, "|max-age=0"},
		{"force-cache", CacheForceCache, nil, cors.Policy{}, "|"},
		{"only-if-cached", CacheOnlyIfCached, nil, cors.Policy{}, "|"},
		{"reload, page's Cache-Control", CacheReload, hdr("Cache-Control: max-age=5"), cors.Policy{}, "no-cache|max-age=5"},
		{"no-store, page's Pragma", CacheNoStore, hdr("Pragma: x"), cors.Policy{}, "x|no-cache"},
		{"no-cache, page's Cache-Control", CacheNoCache, hdr("Cache-Control: no-transform"), cors.Policy{}, "|no-transform"},
		{"default, If-None-Match", CacheDefault, hdr(`If-None-Match: "v"`), cors.Policy{}, "no-cache|no-cache"},
		{"default, If-Range", CacheDefault, hdr(`If-Range: "v"`), cors.Policy{}, "no-cache|no-cache"},
		{"default, if-none-match not canonical", CacheDefault, http.Header{"if-none-match": {`"v"`}}, cors.Policy{}, "no-cache|no-cache"},
		{"default, If-Other", CacheDefault, hdr("If-Other: 1"), cors.Policy{}, "|"},
		{"reload, If-Match", CacheReload, hdr(`If-Match: "v"`), cors.Policy{}, "no-cache|no-cache"},
		{"default, If-None-Match, chromium", CacheDefault, hdr(`If-None-Match: "v"`), cors.ChromiumPolicy(), "|max-age=0"},
		{"default, If-Modified-Since, chromium", CacheDefault, hdr("If-Modified-Since: Tue, 15 Nov 1994 12:45:26 GMT"), cors.ChromiumPolicy(), "|max-age=0"},
		{"no-store, If-None-Match, chromium", CacheNoStore, hdr(`If-None-Match: "v"`), cors.ChromiumPolicy(), "no-cache|no-cache"},
	}
	for _, c := range cases {
		base := routed(map[string]route{"page.test/r": {}})
		tr := &Transport{Base: base, Origin: quirkPage, Policy: c.policy}
		mode := ModeSameOrigin
		if c.mode != CacheOnlyIfCached {
			mode = ModeCORS
		}
		if _, _, err := do(t, tr, "GET", quirkPage+"/r", Options{Cache: c.mode, Mode: mode}, c.header, ""); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		reqs := base.lastReqs()
		if len(reqs) != 1 {
			t.Fatalf("%s: %d requests, want 1", c.name, len(reqs))
		}
		if got := reqs[0].Header.Get("Pragma") + "|" + reqs[0].Header.Get("Cache-Control"); got != c.want {
			t.Errorf("%s: Pragma|Cache-Control = %q, want %q", c.name, got, c.want)
		}
	}
}

// cors.Policy.PreflightTakesCacheMode (Chromium, Firefox): no-store and
// reload skip the preflight cache lookup and the preflight carries the
// mode's headers; NoCacheSkipsPreflightCache (Chromium): no-cache skips it
// too; NoStorePreflightNotStored (Chromium): no-store does not store. The
// standard's preflight cache ignores the cache mode. Each case is a PUT
// with the mode, a default PUT, and a PUT with the mode again, on one URL
// within max-age; the wants are the preflights per call (the Firefox ones
// as observed in Firefox ESR 153.8 by spec_test/browser).
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func TestPreflightTakesCacheMode(t *testing.T) {
	spec := map[CacheMode]string{CacheDefault: "100", CacheNoStore: "100", CacheReload: "100", CacheNoCache: "100", CacheForceCache: "100"}
	with := func(m CacheMode, v string) map[CacheMode]string {
		w := maps.Clone(spec)
		w[m] = v
		return w
	}
	takes := with(CacheNoStore, "101")
	takes[CacheReload] = "101"
	chromium := maps.Clone(takes)
	chromium[CacheNoStore], chromium[CacheNoCache] = "111", "101"
	wantHeader := map[CacheMode]string{ // the preflight's Pragma|Cache-Control when it takes the mode
		CacheDefault: "|", CacheNoStore: "no-cache|no-cache", CacheReload: "no-cache|no-cache", CacheNoCache: "|max-age=0", CacheForceCache: "|",
	}
	for _, pr := range []struct {
		name    string
		p       cors.Policy
		want    map[CacheMode]string
		headers bool // the preflight carries the mode's headers
	}{
		{"spec", cors.Policy{}, spec, false},
		{"PreflightTakesCacheMode", cors.Policy{PreflightTakesCacheMode: true}, takes, true},
		{"NoCacheSkipsPreflightCache", cors.Policy{NoCacheSkipsPreflightCache: true}, with(CacheNoCache, "101"), false},
		{"NoStorePreflightNotStored", cors.Policy{NoStorePreflightNotStored: true}, with(CacheNoStore, "110"), false},
		{"chromium", cors.ChromiumPolicy(), chromium, true},
		{"firefox", cors.FirefoxPolicy(), takes, true},
		{"webkit", cors.WebKitPolicy(), spec, false},
	} {
		for mode := CacheDefault; mode <= CacheForceCache; mode++ {
			base := routed(map[string]route{"api.test/r": {preflight: []string{"Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 600"}}})
			tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
			var got strings.Builder
			for i, m := range []CacheMode{mode, CacheDefault, mode} {
				if _, _, err := do(t, tr, "PUT", quirkAPI+"/r", Options{Cache: m}, nil, "x"); err != nil {
					t.Fatalf("%s %v: %v", pr.name, mode, err)
				}
				wh := "|" // the preflight's Pragma|Cache-Control
				if pr.headers && i != 1 {
					wh = wantHeader[mode]
				}
				n := 0
				for _, r := range base.lastReqs() {
					if r.Method != http.MethodOptions {
						continue
					}
					n++
					if h := r.Header.Get("Pragma") + "|" + r.Header.Get("Cache-Control"); h != wh {
						t.Errorf("%s, %v: call %d's preflight has Pragma|Cache-Control %q, want %q", pr.name, mode, i, h, wh)
					}
				}
				base.take()
				got.WriteByte(byte('0' + n))
			}
			if got.String() != pr.want[mode] {
				t.Errorf("%s, %v, default, %v: preflights per call %s, want %s", pr.name, mode, mode, got.String(), pr.want[mode])
			}
		}
	}
}

// Under Chromium a default request with a conditional header is no-cache:
// its lookup skips the preflight cache, and its grant is stored.
func TestConditionalRequestPreflightCache(t *testing.T) {
	for _, pr := range []struct {
		name string
		p    cors.Policy
		want string
	}{{"spec", cors.Policy{}, "100"}, {"chromium", cors.ChromiumPolicy(), "101"}} {
		base := routed(map[string]route{"api.test/r": {preflight: []string{"Access-Control-Allow-Headers: if-none-match, x-a", "Access-Control-Max-Age: 600"}}})
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		var got strings.Builder
		for _, h := range []http.Header{hdr(`If-None-Match: "v"`), hdr("X-A: 1"), hdr(`If-None-Match: "v"`)} {
			if _, _, err := do(t, tr, "GET", quirkAPI+"/r", Options{}, h, ""); err != nil {
				t.Fatalf("%s: %v", pr.name, err)
			}
			n := 0
			for _, l := range base.take() {
				if strings.HasPrefix(l, "OPTIONS ") {
					n++
				}
			}
			got.WriteByte(byte('0' + n))
		}
		if got.String() != pr.want {
			t.Errorf("%s: preflights per call %s, want %s", pr.name, got.String(), pr.want)
		}
	}
}

// Coalesced preflights (Transport.CoalescePreflights) share a preflight
// only between requests whose cache modes act alike on it: under
// cors.Policy.PreflightTakesCacheMode a reload request must not wait on a
// default one, which may be served from the cache.
func TestFlightKeyCacheMode(t *testing.T) {
	key := func(p cors.Policy, c CacheMode) string {
		f := &fetchState{t: &Transport{Policy: p}, method: "PUT", cache: c}
		return f.flightKey(preflightcache.Key{Origin: quirkPage, URL: quirkAPI + "/r"}, nil)
	}
	if key(cors.Policy{}, CacheDefault) != key(cors.Policy{}, CacheReload) {
		t.Error("standard: the cache mode splits coalesced preflights; it changes nothing there")
	}
	for _, p := range []struct {
		name string
		p    cors.Policy
		mode CacheMode
	}{
		{"chromium", cors.ChromiumPolicy(), CacheReload},
		{"firefox", cors.FirefoxPolicy(), CacheReload},
		{"NoCacheSkipsPreflightCache", cors.Policy{NoCacheSkipsPreflightCache: true}, CacheNoCache},
		{"NoStorePreflightNotStored", cors.Policy{NoStorePreflightNotStored: true}, CacheNoStore},
	} {
		if key(p.p, CacheDefault) == key(p.p, p.mode) {
			t.Errorf("%s: a %v request shares a default request's preflight", p.name, p.mode)
		}
	}
}

package preflightcachespec

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// Scenario tests in the style of net/http/cookiejar's jarTest tables: each
// scenario runs a sequence of steps on a fresh cache with a fake clock:
// store a preflight result, advance the clock, clear, and look up. Every
// scenario cites the spec anchor or web-platform-tests file it comes from.

const spec = "https://fetch.spec.whatwg.org/"

var (
	k0 = preflightcache.Key{Partition: "https://top.example", Origin: "https://app.example", URL: "https://api.example/items"}
	// Keys differing from k0 in exactly one field.
	kOtherPartition = preflightcache.Key{Partition: "https://other-top.example", Origin: k0.Origin, URL: k0.URL}
	kNullPartition  = preflightcache.Key{Partition: "", Origin: k0.Origin, URL: k0.URL}
	kOtherOrigin    = preflightcache.Key{Partition: k0.Partition, Origin: "https://evil.example", URL: k0.URL}
	kNullOrigin     = preflightcache.Key{Partition: k0.Partition, Origin: "null", URL: k0.URL}
	kOtherURL       = preflightcache.Key{Partition: k0.Partition, Origin: k0.Origin, URL: "https://api.example/items?page=2"}
	kFragmentURL    = preflightcache.Key{Partition: k0.Partition, Origin: k0.Origin, URL: "https://api.example/items#top"}
	kOriginCase     = preflightcache.Key{Partition: k0.Partition, Origin: "https://APP.example", URL: k0.URL}
)

// step is one action of a scenario; it reports a failure as a message.
type step struct {
	desc string
	run  func(c *preflightcache.Cache, clk *fakeClock) (failure string)
}

func storeP(k preflightcache.Key, cred bool, maxAge time.Duration, methods, headers []string) step {
	return step{
		desc: fmt.Sprintf("store %s cred=%v max-age=%v methods=%q headers=%q", k.URL, cred, maxAge, methods, headers),
		run: func(c *preflightcache.Cache, _ *fakeClock) string {
			c.Store(k, &cors.PreflightResult{Methods: methods, Headers: headers, MaxAge: maxAge, Credentials: cred})
			return ""
		},
	}
}

func advance(d time.Duration) step {
	return step{desc: "advance " + d.String(), run: func(_ *preflightcache.Cache, clk *fakeClock) string {
		clk.Advance(d)
		return ""
	}}
}

func clearK(k preflightcache.Key) step {
	return step{desc: "clear " + k.URL, run: func(c *preflightcache.Cache, _ *fakeClock) string {
		c.Clear(k)
		return ""
	}}
}

func wantMethod(k preflightcache.Key, cred bool, method string, want bool) step {
	d := fmt.Sprintf("MatchMethod(%s, cred=%v, %q) want %v", k.URL, cred, method, want)
	return step{desc: d, run: func(c *preflightcache.Cache, _ *fakeClock) string {
		if got := c.MatchMethod(k, cred, method); got != want {
			return fmt.Sprintf("got %v", got)
		}
		return ""
	}}
}

func wantHeader(k preflightcache.Key, cred bool, name string, want bool) step {
	d := fmt.Sprintf("MatchHeader(%s, cred=%v, %q) want %v", k.URL, cred, name, want)
	return step{desc: d, run: func(c *preflightcache.Cache, _ *fakeClock) string {
		if got := c.MatchHeader(k, cred, name); got != want {
			return fmt.Sprintf("got %v", got)
		}
		return ""
	}}
}

func wantCovers(k preflightcache.Key, cred bool, method string, checkMethod bool, headers []string, want bool) step {
	d := fmt.Sprintf("Covers(%s, cred=%v, %q, checkMethod=%v, %q) want %v", k.URL, cred, method, checkMethod, headers, want)
	return step{desc: d, run: func(c *preflightcache.Cache, _ *fakeClock) string {
		if got := c.Covers(k, cred, method, checkMethod, headers); got != want {
			return fmt.Sprintf("got %v", got)
		}
		return ""
	}}
}

func wantLen(n int) step {
	return step{desc: fmt.Sprintf("Len() want %d", n), run: func(c *preflightcache.Cache, _ *fakeClock) string {
		if got := c.Len(); got != n {
			return fmt.Sprintf("got %d", got)
		}
		return ""
	}}
}

type scenario struct {
	name   string
	source string // spec anchor or WPT file
	opts   preflightcache.Options
	steps  []step
}

func list(s ...string) []string { return s }

var none []string

const sec = time.Second

var scenarios = []scenario{
	// --- WPT cors/preflight-cache.htm -------------------------------------
	{
		name:   "preflight for x-print should be cached",
		source: "wpt cors/preflight-cache.htm (server: ACAM echoes GET, ACAH x-print, no max-age: 5 s default)",
		steps: []step{
			wantCovers(k0, false, "GET", false, list("x-print"), false),
			storeP(k0, false, 5*sec, list("GET"), list("x-print")),
			wantCovers(k0, false, "GET", false, list("x-print"), true),
		},
	},
	{
		name:   "age = 0, should not be cached",
		source: "wpt cors/preflight-cache.htm; " + spec + "#cors-preflight-fetch-0 (max-age 0)",
		steps: []step{
			storeP(k0, false, 0, list("GET"), list("x-print")),
			wantCovers(k0, false, "GET", false, list("x-print"), false),
			storeP(k0, false, 0, list("GET"), list("x-print")),
			wantCovers(k0, false, "GET", false, list("x-print"), false),
			wantLen(0),
		},
	},
	{
		name:   "age = -1, should not be cached (a negative MaxAge from the parser stores nothing)",
		source: "wpt cors/preflight-cache.htm",
		steps: []step{
			storeP(k0, false, -1*sec, list("GET"), list("x-print")),
			wantCovers(k0, false, "GET", false, list("x-print"), false),
			wantLen(0),
		},
	},
	{
		name:   "preflight first request, second from cache, wait, third should preflight again",
		source: "wpt cors/preflight-cache.htm (max_age=1, wait 1.5 s)",
		steps: []step{
			wantCovers(k0, false, "GET", false, list("x-print"), false),
			storeP(k0, false, 1*sec, list("GET"), list("x-print")),
			wantCovers(k0, false, "GET", false, list("x-print"), true),
			advance(1500 * time.Millisecond),
			wantCovers(k0, false, "GET", false, list("x-print"), false),
			storeP(k0, false, 1*sec, list("GET"), list("x-print")),
			wantCovers(k0, false, "GET", false, list("x-print"), true),
		},
	},
	// --- WPT fetch/api/cors/cors-preflight-cache.any.js -------------------
	{
		name:   "second POST with x-test-header is not preflighted",
		source: "wpt fetch/api/cors/cors-preflight-cache.any.js (max_age=12000 capped to 7200 by cors.Policy)",
		steps: []step{
			wantCovers(k0, false, "POST", false, list("x-test-header"), false),
			storeP(k0, false, 7200*sec, list("POST"), list("x-test-header")),
			wantCovers(k0, false, "POST", false, list("x-test-header"), true),
			advance(7199 * sec),
			wantCovers(k0, false, "POST", false, list("x-test-header"), true),
			advance(1 * sec),
			wantCovers(k0, false, "POST", false, list("x-test-header"), false),
		},
	},
	// --- #concept-cache-match: key, origin, URL ---------------------------
	{
		name:   "a cache entry match needs the same network partition key, origin bytes and URL",
		source: spec + "#concept-cache-match",
		steps: []step{
			storeP(k0, false, 60*sec, list("PUT"), list("x-a")),
			wantMethod(k0, false, "PUT", true),
			wantMethod(kOtherPartition, false, "PUT", false),
			wantMethod(kNullPartition, false, "PUT", false),
			wantMethod(kOtherOrigin, false, "PUT", false),
			wantMethod(kNullOrigin, false, "PUT", false),
			wantMethod(kOriginCase, false, "PUT", false),
			wantMethod(kOtherURL, false, "PUT", false),
			wantMethod(kFragmentURL, false, "PUT", false),
			wantHeader(kOtherURL, false, "x-a", false),
		},
	},
	{
		name:   "a null network partition key is a key of its own",
		source: spec + "#network-partition-key",
		steps: []step{
			storeP(kNullPartition, false, 60*sec, list("PUT"), none),
			wantMethod(kNullPartition, false, "PUT", true),
			wantMethod(k0, false, "PUT", false),
		},
	},
	{
		name:   "the tainted origin null is cached under \"null\"",
		source: spec + "#concept-cache-create-entry (byte-serialized request origin)",
		steps: []step{
			storeP(kNullOrigin, false, 60*sec, list("PUT"), none),
			wantMethod(kNullOrigin, false, "PUT", true),
			wantMethod(k0, false, "PUT", false),
		},
	},
	// --- credentials asymmetry --------------------------------------------
	{
		name:   "a credentialed entry serves a non-credentialed request",
		source: spec + "#concept-cache-match (entry's credentials is true)",
		steps: []step{
			storeP(k0, true, 60*sec, list("PUT"), list("x-a")),
			wantMethod(k0, true, "PUT", true),
			wantMethod(k0, false, "PUT", true),
			wantHeader(k0, true, "x-a", true),
			wantHeader(k0, false, "x-a", true),
			wantCovers(k0, false, "PUT", true, list("x-a"), true),
		},
	},
	{
		name:   "a non-credentialed entry never serves a credentialed request",
		source: spec + "#concept-cache-match (credentials false and mode not include)",
		steps: []step{
			storeP(k0, false, 60*sec, list("PUT"), list("x-a")),
			wantMethod(k0, false, "PUT", true),
			wantMethod(k0, true, "PUT", false),
			wantHeader(k0, true, "x-a", false),
			wantCovers(k0, true, "PUT", true, list("x-a"), false),
			wantCovers(k0, true, "GET", false, list("x-a"), false),
			// The credentialed preflight then creates credentialed entries next to the others.
			storeP(k0, true, 60*sec, list("PUT"), list("x-a")),
			wantCovers(k0, true, "PUT", true, list("x-a"), true),
		},
	},
	// --- #concept-cache-match-method --------------------------------------
	{
		name:   "method entries match byte for byte",
		source: spec + "#concept-cache-match-method; wpt fetch/api/cors/cors-preflight-star.any.js (put does not allow PUT)",
		steps: []step{
			storeP(k0, false, 60*sec, list("PUT", "patch"), none),
			wantMethod(k0, false, "PUT", true),
			wantMethod(k0, false, "put", false),
			wantMethod(k0, false, "patch", true),
			wantMethod(k0, false, "PATCH", false),
			wantMethod(k0, false, "PUT ", false),
			wantMethod(k0, false, "DELETE", false),
		},
	},
	{
		name:   "a * method entry matches any method for a non-credentialed request",
		source: spec + "#concept-cache-match-method; wpt fetch/api/cors/cors-preflight-star.any.js (* works as any for method)",
		steps: []step{
			storeP(k0, false, 60*sec, list("*"), none),
			wantMethod(k0, false, "SUPER", true),
			wantMethod(k0, false, "DELETE", true),
			wantMethod(k0, false, "*", true),
			wantMethod(k0, true, "DELETE", false),
			wantMethod(k0, true, "*", false),
		},
	},
	{
		// Decision (CORS-INDEX §14): read literally, 7.6 would let a * entry
		// stored from a credentialed preflight match any method of a later
		// credentialed request, which the CORS-preflight fetch itself never
		// allows (* is a wildcard only when the credentials mode is not
		// include). We keep the preflight's rule: for a credentialed request
		// such an entry matches only the method "*" byte for byte.
		name:   "a * method entry from a credentialed preflight is literal for credentialed requests",
		source: spec + "#cors-preflight-fetch-0 (method check); wpt fetch/api/cors/cors-preflight-star.any.js (fails with credentials: PUT allowed *; exact * succeeds)",
		steps: []step{
			storeP(k0, true, 60*sec, list("PUT", "*"), none),
			wantMethod(k0, true, "PUT", true),
			wantMethod(k0, true, "DELETE", false),
			wantMethod(k0, true, "*", true),
			// A non-credentialed request may use it as a wildcard: its own
			// preflight (which never carries credentials) would get the same answer.
			wantMethod(k0, false, "DELETE", true),
		},
	},
	// --- #concept-cache-match-header --------------------------------------
	{
		name:   "header entries match byte-case-insensitively",
		source: spec + "#concept-cache-match-header; wpt fetch/api/cors/cors-preflight-star.any.js (headers check is case-insensitive)",
		steps: []step{
			storeP(k0, false, 60*sec, none, list("x-test")),
			wantHeader(k0, false, "x-test", true),
			wantHeader(k0, false, "X-Test", true),
			wantHeader(k0, false, "X-TEST", true),
			wantHeader(k0, false, "x-test2", false),
			wantHeader(k0, false, "x-tes", false),
			// K and KELVIN SIGN fold together under Unicode but are different bytes.
			storeP(k0, false, 60*sec, none, list("x-k")),
			wantHeader(k0, false, "x-\u212a", false),
		},
	},
	{
		name:   "a * header entry covers any name but Authorization",
		source: spec + "#concept-cache-match-header; " + spec + "#cors-non-wildcard-request-header-name",
		steps: []step{
			storeP(k0, false, 60*sec, list("PUT"), list("*")),
			wantHeader(k0, false, "x-anything", true),
			wantHeader(k0, false, "content-type", true),
			wantHeader(k0, false, "authorization", false),
			wantHeader(k0, false, "Authorization", false),
			wantHeader(k0, false, "AUTHORIZATION", false),
			wantCovers(k0, false, "PUT", true, list("authorization", "x-a"), false),
			wantCovers(k0, false, "PUT", true, list("x-a", "x-b"), true),
			wantHeader(k0, true, "x-anything", false),
		},
	},
	{
		name:   "Authorization listed by name is cached like any other header",
		source: spec + "#concept-cache-match-header",
		steps: []step{
			storeP(k0, false, 60*sec, none, list("*", "authorization")),
			wantHeader(k0, false, "Authorization", true),
			wantCovers(k0, false, "GET", false, list("authorization", "x-a"), true),
		},
	},
	{
		name:   "a * header entry from a credentialed preflight is literal for credentialed requests",
		source: spec + "#cors-preflight-fetch-0 (header check); wpt fetch/api/cors/cors-preflight-star.any.js (exact character match works even for * with credentials)",
		steps: []step{
			storeP(k0, true, 60*sec, list("GET"), list("*")),
			wantHeader(k0, true, "x-test", false),
			wantHeader(k0, true, "*", true),
			wantHeader(k0, false, "x-test", true),
			wantHeader(k0, false, "authorization", false),
		},
	},
	// --- expiry, create and refresh ---------------------------------------
	{
		name:   "an entry matches until max-age has passed, not at that instant",
		source: spec + "#concept-cache (must be removed after max-age seconds have passed since storing)",
		steps: []step{
			storeP(k0, false, 10*sec, list("PUT"), none),
			advance(10*sec - time.Nanosecond),
			wantMethod(k0, false, "PUT", true),
			advance(time.Nanosecond),
			wantMethod(k0, false, "PUT", false),
		},
	},
	{
		name:   "each method and header-name entry has its own expiry",
		source: spec + "#cache-entry; " + spec + "#concept-cache-create-entry",
		steps: []step{
			storeP(k0, false, 10*sec, list("PUT"), list("x-a")),
			advance(5 * sec),
			storeP(k0, false, 10*sec, list("DELETE"), list("x-b")),
			advance(6 * sec), // t=11: PUT, x-a gone; DELETE, x-b live
			wantMethod(k0, false, "PUT", false),
			wantHeader(k0, false, "x-a", false),
			wantMethod(k0, false, "DELETE", true),
			wantHeader(k0, false, "x-b", true),
			wantCovers(k0, false, "DELETE", true, list("x-b"), true),
			wantCovers(k0, false, "DELETE", true, list("x-a", "x-b"), false),
		},
	},
	{
		name:   "a refresh sets expiry to now + max-age, later or earlier",
		source: spec + "#cors-preflight-fetch-0 (set matching entry's max-age); CORS-INDEX §14",
		steps: []step{
			storeP(k0, false, 10*sec, list("PUT"), list("x-a")),
			advance(8 * sec),
			storeP(k0, false, 10*sec, list("PUT"), list("x-a")),
			advance(9 * sec), // t=17 < 18
			wantCovers(k0, false, "PUT", true, list("x-a"), true),
			storeP(k0, false, 500*time.Millisecond, list("PUT"), none), // PUT: 18 → 17.5; x-a stays 18
			advance(500 * time.Millisecond),
			wantMethod(k0, false, "PUT", false),
			wantHeader(k0, false, "x-a", true),
			advance(500 * time.Millisecond),
			wantHeader(k0, false, "x-a", false),
		},
	},
	{
		name:   "a later preflight with max-age 0 expires the entries it matches",
		source: spec + "#cors-preflight-fetch-0 (refresh with max-age 0)",
		steps: []step{
			storeP(k0, false, 60*sec, list("PUT", "DELETE"), list("x-a")),
			storeP(k0, false, 0, list("PUT"), none),
			wantMethod(k0, false, "PUT", false),
			wantMethod(k0, false, "DELETE", true),
			wantHeader(k0, false, "x-a", true),
		},
	},
	{
		name:   "a non-credentialed preflight refreshes a matching credentialed entry and creates none",
		source: spec + "#cors-preflight-fetch-0 (for each method with a method cache entry match, refresh)",
		steps: []step{
			storeP(k0, true, 10*sec, list("PUT"), none),
			advance(5 * sec),
			storeP(k0, false, 10*sec, list("PUT"), none),
			advance(6 * sec), // t=11: refreshed to 15
			wantMethod(k0, true, "PUT", true),
			wantMethod(k0, false, "PUT", true),
		},
	},
	{
		name:   "a method granted under a live * entry refreshes the * entry",
		source: spec + "#cors-preflight-fetch-0 (refresh when a method cache entry match exists); " + spec + "#concept-cache-match-method",
		steps: []step{
			storeP(k0, false, 10*sec, list("*"), none),
			advance(5 * sec),
			storeP(k0, false, 10*sec, list("PUT"), none),
			advance(6 * sec), // t=11: * was refreshed to 15
			wantMethod(k0, false, "DELETE", true),
			advance(4 * sec),
			wantMethod(k0, false, "PUT", false),
		},
	},
	{
		name:   "a credentialed preflight does not refresh non-credentialed entries",
		source: spec + "#concept-cache-match",
		steps: []step{
			storeP(k0, false, 10*sec, list("PUT"), none),
			advance(5 * sec),
			storeP(k0, true, 10*sec, list("PUT"), none), // creates a credentialed entry to 15
			advance(6 * sec),
			wantMethod(k0, true, "PUT", true),
			wantMethod(k0, false, "PUT", true), // served by the credentialed entry
			advance(4 * sec),
			wantMethod(k0, false, "PUT", false),
		},
	},
	// --- clear cache entries ----------------------------------------------
	{
		name:   "clear removes every entry of the key, both credentials values, and no other key",
		source: spec + "#concept-cache-clear",
		steps: []step{
			storeP(k0, false, 60*sec, list("PUT"), list("x-a")),
			storeP(k0, true, 60*sec, list("DELETE"), list("x-b")),
			storeP(kOtherURL, false, 60*sec, list("PUT"), none),
			storeP(kOtherOrigin, false, 60*sec, list("PUT"), none),
			clearK(k0),
			wantMethod(k0, false, "PUT", false),
			wantMethod(k0, true, "DELETE", false),
			wantHeader(k0, false, "x-a", false),
			wantHeader(k0, false, "x-b", false),
			wantMethod(kOtherURL, false, "PUT", true),
			wantMethod(kOtherOrigin, false, "PUT", true),
			wantLen(2),
			clearK(k0), // clearing an absent key is a no-op
			wantLen(2),
		},
	},
	// --- the HTTP fetch decision ------------------------------------------
	{
		name:   "Covers: a safelisted method needs only its unsafe headers covered",
		source: spec + "#http-fetch (no method cache entry match and the method is not safelisted)",
		steps: []step{
			storeP(k0, false, 60*sec, list("PUT"), list("x-a", "x-b")),
			wantCovers(k0, false, "POST", false, list("x-a"), true),
			wantCovers(k0, false, "POST", true, list("x-a"), false), // use-CORS-preflight flag set
			wantCovers(k0, false, "PUT", true, none, true),
			wantCovers(k0, false, "PUT", true, list("x-a", "x-b"), true),
			wantCovers(k0, false, "PUT", true, list("x-a", "x-c"), false),
			wantCovers(k0, false, "DELETE", true, list("x-a"), false),
			wantCovers(kOtherURL, false, "GET", false, none, true), // nothing to check
		},
	},
	// --- user-agent choices (Chromium defaults) ----------------------------
	{
		name:   "a URL of 1024 bytes or more is never cached",
		source: "Chromium services/network/cors/preflight_cache.cc kMaxKeyLength",
		steps: []step{
			storeP(preflightcache.Key{Origin: "https://a.example", URL: "https://b.example/" + strings.Repeat("x", 1024-len("https://b.example/"))}, false, 60*sec, list("PUT"), none),
			wantLen(0),
			storeP(preflightcache.Key{Origin: "https://a.example", URL: "https://b.example/" + strings.Repeat("x", 1023-len("https://b.example/"))}, false, 60*sec, list("PUT"), none),
			wantLen(1),
		},
	},
	{
		name:   "the oldest unused key is evicted when the bound is reached",
		source: spec + "#concept-cache (entries may be removed before max-age); Chromium kMaxCacheEntries",
		opts:   preflightcache.Options{MaxEntries: 2},
		steps: []step{
			storeP(k0, false, 60*sec, list("PUT"), none),
			storeP(kOtherURL, false, 60*sec, list("PUT"), none),
			wantMethod(k0, false, "PUT", true), // k0 used: second chance
			storeP(kOtherOrigin, false, 60*sec, list("PUT"), none),
			wantLen(2),
			wantMethod(k0, false, "PUT", true),
			wantMethod(kOtherURL, false, "PUT", false),
			wantMethod(kOtherOrigin, false, "PUT", true),
		},
	},
}

func TestScenarios(t *testing.T) {
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			clk := &fakeClock{}
			opts := sc.opts
			opts.Now = clk.Now
			c := preflightcache.New(&opts)
			for i, st := range sc.steps {
				if msg := st.run(c, clk); msg != "" {
					t.Errorf("%s\nstep %d: %s: %s", sc.source, i, st.desc, msg)
				}
			}
		})
	}
}

package fetch

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// Unit tests for the cors.Policy knobs that the random sequence explorer
// (spec_test/browser, rndseq) found: each compares the knob alone on the
// zero Policy with the zero Policy, and the presets.

// knobPolicy is one Policy a knob test runs, with what it expects.
type knobPolicy struct {
	name string
	p    cors.Policy
	want string
}

// preflightsTo counts the preflights in log (see scripted.take) to host.
func preflightsTo(log []string, host string) int {
	n := 0
	for _, l := range log {
		if strings.HasPrefix(l, "OPTIONS http://"+host+"/") {
			n++
		}
	}
	return n
}

// preflightCounts sends calls through a new Transport under p and returns,
// per call, the number of preflights to host ("0", "1", ...), failing the
// test when a call's outcome is not the one in outcomes.
func preflightCounts(t *testing.T, base *scripted, p cors.Policy, host string, calls []quirkCall, outcomes []string) string {
	t.Helper()
	tr := &Transport{Base: base, Origin: quirkPage, Policy: p}
	var b strings.Builder
	for i, c := range calls {
		if got := sendAll(t, tr, c)[0]; got != outcomes[i] {
			t.Errorf("call %d (%s %s): %s, want %s", i, c.method, c.url, got, outcomes[i])
		}
		b.WriteByte(byte('0' + preflightsTo(base.take(), host)))
	}
	return b.String()
}

// cors.Policy.TaintedPreflightNotCached (Chromium, WebKit): a PUT 307
// redirected to another origin is preflighted there with Origin: null and
// granted for 600 s; the same PUT again preflights there again under the
// knob. The standard caches the grant under the origin "null", where the
// second request finds it; Firefox keys it by the page's origin
// (PreflightOriginUntainted) and finds it too.
// See https://fetch.spec.whatwg.org/#concept-cache-match.
func TestTaintedPreflightNotCached(t *testing.T) {
	grant := []string{"Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 600"}
	routes := map[string]route{
		"api.test/r":    {preflight: grant, status: 307, actual: []string{"Location: http://other.test/r2"}},
		"other.test/r2": {preflight: grant},
	}
	put := quirkCall{method: "PUT", url: quirkAPI + "/r", body: "x"}
	for _, tc := range []knobPolicy{
		{"spec", cors.Policy{}, "10"},
		{"TaintedPreflightNotCached", cors.Policy{TaintedPreflightNotCached: true}, "11"},
		{"chromium", cors.ChromiumPolicy(), "11"},
		{"firefox", cors.FirefoxPolicy(), "10"},
		{"webkit", cors.WebKitPolicy(), "11"},
	} {
		base := routed(routes)
		got := preflightCounts(t, base, tc.p, "other.test", []quirkCall{put, put}, []string{"ok OK", "ok OK"})
		if got != tc.want {
			t.Errorf("%s: preflights to other.test per call %s, want %s", tc.name, got, tc.want)
		}
	}
}

// cors.Policy.FailedPreflightClearsOnlyAfterLookup (Chromium, with
// PreflightTakesCacheMode or NoCacheSkipsPreflightCache): a PUT is granted
// and cached; a DELETE whose cache mode skips the lookup is preflighted
// and refused; the PUT again finds its grant under the knob. The standard
// clears the URL's entries after every failed preflight, so the PUT is
// preflighted again; so is it after a DELETE that looked the cache up
// (cache mode default), under the knob too.
// See https://fetch.spec.whatwg.org/#concept-cache-clear.
func TestFailedPreflightClearsOnlyAfterLookup(t *testing.T) {
	routes := map[string]route{"api.test/r": {preflight: []string{"Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 600"}}}
	put := quirkCall{method: "PUT", url: quirkAPI + "/r", body: "x"}
	del := func(m CacheMode) quirkCall {
		return quirkCall{method: "DELETE", url: quirkAPI + "/r", opts: Options{Cache: m}}
	}
	outcomes := []string{"ok OK", "blocked MethodDisallowedByPreflightResponse", "ok OK"}
	takes := cors.Policy{PreflightTakesCacheMode: true}
	takesKnob := cors.Policy{PreflightTakesCacheMode: true, FailedPreflightClearsOnlyAfterLookup: true}
	noCache := cors.Policy{NoCacheSkipsPreflightCache: true}
	noCacheKnob := cors.Policy{NoCacheSkipsPreflightCache: true, FailedPreflightClearsOnlyAfterLookup: true}
	for _, tc := range []struct {
		knobPolicy
		mode CacheMode // the DELETE's
	}{
		{knobPolicy{"spec", cors.Policy{}, "111"}, CacheReload},
		// Alone, the knob changes nothing: every request looks the cache up.
		{knobPolicy{"FailedPreflightClearsOnlyAfterLookup", cors.Policy{FailedPreflightClearsOnlyAfterLookup: true}, "111"}, CacheReload},
		{knobPolicy{"PreflightTakesCacheMode", takes, "111"}, CacheReload},
		{knobPolicy{"PreflightTakesCacheMode+knob", takesKnob, "110"}, CacheReload},
		{knobPolicy{"PreflightTakesCacheMode+knob, no-store", takesKnob, "110"}, CacheNoStore},
		{knobPolicy{"PreflightTakesCacheMode+knob, default", takesKnob, "111"}, CacheDefault},
		{knobPolicy{"NoCacheSkipsPreflightCache", noCache, "111"}, CacheNoCache},
		{knobPolicy{"NoCacheSkipsPreflightCache+knob", noCacheKnob, "110"}, CacheNoCache},
		{knobPolicy{"chromium", cors.ChromiumPolicy(), "110"}, CacheReload},
		{knobPolicy{"chromium, no-cache", cors.ChromiumPolicy(), "110"}, CacheNoCache},
		{knobPolicy{"chromium, default", cors.ChromiumPolicy(), "111"}, CacheDefault},
		{knobPolicy{"firefox", cors.FirefoxPolicy(), "111"}, CacheReload},
		// WebKit keeps the refused grant (PreflightCacheStoresRefusedGrant),
		// whatever the cache mode.
		{knobPolicy{"webkit", cors.WebKitPolicy(), "110"}, CacheReload},
		{knobPolicy{"webkit, default", cors.WebKitPolicy(), "110"}, CacheDefault},
	} {
		got := preflightCounts(t, routed(routes), tc.p, "api.test", []quirkCall{put, del(tc.mode), put}, outcomes)
		if got != tc.want {
			t.Errorf("%s, DELETE %v: preflights per call %s, want %s", tc.name, tc.mode, got, tc.want)
		}
	}
}

// FailedPreflightClearsOnlyAfterLookup is about failed preflights only: a
// reload-mode PUT whose preflight succeeds and whose actual response then
// fails (no Access-Control-Allow-Origin) clears the URL's entries as the
// standard says, knob or not.
// See https://fetch.spec.whatwg.org/#main-fetch.
func TestFailedPreflightClearsOnlyAfterLookupNotActual(t *testing.T) {
	base := &scripted{answer: func(r *http.Request) (int, http.Header) {
		echo := "Access-Control-Allow-Origin: " + r.Header.Get("Origin")
		switch {
		case r.Method == http.MethodOptions:
			return 200, hdr(echo, "Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 600")
		case r.Header.Get("Pragma") == "no-cache": // the reload PUT's actual request
			return 200, nil
		}
		return 200, hdr(echo)
	}}
	put := quirkCall{method: "PUT", url: quirkAPI + "/r", body: "x"}
	reload := put
	reload.opts = Options{Cache: CacheReload}
	outcomes := []string{"ok OK", "blocked MissingAllowOriginHeader", "ok OK"}
	for _, tc := range []knobPolicy{
		{"PreflightTakesCacheMode", cors.Policy{PreflightTakesCacheMode: true}, "111"},
		{"PreflightTakesCacheMode+knob", cors.Policy{PreflightTakesCacheMode: true, FailedPreflightClearsOnlyAfterLookup: true}, "111"},
	} {
		if got := preflightCounts(t, base, tc.p, "api.test", []quirkCall{put, reload, put}, outcomes); got != tc.want {
			t.Errorf("%s: preflights per call %s, want %s", tc.name, got, tc.want)
		}
	}
}

// clearServer grants PUT on every URL for 600 s (echoing Origin) and
// redirects a PUT to /r with 307 to page.test/r2; a GET with an Origin
// header gets "Access-Control-Allow-Origin: *", and one without (no-cors,
// same-origin) a redirect to a data: URL: both fail.
func clearServer() *scripted {
	return &scripted{answer: func(r *http.Request) (int, http.Header) {
		echo := "Access-Control-Allow-Origin: " + r.Header.Get("Origin")
		switch {
		case r.Method == http.MethodOptions:
			return 200, hdr(echo, "Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 600")
		case r.Method == http.MethodGet && r.Header.Get("Origin") != "":
			return 200, hdr("Access-Control-Allow-Origin: *")
		case r.Method == http.MethodGet:
			return 302, hdr("Location: data:,x")
		case r.URL.Path == "/r":
			return 307, hdr(echo, "Location: "+quirkPage+"/r2")
		}
		return 200, hdr(echo)
	}}
}

// cors.Policy.FailedCORSRequestClearsCache (Firefox): a PUT is granted and
// cached; a simple credentialed GET to the URL fails its CORS check
// (Access-Control-Allow-Origin: * with credentials); the PUT again is
// preflighted under the knob. The standard clears the cache only for a
// request that took the preflight path.
// See https://fetch.spec.whatwg.org/#main-fetch ("clear cache entries").
func TestFailedCORSRequestClearsCache(t *testing.T) {
	put := quirkCall{method: "PUT", url: quirkAPI + "/x", body: "x"}
	get := quirkCall{method: "GET", url: quirkAPI + "/x", opts: Options{Credentials: CredentialsInclude}}
	noCORS := quirkCall{method: "GET", url: quirkAPI + "/x", opts: Options{Mode: ModeNoCORS}}
	cases := []struct {
		name     string
		fail     quirkCall
		outcome  string
		spec, on string // the zero Policy's preflights per call; the knob's
	}{
		{"credentialed GET, ACAO *", get, "blocked WildcardOriginNotAllowed", "100", "101"},
		// A no-cors request is not cors-tainted: it clears nothing.
		{"no-cors GET, redirect to data:", noCORS, "error redirect to a non-HTTP(S) URL", "100", "100"},
	}
	for _, tc := range []struct {
		name string
		p    cors.Policy
		on   bool
	}{
		{"spec", cors.Policy{}, false},
		{"FailedCORSRequestClearsCache", cors.Policy{FailedCORSRequestClearsCache: true}, true},
		{"chromium", cors.ChromiumPolicy(), false},
		{"firefox", cors.FirefoxPolicy(), true},
		{"webkit", cors.WebKitPolicy(), false},
	} {
		for _, c := range cases {
			want := c.spec
			if tc.on {
				want = c.on
			}
			got := preflightCounts(t, clearServer(), tc.p, "api.test", []quirkCall{put, c.fail, put}, []string{"ok OK", c.outcome, "ok OK"})
			if got != want {
				t.Errorf("%s, %s: preflights per call %s, want %s", tc.name, c.name, got, want)
			}
		}
	}
	// A request that stays at the page's origin is not cors-tainted
	// either: a same-origin GET that fails leaves the grant a tainted PUT
	// (api.test/r, 307 to page.test/r2) got at page.test/r2 under the
	// page's origin (PreflightOriginUntainted: the GET's own key).
	tainted := quirkCall{method: "PUT", url: quirkAPI + "/r", body: "x"}
	sameOrigin := quirkCall{method: "GET", url: quirkPage + "/r2"}
	outcomes := []string{"ok OK", "error redirect to a non-HTTP(S) URL", "ok OK"}
	for _, tc := range []knobPolicy{
		{"spec", cors.Policy{}, "100"},
		{"FailedCORSRequestClearsCache", cors.Policy{FailedCORSRequestClearsCache: true}, "100"},
		{"FailedCORSRequestClearsCache+PreflightOriginUntainted", cors.Policy{FailedCORSRequestClearsCache: true, PreflightOriginUntainted: true}, "100"},
		{"chromium", cors.ChromiumPolicy(), "101"}, // TaintedPreflightNotCached
		{"firefox", cors.FirefoxPolicy(), "100"},
		{"webkit", cors.WebKitPolicy(), "101"}, // TaintedPreflightNotCached
	} {
		got := preflightCounts(t, clearServer(), tc.p, "page.test", []quirkCall{tainted, sameOrigin, tainted}, outcomes)
		if got != tc.want {
			t.Errorf("%s, same-origin GET: preflights to page.test per call %s, want %s", tc.name, got, tc.want)
		}
	}
}

// cors.Policy.PreflightOriginUntainted keys the preflight cache by the
// page's origin (Firefox): a PUT to other.test/r2 is granted and cached;
// a PUT to api.test/r, 307 to other.test/r2, is tainted there but finds
// that grant under the knob. The standard's tainted request has the key
// origin "null", which holds nothing, and is preflighted.
// See https://fetch.spec.whatwg.org/#concept-cache-create-entry and
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func TestPreflightOriginUntaintedCacheKey(t *testing.T) {
	grant := []string{"Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 600"}
	routes := map[string]route{
		"api.test/r":    {preflight: grant, status: 307, actual: []string{"Location: http://other.test/r2"}},
		"other.test/r2": {preflight: grant},
	}
	calls := []quirkCall{
		{method: "PUT", url: quirkAPI2 + "/r2", body: "x"},
		{method: "PUT", url: quirkAPI + "/r", body: "x"},
	}
	for _, tc := range []knobPolicy{
		{"spec", cors.Policy{}, "11"},
		{"PreflightOriginUntainted", cors.Policy{PreflightOriginUntainted: true}, "10"},
		{"chromium", cors.ChromiumPolicy(), "11"},
		{"firefox", cors.FirefoxPolicy(), "10"},
		{"webkit", cors.WebKitPolicy(), "11"},
	} {
		base := routed(routes)
		got := preflightCounts(t, base, tc.p, "other.test", calls, []string{"ok OK", "ok OK"})
		if got != tc.want {
			t.Errorf("%s: preflights to other.test per call %s, want %s", tc.name, got, tc.want)
		}
	}
}

// cors.Policy.SameOriginPreflightSkipsAllowOrigin (Firefox), end to end:
// a PUT to api.test/r, 307 back to the page's origin, is preflighted
// there with the page's origin (PreflightOriginUntainted), and the
// preflight passes without Access-Control-Allow-Origin. The standard's
// preflight says Origin: null and fails the CORS check; alone, the knob
// sees that "null" is not the URL's origin.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func TestSameOriginPreflightSkipsAllowOriginRedirect(t *testing.T) {
	answer := func(r *http.Request) (int, http.Header) {
		echo := "Access-Control-Allow-Origin: " + r.Header.Get("Origin")
		switch {
		case r.URL.Host == "page.test" && r.Method == http.MethodOptions:
			return 200, hdr("Access-Control-Allow-Methods: PUT") // no ACAO
		case r.Method == http.MethodOptions:
			return 200, hdr(echo, "Access-Control-Allow-Methods: PUT")
		case r.URL.Host == "api.test":
			return 307, hdr(echo, "Location: "+quirkPage+"/r2")
		}
		return 200, hdr(echo)
	}
	blocked := "blocked PreflightMissingAllowOriginHeader"
	for _, tc := range []knobPolicy{
		{"spec", cors.Policy{}, blocked},
		{"SameOriginPreflightSkipsAllowOrigin", cors.Policy{SameOriginPreflightSkipsAllowOrigin: true}, blocked},
		{"PreflightOriginUntainted", cors.Policy{PreflightOriginUntainted: true}, blocked},
		{"both", cors.Policy{PreflightOriginUntainted: true, SameOriginPreflightSkipsAllowOrigin: true}, "ok OK"},
		{"chromium", cors.ChromiumPolicy(), blocked},
		{"firefox", cors.FirefoxPolicy(), "ok OK"},
		{"webkit", cors.WebKitPolicy(), blocked},
	} {
		base := &scripted{answer: answer}
		tr := &Transport{Base: base, Origin: quirkPage, Policy: tc.p}
		got := sendAll(t, tr, quirkCall{method: "PUT", url: quirkAPI + "/r", body: "x"})[0]
		log := base.take()
		if got != tc.want || !slices.Contains(log, "OPTIONS "+quirkPage+"/r2") {
			t.Errorf("%s: %s %q, want %s", tc.name, got, log, tc.want)
		}
	}
}

// cors.Policy.CacheModeHeadersDroppedOnCrossOriginRedirect (WebKit): a
// no-store GET sends Pragma and Cache-Control on every hop but those a
// redirect to another origin led to (api.test/r, /r1, other.test/r2, /r3,
// api.test/r4: sent, sent, not, sent again, not). The standard's
// HTTP-network-or-cache fetch appends them on every hop.
// See https://fetch.spec.whatwg.org/#http-network-or-cache-fetch.
func TestCacheModeHeadersDroppedOnCrossOriginRedirect(t *testing.T) {
	routes := map[string]route{
		"api.test/r":    {status: 302, actual: []string{"Location: /r1"}},
		"api.test/r1":   {status: 302, actual: []string{"Location: http://other.test/r2"}},
		"other.test/r2": {status: 302, actual: []string{"Location: /r3"}},
		"other.test/r3": {status: 302, actual: []string{"Location: http://api.test/r4"}},
		"api.test/r4":   {},
	}
	// A, A, B (cross-origin), B (same-origin again: sent), A (cross-origin).
	for _, tc := range []knobPolicy{
		{"spec", cors.Policy{}, "11111"},
		{"CacheModeHeadersDroppedOnCrossOriginRedirect", cors.Policy{CacheModeHeadersDroppedOnCrossOriginRedirect: true}, "11010"},
		{"chromium", cors.ChromiumPolicy(), "11111"},
		{"firefox", cors.FirefoxPolicy(), "11111"},
		{"webkit", cors.WebKitPolicy(), "11010"},
	} {
		for _, mode := range []struct {
			m    CacheMode
			want string // Pragma|Cache-Control
		}{{CacheNoStore, "no-cache|no-cache"}, {CacheReload, "no-cache|no-cache"}, {CacheNoCache, "|max-age=0"}} {
			base := routed(routes)
			tr := &Transport{Base: base, Origin: quirkPage, Policy: tc.p}
			if got := sendAll(t, tr, quirkCall{method: "GET", url: quirkAPI + "/r", opts: Options{Cache: mode.m}})[0]; got != "ok OK" {
				t.Fatalf("%s, %v: %s %q", tc.name, mode.m, got, base.take())
			}
			var got, paths strings.Builder
			for _, r := range base.lastReqs() {
				paths.WriteString(r.URL.Host + r.URL.Path + " ")
				switch h := r.Header.Get("Pragma") + "|" + r.Header.Get("Cache-Control"); h {
				case mode.want:
					got.WriteByte('1')
				case "|":
					got.WriteByte('0')
				default:
					got.WriteString("(" + h + ")")
				}
			}
			if got.String() != tc.want {
				t.Errorf("%s, %v: cache-mode headers per hop (%s) %s, want %s", tc.name, mode.m, paths.String(), got.String(), tc.want)
			}
		}
	}
}

// cors.Policy.RedirectRestoresRequestBodyHeaders (WebKit) and
// RedirectRestoresBodyHeadersOn307 (Firefox): a multipart POST, 302 (a
// GET without Content-Type), then another redirect: the third request
// carries the POST's Content-Type (and Content-Language) again under the WebKit knob whatever the
// status, under the Firefox knob after 307 or 308 only. The standard
// removes the request-body headers once, for good.
// See https://fetch.spec.whatwg.org/#http-redirect-fetch.
func TestRedirectRestoresRequestBodyHeaders(t *testing.T) {
	const ct = "multipart/form-data; boundary=b"
	statuses := []int{301, 302, 303, 307, 308}
	for _, tc := range []knobPolicy{ // want: per status, whether the third request has ct
		{"spec", cors.Policy{}, "00000"},
		{"RedirectRestoresRequestBodyHeaders", cors.Policy{RedirectRestoresRequestBodyHeaders: true}, "11111"},
		{"RedirectRestoresBodyHeadersOn307", cors.Policy{RedirectRestoresBodyHeadersOn307: true}, "00011"},
		{"chromium", cors.ChromiumPolicy(), "00000"},
		{"firefox", cors.FirefoxPolicy(), "00011"},
		{"webkit", cors.WebKitPolicy(), "11111"},
	} {
		var got strings.Builder
		for _, st := range statuses {
			base := routed(map[string]route{
				"page.test/r":  {status: 302, actual: []string{"Location: /r2"}},
				"page.test/r2": {status: st, actual: []string{"Location: /r3"}},
				"page.test/r3": {},
			})
			tr := &Transport{Base: base, Origin: quirkPage, Policy: tc.p}
			if out := sendAll(t, tr, quirkCall{method: "POST", url: quirkPage + "/r", body: "x", header: hdr("Content-Type: "+ct, "Content-Language: en")})[0]; out != "ok OK" {
				t.Fatalf("%s, %d: %s", tc.name, st, out)
			}
			reqs := base.lastReqs()
			if len(reqs) != 3 || reqs[1].Method != "GET" || reqs[2].Method != "GET" || reqs[2].ContentLength != 0 {
				t.Fatalf("%s, %d: %q", tc.name, st, base.take())
			}
			if v := reqs[1].Header.Get("Content-Type") + reqs[1].Header.Get("Content-Language"); v != "" {
				t.Errorf("%s, %d: the GET after the first 302 has request-body headers %q", tc.name, st, v)
			}
			switch v := reqs[2].Header.Get("Content-Type") + "|" + reqs[2].Header.Get("Content-Language"); v {
			case ct + "|en":
				got.WriteByte('1')
			case "|":
				got.WriteByte('0')
			default:
				t.Errorf("%s, %d: third request's Content-Type|Content-Language %q", tc.name, st, v)
			}
		}
		if got.String() != tc.want {
			t.Errorf("%s: Content-Type restored after %v: %s, want %s", tc.name, statuses, got.String(), tc.want)
		}
	}
}

// cors.Policy.CrossOriginRedirectDeleteAsGET (WebKit): a DELETE that a
// redirect of any status sends to another origin goes as a GET, without
// its body; on 301, 302, 307 and 308 Content-Type stays, on 303 it goes
// (observed in WebKitGTK 2.50.6, with and without a body). The standard changes DELETE only on 303,
// and then removes the request-body headers. Same-origin redirects follow
// the standard under every policy.
// See https://fetch.spec.whatwg.org/#http-redirect-fetch.
func TestCrossOriginRedirectDeleteAsGETKeepsContentType(t *testing.T) {
	allow := []string{"Access-Control-Allow-Methods: DELETE"}
	statuses := []int{301, 302, 303, 307, 308}
	for _, body := range []string{"x", ""} {
		b := "-"
		if body != "" {
			b = "body"
		}
		kept := "DELETE text/plain " + b
		std := kept + "|" + kept + "|GET  -|" + kept + "|" + kept
		asGET := "GET text/plain -|GET text/plain -|GET  -|GET text/plain -|GET text/plain -"
		for _, tc := range []struct {
			knobPolicy
			same string // api.test/s to api.test/s2
		}{
			{knobPolicy{"spec", cors.Policy{}, std}, std},
			{knobPolicy{"CrossOriginRedirectDeleteAsGET", cors.Policy{CrossOriginRedirectDeleteAsGET: true}, asGET}, std},
			{knobPolicy{"chromium", cors.ChromiumPolicy(), std}, std},
			{knobPolicy{"firefox", cors.FirefoxPolicy(), std}, std},
			{knobPolicy{"webkit", cors.WebKitPolicy(), asGET}, std},
		} {
			for _, target := range []struct{ from, to, want string }{
				{"api.test/r", "http://other.test/r2", tc.want},
				{"api.test/s", "http://api.test/s2", tc.same},
			} {
				var got []string
				for _, st := range statuses {
					base := routed(map[string]route{
						target.from:     {preflight: allow, status: st, actual: []string{"Location: " + target.to}},
						"other.test/r2": {preflight: allow},
						"api.test/s2":   {preflight: allow},
					})
					tr := &Transport{Base: base, Origin: quirkPage, Policy: tc.p}
					if out := sendAll(t, tr, quirkCall{method: "DELETE", url: "http://" + target.from, body: body, header: hdr("Content-Type: text/plain")})[0]; out != "ok OK" {
						t.Fatalf("%s, %d to %s: %s %q", tc.name, st, target.to, out, base.take())
					}
					reqs := base.lastReqs()
					last := reqs[len(reqs)-1]
					lb := "-"
					if last.ContentLength != 0 {
						lb = "body"
					}
					got = append(got, last.Method+" "+last.Header.Get("Content-Type")+" "+lb)
				}
				if g := strings.Join(got, "|"); g != target.want {
					t.Errorf("%s, body %q, to %s, after %v:\n got %s\nwant %s", tc.name, body, target.to, statuses, g, target.want)
				}
			}
		}
	}
}

// cors.Policy.CredentialedWildcardNotCached (Chromium): a credentialed
// preflight's "*" (a literal name there) is not cached, so a later request
// without credentials that only "*" would cover preflights again. The
// standard stores the "*" entry with credentials true, and its method and
// header-name cache entry matches treat it as a wildcard for a request
// without credentials. Firefox never caches "*" (PreflightCacheNoWildcard).
// See https://fetch.spec.whatwg.org/#concept-cache-match-method.
func TestCredentialedWildcardNotCached(t *testing.T) {
	cred := Options{Credentials: CredentialsInclude}
	for _, c := range []struct {
		name      string
		preflight []string
		calls     []quirkCall
	}{
		{"method", []string{"Access-Control-Allow-Credentials: true", "Access-Control-Allow-Methods: *", "Access-Control-Allow-Headers: x-b", "Access-Control-Max-Age: 600"},
			[]quirkCall{{method: "GET", url: quirkAPI + "/r", header: hdr("X-B: 2"), opts: cred}, {method: "PUT", url: quirkAPI + "/r", body: "x"}}},
		{"header", []string{"Access-Control-Allow-Credentials: true", "Access-Control-Allow-Methods: PUT", "Access-Control-Allow-Headers: *, x-b", "Access-Control-Max-Age: 600"},
			[]quirkCall{{method: "PUT", url: quirkAPI + "/r", body: "x", header: hdr("X-B: 2"), opts: cred}, {method: "PUT", url: quirkAPI + "/r", body: "x", header: hdr("X-A: 1")}}},
	} {
		routes := map[string]route{"api.test/r": {preflight: c.preflight, actual: []string{"Access-Control-Allow-Credentials: true"}}}
		for _, tc := range []knobPolicy{
			{"spec", cors.Policy{}, "10"},
			{"CredentialedWildcardNotCached", cors.Policy{CredentialedWildcardNotCached: true}, "11"},
			{"chromium", cors.ChromiumPolicy(), "11"},
			{"firefox", cors.FirefoxPolicy(), "11"},
		} {
			if got := preflightCounts(t, routed(routes), tc.p, "api.test", c.calls, []string{"ok OK", "ok OK"}); got != tc.want {
				t.Errorf("%s, %s: preflights per call %s, want %s", c.name, tc.name, got, tc.want)
			}
		}
	}
}

package browser

import (
	"net/http"
	"strings"
	"unicode/utf8"
)

// knobScenarios exercise the cors.Policy knobs that scenarios_test.go does
// not reach, for every engine's preset: each is a place where Chromium,
// Firefox or WebKit was seen to part from the standard, or the edge of
// such a place. Their names start with "knob-".
func knobScenarios() []*Scenario {
	put := Call{Method: "PUT", Body: "x"}
	pf := fetchSpec + "#cors-preflight-fetch-0"
	rf := fetchSpec + "#http-redirect-fetch"
	sl := fetchSpec + "#cors-safelisted-request-header"
	rng := fetchSpec + "#simple-range-header-value"
	return []*Scenario{
		// The preflight cache's shape (PreflightCacheReplace): a middleware
		// that grants only what the preflight asked for (rs/cors,
		// go-chi/cors, gorilla/handlers), then PUT, DELETE, PUT on one URL.
		one("knob-middleware-echo-method", fetchSpec+"#concept-cache",
			grant("Access-Control-Allow-Methods: {ACRM}", "Access-Control-Max-Age: 600"), allowP,
			put, Call{Method: "DELETE"}, put),
		one("knob-middleware-echo-headers", fetchSpec+"#concept-cache",
			grant("Access-Control-Allow-Headers: {ACRH}", "Access-Control-Max-Age: 600"), allowP,
			Call{Header: h("X-A: 1")}, Call{Header: h("X-B: 1")}, Call{Header: h("X-A: 1")}),
		// A failed preflight replaces nothing; it clears the URL's entries.
		one("knob-cache-failed-preflight-clears", fetchSpec+"#concept-cache-clear",
			grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 600"), allowP,
			put, Call{Method: "DELETE"}, put),
		// Max-age beyond every engine's cap (MaxAgeCap) and beyond int64
		// (SignedMaxAge): both still cache. A cap itself (600 s at the
		// least) is not observable within a test run.
		one("knob-cache-max-age-over-cap", pf, grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 100000"), allowP, put, put),
		one("knob-cache-max-age-beyond-int64", pf, grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 99999999999999999999"), allowP, put, put),

		// about: URLs (AboutSchemeUnsupported). https://fetch.spec.whatwg.org/#scheme-fetch
		simple("knob-about-blank-nocors", fetchSpec+"#scheme-fetch", allowP, Call{URL: "about:blank", Mode: "no-cors"}),
		simple("knob-about-blank-cors", fetchSpec+"#main-fetch", allowP, Call{URL: "about:blank"}),

		// The Origin header of a no-cors POST under a referrer policy
		// (OriginIgnoresReferrerPolicy).
		simple("knob-origin-nocors-post-no-referrer", fetchSpec+"#append-a-request-origin-header", Reply{},
			Call{Mode: "no-cors", Method: "POST", Body: "x", ReferrerPolicy: "no-referrer"}),
		simple("knob-origin-nocors-post-same-origin-policy", fetchSpec+"#append-a-request-origin-header", Reply{},
			Call{Mode: "no-cors", Method: "POST", Body: "x", ReferrerPolicy: "same-origin"}),

		// Redirects to userinfo URLs outside cors-to-another-origin
		// (RedirectUserinfoFails).
		&Scenario{Name: "knob-redirect-userinfo-same-origin", Cite: rf, Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h("Location: http://u:p@{P-HOST}{S}/r2")}}, "r2": {Actual: Reply{Header: h(secretHdr)}}},
			Calls: []Call{{URL: "{P}{S}/r"}}},
		&Scenario{Name: "knob-redirect-userinfo-nocors", Cite: rf, Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h("Location: http://u:p@{A-HOST}{S}/r2")}}, "r2": {Actual: Reply{}}},
			Calls: []Call{{URL: "{A}{S}/r", Mode: "no-cors"}}},

		// Redirects to other schemes (RedirectSchemeByMode).
		&Scenario{Name: "knob-redirect-ftp", Cite: rf, Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h(acaoP, "Location: ftp://{A-HOST}{S}/r2")}}},
			Calls: []Call{{URL: "{A}{S}/r"}}},
		&Scenario{Name: "knob-redirect-ftp-same-origin-mode", Cite: rf, Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h("Location: ftp://{P-HOST}{S}/r2")}}},
			Calls: []Call{{URL: "{P}{S}/r", Mode: "same-origin"}}},
		&Scenario{Name: "knob-redirect-data", Cite: rf, Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h(acaoP, "Location: data:,x")}}},
			Calls: []Call{{URL: "{A}{S}/r"}}},

		// DELETE redirected to another origin (CrossOriginRedirectDeleteAsGET).
		deleteRedirect("knob-redirect-delete-301-cross", 301),
		deleteRedirect("knob-redirect-delete-307-cross", 307),

		// Origin on a same-origin GET after POST→303 (OriginKeptAfterRedirect).
		&Scenario{Name: "knob-redirect-303-same-origin-origin", Cite: fetchSpec + "#append-a-request-origin-header", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 303, Header: h("Location: {P}{S}/r2")}}, "r2": {Actual: Reply{}}},
			Calls: []Call{{URL: "{P}{S}/r", Method: "POST", Body: "x", Header: h(textPlain)}}},

		// A preflighted PUT that a 303 makes a simple GET
		// (PreflightAfterPreflight).
		&Scenario{Name: "knob-redirect-303-put", Cite: fetchSpec + "#main-fetch", Routes: map[string]Route{
			"r":  {Preflight: grant("Access-Control-Allow-Methods: PUT"), Actual: Reply{Status: 303, Header: h(acaoP, "Location: {A}{S}/r2")}},
			"r2": {Preflight: grant("Access-Control-Allow-Methods: PUT"), Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r", Method: "PUT", Body: "x"}}},
		// A JSON POST whose Content-Type a 303 removes
		// (PreflightForRemovedHeaders).
		&Scenario{Name: "knob-redirect-303-json-post", Cite: fetchSpec + "#main-fetch", Routes: map[string]Route{
			"r":  {Preflight: grant("Access-Control-Allow-Headers: content-type"), Actual: Reply{Status: 303, Header: h(acaoP, "Location: {A}{S}/r2")}},
			"r2": {Preflight: grant("Access-Control-Allow-Headers: content-type"), Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r", Method: "POST", Body: "{}", Header: h("Content-Type: application/json")}}},
		// Authorization removed by a cross-origin redirect, and the new
		// origin's preflight does not allow it (PreflightWithFirstHeaders).
		&Scenario{Name: "knob-redirect-auth-dropped-not-allowed", Cite: pf, Routes: map[string]Route{
			"r":  {Preflight: grant("Access-Control-Allow-Headers: authorization"), Actual: Reply{Status: 302, Header: h(acaoP, "Location: {B}{S}/r2")}},
			"r2": {Preflight: Reply{Header: h(acaoStar)}, Actual: Reply{Header: h(acaoStar)}}},
			Calls: []Call{{URL: "{A}{S}/r", Header: h("Authorization: Bearer x")}}},
		// A preflight after a tainting redirect, checked against "null"
		// (PreflightOriginUntainted).
		&Scenario{Name: "knob-redirect-preflight-acao-null", Cite: pf, Routes: map[string]Route{
			"r":  {Preflight: grant("Access-Control-Allow-Methods: PUT"), Actual: Reply{Status: 307, Header: h(acaoP, "Location: {B}{S}/r2")}},
			"r2": {Preflight: Reply{Header: h("Access-Control-Allow-Origin: null", "Access-Control-Allow-Methods: PUT")}, Actual: Reply{Header: h("Access-Control-Allow-Origin: null")}}},
			Calls: []Call{{URL: "{A}{S}/r", Method: "PUT", Body: "x"}}},

		// Request-header bytes (AcceptNonASCIIUnsafe,
		// ContentTypeCommaOrNonASCIIUnsafe). A value is a ByteString: "é"
		// is the byte 0xE9 on the wire.
		headerEdge("knob-hdr-accept-non-ascii", sl, "GET", "Accept: text/é"),
		headerEdge("knob-hdr-ct-comma", sl, "POST", "Content-Type: text/plain; a=b,c"),
		headerEdge("knob-hdr-ct-non-ascii", sl, "POST", "Content-Type: text/plain; a=é"),

		// Range positions at the int64 edge (RangeBeyondInt64Unsafe).
		headerEdge("knob-hdr-range-int64-max-minus-1", rng, "GET", "Range: bytes=0-9223372036854775806"),
		headerEdge("knob-hdr-range-int64-max", rng, "GET", "Range: bytes=0-9223372036854775807"),
		headerEdge("knob-hdr-range-start-beyond-int64", rng, "GET", "Range: bytes=99999999999999999999-"),

		// Chromium's client hints (ClientHintHeadersSafelisted), valid and not.
		headerEdge("knob-hdr-dpr", sl, "GET", "DPR: 2.5"),
		headerEdge("knob-hdr-dpr-two-dots", sl, "GET", "DPR: 2.5.1"),
		headerEdge("knob-hdr-device-memory", sl, "GET", "Device-Memory: 8"),
		headerEdge("knob-hdr-viewport-width", sl, "GET", "Viewport-Width: 1024"),
		headerEdge("knob-hdr-viewport-width-dot", sl, "GET", "Viewport-Width: 10.5"),
		headerEdge("knob-hdr-ect", sl, "GET", "ECT: 4g"),
		headerEdge("knob-hdr-ect-bad", sl, "GET", "ECT: 5g"),
		headerEdge("knob-hdr-intervention", sl, "GET", "Intervention: <https://example.com/>"),
		headerEdge("knob-hdr-save-data-off", sl, "GET", "Save-Data: off"),

		// One CORS-unsafe name twice (DuplicateRequestHeaderNames).
		one("knob-hdr-duplicate-custom-names", fetchSpec+"#cors-unsafe-request-header-names",
			grant("Access-Control-Allow-Headers: x-a"), allowP, Call{Header: h("X-A: 1", "X-A: 2")}),
		// A script's User-Agent with another unsafe header
		// (UserAgentForbidden, PreflightCarriesUserAgent).
		one("knob-hdr-user-agent-on-preflight", pf,
			grant("Access-Control-Allow-Headers: x-a, user-agent"), allowP, Call{Header: h("User-Agent: probe-ua", "X-A: 1")}),

		// A repeated response header (JoinResponseHeaderValues).
		simple("knob-resp-repeated-exposed", fetchSpec+"#concept-header-list-get",
			Reply{Header: h(acaoP, "X-Secret: a", "X-Secret: b", "Access-Control-Expose-Headers: x-secret")}, Call{}),
		simple("knob-resp-two-content-types", fetchSpec+"#concept-header-list-get",
			Reply{Header: h(acaoP, "Content-Type: text/plain", "Content-Type: text/html")}, Call{}),

		// The request's cache mode and the preflight cache
		// (PreflightTakesCacheMode, NoCacheSkipsPreflightCache,
		// NoStorePreflightNotStored).
		cacheMode("knob-cache-mode-no-store", "no-store"),
		cacheMode("knob-cache-mode-reload", "reload"),
		cacheMode("knob-cache-mode-no-cache", "no-cache"),
		cacheMode("knob-cache-mode-force-cache", "force-cache"),
		cacheMode("knob-cache-mode-default", "default"),
		// A conditional header makes "default" "no-store"
		// (ConditionalRequestNoCache).
		one("knob-cache-mode-if-none-match", fetchSpec+"#http-network-or-cache-fetch",
			grant("Access-Control-Allow-Headers: if-none-match, x-a", "Access-Control-Max-Age: 600"), allowP,
			Call{Header: h(`If-None-Match: "v1"`)}, Call{Header: h("X-A: 1")}, Call{Header: h(`If-None-Match: "v1"`)}),
		one("knob-cache-mode-if-modified-since", fetchSpec+"#http-network-or-cache-fetch",
			grant("Access-Control-Allow-Headers: if-modified-since", "Access-Control-Max-Age: 600"), allowP,
			Call{Header: h("If-Modified-Since: Tue, 15 Nov 1994 12:45:26 GMT")}),
		one("knob-cache-mode-reload-own-cache-control", fetchSpec+"#http-network-or-cache-fetch",
			grant("Access-Control-Allow-Headers: cache-control", "Access-Control-Max-Age: 600"), allowP,
			Call{Header: h("Cache-Control: max-age=5"), Cache: "reload"}),
		// only-if-cached needs mode same-origin: fetch() throws otherwise.
		simple("knob-cache-mode-only-if-cached-cors", fetchSpec+"#dom-request", allowP, Call{Cache: "only-if-cached"}),
		simple("knob-cache-mode-only-if-cached-cross", fetchSpec+"#main-fetch", allowP, Call{Cache: "only-if-cached", Mode: "same-origin"}),

		// Which disallowed header a blocked request names
		// (DisallowedHeaderInBlinkOrder).
		one("knob-pf-disallowed-three", pf, grant("Access-Control-Allow-Headers: x-other"), allowP,
			Call{Method: "POST", Body: "{}", Header: h("Content-Type: application/json", "X-Requested-With: XMLHttpRequest", "X-Custom: 1")}),
		one("knob-pf-disallowed-ct-and-unlisted", pf, grant("Access-Control-Allow-Headers: x-other"), allowP,
			Call{Method: "POST", Body: "{}", Header: h("X-Unlisted: 1", "Content-Type: application/json")}),
		one("knob-pf-disallowed-unlisted-b-a", pf, grant("Access-Control-Allow-Headers: x-other"), allowP,
			Call{Header: h("X-Unlisted-B: 1", "X-Unlisted-A: 1")}),
	}
}

// deleteRedirect is a preflighted DELETE that a redirect with status sends
// to origin B, which allows it.
func deleteRedirect(name string, status int) *Scenario {
	return &Scenario{Name: name, Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
		"r":  {Preflight: grant("Access-Control-Allow-Methods: DELETE"), Actual: Reply{Status: status, Header: h(acaoP, "Location: {B}{S}/r2")}},
		"r2": {Preflight: Reply{Header: h(acaoStar, "Access-Control-Allow-Methods: DELETE")}, Actual: Reply{Header: h(acaoStar)}}},
		Calls: []Call{{URL: "{A}{S}/r", Method: "DELETE"}}}
}

// cacheMode is a preflighted PUT with the cache mode, a default one, and
// one with the mode again, on one URL within max-age: whether the mode looks
// up the preflight cache shows in the first and third calls, whether it
// stores in the second.
func cacheMode(name, mode string) *Scenario {
	put := Call{Method: "PUT", Body: "x"}
	withMode := put
	withMode.Cache = mode
	return one(name, fetchSpec+"#concept-request-cache-mode",
		grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 600"), allowP, withMode, put, withMode)
}

// recordedFor is the request headers whose values the hub records for sc:
// recordedHeaders, and Pragma and Cache-Control when a call sets a cache
// mode or a conditional header, which make a browser send them.
func recordedFor(sc *Scenario) []string {
	for _, c := range sc.Calls {
		if c.Cache != "" || hasHeader(c.Header, "If-None-Match") || hasHeader(c.Header, "If-Modified-Since") {
			return append(recordedHeaders[:len(recordedHeaders):len(recordedHeaders)], "Pragma", "Cache-Control")
		}
	}
	return recordedHeaders
}

// expandRequest expands the templates that echo the request being
// answered: {ACRM} and {ACRH} are its Access-Control-Request-Method and
// Access-Control-Request-Headers, as a middleware that grants only what
// was asked answers.
func expandRequest(v string, r *http.Request) string {
	if !strings.Contains(v, "{AC") {
		return v
	}
	return strings.NewReplacer("{ACRM}", r.Header.Get("Access-Control-Request-Method"),
		"{ACRH}", r.Header.Get("Access-Control-Request-Headers")).Replace(v)
}

// byteString is a header value as fetch() sends it: a ByteString, each
// code point up to U+00FF one byte (https://webidl.spec.whatwg.org/#es-ByteString).
// A value with a larger code point (fetch() would throw) is returned as is.
func byteString(v string) string {
	ascii := true
	for i := 0; i < len(v); i++ {
		if v[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return v
	}
	b := make([]byte, 0, len(v))
	for _, r := range v {
		if r > 0xFF {
			return v
		}
		b = append(b, byte(r))
	}
	return string(b)
}

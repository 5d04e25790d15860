package browser

// firefoxScenarios exercise the cors.Policy knobs FirefoxPolicy turns on
// that scenarios_test.go and scenarios_knobs_test.go do not reach: the
// shape of Firefox's preflight cache (PreflightCacheByCredentials,
// PreflightCacheNoWildcard, PreflightCacheHEADNeedsMethod, an empty
// max-age under UnparseableMaxAgeNoCache) and how it shows repeated
// response headers (JoinResponseHeaderValues). They run on every engine.
// The other Firefox knobs have scenarios already: duplicate names in
// Access-Control-Request-Headers (knob-hdr-duplicate-custom-names), no
// 1024-byte total (hdr-total-over-1024), Accept and Content-Type bytes
// (knob-hdr-accept-non-ascii, knob-hdr-ct-comma, knob-hdr-ct-non-ascii),
// the preflight's Origin after a cross-origin redirect
// (knob-redirect-preflight-acao-null, redir-preflighted-cross-origin), a
// preflight after a redirect made the request simple
// (knob-redirect-303-put), Range at and beyond the int64 maximum
// (knob-hdr-range-int64-max, knob-hdr-range-start-beyond-int64) and a
// joined Content-Type (knob-resp-two-content-types).
func firefoxScenarios() []*Scenario {
	put := Call{Method: "PUT", Body: "x"}
	credPUT := Call{Method: "PUT", Body: "x", Credentials: "include"}
	xa := Call{Header: h("X-A: 1")}
	headXA := Call{Method: "HEAD", Header: h("X-A: 1")}
	match := fetchSpec + "#concept-cache-match"
	get := fetchSpec + "#concept-header-list-get"
	exposeAll := "Access-Control-Expose-Headers: *"
	return []*Scenario{
		// "*" grants, cached for 60 s: the standard's cache entry "*"
		// covers the repeat; Firefox's compares "*" as a literal token
		// (PreflightCacheNoWildcard).
		one("knob-cache-star-method", fetchSpec+"#concept-cache-match-method",
			grant("Access-Control-Allow-Methods: *", "Access-Control-Max-Age: 60"), allowP, put, put),
		one("knob-cache-star-header", fetchSpec+"#concept-cache-match-header",
			grant("Access-Control-Allow-Headers: *", "Access-Control-Max-Age: 60"), allowP, xa, xa),

		// HEAD with a custom header: the standard never looks a
		// CORS-safelisted method up; Firefox skips only GET and POST
		// (PreflightCacheHEADNeedsMethod), so it needs HEAD listed.
		one("knob-cache-head-custom-header", fetchSpec+"#http-fetch",
			grant("Access-Control-Allow-Headers: x-a", "Access-Control-Max-Age: 60"), allowP, headXA, headXA),
		one("knob-cache-head-listed", fetchSpec+"#http-fetch",
			grant("Access-Control-Allow-Headers: x-a", "Access-Control-Allow-Methods: HEAD", "Access-Control-Max-Age: 60"), allowP, headXA, headXA),

		// An empty Access-Control-Max-Age: unparseable, so 5 s, in the
		// standard; absent, so 5 s, in Firefox, whose unparseable value
		// means "do not cache" (UnparseableMaxAgeNoCache).
		one("knob-cache-max-age-empty", fetchSpec+"#cors-preflight-fetch-0",
			grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: "), allowP, put, put),

		// A credentialed PUT whose actual response fails (no
		// Access-Control-Allow-Credentials) after an uncredentialed one
		// was cached: the failure clears the URL's entries of both modes
		// in the standard and in Firefox (PreflightCacheByCredentials keys
		// them apart), so the last PUT preflights again.
		one("knob-cache-cred-failure-clears-both", match,
			grant("Access-Control-Allow-Methods: PUT", acacTrue, "Access-Control-Max-Age: 60"), allowP,
			put, put, credPUT, put),
		// A credentialed grant, then the same PUT without credentials:
		// the standard's credentialed entry serves it, Firefox's cache key
		// holds the credentials flag.
		one("knob-cache-cred-grant-then-uncredentialed", match,
			grant("Access-Control-Allow-Methods: PUT", acacTrue, "Access-Control-Max-Age: 60"), Reply{Header: h(acaoP, acacTrue)},
			credPUT, put, credPUT),

		// Repeated response headers as the page reads them
		// (JoinResponseHeaderValues): "a, b"; an empty line skipped; a
		// repeated WWW-Authenticate.
		simple("knob-resp-repeated-two-names", get,
			Reply{Header: h(acaoP, exposeAll, "X-Secret: a", "X-Secret: b", "Cache-Control: no-cache", "Cache-Control: max-age=0")}, Call{}),
		simple("knob-resp-repeated-empty-line", get,
			Reply{Header: h(acaoP, exposeAll, "X-Secret: ", "X-Secret: b")}, Call{}),
		simple("knob-resp-repeated-www-authenticate", get,
			Reply{Header: h(acaoP, exposeAll, "WWW-Authenticate: a", "WWW-Authenticate: b")}, Call{}),

		// Location and Content-Disposition repeated with one value: one
		// line in Firefox (SingletonHeadersCollapsed), both in the
		// standard. (Different values are a network error in Firefox and
		// Chromium alike, ConflictingSingletonHeadersFail.)
		simple("knob-resp-location-twice-same", fetchSpec+"#concept-response-location-url",
			Reply{Header: h(acaoP, exposeAll, "Location: /a", "Location: /a")}, Call{}),
		simple("knob-resp-content-disposition-twice-same", get,
			Reply{Header: h(acaoP, exposeAll, "Content-Disposition: a", "Content-Disposition: a")}, Call{}),
		// Repeated with different values: a network error in Firefox and
		// Chromium (ConflictingSingletonHeadersFail), on a final response
		// and on a redirect; an empty line is a different value.
		simple("knob-resp-location-twice-different", fetchSpec+"#concept-response-location-url",
			Reply{Header: h(acaoP, exposeAll, "Location: /a", "Location: /b")}, Call{}),
		simple("knob-resp-content-disposition-twice-different", get,
			Reply{Header: h(acaoP, exposeAll, "Content-Disposition: a", "Content-Disposition: b")}, Call{}),
		simple("knob-resp-content-disposition-empty-line", get,
			Reply{Header: h(acaoP, exposeAll, "Content-Disposition: a", "Content-Disposition: ")}, Call{}),
		{Name: "knob-redirect-location-twice-different", Cite: fetchSpec + "#concept-response-location-url", Routes: map[string]Route{
			"r":  {Actual: Reply{Status: 302, Header: h(acaoP, "Location: {S}/r2", "Location: {S}/r3")}},
			"r2": {Actual: Reply{Header: h(acaoP)}},
			"r3": {Actual: Reply{Header: h(acaoP)}}},
			Calls: []Call{{URL: "{A}{S}/r"}}},
		{Name: "knob-redirect-location-twice-same", Cite: fetchSpec + "#concept-response-location-url", Routes: map[string]Route{
			"r":  {Actual: Reply{Status: 302, Header: h(acaoP, "Location: {S}/r2", "Location: {S}/r2")}},
			"r2": {Actual: Reply{Header: h(acaoP)}}},
			Calls: []Call{{URL: "{A}{S}/r"}}},
	}
}

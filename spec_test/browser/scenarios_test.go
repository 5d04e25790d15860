package browser

import "fmt"

// Header lines the scenarios use.
const (
	acaoP      = "Access-Control-Allow-Origin: {P}"
	acaoStar   = "Access-Control-Allow-Origin: *"
	acacTrue   = "Access-Control-Allow-Credentials: true"
	secretHdr  = "X-Secret: s3cr3t"
	secondHdr  = "X-Second: two"
	setCookie  = "Set-Cookie: probe=1; Path=/nowhere"
	textPlain  = "Content-Type: text/plain"
	fetchSpec  = "https://fetch.spec.whatwg.org/"
	wptCORS    = "wpt cors/"
	wptFetchAC = "wpt fetch/api/cors/"
)

func h(lines ...string) []string { return lines }

// one is a scenario with a single route "r" and calls to it on origin A.
func one(name, cite string, pre, act Reply, calls ...Call) *Scenario {
	for i := range calls {
		if calls[i].URL == "" {
			calls[i].URL = "{A}{S}/r"
		}
	}
	return &Scenario{Name: name, Cite: cite, Routes: map[string]Route{"r": {Preflight: pre, Actual: act}}, Calls: calls}
}

// simple is a scenario whose route allows the page (no preflight allowances).
func simple(name, cite string, act Reply, c Call) *Scenario {
	return one(name, cite, Reply{Header: h(acaoP)}, act, c)
}

// headerEdge is a safelisting edge: the preflight (if any) grants nothing
// beyond the origin, so whether a preflight happened shows in Seen and in
// the outcome.
func headerEdge(name, cite string, method string, lines ...string) *Scenario {
	c := Call{Method: method, Header: lines}
	if method == "POST" {
		c.Body = "x"
	}
	return one(name, cite, Reply{Header: h(acaoP)}, Reply{Header: h(acaoP)}, c)
}

// grant is a preflight reply that allows the page with the given extra lines.
func grant(lines ...string) Reply { return Reply{Header: append(h(acaoP), lines...)} }

var allowP = Reply{Header: h(acaoP, secretHdr)}

// redirectChain builds routes r0..r{n-1}, each a 302 to the next, ending at
// a route that allows the page.
func redirectChain(n int) map[string]Route {
	routes := map[string]Route{}
	for i := 0; i < n; i++ {
		routes[fmt.Sprintf("r%d", i)] = Route{Actual: Reply{Status: 302, Header: h(acaoP, fmt.Sprintf("Location: {A}{S}/r%d", i+1))}}
	}
	routes[fmt.Sprintf("r%d", n)] = Route{Actual: allowP}
	return routes
}

// handScenarios are the hand-written scenarios, one or more per area.
func handScenarios() []*Scenario {
	s := []*Scenario{
		// Simple requests and the CORS check. https://fetch.spec.whatwg.org/#concept-cors-check
		simple("simple-get-allowed", fetchSpec+"#concept-cors-check", allowP, Call{}),
		simple("simple-get-no-acao", fetchSpec+"#concept-cors-check", Reply{}, Call{}),
		simple("simple-head-allowed", fetchSpec+"#cors-safelisted-method", allowP, Call{Method: "HEAD"}),
		simple("simple-post-text-allowed", fetchSpec+"#cors-safelisted-request-header", allowP, Call{Method: "POST", Body: "x", Header: h(textPlain)}),
		simple("simple-post-default-ct", fetchSpec+"#concept-bodyinit-extract", allowP, Call{Method: "POST", Body: "x"}),
		simple("simple-post-form-blocked", fetchSpec+"#concept-cors-check", Reply{}, Call{Method: "POST", Body: "a=1", Header: h("Content-Type: application/x-www-form-urlencoded")}),
		simple("simple-post-multipart", fetchSpec+"#cors-safelisted-request-header", allowP, Call{Method: "POST", Body: "x", Header: h("Content-Type: multipart/form-data; boundary=zz")}),
		simple("method-lowercase-get", fetchSpec+"#concept-method-normalize", allowP, Call{Method: "get"}),

		// Access-Control-Allow-Origin variants. wpt cors/origin.htm
		simple("acao-star", wptCORS+"origin.htm", Reply{Header: h(acaoStar, secretHdr)}, Call{}),
		simple("acao-other-origin", wptCORS+"origin.htm", Reply{Header: h("Access-Control-Allow-Origin: {B}")}, Call{}),
		simple("acao-trailing-slash", wptCORS+"origin.htm", Reply{Header: h("Access-Control-Allow-Origin: {P}/")}, Call{}),
		simple("acao-uppercase", wptCORS+"origin.htm", Reply{Header: h("Access-Control-Allow-Origin: {P-UPPER}")}, Call{}),
		simple("acao-null", wptCORS+"origin.htm", Reply{Header: h("Access-Control-Allow-Origin: null")}, Call{}),
		simple("acao-two-values-one-line", wptCORS+"origin.htm", Reply{Header: h("Access-Control-Allow-Origin: {P}, {B}")}, Call{}),
		simple("acao-two-lines", wptCORS+"origin.htm", Reply{Header: h(acaoP, acaoP)}, Call{}),
		simple("acao-star-and-origin-lines", wptCORS+"origin.htm", Reply{Header: h(acaoStar, acaoP)}, Call{}),
		simple("acao-invalid", wptCORS+"origin.htm", Reply{Header: h("Access-Control-Allow-Origin: foo")}, Call{}),
		simple("acao-empty", wptCORS+"origin.htm", Reply{Header: h("Access-Control-Allow-Origin: ")}, Call{}),
		simple("acao-no-scheme", wptCORS+"origin.htm", Reply{Header: h("Access-Control-Allow-Origin: {P-HOST}")}, Call{}),

		// Credentials. https://fetch.spec.whatwg.org/#cors-protocol-and-credentials
		simple("cred-include-acac", wptCORS+"credentials-flag.htm", Reply{Header: h(acaoP, acacTrue, secretHdr, setCookie)}, Call{Credentials: "include"}),
		simple("cred-include-no-acac", wptCORS+"credentials-flag.htm", Reply{Header: h(acaoP)}, Call{Credentials: "include"}),
		simple("cred-include-acac-upper", wptCORS+"credentials-flag.htm", Reply{Header: h(acaoP, "Access-Control-Allow-Credentials: TRUE")}, Call{Credentials: "include"}),
		simple("cred-include-acac-false", wptCORS+"credentials-flag.htm", Reply{Header: h(acaoP, "Access-Control-Allow-Credentials: false")}, Call{Credentials: "include"}),
		simple("cred-include-star", wptCORS+"credentials-flag.htm", Reply{Header: h(acaoStar, acacTrue)}, Call{Credentials: "include"}),
		simple("cred-omit", wptCORS+"credentials-flag.htm", Reply{Header: h(acaoP, setCookie)}, Call{Credentials: "omit"}),
		simple("cred-same-origin-cross", wptCORS+"credentials-flag.htm", Reply{Header: h(acaoP)}, Call{}),
		simple("cred-same-origin-same", fetchSpec+"#concept-request-credentials-mode", Reply{Header: h(secretHdr, setCookie)}, Call{URL: "{P}{S}/r"}),
		simple("cred-omit-script-cookie", fetchSpec+"#forbidden-request-header", Reply{Header: h(acaoP)}, Call{Credentials: "omit", Header: h("Cookie: evil=1")}),

		// Safelisted request headers. https://fetch.spec.whatwg.org/#cors-safelisted-request-header
		headerEdge("hdr-accept", fetchSpec+"#cors-safelisted-request-header", "GET", "Accept: application/json"),
		headerEdge("hdr-accept-128", fetchSpec+"#cors-safelisted-request-header", "GET", "Accept: "+repeat('a', 128)),
		headerEdge("hdr-accept-129", fetchSpec+"#cors-safelisted-request-header", "GET", "Accept: "+repeat('a', 129)),
		headerEdge("hdr-accept-unsafe-byte", fetchSpec+"#cors-unsafe-request-header-byte", "GET", "Accept: text/html(x)"),
		headerEdge("hdr-accept-lang-ok", fetchSpec+"#cors-safelisted-request-header", "GET", "Accept-Language: en-US;q=0.5, *"),
		headerEdge("hdr-accept-lang-bad", fetchSpec+"#cors-safelisted-request-header", "GET", "Accept-Language: en_US"),
		headerEdge("hdr-content-lang-ok", fetchSpec+"#cors-safelisted-request-header", "GET", "Content-Language: de-DE"),
		headerEdge("hdr-content-lang-bad", fetchSpec+"#cors-safelisted-request-header", "GET", "Content-Language: de/DE"),
		headerEdge("hdr-ct-text-charset", fetchSpec+"#cors-safelisted-request-header", "POST", "Content-Type: text/plain;charset=utf-8"),
		headerEdge("hdr-ct-quoted-param", fetchSpec+"#cors-safelisted-request-header", "POST", `Content-Type: text/plain; charset="utf-8"`),
		headerEdge("hdr-ct-json", fetchSpec+"#cors-safelisted-request-header", "POST", "Content-Type: application/json"),
		headerEdge("hdr-ct-unsafe-byte", fetchSpec+"#cors-unsafe-request-header-byte", "POST", "Content-Type: text/plain; x={y}"),
		headerEdge("hdr-ct-not-mime", fetchSpec+"#cors-safelisted-request-header", "POST", "Content-Type: text"),
		headerEdge("hdr-ct-upper", fetchSpec+"#cors-safelisted-request-header", "POST", "Content-Type: TEXT/PLAIN"),
		headerEdge("hdr-range-ok", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=0-1"),
		headerEdge("hdr-range-open", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=5-"),
		headerEdge("hdr-range-suffix", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=-5"),
		headerEdge("hdr-range-multi", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=0-1,3-4"),
		headerEdge("hdr-range-case", fetchSpec+"#simple-range-header-value", "GET", "Range: Bytes=0-1"),
		headerEdge("hdr-range-reversed", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=5-1"),
		headerEdge("hdr-range-overflow", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=0-99999999999999999999"),
		headerEdge("hdr-total-over-1024", fetchSpec+"#cors-unsafe-request-header-names", "GET", manyAccept(9, 120)...),
		headerEdge("hdr-duplicate-accept", fetchSpec+"#cors-unsafe-request-header-names", "GET", manyAccept(2, 100)...),
		headerEdge("hdr-custom", fetchSpec+"#cors-unsafe-request-header-names", "GET", "X-Custom: 1"),
		headerEdge("hdr-user-agent", fetchSpec+"#forbidden-request-header", "GET", "User-Agent: probe-ua"),
		headerEdge("hdr-save-data", fetchSpec+"#cors-safelisted-request-header", "GET", "Save-Data: on"),
		headerEdge("hdr-forbidden-sec", fetchSpec+"#forbidden-request-header", "GET", "Sec-Foo: 1"),
		headerEdge("hdr-forbidden-proxy", fetchSpec+"#forbidden-request-header", "GET", "Proxy-Foo: 1"),

		// Preflight: methods and headers. https://fetch.spec.whatwg.org/#cors-preflight-fetch-0
		one("pf-put-allowed", wptCORS+"preflight-cache.htm", grant("Access-Control-Allow-Methods: PUT"), allowP, Call{Method: "PUT", Body: "x"}),
		one("pf-put-not-listed", wptCORS+"allow-headers.htm", grant("Access-Control-Allow-Methods: GET, POST"), allowP, Call{Method: "PUT"}),
		one("pf-put-acam-lower", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Methods: put"), allowP, Call{Method: "PUT"}),
		one("pf-patch-lower", fetchSpec+"#concept-method-normalize", grant("Access-Control-Allow-Methods: PATCH"), allowP, Call{Method: "patch"}),
		one("pf-custom-method", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Methods: FOO"), allowP, Call{Method: "FOO"}),
		one("pf-delete", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Methods: DELETE"), allowP, Call{Method: "DELETE"}),
		one("pf-options-method", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Methods: OPTIONS"), allowP, Call{Method: "OPTIONS"}),
		one("pf-acam-star", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Methods: *"), allowP, Call{Method: "PUT"}),
		one("pf-acam-star-cred", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Methods: *", acacTrue), Reply{Header: h(acaoP, acacTrue)}, Call{Method: "PUT", Credentials: "include"}),
		one("pf-acam-invalid", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Methods: PUT, (bad)"), allowP, Call{Method: "PUT"}),
		one("pf-acam-empty-items", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Methods: ,PUT,,"), allowP, Call{Method: "PUT"}),
		one("pf-header-allowed", wptCORS+"allow-headers.htm", grant("Access-Control-Allow-Headers: X-A"), allowP, Call{Header: h("X-A: 1")}),
		one("pf-header-case", wptCORS+"allow-headers.htm", grant("Access-Control-Allow-Headers: x-A"), allowP, Call{Header: h("X-a: 1")}),
		one("pf-two-headers-sorted", wptCORS+"allow-headers.htm", grant("Access-Control-Allow-Headers: x-b, x-a"), allowP, Call{Header: h("X-B: 1", "X-A: 2", "Accept: text/plain")}),
		one("pf-header-not-listed", wptCORS+"allow-headers.htm", grant("Access-Control-Allow-Headers: X-B"), allowP, Call{Header: h("X-A: 1")}),
		one("pf-acah-invalid", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Headers: x-a, x y"), allowP, Call{Header: h("X-A: 1")}),
		one("pf-acah-star", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Headers: *"), allowP, Call{Header: h("X-A: 1")}),
		one("pf-acah-star-cred", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Headers: *", acacTrue), Reply{Header: h(acaoP, acacTrue)}, Call{Header: h("X-A: 1"), Credentials: "include"}),
		one("pf-auth-under-star", fetchSpec+"#cors-non-wildcard-request-header-name", grant("Access-Control-Allow-Headers: *"), allowP, Call{Header: h("Authorization: Bearer x")}),
		one("pf-auth-listed", fetchSpec+"#cors-non-wildcard-request-header-name", grant("Access-Control-Allow-Headers: authorization"), allowP, Call{Header: h("Authorization: Bearer x")}),
		one("pf-auth-star-and-listed", fetchSpec+"#cors-non-wildcard-request-header-name", grant("Access-Control-Allow-Headers: *, Authorization"), allowP, Call{Header: h("Authorization: Bearer x", "X-A: 1")}),
		one("pf-star-everywhere", fetchSpec+"#cors-preflight-fetch-0", Reply{Header: h(acaoStar, "Access-Control-Allow-Methods: *", "Access-Control-Allow-Headers: *", "Access-Control-Expose-Headers: *")}, Reply{Header: h(acaoStar, "Access-Control-Expose-Headers: *", secretHdr)}, Call{Method: "PUT", Header: h("X-A: 1")}),
		one("pf-star-everywhere-cred", fetchSpec+"#cors-preflight-fetch-0", Reply{Header: h(acaoStar, acacTrue, "Access-Control-Allow-Methods: *", "Access-Control-Allow-Headers: *")}, Reply{Header: h(acaoStar, acacTrue)}, Call{Method: "PUT", Header: h("X-A: 1"), Credentials: "include"}),
		one("pf-cred-no-cookie-on-preflight", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Methods: PUT", acacTrue), Reply{Header: h(acaoP, acacTrue)}, Call{Method: "PUT", Credentials: "include"}),
		one("pf-cred-no-acac", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Methods: PUT"), Reply{Header: h(acaoP, acacTrue)}, Call{Method: "PUT", Credentials: "include"}),
		one("pf-no-acao", fetchSpec+"#cors-preflight-fetch-0", Reply{Header: h("Access-Control-Allow-Methods: PUT")}, allowP, Call{Method: "PUT"}),
		one("pf-acao-mismatch", fetchSpec+"#cors-preflight-fetch-0", Reply{Header: h("Access-Control-Allow-Origin: {B}", "Access-Control-Allow-Methods: PUT")}, allowP, Call{Method: "PUT"}),
		one("pf-acao-multiple", fetchSpec+"#cors-preflight-fetch-0", Reply{Header: h("Access-Control-Allow-Origin: {P}, {B}", "Access-Control-Allow-Methods: PUT")}, allowP, Call{Method: "PUT"}),
		one("pf-acao-star-cred", fetchSpec+"#cors-preflight-fetch-0", Reply{Header: h(acaoStar, acacTrue, "Access-Control-Allow-Methods: PUT")}, Reply{Header: h(acaoP, acacTrue)}, Call{Method: "PUT", Credentials: "include"}),
		one("pf-actual-fails", fetchSpec+"#concept-cors-check", grant("Access-Control-Allow-Methods: PUT"), Reply{}, Call{Method: "PUT"}),
		one("pf-forced-by-use-cors-preflight-none", fetchSpec+"#cors-preflight-fetch-0", grant(), allowP, Call{Method: "POST", Body: "x", Header: h("Content-Type: text/plain")}),

		// Preflight status codes. wpt cors/preflight-failure.htm
		one("pf-status-204", wptCORS+"preflight-failure.htm", Reply{Status: 204, Header: h(acaoP, "Access-Control-Allow-Methods: PUT")}, allowP, Call{Method: "PUT"}),
		one("pf-status-299", wptCORS+"preflight-failure.htm", Reply{Status: 299, Header: h(acaoP, "Access-Control-Allow-Methods: PUT")}, allowP, Call{Method: "PUT"}),
		one("pf-status-300", wptCORS+"preflight-failure.htm", Reply{Status: 300, Header: h(acaoP, "Access-Control-Allow-Methods: PUT")}, allowP, Call{Method: "PUT"}),
		one("pf-status-301", wptCORS+"preflight-failure.htm", Reply{Status: 301, Header: h(acaoP, "Access-Control-Allow-Methods: PUT", "Location: {A}{S}/r")}, allowP, Call{Method: "PUT"}),
		one("pf-status-304", wptCORS+"preflight-failure.htm", Reply{Status: 304, Header: h(acaoP, "Access-Control-Allow-Methods: PUT")}, allowP, Call{Method: "PUT"}),
		one("pf-status-307-to-b", wptCORS+"preflight-failure.htm", Reply{Status: 307, Header: h(acaoP, "Access-Control-Allow-Methods: PUT", "Location: {B}{S}/r")}, allowP, Call{Method: "PUT"}),
		one("pf-status-400", wptCORS+"preflight-failure.htm", Reply{Status: 400, Header: h(acaoP, "Access-Control-Allow-Methods: PUT")}, allowP, Call{Method: "PUT"}),
		one("pf-status-404-no-acao", wptCORS+"preflight-failure.htm", Reply{Status: 404}, allowP, Call{Method: "PUT"}),
		one("pf-status-500", wptCORS+"preflight-failure.htm", Reply{Status: 500, Header: h(acaoP, "Access-Control-Allow-Methods: PUT")}, allowP, Call{Method: "PUT"}),

		// Expose headers and response filtering. https://fetch.spec.whatwg.org/#concept-filtered-response-cors
		simple("aceh-one", wptCORS+"response-headers.htm", Reply{Header: h(acaoP, secretHdr, secondHdr, "Access-Control-Expose-Headers: x-secret")}, Call{}),
		simple("aceh-star", wptCORS+"response-headers.htm", Reply{Header: h(acaoP, secretHdr, secondHdr, setCookie, "Access-Control-Expose-Headers: *")}, Call{}),
		simple("aceh-star-cred", wptCORS+"response-headers.htm", Reply{Header: h(acaoP, acacTrue, secretHdr, "Access-Control-Expose-Headers: *")}, Call{Credentials: "include"}),
		simple("aceh-star-cred-listed", wptCORS+"response-headers.htm", Reply{Header: h(acaoP, acacTrue, secretHdr, "Access-Control-Expose-Headers: *, X-Secret")}, Call{Credentials: "include"}),
		simple("aceh-invalid-token", wptCORS+"response-headers.htm", Reply{Header: h(acaoP, secretHdr, "Access-Control-Expose-Headers: x-secret, (bad)")}, Call{}),
		simple("aceh-set-cookie", wptCORS+"response-headers.htm", Reply{Header: h(acaoP, setCookie, "Access-Control-Expose-Headers: Set-Cookie")}, Call{}),
		simple("aceh-two-lines", wptCORS+"response-headers.htm", Reply{Header: h(acaoP, secretHdr, secondHdr, "Access-Control-Expose-Headers: x-secret", "Access-Control-Expose-Headers: x-second")}, Call{}),
		simple("safelisted-response-headers", fetchSpec+"#cors-safelisted-response-header-name", Reply{Header: h(acaoP, "Cache-Control: no-cache", "Content-Language: en", "Expires: 0", "Last-Modified: Tue, 15 Nov 1994 12:45:26 GMT", "Pragma: no-cache", secretHdr)}, Call{}),
		simple("basic-all-headers", fetchSpec+"#concept-filtered-response-basic", Reply{Header: h(secretHdr, setCookie)}, Call{URL: "{P}{S}/r"}),

		// no-cors and same-origin modes. https://fetch.spec.whatwg.org/#main-fetch
		simple("nocors-get", fetchSpec+"#concept-filtered-response-opaque", allowP, Call{Mode: "no-cors"}),
		simple("nocors-post", fetchSpec+"#concept-filtered-response-opaque", Reply{}, Call{Mode: "no-cors", Method: "POST", Body: "x"}),
		simple("nocors-put", fetchSpec+"#dom-request", allowP, Call{Mode: "no-cors", Method: "PUT"}),
		simple("nocors-unsafe-header-dropped", fetchSpec+"#concept-headers-guard", allowP, Call{Mode: "no-cors", Header: h("X-Custom: 1", "Accept: text/plain")}),
		simple("nocors-same-origin-url", fetchSpec+"#main-fetch", allowP, Call{URL: "{P}{S}/r", Mode: "no-cors"}),
		simple("nocors-cred-include", fetchSpec+"#main-fetch", Reply{}, Call{Mode: "no-cors", Credentials: "include"}),
		simple("sameorigin-mode-same", fetchSpec+"#main-fetch", Reply{Header: h(secretHdr)}, Call{URL: "{P}{S}/r", Mode: "same-origin"}),
		simple("sameorigin-mode-cross", fetchSpec+"#main-fetch", allowP, Call{Mode: "same-origin"}),

		// Bad calls fetch() rejects before sending. https://fetch.spec.whatwg.org/#dom-request
		simple("bad-get-with-body", fetchSpec+"#dom-request", allowP, Call{Body: "x"}),
		simple("bad-trace", fetchSpec+"#forbidden-method", allowP, Call{Method: "TRACE"}),
	}

	// Redirects. https://fetch.spec.whatwg.org/#http-redirect-fetch
	s = append(s,
		&Scenario{Name: "redir-same-origin-hop", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h(acaoP, "Location: {A}{S}/r2")}}, "r2": {Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r"}}},
		&Scenario{Name: "redir-cross-origin-taint-mismatch", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h(acaoP, "Location: {B}{S}/r2")}}, "r2": {Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r"}}},
		&Scenario{Name: "redir-cross-origin-taint-null", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h(acaoP, "Location: {B}{S}/r2")}}, "r2": {Actual: Reply{Header: h("Access-Control-Allow-Origin: null", secretHdr)}}},
			Calls: []Call{{URL: "{A}{S}/r"}}},
		&Scenario{Name: "redir-cross-origin-taint-star", Cite: wptFetchAC + "cors-redirect.any.js", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h(acaoP, "Location: {B}{S}/r2")}}, "r2": {Actual: Reply{Header: h(acaoStar)}}},
			Calls: []Call{{URL: "{A}{S}/r"}}},
		&Scenario{Name: "redir-taint-cred-null", Cite: wptFetchAC + "cors-redirect-credentials.any.js", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h(acaoP, acacTrue, "Location: {B}{S}/r2")}}, "r2": {Actual: Reply{Header: h("Access-Control-Allow-Origin: null", acacTrue)}}},
			Calls: []Call{{URL: "{A}{S}/r", Credentials: "include"}}},
		&Scenario{Name: "redir-no-acao-on-hop", Cite: wptFetchAC + "cors-redirect.any.js", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h("Location: {A}{S}/r2")}}, "r2": {Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r"}}},
		&Scenario{Name: "redir-back-to-page-origin", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h(acaoP, "Location: {P}{S}/r2")}}, "r2": {Actual: Reply{Header: h(secretHdr)}}},
			Calls: []Call{{URL: "{A}{S}/r"}}},
		&Scenario{Name: "redir-from-page-origin", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h("Location: {A}{S}/r2")}}, "r2": {Actual: allowP}},
			Calls: []Call{{URL: "{P}{S}/r"}}},
		&Scenario{Name: "redir-303-post", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 303, Header: h(acaoP, "Location: {A}{S}/r2")}}, "r2": {Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r", Method: "POST", Body: "x", Header: h(textPlain)}}},
		&Scenario{Name: "redir-301-post", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 301, Header: h(acaoP, "Location: {A}{S}/r2")}}, "r2": {Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r", Method: "POST", Body: "x", Header: h(textPlain)}}},
		&Scenario{Name: "redir-307-post", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 307, Header: h(acaoP, "Location: {A}{S}/r2")}}, "r2": {Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r", Method: "POST", Body: "x", Header: h(textPlain)}}},
		&Scenario{Name: "redir-preflighted-same-origin", Cite: wptFetchAC + "cors-preflight-redirect.any.js", Routes: map[string]Route{
			"r":  {Preflight: grant("Access-Control-Allow-Methods: PUT"), Actual: Reply{Status: 307, Header: h(acaoP, "Location: {A}{S}/r2")}},
			"r2": {Preflight: grant("Access-Control-Allow-Methods: PUT"), Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r", Method: "PUT", Body: "x"}}},
		&Scenario{Name: "redir-preflighted-cross-origin", Cite: wptFetchAC + "cors-preflight-redirect.any.js", Routes: map[string]Route{
			"r":  {Preflight: grant("Access-Control-Allow-Methods: PUT"), Actual: Reply{Status: 307, Header: h(acaoP, "Location: {B}{S}/r2")}},
			"r2": {Preflight: Reply{Header: h(acaoStar, "Access-Control-Allow-Methods: PUT")}, Actual: Reply{Header: h(acaoStar)}}},
			Calls: []Call{{URL: "{A}{S}/r", Method: "PUT", Body: "x"}}},
		&Scenario{Name: "redir-authorization-dropped", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r":  {Preflight: grant("Access-Control-Allow-Headers: authorization"), Actual: Reply{Status: 302, Header: h(acaoP, "Location: {B}{S}/r2")}},
			"r2": {Preflight: Reply{Header: h(acaoStar, "Access-Control-Allow-Headers: authorization")}, Actual: Reply{Header: h(acaoStar)}}},
			Calls: []Call{{URL: "{A}{S}/r", Header: h("Authorization: Bearer x")}}},
		&Scenario{Name: "redir-authorization-kept-same-origin", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r":  {Preflight: grant("Access-Control-Allow-Headers: authorization"), Actual: Reply{Status: 302, Header: h(acaoP, "Location: {A}{S}/r2")}},
			"r2": {Preflight: grant("Access-Control-Allow-Headers: authorization"), Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r", Header: h("Authorization: Bearer x")}}},
		&Scenario{Name: "redir-custom-header-cross-origin", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r":  {Preflight: grant("Access-Control-Allow-Headers: x-a"), Actual: Reply{Status: 302, Header: h(acaoP, "Location: {B}{S}/r2")}},
			"r2": {Preflight: Reply{Header: h(acaoStar, "Access-Control-Allow-Headers: x-a")}, Actual: Reply{Header: h(acaoStar)}}},
			Calls: []Call{{URL: "{A}{S}/r", Header: h("X-A: 1")}}},
		&Scenario{Name: "redir-userinfo", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h(acaoP, "Location: http://u:p@{A-HOST}{S}/r2")}}, "r2": {Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r"}}},
		&Scenario{Name: "redir-mode-error", Cite: fetchSpec + "#http-fetch", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h(acaoP, "Location: {A}{S}/r2")}}, "r2": {Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r", Redirect: "error"}}},
		&Scenario{Name: "redir-mode-manual", Cite: fetchSpec + "#concept-filtered-response-opaque-redirect", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h(acaoP, "Location: {A}{S}/r2")}}, "r2": {Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r", Redirect: "manual"}}},
		&Scenario{Name: "redir-nocors-cross", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h("Location: {B}{S}/r2")}}, "r2": {Actual: Reply{}}},
			Calls: []Call{{URL: "{A}{S}/r", Mode: "no-cors"}}},
		&Scenario{Name: "redir-sameorigin-mode-cross", Cite: fetchSpec + "#main-fetch", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h("Location: {A}{S}/r2")}}, "r2": {Actual: allowP}},
			Calls: []Call{{URL: "{P}{S}/r", Mode: "same-origin"}}},
		&Scenario{Name: "redir-20-hops", Cite: fetchSpec + "#http-redirect-fetch", Routes: redirectChain(20), Calls: []Call{{URL: "{A}{S}/r0"}}},
		&Scenario{Name: "redir-21-hops", Cite: fetchSpec + "#http-redirect-fetch", Routes: redirectChain(21), Calls: []Call{{URL: "{A}{S}/r0"}}},
	)

	// The preflight cache. https://fetch.spec.whatwg.org/#concept-cache
	put := Call{Method: "PUT", Body: "x"}
	s = append(s,
		one("cache-default-max-age", wptCORS+"preflight-cache.htm", grant("Access-Control-Allow-Methods: PUT"), allowP, put, put),
		one("cache-max-age-0", wptCORS+"preflight-cache.htm", grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 0"), allowP, put, put),
		one("cache-max-age-minus-1", wptCORS+"preflight-cache.htm", grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: -1"), allowP, put, put),
		one("cache-max-age-plus-60", wptCORS+"preflight-cache.htm", grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: +60"), allowP, put, put),
		one("cache-max-age-garbage", wptCORS+"preflight-cache.htm", grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: abc"), allowP, put, put),
		one("cache-max-age-1-expires", wptCORS+"preflight-cache.htm", grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 1"), allowP, put, Call{Method: "PUT", Body: "x", SleepBefore: 1300}),
		one("cache-method-then-other", wptCORS+"preflight-cache.htm", grant("Access-Control-Allow-Methods: PUT, DELETE", "Access-Control-Max-Age: 60"), allowP,
			put, Call{Method: "DELETE"}, put),
		one("cache-header-then-other", wptCORS+"preflight-cache.htm", grant("Access-Control-Allow-Headers: x-a, x-b", "Access-Control-Max-Age: 60"), allowP,
			Call{Header: h("X-A: 1")}, Call{Header: h("X-B: 1")}, Call{Header: h("X-A: 1")}),
		one("cache-covers-subset", wptCORS+"preflight-cache.htm", grant("Access-Control-Allow-Headers: x-a, x-b", "Access-Control-Max-Age: 60"), allowP,
			Call{Header: h("X-A: 1", "X-B: 1")}, Call{Header: h("X-A: 1")}),
		one("cache-star-auth", fetchSpec+"#concept-cache-match-header", grant("Access-Control-Allow-Headers: *", "Access-Control-Max-Age: 60"), allowP,
			Call{Header: h("Authorization: Bearer x")}, Call{Header: h("Authorization: Bearer x")}),
		one("cache-noncred-then-cred", fetchSpec+"#concept-cache-match", grant("Access-Control-Allow-Methods: PUT", acacTrue, "Access-Control-Max-Age: 60"), Reply{Header: h(acaoP, acacTrue)},
			put, Call{Method: "PUT", Body: "x", Credentials: "include"}),
		one("cache-cred-then-noncred", fetchSpec+"#concept-cache-match", grant("Access-Control-Allow-Methods: PUT", acacTrue, "Access-Control-Max-Age: 60"), Reply{Header: h(acaoP, acacTrue)},
			Call{Method: "PUT", Body: "x", Credentials: "include"}, put),
		one("cache-kept-after-actual-fails", fetchSpec+"#concept-cors-check", grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 60"), Reply{}, put, put),
		one("cache-bypass-no-store", fetchSpec+"#concept-request-cache-mode", grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 60"), allowP,
			put, Call{Method: "PUT", Body: "x", Cache: "no-store"}),
	)
	s = append(s, firefoxScenarios()...)
	s = append(s, webkitScenarios()...)
	s = append(s, foundScenarios()...)
	return append(s, knobScenarios()...)
}

func repeat(b byte, n int) string {
	s := make([]byte, n)
	for i := range s {
		s[i] = b
	}
	return string(s)
}

// manyAccept returns n Accept lines of size bytes each.
func manyAccept(n, size int) []string {
	l := make([]string, n)
	for i := range l {
		l[i] = "Accept: " + repeat(byte('a'+i), size)
	}
	return l
}

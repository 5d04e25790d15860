package browser

import (
	"fmt"
	"strings"
)

// echoMethod is a preflight answer that allows the page and only the
// requested method, for 60 s, plus the given lines.
func echoMethod(lines ...string) Reply {
	return grant(append(h("Access-Control-Allow-Methods: {ACRM}", "Access-Control-Max-Age: 60"), lines...)...)
}

// hop is a route whose actual answer redirects with status to location,
// and whose preflight answer is pre.
func hop(pre Reply, status int, location string) Route {
	return Route{Preflight: pre, Actual: Reply{Status: status, Header: h(acaoP, "Location: "+location)}}
}

// crossTarget is a route on another origin that a tainted (Origin: null)
// request reaches: it allows every origin, and method on the preflight.
func crossTarget(method string) Route {
	return Route{
		Preflight: Reply{Header: h(acaoStar, "Access-Control-Allow-Methods: "+method)},
		Actual:    Reply{Header: h(acaoStar, secretHdr)},
	}
}

// webkitScenarios are the scenarios for the Policy knobs WebKit turns on
// that the hand-written scenarios did not reach. They run against every
// engine.
func webkitScenarios() []*Scenario {
	put := Call{Method: "PUT", Body: "x"}
	del := Call{Method: "DELETE"}
	s := []*Scenario{
		// One preflight cache entry per URL, replaced whole by each
		// successful preflight (cors.Policy.PreflightCacheReplace): against
		// a server that allows only the requested method, PUT, DELETE, PUT
		// preflights three times; the standard's entries accumulate, so
		// the second PUT is covered.
		one("cache-one-entry-per-url", fetchSpec+"#cors-preflight-fetch-0", echoMethod(), allowP, put, del, put),
		// A preflight that fails its header check, then the first request
		// again. The standard clears the URL's entries on the failure.
		one("cache-failed-preflight-headers", fetchSpec+"#concept-cache-clear",
			echoMethod("Access-Control-Allow-Headers: x-a"), allowP,
			Call{Method: "PUT", Body: "x", Header: h("X-A: 1")}, Call{Method: "PUT", Body: "x", Header: h("X-B: 1")}, Call{Method: "PUT", Body: "x", Header: h("X-A: 1")}),
		// A preflight that fails its header check after granting another
		// method than the cached entry's: then the first request, then
		// the failed one's method with an allowed header. Whether the
		// failed preflight's grant replaced the entry shows in which of
		// the two preflights again.
		one("cache-failed-preflight-grant", fetchSpec+"#concept-cache-clear",
			echoMethod("Access-Control-Allow-Headers: x-a"), allowP,
			Call{Method: "PUT", Body: "x", Header: h("X-A: 1")}, Call{Method: "DELETE", Header: h("X-B: 1")},
			Call{Method: "PUT", Body: "x", Header: h("X-A: 1")}, Call{Method: "DELETE", Header: h("X-A: 1")}),
		// A preflight that fails its method check, then the first request
		// again.
		one("cache-failed-preflight-method", fetchSpec+"#concept-cache-clear",
			grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 60"), allowP, put, del, put),
		// The actual response fails its CORS check after a cached
		// preflight, twice, then a good one: the entry is kept
		// (PreflightCacheKeptOnActualFailure) across both failures.
		&Scenario{Name: "cache-kept-after-two-actual-failures", Cite: fetchSpec + "#main-fetch", Routes: map[string]Route{
			"r": {Preflight: echoMethod(), Actual: Reply{}}},
			Calls: []Call{put, put, put}},

		// A redirect that makes a preflighted request simple: the standard
		// decides anew at the new URL, WebKit preflights again
		// (PreflightAfterPreflight, PreflightForRemovedHeaders).
		&Scenario{Name: "redir-303-put-same-origin", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r":  hop(grant("Access-Control-Allow-Methods: PUT"), 303, "{A}{S}/r2"),
			"r2": {Preflight: grant(), Actual: allowP}},
			Calls: []Call{put}},
		&Scenario{Name: "redir-303-put-cross-origin", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r":  hop(grant("Access-Control-Allow-Methods: PUT"), 303, "{B}{S}/r2"),
			"r2": crossTarget("GET")},
			Calls: []Call{put}},
		// The target's preflight fails: WebKit's extra preflight fails the
		// whole fetch; the standard never sends it.
		&Scenario{Name: "redir-303-put-target-refuses", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r":  hop(grant("Access-Control-Allow-Methods: PUT"), 303, "{A}{S}/r2"),
			"r2": {Preflight: Reply{Status: 403}, Actual: allowP}},
			Calls: []Call{put}},
		// The target URL already has a cached grant (a PUT to it): the
		// extra preflight WebKit would make is covered by it.
		&Scenario{Name: "redir-303-put-target-cached", Cite: fetchSpec + "#concept-cache-match", Routes: map[string]Route{
			"r":  hop(grant("Access-Control-Allow-Methods: PUT"), 303, "{A}{S}/r2"),
			"r2": {Preflight: grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 60"), Actual: allowP}},
			Calls: []Call{{URL: "{A}{S}/r2", Method: "PUT", Body: "x"}, put}},
		// A POST whose Content-Type needs a preflight, turned into a GET
		// (which drops Content-Type) by a 303: WebKit preflights again
		// with the first request's headers (PreflightWithFirstHeaders).
		&Scenario{Name: "redir-303-post-json", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r":  hop(grant("Access-Control-Allow-Headers: content-type"), 303, "{A}{S}/r2"),
			"r2": {Preflight: grant("Access-Control-Allow-Headers: content-type"), Actual: allowP}},
			Calls: []Call{{Method: "POST", Body: "{}", Header: h("Content-Type: application/json")}}},
		&Scenario{Name: "redir-303-post-json-target-allows-none", Cite: fetchSpec + "#cors-preflight-fetch-0", Routes: map[string]Route{
			"r":  hop(grant("Access-Control-Allow-Headers: content-type"), 303, "{A}{S}/r2"),
			"r2": {Preflight: grant(), Actual: allowP}},
			Calls: []Call{{Method: "POST", Body: "{}", Header: h("Content-Type: application/json")}}},
		// Authorization removed by a cross-origin redirect, the target's
		// preflight not allowing it: WebKit's preflight still lists it.
		&Scenario{Name: "redir-authorization-target-allows-none", Cite: fetchSpec + "#cors-preflight-fetch-0", Routes: map[string]Route{
			"r":  hop(grant("Access-Control-Allow-Headers: authorization"), 302, "{B}{S}/r2"),
			"r2": {Preflight: Reply{Header: h(acaoStar)}, Actual: Reply{Header: h(acaoStar)}}},
			Calls: []Call{{Header: h("Authorization: Bearer x")}}},
		// A same-origin request whose unsafe header a redirect to another
		// origin removes (Authorization), or whose method change does
		// (Content-Type after a 303): it took no preflight on the first
		// hop, so only the first request's unsafe names can make WebKit
		// preflight at the second (PreflightForRemovedHeaders).
		&Scenario{Name: "redir-page-auth-to-cross", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r":  {Actual: Reply{Status: 302, Header: h("Location: {A}{S}/r2")}},
			"r2": {Preflight: grant("Access-Control-Allow-Headers: authorization"), Actual: allowP}},
			Calls: []Call{{URL: "{P}{S}/r", Header: h("Authorization: Bearer x")}}},
		&Scenario{Name: "redir-page-json-303-to-cross", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r":  {Actual: Reply{Status: 303, Header: h("Location: {A}{S}/r2")}},
			"r2": {Preflight: grant("Access-Control-Allow-Headers: content-type"), Actual: allowP}},
			Calls: []Call{{URL: "{P}{S}/r", Method: "POST", Body: "{}", Header: h("Content-Type: application/json")}}},
		&Scenario{Name: "redir-page-json-303-to-cross-refused", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r":  {Actual: Reply{Status: 303, Header: h("Location: {A}{S}/r2")}},
			"r2": {Preflight: grant(), Actual: allowP}},
			Calls: []Call{{URL: "{P}{S}/r", Method: "POST", Body: "{}", Header: h("Content-Type: application/json")}}},
		// A custom header survives the redirect: the target preflights
		// for it in every engine; with a second header the target does
		// not allow, the fetch fails.
		&Scenario{Name: "redir-custom-header-target-partial", Cite: fetchSpec + "#cors-preflight-fetch-0", Routes: map[string]Route{
			"r":  hop(grant("Access-Control-Allow-Headers: x-a, x-b"), 307, "{A}{S}/r2"),
			"r2": {Preflight: grant("Access-Control-Allow-Headers: x-a"), Actual: allowP}},
			Calls: []Call{{Header: h("X-A: 1", "X-B: 2")}}},

		// Origin on a same-origin request after a POST→303 (GET) or
		// POST→302 (GET): the standard sends none on a same-origin GET;
		// WebKit keeps the first hop's (OriginKeptAfterRedirect).
		&Scenario{Name: "redir-303-post-same-origin-page", Cite: fetchSpec + "#append-a-request-origin-header", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 303, Header: h("Location: {P}{S}/r2")}}, "r2": {Actual: Reply{Header: h(secretHdr)}}},
			Calls: []Call{{URL: "{P}{S}/r", Method: "POST", Body: "x", Header: h(textPlain)}}},
		&Scenario{Name: "redir-302-post-same-origin-page", Cite: fetchSpec + "#append-a-request-origin-header", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h("Location: {P}{S}/r2")}}, "r2": {Actual: Reply{Header: h(secretHdr)}}},
			Calls: []Call{{URL: "{P}{S}/r", Method: "POST", Body: "x", Header: h(textPlain)}}},
		&Scenario{Name: "redir-307-put-same-origin-page", Cite: fetchSpec + "#append-a-request-origin-header", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 307, Header: h("Location: {P}{S}/r2")}}, "r2": {Actual: Reply{Header: h(secretHdr)}}},
			Calls: []Call{{URL: "{P}{S}/r", Method: "PUT", Body: "x"}}},
		// A same-origin GET redirected to the page origin: no Origin
		// anywhere, in every engine.
		&Scenario{Name: "redir-get-same-origin-page", Cite: fetchSpec + "#append-a-request-origin-header", Routes: map[string]Route{
			"r": {Actual: Reply{Status: 302, Header: h("Location: {P}{S}/r2")}}, "r2": {Actual: Reply{Header: h(secretHdr)}}},
			Calls: []Call{{URL: "{P}{S}/r"}}},

		// Range: the unit's case, and positions at and beyond the int64
		// limit (RangeUnitCaseInsensitive, RangeBeyondInt64Unsafe).
		headerEdge("hdr-range-case-upper", fetchSpec+"#simple-range-header-value", "GET", "Range: BYTES=0-1"),
		headerEdge("hdr-range-case-open", fetchSpec+"#simple-range-header-value", "GET", "Range: bYtes=5-"),
		headerEdge("hdr-range-int64-max", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=0-9223372036854775807"),
		headerEdge("hdr-range-int64-max-minus-1", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=0-9223372036854775806"),
		headerEdge("hdr-range-int64-max-plus-1", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=0-9223372036854775808"),
		headerEdge("hdr-range-uint64-max", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=0-18446744073709551615"),
		headerEdge("hdr-range-uint64-max-plus-1", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=0-18446744073709551616"),
		headerEdge("hdr-range-uint64-max-plus-1-first", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=18446744073709551616-"),
		headerEdge("hdr-range-first-overflow", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=99999999999999999999-"),
		headerEdge("hdr-range-int64-max-first", fetchSpec+"#simple-range-header-value", "GET", "Range: bytes=9223372036854775807-"),

		// The page's User-Agent, allowed by the preflight: WebKit sends it
		// on the preflight too (PreflightCarriesUserAgent).
		one("pf-user-agent-allowed", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Headers: user-agent"), allowP,
			Call{Header: h("User-Agent: probe-ua")}),
		one("pf-user-agent-and-custom", fetchSpec+"#cors-preflight-fetch-0", grant("Access-Control-Allow-Headers: user-agent, x-a"), allowP,
			Call{Header: h("User-Agent: probe-ua", "X-A: 1")}),
	}

	// DELETE redirected back to the page's origin, and from it to another:
	// "another origin" is the redirecting URL's, not the page's.
	s = append(s,
		&Scenario{Name: "redir-delete-307-to-page-origin", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r":  hop(grant("Access-Control-Allow-Methods: DELETE"), 307, "{P}{S}/r2"),
			"r2": crossTarget("DELETE")},
			Calls: []Call{{Method: "DELETE"}}},
		&Scenario{Name: "redir-delete-307-from-page-origin", Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
			"r":  {Actual: Reply{Status: 307, Header: h("Location: {A}{S}/r2")}},
			"r2": {Preflight: grant("Access-Control-Allow-Methods: DELETE"), Actual: allowP}},
			Calls: []Call{{URL: "{P}{S}/r", Method: "DELETE"}}},
	)

	// DELETE and PUT redirected with each status, to another origin and to
	// the same one (CrossOriginRedirectDeleteAsGET). The standard keeps the
	// method except on 303 (GET).
	for _, m := range []string{"DELETE", "PUT"} {
		for _, st := range []int{301, 302, 303, 307, 308} {
			c := Call{Method: m}
			if m == "PUT" {
				c.Body = "x"
			}
			allowM := grant("Access-Control-Allow-Methods: " + m)
			s = append(s,
				&Scenario{Name: fmt.Sprintf("redir-%s-%d-cross", strings.ToLower(m), st), Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
					"r":  hop(allowM, st, "{B}{S}/r2"),
					"r2": crossTarget(m)},
					Calls: []Call{c}},
				&Scenario{Name: fmt.Sprintf("redir-%s-%d-same", strings.ToLower(m), st), Cite: fetchSpec + "#http-redirect-fetch", Routes: map[string]Route{
					"r":  hop(allowM, st, "{A}{S}/r2"),
					"r2": {Preflight: allowM, Actual: allowP}},
					Calls: []Call{c}},
			)
		}
	}
	for _, sc := range s {
		for i := range sc.Calls {
			if sc.Calls[i].URL == "" {
				sc.Calls[i].URL = "{A}{S}/r"
			}
		}
	}
	return s
}

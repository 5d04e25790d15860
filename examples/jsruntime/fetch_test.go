package jsruntime

import (
	"net/url"
	"strings"
	"testing"
)

var (
	corsSafelist  = []string{"content-length", "content-type"}
	noHeaders     = []string{}
	echoCORS      = "acao=echo&acac=1"
	jsonCT        = "application/json"
	textCT        = "text/plain;charset=UTF-8"
	formCT        = "application/x-www-form-urlencoded;charset=UTF-8"
	xCustom       = [][2]string{{"X-Custom", "1"}}
	jsonHeader    = [][2]string{{"Content-Type", jsonCT}}
	authorization = [][2]string{{"Authorization", "Bearer x"}}
)

// The fetch() cases: each is JavaScript run in goja against loopback
// servers and the same request made through the Go API; both must agree,
// and agree with the outcome, type, status and readable headers a browser
// gives (the WPT files named are where each behaviour is tested in browsers:
// fetch/api/cors/, fetch/api/redirect/, fetch/api/basic/, fetch/api/abort/).
var cases = []jsCase{
	// Simple requests (cors-basic.any.js, cors-filtering.sub.any.js).
	{name: "same-origin GET is basic", url: "{site}/a", wantOK: true, wantType: "basic", wantStatus: 200, wantHeaders: []string{"content-length", "content-type", "x-custom", "x-secret"}},
	{name: "cross-origin GET with ACAO *", url: "{api}/a?acao=*", wantOK: true, wantType: "cors", wantStatus: 200, wantHeaders: corsSafelist},
	{name: "cross-origin GET with ACAO echo", url: "{api}/a?acao=echo", wantOK: true, wantType: "cors", wantStatus: 200, wantHeaders: corsSafelist},
	{name: "cross-origin GET without ACAO", url: "{api}/a"},
	{name: "cross-origin GET with another origin", url: "{api}/a?acao=https://other.example"},
	{name: "cross-origin GET with two ACAO values", url: "{api}/a?acao=*,*"},
	{name: "cross-origin HEAD", url: "{api}/a?acao=*", method: "HEAD", wantOK: true, wantType: "cors", wantStatus: 200, wantHeaders: corsSafelist},
	{name: "cross-origin 404 is a response, not ok", url: "{api}/a?acao=*&status=404", wantOK: true, wantType: "cors", wantStatus: 404},
	{name: "cross-origin 500", url: "{api}/a?acao=*&status=500", wantOK: true, wantType: "cors", wantStatus: 500},
	{name: "POST string body is simple", url: "{api}/a?acao=*", method: "POST", body: "hello", bodyKind: "string", wantOK: true, wantType: "cors", wantStatus: 200, wantSentCT: &textCT},
	{name: "POST URLSearchParams body", url: "{api}/a?acao=*", method: "POST", body: "a=1&b=2", bodyKind: "usp", wantOK: true, wantType: "cors", wantStatus: 200, wantSentCT: &formCT},
	{name: "POST ArrayBuffer body has no type", url: "{api}/a?acao=*", method: "POST", body: "bytes", bodyKind: "arraybuffer", wantOK: true, wantType: "cors", wantStatus: 200, wantSentCT: ptr("")},
	{name: "POST Uint8Array body has no type", url: "{api}/a?acao=*", method: "POST", body: "bytes", bodyKind: "uint8array", wantOK: true, wantType: "cors", wantStatus: 200, wantSentCT: ptr("")},
	{name: "a page's Content-Type beats the body's", url: "{api}/a?acao=*", method: "POST", headers: [][2]string{{"Content-Type", "text/plain"}}, body: "x", bodyKind: "string", wantOK: true, wantType: "cors", wantStatus: 200, wantSentCT: ptr("text/plain")},
	{name: "GET with a body is a TypeError", url: "{api}/a?acao=*", body: "x", bodyKind: "string"},

	// Preflighted requests (cors-preflight.any.js, cors-preflight-star.any.js).
	{name: "PUT allowed by ACAM", url: "{api}/a?acao=*&acam=PUT", method: "PUT", wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "PUT without ACAM", url: "{api}/a?acao=*", method: "PUT"},
	{name: "DELETE allowed", url: "{api}/a?acao=*&acam=DELETE", method: "DELETE", wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "PATCH allowed", url: "{api}/a?acao=*&acam=PATCH", method: "PATCH", wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "lower-case patch is not normalized, and ACAM is case-sensitive", url: "{api}/a?acao=*&acam=PATCH", method: "patch"},
	{name: "custom header allowed by ACAH", url: "{api}/a?acao=*&acah=x-custom", headers: xCustom, wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "custom header as an array", url: "{api}/a?acao=*&acah=x-custom", headers: xCustom, form: "array", wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "custom header as a Headers", url: "{api}/a?acao=*&acah=x-custom", headers: xCustom, form: "Headers", wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "custom header without ACAH", url: "{api}/a?acao=*", headers: xCustom},
	{name: "custom header under ACAH *", url: "{api}/a?acao=*&acah=*", headers: xCustom, wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "Authorization is not covered by ACAH *", url: "{api}/a?acao=*&acah=*", headers: authorization},
	{name: "Authorization named in ACAH", url: "{api}/a?acao=*&acah=authorization", headers: authorization, wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "JSON Content-Type allowed", url: "{api}/a?acao=*&acah=content-type", method: "POST", headers: jsonHeader, body: "{}", bodyKind: "string", wantOK: true, wantType: "cors", wantStatus: 200, wantSentCT: &jsonCT},
	{name: "JSON Content-Type not allowed", url: "{api}/a?acao=*", method: "POST", headers: jsonHeader, body: "{}", bodyKind: "string"},
	// Where cors.ChromiumPolicy() differs (TestFetchJSInChromium runs goja with it).
	{name: "a page's User-Agent is CORS-unsafe (Chromium drops it)", url: "{api}/a?acao=*", headers: [][2]string{{"User-Agent", "page/1"}}},
	{name: "two Accept values, each safelisted (Chromium joins them)", url: "{api}/a?acao=*", headers: [][2]string{{"Accept", strings.Repeat("a", 100)}, {"Accept", strings.Repeat("b", 100)}}, form: "array", wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "preflight answered 500", url: "{api}/a?acao=*&acam=PUT&pstatus=500", method: "PUT"},
	{name: "preflight answered with a redirect", url: "{api}/a?acao=*&acam=PUT&pstatus=302", method: "PUT"},
	{name: "preflight without ACAO", url: "{api}/a?acao=&acam=PUT", method: "PUT"},

	// Credentials (cors-cookies.any.js, cors-preflight-star.any.js).
	{name: "include with echo and ACAC", url: "{api}/a?" + echoCORS, credentials: "include", wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "include with ACAO *", url: "{api}/a?acao=*&acac=1", credentials: "include"},
	{name: "include without ACAC", url: "{api}/a?acao=echo", credentials: "include"},
	{name: "same-origin credentials send no cookie cross-origin", url: "{api}/a?acao=*", wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "same-origin credentials send the cookie same-origin", url: "{site}/a", wantOK: true, wantType: "basic", wantStatus: 200},
	{name: "omit sends no cookie same-origin", url: "{site}/a", credentials: "omit", wantOK: true, wantType: "basic", wantStatus: 200},
	{name: "include preflighted PUT", url: "{api}/a?" + echoCORS + "&acam=PUT", method: "PUT", credentials: "include", wantOK: true, wantType: "cors", wantStatus: 200},

	// no-cors (request-headers.any.js, mode-no-cors.sub.any.js).
	{name: "no-cors GET is opaque", url: "{api}/a", mode: "no-cors", wantOK: true, wantType: "opaque", wantStatus: 0, wantHeaders: noHeaders},
	{name: "no-cors string body replaces a dropped JSON Content-Type", url: "{api}/a", mode: "no-cors", method: "POST", headers: jsonHeader, body: `{"a":1}`, bodyKind: "string", wantOK: true, wantType: "opaque", wantStatus: 0, wantSentCT: &textCT},
	{name: "no-cors keeps a safelisted Content-Type", url: "{api}/a", mode: "no-cors", method: "POST", headers: [][2]string{{"Content-Type", "text/plain"}}, body: "x", bodyKind: "string", wantOK: true, wantType: "opaque", wantStatus: 0, wantSentCT: ptr("text/plain")},
	{name: "no-cors drops a custom header", url: "{api}/a", mode: "no-cors", headers: xCustom, wantOK: true, wantType: "opaque", wantStatus: 0},
	{name: "no-cors PUT is a TypeError", url: "{api}/a", mode: "no-cors", method: "PUT"},
	{name: "no-cors same-origin is basic", url: "{site}/a", mode: "no-cors", wantOK: true, wantType: "basic", wantStatus: 200},
	{name: "same-origin mode cross-origin", url: "{api}/a?acao=*", mode: "same-origin"},
	{name: "same-origin mode same-origin", url: "{site}/a", mode: "same-origin", wantOK: true, wantType: "basic", wantStatus: 200},

	// Redirects (redirect-mode.any.js, redirect-origin.any.js, redirect-count.any.js, redirect-method.any.js).
	{name: "follow a same-origin redirect", url: "{site}/r?hops=1", wantOK: true, wantType: "basic", wantStatus: 200},
	{name: "response.url has no fragment", url: "{site}/a#frag", wantOK: true, wantType: "basic", wantStatus: 200},
	{name: "a fragment carries over a redirect, unseen", url: "{site}/r?hops=1#frag", wantOK: true, wantType: "basic", wantStatus: 200},
	{name: "follow a redirect to an allowing origin", url: "{site}/r?location=" + url.QueryEscape("{api}/b?acao=*"), wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "follow a redirect to a refusing origin", url: "{site}/r?location=" + url.QueryEscape("{api}/b")},
	{name: "redirect within another origin keeps the page's origin", url: "{api}/r?acao=*&location=" + url.QueryEscape("{api}/b?acao=echo"), wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "a tainted origin is null, echoed", url: "{site}/r?location=" + url.QueryEscape("{api}/r?acao=*&location="+url.QueryEscape("{site}/b?acao=echo")), wantOK: true, wantType: "cors", wantStatus: 200},
	{name: "a tainted origin is null, not the page's", url: "{site}/r?location=" + url.QueryEscape("{api}/r?acao=*&location="+url.QueryEscape("{site}/b?acao={site}"))},
	{name: "manual redirect is opaqueredirect", url: "{site}/r?hops=1", redirect: "manual", wantOK: true, wantType: "opaqueredirect", wantStatus: 0, wantHeaders: noHeaders},
	{name: "error redirect", url: "{site}/r?hops=1", redirect: "error"},
	{name: "error mode without a redirect", url: "{site}/a", redirect: "error", wantOK: true, wantType: "basic", wantStatus: 200},
	{name: "303 turns POST into GET", url: "{site}/r?hops=1&rstatus=303", method: "POST", body: "x", bodyKind: "string", wantOK: true, wantType: "basic", wantStatus: 200, wantSentCT: ptr("")},
	{name: "307 keeps POST and its body", url: "{site}/r?hops=1&rstatus=307", method: "POST", body: "x", bodyKind: "string", wantOK: true, wantType: "basic", wantStatus: 200, wantSentCT: &textCT},
	{name: "21 redirects are too many", url: "{site}/r?hops=21"},
	{name: "no-cors manual redirect is a TypeError", url: "{api}/r?hops=1", mode: "no-cors", redirect: "manual"},
	{name: "no-cors same-origin manual redirect", url: "{site}/r?hops=1", mode: "no-cors", redirect: "manual", wantOK: true, wantType: "opaqueredirect", wantStatus: 0},

	// Exposed headers (cors-expose-star.sub.any.js, cors-filtering.sub.any.js).
	{name: "ACEH exposes a header", url: "{api}/a?acao=*&aceh=x-custom", wantOK: true, wantType: "cors", wantStatus: 200, wantHeaders: []string{"content-length", "content-type", "x-custom"}},
	{name: "ACEH * exposes all but Set-Cookie", url: "{api}/a?acao=*&aceh=*", wantOK: true, wantType: "cors", wantStatus: 200, wantHeaders: []string{"access-control-allow-origin", "access-control-expose-headers", "content-length", "content-type", "x-custom", "x-secret"}},
	{name: "ACEH * with credentials is a name", url: "{api}/a?" + echoCORS + "&aceh=*", credentials: "include", wantOK: true, wantType: "cors", wantStatus: 200, wantHeaders: corsSafelist},
	{name: "ACEH cannot expose Set-Cookie", url: "{api}/a?acao=*&aceh=set-cookie,x-secret", wantOK: true, wantType: "cors", wantStatus: 200, wantHeaders: []string{"content-length", "content-type", "x-secret"}},

	// Content codings and Range (http-network-or-cache fetch; fetch/content-encoding/, fetch/range/).
	{name: "a gzip body is decoded, its headers kept", url: "{site}/a?gzip=1", wantOK: true, wantType: "basic", wantStatus: 200, wantHeaders: []string{"content-encoding", "content-length", "content-type", "x-custom", "x-secret"}},
	{name: "cross-origin gzip: Content-Encoding is not safelisted", url: "{api}/a?acao=*&gzip=1", wantOK: true, wantType: "cors", wantStatus: 200, wantHeaders: corsSafelist},
	{name: "Range sends Accept-Encoding: identity", url: "{site}/a", headers: [][2]string{{"Range", "bytes=0-4"}}, wantOK: true, wantType: "basic", wantStatus: 200},
	{name: "a simple Range is safelisted cross-origin", url: "{api}/a?acao=*", headers: [][2]string{{"Range", "bytes=0-4"}}, wantOK: true, wantType: "cors", wantStatus: 200},

	// Referrer and referrer policy (fetch/api/request/request-init-*, referrer-policy/).
	{name: "the default referrer, same-origin: the page's URL", url: "{site}/a", wantOK: true, wantType: "basic", wantStatus: 200, wantReferer: ptr("{site}/page")},
	{name: "the default referrer, cross-origin: the page's origin", url: "{api}/a?acao=*", wantOK: true, wantType: "cors", wantStatus: 200, wantReferer: ptr("{site}/")},
	{name: "referrerPolicy no-referrer", url: "{api}/a?acao=*", policy: "no-referrer", wantOK: true, wantType: "cors", wantStatus: 200, wantReferer: ptr("")},
	{name: "referrerPolicy unsafe-url, cross-origin: the full URL", url: "{api}/a?acao=*", policy: "unsafe-url", wantOK: true, wantType: "cors", wantStatus: 200, wantReferer: ptr("{site}/page")},
	{name: "referrer \"\" sends none", url: "{site}/a", referrer: ptr(""), wantOK: true, wantType: "basic", wantStatus: 200, wantReferer: ptr("")},
	{name: "a same-origin referrer URL", url: "{site}/a", referrer: ptr("/other?x=1"), wantOK: true, wantType: "basic", wantStatus: 200, wantReferer: ptr("{site}/other?x=1")},
	{name: "no-cors POST under no-referrer sends Origin: null", url: "{api}/a", mode: "no-cors", method: "POST", body: "x", bodyKind: "string", policy: "no-referrer", wantOK: true, wantType: "opaque", wantStatus: 0, wantReferer: ptr(""), wantOrigin: ptr("null")},
	{name: "no-cors POST under same-origin policy, cross-origin, sends Origin: null", url: "{api}/a", mode: "no-cors", method: "POST", body: "x", bodyKind: "string", policy: "same-origin", wantOK: true, wantType: "opaque", wantStatus: 0, wantReferer: ptr(""), wantOrigin: ptr("null")},
	{name: "an unknown referrerPolicy is a TypeError", url: "{site}/a", policy: "bogus"},

	// Schemes and abort (scheme-data.any.js, scheme-about.any.js, abort/general.any.js).
	{name: "about:blank in cors mode", url: "about:blank"},
	{name: "about:blank in no-cors mode is opaque", url: "about:blank", mode: "no-cors", wantOK: true, wantType: "opaque", wantStatus: 0},
	{name: "data: URL in no-cors mode is basic", url: "data:,x", mode: "no-cors", wantOK: true, wantType: "basic", wantStatus: 200},
	{name: "data: URL", url: "data:text/plain,hi", wantOK: true, wantType: "basic", wantStatus: 200, wantHeaders: []string{"content-type"}},
	{name: "signal aborted before fetch()", url: "{api}/a?acao=*", abort: "before", wantError: "AbortError"},
	{name: "signal aborted during fetch()", url: "{api}/a?acao=*&wait=1", abort: "during", wantError: "AbortError"},
}

func TestFetchJS(t *testing.T) {
	e := newEnv(t)
	for i := range cases {
		c := &cases[i]
		t.Run(c.name, func(t *testing.T) { e.check(t, c) })
	}
}

package cors

import (
	"net/http"
	"testing"
)

// Policy.SameOriginPreflightSkipsAllowOrigin (Firefox ESR 153.8): a
// preflight whose URL is same-origin with the origin it carries is not
// checked for Access-Control-Allow-Origin or -Credentials; its status,
// methods and headers are. The standard runs the CORS check on every
// preflight response.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func TestSameOriginPreflightSkipsAllowOrigin(t *testing.T) {
	const page = "http://page.test"
	same := mustURL(t, page+"/r2")
	other := mustURL(t, "http://api.test/r2")
	port := mustURL(t, "http://page.test:8080/r2")
	methods := preflightHeader("Access-Control-Allow-Methods", "PUT")
	put := func(u string, origin string, cred bool) *Request {
		r := &Request{Method: "PUT", Origin: origin, Credentials: cred}
		if u != "" {
			r.URL = mustURL(t, u)
		}
		return r
	}
	tests := []struct {
		name     string
		status   int
		h        http.Header
		r        *Request
		spec     Reason // zero Policy
		skipping Reason // the knob alone, and FirefoxPolicy
	}{
		{"same-origin, no ACAO", 200, methods, put(page+"/r2", page, false), PreflightMissingAllowOriginHeader, ReasonNone},
		{"same-origin, credentials, no ACAO or ACAC", 200, methods, put(page+"/r2", page, true), PreflightMissingAllowOriginHeader, ReasonNone},
		{"same-origin, ACAO of another origin", 200, preflightHeader("Access-Control-Allow-Origin", "http://evil.test", "Access-Control-Allow-Methods", "PUT"), put(page+"/r2", page, false), PreflightAllowOriginMismatch, ReasonNone},
		{"same-origin, 500", 500, methods, put(page+"/r2", page, false), PreflightMissingAllowOriginHeader, PreflightInvalidStatus},
		{"same-origin, 500 with ACAO", 500, preflightHeader("Access-Control-Allow-Origin", page, "Access-Control-Allow-Methods", "PUT"), put(page+"/r2", page, false), PreflightInvalidStatus, PreflightInvalidStatus},
		{"same-origin, method missing", 200, preflightHeader(), put(page+"/r2", page, false), PreflightMissingAllowOriginHeader, MethodDisallowedByPreflightResponse},
		{"same-origin, header missing", 200, methods, &Request{Method: "PUT", URL: same, Origin: page, Header: http.Header{"X-A": {"1"}}}, PreflightMissingAllowOriginHeader, HeaderDisallowedByPreflightResponse},
		{"same-origin, redirect", 307, preflightHeader("Location", "/x"), put(page+"/r2", page, false), PreflightDisallowedRedirect, PreflightDisallowedRedirect},
		{"cross-origin, no ACAO", 200, methods, &Request{Method: "PUT", URL: other, Origin: page}, PreflightMissingAllowOriginHeader, PreflightMissingAllowOriginHeader},
		{"default port spelled out, no ACAO", 200, methods, put("http://page.test:80/r2", page, false), PreflightMissingAllowOriginHeader, ReasonNone},
		{"other port, no ACAO", 200, methods, &Request{Method: "PUT", URL: port, Origin: page}, PreflightMissingAllowOriginHeader, PreflightMissingAllowOriginHeader},
		{"other scheme, no ACAO", 200, methods, put("https://page.test/r2", page, false), PreflightMissingAllowOriginHeader, PreflightMissingAllowOriginHeader},
		{"Origin null, no ACAO", 200, methods, put(page+"/r2", "null", false), PreflightMissingAllowOriginHeader, PreflightMissingAllowOriginHeader},
		{"no URL, no ACAO", 200, methods, put("", page, false), PreflightMissingAllowOriginHeader, PreflightMissingAllowOriginHeader},
	}
	for _, pol := range []struct {
		name string
		p    *Policy
		on   bool
	}{
		{"spec", &Policy{}, false},
		{"SameOriginPreflightSkipsAllowOrigin", &Policy{SameOriginPreflightSkipsAllowOrigin: true}, true},
		{"firefox", new(FirefoxPolicy()), true},
		{"chromium", new(ChromiumPolicy()), false},
		{"webkit", new(WebKitPolicy()), false},
	} {
		for _, tt := range tests {
			want := tt.spec
			if pol.on {
				want = tt.skipping
			}
			res, err := CheckPreflightResponse(tt.status, tt.h, tt.r, pol.p)
			if got := reasonOf(err); got != want || (err == nil) != (res != nil) {
				t.Errorf("%s, %s: got %v (%v), want %v", pol.name, tt.name, got, err, want)
			}
		}
	}
}

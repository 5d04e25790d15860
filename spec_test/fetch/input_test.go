package fetchspec

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// TestCallerInputRejected: what a browser's fetch() throws on is rejected
// before anything is sent, with an error and never a panic. Sources: the
// Request constructor (#dom-request: forbidden method, GET/HEAD with a body,
// no-cors with a non-safelisted method, invalid header name/value) and
// #main-fetch (non-HTTP(S) scheme in cors mode is a network error; WPT
// fetch/api/basic/scheme-about.any.js and fetch/api/basic/request-forbidden-headers.js).
func TestCallerInputRejected(t *testing.T) {
	e := newSpecEnv(t)
	e.B.Route("/in", specRoute{Preflight: specAllowPreflight("*", "*", "600"), Actual: specOK("in")})
	e.A.Route("/in", specRoute{Actual: specOK("in")})
	target := e.B.URL("/in")
	type row struct {
		name string
		req  func(t *testing.T) *http.Request
		o    *fetch.Options
		tr   *fetch.Transport
	}
	simple := func(method, u, body string, kv ...string) func(t *testing.T) *http.Request {
		return func(t *testing.T) *http.Request { return specNewReq(t, method, u, body, kv...) }
	}
	withHeader := func(name string, vals ...string) func(t *testing.T) *http.Request {
		return func(t *testing.T) *http.Request {
			r := specNewReq(t, "GET", target, "")
			r.Header[name] = vals
			return r
		}
	}
	rows := []row{
		{"#forbidden-method CONNECT", simple("CONNECT", target, ""), nil, nil},
		{"#forbidden-method TRACE", simple("TRACE", target, ""), nil, nil},
		{"#forbidden-method TRACK", simple("TRACK", target, ""), nil, nil},
		{"#forbidden-method connect (any case)", simple("connect", target, ""), nil, nil},
		{"#forbidden-method tRaCe (any case)", simple("tRaCe", target, ""), nil, nil},
		{"#forbidden-method track same-origin", simple("track", e.A.URL("/in"), ""), nil, nil},
		{"#dom-request GET with a body", simple("GET", target, "body"), nil, nil},
		{"#dom-request HEAD with a body", simple("HEAD", target, "body"), nil, nil},
		{"#dom-request no-cors PUT", simple("PUT", target, ""), &fetch.Options{Mode: fetch.ModeNoCORS}, nil},
		{"#dom-request no-cors DELETE same-origin", simple("DELETE", e.A.URL("/in"), ""), &fetch.Options{Mode: fetch.ModeNoCORS}, nil},
		{"#dom-request no-cors patch", simple("patch", target, ""), &fetch.Options{Mode: fetch.ModeNoCORS}, nil},
		{"#headers-validate name with space", withHeader("X Bad", "1"), nil, nil},
		{"#headers-validate name with colon", withHeader("X:Bad", "1"), nil, nil},
		{"#headers-validate empty name", withHeader("", "1"), nil, nil},
		{"#headers-validate value with LF", withHeader("X-Bad", "a\nb"), nil, nil},
		{"#headers-validate value with CR", withHeader("X-Bad", "a\rb"), nil, nil},
		{"#headers-validate value with NUL", withHeader("X-Bad", "a\x00b"), nil, nil},
		{"#concept-method invalid method token", func(t *testing.T) *http.Request {
			r := specNewReq(t, "GET", target, "")
			r.Method = "GE T"
			return r
		}, nil, nil},
		{"unknown Mode", simple("GET", target, ""), &fetch.Options{Mode: fetch.Mode(99)}, nil},
		{"unknown Credentials", simple("GET", target, ""), &fetch.Options{Credentials: fetch.Credentials(99)}, nil},
		{"unknown Redirect", simple("GET", target, ""), &fetch.Options{Redirect: fetch.Redirect(99)}, nil},
		{"invalid Options.Origin", simple("GET", target, ""), &fetch.Options{Origin: "not an origin"}, nil},
		{"Options.Origin with a path", simple("GET", target, ""), &fetch.Options{Origin: e.Page + "/page"}, nil},
		{"invalid Transport.Origin", simple("GET", target, ""), nil, &fetch.Transport{Base: e.Rec, Origin: "http://exa mple", Cache: e.Cache}},
		{"no origin at all", simple("GET", target, ""), nil, &fetch.Transport{Base: e.Rec, Cache: e.Cache}},
		{"#main-fetch scheme ftp", simple("GET", "ftp://127.0.0.1:"+e.B.Port+"/in", ""), nil, nil},
		{"#main-fetch scheme file", simple("GET", "file:///etc/passwd", ""), nil, nil},
		{"#main-fetch scheme about (scheme-about.any.js)", simple("GET", "about:blank", ""), nil, nil},
		{"#main-fetch scheme ws", simple("GET", "ws://127.0.0.1:"+e.B.Port+"/in", ""), nil, nil},
		{"#mode same-origin cross-origin (mode-same-origin.any.js)", simple("GET", target, ""), &fetch.Options{Mode: fetch.ModeSameOrigin}, nil},
		{"#main-fetch no-cors with redirect mode error", simple("GET", target, ""), &fetch.Options{Mode: fetch.ModeNoCORS, Redirect: fetch.RedirectError}, nil},
		{"#main-fetch no-cors with redirect mode manual", simple("GET", target, ""), &fetch.Options{Mode: fetch.ModeNoCORS, Redirect: fetch.RedirectManual}, nil},
		{"nil URL", func(t *testing.T) *http.Request {
			r := specNewReq(t, "GET", target, "")
			r.URL = nil
			return r
		}, nil, nil},
		{"nil Header", func(t *testing.T) *http.Request {
			r := specNewReq(t, "GET", target, "")
			r.Header = nil
			return r
		}, nil, &fetch.Transport{Base: e.Rec, Origin: e.Page, Cache: e.Cache, Jar: nil}},
		{"URL with userinfo (#dom-request)", simple("GET", strings.Replace(target, "://", "://user:pw@", 1), ""), nil, nil},
	}
	for _, r := range rows {
		t.Run(specName(r.name), func(t *testing.T) {
			e.A.Reset()
			e.B.Reset()
			tr := r.tr
			if tr == nil {
				tr = e.T
			}
			req := r.req(t)
			if r.name == "nil Header" {
				// net/http's own Transport rejects a nil Header; either an
				// error with nothing sent or treating it as empty is fine,
				// a panic is not.
				if _, err := specRT(t, tr, req, r.o); err != nil {
					specWantNothingSent(t, r.name, e.A, e.B)
				}
				return
			}
			resp, err := specRT(t, tr, req, r.o)
			if err == nil {
				t.Fatalf("want an error, got status %d", resp.StatusCode)
			}
			if err.Error() == "" {
				t.Errorf("error has an empty message")
			}
			var ue *url.Error
			if errors.As(err, &ue) && ue.Err == nil {
				t.Errorf("url.Error without a cause")
			}
			specWantNothingSent(t, r.name, e.A, e.B)
			if strings.HasPrefix(r.name, "#mode same-origin") || strings.HasPrefix(r.name, "#main-fetch no-cors") || strings.HasPrefix(r.name, "#main-fetch scheme") {
				specWantNetErr(t, err, r.name)
			}
			var ce *cors.Error
			if errors.As(err, &ce) && strings.HasPrefix(r.name, "#main-fetch scheme") && ce.Reason != cors.CORSDisabledScheme {
				t.Errorf("a non-HTTP(S) scheme reported as CORS Reason %d, want CORSDisabledScheme (or a non-CORS error)", ce.Reason)
			}
		})
	}
}

// TestRequestNotModified: the caller's request is never modified (the
// Transport clones it), through a preflight, a 303 rewrite to GET, a
// cross-origin hop that drops Authorization and taints the origin, and
// forbidden headers that are dropped. Issue 5 "The caller's request is never
// modified"; see https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch
// (httpRequest is a clone).
func TestRequestNotModified(t *testing.T) {
	e := newSpecEnv(t)
	e.A.Route("/nm", specRoute{Actual: specRedirect(303, e.B.URL("/nm-b"))})
	e.B.Route("/nm-b", specRoute{Preflight: specAllowPreflight("", "x-custom", "0"), Actual: specRedirect(307, e.C.URL("/nm-c"), "Access-Control-Allow-Origin", specEcho)})
	e.C.Route("/nm-c", specRoute{Preflight: specAllowPreflight("", "x-custom", "0"), Actual: specResp{Header: specH("Access-Control-Allow-Origin", "*"), Body: "ok"}})
	req := specNewReq(t, "POST", e.A.URL("/nm?q=1"), "body", "Content-Type", "application/json", "Authorization", "Bearer t",
		"X-Custom", "1", "Cookie", "c=1", "Origin", "http://evil.example", "Sec-Fetch-Mode", "navigate")
	ctx := specCtx(t, nil)
	req = req.WithContext(ctx)
	snapHeader := req.Header.Clone()
	snapURL := *req.URL
	snapMethod, snapHost, snapCL := req.Method, req.Host, req.ContentLength
	getBody := req.GetBody
	body := req.Body
	resp, err := specRT(t, e.T, req, nil)
	if err != nil {
		t.Fatalf("fetch: %v", err)
	}
	specBody(t, resp)
	if req.Method != snapMethod || req.Host != snapHost || req.ContentLength != snapCL {
		t.Errorf("request method/host/length changed: %q %q %d", req.Method, req.Host, req.ContentLength)
	}
	if *req.URL != snapURL {
		t.Errorf("request URL changed to %v", req.URL)
	}
	if !reflect.DeepEqual(req.Header, snapHeader) {
		t.Errorf("request header changed:\n got %v\nwant %v", req.Header, snapHeader)
	}
	if req.Body != body || req.Context() != ctx {
		t.Errorf("request Body or context replaced")
	}
	if req.GetBody == nil && getBody != nil {
		t.Errorf("request GetBody cleared")
	}
	if resp.Request == req {
		t.Errorf("resp.Request is the caller's request itself; it must be the Transport's own copy")
	}
	// The hops saw what the spec says, independently of the caller's copy.
	if hits := specWantMethods(t, e.C, "/nm-c", "OPTIONS", "GET"); len(hits) == 2 {
		specWantHeader(t, hits[1].Header, "final hop", "Origin", "null")
		specAbsent(t, hits[1].Header, "final hop", "Authorization", "Cookie", "Content-Type", "Sec-Fetch-Mode")
	}
}

// TestForbiddenHeadersDropped: forbidden request headers a page sets are
// ignored (#forbidden-request-header, #headers-validate "silently ignored";
// WPT fetch/api/basic/request-forbidden-headers.js): they are not sent, do
// not trigger a preflight, and the Transport's Origin wins. With
// Transport.KeepForbiddenHeaders they are sent but still never count
// towards a preflight.
func TestForbiddenHeadersDropped(t *testing.T) {
	e := newSpecEnv(t)
	e.B.Route("/fh", specRoute{Actual: specOK("ok")})
	forbidden := []string{
		"Accept-Charset", "utf-8",
		"Access-Control-Request-Headers", "x-a",
		"Access-Control-Request-Method", "PUT",
		"Cookie", "a=1",
		"Cookie2", "b=2",
		"Date", "Wed, 21 Oct 2015 07:28:00 GMT",
		"DNT", "1",
		"Keep-Alive", "timeout=5",
		"Origin", "http://evil.example",
		"Referer", "http://evil.example/page",
		"Set-Cookie", "c=3",
		"Via", "1.1 proxy",
		"Sec-Fetch-Site", "same-origin",
		"Sec-Custom", "1",
		"Proxy-Authorization", "Basic eA==",
		"Proxy-Custom", "1",
		"X-HTTP-Method-Override", "TRACE",
		"X-HTTP-Method", "connect",
		"X-Method-Override", "PUT, track",
	}
	names := func() []string {
		var n []string
		for i := 0; i < len(forbidden); i += 2 {
			if forbidden[i] != "Origin" && forbidden[i] != "Referer" {
				n = append(n, forbidden[i])
			}
		}
		return n
	}()
	t.Run("dropped", func(t *testing.T) {
		e.B.Reset()
		_, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL("/fh"), "", forbidden...), nil)
		if err != nil {
			t.Fatalf("forbidden headers must be ignored, not an error: %v", err)
		}
		if hits := specWantMethods(t, e.B, "/fh", "GET"); len(hits) == 1 {
			specAbsent(t, hits[0].Header, "dropped", names...)
			specAbsent(t, hits[0].Header, "dropped", "Referer")
			specWantHeader(t, hits[0].Header, "dropped", "Origin", e.Page)
		}
	})
	t.Run("X-HTTP-Method-Override with a safe method is not forbidden", func(t *testing.T) {
		e.B.Reset()
		e.B.Route("/fh-override", specRoute{Preflight: specAllowPreflight("", "x-http-method-override", "0"), Actual: specOK("ok")})
		_, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL("/fh-override"), "", "X-HTTP-Method-Override", "PUT"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if hits := specWantMethods(t, e.B, "/fh-override", "OPTIONS", "GET"); len(hits) == 2 {
			specWantHeader(t, hits[0].Header, "preflight", "Access-Control-Request-Headers", "x-http-method-override")
			specWantHeader(t, hits[1].Header, "actual", "X-Http-Method-Override", "PUT")
		}
	})
	t.Run("KeepForbiddenHeaders", func(t *testing.T) {
		e.B.Reset()
		tr := &fetch.Transport{Base: e.Rec, Origin: e.Page, Cache: e.Cache, KeepForbiddenHeaders: true}
		_, err := specRT(t, tr, specNewReq(t, "GET", e.B.URL("/fh"), "", "Cookie", "a=1", "Sec-Custom", "1", "DNT", "1", "Origin", "http://evil.example"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if hits := specWantMethods(t, e.B, "/fh", "GET"); len(hits) == 1 { // still no preflight
			specWantHeader(t, hits[0].Header, "kept", "Cookie", "a=1")
			specWantHeader(t, hits[0].Header, "kept", "Sec-Custom", "1")
			specWantHeader(t, hits[0].Header, "kept", "Dnt", "1")
			specWantHeader(t, hits[0].Header, "kept: the Transport's Origin replaces the caller's", "Origin", e.Page)
		}
	})
}

// specDiscard reads and closes a body.
func specDiscard(rc io.ReadCloser) {
	io.Copy(io.Discard, rc)
	rc.Close()
}

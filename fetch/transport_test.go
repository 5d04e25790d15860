package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// Requests that fetch() or the Request constructor rejects before anything
// is sent. See https://fetch.spec.whatwg.org/#dom-request (L8848-9315).
func TestRequestValidation(t *testing.T) {
	s := newSite(t)
	tr := &Transport{Origin: s.origin()}
	u := s.URL + "/x"
	tests := []struct {
		name   string
		method string
		url    string
		o      Options
		tr     *Transport
		hdr    http.Header
		body   bool
		want   RequestKind
	}{
		// WPT fetch/api/request/request-error.any.js: forbidden methods.
		{name: "CONNECT", method: "CONNECT", want: ForbiddenMethod},
		{name: "trace lower case", method: "trace", want: ForbiddenMethod},
		{name: "TrAcK", method: "TrAcK", want: ForbiddenMethod},
		{name: "method not a token", method: "GE T", want: InvalidMethod},
		// request-error.any.js: "Request with GET/HEAD method cannot have body".
		{name: "GET with body", method: "GET", body: true, want: BodyWithGetOrHead},
		{name: "head with body", method: "head", body: true, want: BodyWithGetOrHead},
		// fetch/api/basic/mode-no-cors.sub.any.js, request-error: no-cors needs a safelisted method.
		{name: "no-cors PUT", method: "PUT", o: Options{Mode: ModeNoCORS}, want: MethodNotNoCORS},
		{name: "no-cors patch", method: "patch", o: Options{Mode: ModeNoCORS}, want: MethodNotNoCORS},
		// fetch/api/headers/headers-errors.any.js: invalid names and values.
		{name: "header name with space", hdr: http.Header{"X Y": {"1"}}, want: InvalidHeaderName},
		{name: "header name with colon", hdr: http.Header{"X:Y": {"1"}}, want: InvalidHeaderName},
		{name: "header value with LF", hdr: http.Header{"X-Y": {"a\nb"}}, want: InvalidHeaderValue},
		{name: "header value with NUL", hdr: http.Header{"X-Y": {"a\x00b"}}, want: InvalidHeaderValue},
		{name: "unknown mode", o: Options{Mode: 9}, want: InvalidMode},
		{name: "unknown credentials", o: Options{Credentials: 7}, want: InvalidCredentials},
		{name: "unknown redirect", o: Options{Redirect: 3}, want: InvalidRedirect},
		{name: "unknown referrer policy", o: Options{ReferrerPolicy: "Origin"}, want: InvalidReferrerPolicy},
		{name: "relative referrer", o: Options{Referrer: "/page"}, want: InvalidReferrer},
		{name: "origin with path", o: Options{Origin: "https://app.example/"}, want: InvalidOrigin},
		{name: "origin upper case", o: Options{Origin: "HTTPS://app.example"}, want: InvalidOrigin},
		{name: "no origin anywhere", tr: &Transport{}, want: InvalidOrigin},
		{name: "http URL without a host", url: "http:///x", want: BadRequestValue},
		{name: "relative URL", url: "/x", want: BadRequestValue},
		// request-error.any.js: "Input URL has credentials".
		{name: "userinfo", url: strings.Replace(u, "http://", "http://user:pw@", 1), want: URLWithCredentials},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			method, target, ttr := tc.method, tc.url, tc.tr
			if method == "" {
				method = "GET"
			}
			if target == "" {
				target = u
			}
			if ttr == nil {
				ttr = tr
			}
			pu, err := url.Parse(target)
			if err != nil {
				t.Fatal(err)
			}
			body := newTrackedBody("payload")
			req := (&http.Request{Method: method, URL: pu, Header: http.Header{}}).WithContext(WithOptions(context.Background(), tc.o))
			for k, v := range tc.hdr {
				req.Header[k] = v
			}
			if tc.body {
				req.Body = body
			}
			before := len(s.requests())
			resp, err := ttr.RoundTrip(req)
			if resp != nil {
				t.Fatalf("got a response, status %d", resp.StatusCode)
			}
			var re *RequestError
			if !errors.As(err, &re) || re.Kind != tc.want {
				t.Fatalf("err = %v, want a *RequestError of kind %v", err, tc.want)
			}
			if !errors.Is(err, ErrInvalidRequest) || errors.Is(err, ErrNetwork) {
				t.Errorf("errors.Is: ErrInvalidRequest %v, ErrNetwork %v", errors.Is(err, ErrInvalidRequest), errors.Is(err, ErrNetwork))
			}
			if n := len(s.requests()) - before; n != 0 {
				t.Errorf("%d requests reached the server", n)
			}
			if tc.body && !body.closed.Load() {
				t.Error("request body not closed")
			}
		})
	}
	if _, err := tr.RoundTrip(nil); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("nil request: %v", err)
	}
}

// The caller's request is never modified, and its body is closed on every
// path (http.RoundTripper contract).
func TestCallerRequestUntouched(t *testing.T) {
	a, b := newSite(t), newSite(t)
	tr := &Transport{Origin: a.origin(), Referrer: a.URL + "/page"}
	for _, tc := range []struct {
		name, url string
		method    string
		ok        bool
	}{
		{"allowed PUT after preflight", b.URL + "/?acao=*&acam=PUT&acah=x-test", "PUT", true},
		{"preflight fails", b.URL + "/?acao=*", "PUT", false},
		{"actual response blocked", b.URL + "/?acao=*&acam=PUT&acah=x-test&noacao=1", "PUT", false},
		{"307 redirect replays the body", b.URL + "/?acao=*&acam=PUT&acah=x-test&status=307&location=" + url.QueryEscape(b.URL+"/?acao=*&acam=PUT&acah=x-test"), "PUT", true},
		{"same-origin POST", a.URL + "/", "POST", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := newTrackedBody("payload")
			req, _ := http.NewRequest(tc.method, tc.url, nil)
			req.Body = body
			req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader("payload")), nil }
			req.ContentLength = 7
			req.Header.Set("X-Test", "1")
			req.Header.Set("Cookie", "a=b")
			snap := *req
			snapHeader := req.Header.Clone()
			snapURL := *req.URL
			resp, err := tr.RoundTrip(req)
			if (err == nil) != tc.ok {
				t.Fatalf("err = %v, want ok %v", err, tc.ok)
			}
			if resp != nil {
				resp.Body.Close()
			}
			// Base may close the body from another goroutine after
			// RoundTrip returns, as the RoundTripper contract allows.
			if !eventually(body.closed.Load) {
				t.Error("request body not closed")
			}
			if !reflect.DeepEqual(req.Header, snapHeader) || *req.URL != snapURL ||
				req.Method != snap.Method || req.Host != snap.Host || req.Body != snap.Body {
				t.Errorf("caller's request modified: %+v", req)
			}
		})
	}
}

// A URL whose scheme is not http or https and that scheme fetch cannot
// fetch is a network error from main fetch, after the request itself was
// validated: in mode cors it is a CORS failure (Chromium's
// CorsDisabledScheme), otherwise a KindScheme, KindDataURL or
// KindNoBlobURLStore error. data:, about:blank and blob: URLs that do
// fetch are in TestSchemeFetch.
// See https://fetch.spec.whatwg.org/#main-fetch (step "request's current
// URL's scheme is not an HTTP(S) scheme") and WPT
// fetch/api/basic/scheme-others.sub.any.js, scheme-about.any.js.
func TestNonHTTPSchemeIsNetworkError(t *testing.T) {
	s := newSite(t)
	tr := &Transport{Origin: s.origin()}
	tests := []struct {
		url  string
		mode Mode
		want NetworkKind
	}{
		{"ftp://127.0.0.1/x", ModeCORS, KindCORS},
		{"data:no-comma", ModeCORS, KindDataURL},
		{"about:blank", ModeCORS, KindCORS},
		{"file:///etc/passwd", ModeCORS, KindCORS},
		{"ws://127.0.0.1/x", ModeCORS, KindCORS},
		{"ftp://127.0.0.1/x", ModeNoCORS, KindScheme},
		{"about:srcdoc", ModeNoCORS, KindScheme},
		{"about:config", ModeNavigate, KindScheme},
		{"blob:https://app.example/1", ModeNoCORS, KindNoBlobURLStore},
	}
	for _, tc := range tests {
		t.Run(tc.mode.String()+" "+tc.url, func(t *testing.T) {
			pu, err := url.Parse(tc.url)
			if err != nil {
				t.Fatal(err)
			}
			body := newTrackedBody("payload")
			req := (&http.Request{Method: "POST", URL: pu, Header: http.Header{}, Body: body}).
				WithContext(WithOptions(context.Background(), Options{Mode: tc.mode}))
			resp, err := tr.RoundTrip(req)
			if resp != nil {
				t.Fatalf("got a response, status %d", resp.StatusCode)
			}
			var ne *NetworkError
			if !errors.As(err, &ne) || ne.Kind != tc.want {
				t.Fatalf("err = %v, want a *NetworkError of kind %v", err, tc.want)
			}
			if !errors.Is(err, ErrNetwork) || errors.Is(err, ErrInvalidRequest) {
				t.Errorf("errors.Is: ErrNetwork %v, ErrInvalidRequest %v", errors.Is(err, ErrNetwork), errors.Is(err, ErrInvalidRequest))
			}
			var ce *cors.Error
			if got := errors.As(err, &ce); got != (tc.want == KindCORS) {
				t.Fatalf("errors.As *cors.Error = %v", got)
			}
			if ce != nil && (ce.Reason != cors.CORSDisabledScheme || ce.URL != tc.url || ce.Origin != s.origin()) {
				t.Errorf("cors.Error = %+v", ce)
			}
			if !body.closed.Load() {
				t.Error("request body not closed")
			}
		})
	}
	// The request is validated first: a forbidden method to an ftp URL
	// is a *RequestError, as the Request constructor throws.
	pu, _ := url.Parse("ftp://127.0.0.1/x")
	if _, err := tr.RoundTrip(&http.Request{Method: "TRACE", URL: pu, Header: http.Header{}}); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("TRACE to ftp: err = %v, want a *RequestError", err)
	}
	if n := len(s.requests()); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

package fetch

import (
	"errors"
	"net/http"
	"net/url"
	"reflect"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// The CORS check on simple requests and the response type.
// WPT fetch/api/cors/cors-basic.any.js, cors/credentials-flag.htm.
func TestSimpleCORS(t *testing.T) {
	a, b := newSite(t), newSite(t)
	tr := &Transport{Origin: a.origin()}
	tests := []struct {
		name  string
		query string
		o     Options
		want  cors.Reason
	}{
		{"ACAO *", "acao=*", Options{}, cors.ReasonNone},
		{"ACAO echoes the origin", "acao=echo", Options{}, cors.ReasonNone},
		{"no ACAO", "", Options{}, cors.MissingAllowOriginHeader},
		{"ACAO another origin", "acao=http://other.example", Options{}, cors.AllowOriginMismatch},
		{"ACAO with a trailing slash", "acao=" + url.QueryEscape(a.origin()+"/"), Options{}, cors.AllowOriginMismatch},
		{"include: ACAO * refused", "acao=*&acac=1", Options{Credentials: CredentialsInclude}, cors.WildcardOriginNotAllowed},
		{"include: no ACAC", "acao=echo", Options{Credentials: CredentialsInclude}, cors.InvalidAllowCredentials},
		{"include: echo and ACAC", "acao=echo&acac=1", Options{Credentials: CredentialsInclude}, cors.ReasonNone},
		{"omit: ACAO * fine", "acao=*", Options{Credentials: CredentialsOmit}, cors.ReasonNone},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, body, err := do(t, tr, "GET", b.URL+"/?"+tc.query, tc.o, nil, "")
			if tc.want != cors.ReasonNone {
				if got := corsReason(err); got != tc.want {
					t.Fatalf("err = %v, want reason %v", err, tc.want)
				}
				if !errors.Is(err, ErrNetwork) || !errors.Is(err, cors.ErrBlocked) || networkKind(err) != KindCORS {
					t.Errorf("err %v does not match ErrNetwork, cors.ErrBlocked and KindCORS", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if TypeOf(resp) != ResponseCORS || resp.StatusCode != 200 || body != "hello GET" {
				t.Errorf("type %v status %d body %q", TypeOf(resp), resp.StatusCode, body)
			}
			if b.count("OPTIONS") != 0 {
				t.Error("a simple request was preflighted")
			}
		})
	}
}

// Which headers a CORS response exposes.
// WPT fetch/api/cors/cors-filtering.sub.any.js, cors-expose-star.sub.any.js.
func TestCORSFiltering(t *testing.T) {
	a, b := newSite(t), newSite(t)
	tr := &Transport{Origin: a.origin()}
	tests := []struct {
		name    string
		query   string
		o       Options
		visible []string
		hidden  []string
	}{
		{"safelisted only", "acao=*", Options{}, []string{"Content-Type", "Content-Length"}, []string{"X-Custom", "Access-Control-Allow-Origin", "Date"}},
		{"exposed by name", "acao=*&aceh=x-custom", Options{}, []string{"X-Custom", "Content-Type"}, []string{"Date"}},
		{"exposed by *", "acao=*&aceh=*", Options{}, []string{"X-Custom", "Date", "Access-Control-Allow-Origin"}, nil},
		{"* with credentials is a literal name", "acao=echo&acac=1&aceh=*", Options{Credentials: CredentialsInclude}, []string{"Content-Type"}, []string{"X-Custom", "Date"}},
		{"Set-Cookie never exposed", "acao=*&aceh=*&setcookie=a%3Db", Options{}, []string{"X-Custom"}, []string{"Set-Cookie"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, _, err := do(t, tr, "GET", b.URL+"/?"+tc.query, tc.o, nil, "")
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range tc.visible {
				if resp.Header.Get(h) == "" {
					t.Errorf("%s hidden, want visible (headers %v)", h, resp.Header)
				}
			}
			for _, h := range tc.hidden {
				if _, ok := resp.Header[h]; ok {
					t.Errorf("%s visible, want hidden", h)
				}
			}
		})
	}
}

// A same-origin response is basic: every header but Set-Cookie.
// See https://fetch.spec.whatwg.org/#concept-filtered-response-basic.
func TestBasicResponse(t *testing.T) {
	a := newSite(t)
	tr := &Transport{Origin: a.origin()}
	resp, body, err := do(t, tr, "GET", a.URL+"/?setcookie=a%3Db", Options{}, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if TypeOf(resp) != ResponseBasic || resp.Header.Get("X-Custom") != "custom" || resp.Header["Set-Cookie"] != nil || body != "hello GET" {
		t.Errorf("type %v headers %v body %q", TypeOf(resp), resp.Header, body)
	}
}

// The Origin header by the rules of "append a request Origin header".
// WPT fetch/api/cors/cors-origin.any.js, fetch/origin/no-cors.any.js,
// fetch/origin/assorted.window.js. See https://fetch.spec.whatwg.org/#append-a-request-origin-header.
func TestOriginHeader(t *testing.T) {
	a, b := newSite(t), newSite(t)
	tests := []struct {
		name   string
		origin string // page origin; "" is a's
		method string
		target *site
		o      Options
		want   []string // nil: no Origin header
	}{
		{"cors GET cross-origin", "", "GET", b, Options{}, []string{a.origin()}},
		{"cors GET same-origin", "", "GET", a, Options{}, nil},
		{"cors HEAD same-origin", "", "HEAD", a, Options{}, nil},
		{"cors POST same-origin", "", "POST", a, Options{}, []string{a.origin()}},
		{"no-cors GET cross-origin", "", "GET", b, Options{Mode: ModeNoCORS}, nil},
		{"no-cors POST cross-origin", "", "POST", b, Options{Mode: ModeNoCORS}, []string{a.origin()}},
		{"no-cors POST, no-referrer", "", "POST", b, Options{Mode: ModeNoCORS, ReferrerPolicy: ReferrerPolicyNoReferrer}, []string{"null"}},
		{"no-cors POST, same-origin policy, cross-origin", "", "POST", b, Options{Mode: ModeNoCORS, ReferrerPolicy: ReferrerPolicySameOrigin}, []string{"null"}},
		{"no-cors POST, https page to http", "https://app.example", "POST", b, Options{Mode: ModeNoCORS}, []string{"null"}},
		{"no-cors POST, https page to http, unsafe-url", "https://app.example", "POST", b, Options{Mode: ModeNoCORS, ReferrerPolicy: ReferrerPolicyUnsafeURL}, []string{"https://app.example"}},
		{"cors POST, https page to http, no-referrer ignored", "https://app.example", "POST", b, Options{ReferrerPolicy: ReferrerPolicyNoReferrer}, []string{"https://app.example"}},
		{"opaque page origin", "null", "GET", b, Options{}, []string{"null"}},
		{"caller's Origin dropped", "", "GET", a, Options{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := tc.o
			o.Origin = tc.origin
			tr := &Transport{Origin: a.origin()}
			before := len(tc.target.requests())
			_, _, err := do(t, tr, tc.method, tc.target.URL+"/?acao=*", o, http.Header{"Origin": {"http://evil.example"}}, "")
			if err != nil {
				t.Fatal(err)
			}
			got := tc.target.requests()[before].Header["Origin"]
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Origin = %q, want %q", got, tc.want)
			}
		})
	}
}

// Request modes. WPT fetch/api/basic/mode-same-origin.any.js,
// fetch/api/basic/mode-no-cors.sub.any.js.
func TestModes(t *testing.T) {
	a, b := newSite(t), newSite(t)
	tr := &Transport{Origin: a.origin()}

	t.Run("same-origin mode, cross-origin URL", func(t *testing.T) {
		_, _, err := do(t, tr, "GET", b.URL+"/?acao=*", Options{Mode: ModeSameOrigin}, nil, "")
		if networkKind(err) != KindMode || !errors.Is(err, ErrNetwork) {
			t.Fatalf("err = %v, want KindMode", err)
		}
		// Chromium reports CorsError DisallowedByMode.
		var ce *cors.Error
		if !errors.As(err, &ce) || ce.Reason != cors.DisallowedByMode || ce.URL != b.URL+"/?acao=*" || ce.Origin != a.origin() {
			t.Errorf("cors.Error = %+v, want DisallowedByMode for the URL and origin", ce)
		}
		if len(b.requests()) != 0 {
			t.Error("request sent")
		}
	})
	t.Run("same-origin mode, same-origin URL", func(t *testing.T) {
		resp, _, err := do(t, tr, "GET", a.URL+"/", Options{Mode: ModeSameOrigin}, nil, "")
		if err != nil || TypeOf(resp) != ResponseBasic {
			t.Fatalf("err %v type %v", err, TypeOf(resp))
		}
	})
	t.Run("same-origin mode redirected cross-origin", func(t *testing.T) {
		_, _, err := do(t, tr, "GET", a.URL+"/?location="+url.QueryEscape(b.URL+"/?acao=*"), Options{Mode: ModeSameOrigin}, nil, "")
		if networkKind(err) != KindMode {
			t.Fatalf("err = %v, want KindMode", err)
		}
		var ce *cors.Error
		if !errors.As(err, &ce) || ce.Reason != cors.DisallowedByMode || ce.InitialURL == "" {
			t.Errorf("cors.Error = %+v, want DisallowedByMode with the initial URL", ce)
		}
		if len(b.requests()) != 0 {
			t.Error("request sent to the other origin")
		}
	})
	t.Run("no-cors cross-origin is opaque", func(t *testing.T) {
		hdr := http.Header{
			"X-Custom":     {"dropped"},
			"Content-Type": {"text/plain"},
			"Range":        {"bytes=0-1"},
			"Accept":       {"text/html"},
		}
		resp, body, err := do(t, tr, "POST", b.URL+"/?status=201", Options{Mode: ModeNoCORS}, hdr, "data")
		if err != nil {
			t.Fatal(err)
		}
		if TypeOf(resp) != ResponseOpaque || resp.StatusCode != 0 || resp.Status != "" || len(resp.Header) != 0 || body != "" {
			t.Errorf("type %v status %d %q headers %v body %q", TypeOf(resp), resp.StatusCode, resp.Status, resp.Header, body)
		}
		got := b.requests()[len(b.requests())-1]
		if got.Header.Get("X-Custom") != "" || got.Header.Get("Range") != "" ||
			got.Header.Get("Content-Type") != "text/plain" || got.Header.Get("Accept") != "text/html" || got.Body != "data" {
			t.Errorf("sent headers %v body %q", got.Header, got.Body)
		}
	})
	t.Run("no-cors same-origin is basic", func(t *testing.T) {
		resp, body, err := do(t, tr, "GET", a.URL+"/", Options{Mode: ModeNoCORS}, nil, "")
		if err != nil || TypeOf(resp) != ResponseBasic || body != "hello GET" {
			t.Fatalf("err %v type %v body %q", err, TypeOf(resp), body)
		}
	})
	t.Run("no-cors needs redirect mode follow", func(t *testing.T) {
		n := len(b.requests())
		_, _, err := do(t, tr, "GET", b.URL+"/", Options{Mode: ModeNoCORS, Redirect: RedirectManual}, nil, "")
		if networkKind(err) != KindMode || len(b.requests()) != n {
			t.Fatalf("err = %v, want KindMode before sending", err)
		}
		if errors.As(err, new(*cors.Error)) {
			t.Errorf("err = %v carries a *cors.Error; no-cors redirect-mode failures have no CorsError reason of ours", err)
		}
	})
	t.Run("navigate is basic, no CORS check", func(t *testing.T) {
		resp, _, err := do(t, tr, "GET", b.URL+"/", Options{Mode: ModeNavigate}, nil, "")
		if err != nil || TypeOf(resp) != ResponseBasic || resp.Header.Get("X-Custom") == "" {
			t.Fatalf("err %v type %v", err, TypeOf(resp))
		}
	})
}

// Forbidden request headers are dropped, or kept for crawlers without
// counting towards a preflight. WPT fetch/api/request/request-headers.any.js.
func TestForbiddenHeaders(t *testing.T) {
	a, b := newSite(t), newSite(t)
	hdr := http.Header{"Cookie": {"a=b"}, "Sec-Foo": {"1"}, "X-Http-Method-Override": {"TRACE"}, "Accept-Encoding": {"br"}}
	for _, keep := range []bool{false, true} {
		tr := &Transport{Origin: a.origin(), KeepForbiddenHeaders: keep}
		n := len(b.requests())
		if _, _, err := do(t, tr, "GET", b.URL+"/?acao=*", Options{}, hdr, ""); err != nil {
			t.Fatal(err)
		}
		reqs := b.requests()[n:]
		if len(reqs) != 1 {
			t.Fatalf("keep=%v: %d requests, want 1 (no preflight)", keep, len(reqs))
		}
		for _, name := range []string{"Cookie", "Sec-Foo", "X-Http-Method-Override"} {
			if got := reqs[0].Header.Get(name) != ""; got != keep {
				t.Errorf("keep=%v: %s sent = %v", keep, name, got)
			}
		}
	}
}

package fetch

import (
	"errors"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
)

// credentialHeaders are the kept forbidden headers that carry credentials
// and never cross to another origin.
var credentialHeaders = []string{"Cookie", "Cookie2", "Proxy-Authorization", "Proxy-Authenticate"}

// With KeepForbiddenHeaders, the credential-bearing headers a caller kept
// (Cookie, Cookie2, Proxy-Authorization, Proxy-Authenticate) go to the
// first origin and to same-origin redirects only: from the first hop to
// another origin on, in every credentials mode, they are gone (the class
// of CVE-2023-45289). Other kept headers cross.
func TestKeptCredentialsNeverCrossOrigins(t *testing.T) {
	a, b := newSite(t), newSite(t)
	hdr := http.Header{
		"Cookie":              {"sid=secret"},
		"cookie2":             {"$Version=1"},
		"Proxy-Authorization": {"Basic c2VjcmV0"},
		"Proxy-Authenticate":  {"Basic"},
		"Sec-Fetch-Site":      {"same-origin"},
	}
	// a -> a (same origin) -> b -> a: the hop to a keeps them, b and the
	// return to a do not.
	back := a.URL + "/back?acao=echo&acac=1"
	toB := b.URL + "/b?" + redirectTo(back, 302, "acao=echo&acac=1")
	toA := a.URL + "/a?" + redirectTo(toB, 307, "acao=echo&acac=1")
	start := a.URL + "/start?" + redirectTo(toA, 302, "acao=echo&acac=1")
	for _, cred := range []Credentials{CredentialsSameOrigin, CredentialsOmit, CredentialsInclude} {
		for _, mode := range []Mode{ModeCORS, ModeNoCORS, ModeNavigate} {
			tr := &Transport{Origin: a.origin(), KeepForbiddenHeaders: true}
			na, nb := len(a.requests()), len(b.requests())
			do(t, tr, "GET", start, Options{Mode: mode, Credentials: cred}, hdr, "")
			ra, rb := a.requests()[na:], b.requests()[nb:]
			if len(ra) != 3 || len(rb) != 1 {
				t.Fatalf("%v %v: %d requests to a, %d to b; want 3 and 1", mode, cred, len(ra), len(rb))
			}
			for i, r := range []seen{ra[0], ra[1], rb[0], ra[2]} {
				crossed := i >= 2
				for _, name := range credentialHeaders {
					if got := r.Header.Get(name) != ""; got == crossed {
						t.Errorf("%v %v: hop %d (%s): %s sent = %v", mode, cred, i, r.Path, name, got)
					}
				}
				if r.Header.Get("Sec-Fetch-Site") == "" {
					t.Errorf("%v %v: hop %d (%s): Sec-Fetch-Site not kept", mode, cred, i, r.Path)
				}
			}
		}
	}
}

// The request on a response is the page's request: what it set, plus
// Origin and Referer; never the jar's cookies (HttpOnly ones included) nor
// the forbidden headers a crawler kept. TypeOf still works.
func TestResponseRequestHoldsNoCredentials(t *testing.T) {
	a, b := newSite(t), newSite(t)
	jar, _ := cookiejar.New(nil)
	for _, s := range []*site{a, b} {
		u, _ := url.Parse(s.URL)
		jar.SetCookies(u, []*http.Cookie{{Name: "sid", Value: "jar-secret", HttpOnly: true}})
	}
	hdr := http.Header{"Content-Language": {"en"}}
	for _, tc := range []struct {
		name string
		keep bool
		url  string
		o    Options
		want ResponseType
	}{
		{"basic", false, a.URL + "/", Options{}, ResponseBasic},
		{"cors", false, b.URL + "/?acao=echo&acac=1", Options{Credentials: CredentialsInclude}, ResponseCORS},
		{"cors after redirect", false, a.URL + "/?" + redirectTo(b.URL+"/?acao=*", 302, ""), Options{}, ResponseCORS},
		{"opaque-redirect", false, b.URL + "/?location=/x&acao=echo&acac=1", Options{Credentials: CredentialsInclude, Redirect: RedirectManual}, ResponseOpaqueRedirect},
		{"navigate manual", false, b.URL + "/?location=/x", Options{Mode: ModeNavigate, Credentials: CredentialsInclude, Redirect: RedirectManual}, ResponseBasic},
		{"kept Cookie", true, b.URL + "/?acao=echo&acac=1", Options{Credentials: CredentialsInclude}, ResponseCORS},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := &Transport{Origin: a.origin(), Jar: jar, KeepForbiddenHeaders: tc.keep, Referrer: a.URL + "/page"}
			h := hdr.Clone()
			if tc.keep {
				h["Cookie"] = []string{"kept=secret"}
				h["Proxy-Authorization"] = []string{"Basic c2VjcmV0"}
			}
			resp, _, err := do(t, tr, "GET", tc.url, tc.o, h, "")
			if err != nil {
				t.Fatal(err)
			}
			if TypeOf(resp) != tc.want {
				t.Fatalf("type %v, want %v", TypeOf(resp), tc.want)
			}
			got := resp.Request.Header
			for _, name := range []string{"Cookie", "Proxy-Authorization"} {
				if v := got.Values(name); len(v) != 0 {
					t.Errorf("resp.Request holds %s %q", name, v)
				}
			}
			if got.Get("Content-Language") != "en" || got.Get("Referer") == "" {
				t.Errorf("resp.Request.Header = %v, want the page's headers and Referer", got)
			}
			if tc.want == ResponseCORS && got.Get("Origin") == "" {
				t.Errorf("resp.Request.Header = %v, want Origin", got)
			}
		})
	}
	// The cookies did go out: the server saw them.
	if r := b.requests(); r[len(r)-1].Header.Get("Cookie") == "" {
		t.Error("no Cookie reached the server")
	}
}

// fetch() has no request trailers: a request with any is rejected before
// anything is sent, its body closed.
func TestRequestTrailersRejected(t *testing.T) {
	for _, trailer := range []http.Header{
		{"Cookie": {"sid=secret"}},
		{"X-Unsafe": nil},
	} {
		sent := false
		base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sent = true
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
		})
		tr := &Transport{Base: base, Origin: "https://page.example"}
		body := newTrackedBody("data")
		req, _ := http.NewRequest("POST", "https://page.example/x", body)
		req.Trailer = trailer
		_, err := tr.RoundTrip(req)
		var re *RequestError
		if !errors.As(err, &re) || !errors.Is(err, ErrInvalidRequest) || re.Kind != RequestWithTrailer {
			t.Errorf("trailer %v: err %v, want a RequestWithTrailer *RequestError", trailer, err)
		}
		if sent {
			t.Errorf("trailer %v: the request was sent", trailer)
		}
		if !body.closed.Load() {
			t.Errorf("trailer %v: body not closed", trailer)
		}
	}
}

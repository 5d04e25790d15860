package fetch

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// holdsName returns the keys of h equal to name byte-case-insensitively:
// http.Header.Values canonicalizes the name it looks up, so it misses a
// key that a caller assigned directly in another case.
func holdsName(h http.Header, name string) []string {
	var keys []string
	for k := range h {
		if strings.EqualFold(k, name) {
			keys = append(keys, k)
		}
	}
	return keys
}

// resp.Request never holds the jar's cookies or a kept credential, in any
// spelling, even when the caller's header map uses non-canonical keys set
// by direct assignment (req.Header["cookie"] = ...); and the wire carries
// one Cookie field, not one per spelling (RFC 6265, section 5.4).
// See https://fetch.spec.whatwg.org/#forbidden-request-header.
func TestResponseRequestNonCanonicalKeys(t *testing.T) {
	a, b := newSite(t), newSite(t)
	jar, _ := cookiejar.New(nil)
	for _, s := range []*site{a, b} {
		u, _ := url.Parse(s.URL)
		jar.SetCookies(u, []*http.Cookie{{Name: "sid", Value: "jar-secret", HttpOnly: true}})
	}
	for _, tc := range []struct {
		name string
		keep bool
		url  string
		o    Options
	}{
		{"same origin", false, a.URL + "/", Options{}},
		{"cors", false, b.URL + "/?acao=echo&acac=1", Options{Credentials: CredentialsInclude}},
		{"kept, same origin", true, a.URL + "/", Options{}},
		{"kept, cors", true, b.URL + "/?acao=echo&acac=1", Options{Credentials: CredentialsInclude}},
		{"kept, redirect to another origin", true, a.URL + "/?" + redirectTo(b.URL+"/?acao=echo&acac=1", 302, ""), Options{Credentials: CredentialsInclude}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := &Transport{Origin: a.origin(), Jar: jar, KeepForbiddenHeaders: tc.keep}
			h := http.Header{}
			h["cookie"] = []string{"page=secret"}
			h["proxy-authorization"] = []string{"Basic c2VjcmV0"}
			h["content-language"] = []string{"en"}
			resp, _, err := do(t, tr, "GET", tc.url, tc.o, h, "")
			if err != nil {
				t.Fatal(err)
			}
			got := resp.Request.Header
			for _, name := range []string{"Cookie", "Proxy-Authorization"} {
				if keys := holdsName(got, name); len(keys) != 0 {
					t.Errorf("resp.Request.Header holds %q: %v", keys, got)
				}
			}
			if len(holdsName(got, "Content-Language")) != 1 {
				t.Errorf("resp.Request.Header = %v, want the page's content-language", got)
			}
			//lint:ignore SA1008 the key is non-canonical on purpose: the caller's spelling
			if h["cookie"][0] != "page=secret" || len(h) != 3 {
				t.Errorf("the caller's header map changed: %v", h)
			}
		})
	}
	// On the wire: one Cookie field holding the jar's cookie and, when
	// kept, the caller's.
	for _, keep := range []bool{false, true} {
		tr := &Transport{Origin: a.origin(), Jar: jar, KeepForbiddenHeaders: keep}
		h := http.Header{}
		h["cookie"] = []string{"page=secret"}
		n := len(a.requests())
		if _, _, err := do(t, tr, "GET", a.URL+"/wire", Options{}, h, ""); err != nil {
			t.Fatal(err)
		}
		r := a.requests()[n]
		cookies := r.Header["Cookie"]
		if len(cookies) != 1 || !strings.Contains(cookies[0], "sid=jar-secret") || strings.Contains(cookies[0], "page=secret") != keep {
			t.Errorf("keep=%v: the server got Cookie fields %q, want one with the jar's cookie (and the page's when kept)", keep, cookies)
		}
	}
}

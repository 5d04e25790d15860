package fetchspec

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// specJarEnv returns an environment whose Transport has a cookie jar, and
// the "remote" base URL on host localhost (cookies ignore ports, so the
// remote origin needs another host than the page's 127.0.0.1).
func specJarEnv(t *testing.T) (*specEnv, *cookiejar.Jar, func(path string) string) {
	e := newSpecEnv(t)
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	e.T.Jar = jar
	remote := func(path string) string { return e.B.HostURL("localhost", path) }
	return e, jar, remote
}

// specCookieRoutes installs /set (Set-Cookie) and /check (echoes the Cookie
// it received in X-Request-Cookie) on s, both allowing credentials.
func specCookieRoutes(s *specServer, page, cookie string) {
	s.Route("/set", specRoute{Actual: specResp{Header: specH(
		"Access-Control-Allow-Origin", page, "Access-Control-Allow-Credentials", "true",
		"Set-Cookie", cookie+"; Path=/"), Body: "set"}})
	s.Route("/check", specRoute{Func: func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", page)
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		w.Header().Set("Access-Control-Expose-Headers", "x-request-cookie")
		w.Header().Set("X-Request-Cookie", specHeaderLine(r.Header, "Cookie"))
	}})
}

// TestCORSCookies translates fetch/api/cors/cors-cookies.any.js: cookies are
// sent and stored only when the credentials mode allows it, and never leak
// between hosts. See https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch
// (includeCredentials) and #concept-http-network-fetch (Set-Cookie stored
// only if includeCredentials).
func TestCORSCookies(t *testing.T) {
	rows := []struct {
		name       string
		setRemote  bool // set on remote (localhost) or local (127.0.0.1)
		chkRemote  bool
		creds      fetch.Credentials
		cookie     string
		wantCookie bool
	}{
		{"Omit mode: no cookie sent", false, false, fetch.CredentialsOmit, "g=7", false},
		{"Include mode: 1 cookie", true, true, fetch.CredentialsInclude, "a=1", true},
		{"Include mode: local cookies are not sent with remote request", false, true, fetch.CredentialsInclude, "c=3", false},
		{"Include mode: remote cookies are not sent with local request", true, false, fetch.CredentialsInclude, "d=4", false},
		{"Same-origin mode: cookies are discarded in cors request", true, true, fetch.CredentialsSameOrigin, "f=6", false},
		// #concept-http-network-or-cache-fetch: same-origin credentials with basic tainting include them.
		{"Same-origin mode: same-origin request stores and sends cookies (spec)", false, false, fetch.CredentialsSameOrigin, "h=8", true},
	}
	for _, r := range rows {
		t.Run(specName(r.name), func(t *testing.T) {
			e, jar, remote := specJarEnv(t)
			specCookieRoutes(e.A, e.Page, r.cookie)
			specCookieRoutes(e.B, e.Page, r.cookie)
			set, chk := e.A.URL("/set"), e.A.URL("/check")
			if r.setRemote {
				set = remote("/set")
			}
			if r.chkRemote {
				chk = remote("/check")
			}
			o := &fetch.Options{Credentials: r.creds}
			resp, body := e.MustOK(specNewReq(t, "GET", set, ""), o)
			if body != "set" {
				t.Errorf("set body = %q", body)
			}
			specAbsent(t, resp.Header, "Set-Cookie is never exposed (#forbidden-response-header-name)", "Set-Cookie")
			resp, _ = e.MustOK(specNewReq(t, "GET", chk, ""), o)
			specAbsent(t, resp.Header, "check response", "Cookie")
			got := resp.Header.Get("X-Request-Cookie")
			if r.wantCookie && got != r.cookie {
				t.Errorf("request cookie = %q, want %q", got, r.cookie)
			}
			if !r.wantCookie && got != "<absent>" {
				t.Errorf("request cookie = %q, want none", got)
			}
			if r.creds != fetch.CredentialsInclude && r.setRemote {
				u, _ := url.Parse(set)
				if c := jar.Cookies(u); len(c) != 0 {
					t.Errorf("jar stored %v from a response whose credentials mode forbade it", c)
				}
			}
			if r.creds == fetch.CredentialsOmit {
				u, _ := url.Parse(set)
				if c := jar.Cookies(u); len(c) != 0 {
					t.Errorf("jar stored %v under credentials omit", c)
				}
			}
		})
	}
}

// TestCredentialsFlag translates cors/credentials-flag.htm (XHR
// withCredentials false = credentials mode same-origin, true = include):
// a cross-origin server that sets a cookie when it has none and answers
// COOKIE and deletes it when it has one.
func TestCredentialsFlag(t *testing.T) {
	steps := map[string][]struct {
		include bool
		want    string
	}{
		"Don't send cookie by default": {
			{false, "NO_COOKIE"}, {false, "NO_COOKIE"},
		},
		"Don't send cookie part 2": {
			{true, "NO_COOKIE"}, {false, "NO_COOKIE"}, {true, "COOKIE"},
		},
		"Don't obey Set-Cookie when withCredentials=false": {
			{false, "NO_COOKIE"}, {true, "NO_COOKIE"}, {true, "COOKIE"},
		},
	}
	for name, seq := range steps {
		t.Run(specName(name), func(t *testing.T) {
			e, _, remote := specJarEnv(t)
			e.B.Route("/cors-cookie", specRoute{Func: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
				w.Header().Set("Access-Control-Allow-Credentials", "true")
				if _, err := r.Cookie("ident"); err == nil {
					http.SetCookie(w, &http.Cookie{Name: "ident", Value: "", Path: "/", MaxAge: -1})
					w.Write([]byte("COOKIE"))
					return
				}
				http.SetCookie(w, &http.Cookie{Name: "ident", Value: "COOKIE", Path: "/"})
				w.Write([]byte("NO_COOKIE"))
			}})
			for i, s := range seq {
				o := &fetch.Options{}
				if s.include {
					o.Credentials = fetch.CredentialsInclude
				}
				_, body := e.MustOK(specNewReq(t, "GET", remote("/cors-cookie"), ""), o)
				if body != s.want {
					t.Errorf("step %d (withCredentials=%t): got %q, want %q", i, s.include, body, s.want)
				}
			}
		})
	}
}

// TestCredentialsNeverOnPreflight: a credentialed request's preflight
// carries no cookies. See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0
// (the preflight's credentials mode is the default, same-origin, with cors
// tainting).
func TestCredentialsNeverOnPreflight(t *testing.T) {
	e, jar, remote := specJarEnv(t)
	u, _ := url.Parse(remote("/"))
	jar.SetCookies(u, []*http.Cookie{{Name: "sid", Value: "1", Path: "/"}})
	e.B.Route("/put", specRoute{
		Preflight: &specResp{Header: specH("Access-Control-Allow-Origin", e.Page, "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "0")},
		Actual:    specResp{Header: specH("Access-Control-Allow-Origin", e.Page, "Access-Control-Allow-Credentials", "true")},
	})
	_, err := specRT(t, e.T, specNewReq(t, "PUT", remote("/put"), "x"), &fetch.Options{Credentials: fetch.CredentialsInclude})
	if err != nil {
		t.Fatal(err)
	}
	if hits := specWantMethods(t, e.B, "/put", "OPTIONS", "PUT"); len(hits) == 2 {
		specAbsent(t, hits[0].Header, "preflight", "Cookie")
		specWantHeader(t, hits[1].Header, "actual", "Cookie", "sid=1")
	}
	// Blocked include request (ACAC missing): the jar's cookie was sent, the
	// response is still a CORS error.
	e.B.Route("/noacac", specRoute{Actual: specResp{Header: specH("Access-Control-Allow-Origin", e.Page)}})
	_, err = specRT(t, e.T, specNewReq(t, "GET", remote("/noacac"), ""), &fetch.Options{Credentials: fetch.CredentialsInclude})
	specWantBlocked(t, err, "include without ACAC", cors.InvalidAllowCredentials)
}

package fetchspec

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

var specRedirectCodes = []int{301, 302, 303, 307, 308}

// specEchoOrigin answers 200 with body = the received Origin header.
func specEchoOrigin(acao string) specRoute {
	return specRoute{Func: func(w http.ResponseWriter, r *http.Request) {
		if acao != "none" {
			w.Header().Set("Access-Control-Allow-Origin", acao)
		}
		io.WriteString(w, specHeaderLine(r.Header, "Origin"))
	}}
}

// TestRedirectOrigin translates cors/redirect-origin.htm: the CORS check runs
// on every hop, and after a redirect from a foreign origin to another origin
// the request's origin is tainted and serialized as "null".
// See https://fetch.spec.whatwg.org/#concept-request-tainted-origin.
func TestRedirectOrigin(t *testing.T) {
	e := newSpecEnv(t)
	srv := map[string]*specServer{"local": e.A, "remote": e.B, "remote2": e.C}
	origin, remoteOrigin := e.Page, e.B.Origin
	type hop struct{ where, acao string }
	rows := []struct {
		first, second hop
		expect        string // the Origin the last server saw, or "disallow"
	}{
		// local -> remote
		{hop{"local", "*"}, hop{"remote", "*"}, origin},
		{hop{"local", "*"}, hop{"remote", origin}, origin},
		{hop{"local", "*"}, hop{"remote", "null"}, "disallow"},
		{hop{"local", "*"}, hop{"remote", "none"}, "disallow"},
		{hop{"local", origin}, hop{"remote", "*"}, origin},
		{hop{"local", origin}, hop{"remote", origin}, origin},
		{hop{"local", origin}, hop{"remote", "null"}, "disallow"},
		{hop{"local", origin}, hop{"remote", "none"}, "disallow"},
		{hop{"local", "null"}, hop{"remote", "*"}, origin},
		{hop{"local", "none"}, hop{"remote", "*"}, origin},
		// remote -> local
		{hop{"remote", "*"}, hop{"local", "*"}, "null"},
		{hop{"remote", "*"}, hop{"local", origin}, "disallow"},
		{hop{"remote", "*"}, hop{"local", "null"}, "null"},
		{hop{"remote", "*"}, hop{"local", "none"}, "disallow"},
		{hop{"remote", origin}, hop{"local", "*"}, "null"},
		{hop{"remote", origin}, hop{"local", origin}, "disallow"},
		{hop{"remote", origin}, hop{"local", "null"}, "null"},
		{hop{"remote", origin}, hop{"local", "none"}, "disallow"},
		{hop{"remote", "null"}, hop{"local", "*"}, "disallow"},
		{hop{"remote", "none"}, hop{"local", "*"}, "disallow"},
		// remote -> remote
		{hop{"remote", "*"}, hop{"remote", "*"}, origin},
		{hop{"remote", "*"}, hop{"remote", origin}, origin},
		{hop{"remote", "*"}, hop{"remote", "null"}, "disallow"},
		{hop{"remote", "*"}, hop{"remote", "none"}, "disallow"},
		{hop{"remote", origin}, hop{"remote", "*"}, origin},
		{hop{"remote", origin}, hop{"remote", origin}, origin},
		{hop{"remote", origin}, hop{"remote", "null"}, "disallow"},
		{hop{"remote", origin}, hop{"remote", "none"}, "disallow"},
		{hop{"remote", "null"}, hop{"remote", "*"}, "disallow"},
		{hop{"remote", "none"}, hop{"remote", "*"}, "disallow"},
		// remote -> remote2
		{hop{"remote", "*"}, hop{"remote2", "*"}, "null"},
		{hop{"remote", "*"}, hop{"remote2", origin}, "disallow"},
		{hop{"remote", "*"}, hop{"remote2", "null"}, "null"},
		{hop{"remote", "*"}, hop{"remote2", "none"}, "disallow"},
		{hop{"remote", origin}, hop{"remote2", "*"}, "null"},
		{hop{"remote", origin}, hop{"remote2", origin}, "disallow"},
		{hop{"remote", origin}, hop{"remote2", "null"}, "null"},
		{hop{"remote", origin}, hop{"remote2", "none"}, "disallow"},
		{hop{"remote", "null"}, hop{"remote2", "*"}, "disallow"},
		{hop{"remote", "none"}, hop{"remote2", "*"}, "disallow"},
		// bonus weird edge checks
		{hop{"remote", "*"}, hop{"remote", remoteOrigin}, "disallow"},
		{hop{"remote", "*"}, hop{"remote2", remoteOrigin}, "disallow"},
		{hop{"remote", remoteOrigin}, hop{"remote", "*"}, "disallow"},
	}
	for i, r := range rows {
		name := fmt.Sprintf("%d %s(%s) to %s(%s) expect %s", i, r.first.where, r.first.acao, r.second.where, r.second.acao, r.expect)
		t.Run(specName(name), func(t *testing.T) {
			s1, s2 := srv[r.first.where], srv[r.second.where]
			p1, p2 := fmt.Sprintf("/ro%d-1", i), fmt.Sprintf("/ro%d-2", i)
			h1 := []specKV{}
			if r.first.acao != "none" {
				h1 = append(h1, specKV{"Access-Control-Allow-Origin", r.first.acao})
			}
			s1.Route(p1, specRoute{Actual: specRedirect(302, s2.URL(p2), func() []string {
				var kv []string
				for _, x := range h1 {
					kv = append(kv, x.K, x.V)
				}
				return kv
			}()...)})
			s2.Route(p2, specEchoOrigin(r.second.acao))
			resp, err := specRT(t, e.T, specNewReq(t, "GET", s1.URL(p1), ""), nil)
			if r.expect == "disallow" {
				specWantBlocked(t, err, name)
				return
			}
			if err != nil {
				t.Fatalf("want success: %v", err)
			}
			if b := specBody(t, resp); b != r.expect {
				t.Errorf("Origin at the last hop = %q, want %q", b, r.expect)
			}
		})
	}
}

// TestCORSRedirect translates fetch/api/cors/cors-redirect.any.js: simple
// requests are followed across origins without a preflight and the last
// server sees the right Origin ("null" once tainted).
func TestCORSRedirect(t *testing.T) {
	e := newSpecEnv(t)
	// redirect.py answers ACAO = the request's Origin with ACAC true, or * without Origin.
	redirectPy := func(loc string) specRoute {
		return specRoute{Func: func(w http.ResponseWriter, r *http.Request) {
			if o := r.Header.Get("Origin"); o != "" {
				w.Header().Set("Access-Control-Allow-Origin", o)
				w.Header().Set("Access-Control-Allow-Credentials", "true")
			} else {
				w.Header().Set("Access-Control-Allow-Origin", "*")
			}
			w.Header().Set("Location", loc)
			w.WriteHeader(specStatusFromQuery(r))
		}}
	}
	for _, code := range specRedirectCodes {
		cases := []struct {
			name     string
			from, to *specServer
			expect   string
		}{
			{"cors to same cors", e.B, e.B, e.Page},
			{"cors to another cors", e.B, e.C, "null"},
			{"same origin to cors", e.A, e.B, e.Page},
			{"cors to same origin", e.B, e.A, "null"},
		}
		for _, c := range cases {
			t.Run(specName(code, " ", c.name), func(t *testing.T) {
				p1 := fmt.Sprintf("/cr-%d-%s-1", code, specName(c.name))
				p2 := fmt.Sprintf("/cr-%d-%s-2", code, specName(c.name))
				c.from.Route(p1, redirectPy(c.to.URL(p2)))
				c.to.Route(p2, specEchoOrigin("*"))
				resp, err := specRT(t, e.T, specNewReq(t, "GET", c.from.URL(p1)+fmt.Sprintf("?redirect_status=%d", code), ""), nil)
				if err != nil {
					t.Fatalf("want success: %v", err)
				}
				if resp.StatusCode != 200 {
					t.Errorf("status = %d", resp.StatusCode)
				}
				if b := specBody(t, resp); b != c.expect {
					t.Errorf("Origin after redirect = %q, want %q", b, c.expect)
				}
				specWantMethods(t, c.from, p1, "GET")
				specWantMethods(t, c.to, p2, "GET") // no preflight
			})
		}
	}
}

func specStatusFromQuery(r *http.Request) int {
	var st int
	if _, err := fmt.Sscan(r.URL.Query().Get("redirect_status"), &st); err != nil || st == 0 {
		return 302
	}
	return st
}

// TestCORSRedirectCredentials translates fetch/api/cors/cors-redirect-credentials.any.js:
// a Location with userinfo fails in cors mode when it leaves the request's
// origin or when tainting is cors. See https://fetch.spec.whatwg.org/#http-redirect-fetch.
func TestCORSRedirectCredentials(t *testing.T) {
	e := newSpecEnv(t)
	withUser := func(u, cred string) string {
		if cred == "" {
			return u
		}
		return strings.Replace(u, "://", "://"+cred+"@", 1)
	}
	for _, code := range specRedirectCodes {
		cases := []struct {
			name     string
			from, to *specServer
			cred     string
			pass     bool
		}{
			{"same origin to remote without user and password", e.A, e.B, "", true},
			{"same origin to remote with user and password", e.A, e.B, "user:password", false},
			{"same origin to remote with user", e.A, e.B, "user:", false},
			{"same origin to remote with password", e.A, e.B, ":password", false},
			{"remote to same origin with user and password", e.B, e.A, "user:password", false},
			{"remote to same origin with user", e.B, e.A, "user:", false},
			{"remote to same origin with password", e.B, e.A, ":password", false},
			{"remote to same remote with user and password", e.B, e.B, "user:password", false},
			{"remote to same remote with user", e.B, e.B, "user:", false},
			{"remote to same remote with password", e.B, e.B, ":password", false},
			{"remote to another remote with user and password", e.B, e.C, "user:password", false},
			{"remote to another remote with user", e.B, e.C, "user:", false},
			{"remote to another remote with password", e.B, e.C, ":password", false},
			// #http-redirect-fetch: a same-origin hop with basic tainting may carry userinfo.
			{"same origin to same origin with user and password (spec)", e.A, e.A, "user:password", true},
		}
		for _, c := range cases {
			t.Run(specName(code, " ", c.name), func(t *testing.T) {
				p1 := fmt.Sprintf("/rc-%d-%s-1", code, specName(c.name))
				p2 := fmt.Sprintf("/rc-%d-%s-2", code, specName(c.name))
				c.from.Route(p1, specRoute{Actual: specRedirect(code, withUser(c.to.URL(p2), c.cred), "Access-Control-Allow-Origin", "*")})
				c.to.Route(p2, specRoute{Actual: specOK("ok")})
				_, err := specRT(t, e.T, specNewReq(t, "GET", c.from.URL(p1), ""), nil)
				if c.pass {
					if err != nil {
						t.Fatalf("want success: %v", err)
					}
					specWantMethods(t, c.to, p2, "GET")
					return
				}
				specWantBlocked(t, err, c.name, cors.RedirectContainsCredentials)
				specWantMethods(t, c.to, p2)
			})
		}
	}
}

// TestCORSRedirectPreflight translates fetch/api/cors/cors-redirect-preflight.any.js:
// a non-simple request redirected to another URL is preflighted again
// there (with a tainted "null" Origin when applicable); when the redirect
// target refuses, it fails.
func TestCORSRedirectPreflight(t *testing.T) {
	e := newSpecEnv(t)
	for _, code := range specRedirectCodes {
		cases := []struct {
			name     string
			from, to *specServer
			origin   string // the Origin the target's preflight carries
		}{
			{"same origin to cors", e.A, e.B, e.Page},
			{"cors to same origin", e.B, e.A, "null"},
			{"cors to another cors", e.B, e.C, "null"},
		}
		for _, c := range cases {
			for _, success := range []bool{true, false} {
				t.Run(specName(code, " ", c.name, map[bool]string{true: " success", false: " failure"}[success]), func(t *testing.T) {
					p1 := fmt.Sprintf("/rp-%d-%s-%t-1", code, specName(c.name), success)
					p2 := fmt.Sprintf("/rp-%d-%s-%t-2", code, specName(c.name), success)
					allow := ""
					if success {
						allow = "x-w3c"
					}
					c.from.Route(p1, specRoute{
						Preflight: &specResp{Header: specH("Access-Control-Allow-Origin", specEcho, "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Headers", allow)},
						Actual:    specRedirect(code, c.to.URL(p2), "Access-Control-Allow-Origin", specEcho, "Access-Control-Allow-Credentials", "true"),
					})
					c.to.Route(p2, specRoute{
						Preflight: &specResp{Header: specH("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", allow, "Access-Control-Max-Age", "0")},
						Actual:    specResp{Header: specH("Access-Control-Allow-Origin", "*"), Body: "done"},
					})
					resp, err := specRT(t, e.T, specNewReq(t, "GET", c.from.URL(p1), "", "x-w3c", "test"), nil)
					if !success {
						specWantBlocked(t, err, c.name, cors.HeaderDisallowedByPreflightResponse)
						specWantMethods(t, c.to, p2, func() []string {
							if c.from == e.A {
								return []string{"OPTIONS"} // the first hop is same-origin: no preflight there
							}
							return nil
						}()...)
						return
					}
					if err != nil {
						t.Fatalf("want success: %v", err)
					}
					if b := specBody(t, resp); b != "done" {
						t.Errorf("body = %q", b)
					}
					if c.from == e.A {
						specWantMethods(t, e.A, p1, "GET")
					} else {
						specWantMethods(t, c.from, p1, "OPTIONS", "GET")
					}
					hits := specWantMethods(t, c.to, p2, "OPTIONS", "GET")
					if len(hits) == 2 {
						specCheckPreflightRequest(t, hits[0], c.origin, "GET", "x-w3c")
						specWantHeader(t, hits[1].Header, "actual after redirect", "Origin", c.origin)
						specWantHeader(t, hits[1].Header, "actual after redirect", "X-W3c", "test")
					}
				})
			}
		}
	}
}

// TestRedirectMethodRewrite checks 301/302 POST -> GET, 303 -> GET (except
// GET/HEAD) with the request-body headers removed, and that 307/308 and
// 301/302 with other methods keep method and body (replayed via GetBody).
// See https://fetch.spec.whatwg.org/#http-redirect-fetch and #request-body-header-name.
func TestRedirectMethodRewrite(t *testing.T) {
	e := newSpecEnv(t)
	rows := []struct {
		code       int
		method     string
		wantMethod string
		keepBody   bool
	}{
		{301, "POST", "GET", false},
		{302, "POST", "GET", false},
		{303, "POST", "GET", false},
		{303, "PUT", "GET", false},
		{303, "DELETE", "GET", false},
		{303, "HEAD", "HEAD", false},
		{303, "GET", "GET", false},
		{301, "PUT", "PUT", true},
		{302, "PUT", "PUT", true},
		{307, "POST", "POST", true},
		{307, "PUT", "PUT", true},
		{308, "POST", "POST", true},
		{308, "PATCH", "PATCH", true},
	}
	for i, r := range rows {
		t.Run(specName(r.code, " ", r.method), func(t *testing.T) {
			p1, p2 := fmt.Sprintf("/mr%d-1", i), fmt.Sprintf("/mr%d-2", i)
			e.A.Route(p1, specRoute{Actual: specRedirect(r.code, e.A.URL(p2))})
			e.A.Route(p2, specRoute{Actual: specResp{Body: "final"}})
			body := ""
			var kv []string
			if r.method != "GET" && r.method != "HEAD" {
				body = "payload"
				kv = []string{"Content-Type", "text/plain", "Content-Language", "fr", "Content-Location", "/x", "Content-Encoding", "identity", "X-Keep", "1"}
			} else {
				kv = []string{"Content-Language", "fr", "X-Keep", "1"}
			}
			_, err := specRT(t, e.T, specNewReq(t, r.method, e.A.URL(p1), body, kv...), nil)
			if err != nil {
				t.Fatalf("want success: %v", err)
			}
			specWantMethods(t, e.A, p1, r.method)
			hits := specWantMethods(t, e.A, p2, r.wantMethod)
			if len(hits) != 1 {
				return
			}
			h := hits[0]
			specWantHeader(t, h.Header, "after redirect", "X-Keep", "1")
			if r.keepBody {
				if h.Body != body {
					t.Errorf("body after %d = %q, want %q", r.code, h.Body, body)
				}
				specWantHeader(t, h.Header, "after redirect", "Content-Type", "text/plain")
				specWantHeader(t, h.Header, "after redirect", "Content-Language", "fr")
				return
			}
			if h.Body != "" {
				t.Errorf("body after %d = %q, want none", r.code, h.Body)
			}
			if r.wantMethod != r.method {
				specAbsent(t, h.Header, "after method rewrite", "Content-Type", "Content-Language", "Content-Location", "Content-Encoding")
			}
		})
	}
}

// TestRedirectBodyReplay: a body whose source is null (no GetBody) cannot be
// replayed, so any redirect but 303 is a network error and the target is
// not contacted; a 303 drops the body and succeeds.
// See https://fetch.spec.whatwg.org/#http-redirect-fetch ("status is not 303,
// body non-null and body's source null").
func TestRedirectBodyReplay(t *testing.T) {
	e := newSpecEnv(t)
	for _, code := range specRedirectCodes {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			p1, p2 := fmt.Sprintf("/br%d-1", code), fmt.Sprintf("/br%d-2", code)
			e.A.Route(p1, specRoute{Actual: specRedirect(code, e.A.URL(p2))})
			e.A.Route(p2, specRoute{Actual: specResp{Body: "final"}})
			req := specNewReq(t, "POST", e.A.URL(p1), "", "Content-Type", "text/plain")
			req.Body = io.NopCloser(strings.NewReader("stream"))
			req.ContentLength = int64(len("stream"))
			req.GetBody = nil
			_, err := specRT(t, e.T, req, nil)
			if code == 303 {
				if err != nil {
					t.Fatalf("303 drops the body and must succeed: %v", err)
				}
				specWantMethods(t, e.A, p2, "GET")
				return
			}
			specWantNonCORSNetErr(t, err, fmt.Sprint(code, " with a body that cannot be replayed"))
			specWantMethods(t, e.A, p1, "POST")
			specWantMethods(t, e.A, p2)
		})
	}
	t.Run("307 cross-origin replays the body", func(t *testing.T) {
		e.A.Route("/br-x", specRoute{Actual: specRedirect(307, e.B.URL("/br-x"))})
		e.B.Route("/br-x", specRoute{Actual: specOK("done")})
		_, err := specRT(t, e.T, specNewReq(t, "POST", e.A.URL("/br-x"), "hello", "Content-Type", "text/plain"), nil)
		if err != nil {
			t.Fatal(err)
		}
		hits := specWantMethods(t, e.B, "/br-x", "POST") // text/plain POST: no preflight
		if len(hits) == 1 && hits[0].Body != "hello" {
			t.Errorf("replayed body = %q, want %q", hits[0].Body, "hello")
		}
	})
}

// TestRedirectLimit: at most 20 redirects; the 21st is a network error.
// See https://fetch.spec.whatwg.org/#http-redirect-fetch ("redirect count is 20").
func TestRedirectLimit(t *testing.T) {
	e := newSpecEnv(t)
	chain := func(prefix string, n int) {
		for k := 0; k < n; k++ {
			e.A.Route(fmt.Sprintf("%s%d", prefix, k), specRoute{Actual: specRedirect(302, e.A.URL(fmt.Sprintf("%s%d", prefix, k+1)))})
		}
		e.A.Route(fmt.Sprintf("%s%d", prefix, n), specRoute{Actual: specResp{Body: "end"}})
	}
	t.Run("20 redirects", func(t *testing.T) {
		chain("/twenty-", 20)
		resp, err := specRT(t, e.T, specNewReq(t, "GET", e.A.URL("/twenty-0"), ""), nil)
		if err != nil {
			t.Fatalf("20 redirects must be followed: %v", err)
		}
		if b := specBody(t, resp); b != "end" {
			t.Errorf("body = %q", b)
		}
	})
	t.Run("21 redirects", func(t *testing.T) {
		chain("/twentyone-", 21)
		_, err := specRT(t, e.T, specNewReq(t, "GET", e.A.URL("/twentyone-0"), ""), nil)
		specWantNonCORSNetErr(t, err, "21 redirects")
		specWantMethods(t, e.A, "/twentyone-20", "GET")
		specWantMethods(t, e.A, "/twentyone-21")
	})
	t.Run("cross-origin loop", func(t *testing.T) {
		e.B.Route("/loop", specRoute{Actual: specRedirect(302, e.C.URL("/loop"), "Access-Control-Allow-Origin", "*")})
		e.C.Route("/loop", specRoute{Actual: specRedirect(302, e.B.URL("/loop"), "Access-Control-Allow-Origin", "*")})
		_, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL("/loop"), ""), nil)
		specWantNonCORSNetErr(t, err, "redirect loop")
		if n := len(e.B.Hits("/loop")) + len(e.C.Hits("/loop")); n != 21 {
			t.Errorf("requests in the loop = %d, want 21 (the first and 20 redirects)", n)
		}
	})
}

// TestRedirectAuthorization: Authorization is removed when a hop changes
// origin and is never added back. See https://fetch.spec.whatwg.org/#http-redirect-fetch
// (CORS non-wildcard request-header name) and whatwg/fetch commit 9004f4e.
func TestRedirectAuthorization(t *testing.T) {
	e := newSpecEnv(t)
	e.A.Route("/auth-same", specRoute{Actual: specRedirect(302, e.A.URL("/auth-same-2"))})
	e.A.Route("/auth-same-2", specRoute{Actual: specResp{Body: "ok"}})
	e.A.Route("/auth-cross", specRoute{Actual: specRedirect(307, e.B.URL("/auth-cross-2"))})
	e.B.Route("/auth-cross-2", specRoute{Actual: specRedirect(307, e.A.URL("/auth-back"), "Access-Control-Allow-Origin", "*")})
	e.A.Route("/auth-back", specRoute{Actual: specResp{Header: specH("Access-Control-Allow-Origin", "*"), Body: "ok"}})

	t.Run("same-origin hop keeps it", func(t *testing.T) {
		_, err := specRT(t, e.T, specNewReq(t, "GET", e.A.URL("/auth-same"), "", "Authorization", "Bearer secret"), nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/auth-same", "/auth-same-2"} {
			if hits := specWantMethods(t, e.A, p, "GET"); len(hits) == 1 {
				specWantHeader(t, hits[0].Header, p, "Authorization", "Bearer secret")
			}
		}
	})
	t.Run("cross-origin hop drops it for good", func(t *testing.T) {
		_, err := specRT(t, e.T, specNewReq(t, "GET", e.A.URL("/auth-cross"), "", "Authorization", "Bearer secret"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if hits := specWantMethods(t, e.A, "/auth-cross", "GET"); len(hits) == 1 {
			specWantHeader(t, hits[0].Header, "first hop", "Authorization", "Bearer secret")
		}
		// Without Authorization the request is simple again: no preflight at B.
		if hits := specWantMethods(t, e.B, "/auth-cross-2", "GET"); len(hits) == 1 {
			specAbsent(t, hits[0].Header, "cross-origin hop", "Authorization")
		}
		if hits := specWantMethods(t, e.A, "/auth-back", "GET"); len(hits) == 1 {
			specAbsent(t, hits[0].Header, "back to the page origin", "Authorization")
			specWantHeader(t, hits[0].Header, "back to the page origin (tainted)", "Origin", "null")
		}
	})
}

// TestRedirectModes: redirect mode "error" is a network error; "manual"
// returns an opaque-redirect filtered response; both after the CORS check
// of the redirect response; the Location is never fetched.
// See https://fetch.spec.whatwg.org/#http-fetch (redirect mode steps) and
// #concept-filtered-response-opaque-redirect; WPT fetch/api/redirect/redirect-mode.any.js.
func TestRedirectModes(t *testing.T) {
	e := newSpecEnv(t)
	e.A.Route("/rm-same", specRoute{Actual: specRedirect(302, e.A.URL("/rm-target"), "X-Secret", "1")})
	e.B.Route("/rm-cors", specRoute{Actual: specRedirect(302, e.A.URL("/rm-target"), "Access-Control-Allow-Origin", "*")})
	e.B.Route("/rm-noacao", specRoute{Actual: specRedirect(302, e.A.URL("/rm-target"))})
	e.A.Route("/rm-target", specRoute{Actual: specResp{Header: specH("Access-Control-Allow-Origin", "*"), Body: "target"}})
	for _, c := range []struct {
		name string
		u    string
	}{{"same-origin", e.A.URL("/rm-same")}, {"cross-origin", e.B.URL("/rm-cors")}} {
		t.Run("error "+c.name, func(t *testing.T) {
			_, err := specRT(t, e.T, specNewReq(t, "GET", c.u, ""), &fetch.Options{Redirect: fetch.RedirectError})
			specWantNonCORSNetErr(t, err, "redirect mode error")
			specWantMethods(t, e.A, "/rm-target")
		})
		t.Run("manual "+c.name, func(t *testing.T) {
			resp, err := specRT(t, e.T, specNewReq(t, "GET", c.u, ""), &fetch.Options{Redirect: fetch.RedirectManual})
			if err != nil {
				t.Fatalf("manual redirect: %v", err)
			}
			if got := specTypeOf(t, resp); got != fetch.ResponseOpaqueRedirect {
				t.Errorf("TypeOf = %d, want ResponseOpaqueRedirect", got)
			}
			if resp.StatusCode != 0 || len(resp.Header) != 0 {
				t.Errorf("opaque-redirect: status %d headers %v, want 0 and none", resp.StatusCode, resp.Header)
			}
			if b := specBody(t, resp); b != "" {
				t.Errorf("opaque-redirect body = %q, want empty", b)
			}
			specWantMethods(t, e.A, "/rm-target")
		})
	}
	for _, mode := range []fetch.Redirect{fetch.RedirectError, fetch.RedirectManual, fetch.RedirectFollow} {
		t.Run(fmt.Sprint("CORS check before redirect mode ", mode), func(t *testing.T) {
			_, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL("/rm-noacao"), ""), &fetch.Options{Redirect: mode})
			specWantBlocked(t, err, "redirect without ACAO", cors.MissingAllowOriginHeader)
			specWantMethods(t, e.A, "/rm-target")
		})
	}
}

// TestRedirectLocation: no Location returns the 3xx itself; an unparsable or
// non-HTTP(S) Location is a network error. See https://fetch.spec.whatwg.org/#http-redirect-fetch.
func TestRedirectLocation(t *testing.T) {
	e := newSpecEnv(t)
	e.B.Route("/noloc", specRoute{Actual: specResp{Status: 302, Header: specH("Access-Control-Allow-Origin", "*"), Body: "no location"}})
	e.B.Route("/badloc", specRoute{Actual: specRedirect(302, "http://[::1", "Access-Control-Allow-Origin", "*")})
	e.B.Route("/ftploc", specRoute{Actual: specRedirect(302, "ftp://127.0.0.1/x", "Access-Control-Allow-Origin", "*")})
	e.B.Route("/dataloc", specRoute{Actual: specRedirect(302, "data:text/plain,hi", "Access-Control-Allow-Origin", "*")})
	t.Run("no Location", func(t *testing.T) {
		resp, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL("/noloc"), ""), nil)
		if err != nil {
			t.Fatalf("a 3xx without Location is the response: %v", err)
		}
		if resp.StatusCode != 302 {
			t.Errorf("status = %d, want 302", resp.StatusCode)
		}
		if b := specBody(t, resp); b != "no location" {
			t.Errorf("body = %q", b)
		}
	})
	for _, p := range []string{"/badloc", "/ftploc", "/dataloc"} {
		t.Run(p, func(t *testing.T) {
			_, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL(p), ""), nil)
			specWantNetErr(t, err, p)
		})
	}
}

// TestRedirectErrorURLs: a block after redirects names the last URL and the
// first one (the console's "(redirected from ...)").
func TestRedirectErrorURLs(t *testing.T) {
	e := newSpecEnv(t)
	e.A.Route("/eu", specRoute{Actual: specRedirect(302, e.B.URL("/eu-final"))})
	e.B.Route("/eu-final", specRoute{Actual: specResp{Body: "x"}})
	_, err := specRT(t, e.T, specNewReq(t, "GET", e.A.URL("/eu"), ""), nil)
	ce := specWantBlocked(t, err, "blocked after redirect", cors.MissingAllowOriginHeader)
	if ce == nil {
		return
	}
	if ce.URL != e.B.URL("/eu-final") || ce.InitialURL != e.A.URL("/eu") {
		t.Errorf("cors.Error URL = %q InitialURL = %q, want %q and %q", ce.URL, ce.InitialURL, e.B.URL("/eu-final"), e.A.URL("/eu"))
	}
}

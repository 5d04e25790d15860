package fetchspec

import (
	"net/http"
	"testing"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// TestCORSBasic translates fetch/api/cors/cors-basic.any.js: a cross-origin
// resource fetched in no-cors mode is opaque, in cors mode it is blocked
// without ACAO and a "cors" response with ACAO *.
func TestCORSBasic(t *testing.T) {
	e := newSpecEnv(t)
	e.B.Route("/top.txt", specRoute{Actual: specResp{Header: specH("Access-Control-Allow-Origin", "*"), Body: "top"}})
	e.B.Route("/forbid.txt", specRoute{Actual: specResp{Body: "top"}})

	t.Run("no-cors_mode", func(t *testing.T) { // cors-basic.any.js [no-cors mode]
		resp, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL("/top.txt"), ""), &fetch.Options{Mode: fetch.ModeNoCORS})
		if err != nil {
			t.Fatal(err)
		}
		specWantOpaque(t, resp, "no-cors cross-origin")
	})
	t.Run("server_forbid_CORS", func(t *testing.T) { // cors-basic.any.js [server forbid CORS]
		_, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL("/forbid.txt"), ""), &fetch.Options{Mode: fetch.ModeCORS})
		specWantBlocked(t, err, "no ACAO", cors.MissingAllowOriginHeader)
	})
	t.Run("cors_mode", func(t *testing.T) { // cors-basic.any.js [cors mode]
		resp, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL("/top.txt"), ""), &fetch.Options{Mode: fetch.ModeCORS})
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != 200 {
			t.Errorf("status = %d, want 200", resp.StatusCode)
		}
		if got := specTypeOf(t, resp); got != fetch.ResponseCORS {
			t.Errorf("TypeOf = %d, want ResponseCORS", got)
		}
		if b := specBody(t, resp); b != "top" {
			t.Errorf("body = %q, want %q", b, "top")
		}
	})
	t.Run("default_options_are_cors", func(t *testing.T) { // #concept-request-mode: a Request from a string is "cors"
		resp, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL("/top.txt"), ""), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := specTypeOf(t, resp); got != fetch.ResponseCORS {
			t.Errorf("TypeOf = %d, want ResponseCORS", got)
		}
		_, err = specRT(t, e.T, specNewReq(t, "GET", e.B.URL("/forbid.txt"), ""), nil)
		specWantBlocked(t, err, "default options, no ACAO", cors.MissingAllowOriginHeader)
	})
}

// specWantOpaque asserts an opaque filtered response: status 0, empty
// status message, no headers, empty body, hidden size.
// See https://fetch.spec.whatwg.org/#concept-filtered-response-opaque.
func specWantOpaque(t testing.TB, resp *http.Response, what string) {
	t.Helper()
	if got := specTypeOf(t, resp); got != fetch.ResponseOpaque {
		t.Errorf("%s: TypeOf = %d, want ResponseOpaque", what, got)
	}
	if resp.StatusCode != 0 {
		t.Errorf("%s: status = %d, want 0", what, resp.StatusCode)
	}
	if resp.Status != "" {
		t.Errorf("%s: status text = %q, want empty", what, resp.Status)
	}
	if len(resp.Header) != 0 {
		t.Errorf("%s: headers = %v, want none", what, resp.Header)
	}
	if len(resp.Trailer) != 0 {
		t.Errorf("%s: trailers = %v, want none", what, resp.Trailer)
	}
	if resp.ContentLength > 0 {
		t.Errorf("%s: ContentLength = %d, want the size hidden (0 or -1)", what, resp.ContentLength)
	}
	if b := specBody(t, resp); b != "" {
		t.Errorf("%s: body = %q, want empty", what, b)
	}
}

// TestCORSOrigin translates fetch/api/cors/cors-origin.any.js: the actual
// response's ACAO must be the page origin exactly, for GET, POST, HEAD and a
// preflighted PUT, and for servers on other ports and other hosts.
func TestCORSOrigin(t *testing.T) {
	e := newSpecEnv(t)
	type row struct {
		name   string
		target string // "B", "C" or "localhostB"
		method string
		acao   string // specEcho-free: the literal value sent
		pass   bool
	}
	own := func(r row) string { // the target's own origin, as WPT's "origin KO" uses
		switch r.target {
		case "C":
			return e.C.Origin
		case "localhostB":
			return "http://localhost:" + e.B.Port
		}
		return e.B.Origin
	}
	rows := []row{
		{"Cross domain different subdomain [origin OK]", "localhostB", "GET", e.Page, true},
		{"Cross domain different subdomain [origin KO]", "localhostB", "GET", "", false},
		{"Same domain different port [origin OK]", "B", "GET", e.Page, true},
		{"Same domain different port [origin KO]", "B", "GET", "", false},
		{"Cross domain different port [origin OK]", "C", "GET", e.Page, true},
		{"Cross domain different port [origin KO]", "C", "GET", "", false},
		{"Cross domain [POST] [origin OK]", "B", "POST", e.Page, true},
		{"Cross domain [POST] [origin KO]", "B", "POST", "", false},
		{"Cross domain [HEAD] [origin OK]", "B", "HEAD", e.Page, true},
		{"Cross domain [HEAD] [origin KO]", "B", "HEAD", "", false},
		{"CORS preflight [PUT] [origin OK]", "B", "PUT", e.Page, true},
		{"CORS preflight [PUT] [origin KO]", "B", "PUT", "", false},
	}
	for i, r := range rows {
		t.Run(specName(i, r.name), func(t *testing.T) {
			acao := r.acao
			if acao == "" {
				acao = own(r) // "origin KO": the server allows its own origin only
			}
			path := "/o" + specName(i)
			srv := e.B
			u := e.B.URL(path)
			switch r.target {
			case "C":
				srv, u = e.C, e.C.URL(path)
			case "localhostB":
				u = e.B.HostURL("localhost", path)
			}
			srv.Route(path, specRoute{
				Preflight: &specResp{Header: specH("Access-Control-Allow-Origin", acao, "Access-Control-Allow-Methods", r.method, "Access-Control-Max-Age", "0")},
				Actual:    specResp{Header: specH("Access-Control-Allow-Origin", acao)},
			})
			resp, err := specRT(t, e.T, specNewReq(t, r.method, u, ""), &fetch.Options{Mode: fetch.ModeCORS})
			if r.pass {
				if err != nil {
					t.Fatalf("want success: %v", err)
				}
				if resp.StatusCode != 200 {
					t.Errorf("status = %d, want 200", resp.StatusCode)
				}
				return
			}
			if r.method == "PUT" {
				specWantBlocked(t, err, r.name, cors.PreflightAllowOriginMismatch)
				specWantMethods(t, srv, path, "OPTIONS")
				return
			}
			specWantBlocked(t, err, r.name, cors.AllowOriginMismatch)
		})
	}
}

// TestCORSCheck covers the CORS check's rows on the actual response.
// See https://fetch.spec.whatwg.org/#concept-cors-check; the
// Access-Control-Allow-Credentials rows are cors/credentials-flag.htm
// ("should be disallowed" for TRUE, True, "true", false, 1, 0).
func TestCORSCheck(t *testing.T) {
	e := newSpecEnv(t)
	type row struct {
		name   string
		lines  []specKV
		creds  fetch.Credentials
		pass   bool
		reason []cors.Reason
	}
	rows := []row{
		{"ACAO * without credentials", specH("Access-Control-Allow-Origin", "*"), fetch.CredentialsSameOrigin, true, nil},
		{"ACAO * with credentials omit", specH("Access-Control-Allow-Origin", "*"), fetch.CredentialsOmit, true, nil},
		{"ACAO exact origin", specH("Access-Control-Allow-Origin", e.Page), fetch.CredentialsSameOrigin, true, nil},
		{"ACAO missing", nil, fetch.CredentialsSameOrigin, false, []cors.Reason{cors.MissingAllowOriginHeader}},
		{"ACAO trailing slash", specH("Access-Control-Allow-Origin", e.Page+"/"), fetch.CredentialsSameOrigin, false, nil},
		{"ACAO upper-case scheme", specH("Access-Control-Allow-Origin", "HTTP"+e.Page[4:]), fetch.CredentialsSameOrigin, false, nil},
		{"ACAO null", specH("Access-Control-Allow-Origin", "null"), fetch.CredentialsSameOrigin, false, []cors.Reason{cors.AllowOriginMismatch, cors.InvalidAllowOriginValue}},
		{"ACAO empty", specH("Access-Control-Allow-Origin", ""), fetch.CredentialsSameOrigin, false, nil},
		{"ACAO other origin", specH("Access-Control-Allow-Origin", e.C.Origin), fetch.CredentialsSameOrigin, false, []cors.Reason{cors.AllowOriginMismatch}},
		{"ACAO two lines", specH("Access-Control-Allow-Origin", e.Page, "Access-Control-Allow-Origin", e.Page), fetch.CredentialsSameOrigin, false, []cors.Reason{cors.MultipleAllowOriginValues}},
		{"ACAO list", specH("Access-Control-Allow-Origin", e.Page+", "+e.C.Origin), fetch.CredentialsSameOrigin, false, []cors.Reason{cors.MultipleAllowOriginValues}},
		{"ACAO * with credentials include", specH("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"), fetch.CredentialsInclude, false, []cors.Reason{cors.WildcardOriginNotAllowed}},
		{"include, ACAC true", specH("Access-Control-Allow-Origin", e.Page, "Access-Control-Allow-Credentials", "true"), fetch.CredentialsInclude, true, nil},
		{"include, ACAC missing", specH("Access-Control-Allow-Origin", e.Page), fetch.CredentialsInclude, false, []cors.Reason{cors.InvalidAllowCredentials}},
		// cors/credentials-flag.htm test_response_header(...)
		{"include, ACAC TRUE", specH("Access-Control-Allow-Origin", e.Page, "Access-Control-Allow-Credentials", "TRUE"), fetch.CredentialsInclude, false, []cors.Reason{cors.InvalidAllowCredentials}},
		{"include, ACAC True", specH("Access-Control-Allow-Origin", e.Page, "Access-Control-Allow-Credentials", "True"), fetch.CredentialsInclude, false, []cors.Reason{cors.InvalidAllowCredentials}},
		{"include, ACAC quoted true", specH("Access-Control-Allow-Origin", e.Page, "Access-Control-Allow-Credentials", `"true"`), fetch.CredentialsInclude, false, []cors.Reason{cors.InvalidAllowCredentials}},
		{"include, ACAC false", specH("Access-Control-Allow-Origin", e.Page, "Access-Control-Allow-Credentials", "false"), fetch.CredentialsInclude, false, []cors.Reason{cors.InvalidAllowCredentials}},
		{"include, ACAC 1", specH("Access-Control-Allow-Origin", e.Page, "Access-Control-Allow-Credentials", "1"), fetch.CredentialsInclude, false, []cors.Reason{cors.InvalidAllowCredentials}},
		{"include, ACAC 0", specH("Access-Control-Allow-Origin", e.Page, "Access-Control-Allow-Credentials", "0"), fetch.CredentialsInclude, false, []cors.Reason{cors.InvalidAllowCredentials}},
		// Without credentials ACAC is not looked at (#concept-cors-check step "If request's credentials mode is not include, return success").
		{"same-origin creds, ACAC false", specH("Access-Control-Allow-Origin", e.Page, "Access-Control-Allow-Credentials", "false"), fetch.CredentialsSameOrigin, true, nil},
	}
	for i, r := range rows {
		t.Run(specName(i, r.name), func(t *testing.T) {
			path := "/c" + specName(i)
			e.B.Route(path, specRoute{Actual: specResp{Header: r.lines, Body: "payload"}})
			resp, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL(path), ""), &fetch.Options{Credentials: r.creds})
			if r.pass {
				if err != nil {
					t.Fatalf("want success: %v", err)
				}
				if b := specBody(t, resp); b != "payload" {
					t.Errorf("body = %q", b)
				}
				return
			}
			ce := specWantBlocked(t, err, r.name, r.reason...)
			if ce != nil {
				if ce.URL != e.B.URL(path) {
					t.Errorf("cors.Error.URL = %q, want %q", ce.URL, e.B.URL(path))
				}
				if ce.Origin != e.Page {
					t.Errorf("cors.Error.Origin = %q, want %q", ce.Origin, e.Page)
				}
			}
			specWantMethods(t, e.B, path, "GET")
		})
	}
}

// TestBlockedViaHTTPClient checks the contract through http.Client: the
// error reaches the caller wrapped in *url.Error and still matches
// fetch.ErrNetwork and *cors.Error, and the client never sees a 3xx because
// the Transport follows redirects itself (issue 5, "Redirects are followed
// by the Transport itself"; #http-redirect-fetch).
func TestBlockedViaHTTPClient(t *testing.T) {
	e := newSpecEnv(t)
	e.A.Route("/to-b", specRoute{Actual: specRedirect(302, e.B.URL("/final"))})
	e.B.Route("/final", specRoute{Actual: specOK("final")})
	e.B.Route("/blocked", specRoute{Actual: specResp{Body: "secret"}})
	client := &http.Client{
		Transport: e.T,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			t.Errorf("http.Client saw a redirect to %s: the Transport must follow redirects itself", req.URL)
			return http.ErrUseLastResponse
		},
	}
	func() {
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("panic: %v", p)
			}
		}()
		resp, err := client.Get(e.A.URL("/to-b"))
		if err != nil {
			t.Fatalf("redirect through http.Client: %v", err)
		}
		if b := specBody(t, resp); b != "final" || resp.StatusCode != 200 {
			t.Errorf("got %d %q, want 200 %q", resp.StatusCode, b, "final")
		}
		_, err = client.Get(e.B.URL("/blocked"))
		specWantBlocked(t, err, "blocked through http.Client", cors.MissingAllowOriginHeader)
	}()
}

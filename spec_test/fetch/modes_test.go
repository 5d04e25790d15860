package fetchspec

import (
	"errors"
	"fmt"
	"testing"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// TestModeSameOrigin translates fetch/api/basic/mode-same-origin.any.js: a
// same-origin URL gives a basic response; a cross-origin URL, directly or
// after a redirect, is a network error and the cross-origin server receives
// nothing. See https://fetch.spec.whatwg.org/#main-fetch ("mode is same-origin").
func TestModeSameOrigin(t *testing.T) {
	e := newSpecEnv(t)
	e.A.Route("/top.txt", specRoute{Actual: specResp{Body: "top"}})
	e.B.Route("/top.txt", specRoute{Actual: specOK("top")})
	e.A.Route("/redirect-local", specRoute{Actual: specRedirect(302, e.A.URL("/top.txt"))})
	e.A.Route("/redirect-remote", specRoute{Actual: specRedirect(302, e.B.URL("/top.txt"))})
	e.A.Route("/redirect-localhost", specRoute{Actual: specRedirect(302, e.A.HostURL("localhost", "/top.txt"))})
	rows := []struct {
		name string
		u    string
		pass bool
	}{
		{"same origin", e.A.URL("/top.txt"), true},
		{"remote origin", e.B.URL("/top.txt"), false},
		{"same host other name (localhost)", e.A.HostURL("localhost", "/top.txt"), false},
		{"redirect to same origin", e.A.URL("/redirect-local"), true},
		{"redirect to remote origin", e.A.URL("/redirect-remote"), false},
		{"redirect to localhost", e.A.URL("/redirect-localhost"), false},
	}
	for _, r := range rows {
		t.Run(specName(r.name), func(t *testing.T) {
			e.B.Reset()
			before := len(e.A.Hits("/top.txt"))
			resp, err := specRT(t, e.T, specNewReq(t, "GET", r.u, ""), &fetch.Options{Mode: fetch.ModeSameOrigin})
			if r.pass {
				if err != nil {
					t.Fatalf("want success: %v", err)
				}
				if resp.StatusCode != 200 {
					t.Errorf("status = %d", resp.StatusCode)
				}
				if got := specTypeOf(t, resp); got != fetch.ResponseBasic {
					t.Errorf("TypeOf = %d, want ResponseBasic", got)
				}
				return
			}
			specWantNetErr(t, err, r.name)
			var ce *cors.Error
			if errors.As(err, &ce) && ce.Reason != cors.DisallowedByMode {
				t.Errorf("same-origin mode failure reported as Reason %d, want DisallowedByMode", ce.Reason)
			}
			specWantNothingSent(t, r.name, e.B)
			if n := len(e.A.Hits("/top.txt")) - before; n != 0 {
				t.Errorf("the cross-origin URL was fetched %d time(s) on A's port", n)
			}
		})
	}
}

// TestModeNoCORS translates fetch/api/basic/mode-no-cors.js: same-origin
// URLs give basic responses with headers; cross-origin ones (other port,
// other host) are opaque even when the server allows CORS
// (fetch/api/cors/cors-basic.any.js [no-cors mode]). No-cors requests are
// never preflighted, carry only no-CORS-safelisted headers and follow
// redirects. See https://fetch.spec.whatwg.org/#main-fetch and
// #no-cors-safelisted-request-header.
func TestModeNoCORS(t *testing.T) {
	e := newSpecEnv(t)
	noCORS := &fetch.Options{Mode: fetch.ModeNoCORS}
	top := specRoute{Actual: specResp{Header: specH("X-Is-Filtered", "value", "Access-Control-Allow-Origin", "*", "Set-Cookie", "nc=1"), Body: "top"}}
	e.A.Route("/top.txt", top)
	e.B.Route("/top.txt", top)
	for _, r := range []struct {
		name   string
		u      string
		opaque bool
	}{
		{"same origin relative", e.A.URL("/top.txt"), false},
		{"other port", e.B.URL("/top.txt"), true},
		{"other host, same port", e.A.HostURL("localhost", "/top.txt"), true},
	} {
		t.Run(specName(r.name), func(t *testing.T) {
			resp, err := specRT(t, e.T, specNewReq(t, "GET", r.u, ""), noCORS)
			if err != nil {
				t.Fatal(err)
			}
			if r.opaque {
				specWantOpaque(t, resp, r.name)
				return
			}
			if resp.StatusCode != 200 || specTypeOf(t, resp) != fetch.ResponseBasic {
				t.Errorf("status %d type %d, want 200 basic", resp.StatusCode, specTypeOf(t, resp))
			}
			specWantHeader(t, resp.Header, "basic", "X-Is-Filtered", "value")
			specAbsent(t, resp.Header, "basic filtered response (#concept-filtered-response-basic)", "Set-Cookie")
		})
	}
	t.Run("POST cross-origin is sent without preflight, with Origin", func(t *testing.T) {
		e.B.Route("/post", specRoute{Actual: specResp{Body: "secret"}})
		resp, err := specRT(t, e.T, specNewReq(t, "POST", e.B.URL("/post"), "data", "Content-Type", "text/plain"), noCORS)
		if err != nil {
			t.Fatal(err)
		}
		specWantOpaque(t, resp, "no-cors POST")
		if hits := specWantMethods(t, e.B, "/post", "POST"); len(hits) == 1 {
			specWantHeader(t, hits[0].Header, "no-cors POST (#append-a-request-origin-header)", "Origin", e.Page)
			if hits[0].Body != "data" {
				t.Errorf("body = %q", hits[0].Body)
			}
		}
	})
	t.Run("only no-CORS-safelisted headers are sent", func(t *testing.T) {
		e.B.Route("/hdr", specRoute{Actual: specResp{}})
		req := specNewReq(t, "POST", e.B.URL("/hdr"), "x",
			"Accept", "text/html", "Accept-Language", "fr", "Content-Language", "de",
			"Content-Type", "application/json", "X-Custom", "1", "Range", "bytes=0-10", "Authorization", "Bearer t")
		resp, err := specRT(t, e.T, req, noCORS)
		if err != nil {
			t.Fatal(err)
		}
		specWantOpaque(t, resp, "no-cors")
		if hits := specWantMethods(t, e.B, "/hdr", "POST"); len(hits) == 1 {
			h := hits[0].Header
			specWantHeader(t, h, "kept", "Accept", "text/html")
			specWantHeader(t, h, "kept", "Accept-Language", "fr")
			specWantHeader(t, h, "kept", "Content-Language", "de")
			specAbsent(t, h, "not no-CORS-safelisted", "X-Custom", "Range", "Authorization")
			if ct := specHeaderLine(h, "Content-Type"); ct == "application/json" {
				t.Errorf("Content-Type application/json sent in no-cors mode")
			}
		}
	})
	t.Run("redirects are followed and stay opaque", func(t *testing.T) {
		e.A.Route("/nc-redir", specRoute{Actual: specRedirect(302, e.B.URL("/nc-final"))})
		e.B.Route("/nc-final", specRoute{Actual: specResp{Body: "final"}}) // no ACAO: not needed
		resp, err := specRT(t, e.T, specNewReq(t, "GET", e.A.URL("/nc-redir"), ""), noCORS)
		if err != nil {
			t.Fatal(err)
		}
		specWantOpaque(t, resp, "no-cors after redirect")
		specWantMethods(t, e.B, "/nc-final", "GET")
	})
	t.Run("cross-origin blocked-looking responses are not errors", func(t *testing.T) {
		e.B.Route("/nc-500", specRoute{Actual: specResp{Status: 500, Body: "oops"}})
		resp, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL("/nc-500"), ""), noCORS)
		if err != nil {
			t.Fatal(err)
		}
		specWantOpaque(t, resp, "no-cors 500")
	})
}

// TestResponseTypes: TypeOf reports basic for same-origin, cors for
// cross-origin cors mode, and the mode-specific types; the Options.Origin
// override makes another origin the page's. See
// https://fetch.spec.whatwg.org/#concept-response-type.
func TestResponseTypes(t *testing.T) {
	e := newSpecEnv(t)
	e.A.Route("/t", specRoute{Actual: specOK("a")})
	e.B.Route("/t", specRoute{Actual: specOK("b")})
	for _, r := range []struct {
		name string
		u    string
		o    *fetch.Options
		want fetch.ResponseType
	}{
		{"same-origin cors", e.A.URL("/t"), nil, fetch.ResponseBasic},
		{"cross-origin cors", e.B.URL("/t"), nil, fetch.ResponseCORS},
		{"cross-origin no-cors", e.B.URL("/t"), &fetch.Options{Mode: fetch.ModeNoCORS}, fetch.ResponseOpaque},
		{"Options.Origin makes B same-origin", e.B.URL("/t"), &fetch.Options{Origin: e.B.Origin}, fetch.ResponseBasic},
		{"Options.Origin makes A cross-origin", e.A.URL("/t"), &fetch.Options{Origin: e.B.Origin}, fetch.ResponseCORS},
	} {
		t.Run(specName(r.name), func(t *testing.T) {
			e.A.Reset()
			e.B.Reset()
			resp, err := specRT(t, e.T, specNewReq(t, "GET", r.u, ""), r.o)
			if err != nil {
				t.Fatal(err)
			}
			if got := specTypeOf(t, resp); got != r.want {
				t.Errorf("TypeOf = %d, want %d", got, r.want)
			}
			hits := append(e.A.Hits("/t"), e.B.Hits("/t")...)
			if len(hits) == 1 {
				wantOrigin := "<absent>"
				if r.want == fetch.ResponseCORS {
					wantOrigin = e.Page
					if r.o != nil && r.o.Origin != "" {
						wantOrigin = r.o.Origin
					}
				}
				specWantHeader(t, hits[0].Header, fmt.Sprint(r.name, " Origin"), "Origin", wantOrigin)
			}
		})
	}
}

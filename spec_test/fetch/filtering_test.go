package fetchspec

import (
	"fmt"
	"testing"

	"github.com/corsfetch/corsfetch/fetch"
)

// TestCORSFiltering translates fetch/api/cors/cors-filtering.js: a CORS
// response shows only CORS-safelisted response headers plus those listed in
// Access-Control-Expose-Headers, and never Set-Cookie/Set-Cookie2.
// Content-Length: the stored WPT file predates its addition to the
// safelist; the Fetch Standard (#cors-safelisted-response-header-name, and
// the current WPT) exposes it, and so do we.
func TestCORSFiltering(t *testing.T) {
	e := newSpecEnv(t)
	rows := []struct {
		name, value string
		expose      bool // "header is exposed" variant (corsExposeFilter)
		visible     bool
	}{
		{"Cache-Control", "no-cache", false, true},
		{"Content-Language", "fr", false, true},
		{"Content-Type", "text/html", false, true},
		{"Expires", "04 May 1988 22:22:22 GMT", false, true},
		{"Last-Modified", "04 May 1988 22:22:22 GMT", false, true},
		{"Pragma", "no-cache", false, true},
		{"Content-Length", "0", false, true}, // see the doc comment
		{"Age", "27", false, false},
		{"Server", "wptServe", false, false},
		{"Warning", "Mind the gap", false, false},
		{"Set-Cookie", "name=value", false, false},
		{"Set-Cookie2", "name=value", false, false},
		{"Age", "27", true, true},
		{"Server", "wptServe", true, true},
		{"Warning", "Mind the gap", true, true},
		{"Content-Length", "0", true, true},
		{"Set-Cookie", "name=value", true, false},
		{"Set-Cookie2", "name=value", true, false},
	}
	for i, r := range rows {
		t.Run(specName(r.name, map[bool]string{true: " exposed", false: ""}[r.expose]), func(t *testing.T) {
			path := fmt.Sprintf("/f%d", i)
			h := specH(r.name, r.value, "Access-Control-Allow-Origin", "*")
			if r.expose {
				h = append(h, specKV{"Access-Control-Expose-Headers", r.name})
			}
			e.B.Route(path, specRoute{Actual: specResp{Header: h}})
			resp, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL(path), ""), nil)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != 200 || specTypeOf(t, resp) != fetch.ResponseCORS {
				t.Errorf("status %d type %d, want 200 cors", resp.StatusCode, specTypeOf(t, resp))
			}
			got := specHeaderLine(resp.Header, r.name)
			if r.visible && got != r.value {
				t.Errorf("%s = %q, want %q", r.name, got, r.value)
			}
			if !r.visible && got != "<absent>" {
				t.Errorf("%s = %q, want it filtered out", r.name, got)
			}
		})
	}
}

// TestExposeHeaders covers Access-Control-Expose-Headers parsing and its
// wildcard. WPT fetch/api/cors/cors-expose-star.js and
// cors/access-control-expose-headers-parsing.window.js; see
// https://fetch.spec.whatwg.org/#main-fetch ("*" only without credentials
// include; an unparsable list exposes nothing) and
// #concept-filtered-response-cors.
func TestExposeHeaders(t *testing.T) {
	e := newSpecEnv(t)
	rows := []struct {
		name    string
		aceh    []string
		creds   bool
		visible map[string]bool
	}{
		{"* without credentials exposes all but Set-Cookie", []string{"*"}, false,
			map[string]bool{"X-Custom": true, "Server": true, "Access-Control-Allow-Origin": true, "Set-Cookie": false}},
		{"* with credentials is a literal name", []string{"*"}, true,
			map[string]bool{"X-Custom": false, "Server": false}},
		{"* plus a name with credentials", []string{"*, x-custom"}, true,
			map[string]bool{"X-Custom": true, "Server": false}},
		{"case-insensitive names", []string{"X-CUSTOM"}, false,
			map[string]bool{"X-Custom": true, "Server": false}},
		{"two lines combine", []string{"x-custom", "server"}, false,
			map[string]bool{"X-Custom": true, "Server": true}},
		{"unparsable list exposes nothing", []string{"x-custom, bad name"}, false,
			map[string]bool{"X-Custom": false, "Server": false, "Content-Type": true}},
		{"no ACEH: CORS headers themselves are hidden", nil, false,
			map[string]bool{"Access-Control-Allow-Origin": false, "Access-Control-Allow-Credentials": false, "X-Custom": false}},
	}
	for i, r := range rows {
		t.Run(specName(r.name), func(t *testing.T) {
			path := fmt.Sprintf("/x%d", i)
			h := specH("X-Custom", "1", "Server", "spec", "Content-Type", "text/plain", "Set-Cookie", "s=1")
			if r.creds {
				h = append(h, specH("Access-Control-Allow-Origin", e.Page, "Access-Control-Allow-Credentials", "true")...)
			} else {
				h = append(h, specH("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true")...)
			}
			for _, v := range r.aceh {
				h = append(h, specKV{"Access-Control-Expose-Headers", v})
			}
			e.B.Route(path, specRoute{Actual: specResp{Header: h}})
			o := &fetch.Options{}
			if r.creds {
				o.Credentials = fetch.CredentialsInclude
			}
			resp, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL(path), ""), o)
			if err != nil {
				t.Fatal(err)
			}
			for name, vis := range r.visible {
				_, ok := resp.Header[name]
				if ok != vis {
					t.Errorf("%s visible = %t, want %t (headers %v)", name, ok, vis, resp.Header)
				}
			}
		})
	}
}

// TestBasicFiltering: a same-origin (basic) response keeps every header but
// Set-Cookie and Set-Cookie2. See https://fetch.spec.whatwg.org/#concept-filtered-response-basic.
func TestBasicFiltering(t *testing.T) {
	e := newSpecEnv(t)
	e.A.Route("/b", specRoute{Actual: specResp{Header: specH("X-Custom", "1", "Server", "spec", "Set-Cookie", "a=1", "Set-Cookie2", "b=2"), Body: "basic"}})
	resp, body := e.MustOK(specNewReq(t, "GET", e.A.URL("/b"), ""), nil)
	if body != "basic" || specTypeOf(t, resp) != fetch.ResponseBasic {
		t.Errorf("got %q type %d", body, specTypeOf(t, resp))
	}
	specWantHeader(t, resp.Header, "basic", "X-Custom", "1")
	specWantHeader(t, resp.Header, "basic", "Server", "spec")
	specAbsent(t, resp.Header, "basic", "Set-Cookie", "Set-Cookie2")
}

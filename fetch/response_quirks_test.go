package fetch

import (
	"net/http"
	"slices"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// cors.Policy.JoinResponseHeaderValues (Firefox): a repeated response
// header reaches the caller as the one value Firefox ESR 153.8's Headers
// object shows: Content-Type joined with ",", others with ", ", empty
// lines skipped, a repeated WWW-Authenticate dropped; elsewhere the lines
// stay apart (the standard's "get" would join them with ", ").
// See https://fetch.spec.whatwg.org/#concept-header-list-get.
func TestJoinResponseHeaderValues(t *testing.T) {
	for _, pr := range presets {
		for _, url := range []string{quirkAPI + "/r", quirkPage + "/r"} { // CORS and basic
			base := &scripted{answer: func(r *http.Request) (int, http.Header) {
				h := hdr("Access-Control-Allow-Origin: "+quirkPage, "Access-Control-Expose-Headers: *",
					"Content-Type: text/plain", "Content-Type: text/html", "Cache-Control: no-cache",
					"X-A: a", "X-A: b", "X-E: ", "X-E: b", "WWW-Authenticate: a", "WWW-Authenticate: b")
				return 200, h
			}}
			tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
			resp, _, err := do(t, tr, "GET", url, Options{}, nil, "")
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][]string{
				"Content-Type": {"text/plain", "text/html"}, "Cache-Control": {"no-cache"},
				"X-A": {"a", "b"}, "X-E": {"", "b"}, "Www-Authenticate": {"a", "b"},
			}
			if pr.name == "firefox" {
				want = map[string][]string{
					"Content-Type": {"text/plain,text/html"}, "Cache-Control": {"no-cache"},
					"X-A": {"a, b"}, "X-E": {"b"}, "Www-Authenticate": nil,
				}
			}
			for k, w := range want {
				if got := resp.Header[k]; !slices.Equal(got, w) {
					t.Errorf("%s %s: %s %q, want %q", pr.name, url, k, got, w)
				}
			}
		}
	}
}

// cors.Policy.ConflictingSingletonHeadersFail (Firefox, Chromium) and
// SingletonHeadersCollapsed (Firefox): two different Location or Content-Disposition lines make any
// response a network error, and identical lines read as one (so a 302
// with the same Location twice is followed); the standard keeps every line
// and fails only the redirect.
// See https://fetch.spec.whatwg.org/#concept-response-location-url.
func TestSingletonResponseHeaders(t *testing.T) {
	// Each knob alone: failing without collapsing, collapsing without failing.
	for _, p := range []cors.Policy{{ConflictingSingletonHeadersFail: true}, {SingletonHeadersCollapsed: true}} {
		base := &scripted{answer: func(r *http.Request) (int, http.Header) {
			return 200, hdr("Location: /a", "Location: /a", "Content-Disposition: a", "Content-Disposition: b")
		}}
		tr := &Transport{Base: base, Origin: quirkPage, Policy: p}
		resp, _, err := do(t, tr, "GET", quirkPage+"/r", Options{}, nil, "")
		switch {
		case p.ConflictingSingletonHeadersFail && networkKind(err) != KindTransport:
			t.Errorf("%+v: %v, want a transport failure", p, err)
		case p.SingletonHeadersCollapsed && (err != nil || !slices.Equal(resp.Header["Location"], []string{"/a"}) || len(resp.Header["Content-Disposition"]) != 2):
			t.Errorf("%+v: %v, %v", p, err, resp)
		}
	}

	acao := "Access-Control-Allow-Origin: " + quirkPage
	for _, tc := range []struct {
		name           string
		call           quirkCall
		lines          []string // on every response to /r
		spec, conflict string   // the outcome under the standard, and under Firefox and Chromium
		firefoxLoc     []string // Location of the final response under Firefox
	}{
		{"different Location", quirkCall{method: "GET", url: quirkAPI + "/r"}, []string{acao, "Location: /a", "Location: /b"}, "ok OK", "error transport failure", nil},
		{"empty and non-empty Location", quirkCall{method: "GET", url: quirkPage + "/r"}, []string{"Location: ", "Location: /b"}, "ok OK", "error transport failure", nil},
		{"same Location", quirkCall{method: "GET", url: quirkAPI + "/r"}, []string{acao, "Access-Control-Expose-Headers: *", "Location: /a", "Location: /a"}, "ok OK", "ok OK", []string{"/a"}},
		{"different Content-Disposition, no-cors", quirkCall{method: "GET", url: quirkAPI + "/r", opts: Options{Mode: ModeNoCORS}}, []string{"Content-Disposition: a", "Content-Disposition: b"}, "ok OK", "error transport failure", nil},
		{"different Content-Disposition on the preflight", quirkCall{method: "PUT", url: quirkAPI + "/r"}, []string{acao, "Access-Control-Allow-Methods: PUT", "Content-Disposition: a", "Content-Disposition: b"}, "ok OK", "error transport failure", nil},
	} {
		for _, pr := range presets {
			base := &scripted{answer: func(r *http.Request) (int, http.Header) { return 200, hdr(tc.lines...) }}
			tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
			want := tc.spec
			if pr.name == "firefox" || pr.name == "chromium" {
				want = tc.conflict
			}
			resp, _, err := do(t, tr, tc.call.method, tc.call.url, tc.call.opts, nil, "")
			got := "ok OK"
			if err != nil {
				got = "error " + networkKind(err).String()
			}
			if got != want {
				t.Errorf("%s, %s: %s, want %s (%v)", tc.name, pr.name, got, want, err)
			}
			if pr.name == "firefox" && tc.firefoxLoc != nil && err == nil && !slices.Equal(resp.Header["Location"], tc.firefoxLoc) {
				t.Errorf("%s, firefox: Location %q, want %q", tc.name, resp.Header["Location"], tc.firefoxLoc)
			}
		}
	}
}

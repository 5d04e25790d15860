package fetch

import (
	"net/http"
	"slices"
	"testing"
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

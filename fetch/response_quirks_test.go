package fetch

import (
	"net/http"
	"slices"
	"testing"
)

// cors.Policy.JoinResponseHeaderValues (Firefox): a repeated response
// header reaches the caller as one value joined with ","; elsewhere the
// lines stay apart (the standard's "get" would join them with ", ").
// See https://fetch.spec.whatwg.org/#concept-header-list-get.
func TestJoinResponseHeaderValues(t *testing.T) {
	for _, pr := range presets {
		for _, url := range []string{quirkAPI + "/r", quirkPage + "/r"} { // CORS and basic
			base := &scripted{answer: func(r *http.Request) (int, http.Header) {
				h := hdr("Access-Control-Allow-Origin: "+quirkPage, "Content-Type: text/plain", "Content-Type: text/html", "Cache-Control: no-cache")
				return 200, h
			}}
			tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
			resp, _, err := do(t, tr, "GET", url, Options{}, nil, "")
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"text/plain", "text/html"}
			if pr.name == "firefox" {
				want = []string{"text/plain,text/html"}
			}
			if got := resp.Header["Content-Type"]; !slices.Equal(got, want) {
				t.Errorf("%s %s: Content-Type %q, want %q", pr.name, url, got, want)
			}
			if got := resp.Header["Cache-Control"]; !slices.Equal(got, []string{"no-cache"}) {
				t.Errorf("%s %s: Cache-Control %q", pr.name, url, got)
			}
		}
	}
}

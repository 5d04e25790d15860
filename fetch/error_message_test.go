package fetch

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Through http.Client, whose *url.Error names the request's URL, an error
// names each URL once: the request's, and the one a redirect led to.
func TestErrorNamesURLOnce(t *testing.T) {
	s := newSite(t)
	cross := newSite(t)
	crossURL := cross.URL + "/b"
	tests := []struct {
		name     string
		url      string
		o        Options
		want     string // a substring of the error
		redirect string // the URL a redirect led to, named once too; "" for none
	}{
		{"CORS block", crossURL, Options{}, "blocked by CORS policy: the response has no Access-Control-Allow-Origin header (request origin " + s.origin() + ")", ""},
		{"CORS block after a redirect", s.URL + "/r?location=" + url.QueryEscape(crossURL), Options{}, "blocked by CORS policy at " + crossURL + ": the response has no", crossURL},
		{"mode", crossURL, Options{Mode: ModeSameOrigin}, "disallowed by request mode: the request mode is same-origin", ""},
		{"redirect mode error", s.URL + "/r?hops=1", Options{Redirect: RedirectError}, "redirect with redirect mode error", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Transport{Origin: s.origin()}
			defer tr.CloseIdleConnections()
			req, _ := http.NewRequestWithContext(WithOptions(t.Context(), tt.o), "GET", tt.url, nil)
			_, err := (&http.Client{Transport: tr}).Do(req)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) {
				t.Errorf("%s\ndoes not contain %q", msg, tt.want)
			}
			if n := strings.Count(msg, tt.url); n != 1 {
				t.Errorf("%s\nnames %s %d times", msg, tt.url, n)
			}
			if tt.redirect != "" && strings.Count(msg, tt.redirect) != 1 {
				t.Errorf("%s\ndoes not name %s once", msg, tt.redirect)
			}
		})
	}
}

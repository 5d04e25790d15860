package fetch

import (
	"net/http"
	"net/url"
	"testing"
)

// response.url, response.redirected and the URL list
// (https://fetch.spec.whatwg.org/#dom-response-url,
// #dom-response-redirected; the opaque filter empties the list,
// #concept-filtered-response-opaque, the opaque-redirect filter keeps it,
// #concept-filtered-response-opaque-redirect, as Chromium shows in
// examples/jsruntime's TestFetchJSInChromium): WPT fetch/api/response/response-url,
// fetch/api/redirect/redirect-location.
func TestResponseURL(t *testing.T) {
	s := newSite(t)
	cross := newSite(t)
	tests := []struct {
		name           string
		url            string
		o              Options
		wantType       ResponseType
		wantURL        string
		wantRedirected bool
		wantList       int
	}{
		{"no redirect", s.URL + "/a?x=1", Options{}, ResponseBasic, s.URL + "/a?x=1", false, 1},
		{"fragment excluded", s.URL + "/a#frag", Options{}, ResponseBasic, s.URL + "/a", false, 1},
		{"empty path is /", s.URL, Options{}, ResponseBasic, s.URL + "/", false, 1},
		{"two redirects", s.URL + "/r?hops=2", Options{}, ResponseBasic, s.URL + "/r?hops=0", true, 3},
		{"fragment carried over a redirect, excluded", s.URL + "/r?hops=1#f", Options{}, ResponseBasic, s.URL + "/r?hops=0", true, 2},
		{"cross-origin cors after a redirect", s.URL + "/r?location=" + url.QueryEscape(cross.URL+"/b?acao=*"), Options{}, ResponseCORS, cross.URL + "/b?acao=*", true, 2},
		{"no-cors opaque: empty list", cross.URL + "/b", Options{Mode: ModeNoCORS}, ResponseOpaque, "", false, 0},
		{"manual redirect: opaqueredirect keeps the list", s.URL + "/r?hops=1#f", Options{Redirect: RedirectManual}, ResponseOpaqueRedirect, s.URL + "/r?hops=1", false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Transport{Origin: s.origin()}
			defer tr.CloseIdleConnections()
			resp, _, err := do(t, tr, "GET", tt.url, tt.o, nil, "")
			if err != nil {
				t.Fatal(err)
			}
			if got := TypeOf(resp); got != tt.wantType {
				t.Errorf("type %v, want %v", got, tt.wantType)
			}
			if got := URLOf(resp); got != tt.wantURL {
				t.Errorf("URLOf = %q, want %q", got, tt.wantURL)
			}
			if got := Redirected(resp); got != tt.wantRedirected {
				t.Errorf("Redirected = %v, want %v", got, tt.wantRedirected)
			}
			list := URLListOf(resp)
			if len(list) != tt.wantList {
				t.Fatalf("URLListOf = %v, want %d URLs", list, tt.wantList)
			}
			if len(list) > 0 {
				if got, _ := url.Parse(tt.url); list[0].String() != got.String() {
					t.Errorf("URLListOf[0] = %v, want %v", list[0], got)
				}
				list[0].Path = "/changed" // a copy: the response's list stays
				if URLListOf(resp)[0].Path == "/changed" {
					t.Error("URLListOf returned the response's own URL")
				}
			}
		})
	}
}

func TestResponseURLNotFromTransport(t *testing.T) {
	req, _ := http.NewRequest("GET", "http://a.example/", nil)
	for _, resp := range []*http.Response{nil, {}, {Request: req}} {
		if URLOf(resp) != "" || Redirected(resp) || URLListOf(resp) != nil {
			t.Errorf("%v: not empty", resp)
		}
	}
}

// https://url.spec.whatwg.org/#concept-url-serializer for what net/url writes otherwise.
func TestSerializeURL(t *testing.T) {
	for in, want := range map[string]string{
		"HTTP://A.Example":          "http://a.example/",
		"http://a.example:80/x":     "http://a.example/x",
		"https://a.example:443?q=1": "https://a.example/?q=1",
		"https://a.example:8443/#f": "https://a.example:8443/",
		"http://[::1]:80/":          "http://[::1]/",
		"http://[::1]:81/":          "http://[::1]:81/",
		"data:text/plain,hi#x":      "data:text/plain,hi",
		"about:blank":               "about:blank",
	} {
		u, err := url.Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := serializeURL(u, true); got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
}

package fetch

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// Transport.UserAgent is the user agent's default User-Agent, appended at
// the network layer (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch),
// so it never triggers a preflight; a page-set one is CORS-unsafe
// (#cors-unsafe-request-header-names), or dropped under Chromium's policy.
func TestUserAgent(t *testing.T) {
	s := newSite(t)
	const ua = "corsbot/1.0 (+https://bot.example)"
	tests := []struct {
		name          string
		method        string
		pageUA        string
		chromium      bool
		wantUA        string
		wantPreflight bool
	}{
		{"simple GET", "GET", "", false, ua, false},
		{"preflighted PUT: preflight and request", "PUT", "", false, ua, true},
		{"page-set under the spec: preflighted, the page's sent", "GET", "page/1", false, "page/1", true},
		{"page-set under Chromium: dropped, ours sent", "GET", "page/1", true, ua, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Transport{Origin: "https://app.example", UserAgent: ua}
			if tt.chromium {
				tr.Policy = cors.ChromiumPolicy()
			}
			defer tr.CloseIdleConnections()
			var hdr http.Header
			if tt.pageUA != "" {
				hdr = http.Header{"User-Agent": {tt.pageUA}}
			}
			n := len(s.requests())
			body := ""
			if tt.method == "PUT" {
				body = "x"
			}
			if _, _, err := do(t, tr, tt.method, s.URL+"/?acao=*&acam=PUT&acah=user-agent", Options{}, hdr, body); err != nil {
				t.Fatal(err)
			}
			reqs := s.requests()[n:]
			if pf := reqs[0].Method == "OPTIONS"; pf != tt.wantPreflight {
				t.Errorf("preflight %v, want %v", pf, tt.wantPreflight)
			}
			for _, r := range reqs {
				want := tt.wantUA
				if r.Method == "OPTIONS" {
					want = ua // a preflight carries no page header
				}
				if got := r.Header.Values("User-Agent"); len(got) != 1 || got[0] != want {
					t.Errorf("%s sent User-Agent %q, want %q", r.Method, got, want)
				}
			}
		})
	}
}

func TestUserAgentInvalid(t *testing.T) {
	tr := &Transport{Origin: "https://app.example", UserAgent: "bot\r\nX: y"}
	req, _ := http.NewRequest("GET", "https://api.example/", nil)
	var re *RequestError
	if _, err := tr.RoundTrip(req); !errors.As(err, &re) || re.Kind != InvalidHeaderValue {
		t.Errorf("err %v, want an InvalidHeaderValue RequestError", err)
	}
}

// A zero Transport says what is missing.
func TestZeroTransportSaysOriginIsEmpty(t *testing.T) {
	req, _ := http.NewRequest("GET", "https://api.example/", nil)
	_, err := (&Transport{}).RoundTrip(req)
	var re *RequestError
	if !errors.As(err, &re) || re.Kind != InvalidOrigin || !strings.Contains(err.Error(), "Transport.Origin and Options.Origin are both empty") {
		t.Errorf("err %v", err)
	}
}

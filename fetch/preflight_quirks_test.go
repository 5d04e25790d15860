package fetch

import (
	"net/http"
	"testing"
)

// cors.Policy.PreflightCarriesUserAgent (WebKit): the page's User-Agent
// goes on the preflight too. Chromium drops the page's value
// (UserAgentForbidden), so neither its preflight nor its request has it;
// the standard and Firefox send it on the request only.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func TestPreflightCarriesUserAgent(t *testing.T) {
	want := map[string][2]string{ // preflight, actual
		"spec":     {"", "page-agent"},
		"chromium": {"", ""},
		"firefox":  {"", "page-agent"},
		"webkit":   {"page-agent", "page-agent"},
	}
	for _, pr := range presets {
		base := routed(map[string]route{"api.test/r": {preflight: []string{"Access-Control-Allow-Headers: user-agent, x-a"}}})
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		if got := sendAll(t, tr, quirkCall{method: "GET", url: quirkAPI + "/r", header: hdr("User-Agent: page-agent", "X-A: 1")}); got[0] != "ok OK" {
			t.Fatalf("%s: %v", pr.name, got)
		}
		var got [2]string
		for _, r := range base.lastReqs() {
			if r.Method == http.MethodOptions {
				got[0] = r.Header.Get("User-Agent")
			} else {
				got[1] = r.Header.Get("User-Agent")
			}
		}
		if got != want[pr.name] {
			t.Errorf("%s: User-Agent on preflight, request = %q, want %q", pr.name, got, want[pr.name])
		}
	}
}

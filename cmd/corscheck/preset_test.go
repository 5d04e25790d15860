package main

import (
	"context"
	"testing"

	"github.com/corsfetch/corsfetch/corstest"
)

// -policy uses the whole preset (issue 9), not only the knobs that decide
// a preflight's verdict: Chromium names the disallowed header its own way
// (cors.Policy.DisallowedHeaderInBlinkOrder), Firefox preflights for a
// non-ASCII Accept (AcceptNonASCIIUnsafe), WebKit safelists "Bytes="
// (RangeUnitCaseInsensitive).
func TestPolicyIsTheWholePreset(t *testing.T) {
	onlyOrigin := func() *server {
		return &server{pre: map[string]string{"Access-Control-Allow-Origin": page}, actual: acao}
	}
	for _, tt := range []struct {
		policy  string
		header  map[string]string
		verdict string
		param   string
	}{
		{"spec", map[string]string{"X-Requested-With": "1", "Content-Type": "application/json"}, verdictBlocked, "content-type"},
		{"chromium", map[string]string{"X-Requested-With": "1", "Content-Type": "application/json"}, verdictBlocked, "x-requested-with"},
		{"spec", map[string]string{"Accept": "text/\xe9"}, verdictAllowed, ""},
		{"firefox", map[string]string{"Accept": "text/\xe9"}, verdictBlocked, "accept"},
		{"spec", map[string]string{"Range": "Bytes=0-1"}, verdictBlocked, "range"},
		{"webkit", map[string]string{"Range": "Bytes=0-1"}, verdictAllowed, ""},
	} {
		cfg := cfgFor(t, "GET", "https://api.example/x", tt.header, withPolicy(tt.policy))
		rep := check(context.Background(), cfg, &corstest.HandlerTransport{Handler: onlyOrigin()}, nil)
		param := ""
		if rep.Blocked != nil {
			param = rep.Blocked.FailedParameter
		}
		if rep.Verdict != tt.verdict || param != tt.param {
			t.Errorf("-policy %s %v: %s %q, want %s %q", tt.policy, tt.header, rep.Verdict, param, tt.verdict, tt.param)
		}
	}
}

package main

import (
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// -policy of the matrix subcommand is the whole preset too, the same value
// cors.ChromiumPolicy() (and so on) returns, every Transport knob included
// (issue 9); TestPolicyFlag checks the check subcommand's.
func TestMatrixPolicyIsTheWholePreset(t *testing.T) {
	for name, want := range map[string]cors.Policy{
		"spec": {}, "chromium": cors.ChromiumPolicy(), "firefox": cors.FirefoxPolicy(), "webkit": cors.WebKitPolicy(),
	} {
		cfg, err := parseMatrixArgs([]string{"https://api.example/x", "-origins", "https://a.example", "-policy", name})
		if err != nil {
			t.Fatalf("-policy %s: %v", name, err)
		}
		if cfg.Axes.Policy != want || cfg.PolicyName != name {
			t.Errorf("-policy %s: %+v, want %+v", name, cfg.Axes.Policy, want)
		}
	}
}

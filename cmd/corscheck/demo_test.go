package main

import (
	"regexp"
	"strings"
	"testing"
)

var elapsedRE = regexp.MustCompile(`in [0-9.]+[µm]?s\.`)

// The README's first command: no network, no setup, exit status 0, and the
// verdicts a browser gives for each configuration (issue 6).
func TestDemo(t *testing.T) {
	code, stdout, stderr := runCmd("demo")
	if code != 0 {
		t.Fatalf("exit status %d\n%s%s", code, stdout, stderr)
	}
	if stderr != "" {
		t.Errorf("stderr: %s", stderr)
	}
	if strings.Contains(stdout, "UNEXPECTED") {
		t.Errorf("unexpected verdicts:\n%s", stdout)
	}
	golden(t, "demo.txt", elapsedRE.ReplaceAllString(scrub(stdout), "in Xms."))
}

func TestDemoVerbose(t *testing.T) {
	code, stdout, _ := runCmd("demo", "-v")
	if code != 0 {
		t.Fatalf("exit status %d\n%s", code, stdout)
	}
	for _, want := range []string{
		"     | Preflight request",
		"     |   > OPTIONS http://127.0.0.1:",
		"     |   >   Access-Control-Request-Headers: authorization,content-type",
		"     |   <   Access-Control-Max-Age: 600",
		"     | Preflight: needed, answered from the preflight cache (no OPTIONS sent)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("verbose output lacks %q", want)
		}
	}
}

// Every scenario's expectations are checked: a wrong verdict makes the demo
// say so and exit 1.
func TestDemoMismatch(t *testing.T) {
	dr := &demoRequest{wantVerdict: verdictBlocked, wantReason: "MissingAllowOriginHeader"}
	if msg := demoMismatch(dr, &report{Verdict: verdictAllowed}); msg == "" {
		t.Error("allowed where blocked is expected: no mismatch reported")
	}
	if msg := demoMismatch(dr, &report{Verdict: verdictBlocked, Blocked: &blockInfo{Reason: "AllowOriginMismatch"}}); msg == "" {
		t.Error("wrong reason: no mismatch reported")
	}
	if msg := demoMismatch(dr, &report{Verdict: verdictBlocked, Blocked: &blockInfo{Reason: "MissingAllowOriginHeader"}, Preflight: preflightInfo{Sent: true}}); msg == "" {
		t.Error("unexpected preflight: no mismatch reported")
	}
	if msg := demoMismatch(dr, &report{Verdict: verdictBlocked, Blocked: &blockInfo{Reason: "MissingAllowOriginHeader"}}); msg != "" {
		t.Errorf("matching report: %s", msg)
	}
}

func TestDemoBadArgs(t *testing.T) {
	for _, args := range [][]string{{"demo", "extra"}, {"demo", "-x"}} {
		if code, _, stderr := runCmd(args...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
}

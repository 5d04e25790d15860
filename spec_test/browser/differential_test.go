package browser

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// outcome is everything the suite learnt about one scenario.
type outcome struct {
	Scenario  string
	Cite      string
	Chromium  []Observation
	Spec      []Observation // fetch.Transport with the zero cors.Policy (the standard)
	Diffs     []string      // Chromium vs Spec, "call N: field: ..."
	Allowance string        // the allow-list reason that covers Diffs, if any
}

// TestChromiumDifferential runs every scenario through headless Chromium and
// through fetch.Transport with the zero cors.Policy (the standard), and fails
// on any difference the allow-list does not name: the allow-list is the
// catalogue of Chromium's deviations from the standard. TestChromiumPreset
// then checks that cors.ChromiumPolicy() reproduces every one of them. Set CORSFETCH_DIFF_REPORT=file.json to keep every observation.
func TestChromiumDifferential(t *testing.T) {
	path := requireEngine(t, chromiumEngine)
	h := newHub(t)
	differentialHub = h
	c, err := startChromium(path, h.P+"/")
	if err != nil {
		t.Fatalf("Chromium at %s did not start: %v", path, err)
	}
	defer c.cancel()
	if err := c.setCookie(h.A+"/", cookieName, cookieValue); err != nil {
		t.Fatalf("Network.setCookie: %v", err)
	}

	scenarios := suiteScenarios(t)
	var report []outcome
	counts := map[string]int{}
	for _, sc := range scenarios {
		out := outcome{Scenario: sc.Name, Cite: sc.Cite}
		h.register("/c/"+sc.Name, sc)
		out.Chromium, err = c.run(h, "/c/"+sc.Name, sc)
		if err != nil {
			t.Fatalf("%v", err)
		}
		h.register("/t/"+sc.Name, sc)
		out.Spec = runTransport(h, "/t/"+sc.Name, sc, cors.Policy{})
		out.Diffs = diffCalls(out.Chromium, out.Spec)

		a := allowanceFor(sc, out.Chromium, out.Spec)
		t.Run(sc.Name, func(t *testing.T) {
			checkHarness(t, out.Chromium)
			switch {
			case a == nil && len(out.Diffs) > 0:
				counts["unexplained"]++
				t.Errorf("Chromium and fetch.Transport differ (%s):\n\t%s", sc.Cite, strings.Join(out.Diffs, "\n\t"))
			case a == nil:
				counts["same"]++
			case len(out.Diffs) == 0:
				counts["stale"]++
				t.Errorf("allow-listed difference %q did not occur: Chromium and the Transport now agree; remove the entry", a.reason)
			default:
				out.Allowance = a.reason
				counts["allowed"]++
				for _, d := range out.Diffs {
					if !slices.Contains(a.fields, fieldOf(strings.SplitN(d, ": ", 2)[1])) {
						t.Errorf("allowed difference %q covers %v, but this one is outside it:\n\t%s", a.reason, a.fields, d)
					}
				}
			}
			for i := range out.Chromium {
				if i < len(out.Spec) {
					checkConsole(t, sc.Name, i, out.Chromium[i], out.Spec[i])
				}
			}
		})
		report = append(report, out)
	}
	t.Logf("%d scenarios: %d identical, %d differ as allow-listed, %d unexplained, %d stale allowances",
		len(scenarios), counts["same"], counts["allowed"], counts["unexplained"], counts["stale"])
	if f := os.Getenv("CORSFETCH_DIFF_REPORT"); f != "" {
		b, _ := json.MarshalIndent(report, "", "  ")
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Errorf("writing the report: %v", err)
		}
	}
}

// diffCalls compares two runs call by call: the engine's and the
// Transport's.
func diffCalls(engine, transport []Observation) []string {
	var d []string
	if len(engine) != len(transport) {
		return []string{fmt.Sprintf("calls: engine=%d transport=%d", len(engine), len(transport))}
	}
	for i := range engine {
		for _, line := range engine[i].diff(transport[i]) {
			d = append(d, fmt.Sprintf("call %d: %s", i, line))
		}
		if transport[i].Outcome == "panic" || transport[i].Outcome == "error" && transport[i].Detail != "" && engine[i].Outcome != "error" {
			d = append(d, fmt.Sprintf("call %d: detail: transport says %s", i, transport[i].Detail))
		}
	}
	return d
}

// checkHarness fails when Chromium's record is self-contradictory, which
// would mean the harness lost an event rather than that a browser did
// something.
func checkHarness(t *testing.T, obs []Observation) {
	t.Helper()
	for i, o := range obs {
		if o.Outcome == "blocked" && o.Reason == "" {
			t.Errorf("harness: call %d blocked with no reason", i)
		}
		if o.Outcome == "blocked" && o.Console == "" {
			t.Errorf("harness: call %d blocked (%s) but no console line was captured", i, o.Reason)
		}
	}
}

// checkConsole compares Chromium's console line with cors.Error.ConsoleMessage.
func checkConsole(t *testing.T, scenario string, i int, chromium, transport Observation) {
	t.Helper()
	if chromium.Console == transport.Console || chromium.Reason != transport.Reason {
		return // equal, or already reported as a reason difference
	}
	if transport.Console == "" {
		t.Logf("call %d: Chromium printed %q; the Transport's error carries no *cors.Error, so no console line to compare", i, chromium.Console)
		return
	}
	if known, ok := consoleAllowance[scenario]; ok {
		t.Logf("call %d: console line differs as known (%s)", i, known)
		return
	}
	t.Errorf("call %d: console line differs from cors.Error.ConsoleMessage() %s", i, whereDiffer(chromium.Console, transport.Console))
}

// whereDiffer shows two strings and the first byte where they part.
func whereDiffer(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return fmt.Sprintf("at byte %d:\n\tchromium:  %q\n\ttransport: %q\n\tchromium rest:  %q\n\ttransport rest: %q", n, a, b, a[n:], b[n:])
}

// checkNames fails on duplicate or non-URL-safe scenario names.
func checkNames(t *testing.T, scs []*Scenario) {
	seen := map[string]bool{}
	for _, sc := range scs {
		if seen[sc.Name] || strings.Trim(sc.Name, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
			t.Fatalf("bad or duplicate scenario name %q", sc.Name)
		}
		seen[sc.Name] = true
	}
}

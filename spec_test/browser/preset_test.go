package browser

import (
	"slices"
	"strings"
	"testing"
)

// presetDifferential runs every scenario in the real engine and through a
// fresh fetch.Transport with the engine's preset (cors.ChromiumPolicy() for
// Chromium, and so on), and fails on any difference: under a preset there
// is no allow-list. The only scenarios not compared are the engine's
// beforeFetch entries, and an entry that no longer differs fails too.
func presetDifferential(t *testing.T, e engineSpec) {
	h, eng := startEngine(t, e)

	scenarios := suiteScenarios(t)
	counts := map[string]int{}
	engine := make([][]Observation, len(scenarios)) // what the engine did, as compared; nil where the preset differs
	for i, sc := range scenarios {
		got, err := eng.run(h, "/e/"+sc.Name, withPrefix(h, "/e/", sc))
		if err != nil {
			t.Fatalf("%v", err)
		}
		want := runTransport(h, "/g/"+sc.Name, withPrefix(h, "/g/", sc), e.preset())
		if !e.reportsReasons {
			got, want = networkErrorsOnly(got), networkErrorsOnly(want)
		}
		diffs := diffCalls(got, want)
		if len(diffs) == 0 {
			engine[i] = got // only where the whole preset agrees can a knob show
		}
		why, listed := e.beforeFetch[sc.Name]
		t.Run(sc.Name, func(t *testing.T) {
			if e.reportsReasons {
				checkHarness(t, got)
			}
			switch {
			case listed && len(diffs) == 0:
				counts["stale"]++
				t.Errorf("%s and its preset now agree, but the scenario is listed as not comparable (%s): remove the entry", e.name, why)
			case listed:
				counts["before-fetch"]++
				t.Logf("not compared: %s", why)
			case len(diffs) > 0:
				counts["differ"]++
				t.Errorf("%s and fetch.Transport with its preset differ (%s):\n\t%s", e.name, sc.Cite, strings.Join(diffs, "\n\t"))
			default:
				counts["same"]++
			}
			if e.reportsReasons && !listed {
				for i := range got {
					if i < len(want) {
						checkConsole(t, sc.Name, i, got[i], want[i])
					}
				}
			}
		})
	}
	t.Logf("%s preset: %d scenarios: %d identical, %d differ, %d not comparable (before fetch), %d stale entries",
		e.name, len(scenarios), counts["same"], counts["differ"], counts["before-fetch"], counts["stale"])
	checkKnobsObserved(t, e, h, scenarios, engine)
}

// withPrefix registers sc under prefix+sc.Name and returns it.
func withPrefix(h *hub, prefix string, sc *Scenario) *Scenario {
	h.register(prefix+sc.Name, sc)
	return sc
}

// networkErrorsOnly is obs as a page sees it in an engine that does not say
// why it blocked a request: a CORS failure and any other network error are
// the same TypeError.
func networkErrorsOnly(obs []Observation) []Observation {
	out := slices.Clone(obs)
	for i := range out {
		if out[i].Outcome == "blocked" {
			out[i].Outcome = "error"
		}
		out[i].Reason, out[i].FailedParameter, out[i].Console = "", "", ""
	}
	return out
}

// TestChromiumPreset checks cors.ChromiumPolicy() against Chromium.
func TestChromiumPreset(t *testing.T) { presetDifferential(t, chromiumEngine) }

// TestFirefoxPreset checks cors.FirefoxPolicy() against Firefox ESR.
func TestFirefoxPreset(t *testing.T) { presetDifferential(t, firefoxEngine) }

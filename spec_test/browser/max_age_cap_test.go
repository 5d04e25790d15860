package browser

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// maxWaitableCap is the longest Access-Control-Max-Age cap TestMaxAgeCaps
// waits out: WebKit's 600 s. Chromium's 7200 s is the zero Policy's cap
// already, and Firefox's 86400 s is a day; both are read from their
// sources and unit-tested in fetch/cors.
const maxWaitableCap = 15 * time.Minute

// TestMaxAgeCaps checks, for each engine whose preset caps
// Access-Control-Max-Age at maxWaitableCap or less, that the engine and the
// Transport with its preset both reuse a preflight granted for a day
// 10 s before the cap and not 5 s after it, and that without the cap the
// Transport would differ: the one knob the scenarios of presetDifferential
// cannot show. It waits out the cap, so it runs only under CI=true or with
// CORSFETCH_SLOW=1, in parallel with nothing else of the suite's.
// See https://fetch.spec.whatwg.org/#http-access-control-max-age.
func TestMaxAgeCaps(t *testing.T) {
	if os.Getenv("CI") != "true" && os.Getenv("CORSFETCH_SLOW") == "" {
		t.Skip("waits out WebKit's 600 s max-age cap: runs under CI=true or CORSFETCH_SLOW=1")
	}
	for _, e := range []engineSpec{chromiumEngine, firefoxEngine, webkitEngine} {
		limit := e.preset().MaxAgeCap
		if limit == 0 || limit > maxWaitableCap {
			t.Logf("%s: cap %v not waited out (longer than %v)", e.name, limit, maxWaitableCap)
			continue
		}
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			checkMaxAgeCap(t, e, limit)
		})
	}
}

func checkMaxAgeCap(t *testing.T, e engineSpec, limit time.Duration) {
	h, eng := startEngine(t, e)

	put := Call{Method: "PUT", Body: "x"}
	before, after := put, put
	before.SleepBefore = int((limit - 10*time.Second) / time.Millisecond)
	after.SleepBefore = int(15 * time.Second / time.Millisecond)
	sc := one("max-age-cap-"+e.name, fetchSpec+"#http-access-control-max-age",
		grant("Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 86400"), allowP, put, before, after)

	uncapped := e.preset()
	uncapped.MaxAgeCap = 0
	var preset, without []Observation
	var wg sync.WaitGroup
	wg.Go(func() { preset = runTransport(h, "/g/"+sc.Name, withPrefix(h, "/g/", sc), e.preset()) })
	wg.Go(func() { without = runTransport(h, "/u/"+sc.Name, withPrefix(h, "/u/", sc), uncapped) })
	got, err := eng.run(h, "/e/"+sc.Name, withPrefix(h, "/e/", sc))
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if !e.reportsReasons {
		got, preset, without = networkErrorsOnly(got), networkErrorsOnly(preset), networkErrorsOnly(without)
	}
	if d := diffCalls(got, preset); len(d) > 0 {
		t.Errorf("%s and its preset (cap %v) differ:\n\t%s", e.name, limit, strings.Join(d, "\n\t"))
	}
	if len(diffCalls(got, without)) == 0 {
		t.Errorf("%s: the preset without its %v cap agrees with the engine too: the scenario does not show the cap", e.name, limit)
	}
	if n := preflightsPerCall(got); !slices.Equal(n, []int{1, 0, 1}) {
		t.Errorf("%s: preflights per call %v, want [1 0 1]: reused before the %v cap, not after", e.name, n, limit)
	}
}

// preflightsPerCall counts the OPTIONS requests each call made.
func preflightsPerCall(obs []Observation) []int {
	n := make([]int, len(obs))
	for i, o := range obs {
		for _, s := range o.Seen {
			if strings.Contains(s, " OPTIONS ") {
				n[i]++
			}
		}
	}
	return n
}

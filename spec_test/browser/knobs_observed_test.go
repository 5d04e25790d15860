package browser

import (
	"reflect"
	"sync"
	"testing"
)

// unobservableKnobs are the preset fields no scenario can show in one run,
// with the reason. Nothing else may be listed.
var unobservableKnobs = map[string]string{
	"MaxAgeCap": "the caps (600 s and more) would need a scenario to wait longer than CI allows; each cap is read from the engine's source and unit-tested in fetch/cors",
}

// checkKnobsObserved turns off, one at a time, each field the engine's
// preset sets, runs every scenario through the Transport with what is left,
// and fails if no scenario then differs from what the engine did (engine,
// by scenario, as presetDifferential observed it; nil where the whole
// preset differs already, which proves nothing about one knob): a knob the
// engine does not show is a knob the preset cannot claim.
func checkKnobsObserved(t *testing.T, e engineSpec, h *hub, scenarios []*Scenario, engine [][]Observation) {
	preset := e.preset()
	v := reflect.ValueOf(preset)
	var knobs, skipped []string
	for i := range v.NumField() {
		name := v.Type().Field(i).Name
		switch {
		case v.Field(i).IsZero():
		case unobservableKnobs[name] != "":
			skipped = append(skipped, name)
		default:
			knobs = append(knobs, name)
		}
	}
	shown := make([]string, len(knobs)) // the first scenario that shows each knob
	var wg sync.WaitGroup
	for k, name := range knobs {
		p := preset
		reflect.ValueOf(&p).Elem().FieldByName(name).SetZero()
		wg.Go(func() {
			for i, sc := range scenarios {
				want := engine[i]
				if want == nil {
					continue // the whole preset differs here already
				}
				prefix := "/k-" + name + "/"
				got := runTransport(h, prefix+sc.Name, withPrefix(h, prefix, sc), p)
				if !e.reportsReasons {
					got = networkErrorsOnly(got)
				}
				if _, listed := e.beforeFetch[sc.Name]; !listed && len(diffCalls(want, got)) > 0 {
					shown[k] = sc.Name
					return
				}
			}
		})
	}
	wg.Wait()
	for k, name := range knobs {
		if shown[k] == "" {
			t.Errorf("%s preset: with %s off every scenario still agrees with %s: no scenario shows the knob", e.name, name, e.name)
		} else {
			t.Logf("%s preset: %s is shown by %s", e.name, name, shown[k])
		}
	}
	t.Logf("%s preset: %d knobs turned off one at a time (not checked, unobservable: %v)", e.name, len(knobs), skipped)
}

package browser

import (
	"os"
	"strings"
	"testing"
)

func probeScenarios() []*Scenario {
	put := Call{URL: "{A}{S}/r", Method: "PUT", Body: "x"}
	mk := func(name string, pre, act Reply) *Scenario {
		return &Scenario{Name: name, Cite: "probe", Routes: map[string]Route{
			"r":  hop(grant("Access-Control-Allow-Methods: PUT"), 307, "{P}{S}/r2"),
			"r2": {Preflight: pre, Actual: act}},
			Calls: []Call{put}}
	}
	return []*Scenario{
		mk("p-pre500", Reply{Status: 500, Header: h(acaoStar, "Access-Control-Allow-Methods: PUT")}, Reply{Header: h(acaoStar)}),
		mk("p-pre-wrong-acao", Reply{Header: h("Access-Control-Allow-Origin: http://x.test", "Access-Control-Allow-Methods: PUT")}, Reply{Header: h(acaoStar)}),
		mk("p-pre-acao-only", Reply{Header: h(acaoStar)}, Reply{Header: h(acaoStar)}),
		mk("p-pre-empty-act-noacao", Reply{}, Reply{}),
		mk("p-pre-ok-act-noacao", Reply{Header: h(acaoStar, "Access-Control-Allow-Methods: PUT")}, Reply{}),
		mk("p-pre-ok-act-acaoP", Reply{Header: h(acaoStar, "Access-Control-Allow-Methods: PUT")}, Reply{Header: h(acaoP)}),
		mk("p-pre-empty-act-acaoP", Reply{}, Reply{Header: h(acaoP)}),
		mk("p-pre-ok-nullacao", Reply{Header: h("Access-Control-Allow-Origin: null", "Access-Control-Allow-Methods: PUT")}, Reply{Header: h(acaoStar)}),
	}
}

func TestProbeTmp(t *testing.T) {
	e := map[string]engineSpec{"firefox": firefoxEngine, "webkit": webkitEngine, "chromium": chromiumEngine}[os.Getenv("PROBE")]
	h, eng := startEngine(t, e)
	for _, sc := range probeScenarios() {
		got, err := eng.run(h, "/e/"+sc.Name, withPrefix(h, "/e/", sc))
		if err != nil {
			t.Fatal(err)
		}
		want := runTransport(h, "/g/"+sc.Name, withPrefix(h, "/g/", sc), e.preset())
		got, want = networkErrorsOnly(got), networkErrorsOnly(want)
		t.Logf("%s: engine %s %v | preset %s %v\n\tdiff: %s", sc.Name, got[0].Outcome, got[0].Seen, want[0].Outcome, want[0].Seen, strings.Join(diffCalls(got, want), "\n\t"))
	}
}

package browser

import (
	"strings"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// differentialHub is the hub TestChromiumDifferential runs on, for the
// allowances that run a generated sequence through the Transport again.
var differentialHub *hub

// chromiumPreflightCache sets the knobs of Chromium's preflight-cache
// deviations the allow-list documents one by one (PreflightCacheReplace,
// PreflightCacheKeptOnActualFailure, PreflightTakesCacheMode,
// NoCacheSkipsPreflightCache, NoStorePreflightNotStored,
// ConditionalRequestNoCache).
func chromiumPreflightCache(p *cors.Policy) {
	p.PreflightCacheReplace = true
	p.PreflightCacheKeptOnActualFailure = true
	p.PreflightTakesCacheMode = true
	p.NoCacheSkipsPreflightCache = true
	p.NoStorePreflightNotStored = true
	p.ConditionalRequestNoCache = true
}

// sequenceExplainedBy matches a generated sequence (rndseq-*, which a
// several-call mix makes show more than one documented deviation at once)
// that differs from the standard, when the Transport under the zero Policy
// with only set's knobs turned on does exactly what Chromium did: the
// difference is then those documented deviations and nothing else.
func sequenceExplainedBy(set func(*cors.Policy)) func(*Scenario, []Observation, []Observation) bool {
	return func(sc *Scenario, chromium, spec []Observation) bool {
		if !strings.HasPrefix(sc.Name, "rndseq-") || differentialHub == nil || len(diffCalls(chromium, spec)) == 0 {
			return false
		}
		var p cors.Policy
		set(&p)
		prefix := "/k/" + sc.Name
		got := runTransport(differentialHub, prefix, withPrefix(differentialHub, "/k/", sc), p)
		return len(diffCalls(chromium, got)) == 0
	}
}

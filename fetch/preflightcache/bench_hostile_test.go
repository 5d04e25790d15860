package preflightcache

import (
	"strconv"
	"testing"
	"time"
)

// BenchmarkStoreHostile stores over a held key a preflight result whose
// Access-Control-Allow-Headers listed 1 000 000 distinct names (about
// 9 MB), against a 10-name result as the baseline and a result of
// MaxNamesPerKey names (a full key), one goroutine each: Store reads at
// most MaxNamesPerKey names of each list, so the hostile Store costs what
// a full key costs (issue 10, defect 7).
// Run with: go test -run '^$' -bench StoreHostile -benchmem -count 6 ./fetch/preflightcache/
func BenchmarkStoreHostile(b *testing.B) {
	for _, n := range []int{10, DefaultMaxNamesPerKey, 1_000_000} {
		names := make([]string, n)
		for i := range names {
			names[i] = "x-h" + strconv.Itoa(i)
		}
		r := result(false, time.Hour, []string{"PUT"}, names)
		b.Run("names="+strconv.Itoa(n), func(b *testing.B) {
			c := New(nil)
			k := keyN(0)
			c.Store(k, r)
			b.ReportAllocs()
			for b.Loop() {
				c.Store(k, r)
			}
		})
	}
}

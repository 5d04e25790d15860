package preflightcache

import (
	"runtime"
	"strconv"
	"testing"
	"time"
)

// A hostile preflight result of 100 000 header names must cost a Store what
// a full key costs: the bytes it allocates are bounded by MaxNamesPerKey,
// not by the result's size (issue 10, defect 7). Before the bound, storing
// over an existing key allocated an entry slot per name (about 4 MB here)
// and compared each name with every stored one while holding the lock.
func TestHostileStoreIsBounded(t *testing.T) {
	c, _ := newFake(Options{})
	k := keyN(0)
	names := make([]string, 100_000)
	for i := range names {
		names[i] = "x-h" + strconv.Itoa(i)
	}
	r := result(false, time.Hour, []string{"PUT"}, names)
	c.Store(k, r) // the key exists from here on
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c.Store(k, r)
	runtime.ReadMemStats(&after)
	if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(256<<10); got > limit {
		t.Errorf("a Store of %d names allocated %d bytes, want at most %d", len(names), got, limit)
	}
	if !c.MatchHeader(k, false, names[0]) || c.MatchHeader(k, false, names[len(names)-1]) {
		t.Error("want the first names cached and the names past the per-key bound skipped")
	}
}

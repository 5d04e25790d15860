package preflightcache

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestBoundDefaultsToChromium(t *testing.T) {
	var c Cache // the zero value
	for i := range DefaultMaxEntries + 100 {
		c.Store(keyN(i), result(false, time.Hour, []string{"PUT"}, nil))
	}
	if got := c.Len(); got != DefaultMaxEntries {
		t.Errorf("zero-value cache holds %d keys after %d stores, want the bound %d", got, DefaultMaxEntries+100, DefaultMaxEntries)
	}
	if st := c.Stats(); st.Evictions != 100 || st.Expirations != 0 {
		t.Errorf("Stats = %+v, want 100 evictions and no expirations", st)
	}
	if msg := checkInvariants(&c); msg != "" {
		t.Error(msg)
	}
}

func TestBoundConfigurable(t *testing.T) {
	for _, max := range []int{1, 2, 7, 64} {
		c, _ := newFake(Options{MaxEntries: max})
		for i := range 3 * max {
			c.Store(keyN(i), result(false, time.Hour, []string{"PUT"}, nil))
			if c.Len() > max {
				t.Fatalf("MaxEntries %d: %d keys held", max, c.Len())
			}
		}
		if c.Len() != max {
			t.Errorf("MaxEntries %d: %d keys held, want %d", max, c.Len(), max)
		}
		// The newest key is always held.
		if !c.MatchMethod(keyN(3*max-1), false, "PUT") {
			t.Errorf("MaxEntries %d: the key just stored was evicted", max)
		}
		if msg := checkInvariants(c); msg != "" {
			t.Error(msg)
		}
	}
}

// CLOCK gives a key that was hit since the hand last passed a second chance,
// so a hot key survives a stream of one-shot keys.
func TestEvictionSparesHotKeys(t *testing.T) {
	c, _ := newFake(Options{MaxEntries: 16})
	hot := keyN(-1)
	c.Store(hot, result(false, time.Hour, []string{"PUT"}, nil))
	for i := range 10000 {
		if !c.Covers(hot, false, "PUT", true, nil) {
			t.Fatalf("hot key evicted after %d one-shot keys", i)
		}
		c.Store(keyN(i), result(false, time.Hour, []string{"PUT"}, nil))
	}
	if st := c.Stats(); st.Evictions != 10000-15 {
		t.Errorf("Evictions = %d, want %d", st.Evictions, 10000-15)
	}
}

// Keys whose entries have all expired leave before live keys are evicted,
// and leave even when the cache is not full.
func TestExpiredKeysAreDropped(t *testing.T) {
	c, clk := newFake(Options{MaxEntries: 8})
	for i := range 8 {
		c.Store(keyN(i), result(false, time.Duration(i+1)*time.Second, []string{"PUT"}, nil))
	}
	clk.Advance(4 * time.Second) // keys 0..3 expired
	for i := 8; i < 12; i++ {
		c.Store(keyN(i), result(false, time.Hour, []string{"PUT"}, nil))
	}
	st := c.Stats()
	if st.Evictions != 0 || st.Expirations != 4 || st.Keys != 8 {
		t.Errorf("Stats = %+v, want 4 expirations, no evictions, 8 keys", st)
	}
	for i := 4; i < 12; i++ {
		if !c.MatchMethod(keyN(i), false, "PUT") {
			t.Errorf("live key %d dropped", i)
		}
	}
	// Below the bound, each Store still sweeps two keys.
	clk.Advance(time.Hour)
	for i := 0; c.Len() > 1 && i < 100; i++ {
		c.Store(keyN(100), result(false, time.Hour, []string{"PUT"}, nil))
	}
	if c.Len() != 1 {
		t.Errorf("%d keys held after the sweep, want only the live one", c.Len())
	}
	if msg := checkInvariants(c); msg != "" {
		t.Error(msg)
	}
}

func TestNamesPerKeyBounded(t *testing.T) {
	c, _ := newFake(Options{MaxNamesPerKey: 4})
	k := keyN(0)
	c.Store(k, result(false, time.Hour, []string{"A", "B", "C"}, []string{"x-1", "x-2", "x-3"}))
	var n int
	for _, m := range []string{"A", "B", "C"} {
		if c.MatchMethod(k, false, m) {
			n++
		}
	}
	for _, h := range []string{"x-1", "x-2", "x-3"} {
		if c.MatchHeader(k, false, h) {
			n++
		}
	}
	if n != 4 {
		t.Errorf("%d names cached, want MaxNamesPerKey = 4", n)
	}
	long := strings.Repeat("x", maxNameLength+1)
	c.Store(keyN(1), result(false, time.Hour, []string{long}, []string{long, ""}))
	if c.MatchMethod(keyN(1), false, long) || c.MatchHeader(keyN(1), false, long) || c.Len() != 1 {
		t.Errorf("a name longer than %d bytes or an empty name was cached", maxNameLength)
	}
}

func TestMaxURLLength(t *testing.T) {
	for _, tc := range []struct {
		max, urlLen int
		cached      bool
	}{
		{0, 1023, true}, {0, 1024, false},
		{10, 9, true}, {10, 10, false},
		{-1, 100000, true},
	} {
		c, _ := newFake(Options{MaxURLLength: tc.max})
		k := Key{Origin: "https://a.example", URL: strings.Repeat("u", tc.urlLen)}
		c.Store(k, result(false, time.Hour, []string{"PUT"}, nil))
		if got := c.MatchMethod(k, false, "PUT"); got != tc.cached {
			t.Errorf("MaxURLLength %d, URL of %d bytes: cached = %v, want %v", tc.max, tc.urlLen, got, tc.cached)
		}
	}
}

// heapInUse returns the live heap after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// A stream of one million distinct URLs leaves memory bounded by the key
// count: the live heap after it is close to that of a cache filled once.
func TestMemoryBoundedUnderURLStream(t *testing.T) {
	n := 1_000_000
	if raceEnabled || testing.Short() {
		n = 100_000
	}
	hs := []string{"content-type", "x-requested-with"}
	before := heapInUse()
	c, _ := newFake(Options{})
	for i := range DefaultMaxEntries {
		c.Store(keyN(i), result(false, time.Hour, []string{"PUT"}, hs))
	}
	full := heapInUse()
	perKey := float64(full-before) / DefaultMaxEntries
	for i := DefaultMaxEntries; i < n; i++ {
		c.Store(keyN(i), result(false, time.Hour, []string{"PUT"}, hs))
	}
	after := heapInUse()
	t.Logf("%d keys: %.0f bytes/key (URL ~%d bytes, 1 method, 2 headers); after %d distinct URLs the heap grew %d bytes",
		DefaultMaxEntries, perKey, len(keyN(n).URL), n, int64(after)-int64(full))
	if c.Len() != DefaultMaxEntries {
		t.Errorf("%d keys held, want %d", c.Len(), DefaultMaxEntries)
	}
	// Measured: 287 bytes (288 under -race); the bound leaves room for
	// allocator size classes, not for another per-key structure.
	if perKey > 400 {
		t.Errorf("%.0f bytes per key, want at most 400", perKey)
	}
	if grown := int64(after) - int64(full); grown > int64(full-before)/4 {
		t.Errorf("heap grew %d bytes over a stream of %d URLs, more than a quarter of a full cache (%d bytes)", grown, n, full-before)
	}
	runtime.KeepAlive(c)
}

// The URL length limit also bounds the origin and the partition, so no
// field of a Key can make one key hold unbounded memory.
func TestLongOriginOrPartitionNotCached(t *testing.T) {
	long := "https://" + strings.Repeat("a", DefaultMaxURLLength) + ".example"
	for _, tc := range []struct {
		name string
		max  int
		k    Key
		want bool
	}{
		{"long origin", 0, Key{Origin: long, URL: "https://b.example/"}, false},
		{"long partition", 0, Key{Partition: long, Origin: "https://a.example", URL: "https://b.example/"}, false},
		{"origin one byte under the limit", 0, Key{Origin: long[:DefaultMaxURLLength-1], URL: "https://b.example/"}, true},
		{"a small URL limit leaves the origin's at the default", 10, Key{Origin: long[:DefaultMaxURLLength-1], URL: "https://b"}, true},
		{"a large URL limit raises the origin's", 4096, Key{Partition: long, Origin: long, URL: "https://b.example/"}, true},
		{"no limit", -1, Key{Partition: long, Origin: long, URL: long}, true},
	} {
		c, _ := newFake(Options{MaxURLLength: tc.max})
		c.Store(tc.k, result(false, time.Hour, []string{"PUT"}, nil))
		if got := c.MatchMethod(tc.k, false, "PUT"); got != tc.want {
			t.Errorf("%s: cached = %v, want %v", tc.name, got, tc.want)
		}
	}
}

package preflightcache

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// heldByFormula is what MaxBytes counts for a key k holding the names ns.
func heldByFormula(k Key, ns ...string) int {
	n := len(k.Partition) + len(k.Origin) + len(k.URL) + keyOverhead
	for _, s := range ns {
		n += len(s) + entryOverhead
	}
	return n
}

// A server that fills every key it can with the longest names it may
// (issue 10, defect 7: a default cache held about 77 MiB of them) meets
// the byte bound: the count never passes DefaultMaxBytes, keys are
// evicted to stay under it, and each new key is still stored.
func TestMaxBytesBoundsHostileKeys(t *testing.T) {
	c, _ := newFake(Options{})
	names := make([]string, DefaultMaxNamesPerKey)
	for i := range names {
		s := strconv.Itoa(i)
		names[i] = "x-" + s + strings.Repeat("h", maxNameLength-2-len(s))
	}
	r := result(false, time.Hour, nil, names)
	perKey := heldByFormula(keyN(0), names...) // keyN's URLs differ in length by a few bytes
	for i := range 200 {
		c.Store(keyN(i), r)
		if !c.MatchHeader(keyN(i), false, names[len(names)-1]) {
			t.Fatalf("key %d not stored", i)
		}
		if msg := checkInvariants(c); msg != "" {
			t.Fatal(msg)
		}
	}
	st := c.Stats()
	if st.Bytes > DefaultMaxBytes || st.Bytes < DefaultMaxBytes-2*perKey {
		t.Errorf("cache holds %d bytes, want at most DefaultMaxBytes = %d and within two keys (%d bytes each) of it", st.Bytes, DefaultMaxBytes, perKey)
	}
	if want := DefaultMaxBytes / perKey; st.Keys > want || st.Keys < want-2 || st.Evictions != uint64(200-st.Keys) {
		t.Errorf("Stats = %+v, want about %d keys and the rest evicted", st, want)
	}
}

// MaxBytes counts names, methods and keys exactly, and evicts other keys
// (never the one being stored) to make room.
func TestMaxBytesCountsAndEvicts(t *testing.T) {
	a, b, d := keyN(1), keyN(2), keyN(3)
	limit := heldByFormula(a, "PUT", "x-a") + heldByFormula(b, "PUT", "x-a")
	c, _ := newFake(Options{MaxBytes: limit})
	c.Store(a, result(false, time.Hour, []string{"PUT"}, []string{"x-a"}))
	c.Store(b, result(false, time.Hour, []string{"PUT"}, []string{"x-a", "X-A"}))
	if st := c.Stats(); st.Bytes != limit || st.Keys != 2 || st.Evictions != 0 {
		t.Fatalf("Stats = %+v, want exactly %d bytes in 2 keys", st, limit)
	}
	// Growing b by one entry must evict a, not b.
	c.Store(b, result(false, time.Hour, []string{"DELETE"}, nil))
	if !c.MatchMethod(b, false, "DELETE") || !c.MatchMethod(b, false, "PUT") || c.MatchMethod(a, false, "PUT") {
		t.Error("want b grown and a evicted")
	}
	if st, want := c.Stats(), heldByFormula(b, "PUT", "x-a", "DELETE"); st.Bytes != want || st.Evictions != 1 {
		t.Errorf("Stats = %+v, want %d bytes and 1 eviction", st, want)
	}
	// A key too big for the bound on its own is not stored, and loses what
	// it held; the cache goes on working.
	big := []string{"x-" + strings.Repeat("a", maxNameLength-2), "x-" + strings.Repeat("b", maxNameLength-2), "x-" + strings.Repeat("c", maxNameLength-2)}
	if heldByFormula(b, big...) <= limit {
		t.Fatal("test bug: the big result fits")
	}
	c.Store(b, result(false, time.Hour, nil, big))
	if c.MatchMethod(b, false, "PUT") || c.MatchHeader(b, false, big[0]) {
		t.Error("want b dropped")
	}
	if st := c.Stats(); st.Bytes != 0 || st.Keys != 0 {
		t.Errorf("Stats = %+v, want an empty cache", st)
	}
	c.Store(d, result(false, time.Hour, []string{"PUT"}, nil))
	if st, want := c.Stats(), heldByFormula(d, "PUT"); !c.MatchMethod(d, false, "PUT") || st.Bytes != want || st.Keys != 1 {
		t.Errorf("Stats = %+v, want d stored in %d bytes", st, want)
	}
	c.Clear(d)
	if st := c.Stats(); st.Bytes != 0 {
		t.Errorf("empty cache counts %d bytes", st.Bytes)
	}
	if msg := checkInvariants(c); msg != "" {
		t.Error(msg)
	}
}

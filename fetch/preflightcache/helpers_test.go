package preflightcache

import (
	"fmt"
	"sync/atomic"
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// fakeClock is an injectable clock that moves only when told to.
type fakeClock struct{ ns atomic.Int64 }

var epoch = time.Date(2026, 7, 2, 12, 0, 0, 0, time.UTC)

func (f *fakeClock) Now() time.Time          { return epoch.Add(time.Duration(f.ns.Load())) }
func (f *fakeClock) Advance(d time.Duration) { f.ns.Add(int64(d)) }

func newFake(o Options) (*Cache, *fakeClock) {
	clk := &fakeClock{}
	o.Now = clk.Now
	return New(&o), clk
}

func result(cred bool, maxAge time.Duration, methods, headers []string) *cors.PreflightResult {
	return &cors.PreflightResult{Methods: methods, Headers: headers, MaxAge: maxAge, Credentials: cred}
}

func keyN(i int) Key {
	return Key{Partition: "https://top.example", Origin: "https://app.example", URL: fmt.Sprintf("https://api.example/items/%d", i)}
}

// checkInvariants reports the first broken internal invariant of c, or "".
func checkInvariants(c *Cache) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.ring) > c.maxKeyCount() {
		return fmt.Sprintf("%d keys held, bound %d", len(c.ring), c.maxKeyCount())
	}
	x := c.idx.Load()
	if x == nil {
		if len(c.ring) != 0 {
			return "ring without an index"
		}
		return ""
	}
	if n := len(x.buckets); n&(n-1) != 0 || n > max(minBuckets, 2*c.maxKeyCount()) {
		return fmt.Sprintf("%d buckets for a bound of %d keys", n, c.maxKeyCount())
	}
	inMap := 0
	var bad string
	x.each(func(b int, n *node) bool {
		inMap++
		sl := n.sl
		if n.hash != x.hash(sl.key) || int(n.hash&uint64(len(x.buckets)-1)) != b {
			bad = fmt.Sprintf("slot %v in bucket %d under a wrong hash", sl.key, b)
			return false
		}
		if x.lookup(sl.key) != sl {
			bad = fmt.Sprintf("slot %v not found by lookup", sl.key)
			return false
		}
		if sl.idx < 0 || int(sl.idx) >= len(c.ring) || c.ring[sl.idx] != sl {
			bad = fmt.Sprintf("slot %v has idx %d not pointing back at it", sl.key, sl.idx)
			return false
		}
		s := sl.st.Load()
		if s == nil || s.size() == 0 {
			bad = fmt.Sprintf("slot %v held with no entries", sl.key)
			return false
		}
		if s.size() > c.maxNameCount() {
			bad = fmt.Sprintf("slot %v holds %d entries, bound %d", sl.key, s.size(), c.maxNameCount())
			return false
		}
		return true
	})
	if bad != "" {
		return bad
	}
	if inMap != len(c.ring) {
		return fmt.Sprintf("index holds %d keys, ring %d", inMap, len(c.ring))
	}
	sum := 0
	for _, sl := range c.ring {
		s := sl.st.Load()
		sum += len(sl.key.Partition) + len(sl.key.Origin) + len(sl.key.URL) + keyOverhead
		for _, es := range [2][]entry{s.methods, s.headers} {
			for _, e := range es {
				sum += len(e.name) + entryOverhead
			}
		}
		if s.bytes != stateBytes(append(append([]entry(nil), s.methods...), s.headers...)) {
			return fmt.Sprintf("slot %v counts %d bytes of entries, wrongly", sl.key, s.bytes)
		}
	}
	if sum != c.bytes || c.bytes > c.maxByteCount() {
		return fmt.Sprintf("cache counts %d bytes, holds %d, bound %d", c.bytes, sum, c.maxByteCount())
	}
	return ""
}

// each calls f for every node of x, bucket by bucket, until f returns false.
func (x *index) each(f func(bucket int, n *node) bool) {
	for b := range x.buckets {
		for n := x.buckets[b].Load(); n != nil; n = n.next {
			if !f(b, n) {
				return
			}
		}
	}
}

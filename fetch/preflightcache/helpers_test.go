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
	inMap := 0
	var bad string
	m := c.m.Load()
	if m == nil {
		if len(c.ring) != 0 {
			return "ring without a map"
		}
		return ""
	}
	m.Range(func(k, v any) bool {
		inMap++
		sl := v.(*slot)
		if sl.key != k.(Key) {
			bad = fmt.Sprintf("slot key %v under map key %v", sl.key, k)
			return false
		}
		if sl.idx < 0 || sl.idx >= len(c.ring) || c.ring[sl.idx] != sl {
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
		return fmt.Sprintf("map holds %d keys, ring %d", inMap, len(c.ring))
	}
	return ""
}

package preflightcache

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Many goroutines mix lookups, stores, clears and clock moves on a small
// key space with a small bound, so evictions, expiry, refreshes and chain
// rewrites all race with lookups. Run with -race. Afterwards the counters
// must account for every lookup and the internal invariants must hold.
func TestConcurrentMix(t *testing.T) {
	c, clk := newFake(Options{MaxEntries: 16})
	keys := make([]Key, 40)
	for i := range keys {
		keys[i] = keyN(i)
	}
	const workers = 16
	iters := 4000
	if raceEnabled {
		iters = 1500
	}
	var lookups atomic.Uint64
	var wg sync.WaitGroup
	stop := make(chan struct{})
	// A watcher checks the bound while everything runs.
	var over atomic.Int64
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
				if n := c.Len(); n > 16 {
					over.Store(int64(n))
				}
			}
		}
	}()
	for w := range workers {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			x := uint32(w*7919 + 1)
			for i := range iters {
				x ^= x << 13
				x ^= x >> 17
				x ^= x << 5
				k := keys[x%uint32(len(keys))]
				cred := x&0x100 != 0
				switch (x >> 9) % 16 {
				case 0, 1:
					c.Store(k, result(cred, time.Duration(x%4)*time.Second, []string{"PUT", "*"}, []string{"x-a", "*"}))
				case 2:
					c.Clear(k)
				case 3:
					if w == 0 || i%50 == 0 {
						clk.Advance(300 * time.Millisecond)
					}
				case 4:
					c.MatchMethod(k, cred, "DELETE")
					lookups.Add(1)
				case 5:
					c.MatchHeader(k, cred, "authorization")
					lookups.Add(1)
				case 6:
					_ = c.Stats()
				default:
					c.Covers(k, cred, "PUT", true, []string{"x-a", "x-b"})
					lookups.Add(1)
				}
			}
		}(w)
	}
	wg.Wait()
	close(stop)
	st := c.Stats()
	if st.Hits+st.Misses != lookups.Load() {
		t.Errorf("hits %d + misses %d != %d lookups", st.Hits, st.Misses, lookups.Load())
	}
	if n := over.Load(); n != 0 {
		t.Errorf("Len() reached %d, bound 16", n)
	}
	if st.Hits == 0 || st.Misses == 0 || st.Evictions+st.Expirations == 0 {
		t.Errorf("the mix did not exercise hits, misses and removals: %+v", st)
	}
	if msg := checkInvariants(c); msg != "" {
		t.Error(msg)
	}
}

// Readers never see a torn state: a key stored with a fixed set of names
// either matches all of them or none (after a Clear).
func TestConcurrentReadersSeeWholeStates(t *testing.T) {
	var c Cache
	k := keyN(0)
	r := result(false, time.Hour, []string{"PUT", "DELETE"}, []string{"x-a", "x-b", "x-c"})
	c.Store(k, r)
	var wg sync.WaitGroup
	var torn atomic.Bool
	done := make(chan struct{})
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				a := c.Covers(k, false, "DELETE", true, []string{"x-c"})
				b := c.Covers(k, false, "PUT", true, []string{"x-a", "x-b"})
				_ = a
				_ = b
				if sl, s := c.state(k); sl != nil && s != nil && (!s.matchMethod(0, false, "PUT") || !s.matchHeader(0, false, "x-c")) {
					torn.Store(true)
				}
			}
		}()
	}
	for range 2000 {
		c.Store(k, r)
		c.Clear(k)
		c.Store(k, r)
	}
	close(done)
	wg.Wait()
	if torn.Load() {
		t.Error("a reader saw a state holding only part of a stored result")
	}
}

// Keys stored before a lookup starts and never removed are always found,
// while a writer grows the index (16 buckets to 2048) and unlinks other
// keys from the same chains. Run with -race.
func TestConcurrentGrowthAndRemovalKeepKeys(t *testing.T) {
	c, _ := newFake(Options{MaxEntries: 4096})
	anchors := make([]Key, 8)
	for i := range anchors {
		anchors[i] = Key{Origin: "https://anchor.example", URL: keyN(i).URL}
		c.Store(anchors[i], result(false, time.Hour, []string{"PUT"}, nil))
	}
	n := 4000
	if raceEnabled {
		n = 2500
	}
	var lost atomic.Int64
	var wg sync.WaitGroup
	done := make(chan struct{})
	for r := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := r; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				if !c.MatchMethod(anchors[i%len(anchors)], false, "PUT") {
					lost.Add(1)
				}
			}
		}()
	}
	for i := range n {
		c.Store(keyN(i), result(false, time.Hour, []string{"PUT"}, nil))
		if i >= 3 && i%2 == 1 {
			c.Clear(keyN(i - 3)) // every other key stays, so the index grows
		}
	}
	close(done)
	wg.Wait()
	if l := lost.Load(); l != 0 {
		t.Errorf("%d lookups missed a key that was held throughout", l)
	}
	if x := c.idx.Load(); len(x.buckets) < 1024 {
		t.Errorf("index has %d buckets: it did not grow under the readers", len(x.buckets))
	}
	if msg := checkInvariants(c); msg != "" {
		t.Error(msg)
	}
}

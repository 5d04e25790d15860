package preflightcache

import (
	"sync/atomic"
	"unsafe"
)

// Stats are a Cache's counters since it was created.
type Stats struct {
	Hits        uint64 // lookups that found a match (Covers, MatchMethod, MatchHeader)
	Misses      uint64 // lookups that did not
	Evictions   uint64 // live keys dropped to make room for a new key
	Expirations uint64 // keys dropped because all their entries had expired
	Keys        int    // keys held now
	Bytes       int    // bytes held now, as Options.MaxBytes counts them
}

// Stats returns a snapshot of c's counters. Hits and Misses are summed
// from per-stripe counters without stopping lookups, so under concurrent
// use they may lag by the lookups in flight.
func (c *Cache) Stats() Stats {
	h, m := c.counts.sum()
	c.mu.Lock()
	keys, bytes := len(c.ring), c.bytes
	c.mu.Unlock()
	return Stats{
		Hits:        h,
		Misses:      m,
		Evictions:   c.evictions.Load(),
		Expirations: c.expirations.Load(),
		Keys:        keys,
		Bytes:       bytes,
	}
}

// nStripes is the number of counter stripes; a power of two. With 8,
// BenchmarkMiss at -cpu 2 ran 4 to 6 times slower in some runs than in
// others (the two goroutines had landed on one stripe); with 64 it did not.
const nStripes = 64

// stripe is one cache line of counters.
type stripe struct {
	hits, misses atomic.Uint64
	_            [64 - 16]byte
}

// counters spreads hit and miss counts over stripes, one per calling
// goroutine as far as stripeIndex can tell, so parallel lookups rarely
// write the same cache line: a single shared counter would bounce between
// cores on every hit.
type counters struct {
	s [nStripes]stripe
}

func (c *counters) hit()  { c.s[stripeIndex()].hits.Add(1) }
func (c *counters) miss() { c.s[stripeIndex()].misses.Add(1) }

// stripeIndex picks a stripe from the address of the calling goroutine's
// stack, so a goroutine keeps writing the same stripe (and the same cache
// line) while different goroutines mostly write different ones: with a
// random stripe per call, two cores counting at full speed would pass
// every line back and forth. The address is used only as a number; a
// stack that moves just changes stripe.
func stripeIndex() uint64 {
	var local byte
	a := uint64(uintptr(unsafe.Pointer(&local))) >> 10 // stacks are at least 2 KiB apart
	a ^= a >> 33
	a *= 0xff51afd7ed558ccd
	a ^= a >> 33
	return a & (nStripes - 1)
}

func (c *counters) sum() (hits, misses uint64) {
	for i := range c.s {
		hits += c.s[i].hits.Load()
		misses += c.s[i].misses.Load()
	}
	return hits, misses
}

package preflightcache

import (
	"math/rand/v2"
	"sync/atomic"
)

// Stats are a Cache's counters since it was created.
type Stats struct {
	Hits        uint64 // lookups that found a match (Covers, MatchMethod, MatchHeader)
	Misses      uint64 // lookups that did not
	Evictions   uint64 // live keys dropped to make room for a new key
	Expirations uint64 // keys dropped because all their entries had expired
	Keys        int    // keys held now
}

// Stats returns a snapshot of c's counters. Hits and Misses are summed
// from per-stripe counters without stopping lookups, so under concurrent
// use they may lag by the lookups in flight.
func (c *Cache) Stats() Stats {
	h, m := c.counts.sum()
	return Stats{
		Hits:        h,
		Misses:      m,
		Evictions:   c.evictions.Load(),
		Expirations: c.expirations.Load(),
		Keys:        c.Len(),
	}
}

// nStripes is the number of counter stripes; a power of two.
const nStripes = 8

// stripe is one cache line of counters.
type stripe struct {
	hits, misses atomic.Uint64
	_            [64 - 16]byte
}

// counters spreads hit and miss counts over stripes picked at random per
// call, so parallel lookups rarely write the same cache line: a single
// shared counter would bounce between cores on every hit.
type counters struct {
	s [nStripes]stripe
}

func (c *counters) hit()  { c.s[rand.Uint32()&(nStripes-1)].hits.Add(1) }
func (c *counters) miss() { c.s[rand.Uint32()&(nStripes-1)].misses.Add(1) }

func (c *counters) sum() (hits, misses uint64) {
	for i := range c.s {
		hits += c.s[i].hits.Load()
		misses += c.s[i].misses.Load()
	}
	return hits, misses
}

package preflightcache

import "sync"

// insertLocked adds a slot for the new key k holding s, first making room
// if the cache is full. c.mu must be held.
func (c *Cache) insertLocked(k Key, s *state, now int64) {
	for len(c.ring) >= c.maxKeyCount() {
		c.evictLocked(now)
	}
	sl := &slot{key: k, idx: len(c.ring)}
	sl.st.Store(s)
	c.ring = append(c.ring, sl)
	m := c.m.Load()
	if m == nil {
		m = new(sync.Map)
		c.m.Store(m)
	}
	m.Store(k, sl)
	c.inserts++
	if c.inserts >= rebuildEvery*c.maxKeyCount() {
		c.rebuildLocked()
	}
}

// rebuildEvery: the map is rebuilt after this many times MaxEntries
// insertions. sync.Map prunes only empty trie nodes, so under a stream of
// distinct keys its trie keeps nodes that held one key each and grows
// slowly (measured: 514 → 980 bytes per key over 3 M keys); a periodic
// rebuild bounds it at the size of a freshly filled map, for an amortized
// cost of one extra map store per rebuildEvery insertions.
const rebuildEvery = 8

// rebuildLocked replaces the map by a fresh one holding the same slots.
// Readers still using the old map find slots that are either current or,
// once removed, empty. c.mu must be held.
func (c *Cache) rebuildLocked() {
	m := new(sync.Map)
	for _, sl := range c.ring {
		m.Store(sl.key, sl)
	}
	c.m.Store(m)
	c.inserts = 0
}

// evictLocked drops one key, by the CLOCK (second-chance) policy: the hand
// walks the ring, drops the first key that has expired or has not been hit
// since the hand last passed, and clears the hit mark of the keys it
// passes. It stops within two turns. c.mu must be held, ring not empty.
func (c *Cache) evictLocked(now int64) {
	for {
		if c.hand >= len(c.ring) {
			c.hand = 0
		}
		sl := c.ring[c.hand]
		if s := sl.st.Load(); s == nil || !s.live(now) {
			c.expirations.Add(1)
			c.removeLocked(sl)
			return
		}
		if sl.ref.Load() {
			sl.ref.Store(false)
			c.hand++
			continue
		}
		c.evictions.Add(1)
		c.removeLocked(sl)
		return
	}
}

// sweepLocked visits the next two keys of the ring and drops those whose
// entries have all expired, so expired keys leave even when the cache is
// not full. c.mu must be held.
func (c *Cache) sweepLocked(now int64) {
	for range 2 {
		if len(c.ring) == 0 {
			return
		}
		if c.sweep >= len(c.ring) {
			c.sweep = 0
		}
		sl := c.ring[c.sweep]
		if s := sl.st.Load(); s == nil || !s.live(now) {
			c.expirations.Add(1)
			c.removeLocked(sl) // the last slot moves into c.sweep
			continue
		}
		c.sweep++
	}
}

// removeLocked drops sl from the map and the ring. The ring's last slot
// takes its place. Readers still holding sl see no entries. c.mu must be held.
func (c *Cache) removeLocked(sl *slot) {
	if m := c.m.Load(); m != nil {
		m.CompareAndDelete(sl.key, sl)
	}
	sl.st.Store(nil)
	i, last := sl.idx, len(c.ring)-1
	c.ring[i] = c.ring[last]
	c.ring[i].idx = i
	c.ring[last] = nil
	c.ring = c.ring[:last]
}

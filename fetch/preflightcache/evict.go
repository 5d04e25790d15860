package preflightcache

import "hash/maphash"

// insertLocked adds a slot for the new key k holding s; the caller has made
// room for it. c.mu must be held.
func (c *Cache) insertLocked(k Key, s *state) {
	x := c.idx.Load()
	if x == nil {
		x = newIndex(maphash.MakeSeed(), minBuckets)
		c.idx.Store(x)
	}
	sl := &slot{key: k, idx: int32(len(c.ring))}
	sl.st.Store(s)
	c.ring = append(c.ring, sl)
	c.bytes += heldBytes(sl)
	if len(c.ring) > len(x.buckets) {
		c.idx.Store(x.grown(c.ring))
	} else {
		x.insert(sl)
	}
}

// makeRoomLocked evicts keys other than keep until need more bytes fit
// under MaxBytes, or no other key is left. c.mu must be held.
func (c *Cache) makeRoomLocked(need int, now int64, keep *slot) {
	for c.bytes+need > c.maxByteCount() {
		others := len(c.ring)
		if keep != nil {
			others--
		}
		if others == 0 {
			return
		}
		c.evictLocked(now, keep)
	}
}

// evictLocked drops one key other than keep, by the CLOCK (second-chance)
// policy: the hand walks the ring, drops the first key that has expired or
// has not been hit since the hand last passed, and clears the hit mark of
// the keys it passes. It stops within two turns. c.mu must be held, and the
// ring must hold a key other than keep.
func (c *Cache) evictLocked(now int64, keep *slot) {
	for {
		if c.hand >= len(c.ring) {
			c.hand = 0
		}
		sl := c.ring[c.hand]
		if sl == keep {
			c.hand++
			continue
		}
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

// removeLocked drops sl from the index and the ring. The ring's last slot
// takes its place. Readers still holding sl see no entries. c.mu must be held.
func (c *Cache) removeLocked(sl *slot) {
	c.bytes -= heldBytes(sl)
	c.idx.Load().remove(sl)
	sl.st.Store(nil)
	i, last := int(sl.idx), len(c.ring)-1
	c.ring[i] = c.ring[last]
	c.ring[i].idx = int32(i)
	c.ring[last] = nil
	c.ring = c.ring[:last]
}

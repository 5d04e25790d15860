package preflightcache

import "github.com/corsfetch/corsfetch/fetch/cors"

// Store records what a successful CORS-preflight fetch granted a request
// with key k: the last steps of the CORS-preflight fetch, run on r. For each
// method in r.Methods and each header name in r.Headers (a literal "*"
// included), every entry that already has a method (header-name) cache entry
// match using the request gets its max-age set to r.MaxAge, counted from
// now; otherwise a new cache entry is created with r.Credentials. With a
// MaxAge of zero or less nothing is created and matching entries expire
// now. A nil r, or a Key too long for Options.MaxURLLength, stores nothing.
//
// Store reads at most Options.MaxNamesPerKey names of each list and does
// all its work on them before it takes the cache's lock, which it holds
// only to swap the new entries in (and to evict, see Options.MaxBytes):
// a hostile result delays no other Store.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 and
// https://fetch.spec.whatwg.org/#concept-cache-create-entry.
func (c *Cache) Store(k Key, r *cors.PreflightResult) {
	c.store(k, r, false)
}

// maxStoreTries is how many times store prepares its entries outside the
// lock before it gives up on racing writers of the same key and merges
// under the lock.
const maxStoreTries = 4

// store is Store, or Replace when replace is set.
func (c *Cache) store(k Key, r *cors.PreflightResult, replace bool) {
	if r == nil || !c.cacheableKey(k) {
		return
	}
	maxNames := c.maxNameCount()
	p := prepare(r, maxNames)
	for try := 1; ; try++ {
		// Merge with the key's current entries without the lock, then
		// publish the result only if they are still current.
		now := c.nowNanos()
		exp := expiryAfter(now, p.maxAge)
		sl, old := c.state(k)
		if replace {
			old = nil
		}
		next := p.merge(old, now, exp, maxNames)
		c.mu.Lock()
		cur, curState := c.state(k)
		if !replace && (cur != sl || curState != old) {
			if try < maxStoreTries {
				c.mu.Unlock()
				continue
			}
			next = p.merge(curState, now, exp, maxNames)
		}
		c.commitLocked(k, next, now)
		c.mu.Unlock()
		return
	}
}

// commitLocked makes next the entries of k: it removes k when next is nil
// or too big for MaxBytes on its own, else evicts other keys until k fits
// both bounds. c.mu must be held.
func (c *Cache) commitLocked(k Key, next *state, now int64) {
	c.sweepLocked(now)
	sl := c.slotLocked(k)
	if next == nil || keyBytes(k)+next.bytes > c.maxByteCount() {
		if sl != nil {
			c.removeLocked(sl)
		}
		return
	}
	if sl == nil {
		for len(c.ring) >= c.maxKeyCount() {
			c.evictLocked(now, nil)
		}
		c.makeRoomLocked(keyBytes(k)+next.bytes, now, nil)
		c.insertLocked(k.clone(), next)
		return
	}
	c.makeRoomLocked(next.bytes-sl.st.Load().bytes, now, sl)
	c.bytes += next.bytes - sl.st.Load().bytes
	sl.st.Store(next)
}

// Clear removes every entry for k, whatever its credentials, method or
// header name: clear cache entries, run by main fetch when a preflighted
// request ends in a network error.
// See https://fetch.spec.whatwg.org/#concept-cache-clear.
func (c *Cache) Clear(k Key) {
	if sl, _ := c.state(k); sl == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if sl := c.slotLocked(k); sl != nil {
		c.removeLocked(sl)
	}
}

// slotLocked returns the slot held for k, or nil. c.mu must be held.
func (c *Cache) slotLocked(k Key) *slot {
	sl, _ := c.state(k)
	return sl
}

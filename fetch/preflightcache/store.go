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
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 and
// https://fetch.spec.whatwg.org/#concept-cache-create-entry.
func (c *Cache) Store(k Key, r *cors.PreflightResult) {
	if r == nil || !c.cacheableKey(k) {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.nowNanos()
	c.sweepLocked(now)
	sl := c.slotLocked(k)
	var old *state
	if sl != nil {
		old = sl.st.Load()
	}
	next := update(old, r, now, expiryAfter(now, r.MaxAge), c.maxNameCount())
	switch {
	case sl != nil && next == nil:
		c.removeLocked(sl)
	case sl != nil:
		sl.st.Store(next)
	case next != nil:
		c.insertLocked(k.clone(), next, now)
	}
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

// update returns the entries that follow from storing r over old at now:
// old's live entries, refreshed to expire at exp where they match, plus new
// entries (at most maxNames in all). It returns nil when none are left.
// old is not modified.
func update(old *state, r *cors.PreflightResult, now, exp int64, maxNames int) *state {
	// A key holds at most maxNames entries, so at most that many names of
	// each list are read: a hostile result of a million names costs what a
	// full key costs, not a million scans of it, while c.mu is held. The
	// names past the bound create no entry and refresh none, which the
	// standard allows (a cache may skip entries); a request that needs one
	// preflights again. See issue 10, defect 7.
	methods, headers := r.Methods, r.Headers
	if len(methods) > maxNames {
		methods = methods[:maxNames]
	}
	if len(headers) > maxNames {
		headers = headers[:maxNames]
	}
	var s state
	if old != nil {
		s.methods = liveEntries(old.methods, now, len(methods))
		s.headers = liveEntries(old.headers, now, len(headers))
	}
	create := exp > now
	cred := r.Credentials
	for _, m := range methods {
		found := false
		for i := range s.methods {
			if e := &s.methods[i]; e.methodMatches(now, cred, m) {
				e.expires = exp
				found = true
			}
		}
		if !found && create && s.size() < maxNames && cacheableName(m) {
			s.methods = append(s.methods, entry{name: intern(m), expires: exp, cred: cred})
		}
	}
	for _, h := range headers {
		found := false
		for i := range s.headers {
			if e := &s.headers[i]; e.headerMatches(now, cred, h) {
				e.expires = exp
				found = true
			}
		}
		if !found && create && s.size() < maxNames && cacheableName(h) {
			s.headers = append(s.headers, entry{name: intern(h), expires: exp, cred: cred})
		}
	}
	if !create {
		// Refreshing to a max-age of zero expired the matching entries.
		s.methods = liveEntries(s.methods, now, 0)
		s.headers = liveEntries(s.headers, now, 0)
	}
	if s.size() == 0 {
		return nil
	}
	// One array for both lists: a lookup then touches fewer cache lines.
	all := make([]entry, 0, s.size())
	all = append(append(all, s.methods...), s.headers...)
	m := len(s.methods)
	return &state{methods: all[:m:m], headers: all[m:]}
}

// liveEntries returns a new slice holding the entries of es that have not
// expired at now, with room for extra more.
func liveEntries(es []entry, now int64, extra int) []entry {
	n := 0
	for i := range es {
		if now < es[i].expires {
			n++
		}
	}
	if n+extra == 0 {
		return nil
	}
	out := make([]entry, 0, n+extra)
	for _, e := range es {
		if now < e.expires {
			out = append(out, e)
		}
	}
	return out
}

// cacheableName reports whether a method or header name is worth an entry:
// not empty, and not longer than maxNameLength.
func cacheableName(name string) bool {
	return name != "" && len(name) <= maxNameLength
}

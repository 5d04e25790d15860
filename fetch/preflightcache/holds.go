package preflightcache

// Holds reports whether k has any live entry usable by a request whose
// credentials mode is include (credentials) or not, whatever its method or
// header name. It is WebKit's lookup for a request that needs a preflight
// but has no method or header name to check (one that a redirect made
// simple): any cached grant for the URL lets it skip the preflight. It
// counts one hit or miss.
func (c *Cache) Holds(k Key, credentials bool) bool {
	if sl, s := c.state(k); s != nil {
		now := c.nowNanos()
		for _, es := range [2][]entry{s.methods, s.headers} {
			for i := range es {
				if es[i].matches(now, credentials) {
					sl.touch()
					c.counts.hit()
					return true
				}
			}
		}
	}
	c.counts.miss()
	return false
}

package preflightcache

// CoversWildcardAuthorization is Covers as WebKit's preflight cache
// decides it: a "*" header-name entry also matches Authorization for a
// request whose credentials mode is not include (WebKit's cached result
// checks the request's headers as its preflight did, and "*" covers every
// name there). The standard's header-name cache entry match never lets
// "*" match Authorization, and Chromium's cache lookup does not either.
// See https://fetch.spec.whatwg.org/#concept-cache-match-header.
func (c *Cache) CoversWildcardAuthorization(k Key, credentials bool, method string, checkMethod bool, headers []string) bool {
	if !checkMethod && len(headers) == 0 {
		return true
	}
	if sl, s := c.state(k); s != nil && s.coversWildcardAuthorization(c.nowNanos(), credentials, method, checkMethod, headers) {
		sl.touch()
		c.counts.hit()
		return true
	}
	c.counts.miss()
	return false
}

// coversWildcardAuthorization is CoversWildcardAuthorization on one key's
// entries.
func (s *state) coversWildcardAuthorization(now int64, cred bool, method string, checkMethod bool, headers []string) bool {
	if checkMethod && !s.matchMethod(now, cred, method) {
		return false
	}
	for _, h := range headers {
		if s.matchHeader(now, cred, h) {
			continue
		}
		if cred || !isAuthorization(h) || !s.matchHeader(now, false, "*") {
			return false
		}
	}
	return true
}

package preflightcache

// CoversWildcardAuthorization is Covers as WebKit's preflight cache
// decides it: a "*" header-name entry also matches Authorization for a
// request whose credentials mode is not include (WebKit's cached result
// checks the request's headers as its preflight did, and "*" covers every
// name there). The standard's header-name cache entry match never lets
// "*" match Authorization, and Chromium's cache lookup does not either.
// See https://fetch.spec.whatwg.org/#concept-cache-match-header.
func (c *Cache) CoversWildcardAuthorization(k Key, credentials bool, method string, checkMethod bool, headers []string) bool {
	return c.lookup(k, credentials, method, checkMethod, headers, true)
}

package preflightcache

import "github.com/corsfetch/corsfetch/fetch/cors"

// Replace records what a successful CORS-preflight fetch granted a request
// with key k as Chromium and WebKit do: r's methods and header names become
// the only entries of k, and every entry k held before is dropped, live or
// not. With a MaxAge of zero or less k is left with no entries. A nil r, or
// a Key too long for Options.MaxURLLength, changes nothing. Like Store, it
// prepares the entries before it takes the cache's lock.
//
// The standard (Store) adds r's entries to k's and refreshes those that
// match, so grants of several preflights accumulate: PUT then DELETE on one
// URL whose server allows only the requested method leaves both cached
// there, and one entry here.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func (c *Cache) Replace(k Key, r *cors.PreflightResult) {
	c.store(k, r, true)
}

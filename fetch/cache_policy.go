package fetch

import (
	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// How the Transport uses its preflight cache under its Policy: the
// standard's per-method and per-header entries, or a browser's shape
// (cors.Policy.PreflightCacheReplace, PreflightCacheKeptOnActualFailure,
// NoPreflightCache).

// cacheCovers reports whether the cache makes a preflight unnecessary for
// the request with key (see preflightcache.Cache.Covers). Without a cache
// (NoPreflightCache) nothing is covered.
func (f *fetchState) cacheCovers(key preflightcache.Key, checkMethod bool, unsafe []string) bool {
	if !f.preflightCacheLookup() {
		return false
	}
	if !checkMethod && len(unsafe) == 0 {
		// Only a preflight that a Policy knob asks for after a redirect
		// (PreflightAfterPreflight, PreflightForRemovedHeaders) has nothing
		// to check: as in WebKit, any cached grant for the URL covers it.
		return !f.t.Policy.NoPreflightCache && f.t.preflightCache().Holds(key, f.credentialsInclude())
	}
	if f.t.Policy.NoPreflightCache {
		return false
	}
	if f.t.Policy.CachedWildcardCoversAuthorization {
		return f.t.preflightCache().CoversWildcardAuthorization(key, f.credentialsInclude(), f.method, checkMethod, unsafe)
	}
	return f.t.preflightCache().Covers(key, f.credentialsInclude(), f.method, checkMethod, unsafe)
}

// storePreflight records what a successful preflight granted under key:
// added to the key's entries (the standard), or replacing them; nothing
// under NoPreflightCache, for a no-store request under
// NoStorePreflightNotStored, or for a tainted request under
// TaintedPreflightNotCached.
func (f *fetchState) storePreflight(key preflightcache.Key, res *cors.PreflightResult) {
	switch p := &f.t.Policy; {
	case p.NoPreflightCache, !f.preflightCacheStore(), p.TaintedPreflightNotCached && f.tainted:
	case p.PreflightCacheReplace:
		f.t.preflightCache().Replace(key, f.storedResult(res))
	default:
		f.t.preflightCache().Store(key, f.storedResult(res))
	}
}

// clearCacheOnError runs "clear cache entries" for a preflighted request
// that ended in a network error err: always under the standard, only after
// a failed preflight under PreflightCacheKeptOnActualFailure, and not after
// a preflight whose grant PreflightCacheStoresRefusedGrant just stored.
// Under FailedCORSRequestClearsCache any cors-tainted request clears them;
// under FailedPreflightClearsOnlyAfterLookup a failed preflight that the
// cache mode sent without a lookup clears nothing.
// See https://fetch.spec.whatwg.org/#main-fetch.
func (f *fetchState) clearCacheOnError(err error) {
	if f.t.Policy.NoPreflightCache {
		return
	}
	// cors tainting means mode cors and a hop to another origin.
	if !f.preflighted && !(f.t.Policy.FailedCORSRequestClearsCache && f.tainting == taintCORS) {
		return
	}
	if f.t.Policy.PreflightCacheStoresRefusedGrant && f.preflightFailed && refusedByPreflight(err) {
		return
	}
	if f.t.Policy.PreflightCacheKeptOnActualFailure && !f.preflightFailed {
		return
	}
	if f.t.Policy.FailedPreflightClearsOnlyAfterLookup && f.preflightFailed && !f.preflightCacheLookup() {
		return
	}
	f.clearKeys(f.cacheKey())
}

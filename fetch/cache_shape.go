package fetch

import (
	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
	"github.com/corsfetch/corsfetch/fetch/safelist"
)

// Firefox's preflight cache shape (cors.Policy.PreflightCacheByCredentials,
// PreflightCacheNoWildcard, PreflightCacheHEADNeedsMethod), laid over the
// standard's cache.

// credentialedPartition marks the keys of credentialed requests under
// PreflightCacheByCredentials. It cannot occur in a partition a caller
// could want to tell apart from another (it holds a NUL byte).
const credentialedPartition = "\x00credentials-include"

// shapeKey returns k as the cache files it: under PreflightCacheByCredentials
// a credentialed request's entries live under a key of their own.
func (f *fetchState) shapeKey(k preflightcache.Key) preflightcache.Key {
	if f.t.Policy.PreflightCacheByCredentials && f.credentialsInclude() {
		k.Partition += credentialedPartition
	}
	return k
}

// clearKeys runs "clear cache entries" for k: under
// PreflightCacheByCredentials for both credentials modes, as Firefox's
// RemoveEntries does. See https://fetch.spec.whatwg.org/#concept-cache-clear.
func (f *fetchState) clearKeys(k preflightcache.Key) {
	c := f.t.preflightCache()
	if !f.t.Policy.PreflightCacheByCredentials {
		c.Clear(k)
		return
	}
	base := k
	if len(base.Partition) >= len(credentialedPartition) &&
		base.Partition[len(base.Partition)-len(credentialedPartition):] == credentialedPartition {
		base.Partition = base.Partition[:len(base.Partition)-len(credentialedPartition)]
	}
	c.Clear(base)
	base.Partition += credentialedPartition
	c.Clear(base)
}

// cacheChecksMethod reports whether the cache must hold the request's
// method for it to skip the preflight: when the method is not
// CORS-safelisted or the use-CORS-preflight flag is set, and for HEAD
// under PreflightCacheHEADNeedsMethod.
// See https://fetch.spec.whatwg.org/#http-fetch.
func (f *fetchState) cacheChecksMethod() bool {
	return f.useCORSPreflight || !safelist.IsCORSSafelistedMethod(f.method) ||
		f.t.Policy.PreflightCacheHEADNeedsMethod && f.method == "HEAD"
}

// storedResult is what the cache stores of res: without its "*" grants
// under PreflightCacheNoWildcard. A literal method or header name "*" is
// then not cached either, and is preflighted again.
func (f *fetchState) storedResult(res *cors.PreflightResult) *cors.PreflightResult {
	p := &f.t.Policy
	if !p.PreflightCacheNoWildcard && !(p.CredentialedWildcardNotCached && f.credentialsInclude()) {
		return res
	}
	out := *res
	out.Methods = withoutStar(res.Methods)
	out.Headers = withoutStar(res.Headers)
	return &out
}

func withoutStar(l []string) []string {
	out := make([]string, 0, len(l))
	for _, s := range l {
		if s != "*" {
			out = append(out, s)
		}
	}
	return out
}

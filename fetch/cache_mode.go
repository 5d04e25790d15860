package fetch

import (
	"net/http"
	"strconv"
	"strings"
)

// CacheMode is a request's cache mode: how the fetch uses the HTTP cache.
// The zero value is CacheDefault.
//
// The Transport keeps no HTTP cache. Under the standard, a fetch without
// one behaves as if the cache mode were "no-store" (the HTTP-network-or-
// cache fetch sets it so when there is no HTTP cache partition), so the
// mode shows only in what the request carries: the Transport appends, as
// that algorithm does, Cache-Control: max-age=0 for CacheNoCache, and
// Pragma: no-cache and Cache-Control: no-cache for CacheNoStore and
// CacheReload, unless the page set the header (a Base that caches can act
// on them). CacheOnlyIfCached needs ModeSameOrigin (else a *RequestError,
// as fetch() throws a TypeError). The standard's CORS-preflight cache
// ignores the cache mode; cors.Policy.PreflightTakesCacheMode and its
// two companions reproduce Chromium and Firefox, where some modes bypass it.
// See https://fetch.spec.whatwg.org/#concept-request-cache-mode.
type CacheMode uint8

// The cache modes.
const (
	CacheDefault      CacheMode = iota // "default"
	CacheNoStore                       // "no-store": as if there were no HTTP cache
	CacheReload                        // "reload": not from the HTTP cache, but the response updates it
	CacheNoCache                       // "no-cache": a conditional request if the HTTP cache has a response
	CacheForceCache                    // "force-cache": any cached response, stale or not
	CacheOnlyIfCached                  // "only-if-cached": any cached response, else a network error; mode same-origin only
)

var cacheModeNames = [...]string{"default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"}

// String returns the spec's name of c ("default", "no-store", ...).
func (c CacheMode) String() string {
	if int(c) < len(cacheModeNames) {
		return cacheModeNames[c]
	}
	return "CacheMode(" + strconv.Itoa(int(c)) + ")"
}

// conditionalHeaders are the request headers that turn the cache mode
// "default" into "no-store".
var conditionalHeaders = [...]string{"If-Modified-Since", "If-None-Match", "If-Unmodified-Since", "If-Match", "If-Range"}

// effectiveCacheMode is c as the HTTP-network-or-cache fetch uses it: a
// "default" request with a conditional header (If-None-Match, ...) is
// "no-store", or "no-cache" under cors.Policy.ConditionalRequestNoCache.
// See https://fetch.spec.whatwg.org/#http-network-or-cache-fetch.
func effectiveCacheMode(c CacheMode, h http.Header, noCache bool) CacheMode {
	if c != CacheDefault {
		return c
	}
	for k, vs := range h {
		if len(vs) == 0 || len(k) < 8 || k[2] != '-' || k[0]|0x20 != 'i' || k[1]|0x20 != 'f' {
			continue
		}
		for _, name := range conditionalHeaders {
			if strings.EqualFold(k, name) {
				if noCache {
					return CacheNoCache
				}
				return CacheNoStore
			}
		}
	}
	return c
}

// setCacheModeHeaders appends the headers the HTTP-network-or-cache fetch
// appends for the request's cache mode to one hop's request h.
// See https://fetch.spec.whatwg.org/#http-network-or-cache-fetch.
func (f *fetchState) setCacheModeHeaders(h http.Header) {
	switch f.cache {
	case CacheNoCache:
		if !hasHeader(h, "Cache-Control") {
			h["Cache-Control"] = []string{"max-age=0"}
		}
	case CacheNoStore, CacheReload:
		if !hasHeader(h, "Pragma") {
			h["Pragma"] = []string{"no-cache"}
		}
		if !hasHeader(h, "Cache-Control") {
			h["Cache-Control"] = []string{"no-cache"}
		}
	}
}

// preflightCacheLookup reports whether the request may be served from the
// preflight cache: always under the standard; not for no-store and reload
// under cors.Policy.PreflightTakesCacheMode (Chromium's LOAD_DISABLE_CACHE
// and LOAD_BYPASS_CACHE, Firefox's), nor for no-cache under
// cors.Policy.NoCacheSkipsPreflightCache (Chromium's LOAD_VALIDATE_CACHE).
func (f *fetchState) preflightCacheLookup() bool {
	switch f.cache {
	case CacheNoStore, CacheReload:
		return !f.t.Policy.PreflightTakesCacheMode
	case CacheNoCache:
		return !f.t.Policy.NoCacheSkipsPreflightCache
	}
	return true
}

// preflightCacheStore reports whether the request's preflight result may be
// stored: always under the standard; not for no-store under
// cors.Policy.NoStorePreflightNotStored (Chromium's LOAD_DISABLE_CACHE).
func (f *fetchState) preflightCacheStore() bool {
	return !f.t.Policy.NoStorePreflightNotStored || f.cache != CacheNoStore
}

// cacheModeSplitsPreflights reports whether the request's cache mode changes
// its preflight or the preflight cache's use, so that requests in different
// modes must not share one coalesced preflight.
func (f *fetchState) cacheModeSplitsPreflights() bool {
	p := &f.t.Policy
	return p.PreflightTakesCacheMode || p.NoCacheSkipsPreflightCache || p.NoStorePreflightNotStored
}

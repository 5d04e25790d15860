package preflightcache

import (
	"sync"
	"sync/atomic"
	"time"
)

// Cache is a CORS-preflight cache: per-method and per-header-name entries
// for each Key, each with its own expiry. See
// https://fetch.spec.whatwg.org/#concept-cache.
//
// A Cache is safe for concurrent use. Lookups take no lock and allocate
// nothing: an index of immutable hash chains maps each Key to a slot whose
// immutable entry set is replaced whole by Store and Clear, which are
// serialized by a mutex. Expired entries stop matching at once and are
// dropped lazily.
//
// The number of keys is bounded (Options.MaxEntries). When a new key would
// exceed the bound, a key whose entries have all expired goes first;
// otherwise the CLOCK (second-chance) policy picks a key not looked up
// successfully since the hand last passed it. The bytes held are bounded
// too (Options.MaxBytes), by the same policy.
//
// The zero value is an empty cache with the default options. A Cache must
// not be copied after first use.
type Cache struct {
	// Read by every lookup, written only by New and when the index grows.
	idx      atomic.Pointer[index] // nil until the first key is stored
	now      func() time.Time      // nil: the monotonic clock
	base     time.Time             // the origin of now's readings
	maxKeys  int
	maxURL   int
	maxNames int
	maxBytes int

	_      cacheLinePad // keeps lookups' counter writes off the fields above
	counts counters
	_      cacheLinePad // and off the writers' fields below

	mu          sync.Mutex // serializes Store, Clear and eviction
	ring        []*slot    // every key held, in CLOCK order; guarded by mu
	hand        int        // CLOCK hand, an index into ring; guarded by mu
	sweep       int        // next ring index the expiry sweep visits; guarded by mu
	bytes       int        // counted against MaxBytes (see bytes.go); guarded by mu
	evictions   atomic.Uint64
	expirations atomic.Uint64
}

// cacheLinePad separates fields written by different cores.
type cacheLinePad [64]byte

// slot holds one key's entries. It stays in the index while the key does;
// its state pointer is replaced, never mutated.
//
// Its 64 bytes fill one cache line: a hit reads key and st and may set ref.
type slot struct {
	key Key
	st  atomic.Pointer[state]
	idx int32       // position in Cache.ring; guarded by Cache.mu
	ref atomic.Bool // set by a hit, cleared by the CLOCK hand
}

// touch marks s recently used, writing only when the mark was clear so that
// parallel hits on one key do not bounce its cache line.
func (s *slot) touch() {
	if !s.ref.Load() {
		s.ref.Store(true)
	}
}

// state returns the current entries for k, or nil.
func (c *Cache) state(k Key) (*slot, *state) {
	x := c.idx.Load()
	if x == nil {
		return nil, nil
	}
	sl := x.lookup(k)
	if sl == nil {
		return nil, nil
	}
	return sl, sl.st.Load()
}

// MatchMethod reports whether there is a method cache entry match for
// method using a request with key k whose credentials mode is include
// (credentials) or not.
// See https://fetch.spec.whatwg.org/#concept-cache-match-method.
func (c *Cache) MatchMethod(k Key, credentials bool, method string) bool {
	if sl, s := c.state(k); s != nil && s.matchMethod(c.nowNanos(), credentials, method) {
		sl.touch()
		c.counts.hit()
		return true
	}
	c.counts.miss()
	return false
}

// MatchHeader reports whether there is a header-name cache entry match for
// name using a request with key k whose credentials mode is include
// (credentials) or not.
// See https://fetch.spec.whatwg.org/#concept-cache-match-header.
func (c *Cache) MatchHeader(k Key, credentials bool, name string) bool {
	if sl, s := c.state(k); s != nil && s.matchHeader(c.nowNanos(), credentials, name) {
		sl.touch()
		c.counts.hit()
		return true
	}
	c.counts.miss()
	return false
}

// Covers reports whether the cache makes a CORS-preflight fetch unnecessary
// for a request with key k: there is a method cache entry match for method
// (checked only when checkMethod is true, i.e. the method is not
// CORS-safelisted or the use-CORS-preflight flag is set) and a header-name
// cache entry match for every name in headers (the request's CORS-unsafe
// request-header names). It is HTTP fetch's "make a CORS-preflight fetch
// when ..." decision in one lookup, and counts one hit or miss. With
// nothing to check it returns true without a lookup.
// See https://fetch.spec.whatwg.org/#http-fetch.
func (c *Cache) Covers(k Key, credentials bool, method string, checkMethod bool, headers []string) bool {
	return c.lookup(k, credentials, method, checkMethod, headers, false)
}

// lookup is Covers, and with wildcardAuth CoversWildcardAuthorization.
func (c *Cache) lookup(k Key, credentials bool, method string, checkMethod bool, headers []string, wildcardAuth bool) bool {
	if !checkMethod && len(headers) == 0 {
		return true
	}
	if sl, s := c.state(k); s != nil && s.covers(c.nowNanos(), credentials, method, checkMethod, headers, wildcardAuth) {
		sl.touch()
		c.counts.hit()
		return true
	}
	c.counts.miss()
	return false
}

// covers is lookup on one key's entries. With wildcardAuth a "*"
// header-name entry also matches Authorization without credentials.
func (s *state) covers(now int64, cred bool, method string, checkMethod bool, headers []string, wildcardAuth bool) bool {
	if checkMethod && !s.matchMethod(now, cred, method) {
		return false
	}
	for _, h := range headers {
		if s.matchHeader(now, cred, h) {
			continue
		}
		if !wildcardAuth || cred || !isAuthorization(h) || !s.matchHeader(now, false, "*") {
			return false
		}
	}
	return true
}

// Len returns the number of keys held, including keys whose entries have
// expired but have not been dropped yet.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.ring)
}

package preflightcache

// STUB FILE: contract for fetch while the cache is written. The owner
// replaces it, keeping these names (adding is fine).

import (
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// Key identifies the entries of one (network partition key, origin, URL).
type Key struct {
	Partition string // the network partition key, serialized; "" for null
	Origin    string // the byte-serialized request origin
	URL       string // the request's current URL, serialized
}

// Options configure a Cache. A nil *Options is the zero Options.
type Options struct {
	MaxEntries int              // 0: Chromium's 1024
	Now        func() time.Time // nil: time.Now
}

// Cache is a CORS-preflight cache. The zero value is ready to use.
type Cache struct{}

func New(o *Options) *Cache { panic("not implemented") }

// MatchMethod reports whether a method cache entry match exists.
// See https://fetch.spec.whatwg.org/#concept-cache-match-method.
func (c *Cache) MatchMethod(k Key, credentials bool, method string) bool { panic("not implemented") }

// MatchHeader reports whether a header-name cache entry match exists.
// See https://fetch.spec.whatwg.org/#concept-cache-match-header.
func (c *Cache) MatchHeader(k Key, credentials bool, name string) bool { panic("not implemented") }

// Store creates or refreshes entries from a preflight result.
func (c *Cache) Store(k Key, r *cors.PreflightResult) { panic("not implemented") }

// Clear removes every entry for k. See https://fetch.spec.whatwg.org/#concept-cache-clear.
func (c *Cache) Clear(k Key) { panic("not implemented") }

// Covers reports whether the cache makes a preflight unnecessary: the method
// has a method cache entry match (checked only when checkMethod is true) and
// every name in headers has a header-name cache entry match. It is the HTTP
// fetch step "preflight when ..." in one lookup.
// See https://fetch.spec.whatwg.org/#http-fetch.
func (c *Cache) Covers(k Key, credentials bool, method string, checkMethod bool, headers []string) bool {
	panic("not implemented")
}

package preflightcache

import (
	"math"
	"time"
)

// Defaults used when an Options field is zero.
const (
	// DefaultMaxEntries is Chromium's bound on preflight cache keys
	// (kMaxCacheEntries in services/network/cors/preflight_cache.cc).
	DefaultMaxEntries = 1024
	// DefaultMaxURLLength is Chromium's kMaxKeyLength: a URL this long or
	// longer is never cached.
	DefaultMaxURLLength = 1024
	// DefaultMaxNamesPerKey bounds the method and header-name entries one key
	// holds. Browsers set no such bound; it keeps a server that lists
	// thousands of names from growing one key without limit.
	DefaultMaxNamesPerKey = 256
	// DefaultMaxBytes bounds the bytes a Cache holds (see Options.MaxBytes):
	// 4 MiB. Chromium bounds entries, not bytes; this lets a full cache of
	// typical keys (a URL, a few names: about 300 bytes each) fit thirteen
	// times over, and keeps a hostile server, whose full keys can cost 72 KiB
	// each, from making the default 1024 keys hold some 70 MiB.
	DefaultMaxBytes = 4 << 20
)

// maxNameLength is the longest method or header name cached. Longer names
// are legal tokens but never seen in practice; not caching them keeps the
// memory a key can hold bounded.
const maxNameLength = 256

// Options configure a Cache. A nil *Options is the zero Options.
type Options struct {
	// MaxEntries bounds the number of keys (partition, origin, URL) held.
	// Zero or negative: DefaultMaxEntries (Chromium's 1024). When a new key
	// would exceed it, one key is evicted (see Cache).
	MaxEntries int

	// Now is the clock. Nil: time.Now (read through its monotonic part).
	Now func() time.Time

	// MaxURLLength: a Key whose URL is this many bytes or longer is not
	// cached. Zero: DefaultMaxURLLength (Chromium's 1024). Negative: no limit.
	// A Key whose Origin or Partition is that long, or DefaultMaxURLLength
	// long if that is more, is not cached either: this bounds the memory
	// one key holds.
	MaxURLLength int

	// MaxNamesPerKey bounds the method and header-name entries of one key;
	// names past it are not cached (the spec lets entries go early). Zero or
	// negative: DefaultMaxNamesPerKey.
	MaxNamesPerKey int

	// MaxBytes bounds the bytes the cache holds: the lengths of every key's
	// partition, origin and URL and of every cached method and header name,
	// plus a fixed overhead per key (the structures that hold it: 152 bytes
	// on 64-bit platforms) and per entry (32 bytes). When a Store or Replace
	// would take the total past it, other keys are evicted as for MaxEntries
	// until it fits; a key whose own entries exceed it on their own is not
	// stored, and loses the entries it held (the spec lets a cache skip
	// entries; a request that needed one preflights again). Zero or
	// negative: DefaultMaxBytes. Stats.Bytes reports the total.
	MaxBytes int
}

// New returns an empty Cache configured by o (nil: all defaults).
func New(o *Options) *Cache {
	c := &Cache{}
	if o == nil {
		return c
	}
	c.maxKeys = o.MaxEntries
	c.maxURL = o.MaxURLLength
	c.maxNames = o.MaxNamesPerKey
	c.maxBytes = o.MaxBytes
	if o.Now != nil {
		c.now = o.Now
		c.base = o.Now()
	}
	return c
}

func (c *Cache) maxKeyCount() int {
	if c.maxKeys <= 0 {
		return DefaultMaxEntries
	}
	return min(c.maxKeys, math.MaxInt32) // slot.idx is an int32
}

func (c *Cache) maxNameCount() int {
	if c.maxNames <= 0 {
		return DefaultMaxNamesPerKey
	}
	return c.maxNames
}

func (c *Cache) maxByteCount() int {
	if c.maxBytes <= 0 {
		return DefaultMaxBytes
	}
	return c.maxBytes
}

// cacheableKey reports whether k's URL is shorter than the URL length limit
// and its origin and partition shorter than that limit or
// DefaultMaxURLLength, whichever is more.
func (c *Cache) cacheableKey(k Key) bool {
	limit := c.maxURL
	switch {
	case limit < 0:
		return true
	case limit == 0:
		limit = DefaultMaxURLLength
	}
	other := max(limit, DefaultMaxURLLength)
	return len(k.URL) < limit && len(k.Origin) < other && len(k.Partition) < other
}

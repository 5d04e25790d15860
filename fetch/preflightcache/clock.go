package preflightcache

import (
	"math"
	"time"
)

// monoBase is the origin of the default clock: time.Since(monoBase) reads
// only the monotonic clock, which is cheaper than time.Now and immune to
// wall-clock steps.
var monoBase = time.Now()

// nowNanos returns the current time as nanoseconds since the cache's clock
// base. Expiry times are kept in the same unit.
func (c *Cache) nowNanos() int64 {
	if c.now == nil {
		return int64(time.Since(monoBase))
	}
	return int64(c.now().Sub(c.base))
}

// expiryAfter returns now + d, saturating instead of overflowing. A d of
// zero or less yields now, the moment an entry stops matching.
func expiryAfter(now int64, d time.Duration) int64 {
	if d <= 0 {
		return now
	}
	if now > math.MaxInt64-int64(d) {
		return math.MaxInt64
	}
	return now + int64(d)
}

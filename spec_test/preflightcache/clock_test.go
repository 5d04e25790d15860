package preflightcachespec

import (
	"sync/atomic"
	"time"
)

// fakeClock is an injectable clock that only moves when told to, so no
// test ever sleeps.
type fakeClock struct{ ns atomic.Int64 }

var epoch = time.Date(2026, 7, 2, 12, 0, 0, 0, time.UTC)

func (f *fakeClock) Now() time.Time          { return epoch.Add(time.Duration(f.ns.Load())) }
func (f *fakeClock) Advance(d time.Duration) { f.ns.Add(int64(d)) }

package headerparse

import "sync/atomic"

// Step counting, for the linear-time tests here and in fetch/cors: every
// loop that walks its input counts the bytes or elements it visits in a
// local variable and reports them once per call, so a test can check that
// work grows linearly with the input by counting, not timing. Off by
// default; when off a report costs one load and a predictable branch.
//
// The plain atomic functions, not atomic.Bool and atomic.Int64, keep step's
// inlining cost low enough that the small exported functions stay
// inlinable into their callers.
var (
	counting  uint32 // nonzero while counting; set only by tests, through CountSteps
	stepTotal int64  // steps counted while counting is set
)

// step adds n steps when counting.
func step(n int) {
	if atomic.LoadUint32(&counting) != 0 {
		atomic.AddInt64(&stepTotal, int64(n))
	}
}

// CountSteps turns step counting on (resetting the total to zero) or off.
// It is a test hook: only tests call it, never concurrently with each
// other.
func CountSteps(on bool) {
	if on {
		atomic.StoreInt64(&stepTotal, 0)
		atomic.StoreUint32(&counting, 1)
	} else {
		atomic.StoreUint32(&counting, 0)
	}
}

// Steps returns the steps counted since CountSteps(true).
func Steps() int64 { return atomic.LoadInt64(&stepTotal) }

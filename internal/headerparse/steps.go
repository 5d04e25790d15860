package headerparse

import "sync/atomic"

// Step counting, for the linear-time tests here and in fetch/cors: every
// loop that walks its input counts the bytes or elements it visits in a
// local variable and reports them once per call, so a test can check that
// work grows linearly with the input by counting, not timing. Off by
// default; when off a report costs one load and a predictable branch.
var (
	counting  atomic.Bool  // set only by tests, through CountSteps
	stepTotal atomic.Int64 // steps counted while counting is set
)

// step adds n steps when counting.
func step(n int) {
	if counting.Load() {
		stepTotal.Add(int64(n))
	}
}

// CountSteps turns step counting on (resetting the total to zero) or off.
// It is a test hook: only tests call it, never concurrently with each
// other.
func CountSteps(on bool) {
	if on {
		stepTotal.Store(0)
	}
	counting.Store(on)
}

// Steps returns the steps counted since CountSteps(true).
func Steps() int64 { return stepTotal.Load() }

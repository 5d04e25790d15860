package cors

import "sync/atomic"

// Step counting, for TestHostileInputLinearTime: the loops that read
// server input (and the caller's request headers matched against it) add
// the bytes or elements they visit, so the test can check that work grows
// linearly with the input by counting, not timing. A string handed to a
// parser in internal/headerparse or the standard library counts its length
// once here, so the count checks that this package never hands them the
// same bytes again and again; internal/headerparse counts its own loops
// (headerparse.Steps), and the test adds those steps to these.
var (
	counting  atomic.Bool  // set only by the test
	stepTotal atomic.Int64 // steps counted while counting is set
)

// step adds n steps when counting. Otherwise it costs one load and a
// predictable branch.
func step(n int) {
	if counting.Load() {
		stepTotal.Add(int64(n))
	}
}

//go:build race

package cors

// raceEnabled reports whether the race detector is on: timing tests skip
// under it, since its instrumentation distorts the ratios they compare.
const raceEnabled = true

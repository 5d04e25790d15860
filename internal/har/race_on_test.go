//go:build race

package har

// manyN is the entry count of the many-entries tests: the race detector
// makes each entry about 15 times slower.
const manyN = 20_000

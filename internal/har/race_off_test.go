//go:build !race

package har

// manyN is the entry count of the many-entries tests.
const manyN = 100_000

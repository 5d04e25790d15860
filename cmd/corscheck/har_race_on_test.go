//go:build race

package main

// harManyN is the entry count of the many-entries tests: the race detector
// makes each entry about 15 times slower.
const harManyN = 20_000

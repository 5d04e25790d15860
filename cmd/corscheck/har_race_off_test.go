//go:build !race

package main

// harManyN is the entry count of the many-entries tests.
const harManyN = 100_000

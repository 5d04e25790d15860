//go:build race

package preflightcache

const raceEnabled = true

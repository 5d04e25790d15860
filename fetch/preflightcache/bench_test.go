package preflightcache

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Benchmarks of the lookup and store paths under b.RunParallel, each next to
// a bare sync.Map baseline keyed by the same Key type and run in the same
// process, so BENCHMARKS.md can report ratios that survive a noisy machine.
// Run with: go test -run '^$' -bench . -benchmem -count 6 -cpu 1,2 ./fetch/preflightcache/
//
// Every benchmark cycles through benchKeys (a working set of
// DefaultMaxEntries keys, all held by the cache) from a per-goroutine
// offset, so parallel goroutines look up different keys as real traffic does.

var (
	benchKeys    = makeBenchKeys("https://api.example/items/%d", DefaultMaxEntries)
	benchAbsent  = makeBenchKeys("https://api.example/absent/%d", DefaultMaxEntries)
	benchStream  = makeBenchKeys("https://api.example/stream/%d", 1<<16)
	benchHeaders = []string{"content-type", "x-requested-with"}
	benchResult  = result(false, time.Hour, []string{"PUT", "DELETE"}, benchHeaders)
	benchSeed    atomic.Uint32
)

func makeBenchKeys(format string, n int) []Key {
	ks := make([]Key, n)
	for i := range ks {
		ks[i] = Key{Partition: "https://top.example", Origin: "https://app.example", URL: fmt.Sprintf(format, i)}
	}
	return ks
}

// benchCache returns a cache with the default options and clock holding
// every key of benchKeys.
func benchCache() *Cache {
	c := New(nil)
	for _, k := range benchKeys {
		c.Store(k, benchResult)
	}
	return c
}

// benchSyncMap returns a sync.Map holding every key of benchKeys, each
// mapped to a *slot. Like the cache, it holds its own copy of each key's
// strings: a lookup key comes from another request, so string compares
// cannot succeed on equal pointers.
func benchSyncMap() *sync.Map {
	m := new(sync.Map)
	for _, k := range benchKeys {
		k = k.clone()
		m.Store(k, &slot{key: k})
	}
	return m
}

// start returns a per-goroutine starting index into a key slice.
func start() int { return int(benchSeed.Add(7919)) }

const keyMask = DefaultMaxEntries - 1 // benchKeys has a power-of-two length

// BenchmarkHit is the HTTP fetch decision for a PUT with two CORS-unsafe
// header names, answered from the cache: one Covers call that hits.
func BenchmarkHit(b *testing.B) {
	c := benchCache()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := start()
		for pb.Next() {
			if !c.Covers(benchKeys[i&keyMask], false, "PUT", true, benchHeaders) {
				panic("miss")
			}
			i++
		}
	})
}

// BenchmarkHitMatchMethod is a single method cache entry match that hits.
func BenchmarkHitMatchMethod(b *testing.B) {
	c := benchCache()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := start()
		for pb.Next() {
			if !c.MatchMethod(benchKeys[i&keyMask], false, "PUT") {
				panic("miss")
			}
			i++
		}
	})
}

// BenchmarkMiss looks up keys the cache does not hold.
func BenchmarkMiss(b *testing.B) {
	c := benchCache()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := start()
		for pb.Next() {
			if c.Covers(benchAbsent[i&keyMask], false, "PUT", true, benchHeaders) {
				panic("hit")
			}
			i++
		}
	})
}

// BenchmarkStoreRefresh stores a preflight result for keys already held:
// the common Store, refreshing every entry's expiry.
func BenchmarkStoreRefresh(b *testing.B) {
	c := benchCache()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := start()
		for pb.Next() {
			c.Store(benchKeys[i&keyMask], benchResult)
			i++
		}
	})
}

// BenchmarkStoreNew stores results for a stream of keys the full cache does
// not hold, so every Store evicts one key.
func BenchmarkStoreNew(b *testing.B) {
	c := benchCache()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := start()
		for pb.Next() {
			c.Store(benchStream[i&(len(benchStream)-1)], benchResult)
			i++
		}
	})
}

// BenchmarkMixed99to1 does 99 hitting lookups for each Store of a new key.
func BenchmarkMixed99to1(b *testing.B) {
	c := benchCache()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := start()
		for pb.Next() {
			if i%100 == 0 {
				c.Store(benchStream[(i/100)&(len(benchStream)-1)], benchResult)
			} else {
				c.Covers(benchKeys[i&keyMask], false, "PUT", true, benchHeaders)
			}
			i++
		}
	})
}

// BenchmarkSyncMapLoad is the baseline for BenchmarkHit: a bare sync.Map
// load that finds the same Key.
func BenchmarkSyncMapLoad(b *testing.B) {
	m := benchSyncMap()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := start()
		for pb.Next() {
			if _, ok := m.Load(benchKeys[i&keyMask]); !ok {
				panic("miss")
			}
			i++
		}
	})
}

// BenchmarkSyncMapLoadMiss is the baseline for BenchmarkMiss.
func BenchmarkSyncMapLoadMiss(b *testing.B) {
	m := benchSyncMap()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := start()
		for pb.Next() {
			if _, ok := m.Load(benchAbsent[i&keyMask]); ok {
				panic("hit")
			}
			i++
		}
	})
}

// BenchmarkSyncMapMixed99to1 is the baseline for BenchmarkMixed99to1: 99
// loads for each store of a new key, with a delete keeping the size fixed.
func BenchmarkSyncMapMixed99to1(b *testing.B) {
	m := benchSyncMap()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := start()
		for pb.Next() {
			if i%100 == 0 {
				j := (i / 100) & (len(benchStream) - 1)
				m.Store(benchStream[j], &slot{})
				m.Delete(benchStream[(j+len(benchStream)-DefaultMaxEntries)&(len(benchStream)-1)])
			} else {
				m.Load(benchKeys[i&keyMask])
			}
			i++
		}
	})
}

// BenchmarkClock is the default clock read that every hit makes to check
// expiry: not a baseline to beat but a part of every hit's cost.
func BenchmarkClock(b *testing.B) {
	var c Cache
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var t int64
		for pb.Next() {
			t += c.nowNanos()
		}
		clockSink.Add(t)
	})
}

var clockSink atomic.Int64

// BenchmarkMemoryPerKey reports the live heap of a cache holding
// DefaultMaxEntries keys (URL of about 33 bytes, two methods, two header
// names each), divided by the key count.
func BenchmarkMemoryPerKey(b *testing.B) {
	b.ReportAllocs()
	var per float64
	for b.Loop() {
		before := heapInUse()
		c := New(nil)
		for _, k := range benchKeys {
			c.Store(k, benchResult)
		}
		per = float64(heapInUse()-before) / float64(len(benchKeys))
		runtime.KeepAlive(c)
	}
	b.ReportMetric(per, "B/key")
}

package preflightcache

import (
	"hash/maphash"
	"math/bits"
	"sync/atomic"
)

// index maps each Key held to its slot. Readers use it without locks: each
// bucket holds an immutable chain of nodes, and writers (holding Cache.mu)
// publish a new chain head, or a new index when the key count passes the
// bucket count. Buckets double and never shrink, so there are fewer than
// twice as many as the most keys ever held, and a stream of distinct keys
// leaves nothing behind but garbage.
//
// It replaces a sync.Map, whose Load hashes a Key through an interface (a
// reflective walk of the struct's fields, a fifth of a hit in a profile)
// and whose trie kept nodes for keys long gone.
type index struct {
	seed    maphash.Seed
	buckets []atomic.Pointer[node] // len is a power of two
}

// node is one link of a bucket's chain; it is not modified once published.
type node struct {
	hash uint64 // of sl.key, so that a lookup compares keys only on a likely hit
	sl   *slot
	next *node
}

// minBuckets is the bucket count of a new index.
const minBuckets = 16

func newIndex(seed maphash.Seed, buckets int) *index {
	return &index{seed: seed, buckets: make([]atomic.Pointer[node], buckets)}
}

// hash combines seeded hashes of k's three strings; in BenchmarkHit this
// took 20 ns off a hit compared with maphash.Comparable on the struct.
func (x *index) hash(k Key) uint64 {
	h := maphash.String(x.seed, k.URL)
	h ^= bits.RotateLeft64(maphash.String(x.seed, k.Origin), 21)
	h ^= bits.RotateLeft64(maphash.String(x.seed, k.Partition), 42)
	return h
}

func (x *index) bucket(h uint64) *atomic.Pointer[node] {
	return &x.buckets[h&uint64(len(x.buckets)-1)]
}

// lookup returns the slot for k, or nil.
func (x *index) lookup(k Key) *slot {
	h := x.hash(k)
	for n := x.bucket(h).Load(); n != nil; n = n.next {
		if n.hash == h && n.sl.key == k {
			return n.sl
		}
	}
	return nil
}

// insert adds sl, whose key is not held, at the head of its chain.
// Cache.mu must be held.
func (x *index) insert(sl *slot) {
	h := x.hash(sl.key)
	b := x.bucket(h)
	b.Store(&node{hash: h, sl: sl, next: b.Load()})
}

// remove unlinks sl from its chain, copying the nodes before it so that
// readers walking the old chain still reach every other key.
// Cache.mu must be held.
func (x *index) remove(sl *slot) {
	b := x.bucket(x.hash(sl.key))
	var first, last *node
	for n := b.Load(); n != nil; n = n.next {
		if n.sl == sl {
			if last == nil {
				b.Store(n.next)
			} else {
				last.next = n.next
				b.Store(first)
			}
			return
		}
		cp := &node{hash: n.hash, sl: n.sl}
		if last == nil {
			first = cp
		} else {
			last.next = cp
		}
		last = cp
	}
}

// grown returns a new index with twice the buckets of x, holding ring.
func (x *index) grown(ring []*slot) *index {
	y := newIndex(x.seed, 2*len(x.buckets))
	for _, sl := range ring {
		y.insert(sl)
	}
	return y
}

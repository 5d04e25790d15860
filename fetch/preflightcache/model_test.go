package preflightcache

import (
	"testing"
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// specModel is the CORS-preflight cache written as literally as the spec
// reads: one list of cache entries, scanned in full by every algorithm.
// The fuzz target below checks Cache against it. It shares no code with
// Cache but takes the same decision on * entries from credentialed
// preflights (see entry.methodMatches).
type specModel struct {
	now     time.Duration
	entries []modelEntry
}

type modelEntry struct {
	key            Key
	cred           bool
	method, header string // exactly one is set
	stored, maxAge time.Duration
}

func (m *specModel) live(e *modelEntry) bool { return m.now-e.stored < e.maxAge }

// cacheEntryMatch is #concept-cache-match.
func (m *specModel) cacheEntryMatch(e *modelEntry, k Key, cred bool) bool {
	return m.live(e) && e.key == k && (e.cred || !cred)
}

func (m *specModel) methodEntryMatch(e *modelEntry, k Key, cred bool, method string) bool {
	return e.method != "" && m.cacheEntryMatch(e, k, cred) && (e.method == method || (e.method == "*" && !cred))
}

func (m *specModel) headerEntryMatch(e *modelEntry, k Key, cred bool, name string) bool {
	if e.header == "" || !m.cacheEntryMatch(e, k, cred) {
		return false
	}
	if equalFoldReference(e.header, name) {
		return true
	}
	return e.header == "*" && !cred && !equalFoldReference(name, "Authorization")
}

func (m *specModel) matchMethod(k Key, cred bool, method string) bool {
	for i := range m.entries {
		if m.methodEntryMatch(&m.entries[i], k, cred, method) {
			return true
		}
	}
	return false
}

func (m *specModel) matchHeader(k Key, cred bool, name string) bool {
	for i := range m.entries {
		if m.headerEntryMatch(&m.entries[i], k, cred, name) {
			return true
		}
	}
	return false
}

// store runs the last steps of the CORS-preflight fetch.
func (m *specModel) store(k Key, r *cors.PreflightResult) {
	for _, method := range r.Methods {
		found := false
		for i := range m.entries {
			if e := &m.entries[i]; m.methodEntryMatch(e, k, r.Credentials, method) {
				e.stored, e.maxAge, found = m.now, r.MaxAge, true
			}
		}
		if !found {
			m.entries = append(m.entries, modelEntry{key: k, cred: r.Credentials, method: method, stored: m.now, maxAge: r.MaxAge})
		}
	}
	for _, h := range r.Headers {
		found := false
		for i := range m.entries {
			if e := &m.entries[i]; m.headerEntryMatch(e, k, r.Credentials, h) {
				e.stored, e.maxAge, found = m.now, r.MaxAge, true
			}
		}
		if !found {
			m.entries = append(m.entries, modelEntry{key: k, cred: r.Credentials, header: h, stored: m.now, maxAge: r.MaxAge})
		}
	}
}

// clear is #concept-cache-clear.
func (m *specModel) clear(k Key) {
	kept := m.entries[:0]
	for _, e := range m.entries {
		if e.key != k {
			kept = append(kept, e)
		}
	}
	m.entries = kept
}

// equalFoldReference is byte-case-insensitive comparison by lowercasing
// both sides, written independently of equalFoldASCII.
func equalFoldReference(a, b string) bool {
	lower := func(s string) string {
		out := []byte(s)
		for i, c := range out {
			if 'A' <= c && c <= 'Z' {
				out[i] = c + 0x20
			}
		}
		return string(out)
	}
	return lower(a) == lower(b)
}

var (
	modelKeys    = []Key{keyN(0), keyN(1), {Origin: "null", URL: keyN(0).URL}}
	modelMethods = []string{"PUT", "put", "DELETE", "*", "PATCH"}
	modelHeaders = []string{"x-a", "X-A", "x-b", "*", "authorization", "Authorization", "x-\u212a"}
	modelAges    = []time.Duration{0, time.Second, 5 * time.Second, 10 * time.Second}
)

// runModel interprets ops as a program of stores, clears, clock moves and
// lookups, runs it on a Cache and on specModel, and reports the first
// lookup where they disagree.
func runModel(t *testing.T, ops []byte) {
	c, clk := newFake(Options{MaxEntries: 100, MaxNamesPerKey: 1000})
	var m specModel
	next := func() byte {
		if len(ops) == 0 {
			return 0
		}
		b := ops[0]
		ops = ops[1:]
		return b
	}
	for len(ops) > 0 {
		op := next()
		k := modelKeys[int(op>>3)%len(modelKeys)]
		cred := op&0x80 != 0
		switch op & 7 {
		case 0, 1: // store
			r := &cors.PreflightResult{MaxAge: modelAges[int(next())%len(modelAges)], Credentials: cred}
			for n := next() % 3; n > 0; n-- {
				r.Methods = append(r.Methods, modelMethods[int(next())%len(modelMethods)])
			}
			for n := next() % 3; n > 0; n-- {
				r.Headers = append(r.Headers, modelHeaders[int(next())%len(modelHeaders)])
			}
			c.Store(k, r)
			m.store(k, r)
		case 2:
			c.Clear(k)
			m.clear(k)
		case 3:
			d := time.Duration(next()) * 100 * time.Millisecond
			clk.Advance(d)
			m.now += d
		case 4:
			method := modelMethods[int(next())%len(modelMethods)]
			if got, want := c.MatchMethod(k, cred, method), m.matchMethod(k, cred, method); got != want {
				t.Fatalf("t=%v MatchMethod(%v, cred=%v, %q) = %v, spec model says %v", m.now, k.URL, cred, method, got, want)
			}
		case 5:
			name := modelHeaders[int(next())%len(modelHeaders)]
			if got, want := c.MatchHeader(k, cred, name), m.matchHeader(k, cred, name); got != want {
				t.Fatalf("t=%v MatchHeader(%v, cred=%v, %q) = %v, spec model says %v", m.now, k.URL, cred, name, got, want)
			}
		default:
			method := modelMethods[int(next())%len(modelMethods)]
			checkMethod := next()&1 == 1
			var hs []string
			for n := next() % 3; n > 0; n-- {
				hs = append(hs, modelHeaders[int(next())%len(modelHeaders)])
			}
			want := !checkMethod || m.matchMethod(k, cred, method)
			for _, h := range hs {
				want = want && m.matchHeader(k, cred, h)
			}
			if got := c.Covers(k, cred, method, checkMethod, hs); got != want {
				t.Fatalf("t=%v Covers(%v, cred=%v, %q, %v, %q) = %v, spec model says %v", m.now, k.URL, cred, method, checkMethod, hs, got, want)
			}
		}
		if msg := checkInvariants(c); msg != "" {
			t.Fatalf("invariant broken: %s", msg)
		}
	}
}

// FuzzAgainstSpecModel checks that Cache answers every lookup as the
// literal spec model does, whatever sequence of stores, clears and clock
// moves came before, and that its internal invariants hold throughout.
func FuzzAgainstSpecModel(f *testing.F) {
	f.Add([]byte{0, 2, 1, 0, 0, 4, 0, 5, 0})
	f.Add([]byte{0x80, 3, 2, 3, 3, 2, 3, 4, 0x84, 3, 4, 0, 3, 50, 0x84, 0})
	f.Add([]byte{8, 1, 1, 3, 0, 3, 20, 16, 3, 1, 0, 1, 4, 14, 0, 3, 30, 6, 1, 1, 2, 0, 1})
	f.Add([]byte{0, 3, 2, 0, 3, 1, 3, 0, 0, 2, 0, 1, 0, 5, 4, 0x85, 3, 6, 2, 1, 1, 2, 3, 4})
	f.Fuzz(runModel)
}

// TestAgainstSpecModel runs a fixed pseudo-random program, so the model
// comparison also runs without -fuzz.
func TestAgainstSpecModel(t *testing.T) {
	ops := make([]byte, 20000)
	x := uint32(2463534242)
	for i := range ops {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		ops[i] = byte(x)
	}
	runModel(t, ops)
	// Again with every name set past its map threshold, so the map path of
	// Store's linear-time merge meets the model too.
	defer func(n int) { nameSetMapThreshold = n }(nameSetMapThreshold)
	nameSetMapThreshold = 0
	runModel(t, ops)
}

package preflightcache

import (
	"testing"
	"time"
)

func TestStatsCountLookups(t *testing.T) {
	c, clk := newFake(Options{})
	k := keyN(0)
	c.Covers(k, false, "PUT", true, nil) // miss: empty cache
	c.Store(k, result(false, time.Second, []string{"PUT"}, []string{"x-a"}))
	c.Covers(k, false, "PUT", true, []string{"x-a"}) // hit
	c.MatchMethod(k, false, "PUT")                   // hit
	c.MatchHeader(k, false, "x-a")                   // hit
	c.MatchHeader(k, false, "x-b")                   // miss
	c.Covers(k, false, "GET", false, nil)            // nothing to check: not counted
	clk.Advance(time.Second)
	c.Covers(k, false, "PUT", true, nil) // miss: expired
	// Bytes: the key's strings (19 + 19 + 27) and keyOverhead, then "PUT"
	// and "x-a" with entryOverhead each.
	want := Stats{Hits: 3, Misses: 3, Keys: 1, Bytes: 65 + keyOverhead + 2*(3+entryOverhead)}
	if got := c.Stats(); got != want {
		t.Errorf("Stats() = %+v, want %+v", got, want)
	}
}

// The zero value works without New, with the real clock.
func TestZeroValueUsable(t *testing.T) {
	var c Cache
	k := keyN(0)
	if c.Covers(k, false, "PUT", true, nil) || c.MatchMethod(k, false, "PUT") || c.MatchHeader(k, false, "x-a") || c.Len() != 0 {
		t.Fatal("empty zero-value cache reported a match")
	}
	c.Clear(k)
	c.Store(k, nil) // a nil result stores nothing
	if c.Len() != 0 {
		t.Fatal("a nil result was stored")
	}
	c.Store(k, result(true, time.Hour, []string{"PUT"}, []string{"x-a"}))
	if !c.Covers(k, true, "PUT", true, []string{"X-A"}) {
		t.Fatal("zero-value cache missed an entry stored an hour ahead")
	}
	c.Clear(k)
	if c.Covers(k, false, "PUT", true, nil) || c.Len() != 0 {
		t.Fatal("cleared key still matches")
	}
	if New(nil).Len() != 0 {
		t.Fatal("New(nil) not empty")
	}
}

// A stored key does not alias the caller's strings or the result's slices.
func TestStoreCopiesItsInputs(t *testing.T) {
	c, _ := newFake(Options{})
	url := []byte("https://api.example/a")
	k := Key{Origin: "https://app.example", URL: string(url)}
	methods := []string{"PUT"}
	c.Store(k, result(false, time.Hour, methods, nil))
	methods[0] = "DELETE"
	if !c.MatchMethod(k, false, "PUT") || c.MatchMethod(k, false, "DELETE") {
		t.Error("changing the result's Methods after Store changed the cache")
	}
}

func TestExpiryAfterSaturates(t *testing.T) {
	if got := expiryAfter(1<<62, 1<<62); got != 1<<63-1 {
		t.Errorf("expiryAfter overflowed: %d", got)
	}
	if got := expiryAfter(5, -3); got != 5 {
		t.Errorf("expiryAfter(5, -3) = %d, want 5", got)
	}
	c, _ := newFake(Options{})
	c.Store(keyN(0), result(false, 1<<63-1, []string{"PUT"}, nil))
	if !c.MatchMethod(keyN(0), false, "PUT") {
		t.Error("an entry with the largest max-age does not match")
	}
}

func TestEqualFoldASCII(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"x-a", "X-A", true},
		{"Authorization", "authorization", true},
		{"", "", true},
		{"x-a", "x-b", false},
		{"x-a", "x-a ", false},
		{"k", "\u212a", false}, // KELVIN SIGN folds to k in Unicode, not in bytes
		{"@", "`", false},      // 0x40 and 0x60 differ by 0x20 but are not letters
		{"[", "{", false},
		{"\xc3\xa9", "\xc3\x89", false}, // é / É: non-ASCII bytes compare exactly
	} {
		if got := equalFoldASCII(tc.a, tc.b); got != tc.want {
			t.Errorf("equalFoldASCII(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
		if got := equalFoldReference(tc.a, tc.b); got != tc.want {
			t.Errorf("equalFoldReference(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func FuzzEqualFoldASCII(f *testing.F) {
	f.Add("x-a", "X-A")
	f.Add("k", "\u212a")
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := equalFoldASCII(a, b), equalFoldReference(a, b); got != want {
			t.Fatalf("equalFoldASCII(%q, %q) = %v, reference %v", a, b, got, want)
		}
		if !equalFoldASCII(a, a) {
			t.Fatalf("equalFoldASCII(%q, itself) = false", a)
		}
		if equalFoldASCII(a, b) != equalFoldASCII(b, a) {
			t.Fatalf("equalFoldASCII not symmetric on %q, %q", a, b)
		}
	})
}

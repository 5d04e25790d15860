package preflightcache

import (
	"testing"
	"time"
	"unsafe"
)

// A hit, a miss and every lookup method allocate nothing, with the default
// clock and with an injected one.
func TestLookupsAllocateNothing(t *testing.T) {
	k, k2 := keyN(1), keyN(2)
	headers := []string{"x-a", "content-type"}
	zero := &Cache{}
	fake, _ := newFake(Options{})
	for name, c := range map[string]*Cache{"zero value": zero, "injected clock": fake} {
		c.Store(k, result(false, time.Hour, []string{"PUT"}, []string{"X-A", "content-type"}))
		cases := []struct {
			name string
			want bool
			f    func() bool
		}{
			{"Covers hit", true, func() bool { return c.Covers(k, false, "PUT", true, headers) }},
			{"Covers miss (absent key)", false, func() bool { return c.Covers(k2, false, "PUT", true, headers) }},
			{"Covers miss (header)", false, func() bool { return c.Covers(k, false, "PUT", true, []string{"x-b"}) }},
			{"MatchMethod hit", true, func() bool { return c.MatchMethod(k, false, "PUT") }},
			{"MatchHeader hit", true, func() bool { return c.MatchHeader(k, false, "X-a") }},
			{"MatchHeader miss", false, func() bool { return c.MatchHeader(k, true, "x-a") }},
		}
		for _, tc := range cases {
			if got := tc.f(); got != tc.want {
				t.Fatalf("%s: %s = %v, want %v", name, tc.name, got, tc.want)
			}
			if n := testing.AllocsPerRun(1000, func() { tc.f() }); n != 0 {
				t.Errorf("%s: %s allocates %v times per run, want 0", name, tc.name, n)
			}
		}
	}
}

// A hit reads one slot; the doc comment of slot promises it fills exactly
// one cache line.
func TestSlotFillsOneCacheLine(t *testing.T) {
	if n := unsafe.Sizeof(slot{}); n != 64 {
		t.Errorf("slot is %d bytes, want 64", n)
	}
}

package cors

import "testing"

// RangeBeyondUint64Unsafe alone (WebKit's bound, observed in WebKitGTK
// 2.50.6): a position up to the uint64 maximum is safelisted, one more is
// not, in either place; with RangeBeyondInt64Unsafe too the stricter bound
// wins. See https://fetch.spec.whatwg.org/#simple-range-header-value.
func TestRangeBeyondUint64Unsafe(t *testing.T) {
	u := Policy{RangeBeyondUint64Unsafe: true}
	both := Policy{RangeBeyondUint64Unsafe: true, RangeBeyondInt64Unsafe: true}
	for _, tt := range []struct {
		value         string
		spec, u, both bool
	}{
		{"bytes=0-1", true, true, true},
		{"bytes=0-9223372036854775807", true, true, false},
		{"bytes=0-18446744073709551615", true, true, false},
		{"bytes=000018446744073709551615-", true, true, false},
		{"bytes=0-18446744073709551616", true, false, false},
		{"bytes=18446744073709551616-", true, false, false},
		{"bytes=5-", true, true, true},
		{"bytes=-5", false, false, false}, // a suffix range is never safelisted
	} {
		if got := (&Policy{}).IsCORSSafelistedRequestHeader("Range", tt.value); got != tt.spec {
			t.Errorf("spec: %q safelisted = %v, want %v", tt.value, got, tt.spec)
		}
		if got := u.IsCORSSafelistedRequestHeader("Range", tt.value); got != tt.u {
			t.Errorf("RangeBeyondUint64Unsafe: %q safelisted = %v, want %v", tt.value, got, tt.u)
		}
		if got := both.IsCORSSafelistedRequestHeader("Range", tt.value); got != tt.both {
			t.Errorf("both bounds: %q safelisted = %v, want %v", tt.value, got, tt.both)
		}
	}
}

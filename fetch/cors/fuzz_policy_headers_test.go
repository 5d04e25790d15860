package cors

import (
	"testing"

	"github.com/corsfetch/corsfetch/fetch/safelist"
)

// Policy.IsCORSSafelistedRequestHeader: the zero Policy is the standard's
// test; Firefox's knobs only narrow it; Chromium and WebKit widen it only
// by their named knobs (client hints; Range's unit in any case).
func FuzzPolicySafelist(f *testing.F) {
	for _, s := range [][2]string{{"Accept", "text/\xe9"}, {"Range", "Bytes=0-1"}, {"Range", "bytes=99999999999999999999-"},
		{"Content-Type", "text/plain;a=b,c"}, {"Save-Data", "on"}, {"DPR", "1.5"}, {"ECT", "4g"}, {"Range", "BYTES=5-"}} {
		f.Add(s[0], s[1])
	}
	chromium, firefox, webkit := ChromiumPolicy(), FirefoxPolicy(), WebKitPolicy()
	f.Fuzz(func(t *testing.T, name, value string) {
		spec := safelist.IsCORSSafelistedRequestHeader(name, value)
		var zero *Policy
		if got := zero.IsCORSSafelistedRequestHeader(name, value); got != spec {
			t.Fatalf("zero Policy %q: %q = %v, standard %v", name, value, got, spec)
		}
		if firefox.IsCORSSafelistedRequestHeader(name, value) && !spec {
			t.Fatalf("firefox widens: %q: %q", name, value)
		}
		for _, p := range []*Policy{&chromium, &webkit} {
			if p.IsCORSSafelistedRequestHeader(name, value) && !spec &&
				!(p.ClientHintHeadersSafelisted && isClientHint(name, value)) &&
				!(p.RangeUnitCaseInsensitive && asciiEqualFold(name, "Range")) {
				t.Fatalf("unnamed widening: %q: %q", name, value)
			}
		}
	})
}

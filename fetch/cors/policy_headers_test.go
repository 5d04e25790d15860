package cors

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

var presetPolicies = []struct {
	name string
	p    Policy
}{
	{"spec", Policy{}},
	{"chromium", ChromiumPolicy()},
	{"firefox", FirefoxPolicy()},
	{"webkit", WebKitPolicy()},
}

// The per-header knobs of the presets (browsers.md §6 and §7; the Range
// bound and the client hints observed in headless Chromium 156), against
// the standard's https://fetch.spec.whatwg.org/#cors-safelisted-request-header.
// Each row says which presets safelist the header: the letters s, c, f, w.
func TestPresetSafelist(t *testing.T) {
	for _, tt := range []struct {
		name, value string
		safe        string
	}{
		{"Accept", "text/html", "scfw"},
		{"Accept", "text/\xe9", "scw"}, // AcceptNonASCIIUnsafe
		{"Content-Type", "text/plain", "scfw"},
		{"Content-Type", "text/plain; a=\xe9", "scw"}, // ContentTypeCommaOrNonASCIIUnsafe
		{"Content-Type", "text/plain; a=b,c", "scw"},
		{"Content-Type", "application/json", ""},
		{"Range", "bytes=0-1", "scfw"},
		{"Range", "Bytes=0-1", "w"}, // RangeUnitCaseInsensitive
		{"Range", "BYTES=0-", "w"},
		{"Range", "Bytes=5-4", ""},
		{"Range", "bytes=9223372036854775806-", "scfw"}, // RangeBeyondInt64Unsafe
		{"Range", "bytes=0-9223372036854775806", "scfw"},
		{"Range", "bytes=9223372036854775807-", "sfw"}, // RangeInt64MaxSafelisted; RangeBeyondUint64Unsafe
		{"Range", "bytes=0-9223372036854775807", "sfw"},
		{"Range", "bytes=9223372036854775808-", "sw"},
		{"Range", "bytes=0-9223372036854775808", "sfw"}, // RangeLastPositionUint64
		{"Range", "bytes=0-18446744073709551615", "sfw"},
		{"Range", "bytes=18446744073709551615-", "sw"},
		{"Range", "Bytes=0-18446744073709551615", "w"},
		{"Range", "bytes=0-18446744073709551616", "s"},
		{"Range", "bytes=18446744073709551616-", "s"},
		{"Range", "bytes=0-99999999999999999999", "s"},
		{"Range", "bytes=00000000000000000000001-", "scfw"},
		{"Save-Data", "on", "c"}, // ClientHintHeadersSafelisted
		{"Save-Data", "ON", "c"},
		{"Save-Data", "off", ""},
		{"DPR", "2.0", "c"},
		{"DPR", "2.", ""},
		{"DPR", "x", ""},
		{"Device-Memory", "8", "c"},
		{"Downlink", "1.5", "c"},
		{"Width", "100", "c"},
		{"Viewport-Width", "1.5", ""},
		{"RTT", "50", "c"},
		{"ECT", "4g", "c"},
		{"ECT", "5g", ""},
		{"ECT", "4G", ""},
		{"Intervention", "anything", "c"},
		{"Intervention", strings.Repeat("a", 129), ""},
		{"X-Custom", "1", ""},
	} {
		for i, pr := range presetPolicies {
			want := strings.IndexByte(tt.safe, "scfw"[i]) >= 0
			if got := pr.p.IsCORSSafelistedRequestHeader(tt.name, tt.value); got != want {
				t.Errorf("%s: %s: %q safelisted = %v, want %v", pr.name, tt.name, tt.value, got, want)
			}
		}
	}
}

// The CORS-unsafe request-header names under each preset: Firefox drops
// the 1024-byte total (NoSafelistedValueTotal) and keeps a name per header
// (DuplicateRequestHeaderNames); Chromium and WebKit join repeated values
// first (JoinDuplicateRequestHeaders).
// See https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names.
func TestPresetUnsafeNames(t *testing.T) {
	eleven := make([]string, 11)
	for i := range eleven {
		eleven[i] = strings.Repeat(string(rune('a'+i)), 100)
	}
	for _, tt := range []struct {
		name string
		h    http.Header
		want map[string][]string // by preset; "spec" is the default
	}{
		{"eleven 100-byte Accept values", http.Header{"Accept": eleven},
			map[string][]string{"spec": {"accept"}, "firefox": nil}},
		{"two X-A headers", http.Header{"X-A": {"1", "2"}, "X-B": {"1"}},
			map[string][]string{"spec": {"x-a", "x-b"}, "firefox": {"x-a", "x-a", "x-b"}}},
		{"X-A under two keys", http.Header{"X-A": {"1"}, "x-a": {"2"}},
			map[string][]string{"spec": {"x-a"}, "firefox": {"x-a", "x-a"}}},
		{"simple", http.Header{"Accept": {"*/*"}, "Content-Type": {"text/plain"}},
			map[string][]string{"spec": nil}},
	} {
		for _, pr := range presetPolicies {
			want, ok := tt.want[pr.name]
			if !ok {
				want = tt.want["spec"]
			}
			if got := pr.p.UnsafeRequestHeaderNames(tt.h); !slices.Equal(got, want) {
				t.Errorf("%s: %s: %q, want %q", pr.name, tt.name, got, want)
			}
		}
	}
}

// DuplicateRequestHeaderNames shows in the preflight: "x-a,x-a".
func TestDuplicateNamesInPreflight(t *testing.T) {
	u, _ := url.Parse("http://api.test/r")
	r := &Request{Method: "GET", URL: u, Origin: "http://page.test", Header: http.Header{"X-A": {"1", "2"}}}
	for _, pr := range presetPolicies {
		req, err := pr.p.NewPreflightRequest(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		want := "x-a"
		if pr.name == "firefox" {
			want = "x-a,x-a"
		}
		if got := req.Header.Get("Access-Control-Request-Headers"); got != want {
			t.Errorf("%s: ACRH %q, want %q", pr.name, got, want)
		}
	}
}

// Under every preset a simple request's needs-preflight decision
// allocates nothing.
func TestPresetNeedsPreflightNoAllocs(t *testing.T) {
	h := http.Header{"Accept": {"*/*"}, "Content-Type": {"text/plain;charset=UTF-8"}, "Range": {"bytes=0-1"}}
	for _, pr := range presetPolicies {
		p := pr.p
		n := testing.AllocsPerRun(500, func() {
			if p.NeedsPreflight("GET", h, false) {
				t.Fatalf("%s: a simple GET needs a preflight", pr.name)
			}
		})
		if n != 0 {
			t.Errorf("%s: NeedsPreflight allocates %v times for a simple request", pr.name, n)
		}
	}
}

package cors

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/safelist"
)

// https://fetch.spec.whatwg.org/#main-fetch (the preflight condition) with
// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names.
func TestNeedsPreflight(t *testing.T) {
	long := strings.Repeat("a", 129)
	tests := []struct {
		name   string
		method string
		h      http.Header
		flag   bool
		want   bool
	}{
		{"GET no headers", "GET", nil, false, false},
		{"HEAD", "HEAD", nil, false, false},
		{"POST form", "POST", http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, false, false},
		{"use-CORS-preflight flag", "GET", nil, true, true},
		{"PUT", "PUT", nil, false, true},
		{"lowercase get is not safelisted", "get", nil, false, true},
		{"PATCH", "PATCH", nil, false, true},
		{"JSON content type", "POST", http.Header{"Content-Type": {"application/json"}}, false, true},
		{"custom header", "GET", http.Header{"X-Test": {"1"}}, false, true},
		{"Authorization", "GET", http.Header{"Authorization": {"Bearer x"}}, false, true},
		{"safelisted Accept", "GET", http.Header{"Accept": {"text/html"}}, false, false},
		{"Accept over 128 bytes", "GET", http.Header{"Accept": {long}}, false, true},
		{"Range with a start", "GET", http.Header{"Range": {"bytes=0-1"}}, false, false},
		{"Range without a start", "GET", http.Header{"Range": {"bytes=-1"}}, false, true},
		{"safelisted values over 1024 bytes", "GET", http.Header{
			"Accept": {strings.Repeat("a", 128)}, "Accept-Language": {strings.Repeat("b", 128)},
			"Content-Language": {strings.Repeat("c", 128), strings.Repeat("c", 128), strings.Repeat("c", 128),
				strings.Repeat("c", 128), strings.Repeat("c", 128), strings.Repeat("c", 128), strings.Repeat("c", 1)},
		}, false, true},
		{"safelisted values of exactly 1024 bytes", "GET", http.Header{
			"Accept": {strings.Repeat("a", 128), strings.Repeat("a", 128), strings.Repeat("a", 128), strings.Repeat("a", 128),
				strings.Repeat("a", 128), strings.Repeat("a", 128), strings.Repeat("a", 128), strings.Repeat("a", 128)},
		}, false, false},
		// Forbidden request headers are the user agent's and never count.
		{"forbidden Cookie", "GET", http.Header{"Cookie": {"a=b"}}, false, false},
		{"forbidden Sec-Fetch-Mode", "GET", http.Header{"Sec-Fetch-Mode": {"cors"}}, false, false},
		{"forbidden Proxy-Foo", "GET", http.Header{"Proxy-Foo": {"1"}}, false, false},
		{"forbidden Origin and Referer", "GET", http.Header{"Origin": {"x"}, "Referer": {"y"}}, false, false},
		{"forbidden value does not eat the budget", "GET", http.Header{"Cookie": {strings.Repeat("c", 2000)}, "Accept": {"x"}}, false, false},
		{"X-HTTP-Method-Override: TRACE is forbidden", "GET", http.Header{"X-Http-Method-Override": {"TRACE"}}, false, false},
		{"X-HTTP-Method-Override: PUT is not", "GET", http.Header{"X-Http-Method-Override": {"PUT"}}, false, true},
		{"User-Agent is not forbidden in the standard", "GET", http.Header{"User-Agent": {"x"}}, false, true},
	}
	for _, tt := range tests {
		if got := NeedsPreflight(tt.method, tt.h, tt.flag); got != tt.want {
			t.Errorf("%s: NeedsPreflight = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestNeedsPreflightPolicy(t *testing.T) {
	chromium := ChromiumPolicy()
	// Chromium joins repeated values before the 128-byte check (browsers.md §6).
	twoAccepts := http.Header{"Accept": {strings.Repeat("a", 100), strings.Repeat("b", 100)}}
	if NeedsPreflight("GET", twoAccepts, false) {
		t.Error("standard: two 100-byte Accept values need no preflight")
	}
	if !chromium.NeedsPreflight("GET", twoAccepts, false) {
		t.Error("Chromium: two 100-byte Accept values joined exceed 128 bytes")
	}
	ua := http.Header{"User-Agent": {"bot"}}
	if chromium.NeedsPreflight("GET", ua, false) {
		t.Error("Chromium: a page's User-Agent is dropped and never preflights")
	}
	var nilPolicy *Policy
	if !nilPolicy.NeedsPreflight("GET", ua, false) {
		t.Error("nil policy: User-Agent is CORS-unsafe")
	}
}

func TestUnsafeRequestHeaderNames(t *testing.T) {
	h := http.Header{
		"X-B": {"1"}, "x-a": {"2"}, "X-A": {"3"}, "Accept": {"text/html"}, "Content-Type": {"application/json"},
		"Cookie": {"k=v"}, "Sec-Ch-Ua": {"x"},
	}
	var p *Policy
	got := p.UnsafeRequestHeaderNames(h)
	want := []string{"content-type", "x-a", "x-b"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	// Without forbidden headers it is safelist's function exactly.
	delete(h, "Cookie")
	delete(h, "Sec-Ch-Ua")
	if s := safelist.CORSUnsafeRequestHeaderNames(h); !slices.Equal(got, s) {
		t.Errorf("differs from safelist: %q vs %q", got, s)
	}
	if got := p.UnsafeRequestHeaderNames(http.Header{"Accept": {"*/*"}}); got != nil {
		t.Errorf("got %q, want nil", got)
	}
}

func TestNeedsPreflightNoAllocs(t *testing.T) {
	h := http.Header{"Accept": {"*/*"}, "Content-Type": {"text/plain;charset=UTF-8"}, "Accept-Language": {"en-US,en;q=0.9"}}
	n := testing.AllocsPerRun(1000, func() {
		if NeedsPreflight("POST", h, false) {
			t.Fatal("a simple POST needs a preflight")
		}
	})
	if n != 0 {
		t.Errorf("NeedsPreflight allocates %v times for a simple request", n)
	}
}

package safelist

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCORSUnsafeRequestHeaderNames(t *testing.T) {
	const a = "https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names"
	r := strings.Repeat
	tests := []struct {
		src  string
		h    http.Header
		want []string
	}{
		{a, nil, nil},
		{a, http.Header{}, nil},
		{a, http.Header{"Accept": {"*/*"}, "Accept-Language": {"en"}, "Content-Type": {"text/plain"}, "Range": {"bytes=0-"}}, nil},
		{a + " step 4.1", http.Header{"Accept": {"*/*"}, "X-B": {"1"}, "X-A": {"2"}}, []string{"x-a", "x-b"}},
		{a + " step 4.1 (each value is a header)", http.Header{"Content-Type": {"text/plain", "application/json"}}, []string{"content-type"}},
		{a + " step 4.1 (each value is a header)", http.Header{"Accept": {r("a", 100), r("a", 100)}}, nil},
		{a + " step 4.1 (keys may be non-canonical)", http.Header{"x-a": {"1"}, "X-A": {"2"}, "X-a": {"3"}}, []string{"x-a"}},
		{a + " step 4.1 (keys may be non-canonical)", http.Header{"content-TYPE": {"application/json"}, "ACCEPT": {"*/*"}}, []string{"content-type"}},
		{a + " step 4.1 (no values, no header)", http.Header{"X-Empty": nil, "X-Empty2": {}}, nil},
		{a + " step 4.1 (empty value is a header)", http.Header{"X-Empty": {""}}, []string{"x-empty"}},
		{a + " step 5 (1025 bytes)", http.Header{
			"Accept":           {r("a", 128), r("a", 128), r("a", 128), r("a", 128)},
			"Accept-Language":  {r("a", 128), r("a", 128), r("a", 128)},
			"Content-Language": {r("a", 128), "a"},
		}, []string{"accept", "accept-language", "content-language"}},
		{a + " step 5 (exactly 1024 bytes)", http.Header{
			"Accept":           {r("a", 128), r("a", 128), r("a", 128), r("a", 128)},
			"Accept-Language":  {r("a", 128), r("a", 128), r("a", 128)},
			"Content-Language": {r("a", 128)},
		}, nil},
		{a + " step 5 (unsafe values do not count)", http.Header{
			"Accept": {r("a", 128)},
			"X-Big":  {r("a", 2000)},
		}, []string{"x-big"}},
		{a + " step 5 (over budget plus unsafe)", http.Header{
			"Accept": {r("a", 128), r("a", 128), r("a", 128), r("a", 128), r("a", 128), r("a", 128), r("a", 128), r("a", 128), "b"},
			"Z-Foo":  {"1"},
		}, []string{"accept", "z-foo"}},
		{a + " step 6 (byte order)", http.Header{"X-b": {"1"}, "X-B-": {"1"}, "X-A": {"1"}, "X-_": {"1"}, "X-0": {"1"}}, []string{"x-0", "x-_", "x-a", "x-b", "x-b-"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, CORSUnsafeRequestHeaderNames(tt.h)); diff != "" {
			t.Errorf("%s: CORSUnsafeRequestHeaderNames(%v) (-want +got):\n%s", tt.src, tt.h, diff)
		}
	}
}

func TestCORSUnsafeRequestHeaderNamesJoinedFunc(t *testing.T) {
	// The Chromium/WebKit deviation: values are joined before judging.
	r := strings.Repeat
	tests := []struct {
		desc string
		h    http.Header
		want []string
	}{
		{"single values as in the spec", http.Header{"Accept": {"*/*"}}, nil},
		{"two 100-byte values join to 202 bytes", http.Header{"Accept": {r("a", 100), r("a", 100)}}, []string{"accept"}},
		{"joined values within 128 bytes", http.Header{"Accept": {"a", "b"}}, nil},
		{"joined Content-Type fails the MIME parser", http.Header{"Content-Type": {"text/plain", "text/plain"}}, []string{"content-type"}},
		{"joined value counts toward 1024", http.Header{
			"Accept":          {r("a", 126), "b"}, // 129 joined: unsafe
			"Accept-Language": {r("a", 63), r("a", 63)},
		}, []string{"accept"}},
		{"no values", http.Header{"X": nil}, nil},
		{"keys differing in case form one name", http.Header{"Accept": {r("a", 100)}, "accept": {r("a", 100)}}, []string{"accept"}},
		{"keys differing in case, joined in key byte order", http.Header{"content-type": {"application/json"}, "Content-Type": {"text/plain;a=b"}}, nil},
		{"keys differing in case, joined in key byte order", http.Header{"Content-Type": {"application/json"}, "content-type": {"text/plain;a=b"}}, []string{"content-type"}},
		{"keys differing in case, one without values", http.Header{"Accept": nil, "accept": {"*/*"}}, nil},

		{"unsafe name", http.Header{"X-A": {"1", "2"}}, []string{"x-a"}},
	}
	for _, tt := range tests {
		got := CORSUnsafeRequestHeaderNamesJoinedFunc(tt.h, IsCORSSafelistedRequestHeader)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.desc, diff)
		}
	}

	// With the five spec names, joined values never exceed 5*128 bytes; a
	// policy that safelists more names can cross the 1024-byte budget.
	widen := func(name, value string) bool {
		return IsCORSSafelistedRequestHeader(name, value) ||
			(len(value) <= MaxSafelistedValueLength && strings.HasPrefix(strings.ToLower(name), "x-safe"))
	}
	budget := []struct {
		desc string
		h    http.Header
		want []string
	}{
		{"joined sizes total 1024", http.Header{
			"X-Safe-1": {r("a", 63)}, "x-safe-1": {r("a", 63)}, "X-Safe-2": {r("a", 128)}, "X-Safe-3": {r("a", 128)},
			"X-Safe-4": {r("a", 128)}, "X-Safe-5": {r("a", 128)}, "X-Safe-6": {r("a", 128)}, "X-Safe-7": {r("a", 128)},
			"X-Safe-8": {r("a", 128)},
		}, nil},
		{"joined sizes total 1025", http.Header{
			"X-Safe-1": {r("a", 63)}, "x-safe-1": {r("a", 63)}, "X-Safe-2": {r("a", 128)}, "X-Safe-9": {"b"}, "X-Safe-3": {r("a", 128)},
			"X-Safe-4": {r("a", 128)}, "X-Safe-5": {r("a", 128)}, "X-Safe-6": {r("a", 128)}, "X-Safe-7": {r("a", 128)},
			"X-Safe-8": {r("a", 128)},
		}, []string{"x-safe-1", "x-safe-2", "x-safe-3", "x-safe-4", "x-safe-5", "x-safe-6", "x-safe-7", "x-safe-8", "x-safe-9"}},
	}
	for _, tt := range budget {
		got := CORSUnsafeRequestHeaderNamesJoinedFunc(tt.h, widen)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.desc, diff)
		}
	}
}

func TestCORSUnsafeRequestHeaderNamesFunc(t *testing.T) {
	widen := func(name, value string) bool {
		return IsCORSSafelistedRequestHeader(name, value) || strings.EqualFold(name, "DPR")
	}
	h := http.Header{"Dpr": {"2"}, "X-A": {"1"}}
	if diff := cmp.Diff([]string{"x-a"}, CORSUnsafeRequestHeaderNamesFunc(h, widen)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestSortedLowercaseSet(t *testing.T) {
	// https://fetch.spec.whatwg.org/#convert-header-names-to-a-sorted-lowercase-set
	got := SortedLowercaseSet([]string{"X-B", "x-a", "X-A", "Content-Type", "x-b", "\xc0"})
	want := []string{"content-type", "x-a", "x-b", "\xc0"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := SortedLowercaseSet(nil); len(got) != 0 {
		t.Errorf("SortedLowercaseSet(nil) = %q", got)
	}
}

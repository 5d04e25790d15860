package safelist

import (
	"net/http"
	"testing"
)

// browserHeaders is a typical fetch() request's header list at HTTP fetch:
// what fetch() and the page set, before the network layer adds more.
func browserHeaders() http.Header {
	return http.Header{
		"Accept":           {"*/*"},
		"Accept-Language":  {"en-US,en;q=0.9"},
		"Content-Type":     {"application/x-www-form-urlencoded;charset=UTF-8"},
		"Content-Language": {"en"},
		"Range":            {"bytes=0-1023"},
		"Accept-Encoding":  nil, // a key without values is no header
	}
}

func TestZeroAllocs(t *testing.T) {
	h := browserHeaders()
	exposed := []string{"X-Request-Id", "X-Trace"}
	cases := []struct {
		name string
		fn   func()
	}{
		{"IsCORSSafelistedRequestHeader/Accept", func() { _ = IsCORSSafelistedRequestHeader("Accept", "text/html,*/*;q=0.8") }},
		{"IsCORSSafelistedRequestHeader/Accept-Language", func() { _ = IsCORSSafelistedRequestHeader("accept-language", "en-US,en;q=0.9") }},
		{"IsCORSSafelistedRequestHeader/Content-Type", func() { _ = IsCORSSafelistedRequestHeader("Content-Type", "Text/Plain;charset=utf-8") }},
		{"IsCORSSafelistedRequestHeader/Range", func() { _ = IsCORSSafelistedRequestHeader("Range", "bytes=100-200") }},
		{"IsCORSSafelistedRequestHeader/X-Foo", func() { _ = IsCORSSafelistedRequestHeader("X-Foo", "bar") }},
		{"IsNoCORSSafelistedRequestHeader", func() { _ = IsNoCORSSafelistedRequestHeader("Content-Type", "text/plain") }},
		{"IsForbiddenRequestHeader", func() { _ = IsForbiddenRequestHeader("X-HTTP-Method-Override", `GET, "a,b", TRACE`) }},
		{"IsForbiddenRequestHeader/Sec-", func() { _ = IsForbiddenRequestHeader("Sec-Fetch-Mode", "cors") }},
		{"IsCORSSafelistedResponseHeaderName", func() { _ = IsCORSSafelistedResponseHeaderName("x-trace", exposed) }},
		{"IsRequestBodyHeaderName", func() { _ = IsRequestBodyHeaderName("Content-Location") }},
		{"NormalizeMethod", func() { _ = NormalizeMethod("delete") }},
		{"IsForbiddenMethod", func() { _ = IsForbiddenMethod("track") }},
		{"CORSUnsafeRequestHeaderNames/all safelisted", func() {
			if CORSUnsafeRequestHeaderNames(h) != nil {
				panic("unexpected unsafe names")
			}
		}},
		{"CORSUnsafeRequestHeaderNamesJoinedFunc/all safelisted", func() {
			_ = CORSUnsafeRequestHeaderNamesJoinedFunc(h, IsCORSSafelistedRequestHeader)
		}},
	}
	for _, c := range cases {
		if n := testing.AllocsPerRun(100, c.fn); n != 0 {
			t.Errorf("%s: %v allocs per run, want 0", c.name, n)
		}
	}
}

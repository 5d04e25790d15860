package safelist_test

import (
	"fmt"
	"net/http"

	"github.com/corsfetch/corsfetch/fetch/safelist"
)

func ExampleIsCORSSafelistedRequestHeader() {
	fmt.Println(safelist.IsCORSSafelistedRequestHeader("Content-Type", "text/plain;charset=UTF-8"))
	fmt.Println(safelist.IsCORSSafelistedRequestHeader("Content-Type", "application/json"))
	fmt.Println(safelist.IsCORSSafelistedRequestHeader("Range", "bytes=-500"))
	// Output:
	// true
	// false
	// false
}

func ExampleCORSUnsafeRequestHeaderNames() {
	h := http.Header{}
	h.Set("Accept", "*/*")
	h.Set("Content-Type", "application/json")
	h.Set("X-Request-Id", "42")
	fmt.Println(safelist.CORSUnsafeRequestHeaderNames(h))
	h.Del("Content-Type")
	h.Del("X-Request-Id")
	fmt.Println(safelist.CORSUnsafeRequestHeaderNames(h) == nil)
	// Output:
	// [content-type x-request-id]
	// true
}

func ExampleIsForbiddenRequestHeader() {
	fmt.Println(safelist.IsForbiddenRequestHeader("X-HTTP-Method-Override", "GET, TRACE"))
	fmt.Println(safelist.IsForbiddenRequestHeader("X-HTTP-Method-Override", "PATCH"))
	fmt.Println(safelist.IsForbiddenRequestHeader("Sec-Fetch-Mode", "cors"))
	// Output:
	// true
	// false
	// true
}

func ExampleNormalizeMethod() {
	fmt.Println(safelist.NormalizeMethod("delete"), safelist.NormalizeMethod("patch"))
	fmt.Println(safelist.IsCORSSafelistedMethod("post"), safelist.IsCORSSafelistedMethod("POST"))
	// Output:
	// DELETE patch
	// false true
}

func ExampleIsCORSSafelistedResponseHeaderName() {
	exposed := []string{"X-Trace", "Set-Cookie"}
	fmt.Println(safelist.IsCORSSafelistedResponseHeaderName("Content-Length", nil))
	fmt.Println(safelist.IsCORSSafelistedResponseHeaderName("x-trace", exposed))
	fmt.Println(safelist.IsCORSSafelistedResponseHeaderName("Set-Cookie", exposed))
	// Output:
	// true
	// true
	// false
}

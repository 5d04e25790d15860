package safelist

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMethods(t *testing.T) {
	// https://fetch.spec.whatwg.org/#cors-safelisted-method, #forbidden-method,
	// #concept-method-normalize
	tests := []struct {
		m                  string
		safelisted, forbid bool
		normalized         string
	}{
		{"GET", true, false, "GET"},
		{"get", false, false, "GET"},
		{"HEAD", true, false, "HEAD"},
		{"POST", true, false, "POST"},
		{"post", false, false, "POST"},
		{"PUT", false, false, "PUT"},
		{"pUt", false, false, "PUT"},
		{"delete", false, false, "DELETE"},
		{"options", false, false, "OPTIONS"},
		{"patch", false, false, "patch"},
		{"PATCH", false, false, "PATCH"},
		{"CONNECT", false, true, "CONNECT"},
		{"connect", false, true, "connect"},
		{"TRACE", false, true, "TRACE"},
		{"track", false, true, "track"},
		{"TRACEx", false, false, "TRACEx"},
		{"", false, false, ""},
	}
	for _, tt := range tests {
		if got := IsCORSSafelistedMethod(tt.m); got != tt.safelisted {
			t.Errorf("IsCORSSafelistedMethod(%q) = %v", tt.m, got)
		}
		if got := IsForbiddenMethod(tt.m); got != tt.forbid {
			t.Errorf("IsForbiddenMethod(%q) = %v", tt.m, got)
		}
		if got := NormalizeMethod(tt.m); got != tt.normalized {
			t.Errorf("NormalizeMethod(%q) = %q, want %q", tt.m, got, tt.normalized)
		}
	}
}

func TestIsCORSSafelistedRequestHeaderBasic(t *testing.T) {
	// https://fetch.spec.whatwg.org/#cors-safelisted-request-header
	tests := []struct {
		name, value string
		want        bool
	}{
		{"Accept", "*/*", true},
		{"accept", "text/html", true},
		{"Accept", "a\"b", false},
		{"Accept", strings.Repeat("a", 128), true},
		{"Accept", strings.Repeat("a", 129), false},
		{"Accept-Language", "en-US,en;q=0.9", true},
		{"Accept-Language", "en_US", false},
		{"Content-Language", "de", true},
		{"Content-Type", "text/plain", true},
		{"Content-Type", "Text/Plain;charset=utf-8", true},
		{"Content-Type", "application/json", false},
		{"Content-Type", "text /plain", false},
		{"Content-Type", "text/plain,", false},
		{"Content-Type", "multipart/form-data;\"", false},
		{"Range", "bytes=0-", true},
		{"Range", "bytes=5-10", true},
		{"Range", "bytes=10-5", false},
		{"Range", "bytes=-500", false},
		{"Range", "bytes = 0-", false},
		{"X-Foo", "bar", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := IsCORSSafelistedRequestHeader(tt.name, tt.value); got != tt.want {
			t.Errorf("IsCORSSafelistedRequestHeader(%q, %q) = %v, want %v", tt.name, tt.value, got, tt.want)
		}
	}
}

func TestCORSUnsafeRequestHeaderNamesBasic(t *testing.T) {
	// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names
	tests := []struct {
		desc string
		h    http.Header
		want []string
	}{
		{"nil", nil, nil},
		{"all safelisted", http.Header{"Accept": {"*/*"}, "Content-Type": {"text/plain"}}, nil},
		{"one unsafe", http.Header{"Accept": {"*/*"}, "X-B": {"1"}, "x-a": {"2"}, "X-A": {"3"}}, []string{"x-a", "x-b"}},
		{"second value unsafe", http.Header{"Content-Type": {"text/plain", "application/json"}}, []string{"content-type"}},
		{"over 1024", http.Header{
			"Accept":           {strings.Repeat("a", 128), strings.Repeat("a", 128), strings.Repeat("a", 128), strings.Repeat("a", 128)},
			"Accept-Language":  {strings.Repeat("a", 128), strings.Repeat("a", 128), strings.Repeat("a", 128)},
			"Content-Language": {strings.Repeat("a", 128), "a"},
		}, []string{"accept", "accept-language", "content-language"}},
		{"exactly 1024", http.Header{
			"Accept":           {strings.Repeat("a", 128), strings.Repeat("a", 128), strings.Repeat("a", 128), strings.Repeat("a", 128)},
			"Accept-Language":  {strings.Repeat("a", 128), strings.Repeat("a", 128), strings.Repeat("a", 128)},
			"Content-Language": {strings.Repeat("a", 128)},
		}, nil},
		{"empty values list ignored", http.Header{"X-Empty": nil}, nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, CORSUnsafeRequestHeaderNames(tt.h)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.desc, diff)
		}
	}
}

func TestNamePredicatesBasic(t *testing.T) {
	if !IsPrivilegedNoCORSRequestHeaderName("RANGE") || IsPrivilegedNoCORSRequestHeaderName("Accept") {
		t.Error("IsPrivilegedNoCORSRequestHeaderName")
	}
	if !IsCORSNonWildcardRequestHeaderName("authorization") || IsCORSNonWildcardRequestHeaderName("*") {
		t.Error("IsCORSNonWildcardRequestHeaderName")
	}
	if !IsNoCORSSafelistedRequestHeader("Accept", "*/*") || IsNoCORSSafelistedRequestHeader("Range", "bytes=0-") {
		t.Error("IsNoCORSSafelistedRequestHeader")
	}
	if !IsForbiddenRequestHeader("Sec-Fetch-Mode", "x") || !IsForbiddenRequestHeader("proxy-authorization", "x") ||
		!IsForbiddenRequestHeader("X-HTTP-Method-Override", "GET, trace") || IsForbiddenRequestHeader("X-HTTP-Method-Override", "GET") ||
		IsForbiddenRequestHeader("User-Agent", "x") || !IsForbiddenRequestHeader("host", "") {
		t.Error("IsForbiddenRequestHeader")
	}
	if !IsForbiddenResponseHeaderName("set-cookie2") || IsForbiddenResponseHeaderName("cookie") {
		t.Error("IsForbiddenResponseHeaderName")
	}
	if !IsCORSSafelistedResponseHeaderName("content-length", nil) || !IsCORSSafelistedResponseHeaderName("X-A", []string{"x-a"}) ||
		IsCORSSafelistedResponseHeaderName("Set-Cookie", []string{"set-cookie"}) || IsCORSSafelistedResponseHeaderName("X-B", []string{"*"}) {
		t.Error("IsCORSSafelistedResponseHeaderName")
	}
	if !IsRequestBodyHeaderName("Content-Location") || IsRequestBodyHeaderName("Content-Length") {
		t.Error("IsRequestBodyHeaderName")
	}
}

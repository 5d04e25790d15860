package safelistspec

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsfetch/corsfetch/fetch/safelist"
)

// postHeaders is the header list fetch(url, {method: "POST", headers, body:
// "data"}) has at HTTP fetch: fetch() adds Accept and, for a string body
// without a Content-Type, text/plain;charset=UTF-8.
func postHeaders(name, value string) http.Header {
	h := http.Header{"Accept": {"*/*"}}
	if !strings.EqualFold(name, "content-type") {
		h["Content-Type"] = []string{"text/plain;charset=UTF-8"}
	}
	h[name] = append(h[name], value)
	return h
}

// TestWPTCORSSafelistedRequestHeader translates
// cors/cors-safelisted-request-header.any.js: a POST with one extra header
// is preflighted exactly when that header is not CORS-safelisted.
func TestWPTCORSSafelistedRequestHeader(t *testing.T) {
	tests := []struct {
		name, value string
		preflight   bool
	}{
		{"content-type", "text /plain", true},
		{"content-type", "text\t/\tplain", true},
		{"content-type", "text/plain;", false},
		{"content-type", "text/plain;garbage", false},
		{"content-type", "text/plain;garbage\u0001\u0002", true},
		{"content-type", "text/plain,", true},
		{"content-type", ",text/plain", true},
		{"content-type", "text/plain,text/plain", true},
		{"content-type", "text/plain,x/x", true},
		{"content-type", "text/plain\u000B", true},
		{"content-type", "text/plain\u000C", true},
		{"content-type", "application/www-form-urlencoded", true},
		{"content-type", "application/x-www-form-urlencoded;\u007F", true},
		{"content-type", "multipart/form-data", false},
		{"content-type", "multipart/form-data;\"", true},
		{"range", "100-200", true},
		{"range", "MB=100-200", true},
		{"range", "bytes=100-200", false},
		{"range", "bytes =100-200", true},
		{"range", "bytes\t=100-200", true},
		{"range", "bytes=  100-200", true},
		{"range", "bytes=\t\t100-200", true},
		{"range", "bytes= \t100-200", true},
		{"range", "bytes=100 -200", true},
		{"range", "bytes=100\t-200", true},
		{"range", "bytes=100- 200", true},
		{"range", "bytes=100-\t200", true},
		{"range", "bytes=100-200hello", true},
		{"range", "bytes=abc-def", true},
		{"range", "bytes=100-200,300-400", true},
		{"range", "bytes=-200", true},
		{"range", "bytes=200-", false},
		{"range", "bytes=200-100", true},
		{"range", "bytes=1" + strings.Repeat("0", 60) + "-2" + strings.Repeat("0", 60), true}, // 129 bytes
		{"range", "bytes 100-200", true},
		{"range", "bytes = 100-200", true},
		{"range", ",bytes=100-200", true},
		{"range", "bytes=,100-200", true},
		{"last-event-id", "abc123", true}, // not a safelisted name in Fetch
		{"last-event-id", "\"", true},
		{"last-event-id", "e5p3n<3k0k0s", true},
		{"last-event-id", strings.Repeat("0123456789", 12) + "012345678", true},
	}
	for _, tt := range tests {
		if got := safelist.IsCORSSafelistedRequestHeader(tt.name, tt.value); got == tt.preflight {
			t.Errorf("IsCORSSafelistedRequestHeader(%q, %q) = %v, want %v", tt.name, tt.value, got, !tt.preflight)
		}
		got := safelist.CORSUnsafeRequestHeaderNames(postHeaders(tt.name, tt.value))
		var want []string
		if tt.preflight {
			want = []string{tt.name}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("unsafe names with %s: %q (-want +got):\n%s", tt.name, tt.value, diff)
		}
	}
}

// notCORSSafelisted is fetch/api/cors/resources/not-cors-safelisted.json.
var notCORSSafelisted = [][2]string{
	{"accept", "\""},
	{"accept", strings.Repeat("0123456789", 12) + "012345678"},
	{"accept-language", "\u0001"},
	{"accept-language", "@"},
	{"authorization", "basics"},
	{"content-language", "\u0001"},
	{"content-language", "@"},
	{"content-type", "text/html"},
	{"content-type", "text/plain; long=" + strings.Repeat("0123456789", 11) + "01"},
	{"last-event-id", "\""},
	{"last-event-id", strings.Repeat("0123456789", 12) + "012345678"},
	{"range", "bytes 0-"},
	{"test", "hi"},
}

// TestWPTPreflightNotCORSSafelisted translates
// fetch/api/cors/cors-preflight-not-cors-safelisted.any.js: a GET with each
// header of not-cors-safelisted.json needs a preflight listing it.
func TestWPTPreflightNotCORSSafelisted(t *testing.T) {
	for _, row := range notCORSSafelisted {
		name, value := row[0], row[1]
		if safelist.IsCORSSafelistedRequestHeader(name, value) {
			t.Errorf("IsCORSSafelistedRequestHeader(%q, %q) = true", name, value)
		}
		h := http.Header{"Accept": {"*/*"}}
		h.Set(name, value) // canonical key, as net/http callers write it
		if diff := cmp.Diff([]string{name}, safelist.CORSUnsafeRequestHeaderNames(h)); diff != "" {
			t.Errorf("unsafe names for %s: %q (-want +got):\n%s", name, value, diff)
		}
	}
}

// TestWPTHeadersNoCORS translates fetch/api/headers/headers-no-cors.any.js:
// a "request-no-cors" Headers object keeps a header only while its
// (combined) value is a no-CORS-safelisted request-header
// (https://fetch.spec.whatwg.org/#concept-headers-append step 4).
func TestWPTHeadersNoCORS(t *testing.T) {
	rows := append([][2]string{}, notCORSSafelisted...)
	rows = append(rows, [][2]string{
		{"dpr", "2"}, {"rtt", "1.0"}, {"downlink", "-1.0"}, {"ect", "6g"}, {"save-data", "on"},
		{"viewport-width", "100"}, {"width", "100"}, {"unknown", "doesitmatter"},
	}...)
	for _, row := range rows {
		if safelist.IsNoCORSSafelistedRequestHeader(row[0], row[1]) {
			t.Errorf("IsNoCORSSafelistedRequestHeader(%q, %q) = true", row[0], row[1])
		}
	}

	// Appends whose combined value ("a, b", as "get" joins) stops being
	// safelisted are dropped; the first value alone is kept.
	long := strings.Repeat("s", 127)
	combos := []struct {
		names  []string
		values []string
	}{
		{[]string{"accept", "accept-language", "content-language"}, []string{long, "", long}},
		{[]string{"accept", "accept-language", "content-language"}, []string{"", long}},
		{[]string{"content-type"}, []string{"text/plain;" + strings.Repeat("s", 116), "text/plain"}},
	}
	for _, c := range combos {
		for _, name := range c.names {
			if !safelist.IsNoCORSSafelistedRequestHeader(name, c.values[0]) {
				t.Errorf("first value of %s (%d bytes) rejected", name, len(c.values[0]))
			}
			combined := c.values[0]
			for _, v := range c.values[1:] {
				combined += ", " + v
				if safelist.IsNoCORSSafelistedRequestHeader(name, combined) {
					t.Errorf("combined %s value %q accepted", name, combined)
				}
			}
		}
	}

	// Range is a privileged no-CORS request-header name, never settable by
	// script in no-cors (https://fetch.spec.whatwg.org/#privileged-no-cors-request-header-name).
	if safelist.IsNoCORSSafelistedRequestHeader("range", "bytes=0-") || !safelist.IsPrivilegedNoCORSRequestHeaderName("range") {
		t.Error("Range treated as no-CORS-safelisted")
	}
}

// TestSpecContentTypeExample is #example-cors-safelisted-request-header-content-type:
// two Content-Type headers are judged one by one, so application/json
// needs a preflight even next to text/plain.
func TestSpecContentTypeExample(t *testing.T) {
	h := http.Header{"Content-Type": {"application/json", "text/plain"}}
	if diff := cmp.Diff([]string{"content-type"}, safelist.CORSUnsafeRequestHeaderNames(h)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	h = http.Header{"Content-Type": {"text/plain", "application/json"}}
	if diff := cmp.Diff([]string{"content-type"}, safelist.CORSUnsafeRequestHeaderNames(h)); diff != "" {
		t.Errorf("order reversed (-want +got):\n%s", diff)
	}
}

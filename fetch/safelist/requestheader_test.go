package safelist

import (
	"strings"
	"testing"
)

func TestIsCORSSafelistedRequestHeader(t *testing.T) {
	const a = "https://fetch.spec.whatwg.org/#cors-safelisted-request-header"
	s127, s128, s129 := strings.Repeat("a", 127), strings.Repeat("a", 128), strings.Repeat("a", 129)
	tests := []struct {
		src         string
		name, value string
		want        bool
	}{
		{a + " step 1", "Accept", s128, true},
		{a + " step 1", "Accept", s129, false},
		{a + " step 1", "Accept-Language", s128, true},
		{a + " step 1", "Accept-Language", s129, false},
		{a + " step 1", "Content-Language", s129, false},
		{a + " step 1", "Content-Type", "text/plain;a=" + s127[:115], true},
		{a + " step 1", "Content-Type", "text/plain;a=" + s127[:116], false},
		{a + " step 1", "Range", "bytes=" + strings.Repeat("0", 121) + "-", true},
		{a + " step 1", "Range", "bytes=" + strings.Repeat("0", 122) + "-", false},
		{a + " accept", "Accept", "", true},
		{a + " accept", "Accept", "*/*", true},
		{a + " accept", "Accept", "text/html,application/xhtml+xml;q=0.9,\t*/*;q=0.8", true},
		{a + " accept", "Accept", "\xff\x80", true}, // bytes >= 0x80 are not unsafe
		{a + " accept", "Accept", "a\x7f", false},
		{a + " accept", "Accept", "a\x00", false},
		{a + " accept", "Accept", "application/json(", false},
		{a + " accept-language", "Accept-Language", "", true},
		{a + " accept-language", "Accept-Language", "en-US,en;q=0.9, *", true},
		{a + " accept-language", "Accept-Language", "en\t", false},
		{a + " accept-language", "Accept-Language", "de_DE", false},
		{a + " accept-language", "Accept-Language", "é", false},
		{a + " content-language", "Content-Language", "mi, en", true},
		{a + " content-language", "Content-Language", "en/", false},
		{a + " content-type", "Content-Type", "text/plain", true},
		{a + " content-type", "Content-Type", "TEXT/PLAIN", true},
		{a + " content-type", "Content-Type", "Text/Plain;charset=utf-8", true},
		{a + " content-type", "Content-Type", "multipart/form-data; boundary=x", true},
		{a + " content-type", "Content-Type", "application/x-www-form-urlencoded", true},
		{a + " content-type", "Content-Type", " text/plain ", true},
		{a + " content-type", "Content-Type", "\ttext/plain\t", true},
		{a + " content-type", "Content-Type", "text/plain;charset=\xff", true},
		{a + " content-type", "Content-Type", "text/plain;a=b, text/html", true},
		{a + " content-type", "Content-Type", "application/json", false},
		{a + " content-type", "Content-Type", "text/html", false},
		{a + " content-type", "Content-Type", "text/plain2", false},
		{a + " content-type", "Content-Type", "application/www-form-urlencoded", false},
		{a + " content-type", "Content-Type", "", false},
		{a + " content-type", "Content-Type", `text/plain;charset="utf-8"`, false},
		{a + " content-type", "Content-Type", "text/plain\r\n", false},
		{a + " content-type", "Content-Type", "text/plain, application/json", false},
		{a + " range", "Range", "bytes=0-", true},
		{a + " range", "Range", "bytes=0-0", true},
		{a + " range", "Range", "bytes=10-20", true},
		{a + " range", "Range", "bytes=-20", false},
		{a + " range", "Range", "bytes=20-10", false},
		{a + " range", "Range", "Bytes=0-", false},
		{a + " range", "Range", "bytes=0- ", false},
		{a + " range", "Range", "bytes=0-1,2-3", false},
		{a + " range", "Range", "bytes=99999999999999999999-", true}, // beyond int64 is still safelisted
		{a + " otherwise", "Authorization", "x", false},
		{a + " otherwise", "X-Requested-With", "XMLHttpRequest", false},
		{a + " otherwise", "Last-Event-ID", "abc123", false},
		{a + " otherwise", "User-Agent", "x", false},
		{a + " otherwise", "", "", false},
		{a + " otherwise", "Accept ", "*/*", false},
		{a + " otherwise", "Acce\u212at", "*/*", false},
	}
	for _, tt := range tests {
		for _, n := range casings(tt.name) {
			if got := IsCORSSafelistedRequestHeader(n, tt.value); got != tt.want {
				t.Errorf("%s: IsCORSSafelistedRequestHeader(%q, %q) = %v, want %v", tt.src, n, tt.value, got, tt.want)
			}
			// https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header
			wantNoCORS := tt.want && !IsPrivilegedNoCORSRequestHeaderName(n)
			if got := IsNoCORSSafelistedRequestHeader(n, tt.value); got != wantNoCORS {
				t.Errorf("IsNoCORSSafelistedRequestHeader(%q, %q) = %v, want %v", n, tt.value, got, wantNoCORS)
			}
		}
	}
}

func TestIsCORSUnsafeRequestHeaderByte(t *testing.T) {
	// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte, written out.
	for b := 0; b < 256; b++ {
		want := (b < 0x20 && b != 0x09) || strings.IndexByte("\"():<>?@[\\]{}\x7f", byte(b)) >= 0
		if got := IsCORSUnsafeRequestHeaderByte(byte(b)); got != want {
			t.Errorf("IsCORSUnsafeRequestHeaderByte(%#x) = %v, want %v", b, got, want)
		}
	}
}

func TestHugeValuesNeverSafelistedNorPanic(t *testing.T) {
	huge := strings.Repeat("a", 1<<20)
	for _, n := range []string{"Accept", "Accept-Language", "Content-Language", "Content-Type", "Range", "", huge} {
		if IsCORSSafelistedRequestHeader(n, huge) || IsNoCORSSafelistedRequestHeader(n, huge) {
			t.Errorf("%.20q with a 1 MiB value is safelisted", n)
		}
		_ = IsForbiddenRequestHeader(n, huge)
	}
}

package safelistspec

import (
	"fmt"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/safelist"
)

// unsafeByte restates https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte.
func unsafeByte(b byte) bool {
	return (b < 0x20 && b != 0x09) || strings.IndexByte("\"():<>?@[\\]{}\x7f", b) >= 0
}

// languageByte restates the accept-language / content-language case of
// https://fetch.spec.whatwg.org/#cors-safelisted-request-header.
func languageByte(b byte) bool {
	return '0' <= b && b <= '9' || 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || strings.IndexByte(" *,-.;=", b) >= 0
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// TestEveryByteInSafelistedValues puts every byte 0x00–0xFF into each
// safelisted header's value, in several positions, and checks the verdict
// against the spec's rule for that header.
// See https://fetch.spec.whatwg.org/#cors-safelisted-request-header.
func TestEveryByteInSafelistedValues(t *testing.T) {
	type row struct {
		name   string
		value  func(b string) string
		want   func(b byte) bool
		reason string
	}
	rows := []row{
		{"Accept", func(b string) string { return b }, func(b byte) bool { return !unsafeByte(b) }, "accept: no unsafe byte"},
		{"Accept", func(b string) string { return "text/html;q=0.9," + b + "*/*" }, func(b byte) bool { return !unsafeByte(b) }, "accept: no unsafe byte"},
		{"Accept-Language", func(b string) string { return b }, languageByte, "accept-language: byte set"},
		{"Accept-Language", func(b string) string { return "en-US," + b + "en;q=0.9" }, languageByte, "accept-language: byte set"},
		{"Content-Language", func(b string) string { return b }, languageByte, "content-language: byte set"},
		{"Content-Language", func(b string) string { return "de-DE" + b }, languageByte, "content-language: byte set"},
		// Parameters never make "parse a MIME type" fail, so only unsafe bytes matter there.
		{"Content-Type", func(b string) string { return "text/plain;x=" + b + "y" }, func(b byte) bool { return !unsafeByte(b) }, "content-type: parameter byte"},
		{"Content-Type", func(b string) string { return "multipart/form-data;" + b }, func(b byte) bool { return !unsafeByte(b) }, "content-type: parameter byte"},
		// After the subtype: trailing HTTP whitespace is removed, ';' starts parameters; CR/LF are unsafe.
		{"Content-Type", func(b string) string { return "text/plain" + b }, func(b byte) bool { return b == '\t' || b == ' ' || b == ';' }, "content-type: byte after essence"},
		// Before the type: leading HTTP whitespace is removed.
		{"Content-Type", func(b string) string { return b + "application/x-www-form-urlencoded" }, func(b byte) bool { return b == '\t' || b == ' ' }, "content-type: byte before essence"},
		{"Content-Type", func(b string) string { return "text" + b + "plain" }, func(b byte) bool { return b == '/' }, "content-type: separator"},
		{"Content-Type", func(b string) string { return "text/pl" + b + "ain" }, func(byte) bool { return false }, "content-type: byte inside subtype"},
		// Range: digits only, no whitespace, "bytes" and "=" and "-" exact.
		{"Range", func(b string) string { return "bytes=0-" + b }, isDigit, "range: end digit"},
		{"Range", func(b string) string { return "bytes=" + b + "-" }, isDigit, "range: start digit"},
		{"Range", func(b string) string { return "bytes" + b + "0-" }, func(b byte) bool { return b == '=' }, "range: equals sign"},
		{"Range", func(b string) string { return "bytes=0" + b + "1" }, func(b byte) bool { return b == '-' }, "range: dash"},
		{"Range", func(b string) string { return b + "bytes=0-" }, func(byte) bool { return false }, "range: leading byte"},
	}
	for _, r := range rows {
		for i := 0; i < 256; i++ {
			b := byte(i)
			v := r.value(string([]byte{b}))
			want := r.want(b)
			if got := safelist.IsCORSSafelistedRequestHeader(r.name, v); got != want {
				t.Errorf("%s: IsCORSSafelistedRequestHeader(%q, %q) = %v, want %v", r.reason, r.name, v, got, want)
			}
			// https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header
			wantNoCORS := want && r.name != "Range"
			if got := safelist.IsNoCORSSafelistedRequestHeader(r.name, v); got != wantNoCORS {
				t.Errorf("%s: IsNoCORSSafelistedRequestHeader(%q, %q) = %v, want %v", r.reason, r.name, v, got, wantNoCORS)
			}
		}
	}
}

// TestEveryByteInNames checks that no byte makes an unknown name
// safelisted or forbidden by accident, and that only ASCII letters fold.
// See https://fetch.spec.whatwg.org/#forbidden-request-header.
func TestEveryByteInNames(t *testing.T) {
	for i := 0; i < 256; i++ {
		b := string([]byte{byte(i)})
		for _, base := range []string{"Accept", "Host", "Origin", "Set-Cookie"} {
			n := base + b
			if safelist.IsCORSSafelistedRequestHeader(n, "a") {
				t.Errorf("IsCORSSafelistedRequestHeader(%q, \"a\") = true", n)
			}
			if safelist.IsForbiddenRequestHeader(n, "") {
				t.Errorf("IsForbiddenRequestHeader(%q) = true", n)
			}
		}
		// "Sec-" and "Proxy-" prefixes take any following byte.
		if !safelist.IsForbiddenRequestHeader("Sec-"+b, "") || !safelist.IsForbiddenRequestHeader("Proxy-"+b, "") {
			t.Errorf("prefix name with %#x not forbidden", i)
		}
		// Substituting a byte for the 'o' of "Host" matches only 'o' and 'O'.
		want := b == "o" || b == "O"
		if got := safelist.IsForbiddenRequestHeader("H"+b+"st", ""); got != want {
			t.Errorf("IsForbiddenRequestHeader(%q) = %v, want %v", "H"+b+"st", got, want)
		}
	}
}

// TestLengthBoundary checks the 128-byte limit for each safelisted name
// with values of 127, 128 and 129 bytes that otherwise pass.
// See https://fetch.spec.whatwg.org/#cors-safelisted-request-header step 1.
func TestLengthBoundary(t *testing.T) {
	values := map[string]func(n int) string{
		"Accept":           func(n int) string { return strings.Repeat("a", n) },
		"Accept-Language":  func(n int) string { return strings.Repeat("a", n) },
		"Content-Language": func(n int) string { return strings.Repeat("a", n) },
		"Content-Type":     func(n int) string { return "text/plain;a=" + strings.Repeat("b", n-13) },
		"Range":            func(n int) string { return "bytes=" + strings.Repeat("0", n-7) + "-" },
	}
	for name, mk := range values {
		for _, n := range []int{127, 128, 129, 1 << 20} {
			v := mk(n)
			if len(v) != n {
				panic(fmt.Sprintf("bad fixture %s %d", name, n))
			}
			if got, want := safelist.IsCORSSafelistedRequestHeader(name, v), n <= 128; got != want {
				t.Errorf("%s with a %d-byte value: %v, want %v", name, n, got, want)
			}
		}
	}
}

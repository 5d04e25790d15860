package safelist

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

var fuzzNames = []string{"Accept", "Accept-Language", "Content-Language", "Content-Type", "Range",
	"X-HTTP-Method-Override", "Authorization", "Set-Cookie", "Sec-Fetch-Mode", "X-Foo"}

func FuzzClassifyRequestHeader(f *testing.F) {
	for _, n := range fuzzNames {
		f.Add(n, "text/plain")
		f.Add(strings.ToUpper(n), "bytes=0-1")
	}
	f.Add("accept", "\x00")
	f.Add("content-type", `multipart/form-data;"`)
	f.Fuzz(func(t *testing.T, name, value string) {
		safe := IsCORSSafelistedRequestHeader(name, value)
		if safe && IsForbiddenRequestHeader(name, value) {
			t.Fatalf("(%q, %q) is safelisted and forbidden", name, value)
		}
		if safe && len(value) > MaxSafelistedValueLength {
			t.Fatalf("(%q, %q): a %d-byte value is safelisted", name, value, len(value))
		}
		if safe && strings.ContainsFunc(value, func(r rune) bool { return r < 0x80 && IsCORSUnsafeRequestHeaderByte(byte(r)) }) {
			t.Fatalf("(%q, %q): safelisted with an unsafe byte", name, value)
		}
		if IsNoCORSSafelistedRequestHeader(name, value) && !safe {
			t.Fatalf("(%q, %q): no-CORS-safelisted but not CORS-safelisted", name, value)
		}
		// Byte-case-insensitive names: every casing gets the same verdicts.
		for _, n := range []string{strings.ToLower(name), strings.ToUpper(name)} {
			if !asciiOnly(name) {
				break
			}
			if IsCORSSafelistedRequestHeader(n, value) != safe ||
				IsForbiddenRequestHeader(n, value) != IsForbiddenRequestHeader(name, value) ||
				IsCORSSafelistedResponseHeaderName(n, nil) != IsCORSSafelistedResponseHeaderName(name, nil) {
				t.Fatalf("verdicts differ between %q and %q", name, n)
			}
		}
		// A safelisted header contributes no unsafe name on its own.
		h := http.Header{name: {value}}
		if got := CORSUnsafeRequestHeaderNames(h); safe != (got == nil) {
			t.Fatalf("CORSUnsafeRequestHeaderNames(%q) = %q, safelisted = %v", h, got, safe)
		}
		// Forbidden request-header reference over lowercase strings.
		if got, want := IsForbiddenRequestHeader(name, value), forbiddenReference(name, value); got != want {
			t.Fatalf("IsForbiddenRequestHeader(%q, %q) = %v, reference %v", name, value, got, want)
		}
	})
}

func asciiOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// forbiddenReference restates #forbidden-request-header over the
// byte-lowercased name: only A-Z fold, so a non-ASCII name can still start
// with "sec-" or "proxy-" (found by the fuzzer: "SEC-\xff").
func forbiddenReference(name, value string) bool {
	n := byteLowercase(name)
	if slices.Contains(forbiddenRequestHeaderNames[:], n) || strings.HasPrefix(n, "proxy-") || strings.HasPrefix(n, "sec-") {
		return true
	}
	if n != "x-http-method" && n != "x-http-method-override" && n != "x-method-override" {
		return false
	}
	// Quotes protect commas; a method inside quotes is never a bare method.
	for _, item := range splitReference(value) {
		switch strings.ToUpper(item) {
		case "CONNECT", "TRACE", "TRACK":
			if asciiOnly(item) {
				return true
			}
		}
	}
	return false
}

func splitReference(s string) []string {
	var out []string
	start, inQuote := 0, false
	for i := 0; i < len(s); i++ {
		switch {
		case inQuote && s[i] == '\\':
			i++
		case s[i] == '"':
			inQuote = !inQuote
		case !inQuote && s[i] == ',':
			out = append(out, strings.Trim(s[start:i], " \t"))
			start = i + 1
		}
	}
	return append(out, strings.Trim(s[start:], " \t"))
}

func FuzzCORSUnsafeRequestHeaderNames(f *testing.F) {
	f.Add("Accept", "*/*", "X-A", "1", "content-type", "text/plain", uint16(0))
	f.Add("Accept", "a", "accept", "b", "ACCEPT", "c", uint16(1000))
	f.Fuzz(func(t *testing.T, n1, v1, n2, v2, n3, v3 string, pad uint16) {
		h := http.Header{}
		h[n1] = append(h[n1], v1)
		h[n2] = append(h[n2], v2)
		h[n3] = append(h[n3], v3)
		h["Accept-Language"] = append(h["Accept-Language"], strings.Repeat("a", int(pad)%129))
		got := CORSUnsafeRequestHeaderNames(h)
		// Reference: straight from the algorithm, with ToLower on names.
		var unsafe, potentially []string
		size := 0
		for n, vs := range h {
			for _, v := range vs {
				if IsCORSSafelistedRequestHeader(n, v) {
					potentially = append(potentially, n)
					size += len(v)
				} else {
					unsafe = append(unsafe, n)
				}
			}
		}
		if size > 1024 {
			unsafe = append(unsafe, potentially...)
		}
		set := map[string]bool{}
		for _, n := range unsafe {
			set[lowerASCIIReference(n)] = true
		}
		var want []string
		for n := range set {
			want = append(want, n)
		}
		slices.Sort(want)
		if !slices.Equal(got, want) || (len(want) == 0) != (got == nil) {
			t.Fatalf("CORSUnsafeRequestHeaderNames(%q) = %q, want %q", h, got, want)
		}
		if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Fatalf("result %q not a sorted set", got)
		}
		// With one value per name, joining changes nothing.
		single := true
		for n, vs := range h {
			for m := range h {
				if m != n && lowerASCIIReference(m) == lowerASCIIReference(n) {
					single = false
				}
			}
			single = single && len(vs) == 1
		}
		if joined := CORSUnsafeRequestHeaderNamesJoinedFunc(h, IsCORSSafelistedRequestHeader); single && !slices.Equal(joined, got) {
			t.Fatalf("joined variant on single values = %q, spec = %q", joined, got)
		}
	})
}

func lowerASCIIReference(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

func FuzzMethods(f *testing.F) {
	for _, m := range []string{"GET", "get", "PATCH", "patch", "TRACE", "trAck", "connect", "options"} {
		f.Add(m)
	}
	f.Fuzz(func(t *testing.T, m string) {
		n := NormalizeMethod(m)
		if NormalizeMethod(n) != n {
			t.Fatalf("NormalizeMethod not idempotent on %q", m)
		}
		if n != m && (!asciiOnly(m) || strings.ToUpper(m) != n) {
			t.Fatalf("NormalizeMethod(%q) = %q", m, n)
		}
		if IsCORSSafelistedMethod(m) && IsForbiddenMethod(m) {
			t.Fatalf("%q is safelisted and forbidden", m)
		}
		if asciiOnly(m) {
			u := strings.ToUpper(m)
			if IsForbiddenMethod(m) != (u == "CONNECT" || u == "TRACE" || u == "TRACK") {
				t.Fatalf("IsForbiddenMethod(%q) = %v", m, IsForbiddenMethod(m))
			}
		} else if IsForbiddenMethod(m) {
			t.Fatalf("non-ASCII %q is forbidden", m)
		}
	})
}

// byteLowercase maps A-Z to a-z and leaves every other byte alone.
// See https://infra.spec.whatwg.org/#byte-lowercase.
func byteLowercase(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

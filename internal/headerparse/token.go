package headerparse

import "golang.org/x/net/http/httpguts"

// IsTokenByte reports whether b is an RFC 9110 tchar: "!" / "#" / "$" /
// "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" /
// DIGIT / ALPHA.
func IsTokenByte(b byte) bool { return httpguts.IsTokenRune(rune(b)) }

// IsToken reports whether s is a non-empty RFC 9110 token
// (https://www.rfc-editor.org/rfc/rfc9110#name-tokens).
func IsToken(s string) bool {
	// httpguts.ValidHeaderFieldName decodes runes; a byte loop over the
	// same table is faster and gives the same answer.
	ok, n := isToken(s)
	step(n)
	return ok
}

// isToken is IsToken; it returns the steps it took instead of counting
// them, for callers that report steps once per call.
func isToken(s string) (ok bool, steps int) {
	if s == "" {
		return false, 1
	}
	for i := 0; i < len(s); i++ {
		if !httpguts.IsTokenRune(rune(s[i])) {
			return false, i + 1
		}
	}
	return true, len(s)
}

// IsHeaderName reports whether s is a valid header name (a token).
// See https://fetch.spec.whatwg.org/#header-name.
func IsHeaderName(s string) bool { return IsToken(s) }

// IsHeaderValue reports whether s is a valid header value: no leading or
// trailing HTTP tab or space, and no NUL, CR or LF. The empty value is valid.
// Fetch allows the other control bytes, which httpguts.ValidHeaderFieldValue
// (RFC 7230 field-value) refuses, so this check is our own.
// See https://fetch.spec.whatwg.org/#header-value.
func IsHeaderValue(s string) bool {
	if s == "" {
		return true
	}
	if isHTTPTabOrSpace(s[0]) || isHTTPTabOrSpace(s[len(s)-1]) {
		return false
	}
	i := 0
	for i < len(s) && s[i] != 0 && s[i] != '\r' && s[i] != '\n' {
		i++
	}
	return i == len(s) // no step count: one pass, and it stays inlinable
}

// HasNonASCII reports whether s holds a byte 0x80 or above. It counts no
// steps (see steps.go): one pass, kept inlinable.
func HasNonASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

package headerparse

// tokenTable marks the RFC 9110 tchar bytes:
// "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" /
// "`" / "|" / "~" / DIGIT / ALPHA.
var tokenTable = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return t
}()

// IsTokenByte reports whether b is an RFC 9110 tchar.
func IsTokenByte(b byte) bool { return tokenTable[b] }

// IsToken reports whether s is a non-empty RFC 9110 token
// (https://www.rfc-editor.org/rfc/rfc9110#name-tokens).
func IsToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !tokenTable[s[i]] {
			return false
		}
	}
	return true
}

// IsHeaderName reports whether s is a valid header name (a token).
// See https://fetch.spec.whatwg.org/#header-name.
func IsHeaderName(s string) bool { return IsToken(s) }

// IsHeaderValue reports whether s is a valid header value: no leading or
// trailing HTTP tab or space, and no NUL, CR or LF. The empty value is valid.
// See https://fetch.spec.whatwg.org/#header-value.
func IsHeaderValue(s string) bool {
	if s == "" {
		return true
	}
	if isHTTPTabOrSpace(s[0]) || isHTTPTabOrSpace(s[len(s)-1]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 0, '\r', '\n':
			return false
		}
	}
	return true
}

package headerparse

// EqualFoldASCII reports whether a and b are a byte-case-insensitive match:
// equal after mapping A–Z to a–z, every other byte compared exactly. Unlike
// strings.EqualFold it never matches non-ASCII case variants (U+212A KELVIN
// SIGN is not "k"). See https://infra.spec.whatwg.org/#byte-case-insensitive.
func EqualFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	i := 0
	for ; i < len(a); i++ {
		// Bytes differing only in 0x20 match when they are a letter's
		// two cases.
		if d := a[i] ^ b[i]; d != 0 && (d != 0x20 || (a[i]|0x20)-'a' >= 26) {
			break
		}
	}
	step(i + 1)
	return i == len(a)
}

// HasPrefixFoldASCII reports whether s starts with prefix, compared
// byte-case-insensitively.
func HasPrefixFoldASCII(s, prefix string) bool {
	return len(s) >= len(prefix) && EqualFoldASCII(s[:len(prefix)], prefix)
}

// EqualFoldLower reports whether s is a byte-case-insensitive match for
// lower, which must hold no uppercase ASCII letter (it is the faster form of
// EqualFoldASCII for comparisons against fixed lowercase names).
func EqualFoldLower(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	i := 0
	for ; i < len(s); i++ {
		c, l := s[i], lower[i]
		// c|0x20 == l maps only c == l-0x20 onto l, and that is the
		// uppercase form exactly when l is a lowercase letter.
		if c != l && (c|0x20 != l || l < 'a' || l > 'z') {
			break
		}
	}
	step(i + 1)
	return i == len(s)
}

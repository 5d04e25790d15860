package preflightcache

import (
	"strings"
	"unique"
)

// cloneString copies s unless it is empty.
func cloneString(s string) string {
	if s == "" {
		return ""
	}
	return strings.Clone(s)
}

// intern returns the canonical copy of s, not aliasing the caller's
// buffer. Keys and entries hold partitions, origins and names this way, so
// a thousand keys of one origin share one copy of it (and lookups one set
// of cache lines); a copy is freed once nothing holds it.
func intern(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

// equalFoldASCII reports whether a and b are a byte-case-insensitive match:
// equal after mapping A-Z to a-z, every other byte compared exactly (unlike
// strings.EqualFold, which also folds non-ASCII letters).
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	if a == b {
		return true
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// isAuthorization reports whether name is the CORS non-wildcard
// request-header name. See https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name.
func isAuthorization(name string) bool {
	return equalFoldASCII(name, "authorization")
}

package safelist

import (
	"net/http"
	"slices"
)

// CORSUnsafeRequestHeaderNames returns the CORS-unsafe request-header names
// of h: the names of headers that are not CORS-safelisted, plus every
// safelisted name when the safelisted values total more than 1024 bytes,
// byte-lowercased, deduplicated and byte-sorted. Each value of a key is a
// separate header; keys need not be canonical. It returns nil, without
// allocating, when nothing is unsafe.
// See https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names.
func CORSUnsafeRequestHeaderNames(h http.Header) []string {
	return CORSUnsafeRequestHeaderNamesFunc(h, IsCORSSafelistedRequestHeader)
}

// CORSUnsafeRequestHeaderNamesFunc is CORSUnsafeRequestHeaderNames with the
// per-header test replaced by safelisted, so that a policy can deviate from
// the spec (for example by judging joined values) while keeping the 1024-byte
// rule and the sorted-lowercase set. Keys with no values are ignored.
func CORSUnsafeRequestHeaderNamesFunc(h http.Header, safelisted func(name, value string) bool) []string {
	anyUnsafe, total := false, 0
	for name, values := range h {
		for _, v := range values {
			if safelisted(name, v) {
				total += len(v)
			} else {
				anyUnsafe = true
			}
		}
	}
	overBudget := total > MaxSafelistedValueTotal
	if !anyUnsafe && !overBudget {
		return nil
	}
	var names []string
	for name, values := range h {
		for _, v := range values {
			if overBudget || !safelisted(name, v) {
				names = append(names, name)
				break
			}
		}
	}
	return SortedLowercaseSet(names)
}

// SortedLowercaseSet runs "convert header names to a sorted-lowercase set":
// it byte-lowercases names in place, sorts them byte-wise and removes
// duplicates, returning the shortened slice.
// See https://fetch.spec.whatwg.org/#convert-header-names-to-a-sorted-lowercase-set.
func SortedLowercaseSet(names []string) []string {
	for i, n := range names {
		names[i] = lowerASCII(n)
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// lowerASCII returns s byte-lowercased, allocating only if s has an
// uppercase byte.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

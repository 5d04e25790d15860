package safelist

import (
	"net/http"
	"slices"
	"strings"

	"github.com/corsfetch/corsfetch/internal/headerparse"
)

// CORSUnsafeRequestHeaderNames returns the CORS-unsafe request-header names
// of h: the names of headers that are not CORS-safelisted, plus every
// safelisted name when the safelisted values total more than 1024 bytes,
// byte-lowercased, deduplicated and byte-sorted. Each value of a key is a
// separate header (keys with no values are no headers) and keys need not be
// canonical. It returns nil, without allocating, when nothing is unsafe.
// See https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names.
func CORSUnsafeRequestHeaderNames(h http.Header) []string {
	return CORSUnsafeRequestHeaderNamesFunc(h, IsCORSSafelistedRequestHeader)
}

// CORSUnsafeRequestHeaderNamesFunc is CORSUnsafeRequestHeaderNames with the
// per-header test replaced by safelisted (called once or twice per value),
// so that a policy can widen or narrow the safelist while keeping the
// 1024-byte rule and the sorted-lowercase set.
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

// CORSUnsafeRequestHeaderNamesJoinedFunc deviates from the spec as Chromium
// and WebKit do: all values of a name (over every key that matches it
// byte-case-insensitively, keys in byte order, as http.Header.Write sends
// them) are first joined with ", " (header list "get"), and the joined value
// is what safelisted judges and what counts towards the 1024-byte total. A
// joined value over 128 bytes is unsafe without being built; shorter ones
// are built, which allocates. The spec judges each value on its own
// (CORSUnsafeRequestHeaderNamesFunc), as Firefox does.
func CORSUnsafeRequestHeaderNamesJoinedFunc(h http.Header, safelisted func(name, value string) bool) []string {
	anyUnsafe, total := false, 0
	for name := range h {
		leader, present, safe, size := joinedVerdict(h, name, safelisted)
		switch {
		case !leader || !present:
		case safe:
			total += size
		default:
			anyUnsafe = true
		}
	}
	overBudget := total > MaxSafelistedValueTotal
	if !anyUnsafe && !overBudget {
		return nil
	}
	var names []string
	for name := range h {
		leader, present, safe, _ := joinedVerdict(h, name, safelisted)
		if leader && present && (overBudget || !safe) {
			names = append(names, name)
		}
	}
	return SortedLowercaseSet(names)
}

// joinedVerdict judges the header list entry that "get" would build for
// name from h. leader reports whether name is the byte-smallest key of its
// case-insensitive group (each group is judged once, at its leader);
// present is false when the group has no values.
func joinedVerdict(h http.Header, name string, safelisted func(name, value string) bool) (leader, present, safe bool, size int) {
	var buf [4]string
	keys := buf[:0]
	count := 0
	for k, vs := range h {
		if headerparse.EqualFoldASCII(k, name) {
			if k < name {
				return false, false, false, 0
			}
			keys = append(keys, k)
			for _, v := range vs {
				size += len(v)
				count++
			}
		}
	}
	if count == 0 {
		return true, false, false, 0
	}
	size += 2 * (count - 1)
	if count == 1 {
		for _, k := range keys {
			if len(h[k]) == 1 {
				return true, true, safelisted(name, h[k][0]), size
			}
		}
	}
	if size > MaxSafelistedValueLength {
		return true, true, false, size
	}
	slices.Sort(keys)
	var b strings.Builder
	b.Grow(size)
	for _, k := range keys {
		for _, v := range h[k] {
			if b.Len() > 0 {
				b.WriteString(", ")
			}
			b.WriteString(v)
		}
	}
	return true, true, safelisted(name, b.String()), size
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

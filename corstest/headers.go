package corstest

import (
	"net/http"
	"sort"
	"strings"
)

// headerSet writes h as "Name: value; Name: value", names sorted, or "-"
// for none.
func headerSet(h http.Header) string {
	if len(h) == 0 {
		return "-"
	}
	var parts []string
	for _, k := range sortedNames(h) {
		for _, v := range h[k] {
			parts = append(parts, http.CanonicalHeaderKey(k)+": "+v)
		}
	}
	return strings.Join(parts, "; ")
}

// headerNames lists h's names, sorted, or "none".
func headerNames(h http.Header) string {
	if len(h) == 0 {
		return "none"
	}
	return strings.Join(sortedNames(h), ", ")
}

func sortedNames(h http.Header) []string {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

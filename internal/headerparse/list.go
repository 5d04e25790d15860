package headerparse

import "strings"

// ListIter walks the elements of a comma-separated list spread over one or
// more field lines, as RFC 9110's #list rule reads it: elements are trimmed
// of optional whitespace (SP and HT) and empty elements are skipped. It is
// the tokenizer under "extract header list values"
// (https://fetch.spec.whatwg.org/#extract-header-list-values). Commas are
// not special inside any element kind: callers that validate elements as
// tokens or field names reject quoted strings anyway. It does not allocate.
type ListIter struct {
	lines []string
	rest  string
	line  int
}

// NewListIter returns an iterator over the list elements of lines.
func NewListIter(lines []string) ListIter {
	it := ListIter{lines: lines}
	if len(lines) > 0 {
		it.rest = lines[0]
		it.line = 1
	}
	return it
}

// Next returns the next non-empty element, or ok == false at the end.
func (it *ListIter) Next() (elem string, ok bool) {
	n := 0 // steps: field lines and bytes visited
	for {
		for it.rest == "" {
			n++
			if it.line >= len(it.lines) {
				step(n)
				return "", false
			}
			it.rest = it.lines[it.line]
			it.line++
		}
		var e string
		if i := strings.IndexByte(it.rest, ','); i >= 0 {
			e, it.rest = it.rest[:i], it.rest[i+1:]
			n += i + 1
		} else {
			e, it.rest = it.rest, ""
			n += len(e)
		}
		var t int
		e, t = trimHTTPTabOrSpace(e)
		if n += t; e != "" {
			step(n)
			return e, true
		}
	}
}

package headerparse

// STUB FILE: the signatures below are the contract other packages compile
// against; the owner of this package replaces this file with real code.

// TrimHTTPWhitespace removes leading and trailing HTTP whitespace bytes
// (HT, LF, CR, SP). See https://fetch.spec.whatwg.org/#http-whitespace.
func TrimHTTPWhitespace(s string) string { panic("not implemented") }

// TrimHTTPTabOrSpace removes leading and trailing HT and SP bytes.
// See https://fetch.spec.whatwg.org/#http-tab-or-space.
func TrimHTTPTabOrSpace(s string) string { panic("not implemented") }

// IsToken reports whether s is a non-empty RFC 9110 token.
func IsToken(s string) bool { panic("not implemented") }

// IsHeaderName reports whether s is a valid header name (a token).
// See https://fetch.spec.whatwg.org/#header-name.
func IsHeaderName(s string) bool { panic("not implemented") }

// IsHeaderValue reports whether s is a valid header value: no leading or
// trailing HTTP tab or space, and no NUL, CR or LF.
// See https://fetch.spec.whatwg.org/#header-value.
func IsHeaderValue(s string) bool { panic("not implemented") }

// ListIter walks the elements of a comma-separated list spread over one or
// more field lines, as RFC 9110's #list rule reads it: elements are trimmed
// of optional whitespace and empty elements are skipped. It is the tokenizer
// under "extract header list values"
// (https://fetch.spec.whatwg.org/#extract-header-list-values). It does not
// allocate.
type ListIter struct {
	lines []string
	rest  string
	line  int
}

// NewListIter returns an iterator over the list elements of lines.
func NewListIter(lines []string) ListIter { panic("not implemented") }

// Next returns the next non-empty element, or ok == false at the end.
func (it *ListIter) Next() (elem string, ok bool) { panic("not implemented") }

// ParseDeltaSeconds parses s as delta-seconds (1*DIGIT, nothing else). A
// value too large for uint64 saturates at the maximum. ok is false for an
// empty string or any non-digit byte (so "-1", "+5", " 5" and "5s" fail).
func ParseDeltaSeconds(s string) (n uint64, ok bool) { panic("not implemented") }

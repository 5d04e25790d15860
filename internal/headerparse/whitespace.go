package headerparse

// isHTTPWhitespace reports whether b is an HTTP whitespace byte.
func isHTTPWhitespace(b byte) bool {
	return b == '\t' || b == '\n' || b == '\r' || b == ' '
}

// isHTTPTabOrSpace reports whether b is HT or SP.
func isHTTPTabOrSpace(b byte) bool { return b == '\t' || b == ' ' }

// TrimHTTPWhitespace removes leading and trailing HTTP whitespace bytes
// (HT, LF, CR, SP). It is header-value normalization.
// See https://fetch.spec.whatwg.org/#concept-header-value-normalize.
//
// It counts no steps (see steps.go): its two loops visit each byte at most
// once, and counting would stop it from inlining into the hot paths.
func TrimHTTPWhitespace(s string) string {
	t, _ := trimHTTPWhitespace(s)
	return t
}

// trimHTTPWhitespace is TrimHTTPWhitespace; it returns the steps it took
// instead of counting them, for callers that report steps once per call.
func trimHTTPWhitespace(s string) (string, int) {
	i, j := 0, len(s)
	for i < j && isHTTPWhitespace(s[i]) {
		i++
	}
	for j > i && isHTTPWhitespace(s[j-1]) {
		j--
	}
	return s[i:j], 1 + i + len(s) - j
}

// TrimHTTPTabOrSpace removes leading and trailing HT and SP bytes.
// See https://fetch.spec.whatwg.org/#http-tab-or-space.
//
// Like TrimHTTPWhitespace, it counts no steps, to stay inlinable.
func TrimHTTPTabOrSpace(s string) string {
	t, _ := trimHTTPTabOrSpace(s)
	return t
}

// trimHTTPTabOrSpace is TrimHTTPTabOrSpace; it returns the steps it took
// instead of counting them.
func trimHTTPTabOrSpace(s string) (string, int) {
	i, j := 0, len(s)
	for i < j && isHTTPTabOrSpace(s[i]) {
		i++
	}
	for j > i && isHTTPTabOrSpace(s[j-1]) {
		j--
	}
	return s[i:j], 1 + i + len(s) - j
}

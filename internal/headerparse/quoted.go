package headerparse

import "strings"

// CollectHTTPQuotedString runs "collect an HTTP quoted string" on s starting
// at pos, which must index a '"' byte. It returns the collected string and
// the position after it. With extractValue false the result is the raw span,
// quotes and backslashes included; with extractValue true it is the
// unescaped content. A lone trailing backslash is kept and an unterminated
// string runs to the end of s. If pos does not index a '"', it returns
// ("", pos). It allocates only when extractValue is true and the string
// holds a backslash escape.
// See https://fetch.spec.whatwg.org/#collect-an-http-quoted-string.
func CollectHTTPQuotedString(s string, pos int, extractValue bool) (string, int) {
	if pos < 0 || pos >= len(s) || s[pos] != '"' {
		return "", pos
	}
	start := pos
	pos++
	for pos < len(s) {
		c := s[pos]
		pos++
		if c == '"' {
			break
		}
		if c == '\\' {
			if pos < len(s) {
				pos++
			}
		}
	}
	step(pos - start)
	if !extractValue {
		return s[start:pos], pos
	}
	return unescapeQuoted(s[start+1 : pos]), pos
}

// unescapeQuoted returns the value of a quoted string whose opening quote
// has been removed; raw runs to the closing quote (included) or to the end.
func unescapeQuoted(raw string) string {
	if strings.IndexByte(raw, '\\') < 0 {
		step(len(raw))
		return strings.TrimSuffix(raw, `"`)
	}
	var b strings.Builder
	b.Grow(len(raw))
	step(2 * len(raw)) // IndexByte's scan and the copy each visit at most len(raw) bytes
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '"':
			return b.String()
		case c == '\\' && i+1 < len(raw):
			i++
			b.WriteByte(raw[i])
		default: // ordinary byte, or a lone trailing backslash
			b.WriteByte(c)
		}
	}
	return b.String()
}

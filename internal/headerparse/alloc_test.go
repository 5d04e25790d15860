package headerparse

import "testing"

// TestZeroAllocs guards the package promise: valid input allocates nothing.
func TestZeroAllocs(t *testing.T) {
	lines := []string{"Content-Type, X-Requested-With", " authorization "}
	cases := []struct {
		name string
		fn   func()
	}{
		{"TrimHTTPWhitespace", func() { _ = TrimHTTPWhitespace(" \r\nabc\t") }},
		{"TrimHTTPTabOrSpace", func() { _ = TrimHTTPTabOrSpace(" abc\t") }},
		{"IsToken", func() { _ = IsToken("X-Requested-With") }},
		{"IsHeaderValue", func() { _ = IsHeaderValue("text/plain;charset=utf-8") }},
		{"EqualFoldASCII", func() { _ = EqualFoldASCII("Content-Type", "content-type") }},
		{"ListIter", func() {
			it := NewListIter(lines)
			for _, ok := it.Next(); ok; _, ok = it.Next() {
			}
		}},
		{"SplitIter", func() {
			it := NewSplitIter(`GET, "a,b", TRACE`)
			for _, ok := it.Next(); ok; _, ok = it.Next() {
			}
		}},
		{"CollectHTTPQuotedString raw", func() { _, _ = CollectHTTPQuotedString(`"a\"b"`, 0, false) }},
		{"CollectHTTPQuotedString value without escapes", func() { _, _ = CollectHTTPQuotedString(`"abc"`, 0, true) }},
		{"ParseMIMEType", func() {
			m, _ := ParseMIMEType("Text/Plain;charset=utf-8")
			_ = m.HasEssence("text/plain")
		}},
		{"MIMEType.Params", func() {
			m, _ := ParseMIMEType(`text/plain;charset=utf-8;a="b";charset=x`)
			it := m.Params()
			for _, _, ok := it.Next(); ok; _, _, ok = it.Next() {
			}
		}},
		{"ParseSingleRange", func() { _, _ = ParseSingleRange("bytes=100-200", false) }},
		{"ParseSingleRange whitespace", func() { _, _ = ParseSingleRange("bytes = 100 - 200", true) }},
		{"ParseDeltaSeconds", func() { _, _ = ParseDeltaSeconds("7200") }},
	}
	for _, c := range cases {
		if n := testing.AllocsPerRun(100, c.fn); n != 0 {
			t.Errorf("%s: %v allocs per run, want 0", c.name, n)
		}
	}
}

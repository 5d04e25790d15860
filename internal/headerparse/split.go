package headerparse

// SplitIter runs "get, decode, and split" over one header value (for a
// header list, over the values of a name joined with ", "): it splits on
// commas outside HTTP quoted strings, trims HTTP tab or space from each item
// and keeps empty items and the quotes. Every item is a sub-slice of the
// value, so iterating does not allocate. Isomorphic decoding is the identity
// on Go strings read byte by byte.
// See https://fetch.spec.whatwg.org/#header-value-get-decode-and-split.
type SplitIter struct {
	s    string
	pos  int
	done bool
}

// NewSplitIter returns an iterator over the items of value. An empty value
// yields exactly one empty item, as the algorithm does.
func NewSplitIter(value string) SplitIter { return SplitIter{s: value} }

// Next returns the next item, or ok == false after the last one.
func (it *SplitIter) Next() (item string, ok bool) {
	if it.done {
		return "", false
	}
	s := it.s
	start := it.pos
	pos := start
	for pos < len(s) {
		c := s[pos]
		if c == ',' {
			break
		}
		if c == '"' {
			_, pos = CollectHTTPQuotedString(s, pos, false)
			continue
		}
		pos++
	}
	item, n := trimHTTPTabOrSpace(s[start:pos])
	step(n + pos - start + 1) // the trim, the bytes visited (a quoted string counts again), the comma
	if pos >= len(s) {
		it.done = true
	} else {
		it.pos = pos + 1 // skip the comma
	}
	return item, true
}

// GetDecodeAndSplit returns the items of value as a new slice. It is a
// convenience over SplitIter for callers that need a list.
// See https://fetch.spec.whatwg.org/#header-value-get-decode-and-split.
func GetDecodeAndSplit(value string) []string {
	var out []string
	it := NewSplitIter(value)
	for item, ok := it.Next(); ok; item, ok = it.Next() {
		out = append(out, item)
	}
	return out
}

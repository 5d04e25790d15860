package headerparse

// SingleRange is the result of "parse a single range header value": Start
// and End are the ASCII digit strings of the range, sub-slices of the input.
// An empty string stands for the spec's null.
type SingleRange struct {
	Start, End string
}

// ParseSingleRange runs "parse a single range header value" on value. With
// allowWhitespace false (what the CORS safelist uses) no HTTP tab or space
// is accepted anywhere. It fails when both ends are missing, when anything
// trails, and when start > end; numbers compare exactly whatever their
// length, so no digit string overflows. It does not allocate.
// See https://fetch.spec.whatwg.org/#simple-range-header-value.
func ParseSingleRange(value string, allowWhitespace bool) (r SingleRange, ok bool) {
	const prefix = "bytes"
	if len(value) < len(prefix) || value[:len(prefix)] != prefix {
		return SingleRange{}, false
	}
	pos := len(prefix)
	skip := func() {
		if allowWhitespace {
			for pos < len(value) && isHTTPTabOrSpace(value[pos]) {
				pos++
			}
		}
	}
	digits := func() string {
		start := pos
		for pos < len(value) && value[pos] >= '0' && value[pos] <= '9' {
			pos++
		}
		return value[start:pos]
	}
	skip()
	if pos >= len(value) || value[pos] != '=' {
		return SingleRange{}, false
	}
	pos++
	skip()
	r.Start = digits()
	skip()
	if pos >= len(value) || value[pos] != '-' {
		return SingleRange{}, false
	}
	pos++
	skip()
	r.End = digits()
	if pos != len(value) {
		return SingleRange{}, false
	}
	if r.Start == "" && r.End == "" {
		return SingleRange{}, false
	}
	if r.Start != "" && r.End != "" && CompareDecimal(r.Start, r.End) > 0 {
		return SingleRange{}, false
	}
	return r, true
}

// CompareDecimal compares two non-empty ASCII digit strings as unbounded
// decimal numbers (leading zeros allowed) and returns -1, 0 or +1.
func CompareDecimal(a, b string) int {
	a, b = trimLeadingZeros(a), trimLeadingZeros(b)
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func trimLeadingZeros(s string) string {
	i := 0
	for i < len(s)-1 && s[i] == '0' {
		i++
	}
	return s[i:]
}

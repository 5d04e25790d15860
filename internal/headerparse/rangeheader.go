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
		step(1)
		return SingleRange{}, false
	}
	pos := len(prefix)
	pos = skipTabOrSpace(value, pos, allowWhitespace)
	if pos >= len(value) || value[pos] != '=' {
		step(pos + 1)
		return SingleRange{}, false
	}
	pos = skipTabOrSpace(value, pos+1, allowWhitespace)
	r.Start, pos = collectDigits(value, pos)
	pos = skipTabOrSpace(value, pos, allowWhitespace)
	if pos >= len(value) || value[pos] != '-' {
		step(pos + 1)
		return SingleRange{}, false
	}
	pos = skipTabOrSpace(value, pos+1, allowWhitespace)
	r.End, pos = collectDigits(value, pos)
	// Every loop above moves pos forward over the bytes it visits.
	if pos != len(value) || (r.Start == "" && r.End == "") {
		step(pos + 1)
		return SingleRange{}, false
	}
	if r.Start != "" && r.End != "" {
		c, n := compareDecimal(r.Start, r.End)
		step(pos + n)
		if c > 0 {
			return SingleRange{}, false
		}
		return r, true
	}
	step(pos)
	return r, true
}

// skipTabOrSpace returns the position after any HTTP tab or space at pos,
// or pos itself when skipping is off.
func skipTabOrSpace(s string, pos int, on bool) int {
	for on && pos < len(s) && isHTTPTabOrSpace(s[pos]) {
		pos++
	}
	return pos
}

// collectDigits collects the ASCII digits at pos.
func collectDigits(s string, pos int) (digits string, end int) {
	end = pos
	for end < len(s) && '0' <= s[end] && s[end] <= '9' {
		end++
	}
	return s[pos:end], end
}

// CompareDecimal compares two non-empty ASCII digit strings as unbounded
// decimal numbers (leading zeros allowed) and returns -1, 0 or +1.
func CompareDecimal(a, b string) int {
	c, n := compareDecimal(a, b)
	step(n)
	return c
}

// compareDecimal is CompareDecimal; it returns the steps it took instead of
// counting them.
func compareDecimal(a, b string) (c, steps int) {
	a, na := trimLeadingZeros(a)
	b, nb := trimLeadingZeros(b)
	steps = na + nb + 1
	switch {
	case len(a) < len(b):
		return -1, steps
	case len(a) > len(b):
		return 1, steps
	}
	steps += len(a) // the byte comparison below visits at most len(a) bytes
	switch {
	case a < b:
		return -1, steps
	case a > b:
		return 1, steps
	}
	return 0, steps
}

// trimLeadingZeros removes leading zeros but keeps the last digit, and
// returns the steps it took.
func trimLeadingZeros(s string) (string, int) {
	i := 0
	for i < len(s)-1 && s[i] == '0' {
		i++
	}
	return s[i:], i + 1
}

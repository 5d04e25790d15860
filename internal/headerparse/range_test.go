package headerparse

import (
	"strings"
	"testing"
)

func TestParseSingleRange(t *testing.T) {
	const spec = "https://fetch.spec.whatwg.org/#simple-range-header-value"
	const wpt = "wpt cors/cors-safelisted-request-header.any.js"
	zeros := strings.Repeat("0", 60)
	tests := []struct {
		src        string
		in         string
		ws         bool
		ok         bool
		start, end string
	}{
		{wpt, "100-200", false, false, "", ""},
		{wpt, "MB=100-200", false, false, "", ""},
		{wpt, "bytes=100-200", false, true, "100", "200"},
		{wpt, "bytes =100-200", false, false, "", ""},
		{wpt, "bytes\t=100-200", false, false, "", ""},
		{wpt, "bytes=  100-200", false, false, "", ""},
		{wpt, "bytes=\t\t100-200", false, false, "", ""},
		{wpt, "bytes= \t100-200", false, false, "", ""},
		{wpt, "bytes=100 -200", false, false, "", ""},
		{wpt, "bytes=100\t-200", false, false, "", ""},
		{wpt, "bytes=100- 200", false, false, "", ""},
		{wpt, "bytes=100-\t200", false, false, "", ""},
		{wpt, "bytes=100-200hello", false, false, "", ""},
		{wpt, "bytes=abc-def", false, false, "", ""},
		{wpt, "bytes=100-200,300-400", false, false, "", ""},
		{wpt, "bytes=-200", false, true, "", "200"}, // parses; the safelist then rejects it
		{wpt, "bytes=200-", false, true, "200", ""},
		{wpt, "bytes=200-100", false, false, "", ""},
		{wpt, "bytes=1" + zeros + "-2" + zeros, false, true, "1" + zeros, "2" + zeros},
		{wpt, "bytes 100-200", false, false, "", ""},
		{wpt, "bytes = 100-200", false, false, "", ""},
		{wpt, ",bytes=100-200", false, false, "", ""},
		{wpt, "bytes=,100-200", false, false, "", ""},
		{spec + " step 2", "Bytes=0-1", false, false, "", ""},
		{spec + " step 2", "BYTES=0-1", false, false, "", ""},
		{spec + " step 2", "", false, false, "", ""},
		{spec + " step 2", "byte", false, false, "", ""},
		{spec + " step 5", "bytes", false, false, "", ""},
		{spec + " step 11", "bytes=0", false, false, "", ""},
		{spec + " step 16", "bytes=0-1 ", false, false, "", ""},
		{spec + " step 16", "bytes=0-1\x00", false, false, "", ""},
		{spec + " step 17", "bytes=-", false, false, "", ""},
		{spec + " step 18", "bytes=5-5", false, true, "5", "5"},
		{spec + " step 18", "bytes=0005-5", false, true, "0005", "5"},
		{spec + " step 18", "bytes=10-009", false, false, "", ""},
		{spec + " step 18", "bytes=9-10", false, true, "9", "10"},
		{spec + " step 18", "bytes=99999999999999999999-100000000000000000000", false, true, "99999999999999999999", "100000000000000000000"},
		{spec + " step 18", "bytes=100000000000000000000-99999999999999999999", false, false, "", ""},
		{spec + " step 18", "bytes=18446744073709551616-18446744073709551615", false, false, "", ""},
		{spec + " step 8 (ASCII digits only)", "bytes=\u0661-2", false, false, "", ""},
		// allowWhitespace = true.
		{spec + " allowWhitespace", "bytes =100-200", true, true, "100", "200"},
		{spec + " allowWhitespace", "bytes \t= \t100 \t- \t200", true, true, "100", "200"},
		{spec + " allowWhitespace", "bytes= -200", true, true, "", "200"},
		{spec + " allowWhitespace", "bytes=100-200 ", false, false, "", ""},
		{spec + " allowWhitespace (no trailing)", "bytes=100-200 ", true, false, "", ""},
		{spec + " allowWhitespace (no leading)", " bytes=100-200", true, false, "", ""},
		{spec + " allowWhitespace (tab or space only)", "bytes\r\n=1-2", true, false, "", ""},
		{spec + " allowWhitespace", "bytes = - ", true, false, "", ""},
	}
	for _, tt := range tests {
		r, ok := ParseSingleRange(tt.in, tt.ws)
		if ok != tt.ok || r.Start != tt.start || r.End != tt.end {
			t.Errorf("%s: ParseSingleRange(%q, %v) = %+v, %v; want {%q %q}, %v", tt.src, tt.in, tt.ws, r, ok, tt.start, tt.end, tt.ok)
		}
	}
}

func TestCompareDecimal(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"0", "0", 0},
		{"000", "0", 0},
		{"1", "0", 1},
		{"0", "1", -1},
		{"10", "9", 1},
		{"09", "10", -1},
		{"123", "124", -1},
		{"1" + strings.Repeat("0", 99), strings.Repeat("9", 100), -1},
		{"1" + strings.Repeat("0", 100), strings.Repeat("9", 100), 1},
		{strings.Repeat("0", 50) + "7", "7", 0},
		{strings.Repeat("9", 100), strings.Repeat("9", 100), 0},
	}
	for _, tt := range tests {
		if got := CompareDecimal(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareDecimal(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

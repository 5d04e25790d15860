package headerparse

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTrimHTTPWhitespace(t *testing.T) {
	// https://fetch.spec.whatwg.org/#concept-header-value-normalize
	tests := []struct{ in, want string }{
		{"", ""},
		{"a", "a"},
		{" \t\r\na b\n\r\t ", "a b"},
		{"\v a \f", "\v a \f"}, // VT and FF are not HTTP whitespace
		{"\x00a", "\x00a"},
		{" \t\r\n", ""},
	}
	for _, tt := range tests {
		if got := TrimHTTPWhitespace(tt.in); got != tt.want {
			t.Errorf("TrimHTTPWhitespace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTrimHTTPTabOrSpace(t *testing.T) {
	// https://fetch.spec.whatwg.org/#http-tab-or-space
	tests := []struct{ in, want string }{
		{"", ""},
		{" \t a \t ", "a"},
		{"\r\na\r\n", "\r\na\r\n"},
		{"\t", ""},
	}
	for _, tt := range tests {
		if got := TrimHTTPTabOrSpace(tt.in); got != tt.want {
			t.Errorf("TrimHTTPTabOrSpace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsTokenAndHeaderName(t *testing.T) {
	// https://fetch.spec.whatwg.org/#header-name ; RFC 9110 §5.6.2 tchar.
	tests := []struct {
		in   string
		want bool
	}{
		{"", false},
		{"X-Foo", true},
		{"!#$%&'*+-.^_`|~09azAZ", true},
		{"a b", false},
		{"a:b", false},
		{"a\"", false},
		{"(", false},
		{"é", false},
		{"\x7f", false},
		{"a,b", false},
	}
	for _, tt := range tests {
		if got := IsToken(tt.in); got != tt.want {
			t.Errorf("IsToken(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if got := IsHeaderName(tt.in); got != tt.want {
			t.Errorf("IsHeaderName(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsHeaderValue(t *testing.T) {
	// https://fetch.spec.whatwg.org/#header-value
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{"a", true},
		{"a b", true},
		{" a", false},
		{"a\t", false},
		{"a\x00b", false},
		{"a\rb", false},
		{"a\nb", false},
		{"\x7f\xff\x01", true}, // other controls and non-ASCII are fine
		{"\va\f", true},
	}
	for _, tt := range tests {
		if got := IsHeaderValue(tt.in); got != tt.want {
			t.Errorf("IsHeaderValue(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func collect(lines []string) []string {
	var out []string
	it := NewListIter(lines)
	for e, ok := it.Next(); ok; e, ok = it.Next() {
		out = append(out, e)
	}
	return out
}

func TestListIter(t *testing.T) {
	// https://fetch.spec.whatwg.org/#extract-header-list-values (RFC 9110 §5.6.1 #list)
	tests := []struct {
		lines []string
		want  []string
	}{
		{nil, nil},
		{[]string{""}, nil},
		{[]string{" , ,\t,"}, nil},
		{[]string{"a"}, []string{"a"}},
		{[]string{"a, b ,\tc"}, []string{"a", "b", "c"}},
		{[]string{"a,,b"}, []string{"a", "b"}},
		{[]string{"", "a", "", "b,c", ""}, []string{"a", "b", "c"}},
		{[]string{"a b, c"}, []string{"a b", "c"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, collect(tt.lines)); diff != "" {
			t.Errorf("ListIter(%q) (-want +got):\n%s", tt.lines, diff)
		}
	}
}

func TestParseDeltaSeconds(t *testing.T) {
	// https://fetch.spec.whatwg.org/#http-new-header-syntax (delta-seconds)
	tests := []struct {
		in     string
		want   uint64
		wantOK bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"00600", 600, true},
		{"7200", 7200, true},
		{"-1", 0, false},
		{"+5", 0, false},
		{" 5", 0, false},
		{"5 ", 0, false},
		{"5s", 0, false},
		{"1.5", 0, false},
		{"18446744073709551615", math.MaxUint64, true},
		{"18446744073709551616", math.MaxUint64, true},
		{"99999999999999999999999999", math.MaxUint64, true},
		{"99999999999999999999999999x", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseDeltaSeconds(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ParseDeltaSeconds(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

// HasNonASCII finds any byte 0x80 or above, wherever it is.
func TestHasNonASCII(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", false}, {"text/plain", false}, {"\x7f", false}, {"\x80", true},
		{"caf\xc3\xa9", true}, {"abc\xff", true}, {"\xffabc", true},
	} {
		if got := HasNonASCII(c.s); got != c.want {
			t.Errorf("HasNonASCII(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

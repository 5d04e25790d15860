package headerparse

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCollectHTTPQuotedString(t *testing.T) {
	tests := []struct {
		src        string // citation
		in         string
		pos        int
		raw, value string
		wantPos    int
	}{
		// https://fetch.spec.whatwg.org/#example-http-quoted-string
		{"#example-http-quoted-string", `"\`, 0, `"\`, `\`, 2},
		{"#example-http-quoted-string", `"Hello" World`, 0, `"Hello"`, `Hello`, 7},
		{"#example-http-quoted-string", `"Hello \\ World\""`, 0, `"Hello \\ World\""`, `Hello \ World"`, 18},
		// https://fetch.spec.whatwg.org/#collect-an-http-quoted-string
		{"#collect-an-http-quoted-string (unterminated)", `"abc`, 0, `"abc`, `abc`, 4},
		{"#collect-an-http-quoted-string (empty)", `""x`, 0, `""`, ``, 2},
		{"#collect-an-http-quoted-string (escaped quote)", `"a\"b"c`, 0, `"a\"b"`, `a"b`, 6},
		{"#collect-an-http-quoted-string (offset)", `x="v";y`, 2, `"v"`, `v`, 5},
		{"#collect-an-http-quoted-string (escape of non-special)", `"\a\,"`, 0, `"\a\,"`, `a,`, 6},
		{"#collect-an-http-quoted-string (only quote)", `"`, 0, `"`, ``, 1},
		// Caller error: pos does not index a quote.
		{"precondition", `abc`, 0, ``, ``, 0},
		{"precondition", `abc`, 7, ``, ``, 7},
		{"precondition", `abc`, -1, ``, ``, -1},
	}
	for _, tt := range tests {
		raw, pos := CollectHTTPQuotedString(tt.in, tt.pos, false)
		if raw != tt.raw || pos != tt.wantPos {
			t.Errorf("%s: CollectHTTPQuotedString(%q, %d, false) = %q, %d; want %q, %d", tt.src, tt.in, tt.pos, raw, pos, tt.raw, tt.wantPos)
		}
		value, pos := CollectHTTPQuotedString(tt.in, tt.pos, true)
		if value != tt.value || pos != tt.wantPos {
			t.Errorf("%s: CollectHTTPQuotedString(%q, %d, true) = %q, %d; want %q, %d", tt.src, tt.in, tt.pos, value, pos, tt.value, tt.wantPos)
		}
	}
}

func TestGetDecodeAndSplit(t *testing.T) {
	tests := []struct {
		src  string
		in   string
		want []string
	}{
		// https://fetch.spec.whatwg.org/#example-header-list-get-decode-split (a header
		// list's values joined with ", " by "get").
		{"#example-header-list-get-decode-split", "nosniff,", []string{"nosniff", ""}},
		{"#example-header-list-get-decode-split", "nosniff, ", []string{"nosniff", ""}},
		{"#example-header-list-get-decode-split", "", []string{""}},
		{"#example-header-list-get-decode-split", `text/html;", x/x`, []string{`text/html;", x/x`}},
		{"#example-header-list-get-decode-split", `text/html;", x/x`, []string{`text/html;", x/x`}},
		{"#example-header-list-get-decode-split", `x/x;test="hi",y/y`, []string{`x/x;test="hi"`, "y/y"}},
		{"#example-header-list-get-decode-split", `x/x;test="hi", y/y`, []string{`x/x;test="hi"`, "y/y"}},
		{"#example-header-list-get-decode-split", "x / x,,,1", []string{"x / x", "", "", "1"}},
		{"#example-header-list-get-decode-split", "x / x, ,, 1", []string{"x / x", "", "", "1"}},
		{"#example-header-list-get-decode-split", `"1,2", 3`, []string{`"1,2"`, "3"}},
		// https://fetch.spec.whatwg.org/#header-value-get-decode-and-split
		{"#header-value-get-decode-and-split", ",", []string{"", ""}},
		{"#header-value-get-decode-and-split", " \t a \t ", []string{"a"}},
		{"#header-value-get-decode-and-split", "a\r\n", []string{"a\r\n"}}, // only tab/space trimmed
		{"#header-value-get-decode-and-split", `a"b,c"d,e`, []string{`a"b,c"d`, "e"}},
		{"#header-value-get-decode-and-split", `"a\",b",c`, []string{`"a\",b"`, "c"}},
		{"#header-value-get-decode-and-split", `"unterminated, x`, []string{`"unterminated, x`}},
		{"#header-value-get-decode-and-split", `"\`, []string{`"\`}},
		{"#header-value-get-decode-and-split", `GET, TRACE`, []string{"GET", "TRACE"}},
		{"#header-value-get-decode-and-split", "\xff,\x80", []string{"\xff", "\x80"}}, // isomorphic decoding
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, GetDecodeAndSplit(tt.in)); diff != "" {
			t.Errorf("%s: GetDecodeAndSplit(%q) (-want +got):\n%s", tt.src, tt.in, diff)
		}
	}
}

func TestSplitIterEndsOnce(t *testing.T) {
	it := NewSplitIter("a,b")
	for range 2 {
		if _, ok := it.Next(); !ok {
			t.Fatal("ended early")
		}
	}
	for range 3 {
		if item, ok := it.Next(); ok {
			t.Fatalf("Next after the end = %q, true", item)
		}
	}
}

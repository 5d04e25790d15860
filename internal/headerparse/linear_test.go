package headerparse

import (
	"strconv"
	"strings"
	"testing"
)

// Every exported parser must take steps linear in the size of hostile
// input (issue 10): each case builds its input at size n and 100n and
// counts the steps (see steps.go: the iterations of every loop that walks
// input) the call takes. Linear work gives at most about 100x the steps
// (less when the parser stops early); quadratic work gives about 10 000x. Counting, not timing: the verdict is the same
// under -race and on a loaded machine. TrimHTTPWhitespace,
// TrimHTTPTabOrSpace and IsHeaderValue are not here: each is one pass over
// its input and counts nothing, so that it stays inlinable.
func TestHostileInputLinearSteps(t *testing.T) {
	rep := strings.Repeat
	// params returns n MIME parameters ";p000000=v;p000001=v;...": distinct
	// names of one length, so the input grows exactly with n.
	params := func(n int, value string) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			d := strconv.Itoa(i)
			b.WriteString(";p" + rep("0", 6-len(d)) + d + "=" + value)
		}
		return b.String()
	}
	lines := func(n int, line string) []string {
		l := make([]string, n)
		for i := range l {
			l[i] = line
		}
		return l
	}
	walkList := func(l []string) func() {
		return func() {
			it := NewListIter(l)
			for _, ok := it.Next(); ok; _, ok = it.Next() {
			}
		}
	}
	walkSplit := func(s string) func() {
		return func() {
			it := NewSplitIter(s)
			for _, ok := it.Next(); ok; _, ok = it.Next() {
			}
		}
	}
	walkParams := func(s string) func() {
		return func() {
			m, ok := ParseMIMEType(s)
			if !ok {
				t.Fatalf("ParseMIMEType failed on %.40q...", s)
			}
			it := m.Params()
			for _, _, ok := it.Next(); ok; _, _, ok = it.Next() {
			}
		}
	}
	cases := []struct {
		name string
		n    int
		// input returns the call to count on input of size n.
		input func(n int) func()
	}{
		{"IsToken, long token", 1000, func(n int) func() {
			s := rep("x-A!#", n)
			return func() { _ = IsToken(s) }
		}},
		{"IsToken, bad byte at the end", 1000, func(n int) func() {
			s := rep("x-A!#", n) + ","
			return func() { _ = IsToken(s) }
		}},
		{"IsHeaderName, long name", 1000, func(n int) func() {
			s := rep("x-h", n)
			return func() { _ = IsHeaderName(s) }
		}},
		{"EqualFoldASCII, case differs to the last byte", 1000, func(n int) func() {
			a, b := rep("Content-Type", n)+"x", rep("cONTENT-tYPE", n)+"y"
			return func() { _ = EqualFoldASCII(a, b) }
		}},
		{"HasPrefixFoldASCII, long prefix", 1000, func(n int) func() {
			s, p := rep("ABC", n)+"tail", rep("abc", n)
			return func() { _ = HasPrefixFoldASCII(s, p) }
		}},
		{"EqualFoldLower, case differs everywhere", 1000, func(n int) func() {
			s, l := rep("X-REQUESTED-WITH", n), rep("x-requested-with", n)
			return func() { _ = EqualFoldLower(s, l) }
		}},
		{"ListIter, run of commas", 1000, func(n int) func() { return walkList([]string{rep(",", n)}) }},
		{"ListIter, commas and whitespace", 1000, func(n int) func() { return walkList([]string{rep(" ,\t", n)}) }},
		{"ListIter, many elements", 1000, func(n int) func() { return walkList([]string{rep("a, ", n)}) }},
		{"ListIter, one long element in whitespace", 1000, func(n int) func() {
			return walkList([]string{rep(" ", n) + rep("a", n) + rep("\t", n)})
		}},
		{"ListIter, many empty field lines", 1000, func(n int) func() { return walkList(lines(n, "")) }},
		{"ListIter, many field lines of commas", 1000, func(n int) func() { return walkList(lines(n, ",,,")) }},
		{"SplitIter, run of commas", 1000, func(n int) func() { return walkSplit(rep(",", n)) }},
		{"SplitIter, commas and whitespace", 1000, func(n int) func() { return walkSplit(rep(" , \t", n)) }},
		{"SplitIter, many quoted strings", 1000, func(n int) func() { return walkSplit(rep(`"a,b",`, n)) }},
		{"SplitIter, adjacent quoted strings", 1000, func(n int) func() { return walkSplit(rep(`"a"`, n)) }},
		{"SplitIter, run of quotes", 1000, func(n int) func() { return walkSplit(rep(`"`, n)) }},
		{"SplitIter, backslashes in a quoted string", 1000, func(n int) func() { return walkSplit(`"` + rep(`\",`, n) + `"`) }},
		{"SplitIter, unterminated quote", 1000, func(n int) func() { return walkSplit(`a, "` + rep("b,", n)) }},
		{"GetDecodeAndSplit, run of commas", 1000, func(n int) func() {
			s := rep(",", n)
			return func() { _ = GetDecodeAndSplit(s) }
		}},
		{"CollectHTTPQuotedString, backslashes", 1000, func(n int) func() {
			s := `"` + rep(`\\\"`, n) + `"`
			return func() { _, _ = CollectHTTPQuotedString(s, 0, false) }
		}},
		{"CollectHTTPQuotedString, backslashes, value", 1000, func(n int) func() {
			s := `"` + rep(`\\\"`, n) + `"`
			return func() { _, _ = CollectHTTPQuotedString(s, 0, true) }
		}},
		{"CollectHTTPQuotedString, unterminated", 1000, func(n int) func() {
			s := `"` + rep("a,", n)
			return func() { _, _ = CollectHTTPQuotedString(s, 0, true) }
		}},
		{"CollectHTTPQuotedString, trailing backslash", 1000, func(n int) func() {
			s := `"` + rep(`\a`, n) + `\`
			return func() { _, _ = CollectHTTPQuotedString(s, 0, true) }
		}},
		{"ParseMIMEType, whitespace around", 1000, func(n int) func() {
			s := rep(" \t\r\n", n) + "text/plain" + rep("\n\r\t ", n)
			return func() { _, _ = ParseMIMEType(s) }
		}},
		{"ParseMIMEType, long type and subtype", 1000, func(n int) func() {
			s := rep("t", n) + "/" + rep("s", n) + rep(" ", n) + ";"
			return func() { _, _ = ParseMIMEType(s) }
		}},
		{"ParseMIMEType, no slash", 1000, func(n int) func() {
			s := rep("text", n)
			return func() { _, _ = ParseMIMEType(s) }
		}},
		{"ParseMIMEType, bad subtype byte at the end", 1000, func(n int) func() {
			s := "text/" + rep("p", n) + "@"
			return func() { _, _ = ParseMIMEType(s) }
		}},
		{"MIMEType.Params, many distinct parameters", 100, func(n int) func() {
			return walkParams("text/plain" + params(n, "v"))
		}},
		{"MIMEType.Params, one name repeated", 100, func(n int) func() {
			return walkParams("text/plain" + rep(";a=b", n))
		}},
		{"MIMEType.Params, run of semicolons", 1000, func(n int) func() {
			return walkParams("text/plain" + rep(";", n) + ";a=b")
		}},
		{"MIMEType.Params, invalid parameters", 1000, func(n int) func() {
			return walkParams("text/plain" + rep(";@=b;a=;=", n))
		}},
		{"MIMEType.Params, quoted values with backslashes", 100, func(n int) func() {
			return walkParams("text/plain" + params(n, `"\"\\;x`))
		}},
		{"MIMEType.Params, unterminated quoted value", 1000, func(n int) func() {
			return walkParams(`text/plain;a="` + rep(`;b=\`, n))
		}},
		{"MIMEType.Params, whitespace runs", 1000, func(n int) func() {
			return walkParams("text/plain;" + rep(" \t", n) + "a=b" + rep(" ", n) + ";")
		}},
		{"ParseSingleRange, long equal numbers", 1000, func(n int) func() {
			s := "bytes=" + rep("9", n) + "-" + rep("9", n)
			return func() {
				if _, ok := ParseSingleRange(s, false); !ok {
					t.Fatal("range did not parse")
				}
			}
		}},
		{"ParseSingleRange, leading zeros", 1000, func(n int) func() {
			s := "bytes=" + rep("0", n) + "1-" + rep("0", n) + "2"
			return func() { _, _ = ParseSingleRange(s, false) }
		}},
		{"ParseSingleRange, start > end by the last digit", 1000, func(n int) func() {
			s := "bytes=" + rep("5", n) + "2-" + rep("5", n) + "1"
			return func() { _, _ = ParseSingleRange(s, false) }
		}},
		{"ParseSingleRange, whitespace runs", 1000, func(n int) func() {
			ws := rep(" \t", n)
			s := "bytes" + ws + "=" + ws + "1" + ws + "-" + ws + "2"
			return func() { _, _ = ParseSingleRange(s, true) }
		}},
		{"ParseSingleRange, whitespace refused after a long number", 1000, func(n int) func() {
			s := "bytes=" + rep("1", n) + " -"
			return func() { _, _ = ParseSingleRange(s, false) }
		}},
		{"ParseSingleRange, many separators", 1000, func(n int) func() {
			s := "bytes=1-2" + rep(",-", n)
			return func() { _, _ = ParseSingleRange(s, true) }
		}},
		{"CompareDecimal, long equal numbers with leading zeros", 1000, func(n int) func() {
			a, b := rep("0", n)+rep("7", n), rep("7", n)
			return func() { _ = CompareDecimal(a, b) }
		}},
		{"ParseDeltaSeconds, long digit string", 1000, func(n int) func() {
			s := rep("9", n)
			return func() { _, _ = ParseDeltaSeconds(s) }
		}},
		{"ParseDeltaSeconds, bad byte at the end", 1000, func(n int) func() {
			s := rep("1", n) + "s"
			return func() { _, _ = ParseDeltaSeconds(s) }
		}},
	}
	const scale = 100
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			small, large := countSteps(c.input(c.n)), countSteps(c.input(scale*c.n))
			if small == 0 {
				t.Fatal("no steps counted: the loops under test are not instrumented")
			}
			ratio := float64(large) / float64(small)
			t.Logf("%dx the input took %.1fx the steps (%d, %d)", scale, ratio, small, large)
			if ratio > 1.1*scale {
				t.Errorf("%dx the input took %.1fx the steps (%d, %d), want at most %d: not linear",
					scale, ratio, small, large, 11*scale/10)
			}
		})
	}
}

// countSteps returns the steps f takes (see steps.go).
func countSteps(f func()) int64 {
	CountSteps(true)
	defer CountSteps(false)
	f()
	return Steps()
}

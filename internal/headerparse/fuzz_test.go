package headerparse

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
)

// isSubslice reports whether sub is empty or occurs in s.
func isSubslice(s, sub string) bool {
	return sub == "" || strings.Contains(s, sub)
}

func FuzzTrim(f *testing.F) {
	for _, s := range []string{"", " a ", "\t\r\n x \n", "\v"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w := TrimHTTPWhitespace(s)
		if w != strings.Trim(s, "\t\n\r ") {
			t.Fatalf("TrimHTTPWhitespace(%q) = %q", s, w)
		}
		ts := TrimHTTPTabOrSpace(s)
		if ts != strings.Trim(s, "\t ") {
			t.Fatalf("TrimHTTPTabOrSpace(%q) = %q", s, ts)
		}
		if IsHeaderValue(s) && ts != s {
			t.Fatalf("IsHeaderValue(%q) but trimming changes it", s)
		}
	})
}

func FuzzListIter(f *testing.F) {
	f.Add("a, b", "c,,d")
	f.Add("", " , ")
	f.Add("\t", "x y")
	f.Fuzz(func(t *testing.T, l1, l2 string) {
		lines := []string{l1, l2}
		var got []string
		it := NewListIter(lines)
		for e, ok := it.Next(); ok; e, ok = it.Next() {
			if e == "" || strings.Contains(e, ",") || TrimHTTPTabOrSpace(e) != e {
				t.Fatalf("bad element %q from %q", e, lines)
			}
			got = append(got, e)
		}
		// Reference: split every line on commas, trim, drop empties.
		var want []string
		for _, l := range lines {
			for _, p := range strings.Split(l, ",") {
				if p = strings.Trim(p, " \t"); p != "" {
					want = append(want, p)
				}
			}
		}
		if strings.Join(got, "\x00") != strings.Join(want, "\x00") || len(got) != len(want) {
			t.Fatalf("ListIter(%q) = %q, want %q", lines, got, want)
		}
	})
}

func FuzzGetDecodeAndSplit(f *testing.F) {
	for _, s := range []string{"", ",", `"1,2", 3`, `x/x;test="hi",y/y`, `"\`, `a"b\"c,d`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		items := GetDecodeAndSplit(s)
		if len(items) == 0 {
			t.Fatalf("GetDecodeAndSplit(%q) returned no items", s)
		}
		// Reference: a quote-aware state machine over the bytes.
		var want []string
		var cur strings.Builder
		inQuote, escaped := false, false
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case inQuote && escaped:
				escaped = false
			case inQuote && c == '\\':
				escaped = true
			case inQuote && c == '"':
				inQuote = false
			case !inQuote && c == '"':
				inQuote = true
			case !inQuote && c == ',':
				want = append(want, strings.Trim(cur.String(), " \t"))
				cur.Reset()
				continue
			}
			cur.WriteByte(c)
		}
		want = append(want, strings.Trim(cur.String(), " \t"))
		if strings.Join(items, "\x00") != strings.Join(want, "\x00") || len(items) != len(want) {
			t.Fatalf("GetDecodeAndSplit(%q) = %q, want %q", s, items, want)
		}
		// Round trip: without tab or space, the items joined by "," are the input.
		if !strings.ContainsAny(s, " \t") && strings.Join(items, ",") != s {
			t.Fatalf("join(GetDecodeAndSplit(%q)) = %q", s, strings.Join(items, ","))
		}
	})
}

func FuzzCollectHTTPQuotedString(f *testing.F) {
	f.Add(`"Hello \\ World\""`, 0)
	f.Add(`x"\`, 1)
	f.Fuzz(func(t *testing.T, s string, pos int) {
		raw, end := CollectHTTPQuotedString(s, pos, false)
		value, end2 := CollectHTTPQuotedString(s, pos, true)
		if end != end2 {
			t.Fatalf("positions differ: %d vs %d", end, end2)
		}
		if pos < 0 || pos >= len(s) || s[pos] != '"' {
			if raw != "" || value != "" || end != pos {
				t.Fatalf("precondition failure not reported as empty: %q %q %d", raw, value, end)
			}
			return
		}
		if end <= pos || end > len(s) || raw != s[pos:end] {
			t.Fatalf("raw %q, end %d for %q at %d", raw, end, s, pos)
		}
		if len(value) > len(raw) {
			t.Fatalf("value %q longer than raw %q", value, raw)
		}
		// Re-quoting the value reads back the same value.
		requoted := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(value) + `"`
		if v, e := CollectHTTPQuotedString(requoted, 0, true); v != value || e != len(requoted) {
			t.Fatalf("requoted %q reads %q, %d; want %q", requoted, v, e, value)
		}
	})
}

func FuzzParseMIMEType(f *testing.F) {
	for _, s := range []string{"text/plain", "Text/Plain;charset=utf-8", "text /plain", "text/plain,",
		`multipart/form-data;"`, `x/x;a="b\"c";A=d;;e`, " x/y ; q = 1 "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := ParseMIMEType(s)
		if !ok {
			return
		}
		if !IsToken(m.Type) || !IsToken(m.Subtype) || !isSubslice(s, m.Type) || !isSubslice(s, m.Subtype) {
			t.Fatalf("ParseMIMEType(%q) = %+v", s, m)
		}
		if !m.HasEssence(strings.ToLower(m.Type + "/" + m.Subtype)) {
			t.Fatalf("HasEssence fails on its own essence for %q", s)
		}
		// The essence alone parses to the same essence.
		if m2, ok := ParseMIMEType(m.Type + "/" + m.Subtype); !ok || m2.Type != m.Type || m2.Subtype != m.Subtype {
			t.Fatalf("essence of %q does not reparse", s)
		}
		seen := map[string]bool{}
		it := m.Params()
		for n, v, ok := it.Next(); ok; n, v, ok = it.Next() {
			ln := strings.ToLower(n)
			if okV, _ := isQuotedStringTokenString(v); !IsToken(n) || seen[ln] || !okV {
				t.Fatalf("ParseMIMEType(%q): bad parameter %q=%q", s, n, v)
			}
			seen[ln] = true
		}
	})
}

func FuzzParseSingleRange(f *testing.F) {
	for _, s := range []string{"bytes=0-", "bytes=1-2", "bytes=-5", "bytes = 1 - 2", "bytes=2-1", "bytes=01-1"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, ws bool) {
		r, ok := ParseSingleRange(s, ws)
		if !ok {
			if r != (SingleRange{}) {
				t.Fatalf("failure with a value: %+v", r)
			}
			if !ws && strings.HasPrefix(s, "bytes=") {
				// Cross-check the no-whitespace grammar with a reference.
				a, b, cut := strings.Cut(s[len("bytes="):], "-")
				if cut && allDigits(a) && allDigits(b) && (a != "" || b != "") &&
					(a == "" || b == "" || bigOf(a).Cmp(bigOf(b)) <= 0) {
					t.Fatalf("ParseSingleRange(%q) failed on a valid range", s)
				}
			}
			return
		}
		if r.Start == "" && r.End == "" || !allDigits(r.Start) || !allDigits(r.End) {
			t.Fatalf("ParseSingleRange(%q) = %+v", s, r)
		}
		if r.Start != "" && r.End != "" && bigOf(r.Start).Cmp(bigOf(r.End)) > 0 {
			t.Fatalf("ParseSingleRange(%q): start > end", s)
		}
		if !ws && "bytes="+r.Start+"-"+r.End != s {
			t.Fatalf("ParseSingleRange(%q) = %+v does not round-trip", s, r)
		}
	})
}

func FuzzCompareDecimal(f *testing.F) {
	f.Add("0", "00")
	f.Add("10", "9")
	f.Fuzz(func(t *testing.T, a, b string) {
		if a == "" || b == "" || !allDigits(a) || !allDigits(b) {
			return
		}
		if got, want := CompareDecimal(a, b), bigOf(a).Cmp(bigOf(b)); got != want {
			t.Fatalf("CompareDecimal(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}

func FuzzParseDeltaSeconds(f *testing.F) {
	for _, s := range []string{"0", "600", "-1", "+5", "18446744073709551616", " 5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseDeltaSeconds(s)
		if ok != (s != "" && allDigits(s)) {
			t.Fatalf("ParseDeltaSeconds(%q) ok = %v", s, ok)
		}
		if !ok {
			return
		}
		want, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			want = math.MaxUint64 // out of range: saturate
		}
		if n != want {
			t.Fatalf("ParseDeltaSeconds(%q) = %d, want %d", s, n, want)
		}
	})
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func bigOf(s string) *big.Int {
	n, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("bigOf: " + s)
	}
	return n
}

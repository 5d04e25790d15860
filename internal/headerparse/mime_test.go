package headerparse

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type param struct{ Name, Value string }

// parsedMIME is a comparable view of a parse: the lowercased essence and
// the parameters with lowercased names, as the spec stores them.
type parsedMIME struct {
	Essence string
	Params  []param
}

func parseForTest(s string) (parsedMIME, bool) {
	m, ok := ParseMIMEType(s)
	if !ok {
		return parsedMIME{}, false
	}
	p := parsedMIME{Essence: strings.ToLower(m.Type + "/" + m.Subtype)}
	it := m.Params()
	for n, v, ok := it.Next(); ok; n, v, ok = it.Next() {
		p.Params = append(p.Params, param{strings.ToLower(n), v})
	}
	return p, true
}

func TestParseMIMEType(t *testing.T) {
	const wpt = "wpt mimesniff/mime-types/resources/mime-types.json"
	const spec = "https://mimesniff.spec.whatwg.org/#parse-a-mime-type"
	long := strings.Repeat("0123456789", 13)
	tests := []struct {
		src  string
		in   string
		ok   bool
		want parsedMIME
	}{
		{wpt + " Basics", "text/html;charset=gbk", true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Basics", "TEXT/HTML;CHARSET=GBK", true, parsedMIME{"text/html", []param{{"charset", "GBK"}}}},
		{wpt + " Legacy comment syntax", "text/html;charset=gbk(", true, parsedMIME{"text/html", []param{{"charset", "gbk("}}}},
		{wpt + " Legacy comment syntax", "text/html;x=(;charset=gbk", true, parsedMIME{"text/html", []param{{"x", "("}, {"charset", "gbk"}}}},
		{wpt + " Duplicate parameter", "text/html;charset=gbk;charset=windows-1255", true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Spaces", "text/html;charset =gbk", true, parsedMIME{"text/html", nil}},
		{wpt + " Spaces", "text/html ;charset=gbk", true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Spaces", "text/html; charset=gbk", true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Spaces", "text/html;charset= gbk", true, parsedMIME{"text/html", []param{{"charset", " gbk"}}}},
		{wpt + " Single quotes", "text/html;charset='gbk'", true, parsedMIME{"text/html", []param{{"charset", "'gbk'"}}}},
		{wpt + " Single quotes", "text/html;charset='gbk", true, parsedMIME{"text/html", []param{{"charset", "'gbk"}}}},
		{wpt + " Invalid parameters", "text/html;test;charset=gbk", true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Invalid parameters", "text/html;test=;charset=gbk", true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Invalid parameters", "text/html;';charset=gbk", true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Invalid parameters", `text/html;";charset=gbk`, true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Invalid parameters", "text/html ; ; charset=gbk", true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Invalid parameters", "text/html;;;;charset=gbk", true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Double quotes", `text/html;charset="gbk"`, true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Double quotes", `text/html;charset="gbk`, true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Double quotes", `text/html;charset=gbk"`, true, parsedMIME{"text/html", []param{{"charset", `gbk"`}}}},
		{wpt + " Double quotes", `text/html;charset=" gbk"`, true, parsedMIME{"text/html", []param{{"charset", " gbk"}}}},
		{wpt + " Double quotes", `text/html;charset="\ gbk"`, true, parsedMIME{"text/html", []param{{"charset", " gbk"}}}},
		{wpt + " Double quotes", `text/html;charset="\g\b\k"`, true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Double quotes", `text/html;charset="gbk"x`, true, parsedMIME{"text/html", []param{{"charset", "gbk"}}}},
		{wpt + " Unexpected code points", "text/html;charset={gbk}", true, parsedMIME{"text/html", []param{{"charset", "{gbk}"}}}},
		{wpt + " Parameter name longer than 127", "text/html;" + long + "=x;charset=gbk", true, parsedMIME{"text/html", []param{{long, "x"}, {"charset", "gbk"}}}},
		{wpt + " type/subtype longer than 127", long + "/" + long, true, parsedMIME{long + "/" + long, nil}},
		{wpt + " End-of-file handling", "x/x;test", true, parsedMIME{"x/x", nil}},
		{wpt + " End-of-file handling", `x/x;test="\`, true, parsedMIME{"x/x", []param{{"test", `\`}}}},
		{wpt + " Latin1", "text/html;test=\xff;charset=gbk", true, parsedMIME{"text/html", []param{{"test", "\xff"}, {"charset", "gbk"}}}},
		{wpt + " Failure", "", false, parsedMIME{}},
		{wpt + " Failure", "\t", false, parsedMIME{}},
		{wpt + " Failure", "bogus", false, parsedMIME{}},
		{wpt + " Failure", "bogus/", false, parsedMIME{}},
		{wpt + " Failure", "bogus/ ", false, parsedMIME{}},
		{wpt + " Failure", "bogus/bogus/;", false, parsedMIME{}},
		{wpt + " Failure", "</>", false, parsedMIME{}},
		{wpt + " Failure", "(/)", false, parsedMIME{}},
		{wpt + " Failure", "text/html(;doesnot=matter", false, parsedMIME{}},
		{wpt + " Failure", "{/}", false, parsedMIME{}},
		{wpt + " Failure (U+0100 as UTF-8)", "\xc4\x80/\xc4\x80", false, parsedMIME{}},
		// Step by step from the algorithm.
		{spec + " step 1", " \r\n\ttext/plain \r\n\t", true, parsedMIME{"text/plain", nil}},
		{spec + " step 2", "text /plain", false, parsedMIME{}},
		{spec + " step 2", "/plain", false, parsedMIME{}},
		{spec + " step 2", "text\t/\tplain", false, parsedMIME{}},
		{spec + " step 5", "text/plain,", false, parsedMIME{}},
		{spec + " step 5", ",text/plain", false, parsedMIME{}},
		{spec + " step 5", "text/plain,text/plain", false, parsedMIME{}},
		{spec + " step 5", "text/plain\v", false, parsedMIME{}},
		{spec + " step 5", "text/plain\f", false, parsedMIME{}},
		{spec + " step 5", "text/;x=y", false, parsedMIME{}},
		{spec + " step 5", "text/plain \t;x=y", true, parsedMIME{"text/plain", []param{{"x", "y"}}}},
		{spec + " step 5", "text/pl ain", false, parsedMIME{}},
		{spec + " step 11.1", "text/plain;", true, parsedMIME{"text/plain", nil}},
		{spec + " step 11.2", "text/plain;\r\n x=y", true, parsedMIME{"text/plain", []param{{"x", "y"}}}},
		{spec + " step 11.5", "text/plain;x", true, parsedMIME{"text/plain", nil}},
		{spec + " step 11.6", "text/plain;x=", true, parsedMIME{"text/plain", nil}},
		{spec + " step 11.8", `text/plain;x=""`, true, parsedMIME{"text/plain", []param{{"x", ""}}}},
		{spec + " step 11.8", `text/plain;x="a;b";y=z`, true, parsedMIME{"text/plain", []param{{"x", "a;b"}, {"y", "z"}}}},
		{spec + " step 11.9", "text/plain;x=a b \t", true, parsedMIME{"text/plain", []param{{"x", "a b"}}}},
		{spec + " step 11.9", "text/plain;x= ", true, parsedMIME{"text/plain", nil}},
		{spec + " step 11.10", "text/plain;x=\x7f", true, parsedMIME{"text/plain", nil}},
		{spec + " step 11.10", "text/plain;x=\x01;y=1", true, parsedMIME{"text/plain", []param{{"y", "1"}}}},
		{spec + " step 11.10", "text/plain;X=1;x=2", true, parsedMIME{"text/plain", []param{{"x", "1"}}}},
		{spec + " step 11.10", "text/plain;x\x01=1;x=2", true, parsedMIME{"text/plain", []param{{"x", "2"}}}},
		// Past the four names ParamIter keeps inline, duplicates are found in its map.
		{spec + " step 11.10", "text/plain;a=1;b=2;c=3;d=4;E=5;A=6;e=7;D=8;f=9;F=0", true,
			parsedMIME{"text/plain", []param{{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}, {"f", "9"}}}},
		{spec + " step 11.10", "multipart/form-data;\"", true, parsedMIME{"multipart/form-data", nil}},
		{spec + " step 11.10", "text/plain;garbage\x01\x02", true, parsedMIME{"text/plain", nil}},
		{spec + " step 11.10", "application/x-www-form-urlencoded;\x7f", true, parsedMIME{"application/x-www-form-urlencoded", nil}},
	}
	for _, tt := range tests {
		got, ok := parseForTest(tt.in)
		if ok != tt.ok {
			t.Errorf("%s: ParseMIMEType(%q) ok = %v, want %v", tt.src, tt.in, ok, tt.ok)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: ParseMIMEType(%q) (-want +got):\n%s", tt.src, tt.in, diff)
		}
	}
}

func TestMIMETypeHasEssence(t *testing.T) {
	// https://mimesniff.spec.whatwg.org/#mime-type-essence
	tests := []struct {
		in, essence string
		want        bool
	}{
		{"Text/Plain;charset=utf-8", "text/plain", true},
		{"TEXT/PLAIN", "text/plain", true},
		{"text/plain", "text/plai", false},
		{"text/plain", "text/plainx", false},
		{"text/plain", "textxplain", false},
		{"text/plain", "text/html", false},
		{"texts/plain", "text/splain", false},
		{"\u212aa/b", "ka/b", false}, // not token anyway, but never a Unicode fold
	}
	for _, tt := range tests {
		m, ok := ParseMIMEType(tt.in)
		if got := ok && m.HasEssence(tt.essence); got != tt.want {
			t.Errorf("ParseMIMEType(%q).HasEssence(%q) = %v, want %v", tt.in, tt.essence, got, tt.want)
		}
	}
}

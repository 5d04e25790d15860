package cors

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

const pageOrigin = "http://web-platform.test:8000"

// ACAO values from WPT cors/origin.htm (shouldPass / shouldFail /
// doubleOrigin), for a page at pageOrigin without credentials, with the
// reason Chromium reports. See https://fetch.spec.whatwg.org/#concept-cors-check.
func TestCheckOriginHTM(t *testing.T) {
	const host = "web-platform.test:8000"
	tests := []struct {
		acao []string // field lines; nil: absent
		want Reason
	}{
		// shouldPass: header values are normalized, so surrounding
		// whitespace does not count.
		{[]string{"*"}, ReasonNone},
		{[]string{" *  "}, ReasonNone},
		{[]string{"\t*"}, ReasonNone},
		{[]string{pageOrigin}, ReasonNone},
		{[]string{" " + pageOrigin}, ReasonNone},
		{[]string{" " + pageOrigin + "   \t "}, ReasonNone},
		{[]string{"\t" + pageOrigin}, ReasonNone},
		// shouldFail.
		{[]string{"http://www1." + host}, AllowOriginMismatch},
		{[]string{"//" + host}, InvalidAllowOriginValue},
		{[]string{"://" + host}, InvalidAllowOriginValue},
		{[]string{"ftp://" + host}, AllowOriginMismatch},
		{[]string{"http:://" + host}, InvalidAllowOriginValue},
		{[]string{"http:/" + host}, AllowOriginMismatch},
		{[]string{"http:" + host}, AllowOriginMismatch},
		{[]string{host}, AllowOriginMismatch}, // "web-platform.test:8000" parses as scheme "web-platform.test"
		{[]string{pageOrigin + "?"}, AllowOriginMismatch},
		{[]string{pageOrigin + "/"}, AllowOriginMismatch},
		{[]string{pageOrigin + " /"}, MultipleAllowOriginValues},
		{[]string{pageOrigin + "#"}, AllowOriginMismatch},
		{[]string{pageOrigin + "%23"}, InvalidAllowOriginValue},
		{[]string{pageOrigin + ":80"}, InvalidAllowOriginValue}, // port "8000:80"
		{[]string{pageOrigin + ", *"}, MultipleAllowOriginValues},
		{[]string{pageOrigin + "\x00"}, AllowOriginMismatch},
		{[]string{strings.ToUpper(pageOrigin)}, AllowOriginMismatch},
		{[]string{"HTTP://" + host}, AllowOriginMismatch},
		{[]string{"-"}, InvalidAllowOriginValue},
		{[]string{"**"}, InvalidAllowOriginValue},
		{[]string{"\x00*"}, InvalidAllowOriginValue},
		{[]string{"*\x00"}, InvalidAllowOriginValue},
		{[]string{"'*'"}, InvalidAllowOriginValue},
		{[]string{`"*"`}, InvalidAllowOriginValue},
		{[]string{"* *"}, MultipleAllowOriginValues},
		{[]string{"* null"}, MultipleAllowOriginValues},
		{[]string{"*http://*"}, InvalidAllowOriginValue},
		{[]string{"*" + pageOrigin}, InvalidAllowOriginValue},
		{[]string{"* " + pageOrigin}, MultipleAllowOriginValues},
		{[]string{"*, " + pageOrigin}, MultipleAllowOriginValues},
		{[]string{"\x00" + pageOrigin}, AllowOriginMismatch},
		{[]string{"null " + pageOrigin}, MultipleAllowOriginValues},
		{[]string{"http://example.net"}, AllowOriginMismatch},
		{[]string{"null"}, AllowOriginMismatch},
		{[]string{"null *"}, MultipleAllowOriginValues},
		{[]string{""}, InvalidAllowOriginValue},
		{[]string{pageOrigin + "/cors/origin.htm"}, AllowOriginMismatch},
		{[]string{pageOrigin + "/cors"}, AllowOriginMismatch},
		{[]string{"http://www1." + host}, AllowOriginMismatch},
		{[]string{"test:8000"}, AllowOriginMismatch},
		{[]string{".test:8000"}, InvalidAllowOriginValue},
		{[]string{"*.test:8000"}, InvalidAllowOriginValue},
		{[]string{"http://test:8000"}, AllowOriginMismatch},
		{[]string{"http://.test:8000"}, AllowOriginMismatch},
		{[]string{"http://*.test:8000"}, AllowOriginMismatch}, // "*" is no forbidden host code point
		// doubleOrigin: two field lines combine to "a, b".
		{[]string{"", "*"}, MultipleAllowOriginValues},
		{[]string{"*", ""}, MultipleAllowOriginValues},
		{[]string{"*", "*"}, MultipleAllowOriginValues},
		{[]string{"", pageOrigin}, MultipleAllowOriginValues},
		{[]string{"*", pageOrigin}, MultipleAllowOriginValues},
		{[]string{pageOrigin, pageOrigin}, MultipleAllowOriginValues},
		// Absent.
		{nil, MissingAllowOriginHeader},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.acao != nil {
			h["Access-Control-Allow-Origin"] = tt.acao
		}
		err := Check(h, pageOrigin, false)
		if tt.want == ReasonNone {
			if err != nil {
				t.Errorf("ACAO %q: %v, want success", tt.acao, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("ACAO %q: got %v, want an *Error with %v", tt.acao, err, tt.want)
			continue
		}
		if e.Reason != tt.want {
			t.Errorf("ACAO %q: reason %v, want %v", tt.acao, e.Reason, tt.want)
		}
		if !errors.Is(err, ErrBlocked) {
			t.Errorf("ACAO %q: errors.Is(err, ErrBlocked) is false", tt.acao)
		}
	}
}

// The credentials table of https://fetch.spec.whatwg.org/#cors-protocol-and-credentials
// and the steps of https://fetch.spec.whatwg.org/#concept-cors-check.
func TestCheckCredentials(t *testing.T) {
	const o = "https://rabbit.invalid"
	tests := []struct {
		acao, acac  []string
		credentials bool
		want        Reason
		param       string
	}{
		{[]string{"*"}, nil, false, ReasonNone, ""},
		{[]string{"*"}, []string{"true"}, false, ReasonNone, ""},
		{[]string{"*"}, []string{"true"}, true, WildcardOriginNotAllowed, ""},
		{[]string{"*"}, nil, true, WildcardOriginNotAllowed, ""},
		{[]string{o}, nil, false, ReasonNone, ""},
		{[]string{o}, []string{"false"}, false, ReasonNone, ""},
		{[]string{o}, []string{"true"}, true, ReasonNone, ""},
		{[]string{o}, []string{" true\t"}, true, ReasonNone, ""},
		{[]string{o}, nil, true, InvalidAllowCredentials, ""},
		{[]string{o}, []string{""}, true, InvalidAllowCredentials, ""},
		{[]string{o}, []string{"True"}, true, InvalidAllowCredentials, "True"},
		{[]string{o}, []string{"TRUE"}, true, InvalidAllowCredentials, "TRUE"},
		{[]string{o}, []string{"1"}, true, InvalidAllowCredentials, "1"},
		{[]string{o}, []string{"true", "true"}, true, InvalidAllowCredentials, "true, true"},
		{[]string{o}, []string{"true, true"}, true, InvalidAllowCredentials, "true, true"},
		{[]string{o + "/"}, []string{"true"}, true, AllowOriginMismatch, o + "/"},
		{[]string{"null"}, []string{"true"}, true, AllowOriginMismatch, "null"},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.acao != nil {
			h["Access-Control-Allow-Origin"] = tt.acao
		}
		if tt.acac != nil {
			h["Access-Control-Allow-Credentials"] = tt.acac
		}
		err := Check(h, o, tt.credentials)
		if tt.want == ReasonNone {
			if err != nil {
				t.Errorf("ACAO %q ACAC %q cred %v: %v", tt.acao, tt.acac, tt.credentials, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Reason != tt.want || e.Offending != tt.param || e.Origin != o {
			t.Errorf("ACAO %q ACAC %q cred %v: got %#v, want reason %v param %q", tt.acao, tt.acac, tt.credentials, err, tt.want, tt.param)
		}
	}
}

// A tainted or opaque origin serializes as "null", which an ACAO of "null"
// matches. See https://fetch.spec.whatwg.org/#concept-cors-check ("null is
// not `null`") and #byte-serializing-a-request-origin.
func TestCheckNullOrigin(t *testing.T) {
	h := http.Header{"Access-Control-Allow-Origin": {"null"}}
	if err := Check(h, "null", false); err != nil {
		t.Errorf("ACAO null for origin null: %v", err)
	}
	if err := Check(http.Header{}, "null", false); err == nil {
		t.Error("a missing ACAO passed for origin null")
	}
	if err := Check(h, "", false); err == nil || errors.Is(err, ErrBlocked) {
		t.Errorf("an empty origin must be a caller error, got %v", err)
	}
}

func TestCheckNoAllocs(t *testing.T) {
	h := http.Header{
		"Access-Control-Allow-Origin":      {"https://app.example"},
		"Access-Control-Allow-Credentials": {"true"},
		"Content-Type":                     {"application/json"},
	}
	star := http.Header{"Access-Control-Allow-Origin": {" * "}}
	n := testing.AllocsPerRun(1000, func() {
		if Check(h, "https://app.example", true) != nil || Check(star, "https://app.example", false) != nil {
			t.Fatal("check failed")
		}
	})
	if n != 0 {
		t.Errorf("a passing CORS check allocates %v times", n)
	}
}

// Values that could tempt a lenient parser: Chromium's GURL-based
// classification, reduced to what decides the reason.
func TestParsesAsURL(t *testing.T) {
	yes := []string{
		"https://a.example", "https://A.EXAMPLE:443/", "http:a", "http:/a", "http:\\\\a", "ftp://a", "foo:bar",
		"web-platform.test:8000", "http://1.2.3.4", "http://0x7f.1", "http://[::1]:80", "http://u:p@a:1/",
		"http://a.example.", "file:", "chrome-extension://abc", "  https://a\x00", "https://é.example",
		"http://a%41b", "h\ttt\np://a",
	}
	no := []string{
		"", "*", "-", "//a", "://a", "1http://a", "http://", "http:///", "http://:80", "http://a:99999",
		"http://a:8a", "http://a b", "http://a%20b", "http://a%", "http://a<b", "http://a^b", "http://[::1",
		"http://[::g]", "http://1.2.3.256", "http://1.2.3.4.5", "http://0x100.1", "http://09.1.1.1",
		"foo://a b", "http://4294967296",
	}
	for _, s := range yes {
		if !parsesAsURL(s) {
			t.Errorf("parsesAsURL(%q) = false, want true", s)
		}
	}
	for _, s := range no {
		if parsesAsURL(s) {
			t.Errorf("parsesAsURL(%q) = true, want false", s)
		}
	}
}

package cors

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/internal/headerparse"
)

func FuzzParseOrigin(f *testing.F) {
	for _, s := range []string{
		"null", "https://example.com", "http://a:80", "http://[::1]:8080", "http://[0:0::1]", "https://Example.com",
		"https://example.com/", "chrome-extension://x", "http://1.2.3.4:00001", "", "http://[::ffff:1.2.3.4]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseOrigin(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidOrigin) {
				t.Fatalf("error %v does not wrap ErrInvalidOrigin", err)
			}
			return
		}
		ser := o.String()
		if len(ser) > len(s) {
			t.Fatalf("ParseOrigin(%q).String() = %q grew", s, ser)
		}
		if rest, ok := strings.CutPrefix(ser, o.Scheme()+"://"); o.IsOpaque() != (ser == "null") || (!o.IsOpaque() && (!ok || strings.ContainsAny(rest, " \t/?#@%") || rest != strings.ToLower(rest))) {
			t.Fatalf("ParseOrigin(%q) serializes as %q", s, ser)
		}
		p, err := ParseOrigin(ser)
		if err != nil || p != o {
			t.Fatalf("round trip of %q via %q: %#v, %v", s, ser, p, err)
		}
		if ser == s && !o.IsOpaque() {
			// A canonical origin passes the CORS check against itself.
			if err := Check(http.Header{"Access-Control-Allow-Origin": {s}}, s, false); err != nil {
				t.Fatalf("Check(%q against itself): %v", s, err)
			}
		}
	})
}

// FuzzCheck feeds the CORS check arbitrary Access-Control-Allow-Origin and
// -Credentials field lines. Invariant: it passes exactly when the spec's
// steps say so, and every failure is a precise *Error.
func FuzzCheck(f *testing.F) {
	f.Add("https://a.example", "", "true", "https://a.example", true, false)
	f.Add("*", "", "", "https://a.example", false, false)
	f.Add(" * ", "*", "", "null", false, true)
	f.Add("null", "", "True", "null", true, false)
	f.Add("https://a.example\x00", "", "", "https://a.example", false, false)
	f.Fuzz(func(t *testing.T, acao, acao2, acac, origin string, credentials, twoLines bool) {
		h := http.Header{"Access-Control-Allow-Origin": {acao}}
		if twoLines {
			h["Access-Control-Allow-Origin"] = append(h["Access-Control-Allow-Origin"], acao2)
		}
		if acac != "" {
			h["Access-Control-Allow-Credentials"] = []string{acac}
		}
		err := Check(h, origin, credentials)
		if origin == "" {
			if err == nil || errors.Is(err, ErrBlocked) {
				t.Fatal("an empty origin must be a caller error")
			}
			return
		}
		v := headerparse.TrimHTTPWhitespace(acao)
		pass := !twoLines && ((v == "*" && !credentials) || (v == origin && (!credentials || headerparse.TrimHTTPWhitespace(acac) == "true")))
		if pass != (err == nil) {
			t.Fatalf("ACAO %q/%q (two lines %v) ACAC %q origin %q cred %v: err %v, want pass %v", acao, acao2, twoLines, acac, origin, credentials, err, pass)
		}
		if err == nil {
			return
		}
		var e *Error
		if !errors.As(err, &e) || e.Reason == ReasonNone || !errors.Is(err, ErrBlocked) {
			t.Fatalf("not a precise *Error: %#v", err)
		}
		if twoLines && e.Reason != MultipleAllowOriginValues {
			t.Fatalf("two ACAO lines gave %v", e.Reason)
		}
		if msg := e.Error(); strings.ContainsAny(msg, "\r\n") {
			t.Fatalf("Error() is not one line: %q", msg)
		}
		_ = e.ConsoleMessage()
	})
}

// FuzzCheckPreflightResponse: a granted preflight satisfies every step of
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0, checked here
// independently of the implementation.
func FuzzCheckPreflightResponse(f *testing.F) {
	f.Add(200, "*", "PUT, DELETE", "x-a, X-B", "600", "PUT", "X-A", false, false)
	f.Add(204, "https://a.example", "*", "*", "-1", "OK", "Authorization", true, true)
	f.Add(404, "", "", "", "", "GET", "", false, false)
	f.Add(200, "*", "get", "x-test,", "abc", "get", "x-test", false, false)
	f.Fuzz(func(t *testing.T, status int, acao, acam, acah, maxAge, method, reqHeader string, credentials, chromium bool) {
		h := http.Header{}
		for name, v := range map[string]string{"Access-Control-Allow-Origin": acao, "Access-Control-Allow-Methods": acam, "Access-Control-Allow-Headers": acah, "Access-Control-Max-Age": maxAge} {
			if v != "" {
				h[name] = strings.Split(v, "\n")
			}
		}
		h["Access-Control-Allow-Credentials"] = []string{"true"}
		rh := http.Header{}
		if reqHeader != "" {
			rh[http.CanonicalHeaderKey(reqHeader)] = []string{"v"}
		}
		const origin = "https://a.example"
		r := &Request{Method: method, Header: rh, Origin: origin, Credentials: credentials}
		var p *Policy
		if chromium {
			c := ChromiumPolicy()
			p = &c
		}
		res, err := CheckPreflightResponse(status, h, r, p)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || !e.Reason.IsPreflight() || res != nil {
				t.Fatalf("not a precise preflight *Error: %#v", err)
			}
			return
		}
		if status < 200 || status > 299 {
			t.Fatalf("status %d passed", status)
		}
		if reason, _ := checkAccess(h, origin, credentials); reason != ReasonNone {
			t.Fatal("passed without a passing CORS check")
		}
		for _, m := range res.Methods {
			if !headerparse.IsToken(m) {
				t.Fatalf("method %q is not a token", m)
			}
		}
		star := false
		for _, n := range res.Headers {
			if !headerparse.IsToken(n) || n != strings.ToLower(n) {
				t.Fatalf("header %q is not a lowercase token", n)
			}
			star = star || n == "*"
		}
		if method != "GET" && method != "HEAD" && method != "POST" && !contains(res.Methods, method) && !(contains(res.Methods, "*") && !credentials) {
			t.Fatalf("method %q passed with %q", method, res.Methods)
		}
		for _, n := range p.UnsafeRequestHeaderNames(rh) {
			wild := star && !credentials && (n != "authorization" || chromium)
			if !contains(res.Headers, n) && !wild {
				t.Fatalf("header %q passed with %q", n, res.Headers)
			}
		}
		if res.MaxAge < 0 || res.MaxAge > ChromiumMaxAgeCap {
			t.Fatalf("max-age %v", res.MaxAge)
		}
	})
}

// FuzzFilterCORS: a filtered CORS response never carries a header that is
// neither safelisted nor exposed, and never Set-Cookie.
func FuzzFilterCORS(f *testing.F) {
	f.Add("X-A: 1\nSet-Cookie: s\nContent-Type: t\nx-b: 2", "x-a, set-cookie", false)
	f.Add("X-A: 1\nSet-Cookie2: s\n*: w", "*", false)
	f.Add("X-A: 1\n*: w", "*", true)
	f.Add("x-a: 1", "X-A, b c", false)
	f.Fuzz(func(t *testing.T, raw, aceh string, credentials bool) {
		h := http.Header{}
		for _, line := range strings.Split(raw, "\n") {
			name, value, _ := strings.Cut(line, ":")
			h[name] = append(h[name], value)
		}
		h["Access-Control-Expose-Headers"] = strings.Split(aceh, "\n")
		exposed := ExposedHeaderNames(h, credentials)
		out := CORSFilteredResponse(&http.Response{Header: h}, credentials).Header
		fixed := []string{"cache-control", "content-language", "content-length", "content-type", "expires", "last-modified", "pragma"}
		for name, vals := range out {
			lower := strings.ToLower(name)
			if lower == "set-cookie" || lower == "set-cookie2" {
				t.Fatalf("%q leaked", name)
			}
			ok := contains(fixed, lower)
			for _, e := range exposed {
				ok = ok || strings.EqualFold(e, name)
			}
			if !ok {
				t.Fatalf("%q is neither safelisted nor exposed (%q)", name, exposed)
			}
			if !equalStrings(vals, h[name]) {
				t.Fatalf("%q values changed", name)
			}
		}
		for name := range h {
			if contains(fixed, strings.ToLower(name)) && out[name] == nil && len(h[name]) > 0 {
				t.Fatalf("safelisted %q was dropped", name)
			}
		}
	})
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

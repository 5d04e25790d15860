package fetch

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"unicode/utf8"
)

// The bytes of a header value on the wire: the caller's under the
// standard, Chromium and Firefox; under WebKit (cors.Policy.
// HeaderValuesSentAsUTF8, observed in WebKitGTK 2.50.6, spec_test/browser
// knob-hdr-accept-non-ascii) each byte 0x80-0xFF as the UTF-8 of that code
// point. The safelist verdict is the same: no preflight either way. The
// caller's header is not modified.
// See https://fetch.spec.whatwg.org/#concept-header-value.
func TestHeaderValuesSentAsUTF8(t *testing.T) {
	want := map[string]string{"spec": "text/\xe9", "chromium": "text/\xe9", "firefox": "", "webkit": "text/\xc3\xa9"}
	for _, pr := range presets {
		base := routed(map[string]route{"api.test/r": {preflight: []string{"Access-Control-Allow-Headers: accept"}}})
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		h := hdr("Accept: text/\xe9", "Content-Language: en")
		if got := sendAll(t, tr, quirkCall{method: "GET", url: quirkAPI + "/r", header: h}); got[0] != "ok OK" {
			t.Fatalf("%s: %v", pr.name, got)
		}
		reqs := base.lastReqs()
		last := reqs[len(reqs)-1]
		if pr.name == "firefox" {
			// Firefox preflights for a byte >= 0x80 in Accept
			// (AcceptNonASCIIUnsafe) and sends it as it is.
			if len(reqs) != 2 || last.Header.Get("Accept") != "text/\xe9" {
				t.Errorf("firefox: %d requests, Accept %q", len(reqs), last.Header.Get("Accept"))
			}
			continue
		}
		if len(reqs) != 1 {
			t.Errorf("%s: %d requests, want 1 (no preflight)", pr.name, len(reqs))
		}
		if got := last.Header.Get("Accept"); got != want[pr.name] {
			t.Errorf("%s: Accept on the wire %q, want %q", pr.name, got, want[pr.name])
		}
		if got := last.Header.Get("Content-Language"); got != "en" {
			t.Errorf("%s: Content-Language %q", pr.name, got)
		}
		if got := h.Get("Accept"); got != "text/\xe9" {
			t.Errorf("%s: the caller's header became %q", pr.name, got)
		}
	}
}

func TestLatin1ToUTF8(t *testing.T) {
	for in, want := range map[string]string{
		"":              "",
		"ascii":         "ascii",
		"\xe9":          "é",
		"a\x80b\xffc":   "a\u0080b\u00ffc",
		"text/\xe9\xe9": "text/éé",
	} {
		if got := latin1ToUTF8(in); got != want {
			t.Errorf("latin1ToUTF8(%q) = %q, want %q", in, got, want)
		}
	}
}

// WebKit, like Chromium, fetches no about: URL (cors.Policy.
// AboutSchemeUnsupported; observed in WebKitGTK 2.50.6, spec_test/browser
// knob-about-blank-nocors). See https://fetch.spec.whatwg.org/#scheme-fetch.
func TestWebKitAboutBlankUnsupported(t *testing.T) {
	for _, pr := range presets {
		tr := &Transport{Origin: quirkPage, Policy: pr.p, Base: roundTripFunc(func(*http.Request) (*http.Response, error) {
			return nil, errors.New("no network")
		})}
		req, _ := http.NewRequestWithContext(WithOptions(context.Background(), Options{Mode: ModeNoCORS}), "GET", "about:blank", nil)
		resp, err := tr.RoundTrip(req)
		wantErr := pr.name == "chromium" || pr.name == "webkit"
		if (err != nil) != wantErr {
			t.Errorf("%s: about:blank no-cors: err %v, want an error: %v", pr.name, err, wantErr)
		}
		if resp != nil {
			resp.Body.Close()
		}
	}
}

// latin1ToUTF8 gives valid UTF-8 whose code points are the input's bytes.
func FuzzLatin1ToUTF8(f *testing.F) {
	for _, s := range []string{"", "ascii", "text/\xe9", "\x80\xff\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := latin1ToUTF8(s)
		if !utf8.ValidString(out) {
			t.Fatalf("latin1ToUTF8(%q) = %q, not UTF-8", s, out)
		}
		i := 0
		for _, r := range out {
			if i >= len(s) || rune(s[i]) != r {
				t.Fatalf("latin1ToUTF8(%q) = %q: code point %d is %U", s, out, i, r)
			}
			i++
		}
		if i != len(s) {
			t.Fatalf("latin1ToUTF8(%q) = %q: %d code points for %d bytes", s, out, i, len(s))
		}
	})
}

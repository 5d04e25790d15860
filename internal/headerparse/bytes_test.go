package headerparse

import (
	"strings"
	"testing"
)

// tchar from RFC 9110 §5.6.2, written out independently of tokenTable.
const tchars = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func TestEveryByte(t *testing.T) {
	for i := 0; i < 256; i++ {
		b := byte(i)
		s := string([]byte{b})
		isT := strings.IndexByte(tchars, b) >= 0
		if got := IsToken(s); got != isT {
			t.Errorf("IsToken(%q) = %v, want %v", s, got, isT)
		}
		if got := IsToken("a" + s + "a"); got != isT {
			t.Errorf("IsToken(%q) = %v, want %v", "a"+s+"a", got, isT)
		}
		// https://fetch.spec.whatwg.org/#header-value
		wantInner := b != 0 && b != '\r' && b != '\n'
		if got := IsHeaderValue("a" + s + "a"); got != wantInner {
			t.Errorf("IsHeaderValue(%q) = %v, want %v", "a"+s+"a", got, wantInner)
		}
		wantEdge := wantInner && b != ' ' && b != '\t'
		if got := IsHeaderValue(s); got != wantEdge {
			t.Errorf("IsHeaderValue(%q) = %v, want %v", s, got, wantEdge)
		}
		// https://fetch.spec.whatwg.org/#http-whitespace
		ws := b == '\t' || b == '\n' || b == '\r' || b == ' '
		if got := TrimHTTPWhitespace(s+"a"+s) == "a"; got != ws {
			t.Errorf("TrimHTTPWhitespace trims %#x = %v, want %v", b, got, ws)
		}
		tos := b == '\t' || b == ' '
		if got := TrimHTTPTabOrSpace(s+"a"+s) == "a"; got != tos {
			t.Errorf("TrimHTTPTabOrSpace trims %#x = %v, want %v", b, got, tos)
		}
		// https://mimesniff.spec.whatwg.org/#http-quoted-string-token-code-point
		qst := b == '\t' || (b >= 0x20 && b <= 0x7e) || b >= 0x80
		m, ok := ParseMIMEType("x/x;p=a" + s + "a")
		if !ok {
			t.Fatalf("ParseMIMEType with parameter byte %#x failed", b)
		}
		it := m.Params()
		_, v, has := it.Next()
		want := "a" + s + "a"
		if b == ';' {
			want = "a" // "p=a", then the name-only "a" is skipped
		}
		if has != qst || (has && v != want) {
			t.Errorf("parameter value byte %#x: got %q, %v; want %q, %v", b, v, has, want, qst)
		}
		// https://fetch.spec.whatwg.org/#http-new-header-syntax delta-seconds
		if _, ok := ParseDeltaSeconds(s); ok != (b >= '0' && b <= '9') {
			t.Errorf("ParseDeltaSeconds(%q) ok = %v", s, ok)
		}
	}
}

package fetch

import (
	"net/http"
	"unicode/utf8"

	"github.com/corsfetch/corsfetch/internal/headerparse"
)

// headerValuesAsUTF8 rewrites, under cors.Policy.HeaderValuesSentAsUTF8
// (WebKit), the values of the request's own headers in h (the copy about
// to be sent; f.header is not modified): each byte 0x80-0xFF becomes the
// UTF-8 encoding of the code point of that number.
// See https://fetch.spec.whatwg.org/#concept-header-value.
func (f *fetchState) headerValuesAsUTF8(h http.Header) {
	if !f.t.Policy.HeaderValuesSentAsUTF8 {
		return
	}
	for k := range f.header {
		latin1ValuesAsUTF8(h, k)
	}
}

// latin1ValuesAsUTF8 replaces h[k] by a copy whose values are re-encoded
// by latin1ToUTF8, if any value needs it.
func latin1ValuesAsUTF8(h http.Header, k string) {
	vs := h[k]
	for i, v := range vs {
		if !headerparse.HasNonASCII(v) {
			continue
		}
		out := append([]string(nil), vs...)
		for j := i; j < len(out); j++ {
			out[j] = latin1ToUTF8(out[j])
		}
		h[k] = out
		return
	}
}

// latin1ToUTF8 reads s as one code point per byte (a ByteString, which is
// what fetch() makes of a header value) and returns it encoded in UTF-8.
func latin1ToUTF8(s string) string {
	if !headerparse.HasNonASCII(s) {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); i++ {
		b = utf8.AppendRune(b, rune(s[i]))
	}
	return string(b)
}

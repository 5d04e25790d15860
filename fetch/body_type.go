package fetch

import (
	"net/http"
	"strings"

	"github.com/corsfetch/corsfetch/fetch/safelist"
	"github.com/corsfetch/corsfetch/internal/headerparse"
)

// The types that extracting a body produces for the BodyInit kinds that
// have a fixed one, for Options.BodyType. A Blob's type is its own, a
// FormData's is "multipart/form-data; boundary=" and its boundary, and an
// ArrayBuffer or typed array has none.
// See https://fetch.spec.whatwg.org/#concept-bodyinit-extract.
const (
	BodyTypeText            = "text/plain;charset=UTF-8"                        // a string
	BodyTypeURLSearchParams = "application/x-www-form-urlencoded;charset=UTF-8" // a URLSearchParams
)

// appendBodyType runs the Request constructor's last body step: when the
// header list, after the mode's header guard ran, has no Content-Type,
// append (Content-Type, typ) through that same guard. So in no-cors mode a
// dropped Content-Type: application/json gives way to a string body's
// text/plain;charset=UTF-8, and a type the guard refuses is not added.
// See https://fetch.spec.whatwg.org/#dom-request.
func (f *fetchState) appendBodyType(typ string) error {
	if f.method == http.MethodGet || f.method == http.MethodHead {
		return &RequestError{Kind: BodyWithGetOrHead, Value: f.method}
	}
	v := headerparse.TrimHTTPWhitespace(typ)
	if !headerparse.IsHeaderValue(v) {
		return &RequestError{Kind: InvalidHeaderValue, Value: typ}
	}
	if hasHeader(f.header, "Content-Type") {
		return nil
	}
	if f.mode == ModeNoCORS && !safelist.IsNoCORSSafelistedRequestHeader("Content-Type", v) {
		return nil
	}
	f.ownHeader()
	f.header["Content-Type"] = []string{v}
	return nil
}

// hasHeader reports whether h holds name, compared byte-case-insensitively
// as the header list's "contains" is, for maps not built by Header.Set.
// See https://fetch.spec.whatwg.org/#header-list-contains.
func hasHeader(h http.Header, name string) bool {
	if len(h[name]) > 0 {
		return true
	}
	for k, vs := range h {
		if len(vs) > 0 && strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

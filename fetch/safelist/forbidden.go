package safelist

import "github.com/corsfetch/corsfetch/internal/headerparse"

// forbiddenRequestHeaderNames holds the names that make a request-header
// forbidden whatever its value, in lowercase.
var forbiddenRequestHeaderNames = [...]string{
	"accept-charset", "accept-encoding", "access-control-request-headers",
	"access-control-request-method", "connection", "content-length", "cookie",
	"cookie2", "date", "dnt", "expect", "host", "keep-alive", "origin",
	"referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "via",
}

// IsForbiddenRequestHeaderName reports whether every header called name is a
// forbidden request-header, whatever its value: the fixed list and the
// `proxy-` and `sec-` prefixes (byte-case-insensitive). The method-override
// names depend on their value; use IsForbiddenRequestHeader for them.
// See https://fetch.spec.whatwg.org/#forbidden-request-header.
func IsForbiddenRequestHeaderName(name string) bool {
	if headerparse.HasPrefixFoldASCII(name, "proxy-") || headerparse.HasPrefixFoldASCII(name, "sec-") {
		return true
	}
	for _, f := range forbiddenRequestHeaderNames {
		if len(f) == len(name) && is(name, f) {
			return true
		}
	}
	return false
}

// IsMethodOverrideHeaderName reports whether name is a byte-case-insensitive
// match for `X-HTTP-Method`, `X-HTTP-Method-Override` or `X-Method-Override`.
func IsMethodOverrideHeaderName(name string) bool {
	return is(name, "x-http-method") || is(name, "x-http-method-override") ||
		is(name, "x-method-override")
}

// IsForbiddenRequestHeader reports whether the header (name, value) is a
// forbidden request-header: a name from the fixed list, a name starting
// with `proxy-` or `sec-`, or a method-override name whose value, got,
// decoded and split, holds a forbidden method. It does not allocate.
// See https://fetch.spec.whatwg.org/#forbidden-request-header.
func IsForbiddenRequestHeader(name, value string) bool {
	if IsForbiddenRequestHeaderName(name) {
		return true
	}
	if !IsMethodOverrideHeaderName(name) {
		return false
	}
	it := headerparse.NewSplitIter(value)
	for m, ok := it.Next(); ok; m, ok = it.Next() {
		if IsForbiddenMethod(m) {
			return true
		}
	}
	return false
}

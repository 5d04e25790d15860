package safelist

import "github.com/corsfetch/corsfetch/internal/headerparse"

// is reports whether name is a byte-case-insensitive match for lower, which
// is written in lowercase.
func is(name, lower string) bool { return headerparse.EqualFoldLower(name, lower) }

// requestHeaderKind classifies the five names the CORS safelist knows.
type requestHeaderKind uint8

const (
	kindOther requestHeaderKind = iota
	kindAccept
	kindAcceptLanguage
	kindContentLanguage
	kindContentType
	kindRange
)

// classifyRequestHeaderName returns the kind of name without allocating.
// The canonical form (http.CanonicalHeaderKey), as http.Header holds names,
// is compared first: a plain string compare beats folding byte by byte.
func classifyRequestHeaderName(name string) requestHeaderKind {
	switch len(name) {
	case 5:
		if name == "Range" || is(name, "range") {
			return kindRange
		}
	case 6:
		if name == "Accept" || is(name, "accept") {
			return kindAccept
		}
	case 12:
		if name == "Content-Type" || is(name, "content-type") {
			return kindContentType
		}
	case 15:
		if name == "Accept-Language" || is(name, "accept-language") {
			return kindAcceptLanguage
		}
	case 16:
		if name == "Content-Language" || is(name, "content-language") {
			return kindContentLanguage
		}
	}
	return kindOther
}

// IsCORSNonWildcardRequestHeaderName reports whether name is a
// byte-case-insensitive match for `Authorization`.
// See https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name.
func IsCORSNonWildcardRequestHeaderName(name string) bool { return is(name, "authorization") }

// IsPrivilegedNoCORSRequestHeaderName reports whether name is a
// byte-case-insensitive match for `Range`.
// See https://fetch.spec.whatwg.org/#privileged-no-cors-request-header-name.
func IsPrivilegedNoCORSRequestHeaderName(name string) bool { return is(name, "range") }

// IsNoCORSSafelistedRequestHeaderName reports whether name is a
// byte-case-insensitive match for `Accept`, `Accept-Language`,
// `Content-Language` or `Content-Type`.
// See https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header-name.
func IsNoCORSSafelistedRequestHeaderName(name string) bool {
	switch classifyRequestHeaderName(name) {
	case kindAccept, kindAcceptLanguage, kindContentLanguage, kindContentType:
		return true
	}
	return false
}

// IsForbiddenResponseHeaderName reports whether name is a
// byte-case-insensitive match for `Set-Cookie` or `Set-Cookie2`.
// See https://fetch.spec.whatwg.org/#forbidden-response-header-name.
func IsForbiddenResponseHeaderName(name string) bool {
	return is(name, "set-cookie") || is(name, "set-cookie2")
}

// IsRequestBodyHeaderName reports whether name is a byte-case-insensitive
// match for `Content-Encoding`, `Content-Language`, `Content-Location` or
// `Content-Type`.
// See https://fetch.spec.whatwg.org/#request-body-header-name.
func IsRequestBodyHeaderName(name string) bool {
	switch len(name) {
	case 12:
		return is(name, "content-type")
	case 16:
		return is(name, "content-encoding") || is(name, "content-language") ||
			is(name, "content-location")
	}
	return false
}

// IsCORSSafelistedResponseHeaderName reports whether name is a
// byte-case-insensitive match for `Cache-Control`, `Content-Language`,
// `Content-Length`, `Content-Type`, `Expires`, `Last-Modified` or `Pragma`,
// or for an item of exposed (the response's CORS-exposed header-name list)
// that is not a forbidden response-header name. A `*` in exposed is a
// literal name here: main fetch expands it before this check.
// See https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name.
func IsCORSSafelistedResponseHeaderName(name string, exposed []string) bool {
	switch len(name) {
	case 6:
		if is(name, "pragma") {
			return true
		}
	case 7:
		if is(name, "expires") {
			return true
		}
	case 12:
		if is(name, "content-type") {
			return true
		}
	case 13:
		if is(name, "cache-control") || is(name, "last-modified") {
			return true
		}
	case 14:
		if is(name, "content-length") {
			return true
		}
	case 16:
		if is(name, "content-language") {
			return true
		}
	}
	if IsForbiddenResponseHeaderName(name) {
		return false // an item matching name would be forbidden too
	}
	for _, item := range exposed {
		if headerparse.EqualFoldASCII(item, name) {
			return true
		}
	}
	return false
}

package safelist

import "github.com/corsfetch/corsfetch/internal/headerparse"

// MaxSafelistedValueLength is the longest value, in bytes, that a
// CORS-safelisted request-header may have.
const MaxSafelistedValueLength = 128

// MaxSafelistedValueTotal is the largest sum of the value lengths of the
// safelisted headers of a request before they all count as unsafe.
const MaxSafelistedValueTotal = 1024

// IsCORSSafelistedRequestHeader reports whether the header (name, value) is
// a CORS-safelisted request-header: a value of at most 128 bytes and one of
// `Accept` (no CORS-unsafe byte), `Accept-Language` and `Content-Language`
// (only 0-9 A-Z a-z SP * , - . ; =), `Content-Type` (no CORS-unsafe byte,
// a MIME type whose essence is application/x-www-form-urlencoded,
// multipart/form-data or text/plain) or `Range` (a single range with a
// start, no whitespace). It does not allocate.
// See https://fetch.spec.whatwg.org/#cors-safelisted-request-header.
func IsCORSSafelistedRequestHeader(name, value string) bool {
	if len(value) > MaxSafelistedValueLength {
		return false
	}
	return isSafelistedValue(classifyRequestHeaderName(name), value)
}

// isSafelistedValue runs the per-name checks of the CORS safelist, without
// the length limit.
func isSafelistedValue(kind requestHeaderKind, value string) bool {
	switch kind {
	case kindAccept:
		return !containsUnsafeByte(value)
	case kindAcceptLanguage, kindContentLanguage:
		for i := 0; i < len(value); i++ {
			if !languageByte[value[i]] {
				return false
			}
		}
		return true
	case kindContentType:
		if containsUnsafeByte(value) {
			return false
		}
		m, ok := headerparse.ParseMIMEType(value)
		return ok && isSafelistedEssence(m.Type, m.Subtype)
	case kindRange:
		r, ok := headerparse.ParseSingleRange(value, false)
		return ok && r.Start != ""
	}
	return false
}

// isSafelistedEssence reports whether type/subtype is, byte-case-
// insensitively, application/x-www-form-urlencoded, multipart/form-data or
// text/plain.
func isSafelistedEssence(typ, subtype string) bool {
	switch len(typ) {
	case 4:
		return is(typ, "text") && is(subtype, "plain")
	case 9:
		return is(typ, "multipart") && is(subtype, "form-data")
	case 11:
		return is(typ, "application") && is(subtype, "x-www-form-urlencoded")
	}
	return false
}

// IsNoCORSSafelistedRequestHeader reports whether (name, value) is a
// no-CORS-safelisted request-header: the name is `Accept`,
// `Accept-Language`, `Content-Language` or `Content-Type` and the header is
// CORS-safelisted.
// See https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header.
func IsNoCORSSafelistedRequestHeader(name, value string) bool {
	return IsNoCORSSafelistedRequestHeaderName(name) && IsCORSSafelistedRequestHeader(name, value)
}

package safelist

import "github.com/corsfetch/corsfetch/internal/headerparse"

// IsCORSSafelistedMethod reports whether m is `GET`, `HEAD` or `POST`,
// compared byte for byte (`get` is not safelisted unless normalized first).
// See https://fetch.spec.whatwg.org/#cors-safelisted-method.
func IsCORSSafelistedMethod(m string) bool {
	return m == "GET" || m == "HEAD" || m == "POST"
}

// IsForbiddenMethod reports whether m is a byte-case-insensitive match for
// `CONNECT`, `TRACE` or `TRACK`.
// See https://fetch.spec.whatwg.org/#forbidden-method.
func IsForbiddenMethod(m string) bool {
	switch len(m) {
	case 5:
		return headerparse.EqualFoldASCII(m, "trace") || headerparse.EqualFoldASCII(m, "track")
	case 7:
		return headerparse.EqualFoldASCII(m, "connect")
	}
	return false
}

// NormalizeMethod returns m byte-uppercased if it is a byte-case-insensitive
// match for `DELETE`, `GET`, `HEAD`, `OPTIONS`, `POST` or `PUT`, and m
// unchanged otherwise (`patch` stays `patch`). It does not allocate.
// See https://fetch.spec.whatwg.org/#concept-method-normalize.
func NormalizeMethod(m string) string {
	for _, u := range normalizedMethods {
		if headerparse.EqualFoldASCII(m, u) {
			return u
		}
	}
	return m
}

var normalizedMethods = [...]string{"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"}

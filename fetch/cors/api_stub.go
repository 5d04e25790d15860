package cors

// STUB FILE: the contract other packages (preflightcache, fetch, cmd) compile
// against while fetch/cors is being written. The owner replaces this file
// with real, documented code in files of one job each, keeping these names
// and signatures (adding fields, methods and functions is fine).

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"time"
)

// Origin is an origin: a (scheme, host, port) tuple, or an opaque origin.
// The zero value is an opaque origin. See https://html.spec.whatwg.org/#concept-origin.
type Origin struct {
	scheme, host, port string // lowercase; port "" when it is the scheme's default
	ser                string // ASCII serialization, computed once
	tuple              bool
}

// OriginFromURL returns the origin of u (a tuple origin for http, https, ws,
// wss, ftp; an opaque origin otherwise).
func OriginFromURL(u *url.URL) Origin { panic("not implemented") }

// ParseOrigin parses a serialized origin as the Origin header grammar
// (origin-or-null) allows. "null" yields an opaque origin.
func ParseOrigin(s string) (Origin, error) { panic("not implemented") }

// String returns the ASCII serialization of o ("null" for an opaque origin).
func (o Origin) String() string { panic("not implemented") }

// IsOpaque reports whether o is an opaque origin.
func (o Origin) IsOpaque() bool { panic("not implemented") }

// SameOrigin reports whether o and p are the same origin (opaque origins are
// never the same as anything here, having no identity).
func (o Origin) SameOrigin(p Origin) bool { panic("not implemented") }

// SameOriginURL reports whether u's origin is o, without allocating.
func (o Origin) SameOriginURL(u *url.URL) bool { panic("not implemented") }

// Policy holds what the Fetch Standard leaves to the user agent and the
// documented ways browsers deviate from it. The zero value is the standard,
// with Chromium's choice wherever the standard leaves one.
type Policy struct {
	// MaxAgeCap is the imposed limit on Access-Control-Max-Age. Zero means
	// Chromium's 7200 s.
	MaxAgeCap time.Duration
	// AuthorizationCoveredByWildcard lets "Access-Control-Allow-Headers: *"
	// cover Authorization on the preflight, as Chromium, Firefox and WebKit
	// do. The standard (and the zero value) says it never does.
	AuthorizationCoveredByWildcard bool
}

// Reason says why a response was blocked. Its values mirror Chromium's
// network::mojom::CorsError names.
type Reason uint8

const (
	ReasonNone Reason = iota
	DisallowedByMode
	InvalidResponse
	WildcardOriginNotAllowed
	MissingAllowOriginHeader
	MultipleAllowOriginValues
	InvalidAllowOriginValue
	AllowOriginMismatch
	InvalidAllowCredentials
	CORSDisabledScheme
	PreflightInvalidStatus
	PreflightDisallowedRedirect
	PreflightWildcardOriginNotAllowed
	PreflightMissingAllowOriginHeader
	PreflightMultipleAllowOriginValues
	PreflightInvalidAllowOriginValue
	PreflightAllowOriginMismatch
	PreflightInvalidAllowCredentials
	InvalidAllowMethodsPreflightResponse
	InvalidAllowHeadersPreflightResponse
	MethodDisallowedByPreflightResponse
	HeaderDisallowedByPreflightResponse
	RedirectContainsCredentials
)

// ErrBlocked is what every *Error matches with errors.Is.
var ErrBlocked = errors.New("cors: blocked by CORS policy")

// Error reports a response that the CORS protocol blocks.
type Error struct {
	Reason          Reason
	FailedParameter string // the offending value, header name or method
	URL             string // the URL whose response was blocked (the last URL)
	InitialURL      string // the first URL, when redirects were followed
	Origin          string // the serialized request origin
}

func (e *Error) Error() string          { panic("not implemented") }
func (e *Error) Is(target error) bool   { return target == ErrBlocked }
func (e *Error) ConsoleMessage() string { panic("not implemented") }

// Request is what the CORS algorithms read of a request.
type Request struct {
	Method           string
	URL              *url.URL    // the request's current URL
	Header           http.Header // the author request headers, forbidden ones removed
	Origin           string      // the byte-serialized request origin ("null" when tainted)
	Credentials      bool        // the credentials mode is "include"
	UseCORSPreflight bool
}

// NeedsPreflight reports whether main fetch would make a CORS-preflight fetch.
// See https://fetch.spec.whatwg.org/#main-fetch.
func NeedsPreflight(method string, h http.Header, useCORSPreflight bool) bool {
	panic("not implemented")
}

// Check performs the CORS check on response headers h for a request with the
// byte-serialized origin origin. It returns nil or an *Error (URL unset).
// See https://fetch.spec.whatwg.org/#concept-cors-check.
func Check(h http.Header, origin string, credentials bool) error { panic("not implemented") }

// NewPreflightRequest builds the CORS-preflight request for r.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func NewPreflightRequest(ctx context.Context, r *Request) (*http.Request, error) {
	panic("not implemented")
}

// PreflightResult is what a successful preflight grants: the entries the
// CORS-preflight cache creates or refreshes.
type PreflightResult struct {
	Methods     []string      // ACAM elements as listed (or the request method), may hold "*"
	Headers     []string      // ACAH names, byte-lowercased, may hold "*"
	MaxAge      time.Duration // after the default and the cap; 0 means do not cache
	Credentials bool          // the preflight was for a credentials-include request
}

// CheckPreflightResponse validates the preflight response (status, headers)
// for r and returns what it grants, or an *Error (URL unset).
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func CheckPreflightResponse(status int, h http.Header, r *Request, p *Policy) (*PreflightResult, error) {
	panic("not implemented")
}

// ExposedHeaderNames returns the CORS-exposed header-name list for a
// response with headers h. See https://fetch.spec.whatwg.org/#main-fetch.
func ExposedHeaderNames(h http.Header, credentials bool) []string { panic("not implemented") }

// FilterCORS returns a copy of h that keeps only CORS-safelisted response
// header names given exposed. See https://fetch.spec.whatwg.org/#concept-filtered-response-cors.
func FilterCORS(h http.Header, exposed []string) http.Header { panic("not implemented") }

// FilterBasic returns a copy of h without Set-Cookie and Set-Cookie2.
// See https://fetch.spec.whatwg.org/#concept-filtered-response-basic.
func FilterBasic(h http.Header) http.Header { panic("not implemented") }

package fetch

import (
	"errors"
	"strconv"
)

// ErrNetwork is matched (errors.Is) by every network error the Transport
// returns: CORS blocks, mode violations, redirect failures and failures of
// the Base transport alike. See https://fetch.spec.whatwg.org/#concept-network-error.
var ErrNetwork = errors.New("fetch: network error")

// ErrInvalidRequest is matched (errors.Is) by every *RequestError: input that
// fetch() would reject before sending anything.
var ErrInvalidRequest = errors.New("fetch: invalid request")

// NetworkKind says what produced a network error.
type NetworkKind uint8

// The kinds of network error.
const (
	// KindCORS: the CORS protocol blocked the request (a failed CORS check,
	// preflight or redirect rule). Err is a *cors.Error.
	KindCORS NetworkKind = iota + 1
	// KindTransport: the Base transport failed (connection, TLS, context
	// cancellation). Err is its error.
	KindTransport
	// KindMode: the request mode forbids the fetch: mode same-origin met
	// another origin (Err is then a *cors.Error with Reason
	// DisallowedByMode, as Chromium reports it), or mode no-cors was used
	// with a redirect mode other than follow (Err is nil).
	// See https://fetch.spec.whatwg.org/#main-fetch.
	KindMode
	// KindRedirectMode: redirect mode error met a redirect.
	// See https://fetch.spec.whatwg.org/#http-fetch.
	KindRedirectMode
	// KindTooManyRedirects: a redirect beyond the limit (20 by default).
	KindTooManyRedirects
	// KindBadLocation: a redirect's Location header is repeated or does
	// not parse. See https://fetch.spec.whatwg.org/#concept-response-location-url.
	KindBadLocation
	// KindRedirectScheme: a redirect to a URL whose scheme is not http or https.
	KindRedirectScheme
	// KindBodyNotReplayable: a redirect other than 303 of a request whose
	// body cannot be sent again (http.Request.GetBody is nil).
	// See https://fetch.spec.whatwg.org/#http-redirect-fetch.
	KindBodyNotReplayable
	// KindScheme: a URL whose scheme scheme fetch does not fetch (about:
	// other than about:blank, file:, ftp:, ...), outside mode cors (where
	// it is a KindCORS error with Reason CORSDisabledScheme).
	// See https://fetch.spec.whatwg.org/#scheme-fetch.
	KindScheme
	// KindDataURL: the data: URL processor failed (no comma, bad base64).
	// See https://fetch.spec.whatwg.org/#data-url-processor.
	KindDataURL
	// KindNoBlobURLStore: a blob: URL, and Transport.BlobURLStore is nil.
	KindNoBlobURLStore
	// KindBlobURL: a blob: URL that names no blob, a method other than
	// GET, or a Range the blob cannot satisfy.
	// See https://fetch.spec.whatwg.org/#scheme-fetch.
	KindBlobURL
)

var networkKindText = [...]string{
	KindCORS:              "blocked by CORS policy",
	KindTransport:         "transport failure",
	KindMode:              "disallowed by request mode",
	KindRedirectMode:      "redirect with redirect mode error",
	KindTooManyRedirects:  "too many redirects",
	KindBadLocation:       "invalid Location header",
	KindRedirectScheme:    "redirect to a non-HTTP(S) URL",
	KindBodyNotReplayable: "redirect of a request whose body cannot be replayed",
	KindScheme:            "URL scheme is not supported",
	KindDataURL:           "invalid data: URL",
	KindNoBlobURLStore:    "blob: URL without a BlobURLStore",
	KindBlobURL:           "blob: URL names no blob, or not with this method or range",
}

// String describes k in a few words.
func (k NetworkKind) String() string {
	if int(k) < len(networkKindText) && networkKindText[k] != "" {
		return networkKindText[k]
	}
	return "NetworkKind(" + strconv.Itoa(int(k)) + ")"
}

// NetworkError is a network error: the fetch failed and there is no
// response. errors.Is(err, ErrNetwork) is true; errors.As(err, &*cors.Error)
// succeeds when Kind is KindCORS.
type NetworkError struct {
	Kind NetworkKind
	URL  string // the URL being fetched when the error happened
	Err  error  // the cause: a *cors.Error, the Base transport's error, or nil

	redirected bool // URL is not the request's URL
}

// Error returns one line naming the kind and cause. It names URL only
// when a redirect made it differ from the request's URL, which
// http.Client's *url.Error names already ("Get \"URL\": fetch: ...").
func (e *NetworkError) Error() string { return e.message() }

// Is reports whether target is ErrNetwork.
func (e *NetworkError) Is(target error) bool { return target == ErrNetwork }

// Unwrap returns the cause.
func (e *NetworkError) Unwrap() error { return e.Err }

// RequestKind says what is wrong with a caller's request.
type RequestKind uint8

// The kinds of invalid request. Each is what a browser's fetch() or Request
// constructor rejects. See https://fetch.spec.whatwg.org/#dom-request.
const (
	BadRequestValue       RequestKind = iota + 1 // nil request or URL, an unparsable URL, or an http(s) URL whose serialization and wire target differ (Opaque set, ...)
	ForbiddenMethod                              // CONNECT, TRACE or TRACK in any case
	InvalidMethod                                // a method that is not a token
	BodyWithGetOrHead                            // GET or HEAD with a body
	MethodNotNoCORS                              // mode no-cors with a method other than GET, HEAD, POST
	InvalidHeaderName                            // a header name that is not a token
	InvalidHeaderValue                           // a header value with NUL, CR or LF
	InvalidMode                                  // an unknown Mode
	InvalidCredentials                           // an unknown Credentials
	InvalidRedirect                              // an unknown Redirect
	InvalidReferrerPolicy                        // an unknown ReferrerPolicy
	InvalidReferrer                              // a referrer that is not an absolute URL
	InvalidOrigin                                // a missing or malformed page origin
	URLWithCredentials                           // a URL with a username or password
	RequestWithTrailer                           // a request with trailers (http.Request.Trailer), which fetch() cannot send
	InvalidCacheMode                             // an unknown CacheMode
	OnlyIfCachedMode                             // cache mode only-if-cached in a mode other than same-origin
)

var requestKindText = [...]string{
	BadRequestValue:       "bad request",
	ForbiddenMethod:       "forbidden method",
	InvalidMethod:         "invalid method",
	BodyWithGetOrHead:     "request with GET/HEAD method cannot have a body",
	MethodNotNoCORS:       "method is unsupported in no-cors mode",
	InvalidHeaderName:     "invalid header name",
	InvalidHeaderValue:    "invalid header value",
	InvalidMode:           "unknown request mode",
	InvalidCredentials:    "unknown credentials mode",
	InvalidRedirect:       "unknown redirect mode",
	InvalidReferrerPolicy: "unknown referrer policy",
	InvalidReferrer:       "invalid referrer",
	InvalidOrigin:         "invalid page origin",
	URLWithCredentials:    "request URL includes credentials",
	RequestWithTrailer:    "request trailers are not supported",
	InvalidCacheMode:      "unknown cache mode",
	OnlyIfCachedMode:      "'only-if-cached' can be set only with 'same-origin' mode",
}

// String describes k in a few words.
func (k RequestKind) String() string {
	if int(k) < len(requestKindText) && requestKindText[k] != "" {
		return requestKindText[k]
	}
	return "RequestKind(" + strconv.Itoa(int(k)) + ")"
}

// RequestError reports a request that fetch() would reject before sending
// anything. errors.Is(err, ErrInvalidRequest) is true; it is not a network
// error.
type RequestError struct {
	Kind  RequestKind
	Value string // the offending method, header name, value or URL
	Err   error  // an underlying parse error, if any
}

func (e *RequestError) Error() string {
	s := "fetch: " + e.Kind.String()
	if e.Value != "" {
		s += ": " + strconv.Quote(e.Value)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Is reports whether target is ErrInvalidRequest.
func (e *RequestError) Is(target error) bool { return target == ErrInvalidRequest }

// Unwrap returns the underlying error, if any.
func (e *RequestError) Unwrap() error { return e.Err }

package fetch

import (
	"context"
	"strconv"
)

// Mode is a request's mode. The zero value is ModeCORS, what fetch() uses
// for a URL string.
// See https://fetch.spec.whatwg.org/#concept-request-mode.
type Mode uint8

// The request modes the Transport supports.
const (
	ModeCORS       Mode = iota // "cors": the full CORS protocol
	ModeSameOrigin             // "same-origin": a cross-origin URL is a network error
	ModeNoCORS                 // "no-cors": safelisted methods and headers, opaque cross-origin responses
	ModeNavigate               // "navigate": a top-level navigation, basic tainting, no CORS check
)

var modeNames = [...]string{"cors", "same-origin", "no-cors", "navigate"}

// String returns the spec's name of m ("cors", "no-cors", ...).
func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return "Mode(" + strconv.Itoa(int(m)) + ")"
}

// Credentials is a request's credentials mode. The zero value is
// CredentialsSameOrigin, the fetch() default.
// See https://fetch.spec.whatwg.org/#concept-request-credentials-mode.
type Credentials uint8

// The credentials modes.
const (
	CredentialsSameOrigin Credentials = iota // "same-origin": cookies only while the response tainting is basic
	CredentialsOmit                          // "omit": never cookies
	CredentialsInclude                       // "include": always cookies; the CORS check then requires Access-Control-Allow-Credentials
)

var credentialsNames = [...]string{"same-origin", "omit", "include"}

// String returns the spec's name of c ("same-origin", "omit", "include").
func (c Credentials) String() string {
	if int(c) < len(credentialsNames) {
		return credentialsNames[c]
	}
	return "Credentials(" + strconv.Itoa(int(c)) + ")"
}

// Redirect is a request's redirect mode. The zero value is RedirectFollow.
// See https://fetch.spec.whatwg.org/#concept-request-redirect-mode.
type Redirect uint8

// The redirect modes.
const (
	RedirectFollow Redirect = iota // "follow": the Transport follows redirects itself
	RedirectError                  // "error": a redirect is a network error
	RedirectManual                 // "manual": a redirect yields an opaque-redirect response
)

var redirectNames = [...]string{"follow", "error", "manual"}

// String returns the spec's name of r ("follow", "error", "manual").
func (r Redirect) String() string {
	if int(r) < len(redirectNames) {
		return redirectNames[r]
	}
	return "Redirect(" + strconv.Itoa(int(r)) + ")"
}

// Options are the per-request settings of a fetch() call. The zero value
// is a cors-mode, same-origin-credentials, follow-redirects request from the
// Transport's Origin.
type Options struct {
	// Origin overrides Transport.Origin for this request (a worker or an
	// iframe of another origin). "" means Transport.Origin.
	Origin string
	// Mode is the request mode.
	Mode Mode
	// Credentials is the credentials mode.
	Credentials Credentials
	// Redirect is the redirect mode.
	Redirect Redirect
	// Cache is the cache mode; see CacheMode for what it changes.
	Cache CacheMode
	// UseCORSPreflight sets the use-CORS-preflight flag: a cors-mode request
	// is preflighted even when it is simple (XHR upload listeners, streaming
	// bodies). See https://fetch.spec.whatwg.org/#use-cors-preflight-flag.
	UseCORSPreflight bool
	// Referrer is the request's referrer, an absolute URL; "" means
	// Transport.Referrer, and if that is empty too, no referrer.
	Referrer string
	// ReferrerPolicy is the request's referrer policy; "" means
	// Transport.ReferrerPolicy, then strict-origin-when-cross-origin.
	ReferrerPolicy ReferrerPolicy
	// BodyType is the type that extracting fetch()'s body produced
	// (BodyTypeText for a string, a Blob's type, ...); "" means none, as
	// for an ArrayBuffer or no body. The Transport appends it as
	// Content-Type only when, after the header guard of the mode ran, the
	// request has none, as the Request constructor does: in no-cors mode a
	// dropped Content-Type: application/json is replaced by a string
	// body's text/plain;charset=UTF-8. It then counts in the
	// needs-preflight decision like any header. A GET or HEAD with a
	// BodyType is a RequestError (fetch() rejects a body with them).
	// See https://fetch.spec.whatwg.org/#concept-bodyinit-extract.
	BodyType string
}

type optionsKey struct{}

// WithOptions returns a copy of ctx carrying o: the settings the Transport
// applies to a request made with that context. A later call replaces the
// settings of an earlier one.
func WithOptions(ctx context.Context, o Options) context.Context {
	return context.WithValue(ctx, optionsKey{}, &o)
}

// ContextOptions returns the Options stored in ctx by WithOptions, and
// whether there were any.
func ContextOptions(ctx context.Context) (Options, bool) {
	if o, ok := ctx.Value(optionsKey{}).(*Options); ok {
		return *o, true
	}
	return Options{}, false
}

var zeroOptions Options

// optionsFrom returns the options of ctx without copying them.
func optionsFrom(ctx context.Context) *Options {
	if o, ok := ctx.Value(optionsKey{}).(*Options); ok {
		return o
	}
	return &zeroOptions
}

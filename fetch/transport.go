package fetch

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
	"github.com/corsfetch/corsfetch/fetch/safelist"
	"github.com/corsfetch/corsfetch/internal/headerparse"
)

// Transport is an http.RoundTripper that fetches as a page at Origin does
// with fetch(): it applies the request mode, credentials mode and redirect
// mode of each request (see WithOptions), adds Origin and Referer, makes
// CORS-preflight requests (with a preflight cache), runs the CORS check on
// every response and redirect hop, follows redirects itself, and returns the
// filtered response the page would see (see TypeOf).
//
// Use it with an http.Client whose Jar is nil: cookies come from
// Transport.Jar, per credentials mode. A Client.Jar would add a Cookie
// header that the Transport drops as a forbidden request header:
// CheckClient reports it, and ClientTrace.DroppedHeader sees it. The Client
// never sees a redirect in follow mode; in manual mode it gets an
// opaque-redirect response (status 0), which it does not follow.
//
// A Transport is safe for concurrent use. Its fields must not change once it
// is in use.
type Transport struct {
	// Base sends the requests; nil means http.DefaultTransport. It must not
	// follow redirects (no http.RoundTripper does). The Transport discards
	// the bodies the page never gets in the background, closing one while it
	// is being read when it stalls, so Base's response bodies must allow
	// Close during Read, as net/http's do.
	Base http.RoundTripper
	// Origin is the serialized origin of the page, e.g.
	// "https://app.example", or "null" for an opaque origin. Options.Origin
	// overrides it per request. One of the two is required.
	Origin string
	// Jar holds the cookies sent and stored when the credentials mode
	// allows it; nil means no cookies.
	Jar http.CookieJar
	// Cache is the CORS-preflight cache; nil means a private cache.
	Cache *preflightcache.Cache
	// Policy holds what the standard leaves to the user agent and how a
	// browser departs from it (cors.ChromiumPolicy, FirefoxPolicy,
	// WebKitPolicy), for the CORS algorithms, the preflight cache's use
	// and redirects alike. The zero value is the standard.
	Policy cors.Policy
	// Partition is the network partition key, serialized: part of the
	// preflight cache key. "" is the null key.
	// See https://fetch.spec.whatwg.org/#network-partition-key.
	Partition string
	// Referrer is the default referrer URL for requests whose
	// Options.Referrer is empty; "" means no referrer.
	Referrer string
	// ReferrerPolicy is the default referrer policy for requests whose
	// Options.ReferrerPolicy is empty; "" means strict-origin-when-cross-origin.
	ReferrerPolicy ReferrerPolicy
	// MaxRedirects is the number of redirects followed before a network
	// error; 0 means the standard's 20.
	MaxRedirects int
	// KeepForbiddenHeaders sends the forbidden request headers a caller
	// sets (Cookie, Sec-*, Host, ...) instead of dropping them as a browser
	// does; for crawlers. They never count towards a preflight, and the
	// Transport's own Origin and Referer replace the caller's. Host goes
	// with the first request only. The credential-bearing ones (Cookie,
	// Cookie2, Proxy-Authorization, Proxy-Authenticate) go to the first
	// URL's origin until a redirect leaves it, and to no later hop, in every
	// credentials mode; every other kept header goes on every hop. Kept
	// headers never appear on the response's Request.
	KeepForbiddenHeaders bool
	// CoalescePreflights makes concurrent identical CORS-preflight fetches
	// share one request. Browsers do not coalesce; it is off by default.
	CoalescePreflights bool
	// BlobURLStore resolves blob: URLs; nil makes every blob: URL a
	// network error of kind KindNoBlobURLStore.
	BlobURLStore BlobURLStore
	// UserAgent is the client's own User-Agent (a crawler's), sent on
	// every request and preflight whose page set none, without a
	// preflight: it is the user agent's default value, not a page-set
	// header. A page-set User-Agent stays CORS-unsafe (or is dropped, per
	// Policy.UserAgentForbidden). "" leaves it to Base (Go sends
	// "Go-http-client/1.1"). It must be a valid header value.
	UserAgent string

	origin    atomic.Pointer[parsedOrigin]
	cacheOnce sync.Once
	cache     *preflightcache.Cache
	flights   flightGroup
}

// errNoOrigin is the cause of the RequestError a Transport without an
// origin returns.
var errNoOrigin = errors.New("Transport.Origin and Options.Origin are both empty: set the page's origin, e.g. \"https://app.example\"")

type parsedOrigin struct {
	s string
	o cors.Origin
}

const defaultMaxRedirects = 20

func (t *Transport) base() http.RoundTripper {
	if t.Base != nil {
		return t.Base
	}
	return http.DefaultTransport
}

func (t *Transport) preflightCache() *preflightcache.Cache {
	if t.Cache != nil {
		return t.Cache
	}
	t.cacheOnce.Do(func() { t.cache = preflightcache.New(nil) })
	return t.cache
}

func (t *Transport) maxRedirects() int {
	if t.MaxRedirects > 0 {
		return t.MaxRedirects
	}
	return defaultMaxRedirects
}

// CloseIdleConnections closes the idle connections of Base, if it can.
func (t *Transport) CloseIdleConnections() {
	if c, ok := t.base().(interface{ CloseIdleConnections() }); ok {
		c.CloseIdleConnections()
	}
}

// pageOrigin parses s, remembering the parse of the Transport's Origin.
func (t *Transport) pageOrigin(s string) (cors.Origin, error) {
	if s == t.Origin {
		if p := t.origin.Load(); p != nil && p.s == s {
			return p.o, nil
		}
	}
	if s == "" {
		return cors.Origin{}, &RequestError{Kind: InvalidOrigin, Err: errNoOrigin}
	}
	o, err := cors.ParseOrigin(s)
	if err != nil {
		return cors.Origin{}, &RequestError{Kind: InvalidOrigin, Value: s, Err: err}
	}
	if s == t.Origin {
		t.origin.Store(&parsedOrigin{s: s, o: o})
	}
	return o, nil
}

// RoundTrip fetches req as fetch() would from the page and returns the
// filtered response, a *NetworkError (errors.Is ErrNetwork), or a
// *RequestError (errors.Is ErrInvalidRequest) for input that fetch() rejects
// before sending anything. req is not modified and its body is always
// closed. See https://fetch.spec.whatwg.org/#concept-fetch.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	f, err := t.newFetch(req)
	if err != nil {
		if req != nil {
			closeBody(req)
		}
		return nil, err
	}
	resp, err := f.mainFetch()
	if !f.bodySent {
		closeBody(req)
	}
	if err != nil {
		f.clearCacheOnError(err)
		if ne, ok := err.(*NetworkError); ok && ne.Kind != KindTransport {
			f.trace.blocked(err)
		}
		return nil, err
	}
	return resp, nil
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// newFetch validates req as the Request constructor does and returns the
// state of its fetch. See https://fetch.spec.whatwg.org/#dom-request.
func (t *Transport) newFetch(req *http.Request) (*fetchState, error) {
	if req == nil || req.URL == nil {
		return nil, &RequestError{Kind: BadRequestValue}
	}
	if len(req.Trailer) > 0 {
		return nil, &RequestError{Kind: RequestWithTrailer, Value: trailerName(req.Trailer)}
	}
	ctx := req.Context()
	o := optionsFrom(ctx)
	switch {
	case o.Mode > ModeNavigate:
		return nil, &RequestError{Kind: InvalidMode, Value: o.Mode.String()}
	case o.Credentials > CredentialsInclude:
		return nil, &RequestError{Kind: InvalidCredentials, Value: o.Credentials.String()}
	case o.Redirect > RedirectManual:
		return nil, &RequestError{Kind: InvalidRedirect, Value: o.Redirect.String()}
	case o.Cache > CacheOnlyIfCached:
		return nil, &RequestError{Kind: InvalidCacheMode, Value: o.Cache.String()}
	case o.Cache == CacheOnlyIfCached && o.Mode != ModeSameOrigin:
		return nil, &RequestError{Kind: OnlyIfCachedMode, Value: o.Mode.String()}
	case !o.ReferrerPolicy.valid():
		return nil, &RequestError{Kind: InvalidReferrerPolicy, Value: string(o.ReferrerPolicy)}
	case !t.ReferrerPolicy.valid():
		return nil, &RequestError{Kind: InvalidReferrerPolicy, Value: string(t.ReferrerPolicy)}
	}
	if t.UserAgent != "" && !headerparse.IsHeaderValue(t.UserAgent) {
		return nil, &RequestError{Kind: InvalidHeaderValue, Value: t.UserAgent}
	}
	u := req.URL
	if u.Scheme == "" || u.Host == "" && isHTTPScheme(u.Scheme) {
		return nil, &RequestError{Kind: BadRequestValue, Value: u.String()}
	}
	if includesCredentials(u) {
		return nil, &RequestError{Kind: URLWithCredentials, Value: u.Redacted()}
	}
	if isHTTPScheme(u.Scheme) {
		w, ok := checkURL(u)
		if !ok {
			return nil, &RequestError{Kind: BadRequestValue, Value: u.String()}
		}
		u = w
	}
	originStr := o.Origin
	if originStr == "" {
		originStr = t.Origin
	}
	origin, err := t.pageOrigin(originStr)
	if err != nil {
		return nil, err
	}

	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	if !headerparse.IsToken(method) {
		return nil, &RequestError{Kind: InvalidMethod, Value: method}
	}
	if safelist.IsForbiddenMethod(method) {
		return nil, &RequestError{Kind: ForbiddenMethod, Value: method}
	}
	method = safelist.NormalizeMethod(method)
	hasBody := req.Body != nil && req.Body != http.NoBody
	if hasBody && (method == http.MethodGet || method == http.MethodHead) {
		return nil, &RequestError{Kind: BodyWithGetOrHead, Value: method}
	}
	if o.Mode == ModeNoCORS && !safelist.IsCORSSafelistedMethod(method) {
		return nil, &RequestError{Kind: MethodNotNoCORS, Value: method}
	}

	f := &fetchState{
		t:                t,
		ctx:              ctx,
		orig:             req,
		trace:            ContextClientTrace(ctx),
		method:           method,
		header:           req.Header,
		hasBody:          hasBody,
		getBody:          req.GetBody,
		origin:           origin,
		originSer:        origin.String(),
		mode:             o.Mode,
		cred:             o.Credentials,
		redirect:         o.Redirect,
		useCORSPreflight: o.UseCORSPreflight,
		policy:           o.ReferrerPolicy,
	}
	f.urls = f.urlBuf[:0]
	f.urls = append(f.urls, u)
	if f.policy == "" {
		f.policy = t.ReferrerPolicy
	}
	if f.policy == "" {
		f.policy = ReferrerPolicyStrictOriginWhenCrossOrigin
	}
	ref := o.Referrer
	if ref == "" {
		ref = t.Referrer
	}
	if ref != "" {
		ru, err := url.Parse(ref)
		if err != nil || !ru.IsAbs() {
			return nil, &RequestError{Kind: InvalidReferrer, Value: ref, Err: err}
		}
		f.referrer = ru
	}
	if err := f.filterHeaders(); err != nil {
		return nil, err
	}
	f.cache = effectiveCacheMode(o.Cache, f.header, t.Policy.ConditionalRequestNoCache)
	if o.BodyType != "" {
		if err := f.appendBodyType(o.BodyType); err != nil {
			return nil, err
		}
	}
	f.keepFirstRequest()
	return f, nil
}

// filterHeaders validates the caller's headers and keeps those the page may
// set: forbidden request headers are dropped (or set aside with
// KeepForbiddenHeaders) and, in no-cors mode, only no-CORS-safelisted
// headers remain. f.header is copied only when something changes.
// See https://fetch.spec.whatwg.org/#headers-validate.
func (f *fetchState) filterHeaders() error {
	for name, vals := range f.header {
		if !headerparse.IsHeaderName(name) {
			return &RequestError{Kind: InvalidHeaderName, Value: name}
		}
		for i, v := range vals {
			nv := headerparse.TrimHTTPWhitespace(v)
			if !headerparse.IsHeaderValue(nv) {
				return &RequestError{Kind: InvalidHeaderValue, Value: v}
			}
			if nv != v || f.forbidden(name, nv) ||
				(f.mode == ModeNoCORS && !noCORSAllowed(name, vals[:i+1])) {
				return f.rebuildHeaders()
			}
		}
	}
	return nil
}

// rebuildHeaders is the slow path of filterHeaders: it builds the page's
// header list anew. Values were validated by the caller.
func (f *fetchState) rebuildHeaders() error {
	src := f.header
	h := make(http.Header, len(src))
	for name, vals := range src {
		var kept []string
		var combined []string
		for _, v := range vals {
			v = headerparse.TrimHTTPWhitespace(v)
			if !headerparse.IsHeaderValue(v) {
				return &RequestError{Kind: InvalidHeaderValue, Value: v}
			}
			if f.forbidden(name, v) {
				if f.t.KeepForbiddenHeaders {
					if f.kept == nil {
						f.kept = make(http.Header)
					}
					// Canonical, so that a "cookie" the caller assigned
					// directly joins the jar's Cookie field on the wire.
					ck := http.CanonicalHeaderKey(name)
					f.kept[ck] = append(f.kept[ck], v)
				} else {
					f.trace.droppedHeader(name)
				}
				continue
			}
			if f.mode == ModeNoCORS {
				// Appending to a request-no-cors Headers keeps a value only
				// while the combined value stays no-CORS-safelisted, and
				// privileged names (Range) never stay.
				// See https://fetch.spec.whatwg.org/#concept-headers-append.
				if safelist.IsPrivilegedNoCORSRequestHeaderName(name) || !noCORSAllowed(name, append(combined, v)) {
					f.trace.droppedHeader(name)
					continue
				}
				combined = append(combined, v)
			}
			kept = append(kept, v)
		}
		if len(kept) > 0 {
			h[name] = kept
		}
	}
	f.header = h
	f.headerOwned = true
	return nil
}

// forbidden reports whether (name, value) is a forbidden request-header,
// counting User-Agent in when the Policy says so (Chromium drops it).
// See https://fetch.spec.whatwg.org/#forbidden-request-header.
func (f *fetchState) forbidden(name, value string) bool {
	return safelist.IsForbiddenRequestHeader(name, value) ||
		f.t.Policy.UserAgentForbidden && strings.EqualFold(name, "User-Agent")
}

// noCORSAllowed reports whether the values of name, combined, form a
// no-CORS-safelisted request-header.
// See https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header.
func noCORSAllowed(name string, vals []string) bool {
	if safelist.IsPrivilegedNoCORSRequestHeaderName(name) {
		return false
	}
	v := vals[0]
	if len(vals) > 1 {
		v = strings.Join(vals, ", ")
	}
	return safelist.IsNoCORSSafelistedRequestHeader(name, v)
}

func isHTTPScheme(s string) bool {
	return strings.EqualFold(s, "http") || strings.EqualFold(s, "https")
}

// includesCredentials reports whether u has a non-empty username or password.
// See https://url.spec.whatwg.org/#include-credentials.
func includesCredentials(u *url.URL) bool {
	if u.User == nil {
		return false
	}
	p, _ := u.User.Password()
	return u.User.Username() != "" || p != ""
}

var _ http.RoundTripper = (*Transport)(nil)

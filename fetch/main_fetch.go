package fetch

import (
	"context"
	"io"
	"net/http"
	"net/url"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// tainting is a request's response tainting.
// See https://fetch.spec.whatwg.org/#concept-request-response-tainting.
type tainting uint8

const (
	taintBasic tainting = iota
	taintCORS
	taintOpaque
)

// fetchState is the spec's request while one fetch runs: what the caller
// asked for, validated, plus what the algorithms record on the way.
type fetchState struct {
	t     *Transport
	ctx   context.Context
	orig  *http.Request // the caller's request: never modified
	trace *ClientTrace

	method      string
	header      http.Header // the page's headers; shared with orig until headerOwned
	headerOwned bool
	kept        http.Header // forbidden headers kept for crawlers
	hasBody     bool
	bodySent    bool // orig.Body went to Base, which closes it
	getBody     func() (io.ReadCloser, error)

	origin           cors.Origin
	originSer        string // origin, serialized
	mode             Mode
	cred             Credentials
	redirect         Redirect
	cache            CacheMode // as the HTTP-network-or-cache fetch sees it; see effectiveCacheMode
	useCORSPreflight bool
	referrer         *url.URL // nil: no referrer
	policy           ReferrerPolicy

	urls          []*url.URL // the URL list; the last is the current URL
	urlBuf        [2]*url.URL
	curStr        string // the current URL, serialized; "" until needed
	redirectCount int
	tainted       bool // the redirect-taint is not same-origin
	tainting      tainting
	preflighted   bool // a main fetch took the preflight branch
	// preflightFailed: the last CORS-preflight fetch made failed.
	preflightFailed bool
	firstHeader     http.Header // the first request's headers, for some Policy knobs
	originSent      bool        // a hop sent an Origin header
	// bodyHeadersRemoved: a redirect removed the request-body headers.
	bodyHeadersRemoved bool
	// cacheHeadersDropped: this hop, which a cross-origin redirect led
	// to, sends no cache-mode headers
	// (CacheModeHeadersDroppedOnCrossOriginRedirect).
	cacheHeadersDropped bool

	// Storage for the first hop's request, saving allocations.
	firstCtx    typedContext
	firstOrigin [1]string
	firstAE     [1]string     // Accept-Encoding
	resp        http.Response // the caller's response; see detach
}

func (f *fetchState) current() *url.URL { return f.urls[len(f.urls)-1] }

func (f *fetchState) currentString() string {
	if f.curStr == "" {
		f.curStr = f.current().String()
	}
	return f.curStr
}

// requestOrigin is the byte-serialized request origin: "null" once the
// redirect-taint is not same-origin.
// See https://fetch.spec.whatwg.org/#byte-serializing-a-request-origin.
func (f *fetchState) requestOrigin() string {
	if f.tainted {
		return "null"
	}
	return f.originSer
}

func (f *fetchState) credentialsInclude() bool { return f.cred == CredentialsInclude }

// cacheKey is the CORS-preflight cache key of the request as it stands:
// its origin is the request's ("null" once tainted), or the page's under
// cors.Policy.PreflightOriginUntainted.
// See https://fetch.spec.whatwg.org/#concept-cache-create-entry.
func (f *fetchState) cacheKey() preflightcache.Key {
	origin := f.requestOrigin()
	if f.t.Policy.PreflightOriginUntainted {
		origin = f.originSer
	}
	return f.shapeKey(preflightcache.Key{Partition: f.t.Partition, Origin: origin, URL: f.currentString()})
}

// appendURL appends u to the URL list and updates the redirect-taint: a hop
// taints when it leaves lastURL's origin and the request's origin is not
// lastURL's either.
// See https://fetch.spec.whatwg.org/#concept-request-tainted-origin.
func (f *fetchState) appendURL(u *url.URL) {
	last := f.current()
	if !f.tainted && !sameOriginURLs(last, u) && !f.origin.SameOriginURL(last) {
		f.tainted = true
	}
	f.urls = append(f.urls, u)
	f.curStr = ""
}

// ownHeader makes f.header a private copy before it is modified.
func (f *fetchState) ownHeader() {
	if !f.headerOwned {
		f.header = f.header.Clone()
		if f.header == nil {
			f.header = make(http.Header)
		}
		f.headerOwned = true
	}
}

// networkError builds a network error of kind k at the current URL.
func (f *fetchState) networkError(k NetworkKind, err error) *NetworkError {
	return &NetworkError{Kind: k, URL: f.currentString(), Err: err, redirected: len(f.urls) > 1}
}

// corsError wraps a *cors.Error from the CORS algorithms in a KindCORS
// network error, filling in the URLs and origins they leave unset.
func (f *fetchState) corsError(err error) *NetworkError {
	return f.networkError(KindCORS, f.fillCORSError(err))
}

// fillCORSError fills in the URLs and origins that err, if a *cors.Error,
// leaves unset, and returns it.
func (f *fetchState) fillCORSError(err error) error {
	if ce, ok := err.(*cors.Error); ok {
		if ce.URL == "" {
			ce.URL = f.currentString()
		}
		if ce.InitialURL == "" && len(f.urls) > 1 {
			ce.InitialURL = f.urls[0].String()
		}
		if ce.Origin == "" {
			ce.Origin = f.requestOrigin()
		}
		if ce.PageOrigin == "" {
			ce.PageOrigin = f.originSer
		}
	}
	return err
}

// mainFetch runs main fetch, with the recursion of HTTP-redirect fetch
// unrolled into a loop. It returns the filtered response or a network error.
// See https://fetch.spec.whatwg.org/#concept-main-fetch.
func (f *fetchState) mainFetch() (*http.Response, error) {
	for {
		cur := f.current()
		if f.referrer != nil {
			f.referrer = determineReferrer(f.referrer, f.policy, cur)
		}
		makePreflight := false
		switch {
		case !isHTTPScheme(cur.Scheme):
			// Only the first URL can get here: redirectFetch refuses
			// other schemes. See scheme_fetch.go.
			return f.nonHTTPMainFetch(cur)
		case f.mode == ModeNavigate,
			f.tainting == taintBasic && f.origin.SameOriginURL(cur):
			f.tainting = taintBasic
		case f.mode == ModeSameOrigin:
			// Chromium reports this as CorsError DisallowedByMode.
			return nil, f.networkError(KindMode, f.fillCORSError(&cors.Error{Reason: cors.DisallowedByMode}))
		case f.mode == ModeNoCORS:
			if f.redirect != RedirectFollow {
				return nil, f.networkError(KindMode, nil)
			}
			f.tainting = taintOpaque
		default:
			f.tainting = taintCORS
			if f.needsPreflight() {
				makePreflight = true
				f.preflighted = true
			}
		}
		resp, err := f.httpFetch(makePreflight)
		if err != nil {
			return nil, err
		}
		if !isRedirectStatus(resp.StatusCode) {
			return f.filter(resp), nil
		}
		switch f.redirect {
		case RedirectError:
			discard(resp)
			return nil, f.networkError(KindRedirectMode, nil)
		case RedirectManual:
			if f.mode == ModeNavigate {
				// A navigation gets the redirect itself, to follow or not.
				return f.filter(resp), nil
			}
			return f.opaqueRedirect(resp), nil
		}
		followed, err := f.redirectFetch(resp)
		if err != nil {
			return nil, err
		}
		if !followed {
			return f.filter(resp), nil
		}
	}
}

// isRedirectStatus reports whether s is 301, 302, 303, 307 or 308.
// See https://fetch.spec.whatwg.org/#redirect-status.
func isRedirectStatus(s int) bool {
	switch s {
	case 301, 302, 303, 307, 308:
		return true
	}
	return false
}

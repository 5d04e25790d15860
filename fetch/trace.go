package fetch

import (
	"context"
	"net/http"
)

// ClientTrace is a set of hooks, in the style of net/http/httptrace, that the
// Transport calls while it fetches. Any hook may be nil. Hooks may be called
// from several goroutines at once when the context is shared.
type ClientTrace struct {
	// PreflightStart is called before a CORS-preflight request is sent.
	// The request must not be modified. With CoalescePreflights, only the
	// request whose preflight is sent calls PreflightStart and
	// PreflightDone; those that share it do not.
	PreflightStart func(req *http.Request)
	// PreflightDone is called when a CORS-preflight fetch ends: resp is the
	// preflight response (its body the Transport's: not to be read or
	// closed) or nil, and err is nil or
	// the network error that the preflight produced.
	PreflightDone func(resp *http.Response, err error)
	// CacheHit is called with the URL when the CORS-preflight cache makes a
	// preflight unnecessary.
	CacheHit func(url string)
	// CacheMiss is called with the URL when a preflight is needed because
	// the CORS-preflight cache does not cover the request.
	CacheMiss func(url string)
	// Redirect is called when the Transport follows a redirect.
	Redirect func(from, to string, status int)
	// Blocked is called with every network error the Transport itself
	// produces (CORS, mode and redirect rules), not with failures of Base.
	Blocked func(err error)
	// DroppedHeader is called with the name of each header value that the
	// header guard drops from a caller's request: a forbidden request
	// header (unless KeepForbiddenHeaders), or in no-cors mode one that is
	// not no-CORS-safelisted. A Cookie here is most often an
	// http.Client.Jar's, which the Client adds as a header the Transport
	// cannot tell from the caller's (see CheckClient).
	// See https://fetch.spec.whatwg.org/#concept-headers-append.
	DroppedHeader func(name string)
}

type traceKey struct{}

// WithClientTrace returns a context based on ctx that makes the Transport
// call the hooks of t. Hooks already registered in ctx are called as well,
// after those of t, as httptrace.WithClientTrace does.
func WithClientTrace(ctx context.Context, t *ClientTrace) context.Context {
	if t == nil {
		return ctx
	}
	merged := *t
	if old := ContextClientTrace(ctx); old != nil {
		merged.compose(old)
	}
	return context.WithValue(ctx, traceKey{}, &merged)
}

// ContextClientTrace returns the ClientTrace of ctx, or nil.
func ContextClientTrace(ctx context.Context) *ClientTrace {
	t, _ := ctx.Value(traceKey{}).(*ClientTrace)
	return t
}

// compose makes every hook of t also call the matching hook of old.
func (t *ClientTrace) compose(old *ClientTrace) {
	t.PreflightStart = chain1(t.PreflightStart, old.PreflightStart)
	t.PreflightDone = chain2(t.PreflightDone, old.PreflightDone)
	t.CacheHit = chain1(t.CacheHit, old.CacheHit)
	t.CacheMiss = chain1(t.CacheMiss, old.CacheMiss)
	t.Blocked = chain1(t.Blocked, old.Blocked)
	t.DroppedHeader = chain1(t.DroppedHeader, old.DroppedHeader)
	if a, b := t.Redirect, old.Redirect; a == nil {
		t.Redirect = b
	} else if b != nil {
		t.Redirect = func(from, to string, status int) { a(from, to, status); b(from, to, status) }
	}
}

func chain1[A any](a, b func(A)) func(A) {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	return func(x A) { a(x); b(x) }
}

func chain2[A, B any](a, b func(A, B)) func(A, B) {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	return func(x A, y B) { a(x, y); b(x, y) }
}

// The methods below call a hook when t and the hook are non-nil.

func (t *ClientTrace) preflightStart(r *http.Request) {
	if t != nil && t.PreflightStart != nil {
		t.PreflightStart(r)
	}
}

func (t *ClientTrace) preflightDone(r *http.Response, err error) {
	if t != nil && t.PreflightDone != nil {
		t.PreflightDone(r, err)
	}
}

func (t *ClientTrace) cacheHit(u string) {
	if t != nil && t.CacheHit != nil {
		t.CacheHit(u)
	}
}

func (t *ClientTrace) cacheMiss(u string) {
	if t != nil && t.CacheMiss != nil {
		t.CacheMiss(u)
	}
}

func (t *ClientTrace) redirect(from, to string, status int) {
	if t != nil && t.Redirect != nil {
		t.Redirect(from, to, status)
	}
}

func (t *ClientTrace) droppedHeader(name string) {
	if t != nil && t.DroppedHeader != nil {
		t.DroppedHeader(name)
	}
}

func (t *ClientTrace) blocked(err error) {
	if t != nil && t.Blocked != nil {
		t.Blocked(err)
	}
}

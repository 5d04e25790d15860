package fetch

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// preflight makes the CORS-preflight fetch for the request as it stands and
// stores what it grants under key. Identical concurrent preflights share one
// request when the Transport coalesces them; a coalescing leader first looks
// in the cache again, where a flight that ended after this request's cache
// miss may have stored what it needs.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func (f *fetchState) preflight(key preflightcache.Key, checkMethod bool, unsafe []string) error {
	creq := &cors.Request{
		Method:           f.method,
		URL:              f.current(),
		Header:           f.preflightHeader(),
		Origin:           f.preflightOrigin(key.Origin),
		Credentials:      f.credentialsInclude(),
		UseCORSPreflight: f.useCORSPreflight,
	}
	if !f.t.CoalescePreflights {
		return f.preflightFetch(creq, key)
	}
	fk := f.flightKey(key, unsafe)
	lead := func() error {
		if f.cacheCovers(key, checkMethod, unsafe) {
			return nil
		}
		return f.preflightFetch(creq, key)
	}
	for {
		shared, leaderCtxEnded, err := f.t.flights.do(f.ctx, fk, lead)
		// Retry only when the leader failed because its own context ended.
		// A Base timeout (ResponseHeaderTimeout, a dial timeout) also
		// matches context.DeadlineExceeded, but it is the preflight's
		// failure: every waiter gets it, rather than each becoming the next
		// leader and paying the timeout again (issue 10, defect 4).
		if shared && err != nil && leaderCtxEnded && f.ctx.Err() == nil {
			continue
		}
		if _, ok := err.(*NetworkError); err != nil && !ok {
			err = f.networkError(KindTransport, err) // our context ended while waiting
		}
		return err
	}
}

// flightKey identifies the preflights that are identical: same cache key,
// method, credentials, flag, unsafe header names, referrer, and the cache
// mode when the policy lets it change the preflight.
func (f *fetchState) flightKey(key preflightcache.Key, unsafe []string) string {
	var b strings.Builder
	b.WriteString(key.Partition)
	b.WriteByte(0)
	b.WriteString(key.Origin)
	b.WriteByte(0)
	b.WriteString(key.URL)
	b.WriteByte(0)
	b.WriteString(f.method)
	b.WriteByte(0)
	b.WriteString(strconv.FormatBool(f.credentialsInclude()))
	b.WriteString(strconv.FormatBool(f.useCORSPreflight))
	b.WriteByte(0)
	b.WriteString(strings.Join(unsafe, ","))
	b.WriteByte(0)
	if f.cacheModeSplitsPreflights() {
		b.WriteString(f.cache.String()) // the mode decides the lookup, the store and the preflight's headers
	}
	b.WriteByte(0)
	if f.referrer != nil {
		b.WriteString(f.referrer.String())
	}
	return b.String()
}

// preflightFetch sends one CORS-preflight request through Base (which never
// follows its redirects), checks the response and stores the result.
func (f *fetchState) preflightFetch(creq *cors.Request, key preflightcache.Key) error {
	preq, err := f.t.Policy.NewPreflightRequest(f.ctx, creq)
	if err != nil {
		return f.networkError(KindTransport, err)
	}
	// The network layer adds the request's Referer (Origin is already
	// there). See https://fetch.spec.whatwg.org/#http-network-or-cache-fetch.
	if f.referrer != nil {
		preq.Header["Referer"] = []string{f.referrer.String()}
	}
	f.preflightUserAgent(preq.Header)
	f.t.setUserAgent(preq.Header)
	if f.t.Policy.PreflightTakesCacheMode {
		f.setCacheModeHeaders(preq.Header)
	}
	f.trace.preflightStart(preq)
	resp, err := f.t.base().RoundTrip(preq)
	if err != nil {
		ne := f.networkError(KindTransport, err)
		f.trace.preflightDone(nil, ne)
		return ne
	}
	if err := f.singletonResponseHeaders(resp.Header); err != nil {
		discard(resp)
		ne := f.networkError(KindTransport, err)
		f.trace.preflightDone(resp, ne)
		return ne
	}
	res, cerr := cors.CheckPreflightResponse(resp.StatusCode, resp.Header, creq, &f.t.Policy)
	discard(resp)
	if cerr != nil {
		f.storeRefusedGrant(key, resp.StatusCode, resp.Header, creq, cerr)
		ne := f.corsError(cerr)
		f.trace.preflightDone(resp, ne)
		return ne
	}
	f.storePreflight(key, res)
	f.trace.preflightDone(resp, nil)
	return nil
}

// errFlightAborted is what waiters get if the leader's fn panics.
var errFlightAborted = errors.New("fetch: coalesced preflight aborted")

// flightGroup runs one function per key at a time and gives its result to
// every caller that asked for the same key meanwhile. The zero value is
// ready to use.
type flightGroup struct {
	mu sync.Mutex
	m  map[string]*flight
}

type flight struct {
	done chan struct{}
	err  error
	// ctxEnded says the leader's context had ended when fn returned.
	ctxEnded bool
}

// testHookFlightWait, when set, is called as a caller starts waiting for
// another's flight.
var testHookFlightWait func()

// do runs fn, or waits for the run already in flight for key. shared says
// whether the result came from another caller's run, and leaderCtxEnded
// whether that caller's context had ended when its run returned. A waiter
// whose ctx ends stops waiting with ctx's error.
func (g *flightGroup) do(ctx context.Context, key string, fn func() error) (shared, leaderCtxEnded bool, err error) {
	g.mu.Lock()
	if c, ok := g.m[key]; ok {
		g.mu.Unlock()
		if testHookFlightWait != nil {
			testHookFlightWait()
		}
		select {
		case <-c.done:
			return true, c.ctxEnded, c.err
		case <-ctx.Done():
			return false, false, ctx.Err()
		}
	}
	if g.m == nil {
		g.m = make(map[string]*flight)
	}
	c := &flight{done: make(chan struct{}), err: errFlightAborted}
	g.m[key] = c
	g.mu.Unlock()

	defer func() {
		g.mu.Lock()
		delete(g.m, key)
		g.mu.Unlock()
		close(c.done)
	}()
	c.err = fn()
	c.ctxEnded = ctx.Err() != nil
	return false, c.ctxEnded, c.err
}

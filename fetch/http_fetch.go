package fetch

import (
	"net/http"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// httpFetch runs HTTP fetch: the preflight decision against the
// CORS-preflight cache, the network fetch, and the CORS check of the
// response (redirects included) when the tainting is cors. A blocked
// response's body is drained and closed.
// See https://fetch.spec.whatwg.org/#http-fetch.
func (f *fetchState) httpFetch(makePreflight bool) (*http.Response, error) {
	if makePreflight {
		if err := f.preflightIfNeeded(); err != nil {
			return nil, err
		}
	}
	resp, err := f.networkFetch()
	if err != nil {
		return nil, err
	}
	if f.tainting == taintCORS {
		if err := cors.Check(resp.Header, f.requestOrigin(), f.credentialsInclude()); err != nil {
			discard(resp)
			return nil, f.corsError(err)
		}
	}
	return resp, nil
}

// preflightIfNeeded makes a CORS-preflight fetch unless the cache has a
// method entry match (when the method needs one) and a header-name entry
// match for every CORS-unsafe request-header name.
// See https://fetch.spec.whatwg.org/#http-fetch.
func (f *fetchState) preflightIfNeeded() error {
	unsafe := f.t.Policy.UnsafeRequestHeaderNames(f.preflightHeader())
	checkMethod := f.cacheChecksMethod()
	key := f.cacheKey()
	if f.cacheCovers(key, checkMethod, unsafe) {
		f.trace.cacheHit(key.URL)
		return nil
	}
	f.trace.cacheMiss(key.URL)
	err := f.preflight(key, checkMethod, unsafe)
	f.preflightFailed = err != nil
	return err
}

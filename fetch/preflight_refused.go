package fetch

import (
	"errors"
	"net/http"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// storeRefusedGrant caches, under cors.Policy.PreflightCacheStoresRefusedGrant
// (WebKit), what a preflight response granted although the request's
// method or headers then failed its check (cerr): the grant is what the
// response lists, checked as for a request that asks for nothing.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func (f *fetchState) storeRefusedGrant(key preflightcache.Key, status int, h http.Header, creq *cors.Request, cerr error) {
	if !f.t.Policy.PreflightCacheStoresRefusedGrant || !refusedByPreflight(cerr) {
		return
	}
	r := *creq
	r.Header = nil
	if ce := (*cors.Error)(nil); errors.As(cerr, &ce) && ce.Reason == cors.MethodDisallowedByPreflightResponse {
		// The method was not listed, so Access-Control-Allow-Methods is:
		// a safelisted method passes and leaves the list as it is.
		r.Method = http.MethodGet
	}
	if res, err := cors.CheckPreflightResponse(status, h, &r, &f.t.Policy); err == nil {
		f.storePreflight(key, res)
	}
}

// refusedByPreflight reports whether err is a preflight that passed the
// CORS and status checks but did not allow the request's method or one of
// its headers.
func refusedByPreflight(err error) bool {
	var ce *cors.Error
	return errors.As(err, &ce) &&
		(ce.Reason == cors.MethodDisallowedByPreflightResponse || ce.Reason == cors.HeaderDisallowedByPreflightResponse)
}

package cors

import (
	"net/http"
	"slices"

	"github.com/corsfetch/corsfetch/fetch/safelist"
)

// FilterCORS returns a copy of h that keeps only the headers whose name is a
// CORS-safelisted response-header name given exposed: Cache-Control,
// Content-Language, Content-Length, Content-Type, Expires, Last-Modified,
// Pragma, and any name in exposed (byte-case-insensitively) that is not a
// forbidden response-header name, so Set-Cookie never survives. Names are
// matched whatever the case of h's keys; value slices are copied. It runs in
// time linear in the sizes of h and exposed.
// See https://fetch.spec.whatwg.org/#concept-filtered-response-cors.
func FilterCORS(h http.Header, exposed []string) http.Header {
	out := make(http.Header, min(len(h), 16))
	k := newCORSKeeper(exposed)
	for name, vals := range h {
		step(1)
		if k.keep(name) {
			out[name] = slices.Clone(vals)
		}
	}
	return out
}

// FilterCORSInPlace is FilterCORS on h itself: it deletes the headers that
// FilterCORS would leave out, allocating nothing for a short exposed list.
// For a header map the caller owns, such as a response's it is about to
// hand on. See https://fetch.spec.whatwg.org/#concept-filtered-response-cors.
func FilterCORSInPlace(h http.Header, exposed []string) {
	k := newCORSKeeper(exposed)
	for name := range h {
		step(1)
		if !k.keep(name) {
			delete(h, name)
		}
	}
}

// corsKeeper decides which header names a CORS filtered response keeps. A
// long exposed list is turned into a set, so filtering stays linear.
type corsKeeper struct {
	exposed []string
	set     map[string]struct{}
}

func newCORSKeeper(exposed []string) corsKeeper {
	k := corsKeeper{exposed: exposed}
	if len(exposed) > nameSetMapThreshold {
		step(len(exposed))
		k.set = make(map[string]struct{}, len(exposed))
		for _, n := range exposed {
			k.set[asciiLower(n)] = struct{}{}
		}
	}
	return k
}

// keep reports whether name is a CORS-safelisted response-header name given
// the exposed list. See https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name.
func (k corsKeeper) keep(name string) bool {
	if k.set == nil {
		step(len(k.exposed) + 1)
		return safelist.IsCORSSafelistedResponseHeaderName(name, k.exposed)
	}
	step(1)
	if safelist.IsCORSSafelistedResponseHeaderName(name, nil) {
		return true
	}
	if safelist.IsForbiddenResponseHeaderName(name) {
		return false
	}
	_, ok := k.set[asciiLower(name)]
	return ok
}

// FilterBasic returns a copy of h without the forbidden response-header
// names (Set-Cookie and Set-Cookie2), whatever the case of h's keys; value
// slices are copied.
// See https://fetch.spec.whatwg.org/#concept-filtered-response-basic.
func FilterBasic(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for name, vals := range h {
		if !safelist.IsForbiddenResponseHeaderName(name) {
			out[name] = slices.Clone(vals)
		}
	}
	return out
}

// FilterBasicInPlace is FilterBasic on h itself: it deletes Set-Cookie and
// Set-Cookie2 and allocates nothing.
// See https://fetch.spec.whatwg.org/#concept-filtered-response-basic.
func FilterBasicInPlace(h http.Header) {
	for name := range h {
		if safelist.IsForbiddenResponseHeaderName(name) {
			delete(h, name)
		}
	}
}

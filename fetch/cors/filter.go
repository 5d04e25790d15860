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
	var set map[string]struct{}
	if len(exposed) > nameSetMapThreshold {
		set = make(map[string]struct{}, len(exposed))
		for _, n := range exposed {
			set[asciiLower(n)] = struct{}{}
		}
	}
	for name, vals := range h {
		keep := false
		if set != nil {
			keep = safelist.IsCORSSafelistedResponseHeaderName(name, nil)
			if !keep && !safelist.IsForbiddenResponseHeaderName(name) {
				_, keep = set[asciiLower(name)]
			}
		} else {
			keep = safelist.IsCORSSafelistedResponseHeaderName(name, exposed)
		}
		if keep {
			out[name] = slices.Clone(vals)
		}
	}
	return out
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

package cors

import (
	"net/http"

	"github.com/corsfetch/corsfetch/fetch/safelist"
)

// NeedsPreflight reports whether main fetch would make a CORS-preflight
// fetch for a request with method, headers h and the use-CORS-preflight
// flag: the flag is set, the method is not a CORS-safelisted method, or the
// CORS-unsafe request-header names of h are not empty. Forbidden request
// headers (judged pair by pair) belong to the user agent, not the page, and
// never count. It uses the zero Policy.
// See https://fetch.spec.whatwg.org/#main-fetch.
func NeedsPreflight(method string, h http.Header, useCORSPreflight bool) bool {
	return zeroPolicy.NeedsPreflight(method, h, useCORSPreflight)
}

// NeedsPreflight is the package NeedsPreflight under p (a nil p is the zero
// Policy). When no preflight is needed and h holds no forbidden header it
// allocates nothing.
// See https://fetch.spec.whatwg.org/#main-fetch.
func (p *Policy) NeedsPreflight(method string, h http.Header, useCORSPreflight bool) bool {
	if useCORSPreflight || !safelist.IsCORSSafelistedMethod(method) {
		return true
	}
	return len(p.UnsafeRequestHeaderNames(h)) > 0
}

// UnsafeRequestHeaderNames returns the CORS-unsafe request-header names of
// h under p, byte-lowercased, de-duplicated and byte-sorted, or nil when
// there are none. Forbidden request headers are left out first (they count
// neither as unsafe nor towards the 1024-byte budget); the rest is
// safelist.CORSUnsafeRequestHeaderNames, or its joined-values variant under
// p.JoinDuplicateRequestHeaders, with each header judged by
// p.IsCORSSafelistedRequestHeader; NoSafelistedValueTotal drops the
// 1024-byte rule and DuplicateRequestHeaderNames keeps a name once per
// header.
// See https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names.
func (p *Policy) UnsafeRequestHeaderNames(h http.Header) []string {
	p = p.orZero()
	h = p.authorHeaders(h)
	safelisted := safelist.IsCORSSafelistedRequestHeader
	if p.adjustsSafelist() {
		safelisted = p.IsCORSSafelistedRequestHeader
	}
	switch {
	case p.JoinDuplicateRequestHeaders:
		return safelist.CORSUnsafeRequestHeaderNamesJoinedFunc(h, safelisted)
	case p.NoSafelistedValueTotal || p.DuplicateRequestHeaderNames:
		return p.unsafeNamesPerHeader(h, safelisted)
	}
	return safelist.CORSUnsafeRequestHeaderNamesFunc(h, safelisted)
}

// authorHeaders returns h without its forbidden request headers (and
// User-Agent under p.UserAgentForbidden): h itself when it holds none, else
// a filtered copy.
func (p *Policy) authorHeaders(h http.Header) http.Header {
	if !p.holdsForbidden(h) {
		return h
	}
	out := make(http.Header, len(h))
	for name, vals := range h {
		if p.UserAgentForbidden && asciiEqualFold(name, "User-Agent") {
			continue
		}
		var kept []string
		for _, v := range vals {
			if !safelist.IsForbiddenRequestHeader(name, v) {
				kept = append(kept, v)
			}
		}
		if len(kept) > 0 {
			out[name] = kept
		}
	}
	return out
}

func (p *Policy) holdsForbidden(h http.Header) bool {
	for name, vals := range h {
		if p.UserAgentForbidden && len(vals) > 0 && asciiEqualFold(name, "User-Agent") {
			return true
		}
		for _, v := range vals {
			if safelist.IsForbiddenRequestHeader(name, v) {
				return true
			}
		}
	}
	return false
}

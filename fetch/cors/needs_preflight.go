package cors

import (
	"net/http"
	"slices"
	"strings"

	"github.com/corsfetch/corsfetch/fetch/safelist"
)

// safelistedValueBudget is the limit on the summed lengths of safelisted
// request-header values. See https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names.
const safelistedValueBudget = 1024

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
// Policy). It allocates nothing unless p.JoinDuplicateRequestHeaders meets
// a repeated header.
// See https://fetch.spec.whatwg.org/#main-fetch.
func (p *Policy) NeedsPreflight(method string, h http.Header, useCORSPreflight bool) bool {
	if useCORSPreflight || !safelist.IsCORSSafelistedMethod(method) {
		return true
	}
	return p.orZero().scanHeaders(h, nil)
}

// UnsafeRequestHeaderNames returns the CORS-unsafe request-header names of h
// under p: byte-lowercased, de-duplicated and byte-sorted, forbidden request
// headers left out. It returns nil when there are none. With the zero
// Policy and no forbidden headers in h it equals
// safelist.CORSUnsafeRequestHeaderNames(h).
// See https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names.
func (p *Policy) UnsafeRequestHeaderNames(h http.Header) []string {
	var names []string
	p.orZero().scanHeaders(h, &names)
	if len(names) == 0 {
		return nil
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// scanHeaders walks the non-forbidden (name, value) pairs of h. It reports
// whether any name is CORS-unsafe; when names is non-nil it appends every
// unsafe name, byte-lowercased (unsorted, possibly repeated), instead of
// stopping at the first.
func (p *Policy) scanHeaders(h http.Header, names *[]string) (unsafe bool) {
	budget := 0
	var safeNames []string // names of safelisted headers, when collecting
	for name, vals := range h {
		if p.UserAgentForbidden && asciiEqualFold(name, "User-Agent") {
			continue
		}
		if p.JoinDuplicateRequestHeaders && len(vals) > 1 {
			var kept []string
			for _, v := range vals {
				if !safelist.IsForbiddenRequestHeader(name, v) {
					kept = append(kept, v)
				}
			}
			if len(kept) == 0 {
				continue
			}
			vals = []string{strings.Join(kept, ", ")}
		}
		for _, v := range vals {
			if safelist.IsForbiddenRequestHeader(name, v) {
				continue
			}
			if !safelist.IsCORSSafelistedRequestHeader(name, v) {
				if names == nil {
					return true
				}
				*names = append(*names, asciiLower(name))
				unsafe = true
				continue
			}
			budget += len(v)
			if names != nil {
				safeNames = append(safeNames, asciiLower(name))
			}
		}
	}
	if budget > safelistedValueBudget {
		if names != nil {
			*names = append(*names, safeNames...)
		}
		return true
	}
	return unsafe
}

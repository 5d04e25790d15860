package cors

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/corsfetch/corsfetch/fetch/safelist"
	"github.com/corsfetch/corsfetch/internal/headerparse"
)

// PreflightResult is what a successful preflight grants: the entries the
// CORS-preflight cache creates or refreshes.
//
// A "*" in Methods or Headers is a wildcard only when Credentials is false;
// for a credentialed result it is a literal name that matches nothing real,
// and a cache should not store it as a wildcard.
type PreflightResult struct {
	Methods     []string      // ACAM elements as listed (or the request method), may hold "*"
	Headers     []string      // ACAH names, byte-lowercased, may hold "*"
	MaxAge      time.Duration // after the default and the cap; 0 means do not cache
	Credentials bool          // the preflight was for a credentials-include request
}

// CheckPreflightResponse validates the response (status, headers h) to the
// CORS-preflight request for r under p (a nil p is the zero Policy) and
// returns what it grants, or an *Error (URL unset) saying why the preflight
// fails, or a plain error when r is unusable.
//
// The checks run in Chromium's order, which decides the reported reason
// (the verdict is the standard's either way): a redirect (3xx with a
// Location) is PreflightDisallowedRedirect; then the CORS check for r
// (Preflight* reasons); then the ok status (200-299); then
// Access-Control-Allow-Methods and -Headers must parse as lists of tokens
// (one bad element fails the whole preflight); then the method must be
// listed (case-sensitively), CORS-safelisted, or covered by "*" without
// credentials; then every CORS-unsafe request-header name must be listed
// (case-insensitively) or covered by "*" without credentials, except that
// "*" never covers Authorization unless p.AuthorizationCoveredByWildcard.
// Access-Control-Max-Age is read last: 5 s when absent or unparseable,
// clamped to p's cap.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func CheckPreflightResponse(status int, h http.Header, r *Request, p *Policy) (*PreflightResult, error) {
	if r == nil {
		return nil, errors.New("cors: CheckPreflightResponse: nil request")
	}
	if r.Origin == "" {
		return nil, errEmptyOrigin
	}
	p = p.orZero()
	fail := func(reason Reason, param string) (*PreflightResult, error) {
		return nil, &Error{Reason: reason, Offending: param, Origin: r.Origin, Status: status, Header: h}
	}
	if isRedirectStatus(status) && len(h.Values("Location")) > 0 {
		return fail(PreflightDisallowedRedirect, "")
	}
	if !(p.SameOriginPreflightSkipsAllowOrigin && r.URL != nil && OriginFromURL(r.URL).String() == r.Origin) {
		if reason, param := checkAccess(h, r.Origin, r.Credentials); reason != ReasonNone {
			return fail(reason.preflightVariant(), param)
		}
	}
	if status < 200 || status > 299 {
		return fail(PreflightInvalidStatus, "")
	}
	methods, present, ok := extractTokens(h.Values(hdrAllowMethods), false)
	if !ok {
		v, _ := getCombined(h, hdrAllowMethods)
		return fail(InvalidAllowMethodsPreflightResponse, v)
	}
	if !present && r.UseCORSPreflight {
		methods = []string{r.Method}
	}
	headers, _, ok := extractTokens(h.Values(hdrAllowHeaders), true)
	if !ok {
		v, _ := getCombined(h, hdrAllowHeaders)
		return fail(InvalidAllowHeadersPreflightResponse, v)
	}
	methodWildcard := !r.Credentials && contains(methods, "*")
	if !contains(methods, r.Method) && !safelist.IsCORSSafelistedMethod(r.Method) && !methodWildcard {
		return fail(MethodDisallowedByPreflightResponse, r.Method)
	}
	allowed := newNameSet(headers)
	headerWildcard := !r.Credentials && allowed.has("*")
	if !p.AuthorizationCoveredByWildcard {
		for name, vals := range r.Header {
			step(1)
			if len(vals) > 0 && safelist.IsCORSNonWildcardRequestHeaderName(name) && !allowed.has(asciiLower(name)) {
				return fail(HeaderDisallowedByPreflightResponse, asciiLower(name))
			}
		}
	}
	for _, name := range p.checkOrder(r.Header) {
		step(1)
		if !allowed.has(name) && !headerWildcard {
			return fail(HeaderDisallowedByPreflightResponse, name)
		}
	}
	return &PreflightResult{
		Methods:     methods,
		Headers:     headers,
		MaxAge:      p.maxAge(h),
		Credentials: r.Credentials,
	}, nil
}

// isRedirectStatus reports whether s is a redirect status.
// See https://fetch.spec.whatwg.org/#redirect-status.
func isRedirectStatus(s int) bool {
	return s == 301 || s == 302 || s == 303 || s == 307 || s == 308
}

// extractTokens is "extract header list values" for a #token list over the
// field lines lines: present is false when there are none; ok is false when
// any element is not a token. With lower, elements are byte-lowercased.
// Elements are substrings of lines unless lowered. It runs in time linear in
// the input.
// See https://fetch.spec.whatwg.org/#extract-header-list-values.
func extractTokens(lines []string, lower bool) (elems []string, present, ok bool) {
	if len(lines) == 0 {
		return nil, false, true
	}
	// n counts the starts of non-empty elements (at least as many as
	// there are), so that elems is allocated once, at the size the list
	// needs: growing it by doubling copied a 1M-name list about 20 times.
	// Empty elements ("a,,,,") count nothing.
	n := 0
	for _, l := range lines {
		step(len(l) + 1)
		in := false
		for i := 0; i < len(l); i++ {
			switch l[i] {
			case ',':
				in = false
			case ' ', '\t':
			default:
				if !in {
					n++
					in = true
				}
			}
		}
	}
	it := headerparse.NewListIter(lines)
	for {
		e, more := it.Next()
		if !more {
			break
		}
		step(len(e) + 1)
		if !headerparse.IsToken(e) {
			return nil, true, false
		}
		if elems == nil {
			elems = make([]string, 0, max(n, 1))
		}
		if lower {
			e = asciiLower(e)
		}
		elems = append(elems, e)
	}
	return elems, true, true
}

func contains(list []string, s string) bool {
	for i, x := range list {
		if x == s {
			step(i + 1)
			return true
		}
	}
	step(len(list))
	return false
}

// nameSet answers membership of lowercase names: a scan for short lists, a
// map for long ones, so that checking k names against n listed ones costs
// O(k + n) rather than O(k·n) on hostile input.
type nameSet struct {
	list []string
	m    map[string]struct{}
}

const nameSetMapThreshold = 32

func newNameSet(lowered []string) nameSet {
	s := nameSet{list: lowered}
	if len(lowered) > nameSetMapThreshold {
		step(len(lowered))
		s.m = make(map[string]struct{}, len(lowered))
		for _, n := range lowered {
			s.m[n] = struct{}{}
		}
	}
	return s
}

func (s nameSet) has(name string) bool {
	if s.m != nil {
		step(1)
		_, ok := s.m[name]
		return ok
	}
	return contains(s.list, name)
}

// maxAge reads Access-Control-Max-Age from h under p: DefaultMaxAge when
// absent or unparseable (0 with UnparseableMaxAgeNoCache), then clamped to
// the cap. See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func (p *Policy) maxAge(h http.Header) time.Duration {
	limit := p.maxAgeCap()
	if limit < 0 {
		return 0
	}
	vals := h.Values(hdrMaxAge)
	if len(vals) == 0 {
		return min(DefaultMaxAge, limit)
	}
	var secs uint64
	var ok bool
	if p.SignedMaxAge {
		v, _ := getCombined(h, hdrMaxAge)
		var n int64
		n, ok = parseSignedMaxAge(v)
		if n < 0 {
			n = 0
		}
		secs = uint64(n)
	} else if len(vals) == 1 {
		// The ABNF allows a single header: several are a failure.
		step(len(vals[0]))
		secs, ok = headerparse.ParseDeltaSeconds(headerparse.TrimHTTPWhitespace(vals[0]))
	}
	if !ok {
		if p.UnparseableMaxAgeNoCache && !emptyMaxAge(vals) {
			return 0
		}
		return min(DefaultMaxAge, limit)
	}
	if secs == 0 {
		return 0
	}
	if secs > uint64(limit/time.Second) {
		return limit
	}
	return min(time.Duration(secs)*time.Second, limit)
}

// emptyMaxAge reports whether vals is one empty Access-Control-Max-Age,
// which Firefox reads as absent.
func emptyMaxAge(vals []string) bool {
	return len(vals) == 1 && headerparse.TrimHTTPWhitespace(vals[0]) == ""
}

// parseSignedMaxAge parses s as Chromium reads Access-Control-Max-Age: an
// optional sign and decimal digits that fit an int64.
func parseSignedMaxAge(s string) (int64, bool) {
	if s == "" || s[0] == ' ' {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

package fetch

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/safelist"
)

// How redirects and the preflights after them depart from the standard
// under the Transport's Policy (the cors.Policy redirect knobs). Each
// function is the standard's behaviour when its knob is off.

// errRedirectUserinfo is the cause of the network error that
// cors.Policy.RedirectUserinfoFails gives a redirect to a URL with a
// username or password.
var errRedirectUserinfo = errors.New("redirect location includes a username or password")

// redirectSchemeError is the network error for a redirect to loc, whose
// scheme is not http or https.
func (f *fetchState) redirectSchemeError(loc *url.URL) error {
	if f.t.Policy.RedirectSchemeByMode {
		switch s := strings.ToLower(loc.Scheme); {
		case s == "data", s == "file":
			// Chromium's network stack refuses these as unsafe redirects.
		case f.mode == ModeSameOrigin:
			return f.networkError(KindMode, f.redirectTargetError(cors.DisallowedByMode, loc, ""))
		case f.mode == ModeCORS:
			return f.networkError(KindCORS, f.redirectTargetError(cors.CORSDisabledScheme, loc, loc.Scheme))
		}
	}
	return f.networkError(KindRedirectScheme, nil)
}

// redirectTargetError is a *cors.Error about the URL a redirect leads to,
// reported (as Chromium does) at that URL, redirected from the first.
func (f *fetchState) redirectTargetError(r cors.Reason, loc *url.URL, offending string) error {
	return f.fillCORSError(&cors.Error{Reason: r, Offending: offending, URL: loc.Redacted(), InitialURL: f.urls[0].String()})
}

// redirectQuirks runs the knobs that refuse or rewrite the request on a
// redirect with status from cur to loc, after the standard's own checks on
// loc.
func (f *fetchState) redirectQuirks(cur, loc *url.URL, status int) error {
	p := &f.t.Policy
	if p.RedirectUserinfoFails && includesCredentials(loc) &&
		!(f.mode == ModeSameOrigin && !f.origin.SameOriginURL(loc)) {
		return f.networkError(KindBadLocation, errRedirectUserinfo)
	}
	if p.CrossOriginRedirectDeleteAsGET && f.method == http.MethodDelete && status != http.StatusSeeOther && !sameOriginURLs(cur, loc) {
		f.method = http.MethodGet
		f.hasBody, f.getBody = false, nil // the request-body headers stay, as in WebKit
	}
	if p.CacheModeHeadersDroppedOnCrossOriginRedirect {
		f.cacheHeadersDropped = !sameOriginURLs(cur, loc) // for this hop only
	}
	return nil
}

// restoreBodyHeaders puts back the first request's request-body headers
// (RedirectRestoresRequestBodyHeaders, RedirectRestoresBodyHeadersOn307).
func (f *fetchState) restoreBodyHeaders() {
	for name, vs := range f.firstHeader {
		if safelist.IsRequestBodyHeaderName(name) {
			f.ownHeader()
			f.header[name] = vs
		}
	}
}

// keepFirstRequest keeps the first request's headers for the knobs that
// read them after a redirect: f.header is shared until the next change,
// which then copies it.
func (f *fetchState) keepFirstRequest() {
	if p := &f.t.Policy; p.PreflightForRemovedHeaders || p.PreflightWithFirstHeaders ||
		p.RedirectRestoresRequestBodyHeaders || p.RedirectRestoresBodyHeadersOn307 {
		f.firstHeader = f.header
		f.headerOwned = false
	}
}

// needsPreflight is main fetch's decision to take the CORS-preflight path
// for a cors-tainted hop.
// See https://fetch.spec.whatwg.org/#main-fetch.
func (f *fetchState) needsPreflight() bool {
	p := &f.t.Policy
	if p.NeedsPreflight(f.method, f.header, f.useCORSPreflight) {
		return true
	}
	if len(f.urls) == 1 {
		return false
	}
	return p.PreflightAfterPreflight && f.preflighted ||
		p.PreflightForRemovedHeaders && len(p.UnsafeRequestHeaderNames(f.firstHeader)) > 0
}

// preflightHeader is the header list the preflight describes and is
// checked against: the request's, or the first request's under
// PreflightWithFirstHeaders.
func (f *fetchState) preflightHeader() http.Header {
	if f.t.Policy.PreflightWithFirstHeaders {
		return f.firstHeader
	}
	return f.header
}

// preflightOrigin is the origin a preflight sends and is checked against:
// the request's (keyOrigin, "null" once tainted), or the page's under
// PreflightOriginUntainted.
func (f *fetchState) preflightOrigin(keyOrigin string) string {
	if f.t.Policy.PreflightOriginUntainted {
		return f.originSer
	}
	return keyOrigin
}

// keepsOrigin reports whether a GET or HEAD hop sends Origin because an
// earlier hop did (OriginKeptAfterRedirect).
func (f *fetchState) keepsOrigin() bool {
	return f.t.Policy.OriginKeptAfterRedirect && f.originSent
}

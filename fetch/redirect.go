package fetch

import (
	"net/http"
	"strings"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/safelist"
)

// redirectFetch runs HTTP-redirect fetch for resp, a redirect of the current
// URL: it validates the Location, rewrites the request for the next hop and
// appends the new URL. followed is false when there is no Location, making
// resp the final response. resp's body is drained and closed otherwise.
// See https://fetch.spec.whatwg.org/#http-redirect-fetch.
func (f *fetchState) redirectFetch(resp *http.Response) (followed bool, err error) {
	locs := resp.Header["Location"]
	if len(locs) == 0 {
		return false, nil
	}
	discard(resp)
	cur := f.current()
	// The Location ABNF allows one value: two headers are a failure.
	// See https://fetch.spec.whatwg.org/#concept-response-location-url.
	if len(locs) > 1 {
		switch p := &f.t.Policy; {
		case p.RedirectLocationsJoined:
			locs = []string{strings.Join(locs, ", ")}
		case p.RedirectIdenticalLocationsFollowed && allEqual(locs):
			locs = locs[:1]
		default:
			return false, f.networkError(KindBadLocation, nil)
		}
	}
	loc, perr := cur.Parse(locs[0])
	if perr != nil {
		return false, f.networkError(KindBadLocation, perr)
	}
	if !strings.Contains(locs[0], "#") {
		loc.Fragment, loc.RawFragment = cur.Fragment, cur.RawFragment
	}
	if !isHTTPScheme(loc.Scheme) {
		return false, f.redirectSchemeError(loc)
	}
	loc, ok := checkURL(loc)
	if !ok {
		return false, f.networkError(KindBadLocation, nil)
	}
	if f.redirectCount >= f.t.maxRedirects() {
		return false, f.networkError(KindTooManyRedirects, nil)
	}
	f.redirectCount++
	if includesCredentials(loc) &&
		(f.mode == ModeCORS && !f.origin.SameOriginURL(loc) || f.tainting == taintCORS) {
		return false, f.corsError(&cors.Error{Reason: cors.RedirectContainsCredentials, Offending: loc.Redacted()})
	}
	removedBefore := f.bodyHeadersRemoved // by an earlier redirect
	if err := f.redirectQuirks(cur, loc, resp.StatusCode); err != nil {
		return false, err
	}
	status := resp.StatusCode
	if status != http.StatusSeeOther && f.hasBody && f.getBody == nil {
		return false, f.networkError(KindBodyNotReplayable, nil)
	}
	if (status == http.StatusMovedPermanently || status == http.StatusFound) && f.method == http.MethodPost ||
		status == http.StatusSeeOther && f.method != http.MethodGet && f.method != http.MethodHead {
		f.method = http.MethodGet
		f.hasBody, f.getBody = false, nil
		f.deleteHeaders(safelist.IsRequestBodyHeaderName)
		f.bodyHeadersRemoved = true
	} else if removedBefore && (f.t.Policy.RedirectRestoresRequestBodyHeaders ||
		f.t.Policy.RedirectRestoresBodyHeadersOn307 && (status == http.StatusTemporaryRedirect || status == http.StatusPermanentRedirect)) {
		f.restoreBodyHeaders()
	}
	if !sameOriginURLs(cur, loc) {
		f.deleteHeaders(safelist.IsCORSNonWildcardRequestHeaderName)
		f.dropKeptCredentials()
	}
	from := f.currentString()
	f.appendURL(loc)
	// Set request's referrer policy on redirect.
	// See https://w3c.github.io/webappsec-referrer-policy/#set-requests-referrer-policy-on-redirect.
	if p := referrerPolicyFromResponse(resp.Header); p != "" {
		f.policy = p
	}
	f.trace.redirect(from, f.currentString(), status)
	return true, nil
}

// deleteHeaders deletes from the request's headers every name that match
// reports.
func (f *fetchState) deleteHeaders(match func(string) bool) {
	for name := range f.header {
		if match(name) {
			f.ownHeader()
			delete(f.header, name)
		}
	}
}

// allEqual reports whether every element of vs is vs[0].
func allEqual(vs []string) bool {
	for _, v := range vs {
		if v != vs[0] {
			return false
		}
	}
	return true
}

package browser

import "strings"

// An allowance names a known, explained difference between Chromium and the
// Fetch Standard (research: shared/research/browsers.md §6). A scenario's
// differences pass only if an allowance matches it and every differing field
// is one the allowance lists; an allowance that matches but finds no
// difference fails too, so the list cannot go stale silently.
type allowance struct {
	reason string
	fields []string // the Observation fields allowed to differ
	// match reports whether the allowance covers the scenario, given both
	// sides' observations.
	match func(sc *Scenario, chromium, spec []Observation) bool
}

// byName matches the scenarios with the given names.
func byName(names ...string) func(*Scenario, []Observation, []Observation) bool {
	return func(sc *Scenario, _, _ []Observation) bool {
		for _, n := range names {
			if sc.Name == n {
				return true
			}
		}
		return false
	}
}

// verdict is every compared field: the difference changes what is sent or
// what the page gets.
var verdict = []string{"seen", "outcome", "type", "status", "headers", "reason", "failedParameter"}

var allowances = []allowance{
	{
		reason: "Chromium lets Access-Control-Allow-Headers: * cover Authorization (spec: never, https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name); its cache never does, so it preflights every time (browsers.md §6)",
		fields: verdict,
		match:  authorizationUnderWildcard,
	},
	{
		reason: "Chromium joins repeated request-header values with \", \" before the 128-byte check (spec: each value alone, https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names)",
		fields: verdict,
		match:  byName("hdr-duplicate-accept"),
	},
	{
		reason: "Chromium treats User-Agent as forbidden and drops a script's value silently (spec: User-Agent is CORS-unsafe, so it preflights)",
		fields: verdict,
		match:  byName("hdr-user-agent", "knob-hdr-user-agent-on-preflight", "pf-user-agent-allowed", "pf-user-agent-and-custom"),
	},
	{
		reason: "Chromium reads Access-Control-Max-Age as a signed integer: -1 means do not cache (spec: not delta-seconds, so the 5 s default, https://fetch.spec.whatwg.org/#cors-preflight-fetch-0)",
		fields: []string{"seen"},
		match:  byName("cache-max-age-minus-1"),
	},
	{
		reason: "Chromium does not treat a Range whose numbers overflow 64 bits as safelisted (spec: any digits, https://fetch.spec.whatwg.org/#simple-range-header-value) (cors.Policy.RangeBeyondInt64Unsafe)",
		fields: verdict,
		match: byName("hdr-range-overflow", "knob-hdr-range-int64-max", "knob-hdr-range-start-beyond-int64",
			"hdr-range-first-overflow", "hdr-range-int64-max", "hdr-range-int64-max-first", "hdr-range-int64-max-plus-1",
			"hdr-range-uint64-max", "hdr-range-uint64-max-plus-1", "hdr-range-uint64-max-plus-1-first"),
	},
	{
		reason: "Chromium safelists client-hint headers such as Save-Data (spec: only Accept, Accept-Language, Content-Language, Content-Type, Range) (cors.Policy.ClientHintHeadersSafelisted)",
		fields: verdict,
		match:  byName("hdr-save-data", "knob-hdr-dpr", "knob-hdr-device-memory", "knob-hdr-viewport-width", "knob-hdr-ect", "knob-hdr-intervention"),
	},
	{
		reason: "Chromium keeps a cached preflight when the actual response then fails its CORS check (spec: clear the cache entries, https://fetch.spec.whatwg.org/#concept-cache-clear) (cors.Policy.PreflightCacheKeptOnActualFailure)",
		fields: []string{"seen"},
		match:  byName("cache-kept-after-actual-fails", "knob-cache-cred-failure-clears-both", "cache-kept-after-two-actual-failures"),
	},
	{
		reason: "Chromium keeps one preflight cache entry per URL, which each successful preflight replaces whole: against a server that allows only the requested method, PUT, DELETE, PUT preflights three times (spec: the grants accumulate, https://fetch.spec.whatwg.org/#cors-preflight-fetch-0) (cors.Policy.PreflightCacheReplace)",
		fields: []string{"seen"},
		match:  byName("cache-one-entry-per-url"),
	},
	{
		reason: "Chromium gives the preflight the request's cache mode: no-store, reload and no-cache skip the preflight cache lookup, no-store does not store, and the preflight carries the mode's Pragma and Cache-Control (spec: the preflight cache ignores the cache mode and the preflight's is default, https://fetch.spec.whatwg.org/#cors-preflight-fetch-0) (cors.Policy.PreflightTakesCacheMode, NoCacheSkipsPreflightCache, NoStorePreflightNotStored)",
		fields: []string{"seen"},
		match:  byName("cache-bypass-no-store", "knob-cache-mode-no-store", "knob-cache-mode-reload", "knob-cache-mode-no-cache", "knob-cache-mode-reload-own-cache-control"),
	},
	{
		reason: "Chromium gives a default-mode request with a conditional header the cache mode no-cache (Cache-Control: max-age=0; spec: no-store, Pragma: no-cache and Cache-Control: no-cache, https://fetch.spec.whatwg.org/#http-network-or-cache-fetch); with its preflight's cache mode, the lookup is skipped (cors.Policy.ConditionalRequestNoCache, PreflightTakesCacheMode, NoCacheSkipsPreflightCache)",
		fields: []string{"seen"},
		match:  byName("knob-cache-mode-if-none-match", "knob-cache-mode-if-modified-since"),
	},
	{
		reason: "Chromium keeps one preflight cache entry per URL, which each new preflight replaces whole: with a server that grants only what was asked, PUT, DELETE, PUT preflights three times (spec: grants accumulate per method and header name, https://fetch.spec.whatwg.org/#concept-cache) (cors.Policy.PreflightCacheReplace)",
		fields: []string{"seen"},
		match:  byName("knob-middleware-echo-method", "knob-middleware-echo-headers"),
	},
	{
		reason: "Chromium's network stack refuses a response that carries Location or Content-Disposition twice with different values (an empty line counts as different; net::ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION, ..._CONTENT_DISPOSITION) (spec: the header list keeps every line, and only a redirect's Location must be one value, https://fetch.spec.whatwg.org/#concept-response-location-url) (cors.Policy.ConflictingSingletonHeadersFail)",
		fields: verdict,
		match:  byName("knob-resp-location-twice-different", "knob-resp-content-disposition-twice-different", "knob-resp-content-disposition-empty-line"),
	},
	{
		reason: "Chromium follows a redirect whose Location is repeated with one value (spec: Location is one value, so two lines are a failure, https://fetch.spec.whatwg.org/#concept-response-location-url) (cors.Policy.RedirectIdenticalLocationsFollowed)",
		fields: append(verdict[:len(verdict):len(verdict)], "detail"),
		match:  byName("knob-redirect-location-twice-same"),
	},
	{
		reason: "Chromium never reuses a preflight made after a redirect tainted the request's origin (Origin: null is a new opaque origin each time), so the same tainted request preflights again (spec: the entry is cached under the origin \"null\" and found, https://fetch.spec.whatwg.org/#concept-cache-match) (cors.Policy.TaintedPreflightNotCached)",
		fields: []string{"seen"},
		match:  byName("found-cache-tainted-preflight-not-reused", "found-cache-tainted-preflight-page-origin"),
	},
	{
		reason: "Chromium removes a URL's preflight cache entry when a lookup finds it not covering the request, not when a preflight fails, so a failing preflight sent in cache mode reload (no lookup, with the mode's Pragma and Cache-Control) leaves the PUT grant in place (spec: a failed preflight clears the URL's entries, and the preflight's cache mode is default, https://fetch.spec.whatwg.org/#concept-cache-clear) (cors.Policy.FailedPreflightClearsOnlyAfterLookup, PreflightTakesCacheMode)",
		fields: []string{"seen"},
		match:  byName("found-failed-preflight-kept-reload"),
	},
	{
		reason: "Chromium's cached preflight result keeps the credentials mode it was made with, so a \"*\" a credentialed preflight granted (a literal name there) is no wildcard for a later request without credentials either (spec: the \"*\" entry, stored with credentials true, matches any method, https://fetch.spec.whatwg.org/#concept-cache-match-method) (cors.Policy.CredentialedWildcardNotCached)",
		fields: []string{"seen"},
		match:  byName("found-credentialed-star-method-not-reused", "found-credentialed-star-header-not-reused"),
	},
	{
		reason: "Chromium's fetch() supports no about: URL, in any mode (spec: about:blank is a response, opaque in no-cors; in cors a CORS failure, https://fetch.spec.whatwg.org/#scheme-fetch) (cors.Policy.AboutSchemeUnsupported)",
		fields: verdict,
		match:  byName("knob-about-blank-nocors", "knob-about-blank-cors"),
	},
	{
		reason: "Chromium sends the page's origin on a no-cors POST whatever the referrer policy (spec: \"null\" under no-referrer, and under same-origin to another origin, https://fetch.spec.whatwg.org/#append-a-request-origin-header) (cors.Policy.OriginIgnoresReferrerPolicy)",
		fields: []string{"seen"},
		match:  byName("knob-origin-nocors-post-no-referrer", "knob-origin-nocors-post-same-origin-policy"),
	},
	{
		reason: "Chromium fails every redirect to a URL with userinfo, same-origin and no-cors too (spec: only in cors to another origin, https://fetch.spec.whatwg.org/#http-redirect-fetch) (cors.Policy.RedirectUserinfoFails)",
		fields: verdict,
		match:  byName("knob-redirect-userinfo-same-origin", "knob-redirect-userinfo-nocors"),
	},
	{
		reason: "Chromium fails a redirect to a non-HTTP(S) scheme as a request to it would fail: CorsDisabledScheme in cors, a mode violation in same-origin (spec: a plain network error, https://fetch.spec.whatwg.org/#http-redirect-fetch) (cors.Policy.RedirectSchemeByMode)",
		fields: append(verdict[:len(verdict):len(verdict)], "detail"),
		match:  byName("knob-redirect-ftp", "knob-redirect-ftp-same-origin-mode"),
	},
	{
		reason: "when a preflight allows none of several request headers, Chromium names the first in Blink's header-map order, not in byte order (spec: names none; the zero Policy names the first in byte order) (cors.Policy.DisallowedHeaderInBlinkOrder)",
		fields: []string{"failedParameter"},
		match:  byName("knob-pf-disallowed-three"),
	},
	{
		reason: "a generated sequence shows Chromium's preflight cache deviations above together (one entry per URL replaced whole, kept after an actual failure, the request's cache mode on the preflight, no-cache and no-store skipping the lookup, no-store not storing, a conditional header making no-cache): the Transport with exactly those knobs and no others reproduces Chromium's run (cors.Policy.PreflightCacheReplace, PreflightCacheKeptOnActualFailure, PreflightTakesCacheMode, NoCacheSkipsPreflightCache, NoStorePreflightNotStored, ConditionalRequestNoCache)",
		fields: []string{"seen"},
		match:  sequenceExplainedBy(chromiumPreflightCache),
	},
}

// authorizationUnderWildcard matches a non-credentialed call carrying
// Authorization whose preflight answer lists "*" but not authorization.
func authorizationUnderWildcard(sc *Scenario, _, _ []Observation) bool {
	for _, c := range sc.Calls {
		if c.Credentials == "include" || !hasHeader(c.Header, "Authorization") {
			continue
		}
		for _, rt := range sc.Routes {
			acah, ok := headerValue(rt.Preflight.Header, "Access-Control-Allow-Headers")
			if !ok {
				continue
			}
			star, auth := false, false
			for _, tok := range strings.Split(acah, ",") {
				tok = strings.TrimSpace(tok)
				star = star || tok == "*"
				auth = auth || strings.EqualFold(tok, "authorization")
			}
			if star && !auth {
				return true
			}
		}
	}
	return false
}

// allowanceFor returns the allowance covering sc, or nil.
func allowanceFor(sc *Scenario, chromium, spec []Observation) *allowance {
	for i := range allowances {
		if allowances[i].match(sc, chromium, spec) {
			return &allowances[i]
		}
	}
	return nil
}

// consoleAllowance lists, by scenario name, console lines known to differ
// from cors.Error.ConsoleMessage(), with the reason.
var consoleAllowance = map[string]string{
	"redir-sameorigin-mode-cross":        sameOriginFrameLine,
	"knob-redirect-ftp-same-origin-mode": sameOriginFrameLine,
	"knob-pf-disallowed-three":           "the header named differs as allow-listed (Blink's order, cors.Policy.DisallowedHeaderInBlinkOrder)",
}

// sameOriginFrameLine is why a redirect in mode same-origin prints another line.
const sameOriginFrameLine = "after a redirect in mode same-origin Chromium prints a frame-security line naming the page's URL (\"Unsafe attempt to load URL ... from frame with URL ...\"), which a Transport does not know"

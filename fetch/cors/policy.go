package cors

import "time"

// ChromiumMaxAgeCap is Chromium's imposed limit on Access-Control-Max-Age
// (kMaxTimeout, two hours since Chromium 76).
const ChromiumMaxAgeCap = 7200 * time.Second

// DefaultMaxAge is what an absent or unparseable Access-Control-Max-Age
// means. See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
const DefaultMaxAge = 5 * time.Second

// Policy holds what the Fetch Standard leaves to the user agent and the
// documented ways browsers deviate from it. The zero value is the standard,
// with Chromium's choice wherever the standard leaves one (the 7200 s cap).
// Every deviation from the standard is a field that is off by default; the
// presets ChromiumPolicy, FirefoxPolicy and WebKitPolicy turn on the ones
// each engine has. A nil *Policy means the zero Policy.
type Policy struct {
	// MaxAgeCap is the imposed limit on Access-Control-Max-Age
	// (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0, "imposed
	// limit"). Zero means Chromium's 7200 s; a negative cap disables
	// caching (every result's MaxAge is 0). Firefox uses 86400 s, WebKit
	// 600 s.
	MaxAgeCap time.Duration

	// AuthorizationCoveredByWildcard lets "Access-Control-Allow-Headers: *"
	// cover Authorization on the preflight, as Chromium, Firefox and WebKit
	// do. The standard (and the zero value) says it never does.
	AuthorizationCoveredByWildcard bool

	// SignedMaxAge reads Access-Control-Max-Age as Chromium does (a signed
	// 64-bit decimal): "+60" is 60 s, a negative value means 0 (do not
	// cache), a value beyond int64 falls back to the 5 s default. The
	// standard accepts delta-seconds only (digits), so "-1" and "+60" are
	// parse failures there and mean 5 s.
	SignedMaxAge bool

	// UnparseableMaxAgeNoCache makes an unparseable Access-Control-Max-Age
	// mean 0 (do not cache) instead of the standard's 5 s, as Firefox does;
	// an empty value is still absent there (5 s), as in Firefox.
	UnparseableMaxAgeNoCache bool

	// JoinDuplicateRequestHeaders judges a request header that appears more
	// than once by its values joined with ", " (so two 100-byte Accept
	// values exceed the 128-byte limit and force a preflight), as Chromium
	// does. The standard judges each (name, value) pair on its own.
	JoinDuplicateRequestHeaders bool

	// UserAgentForbidden treats User-Agent as a forbidden request header, as
	// Chromium does: a page's User-Agent never counts towards a preflight
	// (Chromium drops it). The standard removed User-Agent from the
	// forbidden list, so it is CORS-unsafe there.
	UserAgentForbidden bool

	// AboutSchemeUnsupported makes fetching an about: URL a network error
	// in every mode, as in Chromium, whose fetch() supports no about: URL
	// ("URL scheme "about" is not supported"), and WebKit (observed in
	// WebKitGTK 2.50.6: a no-cors fetch of about:blank rejects). The
	// standard's scheme fetch answers about:blank (an opaque response in
	// no-cors mode).
	AboutSchemeUnsupported bool

	// OriginIgnoresReferrerPolicy sends the request's origin in the Origin
	// header of a request whose mode is not cors (a no-cors POST) whatever
	// the referrer policy, as Chromium 156 does (observed for no-referrer
	// and same-origin; a downgrade from https is mixed content there,
	// which Chromium blocks). The standard sends "null" under no-referrer,
	// under same-origin to another origin, and under the strict policies
	// on a downgrade from https.
	// See https://fetch.spec.whatwg.org/#append-a-request-origin-header.
	OriginIgnoresReferrerPolicy bool

	// The preflight cache, as the fetch Transport uses it.

	// PreflightCacheReplace keeps one preflight cache entry per URL (per
	// partition and origin), which each successful preflight replaces
	// whole, as Chromium and WebKit do: with a server that allows only the
	// requested method, PUT, DELETE, PUT on one URL preflights three
	// times. The standard adds each grant to the entries already cached
	// for the URL, so the third PUT is covered. A failed preflight
	// replaces nothing (the failure clears the URL's entries, as in the
	// standard), unless PreflightCacheStoresRefusedGrant (WebKit) stores
	// the grant of one that refused the method or a header.
	// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
	PreflightCacheReplace bool

	// PreflightCacheKeptOnActualFailure keeps the preflight cache entries
	// of a URL when the actual request then fails (its response fails the
	// CORS check, or the network fails), as Chromium and WebKit do; only a
	// failed preflight clears them. The standard clears them on any
	// network error of a preflighted request.
	// See https://fetch.spec.whatwg.org/#main-fetch ("clear cache entries").
	PreflightCacheKeptOnActualFailure bool

	// NoPreflightCache makes the Transport neither look up nor store
	// preflight results, so every request that needs a preflight makes
	// one. No preset uses it (Firefox ESR 153.8, once warm, does reuse
	// entries: see the PreflightCache knobs below). The standard caches
	// (for the max-age, within MaxAgeCap); it allows a user agent to keep
	// no cache.
	// See https://fetch.spec.whatwg.org/#concept-cache.
	NoPreflightCache bool

	// PreflightTakesCacheMode gives the preflight the request's cache mode
	// (fetch.Options.Cache), as Chromium and Firefox do: the preflight
	// carries the Pragma and Cache-Control headers of that mode, and a
	// no-store or reload request skips the preflight cache lookup (its
	// result is still stored). no-cache, force-cache and only-if-cached
	// use the cache as default does, unless NoCacheSkipsPreflightCache.
	// Chromium copies the load flags onto the preflight
	// (preflight_controller.cc); Firefox's preflight channel takes the
	// request's (observed in Firefox ESR 153.8). The standard's preflight
	// cache ignores the cache mode, and its preflight request has the mode
	// "default".
	// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
	PreflightTakesCacheMode bool

	// NoCacheSkipsPreflightCache makes a no-cache request skip the
	// preflight cache lookup, as Chromium does (its LOAD_VALIDATE_CACHE
	// bypasses the preflight cache; Firefox's no-cache does not). The
	// standard's preflight cache ignores the cache mode.
	// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
	NoCacheSkipsPreflightCache bool

	// CacheModeHeadersDroppedOnCrossOriginRedirect omits the Pragma and
	// Cache-Control headers of the request's cache mode (no-store, reload,
	// no-cache) from a request that a redirect to another origin led to,
	// as WebKit does (observed in WebKitGTK 2.50.6; after a same-origin
	// redirect, even a later one, they are sent again). The standard's
	// HTTP-network-or-cache fetch appends them on every hop.
	// See https://fetch.spec.whatwg.org/#http-network-or-cache-fetch.
	CacheModeHeadersDroppedOnCrossOriginRedirect bool

	// CredentialedWildcardNotCached stores no "*" from the
	// Access-Control-Allow-Methods or -Headers of a credentialed
	// preflight, as Chromium behaves (its cached result keeps the
	// credentials mode it was made with, and "*" is a wildcard only in an
	// uncredentialed one; observed in Chromium 156): a later request
	// without credentials is not covered by it. The standard stores the
	// "*" entry with credentials true, and its method and header-name
	// cache entry matches then treat it as a wildcard for any request.
	// Like PreflightCacheNoWildcard, it drops the literal "*" too, so a
	// request whose method or header name is "*" preflights again.
	// See https://fetch.spec.whatwg.org/#concept-cache-match-method.
	CredentialedWildcardNotCached bool

	// TaintedPreflightNotCached keeps out of the preflight cache the
	// result of a preflight made after a redirect tainted the request's
	// origin (Origin: null), as Chromium does (the tainted origin is a new
	// opaque origin, which no later request's matches; observed in
	// Chromium 156). The standard caches it under the origin "null", where
	// the next tainted request finds it.
	// See https://fetch.spec.whatwg.org/#concept-cache-match.
	TaintedPreflightNotCached bool

	// FailedCORSRequestClearsCache clears the URL's preflight cache
	// entries whenever a cors-mode request that went to another origin
	// ends in a network error, preflighted or not, as Firefox does
	// (nsCORSListenerProxy::OnStartRequest removes the entries for the
	// final URL and the page's principal whenever the request is not
	// approved). The standard clears them only for a request that took the
	// preflight path.
	// See https://fetch.spec.whatwg.org/#main-fetch.
	FailedCORSRequestClearsCache bool

	// FailedPreflightClearsOnlyAfterLookup leaves the preflight cache as
	// it is when a preflight fails that the request's cache mode sent
	// without a cache lookup (PreflightTakesCacheMode,
	// NoCacheSkipsPreflightCache), as Chromium does: it removes a URL's
	// entry when a lookup finds it stale or not covering the request
	// (PreflightCache::CheckIfRequestCanSkipPreflight), not when the
	// preflight fails (observed in Chromium 156 with cache mode reload).
	// The standard clears the entries after any failed preflight.
	// See https://fetch.spec.whatwg.org/#concept-cache-clear.
	FailedPreflightClearsOnlyAfterLookup bool

	// NoStorePreflightNotStored keeps a no-store request's preflight
	// result out of the preflight cache, as Chromium does (its
	// LOAD_DISABLE_CACHE; Firefox stores it). The standard stores it.
	// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
	NoStorePreflightNotStored bool

	// ConditionalRequestNoCache gives a request whose cache mode is
	// "default" and which carries If-Modified-Since, If-None-Match,
	// If-Unmodified-Since, If-Match or If-Range the cache mode "no-cache"
	// (it sends Cache-Control: max-age=0), as Chromium does (observed for
	// If-None-Match and If-Modified-Since). The standard makes it
	// "no-store" (Pragma: no-cache and Cache-Control: no-cache).
	// See https://fetch.spec.whatwg.org/#http-network-or-cache-fetch.
	ConditionalRequestNoCache bool

	// PreflightCacheByCredentials keeps the entries of credentialed and
	// uncredentialed requests apart, as Firefox does (its cache key holds
	// the credentials flag): a credentialed grant does not serve a request
	// without credentials. The standard lets an entry created with
	// credentials match both. Clearing a URL's entries clears both.
	// See https://fetch.spec.whatwg.org/#concept-cache-match.
	PreflightCacheByCredentials bool

	// PreflightCacheNoWildcard stores no "*" grant, so a method or header
	// name is covered from the cache only when the preflight listed it, as
	// in Firefox, whose cache compares "*" as a literal token: a server
	// that answers "Access-Control-Allow-Methods: *" is preflighted again
	// on every request. The standard's cache entry "*" matches every
	// method, and every header name but Authorization, without
	// credentials. See https://fetch.spec.whatwg.org/#concept-cache-match-method.
	PreflightCacheNoWildcard bool

	// PreflightCacheHEADNeedsMethod makes a HEAD request that needs a
	// preflight (for its headers) find HEAD among the cached methods, as
	// Firefox does (its cache skips the method only for GET and POST): a
	// HEAD with a custom header is preflighted again unless the preflight
	// listed HEAD. The standard checks the method only when it is not
	// CORS-safelisted. See https://fetch.spec.whatwg.org/#http-fetch.
	PreflightCacheHEADNeedsMethod bool
	// CachedWildcardCoversAuthorization lets a cached "*" header-name
	// entry cover Authorization for a request whose credentials mode is
	// not include, as WebKit does (observed in WebKitGTK 2.50.6: a repeat
	// of a request with Authorization to a URL whose preflight allowed "*"
	// sends no preflight). The standard's header-name cache entry match
	// never lets "*" match Authorization, nor does Chromium's cache (even
	// with AuthorizationCoveredByWildcard, it preflights every time).
	// See https://fetch.spec.whatwg.org/#concept-cache-match-header.
	CachedWildcardCoversAuthorization bool

	// PreflightCacheStoresRefusedGrant caches what a preflight response
	// granted even when the request's method or one of its headers is not
	// among it (the fetch still fails), and keeps it: the failure does
	// not clear the URL's entries. So does WebKit (observed in WebKitGTK
	// 2.50.6: PUT, then PUT with a header the server does not allow, then
	// PUT again preflights twice, not three times; with
	// PreflightCacheReplace the refused grant replaces the URL's entry).
	// A preflight that fails its CORS or status check caches nothing. The
	// standard caches only a successful preflight's grant, and the failure
	// clears the URL's entries.
	// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 and
	// https://fetch.spec.whatwg.org/#concept-cache-clear.
	PreflightCacheStoresRefusedGrant bool

	// Redirects, as the fetch Transport follows them.

	// RedirectUserinfoFails makes every redirect to a URL with a username
	// or password a network error, as Chromium does, same-origin and
	// no-cors requests included (a redirect that leaves the page's origin
	// in mode same-origin still fails as a mode violation first). The
	// standard refuses it only in mode cors to another origin, or once the
	// response tainting is cors (a *cors.Error with Reason
	// RedirectContainsCredentials, which Chromium reports there too).
	// See https://fetch.spec.whatwg.org/#http-redirect-fetch.
	RedirectUserinfoFails bool

	// RedirectSchemeByMode fails a redirect to a URL whose scheme is not
	// http or https as a request to that URL would fail, as Chromium does:
	// in mode cors a *cors.Error with Reason CORSDisabledScheme, in mode
	// same-origin a mode violation (DisallowedByMode). Chromium's network
	// stack refuses data: and file: locations before that (a plain network
	// error), and so does this knob; so does the standard for every such
	// location. See https://fetch.spec.whatwg.org/#http-redirect-fetch.
	RedirectSchemeByMode bool

	// RedirectIdenticalLocationsFollowed follows a redirect whose Location
	// is repeated with one value, as Chromium does (its network stack
	// refuses only different values; observed in Chromium 156). The page
	// still reads every line of a final response. The standard's Location
	// is one value, so two lines are a failure. SingletonHeadersCollapsed
	// has the same effect on a redirect.
	// See https://fetch.spec.whatwg.org/#concept-response-location-url.
	RedirectIdenticalLocationsFollowed bool

	// RedirectLocationsJoined reads a redirect's repeated Location lines
	// as one value, the lines joined with ", ", and follows it, as WebKit
	// does (its header map joins the lines; observed in WebKitGTK 2.50.6,
	// which requested ".../r2,%20http://.../r3"). The standard's Location
	// is one value, so two lines are a failure.
	// See https://fetch.spec.whatwg.org/#concept-response-location-url.
	RedirectLocationsJoined bool

	// CrossOriginRedirectDeleteAsGET turns DELETE into GET on a redirect
	// to another origin, whatever the redirect status, as WebKitGTK does
	// (libsoup's NetworkDataTaskSoup::shouldRedirectAsGET). On 301, 302,
	// 307 and 308 the body goes but Content-Type and the other
	// request-body headers stay; a 303 removes them as the standard does
	// (both observed in WebKitGTK 2.50.6, with and without a body). The standard changes the method only
	// for POST on 301/302, and for any method but GET and HEAD on 303, and
	// then removes the request-body headers.
	// See https://fetch.spec.whatwg.org/#http-redirect-fetch.
	CrossOriginRedirectDeleteAsGET bool

	// RedirectRestoresRequestBodyHeaders sends again, on the hop after a
	// later redirect, the request-body headers (Content-Type and the
	// other Content-*) that a redirect removed when it turned the request
	// into a GET, as WebKit does (observed in WebKitGTK 2.50.6: a
	// multipart POST, 302, GET without Content-Type, 302, GET with it).
	// The standard removes them once, for good.
	// See https://fetch.spec.whatwg.org/#http-redirect-fetch.
	RedirectRestoresRequestBodyHeaders bool

	// RedirectRestoresBodyHeadersOn307 is RedirectRestoresRequestBodyHeaders
	// for a later 307 or 308 redirect only, as Firefox does (observed in
	// Firefox ESR 153.8: a multipart POST, 301, GET, 308, GET with its
	// Content-Type again; after a 302 it stays removed).
	// See https://fetch.spec.whatwg.org/#http-redirect-fetch.
	RedirectRestoresBodyHeadersOn307 bool

	// OriginKeptAfterRedirect keeps sending an Origin header on the hops
	// after one that sent it, as WebKit does: a same-origin POST that a
	// 303 turns into a GET still sends Origin. The standard decides on
	// each hop, and a same-origin GET sends none.
	// See https://fetch.spec.whatwg.org/#append-a-request-origin-header.
	OriginKeptAfterRedirect bool

	// PreflightOriginUntainted sends the page's origin, not "null", in the
	// Origin header of a preflight made after a redirect tainted the
	// request's origin, checks the preflight's
	// Access-Control-Allow-Origin against it, and keys the preflight
	// cache by it (a tainted request finds the grants the page's own
	// requests got), as Firefox does. The actual request still sends
	// "null". The standard's preflight carries the request's origin,
	// "null" once tainted, and its cache entries are keyed by it.
	// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
	PreflightOriginUntainted bool

	// SameOriginPreflightSkipsAllowOrigin does not check
	// Access-Control-Allow-Origin and -Credentials on a preflight whose URL
	// is same-origin with the origin it carries (a redirect back to the
	// page's origin, under PreflightOriginUntainted), as Firefox does (the
	// preflight's CORS listener sees no cross-site request); its status,
	// methods and headers are still checked (observed in Firefox ESR
	// 153.8). The standard checks every preflight.
	// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
	SameOriginPreflightSkipsAllowOrigin bool

	// PreflightForRemovedHeaders makes a hop after a redirect preflight
	// when the first request had CORS-unsafe request-header names, even
	// when a redirect has since removed those headers (Authorization on a
	// cross-origin hop; Content-Type when the method became GET), as
	// Firefox (the CORS-unsafe names its load info keeps) and WebKit do.
	// The standard decides anew on the request as it stands.
	// See https://fetch.spec.whatwg.org/#main-fetch.
	PreflightForRemovedHeaders bool

	// PreflightWithFirstHeaders makes the preflight, its check and the
	// cache lookup use the headers of the first request, not those a
	// redirect left, as WebKit does (m_originalRequestHeaders): after a
	// cross-origin redirect removed Authorization, the new preflight still
	// lists authorization in Access-Control-Request-Headers, and the
	// server must allow it. The standard uses the request as it stands.
	// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
	PreflightWithFirstHeaders bool

	// PreflightAfterPreflight makes every hop after a redirect whose
	// response tainting is cors preflight once the request took the
	// preflight path on an earlier hop, even when a redirect made it a
	// simple request (a PUT that a 303 turned into a GET), as WebKit
	// (NetworkLoadChecker's m_isSimpleRequest) and Firefox (a redirected
	// channel keeps the preflight requirement) do. The standard decides anew
	// on each hop. See https://fetch.spec.whatwg.org/#main-fetch.
	PreflightAfterPreflight bool

	// Request headers: what counts as CORS-safelisted, and how the
	// preflight lists the rest.

	// AcceptNonASCIIUnsafe makes an Accept value with a byte 0x80 or above
	// CORS-unsafe, as Firefox does. The standard rejects only the
	// CORS-unsafe request-header bytes, all below 0x80.
	// See https://fetch.spec.whatwg.org/#cors-safelisted-request-header.
	AcceptNonASCIIUnsafe bool

	// ContentTypeCommaOrNonASCIIUnsafe makes a Content-Type value with a
	// comma or a byte 0x80 or above CORS-unsafe, as Firefox does (both can
	// only be in the parameters of a safelisted MIME type). The standard
	// accepts them there.
	// See https://fetch.spec.whatwg.org/#cors-safelisted-request-header.
	ContentTypeCommaOrNonASCIIUnsafe bool

	// RangeUnitCaseInsensitive safelists a Range whose unit is "bytes" in
	// any case ("Bytes=0-1"), as WebKit does. The standard's simple range
	// header value starts with "bytes" exactly.
	// See https://fetch.spec.whatwg.org/#simple-range-header-value.
	RangeUnitCaseInsensitive bool

	// RangeBeyondInt64Unsafe makes a Range whose first or last position
	// does not fit an int64 CORS-unsafe, as Chromium and Firefox do
	// (WebKit's bound is uint64: RangeBeyondUint64Unsafe). Chromium 156 (observed) also refuses the int64 maximum itself:
	// 9223372036854775806 is the last safelisted position, here too. The
	// standard's positions are digits of any length.
	// See https://fetch.spec.whatwg.org/#simple-range-header-value.
	RangeBeyondInt64Unsafe bool

	// RangeInt64MaxSafelisted, with RangeBeyondInt64Unsafe, still
	// safelists a position equal to the int64 maximum
	// (9223372036854775807), as Firefox does; Chromium refuses it. It has
	// no effect without RangeBeyondInt64Unsafe.
	// See https://fetch.spec.whatwg.org/#simple-range-header-value.
	RangeInt64MaxSafelisted bool

	// RangeLastPositionUint64, with RangeBeyondInt64Unsafe, bounds a
	// Range's last position by the uint64 maximum (18446744073709551615)
	// instead, as Firefox does (observed in Firefox ESR 153.8:
	// bytes=0-18446744073709551615 is safelisted, one more is not, while
	// the first position stays int64-bounded). It has no effect without
	// RangeBeyondInt64Unsafe.
	// See https://fetch.spec.whatwg.org/#simple-range-header-value.
	RangeLastPositionUint64 bool
	// RangeBeyondUint64Unsafe makes a Range whose first or last position
	// does not fit a uint64 (is above 18446744073709551615) CORS-unsafe,
	// as WebKit does (observed in WebKitGTK 2.50.6: the uint64 maximum is
	// safelisted, one more is not). RangeBeyondInt64Unsafe, the stricter
	// bound, wins when both are set. The standard's positions are digits
	// of any length.
	// See https://fetch.spec.whatwg.org/#simple-range-header-value.
	RangeBeyondUint64Unsafe bool

	// ClientHintHeadersSafelisted safelists Chromium's extra request
	// headers: Intervention (any value), Device-Memory, DPR and Downlink
	// (digits with at most one inner "."), Width, Viewport-Width and RTT
	// (digits), ECT (slow-2g, 2g, 3g or 4g) and Save-Data ("on" in any
	// case), each within the 128-byte limit, as Chromium does (observed
	// in Chromium 156). The standard safelists only Accept,
	// Accept-Language, Content-Language, Content-Type and Range.
	// See https://fetch.spec.whatwg.org/#cors-safelisted-request-header.
	ClientHintHeadersSafelisted bool

	// NoSafelistedValueTotal drops the rule that makes every safelisted
	// header CORS-unsafe once their values total more than 1024 bytes, as
	// Firefox does (eleven 100-byte Accept values: no preflight). It has
	// no effect with JoinDuplicateRequestHeaders, which no engine combines
	// with it. See https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names.
	NoSafelistedValueTotal bool

	// DuplicateRequestHeaderNames lists a CORS-unsafe name once per header
	// that carries it, in Access-Control-Request-Headers and wherever else
	// the CORS-unsafe request-header names are used ("x-a,x-a" for two
	// X-A headers), as Firefox does. The standard's names are a sorted,
	// de-duplicated set. It has no effect with JoinDuplicateRequestHeaders.
	// See https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names.
	DuplicateRequestHeaderNames bool

	// PreflightCarriesUserAgent sends the page's User-Agent header, when
	// it set one, on the preflight too, as WebKit does. The standard's
	// preflight carries only Accept, Access-Control-Request-Method,
	// -Headers and the user agent's own headers; the Transport adds its
	// UserAgent there whatever this knob says.
	// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
	PreflightCarriesUserAgent bool

	// HeaderValuesSentAsUTF8 sends each byte 0x80-0xFF of a request header
	// value the caller set as the UTF-8 encoding of the code point of that
	// number, as WebKit does: fetch() makes "Accept: text/é" the byte 0xE9,
	// and WebKitGTK 2.50.6 sends the two bytes C3 A9 (observed). Whether a
	// header is CORS-safelisted is still judged on the caller's bytes. The
	// standard sends a header value's bytes as they are.
	// See https://fetch.spec.whatwg.org/#concept-header-value.
	HeaderValuesSentAsUTF8 bool

	// Responses, as the fetch Transport hands them to the caller.

	// JoinResponseHeaderValues hands the caller each repeated response
	// header as one value, as Firefox's Headers object shows it (Firefox
	// ESR 153.8, observed): empty lines are skipped, Content-Type lines
	// are joined with "," and no space ("a,b"), a repeated
	// WWW-Authenticate or Proxy-Authenticate is dropped (Firefox joins
	// them with a newline, which no header value may hold), and any other
	// header's lines are joined with ", ". The standard's header list
	// keeps the lines apart and its "get" joins them with ", "; the zero
	// Policy leaves the response's http.Header as net/http read it, one
	// element per line.
	// See https://fetch.spec.whatwg.org/#concept-header-list-get.
	JoinResponseHeaderValues bool

	// ConflictingSingletonHeadersFail makes a response (preflight,
	// redirect or final, in every mode) that carries Location or
	// Content-Disposition more than once with different values a network
	// error, as Firefox (Necko refuses such "suspect duplicates" as
	// corrupted content) and Chromium
	// (net::ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION, ..._CONTENT_DISPOSITION)
	// do; an empty line counts as a different value (both observed:
	// Firefox ESR 153.8, Chromium 156).
	// Content-Length is net/http's concern already. The standard keeps
	// every line, and fails only a redirect whose Location does not
	// extract to one value.
	// See https://fetch.spec.whatwg.org/#concept-response-location-url.
	ConflictingSingletonHeadersFail bool

	// SingletonHeadersCollapsed reads a Location or Content-Disposition
	// repeated with one value as one line, as Firefox does (so a 302 that
	// repeats its Location is followed); Chromium keeps both ("a, a"). The
	// standard keeps every line.
	// See https://fetch.spec.whatwg.org/#concept-response-location-url.
	SingletonHeadersCollapsed bool

	// Blocked-request reports.

	// DisallowedHeaderInBlinkOrder names, when a preflight allows none of
	// several request headers, the one Chromium names (console and
	// DevTools failed_parameter): the first in the iteration order of
	// Blink's header hash map, not the first in byte order; see
	// blink_order.go for the rule and how it was checked. The standard
	// names none; the zero Policy names the first in byte order, as
	// Firefox does (its preflight header list is sorted).
	// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
	DisallowedHeaderInBlinkOrder bool
}

// ChromiumPolicy returns Chromium's behaviour (checked against headless
// Chromium 156.0.8078.108): the 7200 s cap, Authorization covered by a
// wildcard, signed max-age parsing, duplicate request headers joined before
// the 128-byte check, User-Agent forbidden, about: URLs unsupported, an
// Origin header that ignores the referrer policy, one preflight cache
// entry per URL kept after a failed response, userinfo and non-HTTP(S)
// redirects failed its way, a redirect's Location repeated once over
// followed, Range positions within int64, client hints safelisted, the
// preflight given the request's cache mode, a conditional request sent as
// no-cache, Location or Content-Disposition with different values failed,
// and the disallowed header named in Blink's order.
func ChromiumPolicy() Policy {
	return Policy{
		MaxAgeCap:                      ChromiumMaxAgeCap,
		AuthorizationCoveredByWildcard: true,
		SignedMaxAge:                   true,
		JoinDuplicateRequestHeaders:    true,
		UserAgentForbidden:             true,
		AboutSchemeUnsupported:         true,
		OriginIgnoresReferrerPolicy:    true,

		PreflightCacheReplace:                true,
		PreflightCacheKeptOnActualFailure:    true,
		PreflightTakesCacheMode:              true,
		NoCacheSkipsPreflightCache:           true,
		NoStorePreflightNotStored:            true,
		CredentialedWildcardNotCached:        true,
		FailedPreflightClearsOnlyAfterLookup: true,
		ConditionalRequestNoCache:            true,

		RedirectUserinfoFails:              true,
		RedirectSchemeByMode:               true,
		RedirectIdenticalLocationsFollowed: true,
		TaintedPreflightNotCached:          true,

		RangeBeyondInt64Unsafe:      true,
		ClientHintHeadersSafelisted: true,

		ConflictingSingletonHeadersFail: true,

		DisallowedHeaderInBlinkOrder: true,
	}
}

// FirefoxPolicy returns Firefox's behaviour as read from its source and
// checked against Firefox ESR 153.8: the 86400 s cap, Authorization
// covered by a wildcard, an unparseable max-age meaning "do not cache",
// cache entries kept apart by credentials, with no wildcard and HEAD
// checked, the preflight given the request's cache mode, the page's Origin on a preflight after a tainting redirect, a
// preflight after a redirect for headers it removed and once preflighted
// (its channel keeps the preflight requirement), stricter Accept and
// Content-Type bytes, Range positions up to the int64 maximum, no
// 1024-byte total, repeated names in Access-Control-Request-Headers,
// repeated response headers joined as its Headers object shows them, and
// Location and Content-Disposition allowed once (identical repeats read
// as one).
func FirefoxPolicy() Policy {
	return Policy{
		MaxAgeCap:                      86400 * time.Second,
		AuthorizationCoveredByWildcard: true,
		UnparseableMaxAgeNoCache:       true,

		PreflightCacheByCredentials:   true,
		PreflightCacheNoWildcard:      true,
		PreflightCacheHEADNeedsMethod: true,
		PreflightTakesCacheMode:       true,
		FailedCORSRequestClearsCache:  true,

		PreflightOriginUntainted:            true,
		SameOriginPreflightSkipsAllowOrigin: true,
		PreflightForRemovedHeaders:          true,
		PreflightAfterPreflight:             true,
		RedirectRestoresBodyHeadersOn307:    true,

		AcceptNonASCIIUnsafe:             true,
		ContentTypeCommaOrNonASCIIUnsafe: true,
		RangeBeyondInt64Unsafe:           true,
		RangeInt64MaxSafelisted:          true,
		RangeLastPositionUint64:          true,
		NoSafelistedValueTotal:           true,
		DuplicateRequestHeaderNames:      true,

		JoinResponseHeaderValues: true,

		ConflictingSingletonHeadersFail: true,
		SingletonHeadersCollapsed:       true,
	}
}

// WebKitPolicy returns WebKit's behaviour as read from its source and
// observed in WebKitGTK 2.50.6: the 600 s cap, Authorization covered by a
// wildcard (in the preflight cache too), signed max-age parsing, duplicate
// request headers joined, one preflight cache entry per URL kept after a
// failed response and stored even from a preflight that refused the
// request, DELETE redirected to another origin as GET, a redirect's
// repeated Location lines joined into one URL, Origin kept across
// redirects, preflights after a redirect for the first request's headers
// and once preflighted, Range's unit in any case and positions within
// uint64, the page's User-Agent on the preflight, header values sent as
// UTF-8, and about: URLs unsupported.
func WebKitPolicy() Policy {
	return Policy{
		MaxAgeCap:                      600 * time.Second,
		AuthorizationCoveredByWildcard: true,
		SignedMaxAge:                   true,
		JoinDuplicateRequestHeaders:    true,

		PreflightCacheReplace:             true,
		PreflightCacheKeptOnActualFailure: true,
		CachedWildcardCoversAuthorization: true,
		PreflightCacheStoresRefusedGrant:  true,

		CrossOriginRedirectDeleteAsGET:               true,
		RedirectLocationsJoined:                      true,
		TaintedPreflightNotCached:                    true,
		RedirectRestoresRequestBodyHeaders:           true,
		CacheModeHeadersDroppedOnCrossOriginRedirect: true,
		OriginKeptAfterRedirect:                      true,
		PreflightForRemovedHeaders:                   true,
		PreflightWithFirstHeaders:                    true,
		PreflightAfterPreflight:                      true,

		RangeUnitCaseInsensitive:  true,
		RangeBeyondUint64Unsafe:   true,
		PreflightCarriesUserAgent: true,
		HeaderValuesSentAsUTF8:    true,

		AboutSchemeUnsupported: true,
	}
}

// maxAgeCap returns the effective cap; negative means do not cache.
func (p *Policy) maxAgeCap() time.Duration {
	if p == nil || p.MaxAgeCap == 0 {
		return ChromiumMaxAgeCap
	}
	return p.MaxAgeCap
}

// orZero returns p, or the zero Policy when p is nil.
func (p *Policy) orZero() *Policy {
	if p == nil {
		return &zeroPolicy
	}
	return p
}

var zeroPolicy Policy

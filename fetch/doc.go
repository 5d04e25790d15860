// Package fetch is the browser's half of CORS as an http.RoundTripper.
//
// A Transport plays one browsing context: a page at some origin making
// fetch() calls. It applies the Fetch Standard's request modes, credentials
// modes, the Origin header, the needs-preflight decision, the CORS-preflight
// fetch with a max-age preflight cache, the CORS check, response tainting and
// filtering, and the CORS rules of redirects, and it follows redirects itself.
// Everything it decides comes from fetch/cors, fetch/preflightcache and
// fetch/safelist, which are usable alone.
//
// The Transport is a security boundary (see SECURITY.md). A response it
// returns holds what the page may read and nothing more: filtered headers,
// no trailers on any response type, and as its Request the page's request
// (the page's headers, Origin and Referer), never the jar's cookies or the
// forbidden headers kept for crawlers. Kept credential headers never
// follow a redirect to another origin. Bodies the page never gets are
// discarded in the background, bounded in bytes and time, so a server that
// stalls after its headers cannot hold RoundTrip. An http(s) URL whose
// serialization (the preflight cache key) names another host or target
// than the one it is sent to, and a request with trailers, are rejected
// before anything is sent.
package fetch

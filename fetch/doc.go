// Package fetch is the browser's half of CORS as an http.RoundTripper.
//
// A Transport plays one browsing context: a page at some origin making
// fetch() calls. It applies the Fetch Standard's request modes, credentials
// modes, the Origin header, the needs-preflight decision, the CORS-preflight
// fetch with a max-age preflight cache, the CORS check, response tainting and
// filtering, and the CORS rules of redirects, and it follows redirects itself.
// Everything it decides comes from fetch/cors, fetch/preflightcache and
// fetch/safelist, which are usable alone.
package fetch

// Package preflightcachespec holds the scenario tests of fetch/preflightcache
// in the style of net/http/cookiejar's tables: store a preflight result,
// advance an injected clock, look up. Every scenario cites its anchor in the
// Fetch Standard (#concept-cache, #concept-cache-match and its method and
// header-name variants, #concept-cache-clear) or the web-platform-tests file
// it comes from (cors/preflight-cache.htm,
// fetch/api/cors/cors-preflight-cache.any.js). The tests use only the public
// contract; the package has no non-test code.
package preflightcachespec

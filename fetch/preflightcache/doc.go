// Package preflightcache is the CORS-preflight cache of the Fetch Standard:
// entries keyed by network partition key, byte-serialized origin, URL,
// credentials and a method or header name, each with its own expiry.
// See https://fetch.spec.whatwg.org/#concept-cache.
//
// It lets a user agent skip a CORS-preflight fetch that an earlier one
// already answered. fetch.Transport uses one Cache per user agent (its
// Cache field; Transports that share a Cache share preflights) in three
// places, each a step of the standard:
//   - HTTP fetch asks Covers whether the cache holds a method and a
//     header-name cache entry match for the request; if so, no preflight.
//   - After a successful preflight, Store creates or refreshes the entries
//     of the cors.PreflightResult that cors.CheckPreflightResponse returned.
//   - When a preflighted request then ends in a network error (it fails the
//     CORS check, for instance), Clear removes the entries of its origin and
//     URL: "clear cache entries".
//
// A Key holds the request's network partition key, byte-serialized origin
// and current URL; the other entry fields are arguments of the methods.
// A Cache is safe for heavy concurrent use, lookups take no lock and
// allocate nothing, the number of keys is bounded (1024 by default, as in
// Chromium), so are the bytes held (4 MiB by default; Chromium has no such
// bound), a Store holds the lock only to swap its prepared entries in, and
// time comes from a clock that tests can inject.
package preflightcache

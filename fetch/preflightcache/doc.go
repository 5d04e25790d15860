// Package preflightcache is the CORS-preflight cache of the Fetch Standard:
// entries keyed by network partition key, byte-serialized origin, URL,
// credentials and a method or header name, each with its own expiry.
// See https://fetch.spec.whatwg.org/#concept-cache.
//
// It is safe for concurrent use, bounded, and reads time from an injectable
// clock. fetch.Transport consults it before every CORS-preflight fetch.
package preflightcache

// Package safelist holds the Fetch Standard's fixed tables and
// classifications: CORS-safelisted and forbidden methods, CORS-safelisted,
// no-CORS-safelisted, privileged, forbidden and request-body request headers,
// and CORS-safelisted and forbidden response header names.
//
// Names compare byte-case-insensitively and nothing here allocates on the
// common path. fetch/cors and fetch build on it.
package safelist

// Package safelistspec holds conformance tables for fetch/safelist: rows
// translated from web-platform-tests (cors/cors-safelisted-request-header.any.js,
// fetch/api/cors/cors-preflight-not-cors-safelisted.any.js with its
// resources/not-cors-safelisted.json, fetch/api/headers/headers-no-cors.any.js)
// and exhaustive single-byte tables whose expectations are written from the
// Fetch Standard's text, each citing its anchor. The tests use only the
// public contract; the package has no non-test code.
package safelistspec

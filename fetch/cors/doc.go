// Package cors implements the CORS protocol of the Fetch Standard over plain
// values: origins and their serialization, the needs-preflight decision, the
// CORS check, the CORS-preflight request and the reading of its response,
// the CORS-exposed header-name list and response filtering, and the typed
// Error that says why a browser would block a response.
//
// It does no I/O and reads no clock. What the standard leaves to the user
// agent (the max-age cap, known browser leniencies) lives in Policy, whose
// zero value is the standard's behaviour with Chromium's choices where the
// standard leaves one. fetch.Transport composes these pieces; each is usable
// alone.
package cors

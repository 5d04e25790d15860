// Package fetchspec holds the end-to-end conformance tests of fetch.Transport.
//
// The tests drive only the public contract (fetch.Transport, fetch.Options,
// fetch.WithOptions, fetch.TypeOf, fetch.ErrNetwork, fetch.ClientTrace,
// *cors.Error) against net/http/httptest servers on 127.0.0.1 that record
// every request they receive. Each test or table row cites the
// web-platform-tests file its cases are translated from, or the Fetch
// Standard anchor for rules that WPT does not cover. The package has no
// non-test code.
package fetchspec

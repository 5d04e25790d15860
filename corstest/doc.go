// Package corstest tests a server's CORS configuration the way a browser
// would, in-process and without sockets.
//
// HandlerTransport is an http.RoundTripper that serves each request with an
// http.Handler directly: no listener, no connection, no goroutine left behind
// once the handler returns. NewTransport puts a fetch.Transport in front of
// it, so a test can ask "would a page on https://app.example be allowed to
// PUT this JSON with an Authorization header?" and get the browser's verdict,
// with the *cors.Error a browser console would report when it is blocked.
//
// For table tests, Case describes one fetch() and what the browser must
// decide; Expect checks it in one line, and Fetch and Case.Check return the
// Verdict (outcome, response type, status, readable headers, Chromium's
// reason and console line, preflight sent or cached). Matrix runs every
// combination of origins, methods, header sets and credentials modes and
// returns a Table that Golden compares with a file under testdata/
// (CORSTEST_UPDATE=1 rewrites it), so one test asserts a server's whole CORS
// policy. Every fetch runs through a fresh Transport: no verdict depends on
// another's preflight cache.
package corstest

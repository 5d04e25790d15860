// Package corstest tests a server's CORS configuration the way a browser
// would, in-process and without sockets.
//
// HandlerTransport is an http.RoundTripper that serves each request with an
// http.Handler directly: no listener, no connection, no goroutine left behind
// once the handler returns. NewTransport puts a fetch.Transport in front of
// it, so a test can ask "would a page on https://app.example be allowed to
// PUT this JSON with an Authorization header?" and get the browser's verdict,
// with the *cors.Error a browser console would report when it is blocked.
package corstest

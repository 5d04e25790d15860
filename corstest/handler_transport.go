package corstest

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"runtime/debug"
)

// HandlerTransport is an http.RoundTripper that serves every request with
// Handler in-process, as an HTTP/1.1 server would, without sockets.
//
// The handler sees what a net/http server would give it: a request with
// RequestURI, Host (taken out of the header map), a path-only URL, RemoteAddr,
// TLS set for https URLs, a non-nil Body, and a context that is cancelled when
// the caller's request context ends, when the response body is closed, or when
// the handler returns. The caller gets a response once the handler writes more
// than a small buffer, flushes, or returns; the body then streams. As in
// net/http, the header map is captured by WriteHeader (or the first Write), a
// missing Content-Type is sniffed from the first bytes, Content-Length is set
// when the handler returns before the buffer fills, writes are refused for
// 1xx, 204 and 304 responses and beyond a declared Content-Length, and the
// body of a response to HEAD is empty. 1xx informational responses and
// trailers are not delivered.
//
// A panic in the handler becomes an error: from RoundTrip if nothing was
// sent yet, from the body's Read otherwise.
type HandlerTransport struct {
	// Handler serves the requests. RoundTrip fails if it is nil.
	Handler http.Handler
	// RemoteAddr is the handler's Request.RemoteAddr; "" means
	// "192.0.2.1:1234", as httptest.NewRequest uses.
	RemoteAddr string
}

// bufferBeforeCommit is how much a handler may write before the response
// headers are committed and the body starts streaming; net/http buffers about
// as much before it switches to chunked encoding.
const bufferBeforeCommit = 4 << 10

var errBodyClosed = errors.New("corstest: the client closed the response body")

// RoundTrip serves req with t.Handler. It does not modify req, and it closes
// req.Body once the handler has returned.
func (t *HandlerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req == nil {
		return nil, errors.New("corstest: nil request")
	}
	closeBody := func() {
		if req.Body != nil {
			req.Body.Close()
		}
	}
	if t.Handler == nil {
		closeBody()
		return nil, errors.New("corstest: HandlerTransport has a nil Handler")
	}
	if req.URL == nil {
		closeBody()
		return nil, errors.New("corstest: request has a nil URL")
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		closeBody()
		return nil, fmt.Errorf("corstest: unsupported protocol scheme %q", req.URL.Scheme)
	}
	if err := req.Context().Err(); err != nil {
		closeBody()
		return nil, err
	}
	sreq, err := t.serverRequest(req)
	if err != nil {
		closeBody()
		return nil, err
	}
	ctx, cancel := context.WithCancel(req.Context())
	sreq = sreq.WithContext(ctx)

	w := newResponseWriter(req, cancel)
	go func() {
		defer cancel()
		w.serve(t.Handler, sreq, closeBody)
	}()

	select {
	case c := <-w.ready:
		if c.err != nil {
			return nil, c.err
		}
		return c.resp, nil
	case <-req.Context().Done():
		// The handler runs on until it notices its context (derived from the
		// request's); a body it may still commit is closed with the context's
		// error, so no write of it blocks.
		return nil, req.Context().Err()
	}
}

// serverRequest builds the request a net/http server would hand the handler.
func (t *HandlerTransport) serverRequest(req *http.Request) (*http.Request, error) {
	u, err := url.ParseRequestURI(req.URL.RequestURI())
	if err != nil {
		return nil, fmt.Errorf("corstest: request URI %q: %w", req.URL.RequestURI(), err)
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet
	}
	host := req.Host
	if host == "" {
		host = req.URL.Host
	}
	h := req.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	h.Del("Host")
	body := req.Body
	cl := req.ContentLength
	if body == nil || body == http.NoBody {
		body, cl = http.NoBody, 0
	} else if cl == 0 {
		cl = -1 // a client request with a body and ContentLength 0 means unknown
	}
	remote := t.RemoteAddr
	if remote == "" {
		remote = "192.0.2.1:1234"
	}
	sreq := &http.Request{
		Method:        method,
		URL:           u,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          body,
		ContentLength: cl,
		Host:          host,
		RemoteAddr:    remote,
		RequestURI:    req.URL.RequestURI(),
	}
	if req.URL.Scheme == "https" {
		sreq.TLS = &tls.ConnectionState{
			Version:           tls.VersionTLS13,
			HandshakeComplete: true,
			ServerName:        req.URL.Hostname(),
		}
	}
	return sreq, nil
}

// serve runs the handler and finishes the response however the handler
// ends, calling closeBody first: the request body is closed before the
// client can read the response to its end, so a caller that has read it
// finds its body closed.
func (w *responseWriter) serve(h http.Handler, r *http.Request, closeBody func()) {
	defer func() {
		closeBody()
		if v := recover(); v != nil {
			var err error
			if v == http.ErrAbortHandler {
				err = fmt.Errorf("corstest: handler aborted the response to %s %s", r.Method, r.RequestURI)
			} else {
				err = fmt.Errorf("corstest: handler panic serving %s %s: %v\n%s", r.Method, r.RequestURI, v, debug.Stack())
			}
			w.fail(err)
			return
		}
		w.finish()
	}()
	h.ServeHTTP(w, r)
}

// commit is what RoundTrip waits for: a response or an error.
type commit struct {
	resp *http.Response
	err  error
}

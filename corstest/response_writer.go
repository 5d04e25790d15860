package corstest

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
)

// responseWriter is the http.ResponseWriter the handler writes to. Only the
// handler's goroutine touches it; the response crosses to RoundTrip through
// ready, once.
type responseWriter struct {
	req    *http.Request      // the caller's request
	cancel context.CancelFunc // cancels the handler's context
	ready  chan commit        // buffered: the handler never blocks on it

	header      http.Header // the handler's map
	snap        http.Header // the header as captured by WriteHeader
	status      int
	wroteHeader bool
	declared    int64 // the Content-Length the handler declared, or -1
	written     int64
	buf         []byte
	committed   bool
	pw          *io.PipeWriter // the body's write end once streaming; nil for HEAD
	stopAfter   func() bool    // unregisters the request-context watcher
}

func newResponseWriter(req *http.Request, cancel context.CancelFunc) *responseWriter {
	return &responseWriter{
		req:      req,
		cancel:   cancel,
		ready:    make(chan commit, 1),
		header:   make(http.Header),
		declared: -1,
	}
}

func (w *responseWriter) Header() http.Header { return w.header }

// WriteHeader captures the status and the header map as net/http does; 1xx
// codes other than 101 are informational and not delivered.
func (w *responseWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	if code < 100 || code > 999 {
		panic(fmt.Sprintf("invalid WriteHeader code %v", code))
	}
	if code < 200 && code != http.StatusSwitchingProtocols {
		return
	}
	w.wroteHeader = true
	w.status = code
	w.snap = w.header.Clone()
	if cl := w.snap.Get("Content-Length"); cl != "" {
		if n, err := strconv.ParseInt(cl, 10, 64); err == nil && n >= 0 {
			w.declared = n
		} else {
			w.snap.Del("Content-Length") // net/http drops an invalid one too
		}
	}
}

func (w *responseWriter) Write(p []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if !bodyAllowed(w.status) {
		return 0, http.ErrBodyNotAllowed
	}
	if w.declared >= 0 && w.written+int64(len(p)) > w.declared {
		return 0, http.ErrContentLength
	}
	w.written += int64(len(p))
	if !w.committed {
		w.buf = append(w.buf, p...)
		if len(w.buf) <= bufferBeforeCommit {
			return len(p), nil
		}
		if err := w.commitStreaming(); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	if w.pw == nil { // HEAD
		return len(p), nil
	}
	return w.pw.Write(p)
}

// Flush sends the response headers and whatever is buffered.
func (w *responseWriter) Flush() { _ = w.FlushError() }

// FlushError is Flush for http.ResponseController.
func (w *responseWriter) FlushError() error {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if !w.committed {
		return w.commitStreaming()
	}
	return nil
}

// commitStreaming hands RoundTrip a response whose body streams from the
// handler's later writes, then sends what was buffered.
func (w *responseWriter) commitStreaming() error {
	w.committed = true
	w.finishHeader()
	resp := w.response(w.declared)
	if w.req.Method == http.MethodHead || !bodyAllowed(w.status) {
		resp.Body = http.NoBody
		w.buf = nil
		w.ready <- commit{resp: resp}
		return nil
	}
	r, pw := io.Pipe()
	w.pw = pw
	ctx := w.req.Context()
	w.stopAfter = context.AfterFunc(ctx, func() { pw.CloseWithError(ctx.Err()) })
	resp.Body = &body{r: r, pr: r, ctx: ctx, cancel: w.cancel}
	w.ready <- commit{resp: resp}
	buf := w.buf
	w.buf = nil
	if len(buf) > 0 {
		if _, err := pw.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

// finish completes the response after the handler returned normally.
func (w *responseWriter) finish() {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.committed {
		if w.pw != nil {
			w.stopAfter()
			if w.declared >= 0 && w.written < w.declared {
				w.pw.CloseWithError(io.ErrUnexpectedEOF)
			} else {
				w.pw.Close()
			}
		}
		return
	}
	w.committed = true
	head := w.req.Method == http.MethodHead
	if bodyAllowed(w.status) && w.declared < 0 && !hasKey(w.snap, "Transfer-Encoding") && (!head || w.written > 0) {
		w.snap.Set("Content-Length", strconv.FormatInt(w.written, 10))
		w.declared = w.written
	}
	w.finishHeader()
	resp := w.response(w.declared)
	switch {
	case head || !bodyAllowed(w.status):
		resp.Body = http.NoBody
	default:
		b := &body{r: bytes.NewReader(w.buf), ctx: w.req.Context(), cancel: w.cancel}
		if w.written < w.declared {
			b.tail = io.ErrUnexpectedEOF
		}
		resp.Body = b
	}
	w.buf = nil
	w.ready <- commit{resp: resp}
}

// fail ends the response with err: RoundTrip returns it if nothing was sent,
// the body's Read returns it otherwise.
func (w *responseWriter) fail(err error) {
	if !w.committed {
		w.committed = true
		w.ready <- commit{err: err}
		return
	}
	if w.pw != nil {
		w.stopAfter()
		w.pw.CloseWithError(err)
	}
}

// finishHeader applies, at commit, what net/http adds or removes.
func (w *responseWriter) finishHeader() {
	if !bodyAllowed(w.status) {
		w.snap.Del("Content-Length")
		w.snap.Del("Transfer-Encoding")
		if w.status == http.StatusNotModified {
			w.snap.Del("Content-Type")
		}
		return
	}
	if !hasKey(w.snap, "Content-Type") && w.snap.Get("Content-Encoding") == "" && !hasKey(w.snap, "Transfer-Encoding") && len(w.buf) > 0 {
		w.snap.Set("Content-Type", http.DetectContentType(w.buf))
	}
}

func (w *responseWriter) response(contentLength int64) *http.Response {
	text := http.StatusText(w.status)
	if text == "" {
		text = "status code " + strconv.Itoa(w.status)
	}
	if !bodyAllowed(w.status) {
		contentLength = 0
	}
	resp := &http.Response{
		Status:        strconv.Itoa(w.status) + " " + text,
		StatusCode:    w.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        w.snap,
		ContentLength: contentLength,
		Request:       w.req,
	}
	if w.req.URL.Scheme == "https" {
		resp.TLS = &tls.ConnectionState{
			Version:           tls.VersionTLS13,
			HandshakeComplete: true,
			ServerName:        w.req.URL.Hostname(),
		}
	}
	return resp
}

func hasKey(h http.Header, k string) bool {
	_, ok := h[k]
	return ok
}

// bodyAllowed reports whether a response with this status may have a body.
func bodyAllowed(status int) bool {
	switch {
	case status >= 100 && status <= 199:
		return false
	case status == http.StatusNoContent, status == http.StatusNotModified:
		return false
	}
	return true
}

// body is a response body: buffered bytes, or the read end of a pipe the
// handler writes to.
type body struct {
	r      io.Reader
	pr     *io.PipeReader // nil when buffered
	ctx    context.Context
	cancel context.CancelFunc
	tail   error // returned instead of io.EOF when the body was cut short
	closed atomic.Bool
}

func (b *body) Read(p []byte) (int, error) {
	if b.closed.Load() {
		return 0, http.ErrBodyReadAfterClose
	}
	if err := b.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := b.r.Read(p)
	if err == io.EOF && b.tail != nil {
		err = b.tail
	}
	return n, err
}

// Close cancels the handler's context and fails its further writes.
func (b *body) Close() error {
	if b.closed.Swap(true) {
		return nil
	}
	b.cancel()
	if b.pr != nil {
		b.pr.CloseWithError(errBodyClosed)
	}
	return nil
}

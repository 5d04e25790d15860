package fetch

import (
	"io"
	"net/http"
	"sync/atomic"
	"time"
)

// The bodies a page never gets (blocked CORS responses, opaque and
// opaque-redirect responses, followed redirects, preflights) are discarded
// without the Transport waiting on them: a browser settles a fetch on the
// headers, and a peer that sends headers and then nothing (SSE, long-poll,
// a slow drip) must not hold RoundTrip.
//
// discard hands the body to a goroutine and returns at once. The goroutine
// reads a small HTTP/1.x body (at most drainLimit bytes, Content-Length
// known or chunked) to its end so that its connection can be reused, as
// net/http's redirect code does, but for at most drainTime; then, or at
// once for anything else, it closes the body. Closing an unread body costs
// an HTTP/1.x connection and an HTTP/2 stream (RST_STREAM), never a wait
// on the peer. So a hostile body costs one goroutine, one connection and
// at most drainLimit bytes of reading, for at most drainTime.

// drainLimit bounds how much of an unwanted body is read so that its
// connection can be reused; a longer body's connection is closed instead.
const drainLimit = 64 << 10

// drainTime bounds how long an unwanted body is read; then it is closed.
const drainTime = time.Second

// maxDrainers bounds the goroutines discarding bodies at once, across
// every Transport: past it, a body is closed by the caller, unread, and
// its HTTP/1.x connection is not reused. So a flood of hostile responses
// costs at most this many goroutines, each for at most drainTime.
const maxDrainers = 64

// drainers holds a token for each goroutine discarding a body.
var drainers = make(chan struct{}, maxDrainers)

// drainTimeout overrides drainTime when non-zero, in nanoseconds (tests).
var drainTimeout atomic.Int64

// discard disposes of resp's body in the background: drained (bounded in
// bytes and time) when that can keep an HTTP/1.x connection, else closed.
func discard(resp *http.Response) {
	body := resp.Body
	if body == nil || body == http.NoBody {
		return
	}
	drain := resp.ProtoMajor == 1 && !resp.Close &&
		resp.ContentLength != 0 && resp.ContentLength <= drainLimit
	d := drainTime
	if n := drainTimeout.Load(); n != 0 {
		d = time.Duration(n)
	}
	select {
	case drainers <- struct{}{}:
		go func() {
			defer func() { <-drainers }()
			drainBody(body, drain, d)
		}()
	default:
		body.Close() // at the bound: close now, unread
	}
}

// drainBody reads body to its end when drain is set, giving up after
// drainLimit bytes or d (by closing body under the read, which net/http's
// bodies allow), and closes it.
func drainBody(body io.ReadCloser, drain bool, d time.Duration) {
	if drain {
		t := time.AfterFunc(d, func() { body.Close() })
		io.CopyN(io.Discard, body, drainLimit)
		t.Stop()
	}
	body.Close()
}

package main

import (
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
)

// replay is a Base that answers from a recording, so that a second policy
// judges the very responses the first one got, with no request sent: the
// i-th request gets the i-th recorded response when it is the same request
// (method, URL and every header). From the first request that differs (a
// policy that drops a header, or sends a request the recording stopped
// before), requests go to live instead.
type replay struct {
	recorded []exchange
	live     http.RoundTripper

	mu       sync.Mutex
	next     int
	diverged bool
	sent     int // requests that went to live
}

func (r *replay) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	if !r.diverged && r.next < len(r.recorded) {
		ex := &r.recorded[r.next]
		if ex.Error == "" && ex.allHeaders != nil && ex.key == requestKey(req) {
			r.next++
			r.mu.Unlock()
			if req.Body != nil {
				req.Body.Close()
			}
			major, minor, ok := http.ParseHTTPVersion(ex.proto)
			if !ok {
				major, minor = 1, 1
			}
			return &http.Response{
				Status:     ex.StatusText,
				StatusCode: ex.Status,
				Proto:      ex.proto,
				ProtoMajor: major,
				ProtoMinor: minor,
				Header:     ex.allHeaders.Clone(),
				Body:       http.NoBody,
				Request:    req,
			}, nil
		}
	}
	r.diverged = true
	r.sent++
	r.mu.Unlock()
	return r.live.RoundTrip(req)
}

func (r *replay) liveRequests() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sent
}

// requestKey identifies a request on the wire: method, URL and every header
// (sorted), so that two requests with the same key get the same answer from
// a server that does not keep state.
func requestKey(req *http.Request) string {
	var b strings.Builder
	b.WriteString(req.Method)
	b.WriteByte(' ')
	b.WriteString(req.URL.String())
	keys := make([]string, 0, len(req.Header))
	for k := range req.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range req.Header[k] {
			b.WriteString("\n" + strings.ToLower(k) + ": " + v)
		}
	}
	if req.ContentLength > 0 {
		io.WriteString(&b, "\nbody")
	}
	return b.String()
}

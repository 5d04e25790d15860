package main

import (
	"io"
	"net/http"
	"sort"
	"strings"
	"sync"
)

// recording holds the responses a check got, by request (requestKey), so
// that other policies can judge the same responses without asking the
// server again. It assumes what a CORS configuration is: a server that
// answers the same request the same way.
type recording struct {
	mu    sync.Mutex
	byKey map[string]*exchange
}

// newRecording holds the successful exchanges of exs.
func newRecording(exs []exchange) *recording {
	r := &recording{byKey: map[string]*exchange{}}
	for i := range exs {
		r.add(&exs[i])
	}
	return r
}

func (r *recording) add(ex *exchange) {
	if ex.Error != "" || ex.allHeaders == nil || ex.key == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.byKey[ex.key]; !ok {
		r.byKey[ex.key] = ex
	}
}

func (r *recording) get(key string) *exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.byKey[key]
}

// replay is a Base that answers a request from the recording when it holds
// the same request (method, URL and every header), and otherwise sends it to
// live and adds the answer to the recording (a policy that drops a header,
// or gets past a preflight the standard's run stopped at).
type replay struct {
	rec  *recording
	live http.RoundTripper

	mu   sync.Mutex
	sent int // requests that went to live
}

func (r *replay) RoundTrip(req *http.Request) (*http.Response, error) {
	key := requestKey(req)
	if ex := r.rec.get(key); ex != nil {
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
	r.mu.Lock()
	r.sent++
	r.mu.Unlock()
	resp, err := r.live.RoundTrip(req)
	if err == nil {
		resp.Body = newGraceBody(resp.Body, defaultBodyGrace)
		r.rec.add(&exchange{key: key, Status: resp.StatusCode, StatusText: resp.Status, proto: resp.Proto, allHeaders: resp.Header.Clone()})
	}
	return resp, err
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

package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// exchange is one request the Transport sent to the network and what came
// back, before any CORS filtering.
type exchange struct {
	Kind            string      `json:"kind"` // "preflight" or "request"
	Method          string      `json:"method"`
	URL             string      `json:"url"`
	RequestHeaders  http.Header `json:"request_headers"`
	Status          int         `json:"status,omitempty"`
	StatusText      string      `json:"status_text,omitempty"`
	ResponseHeaders http.Header `json:"response_headers,omitempty"` // only those that matter to CORS
	Error           string      `json:"error,omitempty"`
	// BodyCut says the body stalled and was closed unread after the grace
	// period (the verdict never depends on it).
	BodyCut bool `json:"body_cut,omitempty"`

	body       *graceBody
	allHeaders http.Header // every response header, for -v and replay
	proto      string
	timeout    bool // Error is a timeout
	key        string
}

// recorder is the Transport's Base: it passes every request on unchanged and
// keeps a copy of what matters, so a blocked response can still be shown.
// start and done, when set, are called as each exchange is sent and as its
// response arrives, with every exchange so far.
type recorder struct {
	base        http.RoundTripper
	grace       time.Duration // for every response body; 0: defaultBodyGrace
	start, done func(exs []exchange, i int)

	mu        sync.Mutex
	exchanges []exchange
	failed    bool // the network itself failed
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	ex := exchange{
		Kind:           "request",
		Method:         req.Method,
		URL:            req.URL.String(),
		RequestHeaders: req.Header.Clone(),
		key:            requestKey(req),
	}
	if req.Method == http.MethodOptions && req.Header.Get("Access-Control-Request-Method") != "" {
		ex.Kind = "preflight"
	}
	r.mu.Lock()
	i := len(r.exchanges)
	r.exchanges = append(r.exchanges, ex)
	if r.start != nil {
		r.start(r.exchanges, i)
	}
	r.mu.Unlock()

	resp, err := r.base.RoundTrip(req)

	r.mu.Lock()
	defer r.mu.Unlock()
	ex = r.exchanges[i]
	if err != nil {
		ex.Error = err.Error()
		ex.timeout = isTimeout(err)
		r.failed = true
	} else {
		ex.Status = resp.StatusCode
		ex.StatusText = resp.Status
		ex.proto = resp.Proto
		ex.allHeaders = resp.Header.Clone()
		ex.ResponseHeaders = corsResponseHeaders(resp.Header)
		grace := r.grace
		if grace <= 0 {
			grace = defaultBodyGrace
		}
		ex.body = newGraceBody(resp.Body, grace)
		resp.Body = ex.body
	}
	r.exchanges[i] = ex
	if r.done != nil {
		r.done(r.exchanges, i)
	}
	return resp, err
}

func (r *recorder) take() ([]exchange, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.exchanges {
		if b := r.exchanges[i].body; b != nil && b.cut.Load() {
			r.exchanges[i].BodyCut = true
		}
	}
	return r.exchanges, r.failed
}

// isTimeout reports whether err is a deadline or a transport timeout.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// corsResponseHeaders keeps the response headers that decide a CORS verdict
// or explain one: Access-Control-*, Vary and Location.
func corsResponseHeaders(h http.Header) http.Header {
	out := http.Header{}
	for k, v := range h {
		ck := http.CanonicalHeaderKey(k)
		if strings.HasPrefix(ck, "Access-Control-") || ck == "Vary" || ck == "Location" {
			out[ck] = append(out[ck], v...)
		}
	}
	return out
}

package main

import (
	"net/http"
	"strings"
	"sync"
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
}

// recorder is the Transport's Base: it passes every request on unchanged and
// keeps a copy of what matters, so a blocked response can still be shown.
type recorder struct {
	base http.RoundTripper

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
	}
	if req.Method == http.MethodOptions && req.Header.Get("Access-Control-Request-Method") != "" {
		ex.Kind = "preflight"
	}
	resp, err := r.base.RoundTrip(req)
	if err != nil {
		ex.Error = err.Error()
	} else {
		ex.Status = resp.StatusCode
		ex.StatusText = resp.Status
		ex.ResponseHeaders = corsResponseHeaders(resp.Header)
	}
	r.mu.Lock()
	r.exchanges = append(r.exchanges, ex)
	if err != nil {
		r.failed = true
	}
	r.mu.Unlock()
	return resp, err
}

func (r *recorder) take() ([]exchange, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.exchanges, r.failed
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

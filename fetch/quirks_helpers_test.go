package fetch

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// scripted is an in-memory Base for the policy tests: answer builds each
// response from the request, and every request is logged as
// "METHOD URL" (plus the request, for header checks). No sockets.
type scripted struct {
	mu     sync.Mutex
	log    []string
	reqs   []*http.Request
	answer func(r *http.Request) (status int, header http.Header)
}

func (s *scripted) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	s.mu.Lock()
	s.log = append(s.log, r.Method+" "+r.URL.String())
	s.reqs = append(s.reqs, r)
	s.mu.Unlock()
	status, h := s.answer(r)
	if h == nil {
		h = http.Header{}
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader("body")), Request: r, ContentLength: -1}, nil
}

// take returns the log so far and empties it.
func (s *scripted) take() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.log
	s.log, s.reqs = nil, nil
	return l
}

// lastReqs returns the requests logged since the last take.
func (s *scripted) lastReqs() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.reqs...)
}

const (
	quirkPage = "http://page.test"
	quirkAPI  = "http://api.test"
	quirkAPI2 = "http://other.test"
)

// hdr builds a header from "Name: value" lines, keys canonical.
func hdr(lines ...string) http.Header {
	h := http.Header{}
	for _, l := range lines {
		k, v, _ := strings.Cut(l, ":")
		h.Add(k, strings.TrimSpace(v))
	}
	return h
}

// presets are the policies the knob tests compare: the standard and each
// browser's.
var presets = []struct {
	name string
	p    cors.Policy
}{
	{"spec", cors.Policy{}},
	{"chromium", cors.ChromiumPolicy()},
	{"firefox", cors.FirefoxPolicy()},
	{"webkit", cors.WebKitPolicy()},
}

// sendAll sends each (method, url, header) through tr and returns one
// outcome per call: "ok <status>" or the error's kind and CORS reason.
func sendAll(t *testing.T, tr *Transport, calls ...quirkCall) []string {
	t.Helper()
	var out []string
	for _, c := range calls {
		resp, _, err := do(t, tr, c.method, c.url, c.opts, c.header, c.body)
		switch {
		case err == nil:
			out = append(out, "ok "+http.StatusText(resp.StatusCode))
		case corsReason(err) != cors.ReasonNone:
			out = append(out, "blocked "+corsReason(err).String())
		default:
			out = append(out, "error "+networkKind(err).String())
		}
	}
	return out
}

type quirkCall struct {
	method, url string
	header      http.Header
	body        string
	opts        Options
}

// consoleOf is the console line of err's *cors.Error, or "".
func consoleOf(err error) string {
	var ce *cors.Error
	if errors.As(err, &ce) {
		return ce.ConsoleMessage()
	}
	return ""
}

package fetch

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// seen is what a test server recorded of one request.
type seen struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Body   string
}

// site is a loopback test server: one origin. Its handler reads its
// behaviour from the query string, in the manner of the WPT resources
// (fetch/api/resources/preflight.py, redirect.py):
//
//	acao=<v>|echo  Access-Control-Allow-Origin on every response (echo: the request's Origin)
//	acac=1         Access-Control-Allow-Credentials: true
//	acam, acah, maxage, aceh   ACAM, ACAH, ACMA, ACEH on the responses
//	pstatus=<n>    status of the preflight (OPTIONS); default 200; a 3xx has a Location
//	pacao=<v>      ACAO of the preflight only (overrides acao)
//	noacao=1       no ACAO on the actual (non-OPTIONS) response
//	status=<n>     status of the actual response; default 200
//	location=<u>   Location of the actual response (status defaults to 302)
//	setcookie=<c>  a Set-Cookie on the actual response
//	rp=<policy>    Referrer-Policy on the actual response
//	hops=<n>       redirect n times to the same path with hops=n-1, then answer
//	size=<n>       a body of n zero bytes instead of "hello <method>"
type site struct {
	*httptest.Server
	t     testing.TB
	mu    sync.Mutex
	log   []seen
	nOpts atomic.Int64
	// block, when set, makes OPTIONS wait for it to close (or the request to end).
	block chan struct{}
}

func newSite(t testing.TB) *site {
	s := &site{t: t}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// origin is the site's serialized origin.
func (s *site) origin() string { return s.URL }

func (s *site) requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.log...)
}

func (s *site) count(method string) int {
	n := 0
	for _, r := range s.requests() {
		if r.Method == method {
			n++
		}
	}
	return n
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	q := r.URL.Query()
	s.mu.Lock()
	s.log = append(s.log, seen{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), string(body)})
	s.mu.Unlock()
	h := w.Header()
	acao := q.Get("acao")
	if r.Method == http.MethodOptions && q.Has("pacao") {
		acao = q.Get("pacao")
	}
	if acao == "echo" {
		acao = r.Header.Get("Origin")
	}
	if acao != "" && !(r.Method != http.MethodOptions && q.Has("noacao")) {
		h.Set("Access-Control-Allow-Origin", acao)
	}
	if q.Has("acac") {
		h.Set("Access-Control-Allow-Credentials", "true")
	}
	if r.Method == http.MethodOptions {
		s.nOpts.Add(1)
		if s.block != nil {
			select {
			case <-s.block:
			case <-r.Context().Done():
				return
			}
		}
		for p, name := range map[string]string{"acam": "Access-Control-Allow-Methods", "acah": "Access-Control-Allow-Headers", "maxage": "Access-Control-Max-Age"} {
			if q.Has(p) {
				h.Set(name, q.Get(p))
			}
		}
		ps := atoiOr(q.Get("pstatus"), 200)
		if ps >= 300 && ps < 400 {
			h.Set("Location", "/elsewhere")
		}
		w.WriteHeader(ps)
		return
	}
	if q.Has("aceh") {
		h.Set("Access-Control-Expose-Headers", q.Get("aceh"))
	}
	if q.Has("setcookie") {
		h.Add("Set-Cookie", q.Get("setcookie"))
	}
	if q.Has("rp") {
		h.Set("Referrer-Policy", q.Get("rp"))
	}
	h.Set("X-Custom", "custom")
	h.Set("Content-Type", "text/plain")
	if n := atoiOr(q.Get("hops"), 0); n > 0 {
		q.Set("hops", strconv.Itoa(n-1))
		h.Set("Location", r.URL.Path+"?"+q.Encode())
		w.WriteHeader(atoiOr(q.Get("status"), 302))
		return
	}
	if loc := q.Get("location"); loc != "" {
		h.Set("Location", loc)
		w.WriteHeader(atoiOr(q.Get("status"), 302))
		io.WriteString(w, "redirect body")
		return
	}
	w.WriteHeader(atoiOr(q.Get("status"), 200))
	if n := atoiOr(q.Get("size"), -1); n >= 0 {
		w.Write(make([]byte, n))
		return
	}
	io.WriteString(w, "hello "+r.Method)
}

func atoiOr(s string, d int) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return d
}

// eventually polls cond every 10 ms for up to 30 s: patient, so that a
// loaded 2-core machine under -race cannot fail a check that only waits
// for goroutines or connections to settle. It asserts no speed.
func eventually(cond func() bool) bool {
	for i := 0; i < 3000; i++ {
		if cond() {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// trackedBody records whether it was closed.
type trackedBody struct {
	io.Reader
	closed atomic.Bool
}

func (b *trackedBody) Close() error { b.closed.Store(true); return nil }

func newTrackedBody(s string) *trackedBody { return &trackedBody{Reader: strings.NewReader(s)} }

// do sends a request through tr with options o and returns the response
// with its body read, or the error.
func do(t testing.TB, tr *Transport, method, url string, o Options, hdr http.Header, body string) (*http.Response, string, error) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(WithOptions(t.Context(), o), method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	for k, vs := range hdr {
		req.Header[k] = vs
	}
	resp, err := tr.RoundTrip(req)
	if err != nil {
		return nil, "", err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b), nil
}

// corsReason returns the Reason of err's *cors.Error, or ReasonNone.
func corsReason(err error) cors.Reason {
	var ce *cors.Error
	if errors.As(err, &ce) {
		return ce.Reason
	}
	return cors.ReasonNone
}

// networkKind returns the Kind of err's *NetworkError, or 0.
func networkKind(err error) NetworkKind {
	var ne *NetworkError
	if errors.As(err, &ne) {
		return ne.Kind
	}
	return 0
}

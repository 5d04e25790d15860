package fetch

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// hangTimeout only detects a hang: a RoundTrip that has not returned by
// then never will. No test measures how long anything takes.
const hangTimeout = 10 * time.Second

// stallServer answers with headers and then stalls, sending nothing more
// until the test ends, on every path but /final (and PUT, the request after
// a preflight), which answer at once.
type stallServer struct {
	*httptest.Server
	release chan struct{}
	stop    func()       // ends every stall; idempotent
	stalled atomic.Int64 // handlers now stalled
}

func newStallServer(t *testing.T) *stallServer {
	s := &stallServer{release: make(chan struct{})}
	s.stop = sync.OnceFunc(func() { close(s.release) })
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	t.Cleanup(s.stop) // runs first: Close waits for handlers
	return s
}

func (s *stallServer) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	if r.URL.Path == "/final" || r.Method == http.MethodPut {
		h.Set("Access-Control-Allow-Origin", "*")
		io.WriteString(w, "final")
		return
	}
	// Counted before the headers go out, so a client that has them sees
	// the count.
	s.stalled.Add(1)
	defer s.stalled.Add(-1)
	switch {
	case r.Method == http.MethodOptions:
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Allow-Methods", "PUT")
	case r.URL.Path == "/redirect":
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Location", "/final")
		w.WriteHeader(http.StatusFound)
	}
	io.WriteString(w, "first bytes")
	w.(http.Flusher).Flush()
	select {
	case <-s.release:
	case <-r.Context().Done():
	}
}

// roundTripOrHang runs tr.RoundTrip(req) and fails the test if it does not
// return within hangTimeout, cancelling it then. Otherwise the request's
// context lives until t ends: cancelling it on return would abort the
// background discards of the bodies the caller checks are still stalled.
func roundTripOrHang(t *testing.T, tr *Transport, method, url string, o Options) (*http.Response, error) {
	t.Helper()
	ctx, cancel := context.WithCancel(WithOptions(t.Context(), o))
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	type result struct {
		resp *http.Response
		err  error
	}
	done := make(chan result, 1)
	go func() {
		resp, err := tr.RoundTrip(req)
		done <- result{resp, err}
	}()
	select {
	case r := <-done:
		return r.resp, r.err
	case <-time.After(hangTimeout):
		cancel()
		<-done
		t.Fatalf("%s %s: RoundTrip did not return while the server stalled", method, url)
		return nil, nil
	}
}

// drainGoroutines counts the goroutines discarding unwanted bodies.
func drainGoroutines() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Count(string(buf[:n]), "fetch.drainBody(")
		}
		buf = make([]byte, 2*len(buf))
	}
}

// waitFor polls cond until it holds or hangTimeout passes.
func waitFor(cond func() bool) bool {
	deadline := time.Now().Add(hangTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

// A body the page never gets does not hold RoundTrip: a server that sends
// headers and stalls (SSE, long-poll) is answered as soon as its headers
// are, as a browser settles a fetch on headers. Blocked CORS responses,
// opaque responses, followed redirects and preflights alike.
// See https://fetch.spec.whatwg.org/#http-fetch.
func TestStalledUnwantedBodies(t *testing.T) {
	// Bodies are discarded until the server ends them: RoundTrip must not
	// depend on the discarding giving up.
	drainTimeout.Store(int64(10 * hangTimeout))
	t.Cleanup(func() { drainTimeout.Store(0) })
	s := newStallServer(t)
	tr := &Transport{Base: &http.Transport{}, Origin: "https://page.example"}
	t.Cleanup(tr.CloseIdleConnections)
	for _, tc := range []struct {
		name, method, path string
		o                  Options
		want               ResponseType // 0: a CORS network error
	}{
		{"blocked CORS response", "GET", "/stall", Options{}, 0},
		{"opaque response", "GET", "/stall", Options{Mode: ModeNoCORS}, ResponseOpaque},
		{"redirect hop", "GET", "/redirect", Options{}, ResponseCORS},
		{"redirect hop, no-cors", "GET", "/redirect", Options{Mode: ModeNoCORS}, ResponseOpaque},
		{"preflight", "PUT", "/preflighted", Options{}, ResponseCORS},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := roundTripOrHang(t, tr, tc.method, s.URL+tc.path, tc.o)
			if tc.want == 0 {
				if networkKind(err) != KindCORS {
					t.Fatalf("err %v, want a CORS network error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if TypeOf(resp) != tc.want {
				t.Errorf("type %v, want %v", TypeOf(resp), tc.want)
			}
			if s.stalled.Load() == 0 {
				t.Errorf("RoundTrip returned, but not while the server stalled")
			}
		})
	}
	s.stop()
	if !waitFor(func() bool { return drainGoroutines() == 0 }) {
		t.Errorf("%d goroutines still discard bodies after the server ended them", drainGoroutines())
	}
}

// Discarding is bounded in time: a body that never ends is closed without
// the server ending it, and nothing is left running.
func TestStalledBodyDiscardEnds(t *testing.T) {
	drainTimeout.Store(int64(time.Millisecond))
	t.Cleanup(func() { drainTimeout.Store(0) })
	s := newStallServer(t)
	tr := &Transport{Base: &http.Transport{}, Origin: "https://page.example"}
	t.Cleanup(tr.CloseIdleConnections)
	resp, err := roundTripOrHang(t, tr, "GET", s.URL+"/stall", Options{Mode: ModeNoCORS})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if !waitFor(func() bool { return drainGoroutines() == 0 }) {
		t.Fatalf("%d goroutines still discard a stalled body", drainGoroutines())
	}
	if !waitFor(func() bool { return s.stalled.Load() == 0 }) {
		t.Errorf("the stalled response's connection is still open")
	}
}

// Small unwanted bodies are still read to their end so that their
// connection is reused, as net/http's redirect code does: two fetches
// through a redirect open at most two connections (closing each redirect's
// connection would open three).
func TestDiscardKeepsConnectionReuse(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/redirect" {
			w.Header().Set("Location", "/final")
			w.WriteHeader(http.StatusFound)
			io.WriteString(w, "redirect body")
			return
		}
		io.WriteString(w, "final")
	}))
	srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	tr := &Transport{Base: &http.Transport{}, Origin: srv.URL}
	t.Cleanup(tr.CloseIdleConnections)
	for i := 0; i < 2; i++ {
		resp, _, err := do(t, tr, "GET", srv.URL+"/redirect", Options{}, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		if TypeOf(resp) != ResponseBasic {
			t.Fatalf("type %v", TypeOf(resp))
		}
		if !waitFor(func() bool { return drainGoroutines() == 0 }) {
			t.Fatal("a redirect's body is still being discarded")
		}
	}
	if n := conns.Load(); n > 2 {
		t.Errorf("%d connections opened, want at most 2", n)
	}
}

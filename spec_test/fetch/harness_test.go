package fetchspec

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// specEcho is a response-header value that the server replaces with the
// request's Origin header (as WPT's preflight.py and redirect.py do).
const specEcho = "$origin"

// specKV is one response header line; order and duplicates are kept.
type specKV struct{ K, V string }

// specH builds header lines from name, value pairs.
func specH(kv ...string) []specKV {
	if len(kv)%2 != 0 {
		panic("specH: odd number of arguments")
	}
	out := make([]specKV, 0, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		out = append(out, specKV{kv[i], kv[i+1]})
	}
	return out
}

// specResp is a canned response. Status 0 means 200.
type specResp struct {
	Status int
	Header []specKV
	Body   string
}

// specRoute configures one path of a specServer.
type specRoute struct {
	// Preflight answers OPTIONS; nil answers 405 without any CORS header.
	Preflight *specResp
	// Actual answers every other method.
	Actual specResp
	// Func, when set, answers every request instead of Preflight/Actual.
	Func func(w http.ResponseWriter, r *http.Request)
}

// specHit is what a server received.
type specHit struct {
	Method string
	Host   string
	Path   string
	Query  string
	Header http.Header
	Body   string
}

// specServer is an httptest server on 127.0.0.1 that records every request
// per path and tracks its open connections.
type specServer struct {
	name   string
	srv    *httptest.Server
	Origin string // "http://127.0.0.1:port"
	Port   string

	mu     sync.Mutex
	routes map[string]*specRoute
	hits   []specHit
	conns  map[net.Conn]http.ConnState
}

func newSpecServer(t testing.TB, name string) *specServer {
	t.Helper()
	s := &specServer{name: name, routes: map[string]*specRoute{}, conns: map[net.Conn]http.ConnState{}}
	s.srv = httptest.NewUnstartedServer(s)
	s.srv.Config.ConnState = func(c net.Conn, st http.ConnState) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if st == http.StateClosed || st == http.StateHijacked {
			delete(s.conns, c)
		} else {
			s.conns[c] = st
		}
	}
	s.srv.Start()
	s.Origin = s.srv.URL
	u, err := url.Parse(s.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if u.Hostname() != "127.0.0.1" {
		t.Fatalf("server %s listens on %s, want 127.0.0.1", name, u.Host)
	}
	s.Port = u.Port()
	t.Cleanup(s.srv.Close)
	return s
}

func (s *specServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h := r.Header.Clone()
	if r.Host != "" {
		h.Set("Host", r.Host)
	}
	s.mu.Lock()
	s.hits = append(s.hits, specHit{Method: r.Method, Host: r.Host, Path: r.URL.Path, Query: r.URL.RawQuery, Header: h, Body: string(body)})
	rt := s.routes[r.URL.Path]
	s.mu.Unlock()
	if rt == nil {
		http.Error(w, "no route", http.StatusNotFound)
		return
	}
	if rt.Func != nil {
		rt.Func(w, r)
		return
	}
	resp := &rt.Actual
	if r.Method == http.MethodOptions {
		if rt.Preflight == nil {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		resp = rt.Preflight
	}
	specWrite(w, r, resp)
}

func specWrite(w http.ResponseWriter, r *http.Request, resp *specResp) {
	for _, kv := range resp.Header {
		v := kv.V
		if v == specEcho {
			v = r.Header.Get("Origin")
		}
		w.Header()[http.CanonicalHeaderKey(kv.K)] = append(w.Header()[http.CanonicalHeaderKey(kv.K)], v)
	}
	st := resp.Status
	if st == 0 {
		st = http.StatusOK
	}
	w.WriteHeader(st)
	io.WriteString(w, resp.Body)
}

// Route installs rt at path, replacing any previous route.
func (s *specServer) Route(path string, rt specRoute) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = &rt
}

// URL returns the absolute URL of path on this server's 127.0.0.1 origin.
func (s *specServer) URL(path string) string { return s.Origin + path }

// HostURL returns the absolute URL of path on host:port of this server
// (e.g. "localhost", a different origin from 127.0.0.1).
func (s *specServer) HostURL(host, path string) string {
	return "http://" + host + ":" + s.Port + path
}

// Hits returns the requests received for path ("" for all paths).
func (s *specServer) Hits(path string) []specHit {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []specHit
	for _, h := range s.hits {
		if path == "" || h.Path == path {
			out = append(out, h)
		}
	}
	return out
}

// Reset forgets the recorded requests.
func (s *specServer) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits = nil
}

// OpenConns returns the number of connections not yet closed.
func (s *specServer) OpenConns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

// specMethods lists the methods of hits in order.
func specMethods(hits []specHit) []string {
	out := make([]string, 0, len(hits))
	for _, h := range hits {
		out = append(out, h.Method)
	}
	return out
}

// specClock is an injectable clock for the preflight cache.
type specClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *specClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *specClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// specRecordingRT records what went through Base.
type specRecordingRT struct {
	base http.RoundTripper
	mu   sync.Mutex
	seen []string // "METHOD URL"
}

func (r *specRecordingRT) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.seen = append(r.seen, req.Method+" "+req.URL.String())
	r.mu.Unlock()
	return r.base.RoundTrip(req)
}

func (r *specRecordingRT) Seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.seen)
}

// specEnv is one browsing context: a page at A's origin, two other
// origins B and C, and a Transport with a shared cache and a fake clock.
type specEnv struct {
	t       *testing.T
	A, B, C *specServer
	Base    *http.Transport
	Rec     *specRecordingRT
	Clock   *specClock
	Cache   *preflightcache.Cache
	T       *fetch.Transport
	Page    string // the page origin (A's origin)
}

func newSpecEnv(t *testing.T) *specEnv {
	t.Helper()
	e := &specEnv{t: t}
	e.A = newSpecServer(t, "A")
	e.B = newSpecServer(t, "B")
	e.C = newSpecServer(t, "C")
	e.Page = e.A.Origin
	e.Base = &http.Transport{
		Proxy:               nil,
		MaxIdleConnsPerHost: 16,
		IdleConnTimeout:     30 * time.Second,
	}
	t.Cleanup(e.Base.CloseIdleConnections)
	e.Rec = &specRecordingRT{base: e.Base}
	e.Clock = &specClock{now: time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC)}
	e.Cache = specNewCache(t, e.Clock)
	e.T = &fetch.Transport{Base: e.Rec, Origin: e.Page, Cache: e.Cache}
	return e
}

// specNewCache returns a preflight cache reading clk, failing the test
// (instead of crashing the binary) while the cache is still a stub.
func specNewCache(t testing.TB, clk *specClock) (c *preflightcache.Cache) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("preflightcache.New panicked: %v", p)
		}
	}()
	return preflightcache.New(&preflightcache.Options{Now: clk.Now})
}

// specCtx returns a context carrying o (when non-nil) with a timeout that
// keeps a misbehaving implementation from hanging the suite.
func specCtx(t testing.TB, o *fetch.Options) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	t.Cleanup(cancel)
	if o != nil {
		ctx = specWithOptions(t, ctx, *o)
	}
	return ctx
}

func specWithOptions(t testing.TB, ctx context.Context, o fetch.Options) (out context.Context) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("fetch.WithOptions panicked: %v", p)
		}
	}()
	return fetch.WithOptions(ctx, o)
}

// specNewReq builds a request; a non-empty body gets a GetBody (replayable).
func specNewReq(t testing.TB, method, u, body string, kv ...string) *http.Request {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, rd)
	if err != nil {
		t.Fatalf("NewRequest(%q, %q): %v", method, u, err)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		req.Header.Add(kv[i], kv[i+1])
	}
	return req
}

// specRT runs tr.RoundTrip(req with o), turning a panic into a test failure.
func specRT(t testing.TB, tr *fetch.Transport, req *http.Request, o *fetch.Options) (resp *http.Response, err error) {
	t.Helper()
	req = req.WithContext(specCtxFrom(t, req.Context(), o))
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("RoundTrip(%s %s) panicked: %v\n%s", req.Method, req.URL, p, debug.Stack())
		}
	}()
	resp, err = tr.RoundTrip(req)
	if err == nil && resp == nil {
		t.Fatalf("RoundTrip(%s %s) returned a nil response and a nil error", req.Method, req.URL)
	}
	if err != nil && resp != nil {
		t.Errorf("RoundTrip(%s %s) returned both a response (status %d) and an error %v", req.Method, req.URL, resp.StatusCode, err)
		resp.Body.Close()
		resp = nil
	}
	if resp != nil {
		t.Cleanup(func() { resp.Body.Close() })
	}
	return resp, err
}

func specCtxFrom(t testing.TB, parent context.Context, o *fetch.Options) context.Context {
	if parent == context.Background() || parent == nil {
		return specCtx(t, o)
	}
	if o != nil {
		return specWithOptions(t, parent, *o)
	}
	return parent
}

// Do runs req on the environment's Transport.
func (e *specEnv) Do(req *http.Request, o *fetch.Options) (*http.Response, error) {
	e.t.Helper()
	return specRT(e.t, e.T, req, o)
}

// MustOK runs req and fails the test unless it succeeds; it returns the
// response and its body.
func (e *specEnv) MustOK(req *http.Request, o *fetch.Options) (*http.Response, string) {
	e.t.Helper()
	resp, err := e.Do(req, o)
	if err != nil {
		e.t.Fatalf("%s %s: unexpected error: %v", req.Method, req.URL, err)
	}
	return resp, specBody(e.t, resp)
}

func specBody(t testing.TB, resp *http.Response) string {
	t.Helper()
	if resp.Body == nil {
		t.Fatalf("response has a nil Body (http.Response.Body must be non-nil)")
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	resp.Body.Close()
	return string(b)
}

// specTypeOf calls fetch.TypeOf, turning a panic into a test failure.
func specTypeOf(t testing.TB, resp *http.Response) (rt fetch.ResponseType) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("fetch.TypeOf panicked: %v", p)
		}
	}()
	return fetch.TypeOf(resp)
}

// specWantNetErr asserts err is a network error.
func specWantNetErr(t testing.TB, err error, what string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: got success, want a network error", what)
	}
	if !errors.Is(err, fetch.ErrNetwork) {
		t.Errorf("%s: errors.Is(err, fetch.ErrNetwork) = false for %T %v", what, err, err)
	}
}

// specWantBlocked asserts err is a network error that errors.As to a
// *cors.Error whose Reason is one of reasons (any reason when none given).
func specWantBlocked(t testing.TB, err error, what string, reasons ...cors.Reason) *cors.Error {
	t.Helper()
	specWantNetErr(t, err, what)
	if err == nil {
		return nil
	}
	var ce *cors.Error
	if !errors.As(err, &ce) {
		t.Errorf("%s: errors.As(err, *cors.Error) = false for %T %v", what, err, err)
		return nil
	}
	if !errors.Is(err, cors.ErrBlocked) {
		t.Errorf("%s: errors.Is(err, cors.ErrBlocked) = false", what)
	}
	if len(reasons) > 0 && !slices.Contains(reasons, ce.Reason) {
		t.Errorf("%s: Reason = %d, want one of %v", what, ce.Reason, reasons)
	}
	return ce
}

// specWantNoCORSError asserts err is a network error that is not a CORS
// block (redirect limits, redirect modes, body replay).
func specWantNonCORSNetErr(t testing.TB, err error, what string) {
	t.Helper()
	specWantNetErr(t, err, what)
	var ce *cors.Error
	if err != nil && errors.As(err, &ce) {
		t.Errorf("%s: got *cors.Error (Reason %d), want a network error that is not a CORS block", what, ce.Reason)
	}
}

// specWantNothingSent asserts that none of the servers received anything.
func specWantNothingSent(t testing.TB, what string, servers ...*specServer) {
	t.Helper()
	for _, s := range servers {
		if hits := s.Hits(""); len(hits) != 0 {
			t.Errorf("%s: server %s received %d request(s) (%v), want none", what, s.name, len(hits), specMethods(hits))
		}
	}
}

// specWantMethods asserts the methods a path received.
func specWantMethods(t testing.TB, s *specServer, path string, want ...string) []specHit {
	t.Helper()
	hits := s.Hits(path)
	got := specMethods(hits)
	if want == nil {
		want = []string{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("server %s path %s received %v, want %v", s.name, path, got, want)
	}
	return hits
}

// specHeaderLine returns the values of name as received, or "<absent>".
func specHeaderLine(h http.Header, name string) string {
	v, ok := h[http.CanonicalHeaderKey(name)]
	if !ok {
		return "<absent>"
	}
	return strings.Join(v, ", ")
}

func specAbsent(t testing.TB, h http.Header, what string, names ...string) {
	t.Helper()
	for _, n := range names {
		if v, ok := h[http.CanonicalHeaderKey(n)]; ok {
			t.Errorf("%s: header %s = %q, want absent", what, n, v)
		}
	}
}

func specWantHeader(t testing.TB, h http.Header, what, name, want string) {
	t.Helper()
	if got := specHeaderLine(h, name); got != want {
		t.Errorf("%s: header %s = %q, want %q", what, name, got, want)
	}
}

// specName makes a subtest name from parts.
func specName(parts ...any) string {
	s := fmt.Sprint(parts...)
	return strings.NewReplacer(" ", "_", "/", "|").Replace(s)
}

// specAllowPreflight is a preflight response granting methods and headers
// to the echoed origin, cached for maxAge seconds ("" omits Max-Age).
func specAllowPreflight(methods, headers, maxAge string) *specResp {
	h := specH("Access-Control-Allow-Origin", specEcho)
	if methods != "" {
		h = append(h, specKV{"Access-Control-Allow-Methods", methods})
	}
	if headers != "" {
		h = append(h, specKV{"Access-Control-Allow-Headers", headers})
	}
	if maxAge != "" {
		h = append(h, specKV{"Access-Control-Max-Age", maxAge})
	}
	return &specResp{Header: h}
}

// specOK is a 200 response allowing the echoed origin.
func specOK(body string, kv ...string) specResp {
	return specResp{Header: append(specH("Access-Control-Allow-Origin", specEcho), specH(kv...)...), Body: body}
}

// specRedirect is a redirect response with extra header lines.
func specRedirect(status int, location string, kv ...string) specResp {
	return specResp{Status: status, Header: append(specH("Location", location), specH(kv...)...)}
}

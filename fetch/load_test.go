package fetch

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// connCounter follows a server's connections through http.Server.ConnState.
type connCounter struct {
	mu     sync.Mutex
	state  map[net.Conn]http.ConnState
	opened int
}

func (c *connCounter) track(conn net.Conn, st http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.state == nil {
		c.state = make(map[net.Conn]http.ConnState)
	}
	switch st {
	case http.StateNew:
		c.opened++
		c.state[conn] = st
	case http.StateClosed, http.StateHijacked:
		delete(c.state, conn)
	default:
		c.state[conn] = st
	}
}

// open returns the number of connections not yet closed or hijacked.
func (c *connCounter) open() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.state)
}

// newCountedSite is newSite with its connections counted.
func newCountedSite(t testing.TB) (*site, *connCounter) {
	s, cc := &site{t: t}, &connCounter{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.Config.ConnState = cc.track
	s.Start()
	t.Cleanup(s.Close)
	return s, cc
}

// loadCase is one kind of request in the load test and what must come of it.
type loadCase struct {
	name   string
	method string
	path   string // with the query that drives the site
	hdr    http.Header
	cred   Credentials
	want   cors.Reason // ReasonNone: a 200 CORS response with body body
	body   string
}

// The Transport under load with -race: 10 000 requests over 64 goroutines,
// mixing allowed, blocked and preflighted requests (cached, cold,
// coalesced, failing), redirects and credentialed requests with a shared
// Jar. Every outcome is checked; afterwards no goroutine and no connection
// may be left over (blocked bodies drained and closed, coalesced flights
// ended). The figures go to BENCHMARKS.md.
func TestLoad(t *testing.T) {
	const requests, workers = 10000, 64
	s, conns := newCountedSite(t)
	big := 2 * drainLimit
	cases := []loadCase{
		{name: "simple GET allowed", method: "GET", path: "/get?acao=*", body: "hello GET"},
		{name: "simple GET blocked", method: "GET", path: "/get?noacao=1", want: cors.MissingAllowOriginHeader},
		{name: "blocked, body past the drain limit", method: "GET", path: fmt.Sprintf("/big?size=%d", big), want: cors.MissingAllowOriginHeader},
		{name: "preflight cached", method: "PUT", path: "/put?acao=*&acam=PUT&maxage=600", body: "hello PUT"},
		{name: "preflight cold", method: "PUT", path: "/cold?acao=*&acam=PUT&acah=x-custom&maxage=0", hdr: http.Header{"X-Custom": {"1"}}, body: "hello PUT"},
		{name: "preflight blocked", method: "DELETE", path: "/del?acao=*&acam=PUT", want: cors.MethodDisallowedByPreflightResponse},
		{name: "preflight ok, actual blocked", method: "PUT", path: "/put?acao=*&acam=PUT&maxage=600&noacao=1", want: cors.MissingAllowOriginHeader},
		{name: "credentials include with Set-Cookie", method: "GET", path: "/cred?acao=echo&acac=1&setcookie=s%3D1", cred: CredentialsInclude, body: "hello GET"},
		{name: "redirect followed", method: "GET", path: "/r?acao=*&location=%2Fdone%3Facao%3D*", body: "hello GET"},
		{name: "redirect, second hop blocked", method: "GET", path: "/r?acao=*&location=%2Fdone", want: cors.MissingAllowOriginHeader},
	}

	base := http.DefaultTransport.(*http.Transport).Clone()
	base.MaxIdleConnsPerHost = workers
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	tr := &Transport{Base: base, Origin: "https://app.example", Jar: jar, CoalescePreflights: true}
	client := &http.Client{Transport: tr}

	before := runtime.NumGoroutine()
	var next atomic.Int64
	var failed, blocked atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= requests {
					return
				}
				tc := cases[i%int64(len(cases))]
				if err := loadOne(client, s.URL, tc); err != nil {
					if failed.Add(1) <= 5 {
						t.Errorf("%s: %v", tc.name, err)
					}
				} else if tc.want != cors.ReasonNone {
					blocked.Add(1)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if n := failed.Load(); n > 0 {
		t.Fatalf("%d of %d requests did not end as expected", n, requests)
	}

	tr.CloseIdleConnections()
	var after, open int
	settled := func() bool {
		after, open = runtime.NumGoroutine(), conns.open()
		return after <= before && open == 0
	}
	if !eventually(settled) {
		t.Errorf("after the load: %d goroutines (before: %d), %d open connections", after, before, open)
	}
	if got := s.count("OPTIONS"); got == 0 {
		t.Error("no preflight was made")
	}
	u, _ := url.Parse(s.URL)
	if len(jar.Cookies(u)) != 1 {
		t.Errorf("jar holds %v, want the one cookie s=1", jar.Cookies(u))
	}
	t.Logf("%d requests (%d blocked as expected) over %d goroutines in %v; %d OPTIONS; %d connections opened; goroutines before %d, after %d; open connections after %d",
		requests, blocked.Load(), workers, elapsed.Round(time.Millisecond), s.count("OPTIONS"), conns.opened, before, after, open)
}

// loadOne sends tc and checks its outcome.
func loadOne(c *http.Client, base string, tc loadCase) error {
	req, err := http.NewRequestWithContext(WithOptions(context.Background(), Options{Credentials: tc.cred}), tc.method, base+tc.path, nil)
	if err != nil {
		return err
	}
	for k, v := range tc.hdr {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if tc.want != cors.ReasonNone {
		if got := corsReason(err); got != tc.want {
			if err == nil {
				resp.Body.Close()
			}
			return fmt.Errorf("err = %v, want reason %v", err, tc.want)
		}
		return nil
	}
	if err != nil {
		return err
	}
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 || TypeOf(resp) != ResponseCORS || string(b) != tc.body {
		return fmt.Errorf("got %d %v %q, want 200 cors %q", resp.StatusCode, TypeOf(resp), b, tc.body)
	}
	return nil
}

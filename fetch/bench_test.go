package fetch

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// The Transport's cost over a bare *http.Transport, both talking to one
// loopback keep-alive server in the same run (BENCHMARKS.md, "fetch.Transport").
// Each benchmark has a "bare" and a "fetch" sub-benchmark, for B/op and
// allocs/op. BenchmarkInterleaved times the two sides of each pair
// alternately, request by request, so that a noisy machine slows both
// alike; it reports the median time of each side and their ratio.

const benchPage = "https://app.example"

// benchServer answers every request as a CORS-enabled API does: ACAO *
// on everything, and on OPTIONS a grant for PUT with X-Custom whose max-age
// is 0 under /cold and 600 elsewhere. It counts the OPTIONS it sees.
func benchServer(tb testing.TB) (*httptest.Server, *atomic.Int64) {
	var opts atomic.Int64
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions {
			opts.Add(1)
			h.Set("Access-Control-Allow-Methods", "PUT")
			h.Set("Access-Control-Allow-Headers", "x-custom")
			if r.URL.Path == "/cold" {
				h.Set("Access-Control-Max-Age", "0")
			} else {
				h.Set("Access-Control-Max-Age", "600")
			}
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.Set("Content-Type", "text/plain")
		io.WriteString(w, "ok")
	}))
	tb.Cleanup(s.Close)
	return s, &opts
}

// benchBase is the transport under both sides of a pair: a fresh
// keep-alive *http.Transport like http.DefaultTransport.
func benchBase(tb testing.TB) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	tb.Cleanup(t.CloseIdleConnections)
	return t
}

// benchDo sends one request through c and reads and closes the body, as a
// keep-alive client does.
func benchDo(b *testing.B, c *http.Client, method, url string, hdr http.Header) {
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	for k, v := range hdr {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

// benchPair runs op through a bare *http.Transport and through a Transport
// over another one of the same kind, warming each first.
func benchPair(b *testing.B, setup func(tr *Transport), op func(b *testing.B, c *http.Client)) {
	b.Run("bare", func(b *testing.B) {
		c := &http.Client{Transport: benchBase(b)}
		op(b, c)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			op(b, c)
		}
	})
	b.Run("fetch", func(b *testing.B) {
		tr := &Transport{Base: benchBase(b), Origin: benchPage}
		if setup != nil {
			setup(tr)
		}
		c := &http.Client{Transport: tr}
		op(b, c)
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			op(b, c)
		}
	})
}

// A simple cross-origin GET: Origin header, CORS check, CORS filtering.
func BenchmarkSimpleGET(b *testing.B) {
	s, _ := benchServer(b)
	benchPair(b, nil, func(b *testing.B, c *http.Client) { benchDo(b, c, "GET", s.URL+"/simple", nil) })
}

// A PUT with an author header, whose preflight is in the cache (warmed by
// the first request): the needs-preflight decision and a cache hit.
func BenchmarkPreflightCacheHit(b *testing.B) {
	s, _ := benchServer(b)
	hdr := http.Header{"X-Custom": {"1"}}
	benchPair(b, nil, func(b *testing.B, c *http.Client) { benchDo(b, c, "PUT", s.URL+"/warm", hdr) })
}

// The same PUT with max-age 0: every request makes a preflight first, two
// round trips against the bare one.
func BenchmarkColdPreflight(b *testing.B) {
	s, opts := benchServer(b)
	hdr := http.Header{"X-Custom": {"1"}}
	n0 := opts.Load()
	benchPair(b, nil, func(b *testing.B, c *http.Client) { benchDo(b, c, "PUT", s.URL+"/cold", hdr) })
	if opts.Load() == n0 {
		b.Fatal("no preflight was made")
	}
}

// The two round trips of a cold preflight done by hand on a bare
// transport (OPTIONS, then the PUT): the floor under ColdPreflight/fetch.
func BenchmarkColdPreflightByHand(b *testing.B) {
	s, _ := benchServer(b)
	hdr := http.Header{"X-Custom": {"1"}}
	pre := http.Header{"Origin": {benchPage}, "Access-Control-Request-Method": {"PUT"}, "Access-Control-Request-Headers": {"x-custom"}}
	c := &http.Client{Transport: benchBase(b)}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		benchDo(b, c, "OPTIONS", s.URL+"/cold", pre)
		benchDo(b, c, "PUT", s.URL+"/cold", hdr)
	}
}

// 100 concurrent identical requests that need a preflight, on a cold
// cache (a new one per op), with CoalescePreflights on and off. Reports
// the OPTIONS the server saw per op.
func BenchmarkCold100Concurrent(b *testing.B) {
	for _, coalesce := range []bool{true, false} {
		name := "coalesce"
		if !coalesce {
			name = "no-coalesce"
		}
		b.Run(name, func(b *testing.B) {
			s, opts := benchServer(b)
			base := benchBase(b)
			base.MaxIdleConnsPerHost = 100
			b.ReportAllocs()
			n0 := opts.Load()
			for i := 0; i < b.N; i++ {
				tr := &Transport{Base: base, Origin: benchPage, CoalescePreflights: coalesce, Cache: preflightcache.New(nil)}
				if err := concurrentPUTs(tr, s.URL+"/warm", 100); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(opts.Load()-n0)/float64(b.N), "OPTIONS/op")
		})
	}
}

// concurrentPUTs sends n identical preflighted PUTs through tr at once and
// returns the first error.
func concurrentPUTs(tr *Transport, url string, n int) error {
	c := &http.Client{Transport: tr}
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			<-start
			req, err := http.NewRequest("PUT", url, nil)
			if err != nil {
				errs <- err
				return
			}
			req.Header.Set("X-Custom", "1")
			resp, err := c.Do(req)
			if err != nil {
				errs <- err
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	return <-errs
}

// The three pairs, interleaved: each iteration sends one request through
// each side, in rotating order, and times each. The sides are the bare
// transport, the bare transport sending the Origin header the Transport
// adds (the share of the cost that is the header on the wire, server side
// included), and the Transport. Reported: the median time per request of
// each side (bare-ns, origin-ns, fetch-ns) and the ratios.
func BenchmarkInterleaved(b *testing.B) {
	s, _ := benchServer(b)
	pairs := []struct {
		name, method, path string
		hdr                http.Header
	}{
		{"SimpleGET", "GET", "/simple", nil},
		{"PreflightCacheHit", "PUT", "/warm", http.Header{"X-Custom": {"1"}}},
		{"ColdPreflight", "PUT", "/cold", http.Header{"X-Custom": {"1"}}},
	}
	for _, p := range pairs {
		b.Run(p.name, func(b *testing.B) {
			withOrigin := http.Header{"Origin": {benchPage}}
			for k, v := range p.hdr {
				withOrigin[k] = v
			}
			sides := [3]struct {
				c     *http.Client
				hdr   http.Header
				times []time.Duration
			}{
				{c: &http.Client{Transport: benchBase(b)}, hdr: p.hdr},
				{c: &http.Client{Transport: benchBase(b)}, hdr: withOrigin},
				{c: &http.Client{Transport: &Transport{Base: benchBase(b), Origin: benchPage}}, hdr: p.hdr},
			}
			for i := range sides {
				sides[i].times = make([]time.Duration, 0, b.N)
				benchDo(b, sides[i].c, p.method, s.URL+p.path, sides[i].hdr)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for j := range sides {
					sd := &sides[(i+j)%len(sides)]
					t0 := time.Now()
					benchDo(b, sd.c, p.method, s.URL+p.path, sd.hdr)
					sd.times = append(sd.times, time.Since(t0))
				}
			}
			b.StopTimer()
			bare, origin, fetch := median(sides[0].times), median(sides[1].times), median(sides[2].times)
			b.ReportMetric(float64(bare), "bare-ns")
			b.ReportMetric(float64(origin), "origin-ns")
			b.ReportMetric(float64(fetch), "fetch-ns")
			b.ReportMetric(float64(fetch)/float64(bare), "fetch/bare")
			b.ReportMetric(float64(fetch)/float64(origin), "fetch/origin")
		})
	}
}

func median(d []time.Duration) time.Duration {
	d = slices.Clone(d)
	slices.Sort(d)
	return d[len(d)/2]
}

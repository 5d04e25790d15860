package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// The preflight decision, the preflight request and the checks of its
// response. WPT fetch/api/cors/cors-preflight.any.js, cors-preflight-status.any.js,
// cors-preflight-star.any.js, cors-preflight-redirect.any.js, cors-no-preflight.any.js.
func TestPreflight(t *testing.T) {
	a, b := newSite(t), newSite(t)
	tests := []struct {
		name     string
		method   string
		hdr      http.Header
		query    string
		o        Options
		preflted bool        // an OPTIONS is expected
		acrm     string      // expected Access-Control-Request-Method
		acrh     string      // expected Access-Control-Request-Headers
		want     cors.Reason // ReasonNone: allowed
	}{
		{name: "simple GET, no preflight", method: "GET", query: "acao=*"},
		{name: "POST text/plain, no preflight", method: "POST", hdr: http.Header{"Content-Type": {"text/plain"}}, query: "acao=*"},
		{name: "PUT allowed", method: "PUT", query: "acao=*&acam=PUT", preflted: true, acrm: "PUT"},
		{name: "patch keeps its case", method: "patch", query: "acao=*&acam=patch", preflted: true, acrm: "patch"},
		{name: "PATCH against ACAM patch", method: "PATCH", query: "acao=*&acam=patch", preflted: true, acrm: "PATCH", want: cors.MethodDisallowedByPreflightResponse},
		{name: "headers listed sorted lowercase", method: "GET", hdr: http.Header{"X-B": {"1"}, "X-A": {"2"}}, query: "acao=*&acah=x-a,X-B", preflted: true, acrm: "GET", acrh: "x-a,x-b"},
		{name: "header not allowed", method: "GET", hdr: http.Header{"X-B": {"1"}}, query: "acao=*&acah=x-a", preflted: true, acrm: "GET", acrh: "x-b", want: cors.HeaderDisallowedByPreflightResponse},
		{name: "ACAH * allows x-b", method: "GET", hdr: http.Header{"X-B": {"1"}}, query: "acao=*&acah=*", preflted: true, acrm: "GET", acrh: "x-b"},
		{name: "ACAH * never covers Authorization", method: "GET", hdr: http.Header{"Authorization": {"x"}}, query: "acao=*&acah=*", preflted: true, acrm: "GET", acrh: "authorization", want: cors.HeaderDisallowedByPreflightResponse},
		{name: "ACAM * with credentials is literal", method: "PUT", query: "acao=echo&acac=1&acam=*", o: Options{Credentials: CredentialsInclude}, preflted: true, acrm: "PUT", want: cors.MethodDisallowedByPreflightResponse},
		{name: "preflight 404", method: "PUT", query: "acao=*&acam=PUT&pstatus=404", preflted: true, acrm: "PUT", want: cors.PreflightInvalidStatus},
		{name: "preflight 204 is ok", method: "PUT", query: "acao=*&acam=PUT&pstatus=204", preflted: true, acrm: "PUT"},
		{name: "preflight 301 not followed", method: "PUT", query: "acao=*&acam=PUT&pstatus=301", preflted: true, acrm: "PUT", want: cors.PreflightDisallowedRedirect},
		{name: "preflight without ACAO", method: "PUT", query: "acao=*&pacao=&acam=PUT", preflted: true, acrm: "PUT", want: cors.PreflightMissingAllowOriginHeader},
		{name: "use-CORS-preflight flag", method: "GET", query: "acao=*", o: Options{UseCORSPreflight: true}, preflted: true, acrm: "GET"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := &Transport{Origin: a.origin(), Referrer: a.URL + "/page?q#frag"}
			n := len(b.requests())
			target := b.URL + "/p?" + tc.query
			_, _, err := do(t, tr, tc.method, target, tc.o, tc.hdr, "")
			reqs := b.requests()[n:]
			if tc.preflted != (len(reqs) > 0 && reqs[0].Method == "OPTIONS") {
				t.Fatalf("preflighted = %v, want %v (%v)", !tc.preflted, tc.preflted, reqs)
			}
			if tc.preflted {
				p := reqs[0]
				if got := p.Header.Get("Access-Control-Request-Method"); got != tc.acrm {
					t.Errorf("ACRM %q, want %q", got, tc.acrm)
				}
				if got := p.Header["Access-Control-Request-Headers"]; tc.acrh == "" && got != nil || tc.acrh != "" && (len(got) != 1 || got[0] != tc.acrh) {
					t.Errorf("ACRH %q, want %q", got, tc.acrh)
				}
				if p.Header.Get("Origin") != a.origin() || p.Header.Get("Accept") != "*/*" || p.Header.Get("Cookie") != "" || p.Header.Get("Authorization") != "" {
					t.Errorf("preflight headers %v", p.Header)
				}
				// The preflight carries the actual request's Referer.
				// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
				if len(reqs) > 1 && p.Header.Get("Referer") != reqs[1].Header.Get("Referer") {
					t.Errorf("preflight Referer %q, actual %q", p.Header.Get("Referer"), reqs[1].Header.Get("Referer"))
				}
			}
			if tc.want == cors.ReasonNone {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if got := corsReason(err); got != tc.want {
				t.Fatalf("err = %v, want reason %v", err, tc.want)
			}
			if len(reqs) != 1 {
				t.Errorf("%d requests after a failed preflight, want only the OPTIONS", len(reqs))
			}
		})
	}
}

// The CORS-preflight cache: hits skip the preflight; a preflighted fetch
// that ends in a network error clears the entries.
// WPT fetch/api/cors/cors-preflight-cache.any.js. See https://fetch.spec.whatwg.org/#concept-cache-clear.
func TestPreflightCache(t *testing.T) {
	a, b := newSite(t), newSite(t)
	var hits, misses int
	trace := &ClientTrace{CacheHit: func(string) { hits++ }, CacheMiss: func(string) { misses++ }}
	ctx := WithClientTrace(context.Background(), trace)
	send := func(tr *Transport, q string) error {
		req, _ := http.NewRequestWithContext(ctx, "PUT", b.URL+"/c?"+q, nil)
		resp, err := tr.RoundTrip(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	t.Run("max-age 60 caches", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		hits, misses = 0, 0
		n := b.count("OPTIONS")
		for i := 0; i < 3; i++ {
			if err := send(tr, "acao=*&acam=PUT&maxage=60"); err != nil {
				t.Fatal(err)
			}
		}
		if got := b.count("OPTIONS") - n; got != 1 || hits != 2 || misses != 1 {
			t.Errorf("%d preflights, %d hits, %d misses; want 1, 2, 1", got, hits, misses)
		}
	})
	t.Run("max-age 0 does not cache", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		n := b.count("OPTIONS")
		for i := 0; i < 2; i++ {
			if err := send(tr, "acao=*&acam=PUT&maxage=0"); err != nil {
				t.Fatal(err)
			}
		}
		if got := b.count("OPTIONS") - n; got != 2 {
			t.Errorf("%d preflights, want 2", got)
		}
	})
	t.Run("a blocked actual response clears the entries", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		n := b.count("OPTIONS")
		q := "acao=*&acam=PUT&maxage=60&noacao=1"
		if err := send(tr, q); corsReason(err) != cors.MissingAllowOriginHeader {
			t.Fatalf("err = %v", err)
		}
		if err := send(tr, q); corsReason(err) != cors.MissingAllowOriginHeader {
			t.Fatalf("err = %v", err)
		}
		if got := b.count("OPTIONS") - n; got != 2 {
			t.Errorf("%d preflights, want 2: the first failure must clear the cache", got)
		}
	})
	t.Run("shared cache, partitioned", func(t *testing.T) {
		tr1 := &Transport{Origin: a.origin(), Partition: "https://top1.example"}
		tr2 := &Transport{Origin: a.origin(), Partition: "https://top2.example", Cache: nil}
		tr2.Cache = tr1.preflightCache()
		n := b.count("OPTIONS")
		q := "acao=*&acam=PUT&maxage=60&part=1"
		for _, tr := range []*Transport{tr1, tr1, tr2, tr2} {
			if err := send(tr, q); err != nil {
				t.Fatal(err)
			}
		}
		if got := b.count("OPTIONS") - n; got != 2 {
			t.Errorf("%d preflights, want one per partition", got)
		}
	})
}

// Identical concurrent preflights share one request when coalescing is on.
func TestCoalescePreflights(t *testing.T) {
	a, b := newSite(t), newSite(t)
	b.block = make(chan struct{})
	tr := &Transport{Origin: a.origin(), CoalescePreflights: true}
	const n = 50
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := do(t, tr, "PUT", b.URL+"/co?acao=*&acam=PUT&maxage=0", Options{}, nil, "")
			errs <- err
		}()
	}
	// Let every goroutine reach the flight before the preflight answers.
	time.Sleep(200 * time.Millisecond)
	close(b.block)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := b.nOpts.Load(); got != 1 {
		t.Errorf("%d OPTIONS for %d identical requests, want 1", got, n)
	}
	if got := b.count("PUT"); got != n {
		t.Errorf("%d PUT, want %d", got, n)
	}
}

// Cancelling the request's context in the middle of a preflight ends the
// fetch with the context's error.
func TestCancelDuringPreflight(t *testing.T) {
	a, b := newSite(t), newSite(t)
	b.block = make(chan struct{})
	defer close(b.block)
	for _, coalesce := range []bool{false, true} {
		tr := &Transport{Origin: a.origin(), CoalescePreflights: coalesce}
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "PUT", b.URL+"/cancel?acao=*&acam=PUT", nil)
		go func() {
			for b.nOpts.Load() == 0 {
				time.Sleep(time.Millisecond)
			}
			cancel()
		}()
		_, err := tr.RoundTrip(req)
		if !errors.Is(err, context.Canceled) || !errors.Is(err, ErrNetwork) {
			t.Errorf("coalesce=%v: err = %v, want context.Canceled and ErrNetwork", coalesce, err)
		}
		b.nOpts.Store(0)
	}
	if b.count("PUT") != 0 {
		t.Error("the actual request was sent")
	}
}

// A waiter of a coalesced preflight whose leader is cancelled runs its own.
func TestCoalescedLeaderCancelled(t *testing.T) {
	a, b := newSite(t), newSite(t)
	b.block = make(chan struct{})
	tr := &Transport{Origin: a.origin(), CoalescePreflights: true}
	target := b.URL + "/lead?acao=*&acam=PUT"
	ctx, cancel := context.WithCancel(context.Background())
	leaderDone := make(chan error)
	go func() {
		req, _ := http.NewRequestWithContext(ctx, "PUT", target, nil)
		_, err := tr.RoundTrip(req)
		leaderDone <- err
	}()
	for b.nOpts.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	waiterDone := make(chan error)
	go func() {
		_, _, err := do(t, tr, "PUT", target, Options{}, nil, "")
		waiterDone <- err
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	if err := <-leaderDone; !errors.Is(err, context.Canceled) {
		t.Fatalf("leader: %v", err)
	}
	close(b.block)
	if err := <-waiterDone; err != nil {
		t.Fatalf("waiter: %v", err)
	}
	_ = url.QueryEscape
}

// 100 concurrent identical requests on a cold cache make exactly one
// preflight when coalescing is on: each either joins the flight in progress
// or, arriving after it ended, finds its result in the cache (max-age 600).
// The figure goes to BENCHMARKS.md.
func TestCoalesce100Cold(t *testing.T) {
	s, opts := benchServer(t)
	base := benchBase(t)
	base.MaxIdleConnsPerHost = 100
	for _, coalesce := range []bool{true, false} {
		var counts []int64
		for range 10 {
			n0 := opts.Load()
			tr := &Transport{Base: base, Origin: benchPage, CoalescePreflights: coalesce, Cache: preflightcache.New(nil)}
			if err := concurrentPUTs(tr, s.URL+"/warm", 100); err != nil {
				t.Fatal(err)
			}
			counts = append(counts, opts.Load()-n0)
		}
		t.Logf("CoalescePreflights %v: OPTIONS per 100 concurrent cold requests: %v", coalesce, counts)
		for _, n := range counts {
			if coalesce && n != 1 {
				t.Errorf("%d OPTIONS, want 1", n)
			}
		}
	}
}

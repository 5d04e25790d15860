package fetch

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// flightBase is an http.RoundTripper made of a function.
type flightBase func(*http.Request) (*http.Response, error)

func (f flightBase) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A Base timeout on a coalesced preflight matches context.DeadlineExceeded,
// but it is the preflight's failure, not the end of the leader's context:
// every waiter must get it, and only one preflight may go out (issue 10,
// defect 4). Before the fix each waiter retried as the next leader: 8
// preflights, each paying the timeout.
func TestCoalescedPreflightBaseTimeoutIsShared(t *testing.T) {
	const n = 8
	var waiting atomic.Int32
	testHookFlightWait = func() { waiting.Add(1) }
	defer func() { testHookFlightWait = nil }()

	var preflights atomic.Int32
	base := flightBase(func(r *http.Request) (*http.Response, error) {
		if r.Method != http.MethodOptions {
			return nil, fmt.Errorf("unexpected %s", r.Method)
		}
		if preflights.Add(1) == 1 {
			// Hold the first preflight until every other request waits
			// on it; the deadline only detects a hang.
			deadline := time.Now().Add(10 * time.Second)
			for waiting.Load() < n-1 && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
		}
		return nil, fmt.Errorf("net/http: timeout awaiting response headers: %w", context.DeadlineExceeded)
	})
	tr := &Transport{Base: base, Origin: "https://app.example", CoalescePreflights: true}
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest(http.MethodPut, "https://api.example/x", nil)
			resp, err := tr.RoundTrip(req)
			if resp != nil {
				resp.Body.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	if got := preflights.Load(); got != 1 {
		t.Errorf("%d preflights sent, want 1", got)
	}
	for i, err := range errs {
		if err == nil {
			t.Errorf("request %d: no error", i)
		}
	}
}

// When the leader's own context ends, its waiters still want the preflight:
// one of them leads a new one.
func TestCoalescedPreflightLeaderCancelRetries(t *testing.T) {
	var waiting atomic.Int32
	testHookFlightWait = func() { waiting.Add(1) }
	defer func() { testHookFlightWait = nil }()

	leaderCtx, cancel := context.WithCancel(context.Background())
	var preflights atomic.Int32
	base := flightBase(func(r *http.Request) (*http.Response, error) {
		if preflights.Add(1) == 1 {
			deadline := time.Now().Add(10 * time.Second)
			for waiting.Load() < 1 && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
			cancel()
			return nil, context.Canceled
		}
		if r.Method == http.MethodOptions {
			return &http.Response{StatusCode: 204, Header: http.Header{
				"Access-Control-Allow-Origin":  {"https://app.example"},
				"Access-Control-Allow-Methods": {"PUT"},
			}, Body: http.NoBody, Request: r}, nil
		}
		return &http.Response{StatusCode: 200, Header: http.Header{
			"Access-Control-Allow-Origin": {"https://app.example"},
		}, Body: http.NoBody, Request: r}, nil
	})
	tr := &Transport{Base: base, Origin: "https://app.example", CoalescePreflights: true}
	leaderDone := make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(leaderCtx, http.MethodPut, "https://api.example/x", nil)
		_, err := tr.RoundTrip(req)
		leaderDone <- err
	}()
	for preflights.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	req, _ := http.NewRequest(http.MethodPut, "https://api.example/x", nil)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatalf("waiter: %v, want a new preflight of its own", err)
	}
	resp.Body.Close()
	if err := <-leaderDone; err == nil {
		t.Error("leader: no error after its context was cancelled")
	}
	if got := preflights.Load(); got != 3 { // the cancelled preflight, the waiter's, its PUT
		t.Errorf("%d requests to Base, want 3", got)
	}
}

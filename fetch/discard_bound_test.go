package fetch

import (
	"context"
	"net/http"
	"runtime"
	"sync"
	"testing"
)

// openStalled sends n concurrent no-cors GETs to s's stalling path with
// ctx; each returns an opaque response at once and leaves its body to
// discard. It fails the test if one does not.
func openStalled(t *testing.T, ctx context.Context, tr *Transport, s *stallServer, n int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for range n {
		wg.Go(func() {
			req, err := http.NewRequestWithContext(WithOptions(ctx, Options{Mode: ModeNoCORS}), "GET", s.URL+"/stall", nil)
			if err != nil {
				errs <- err
				return
			}
			resp, err := tr.RoundTrip(req)
			if err != nil {
				errs <- err
				return
			}
			resp.Body.Close()
			if TypeOf(resp) != ResponseOpaque {
				t.Errorf("type %v, want opaque", TypeOf(resp))
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// A flood of unwanted bodies that never end costs at most maxDrainers
// goroutines: past the bound, bodies are closed at once instead of read.
// Counted, not timed: the server stalls and drainTime is long, so every
// drain started is still running when counted.
func TestDiscardGoroutinesBounded(t *testing.T) {
	drainTimeout.Store(int64(10 * hangTimeout))
	t.Cleanup(func() { drainTimeout.Store(0) })
	s := newStallServer(t)
	tr := &Transport{Base: &http.Transport{}, Origin: "https://page.example"}
	t.Cleanup(tr.CloseIdleConnections)
	n := 3 * maxDrainers
	openStalled(t, t.Context(), tr, s, n)
	if got := drainGoroutines(); got > maxDrainers || got == 0 {
		t.Errorf("%d goroutines discard %d stalled bodies, want 1 to maxDrainers = %d", got, n, maxDrainers)
	}
	s.stop()
	if !waitFor(func() bool { return drainGoroutines() == 0 }) {
		t.Errorf("%d goroutines still discard bodies after the server ended them", drainGoroutines())
	}
}

// Cancelling the request's context ends the discarding of its body, with
// nothing left running, even while the server stalls and drainTime has not
// passed: no goroutine leaks.
func TestDiscardEndsWhenContextCancelled(t *testing.T) {
	drainTimeout.Store(int64(10 * hangTimeout))
	t.Cleanup(func() { drainTimeout.Store(0) })
	s := newStallServer(t)
	base := &http.Transport{}
	tr := &Transport{Base: base, Origin: "https://page.example"}
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	openStalled(t, ctx, tr, s, 20)
	if drainGoroutines() == 0 {
		t.Fatal("no body is being discarded: the test sees nothing")
	}
	cancel()
	var after, drains int
	settled := func() bool {
		tr.CloseIdleConnections()
		after, drains = runtime.NumGoroutine(), drainGoroutines()
		return drains == 0 && after <= before && s.stalled.Load() == 0
	}
	if !waitFor(settled) {
		t.Errorf("after cancelling: %d goroutines discard bodies, %d goroutines (before: %d), %d handlers stalled", drains, after, before, s.stalled.Load())
	}
}

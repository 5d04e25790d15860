package preflightcache

import (
	"strconv"
	"testing"
	"time"
)

// A Store prepares a hostile result without the cache's lock, so while it
// is paused halfway through preparing, an unrelated Store and lookups
// complete (issue 10, defect 7: an unrelated Store waited 2.9 s). No
// timing: the hook pauses the big Store for as long as the test needs.
func TestStorePreparesWithoutTheLock(t *testing.T) {
	c, _ := newFake(Options{})
	names := make([]string, 1_000_000)
	for i := range names {
		names[i] = "x-h" + strconv.Itoa(i)
	}
	paused, resume := make(chan struct{}), make(chan struct{})
	testHookPrepare = func() {
		testHookPrepare = nil // only the big Store pauses
		close(paused)
		<-resume
	}
	defer func() { testHookPrepare = nil }()
	done := make(chan struct{})
	go func() {
		defer close(done)
		c.Store(keyN(0), result(false, time.Hour, []string{"PUT"}, names))
	}()
	<-paused
	locked := !c.mu.TryLock()
	if !locked {
		c.mu.Unlock()
	}
	if locked {
		close(resume) // let the big Store finish, then fail
		<-done
		t.Fatal("Store holds the cache's lock while it prepares its entries")
	}
	other := keyN(1)
	c.Store(other, result(false, time.Hour, []string{"DELETE"}, []string{"x-a"}))
	if !c.Covers(other, false, "DELETE", true, []string{"X-A"}) || c.MatchMethod(keyN(0), false, "PUT") {
		t.Error("want the unrelated Store done and the big one not yet")
	}
	close(resume)
	<-done
	if !c.MatchHeader(keyN(0), false, names[0]) || !c.MatchMethod(other, false, "DELETE") {
		t.Error("want both Stores done")
	}
	if msg := checkInvariants(c); msg != "" {
		t.Error(msg)
	}
}

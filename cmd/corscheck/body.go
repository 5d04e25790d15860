package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// maxBodyRead is how much of an allowed response's body corscheck reads: the
// verdict is known at the headers, as fetch() resolves then; the body only
// tells whether the page would get one.
const maxBodyRead = 64 << 10

// defaultBodyGrace is how long corscheck keeps reading a body after the
// headers, so a server that drips its body costs at most this, not the
// whole -timeout.
const defaultBodyGrace = time.Second

// readBody reads and closes body: up to maxBodyRead bytes, for at most
// grace, and not past ctx. It says how much it read and, if it stopped
// before the end, why.
func readBody(ctx context.Context, body io.ReadCloser, grace time.Duration) *bodyInfo {
	var (
		n    int64
		done = make(chan struct{})
	)
	var err error
	go func() {
		n, err = io.Copy(io.Discard, io.LimitReader(body, maxBodyRead+1))
		close(done)
	}()
	timer := time.NewTimer(grace)
	defer timer.Stop()
	bi := &bodyInfo{}
	select {
	case <-done:
	case <-timer.C:
		bi.Cut = fmt.Sprintf("the rest did not come within %v", grace)
	case <-ctx.Done():
		bi.Cut = "the -timeout ran out"
	}
	body.Close() // unblocks a Read that waits on the server
	<-done
	if bi.Cut == "" && err != nil {
		bi.Cut = "reading failed: " + err.Error()
		if errors.Is(err, errBodyGrace) {
			bi.Cut = fmt.Sprintf("the rest did not come within %v", grace)
		}
	}
	bi.Read = n
	if n > maxBodyRead {
		bi.Read, bi.Cut = maxBodyRead, fmt.Sprintf("corscheck reads at most %d KiB", maxBodyRead>>10)
	}
	return bi
}

// errBodyGrace is what a graceBody's Read returns once its grace is over.
var errBodyGrace = errors.New("corscheck: body read stopped after the grace period")

// graceBody is a response body that closes itself grace after the headers
// unless it was read to the end by then: so a server that sends headers and
// then stalls or drips costs at most grace wherever the body is read, by
// corscheck or by the Transport (which drains the bodies of preflights and
// blocked responses before it returns).
type graceBody struct {
	rc    io.ReadCloser
	timer *time.Timer
	cut   atomic.Bool
}

func newGraceBody(rc io.ReadCloser, grace time.Duration) *graceBody {
	g := &graceBody{rc: rc}
	g.timer = time.AfterFunc(grace, func() {
		g.cut.Store(true)
		rc.Close()
	})
	return g
}

func (g *graceBody) Read(p []byte) (int, error) {
	n, err := g.rc.Read(p)
	switch {
	case err == io.EOF:
		g.timer.Stop()
	case err != nil && g.cut.Load():
		err = errBodyGrace
	}
	return n, err
}

func (g *graceBody) Close() error {
	g.timer.Stop()
	return g.rc.Close()
}

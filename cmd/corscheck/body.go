package main

import (
	"context"
	"fmt"
	"io"
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
	go func() {
		n, _ = io.Copy(io.Discard, io.LimitReader(body, maxBodyRead+1))
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
	bi.Read = n
	if n > maxBodyRead {
		bi.Read, bi.Cut = maxBodyRead, fmt.Sprintf("corscheck reads at most %d KiB", maxBodyRead>>10)
	}
	return bi
}

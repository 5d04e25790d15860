package jsruntime

import (
	"context"
	"sync"

	"github.com/dop251/goja"
)

// Loop is a minimal event loop for a goja.Runtime, which is
// single-threaded: Go work runs on goroutines and hands back a
// continuation, which the loop runs on the runtime's goroutine (and goja
// then runs the promise jobs it queued). A Loop is used from one goroutine.
type Loop struct {
	vm      *goja.Runtime
	ctx     context.Context // ends when Close is called
	cancel  context.CancelFunc
	queue   chan func()
	pending int // goroutines started whose continuation has not run

	mu      sync.Mutex
	closers map[int]func()
	nextID  int
}

// NewLoop returns a loop around a new goja.Runtime.
func NewLoop() *Loop {
	ctx, cancel := context.WithCancel(context.Background())
	return &Loop{vm: goja.New(), ctx: ctx, cancel: cancel, queue: make(chan func())}
}

// VM returns the loop's runtime. Use it only on the loop's goroutine.
func (l *Loop) VM() *goja.Runtime { return l.vm }

// Context ends when the loop is closed: the parent of every request.
func (l *Loop) Context() context.Context { return l.ctx }

// Go runs work on a new goroutine and then the continuation it returns on
// the loop. Call it on the loop.
func (l *Loop) Go(work func() (continuation func())) {
	l.pending++
	go func() {
		cont := work()
		select {
		case l.queue <- cont:
		case <-l.ctx.Done():
		}
	}()
}

// Run runs src and then the loop until no Go work is pending, or ctx ends.
func (l *Loop) Run(ctx context.Context, src string) (goja.Value, error) {
	v, err := l.vm.RunString(src)
	if err != nil {
		return nil, err
	}
	return v, l.Wait(ctx)
}

// Wait runs continuations until no Go work is pending, or ctx ends.
func (l *Loop) Wait(ctx context.Context) error {
	for l.pending > 0 {
		select {
		case cont := <-l.queue:
			l.pending--
			cont()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// onClose registers f to run at Close (an unread response body's Close);
// the returned func unregisters it. Safe from any goroutine.
func (l *Loop) onClose(f func()) (unregister func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closers == nil {
		l.closers = make(map[int]func())
	}
	l.nextID++
	id := l.nextID
	l.closers[id] = f
	return func() {
		l.mu.Lock()
		delete(l.closers, id)
		l.mu.Unlock()
	}
}

// Close cancels every request still running and closes the bodies no
// script read.
func (l *Loop) Close() {
	l.cancel()
	l.mu.Lock()
	fs := l.closers
	l.closers = nil
	l.mu.Unlock()
	for _, f := range fs {
		f()
	}
}

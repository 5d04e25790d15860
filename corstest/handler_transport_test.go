package corstest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// closeRecorder is a request body that records Close.
type closeRecorder struct {
	io.Reader
	closed atomic.Bool
}

func (c *closeRecorder) Close() error { c.closed.Store(true); return nil }

func mustRequest(t *testing.T, method, url string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func roundTrip(t *testing.T, h http.Handler, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := (&HandlerTransport{Handler: h}).RoundTrip(req)
	if err != nil {
		t.Fatalf("RoundTrip: %v", err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	return resp, string(b)
}

// Each row is a behaviour of net/http's server (net/http/server.go) that a
// handler may rely on and that the in-process path must reproduce.
func TestHandlerTransportResponses(t *testing.T) {
	tests := []struct {
		name       string
		method     string
		handler    http.HandlerFunc
		wantStatus string
		wantBody   string
		wantCL     int64
		wantHeader map[string]string // "" means absent
	}{
		{
			name:       "no write is 200 with Content-Length 0",
			method:     "GET",
			handler:    func(w http.ResponseWriter, r *http.Request) {},
			wantStatus: "200 OK",
			wantCL:     0,
			wantHeader: map[string]string{"Content-Length": "0", "Content-Type": ""},
		},
		{
			name:   "small body gets Content-Length and a sniffed Content-Type",
			method: "GET",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, "<html>hi</html>")
			},
			wantStatus: "200 OK",
			wantBody:   "<html>hi</html>",
			wantCL:     15,
			wantHeader: map[string]string{"Content-Length": "15", "Content-Type": "text/html; charset=utf-8"},
		},
		{
			name:   "explicit Content-Type is kept",
			method: "GET",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, `{}`)
			},
			wantStatus: "200 OK",
			wantBody:   "{}",
			wantCL:     2,
			wantHeader: map[string]string{"Content-Type": "application/json"},
		},
		{
			name:   "a nil Content-Type entry suppresses sniffing",
			method: "GET",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header()["Content-Type"] = nil
				io.WriteString(w, "<html>")
			},
			wantStatus: "200 OK",
			wantBody:   "<html>",
			wantCL:     6,
			wantHeader: map[string]string{"Content-Type": ""},
		},
		{
			name:   "header changes after WriteHeader are not sent",
			method: "GET",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
				w.WriteHeader(http.StatusCreated)
				w.Header().Set("Access-Control-Allow-Origin", "*")
				w.Header().Set("X-Late", "1")
			},
			wantStatus: "201 Created",
			wantCL:     0,
			wantHeader: map[string]string{"Access-Control-Allow-Origin": "https://app.example", "X-Late": ""},
		},
		{
			name:   "second WriteHeader is ignored",
			method: "GET",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusNotFound)
				w.WriteHeader(http.StatusOK)
			},
			wantStatus: "404 Not Found",
		},
		{
			name:   "1xx is informational and not delivered",
			method: "GET",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(http.StatusEarlyHints)
				w.WriteHeader(http.StatusAccepted)
			},
			wantStatus: "202 Accepted",
		},
		{
			name:   "unknown status gets net/http's text",
			method: "GET",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(599)
			},
			wantStatus: "599 status code 599",
		},
		{
			name:   "204 has no body and no Content-Length",
			method: "OPTIONS",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", "3")
				w.WriteHeader(http.StatusNoContent)
				if _, err := io.WriteString(w, "abc"); !errors.Is(err, http.ErrBodyNotAllowed) {
					panic("write on 204: " + errString(err))
				}
			},
			wantStatus: "204 No Content",
			wantCL:     0,
			wantHeader: map[string]string{"Content-Length": ""},
		},
		{
			name:   "304 drops Content-Type",
			method: "GET",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				w.WriteHeader(http.StatusNotModified)
			},
			wantStatus: "304 Not Modified",
			wantHeader: map[string]string{"Content-Type": ""},
		},
		{
			name:   "HEAD: no body, Content-Length of what was written",
			method: "HEAD",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, "hello")
			},
			wantStatus: "200 OK",
			wantCL:     5,
			wantHeader: map[string]string{"Content-Length": "5", "Content-Type": "text/plain; charset=utf-8"},
		},
		{
			name:       "HEAD with nothing written has no Content-Length",
			method:     "HEAD",
			handler:    func(w http.ResponseWriter, r *http.Request) {},
			wantStatus: "200 OK",
			wantCL:     -1,
			wantHeader: map[string]string{"Content-Length": ""},
		},
		{
			name:   "write beyond declared Content-Length fails",
			method: "GET",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", "2")
				io.WriteString(w, "ab")
				if _, err := io.WriteString(w, "c"); !errors.Is(err, http.ErrContentLength) {
					panic("write beyond Content-Length: " + errString(err))
				}
			},
			wantStatus: "200 OK",
			wantBody:   "ab",
			wantCL:     2,
		},
		{
			name:   "invalid Content-Length is dropped",
			method: "GET",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", "x")
				io.WriteString(w, "abc")
			},
			wantStatus: "200 OK",
			wantBody:   "abc",
			wantCL:     3,
			wantHeader: map[string]string{"Content-Length": "3"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := roundTrip(t, tt.handler, mustRequest(t, tt.method, "http://api.example/x", nil))
			if resp.Status != tt.wantStatus {
				t.Errorf("Status = %q, want %q", resp.Status, tt.wantStatus)
			}
			if body != tt.wantBody {
				t.Errorf("body = %q, want %q", body, tt.wantBody)
			}
			if tt.wantStatus[:3] == "200" && resp.ContentLength != tt.wantCL {
				t.Errorf("ContentLength = %d, want %d", resp.ContentLength, tt.wantCL)
			}
			for k, v := range tt.wantHeader {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			if resp.Proto != "HTTP/1.1" || resp.Request == nil {
				t.Errorf("Proto = %q, Request = %v", resp.Proto, resp.Request)
			}
		})
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func TestHandlerTransportShortBody(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "10")
		io.WriteString(w, "abc")
	})
	resp, err := (&HandlerTransport{Handler: h}).RoundTrip(mustRequest(t, "GET", "http://api.example/", nil))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if string(b) != "abc" || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("ReadAll = %q, %v; want %q, unexpected EOF", b, err, "abc")
	}
}

// The handler must see the request a net/http server would build.
func TestHandlerTransportServerRequest(t *testing.T) {
	var got *http.Request
	var gotBody string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		b, _ := io.ReadAll(r.Body)
		gotBody = string(b)
	})
	rb := &closeRecorder{Reader: strings.NewReader("payload")}
	req := mustRequest(t, "PUT", "https://api.example:8443/a/b?q=1", nil)
	req.Body = rb
	req.ContentLength = 7
	req.Header.Set("Origin", "https://app.example")
	req.Header.Set("Host", "ignored.example")
	req.Host = "virtual.example"
	roundTrip(t, h, req)

	checks := []struct{ what, got, want string }{
		{"Method", got.Method, "PUT"},
		{"RequestURI", got.RequestURI, "/a/b?q=1"},
		{"URL", got.URL.String(), "/a/b?q=1"},
		{"Host", got.Host, "virtual.example"},
		{"Header Host", got.Header.Get("Host"), ""},
		{"Origin", got.Header.Get("Origin"), "https://app.example"},
		{"RemoteAddr", got.RemoteAddr, "192.0.2.1:1234"},
		{"Proto", got.Proto, "HTTP/1.1"},
		{"body", gotBody, "payload"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
	if got.TLS == nil || got.TLS.ServerName != "api.example" {
		t.Errorf("TLS = %+v, want a state for api.example", got.TLS)
	}
	if got.ContentLength != 7 {
		t.Errorf("ContentLength = %d, want 7", got.ContentLength)
	}
	if !rb.closed.Load() {
		t.Error("request body not closed after the handler returned")
	}
	if req.Header.Get("Host") != "ignored.example" || req.URL.Host != "api.example:8443" {
		t.Error("the caller's request was modified")
	}
	if err := got.Context().Err(); !errors.Is(err, context.Canceled) {
		t.Errorf("handler context after return: %v, want canceled", err)
	}
}

func TestHandlerTransportNoBodyRequest(t *testing.T) {
	var body io.ReadCloser
	var https bool
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { body, https = r.Body, r.TLS != nil })
	roundTrip(t, h, mustRequest(t, "GET", "http://api.example/", nil))
	if body != http.NoBody {
		t.Errorf("Body = %T, want http.NoBody", body)
	}
	if https {
		t.Error("TLS set for an http URL")
	}
}

// A body larger than the commit buffer streams: the caller gets the response
// while the handler is still writing.
func TestHandlerTransportStreams(t *testing.T) {
	release := make(chan struct{})
	chunk := strings.Repeat("x", bufferBeforeCommit+1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, chunk)
		<-release
		io.WriteString(w, "tail")
	})
	resp, err := (&HandlerTransport{Handler: h}).RoundTrip(mustRequest(t, "GET", "http://api.example/", nil))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.ContentLength != -1 {
		t.Errorf("ContentLength = %d, want -1 while streaming", resp.ContentLength)
	}
	first := make([]byte, len(chunk))
	if _, err := io.ReadFull(resp.Body, first); err != nil {
		t.Fatal(err)
	}
	close(release)
	rest, err := io.ReadAll(resp.Body)
	if err != nil || string(rest) != "tail" {
		t.Errorf("rest = %q, %v; want %q", rest, err, "tail")
	}
}

func TestHandlerTransportFlush(t *testing.T) {
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, "a")
		if err := http.NewResponseController(w).Flush(); err != nil {
			panic(err)
		}
		<-release
		io.WriteString(w, "b")
	})
	resp, err := (&HandlerTransport{Handler: h}).RoundTrip(mustRequest(t, "GET", "http://api.example/", nil))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	one := make([]byte, 1)
	if _, err := io.ReadFull(resp.Body, one); err != nil || string(one) != "a" {
		t.Fatalf("first byte = %q, %v", one, err)
	}
	close(release)
	rest, _ := io.ReadAll(resp.Body)
	if string(rest) != "b" {
		t.Errorf("rest = %q, want b", rest)
	}
}

// Closing the body early cancels the handler's context and fails its writes.
func TestHandlerTransportBodyClose(t *testing.T) {
	writeErr := make(chan error, 1)
	ctxErr := make(chan error, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush()
		<-r.Context().Done()
		ctxErr <- r.Context().Err()
		_, err := io.WriteString(w, "late")
		writeErr <- err
	})
	resp, err := (&HandlerTransport{Handler: h}).RoundTrip(mustRequest(t, "GET", "http://api.example/", nil))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := <-ctxErr; !errors.Is(err, context.Canceled) {
		t.Errorf("handler context = %v, want canceled", err)
	}
	if err := <-writeErr; err == nil {
		t.Error("write after the client closed the body succeeded")
	}
	if _, err := resp.Body.Read(make([]byte, 1)); !errors.Is(err, http.ErrBodyReadAfterClose) {
		t.Errorf("Read after Close = %v", err)
	}
}

// Cancelling the request context ends RoundTrip before the handler answers,
// and the handler sees its context cancelled.
func TestHandlerTransportContextBeforeResponse(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	seen := make(chan error, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cancel()
		<-r.Context().Done()
		seen <- r.Context().Err()
	})
	req := mustRequest(t, "GET", "http://api.example/", nil).WithContext(ctx)
	resp, err := (&HandlerTransport{Handler: h}).RoundTrip(req)
	if !errors.Is(err, context.Canceled) || resp != nil {
		t.Fatalf("RoundTrip = %v, %v; want context.Canceled", resp, err)
	}
	if err := <-seen; !errors.Is(err, context.Canceled) {
		t.Errorf("handler context = %v", err)
	}
}

func TestHandlerTransportContextWhileStreaming(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	writeErr := make(chan error, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush()
		<-r.Context().Done()
		_, err := io.WriteString(w, "late")
		writeErr <- err
	})
	req := mustRequest(t, "GET", "http://api.example/", nil).WithContext(ctx)
	resp, err := (&HandlerTransport{Handler: h}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	cancel()
	if _, err := io.ReadAll(resp.Body); !errors.Is(err, context.Canceled) {
		t.Errorf("reading after cancel: %v, want context.Canceled", err)
	}
	if err := <-writeErr; err == nil {
		t.Error("handler write after cancel succeeded")
	}
}

func TestHandlerTransportPanics(t *testing.T) {
	t.Run("before the response", func(t *testing.T) {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic("boom") })
		_, err := (&HandlerTransport{Handler: h}).RoundTrip(mustRequest(t, "GET", "http://api.example/p", nil))
		if err == nil || !strings.Contains(err.Error(), "boom") || !strings.Contains(err.Error(), "GET /p") {
			t.Errorf("err = %v, want the panic value and the request", err)
		}
	})
	t.Run("abort handler", func(t *testing.T) {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { panic(http.ErrAbortHandler) })
		_, err := (&HandlerTransport{Handler: h}).RoundTrip(mustRequest(t, "GET", "http://api.example/", nil))
		if err == nil || !strings.Contains(err.Error(), "aborted") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("invalid status code", func(t *testing.T) {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(42) })
		_, err := (&HandlerTransport{Handler: h}).RoundTrip(mustRequest(t, "GET", "http://api.example/", nil))
		if err == nil || !strings.Contains(err.Error(), "invalid WriteHeader code 42") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("after the response", func(t *testing.T) {
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "part")
			w.(http.Flusher).Flush()
			panic("late boom")
		})
		resp, err := (&HandlerTransport{Handler: h}).RoundTrip(mustRequest(t, "GET", "http://api.example/", nil))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if string(b) != "part" || err == nil || !strings.Contains(err.Error(), "late boom") {
			t.Errorf("ReadAll = %q, %v", b, err)
		}
	})
}

func TestHandlerTransportBadInput(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		tr      *HandlerTransport
		req     func() *http.Request
		wantErr string
	}{
		{"nil handler", &HandlerTransport{}, func() *http.Request { return mustRequest(t, "GET", "http://a.example/", nil) }, "nil Handler"},
		{"nil URL", &HandlerTransport{Handler: ok}, func() *http.Request {
			r := mustRequest(t, "GET", "http://a.example/", nil)
			r.URL = nil
			return r
		}, "nil URL"},
		{"ftp scheme", &HandlerTransport{Handler: ok}, func() *http.Request { return mustRequest(t, "GET", "ftp://a.example/", nil) }, "unsupported protocol scheme"},
		{"cancelled context", &HandlerTransport{Handler: ok}, func() *http.Request {
			return mustRequest(t, "GET", "http://a.example/", nil).WithContext(cancelled)
		}, "context canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req()
			rb := &closeRecorder{Reader: strings.NewReader("x")}
			req.Body = rb
			resp, err := tt.tr.RoundTrip(req)
			if err == nil || resp != nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("RoundTrip = %v, %v; want an error containing %q", resp, err, tt.wantErr)
			}
			if !rb.closed.Load() {
				t.Error("request body not closed on error")
			}
		})
	}
	if _, err := (&HandlerTransport{Handler: ok}).RoundTrip(nil); err == nil {
		t.Error("nil request: no error")
	}
}

// After every handler has returned and every body is closed, no goroutine of
// the transport is left.
func TestHandlerTransportNoLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/big" {
			io.WriteString(w, strings.Repeat("y", 3*bufferBeforeCommit))
			return
		}
		io.WriteString(w, "ok")
	})
	tr := &HandlerTransport{Handler: h}
	for i := 0; i < 50; i++ {
		for _, p := range []string{"/small", "/big"} {
			resp, err := tr.RoundTrip(mustRequest(t, "GET", "http://api.example"+p, nil))
			if err != nil {
				t.Fatal(err)
			}
			if i%2 == 0 {
				io.Copy(io.Discard, resp.Body)
			}
			resp.Body.Close()
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left, had %d", n, before)
	}
}

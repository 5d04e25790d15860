package jsruntime

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
)

// seen is what a test server recorded of one request.
type seen struct {
	Method, ContentType, Cookie, XCustom, Origin, Referer, Body string
	// Range, and the Accept-Encoding sent with it (which is "identity"
	// then; without a Range the engines offer different codings).
	Range, RangeAcceptEncoding string
}

// server is a loopback origin whose behaviour is set by the query string,
// like the WPT resources (fetch/api/resources/preflight.py, redirect.py):
//
//	acao=<v>|echo   Access-Control-Allow-Origin (echo: the request's Origin)
//	acac=1          Access-Control-Allow-Credentials: true
//	acam, acah      Allow-Methods and Allow-Headers on the preflight
//	aceh            Access-Control-Expose-Headers on the response
//	pstatus=<n>     the preflight's status (a 3xx has a Location)
//	status=<n>      the response's status
//	location=<u>    redirect there with status rstatus (302); {site} and {api} are expanded
//	hops=<n>        redirect n times (status rstatus) to the same URL with hops=n-1
//	wait=1          answer only when the request is cancelled
//	gzip=1          a gzip-encoded body (Content-Encoding: gzip)
//
// Every response carries X-Custom, X-Secret, Set-Cookie and a JSON body
// echoing the request; no Date, so that two runs see the same headers.
type server struct {
	*httptest.Server
	mu     sync.Mutex
	log    []seen
	expand func(string) string
}

func newServer(t *testing.T) *server {
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// since returns the requests recorded after the first n.
func (s *server) since(n int) []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.log[n:]...)
}

func (s *server) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.log)
}

func (s *server) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/favicon.ico" {
		// Chromium asks for it after opening /page; it is no case's request.
		http.NotFound(w, r)
		return
	}
	if r.URL.Path == "/page" {
		// The page Chromium opens to run a case at this origin: not logged,
		// no cookie.
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<!doctype html><title>page</title>")
		return
	}
	body, _ := io.ReadAll(r.Body)
	rec := seen{Method: r.Method, ContentType: r.Header.Get("Content-Type"), Cookie: r.Header.Get("Cookie"),
		XCustom: r.Header.Get("X-Custom"), Origin: r.Header.Get("Origin"), Referer: r.Header.Get("Referer"),
		Body: string(body), Range: r.Header.Get("Range")}
	if rec.Range != "" {
		rec.RangeAcceptEncoding = r.Header.Get("Accept-Encoding")
	}
	s.mu.Lock()
	s.log = append(s.log, rec)
	s.mu.Unlock()

	q := r.URL.Query()
	h := w.Header()
	h["Date"] = nil
	if acao := q.Get("acao"); acao == "echo" {
		h.Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
	} else if acao != "" {
		h.Set("Access-Control-Allow-Origin", s.expand(acao))
	}
	if q.Has("acac") {
		h.Set("Access-Control-Allow-Credentials", "true")
	}
	if r.Method == http.MethodOptions {
		if q.Has("acam") {
			h.Set("Access-Control-Allow-Methods", q.Get("acam"))
		}
		if q.Has("acah") {
			h.Set("Access-Control-Allow-Headers", q.Get("acah"))
		}
		ps := atoiOr(q.Get("pstatus"), 204)
		if ps >= 300 && ps < 400 {
			h.Set("Location", "/elsewhere")
		}
		w.WriteHeader(ps)
		return
	}
	if q.Has("aceh") {
		h.Set("Access-Control-Expose-Headers", q.Get("aceh"))
	}
	h.Set("X-Custom", "custom")
	h.Set("X-Secret", "secret")
	h.Set("Set-Cookie", "server=1")
	if n := atoiOr(q.Get("hops"), 0); n > 0 {
		q.Set("hops", strconv.Itoa(n-1))
		h.Set("Location", r.URL.Path+"?"+q.Encode())
		w.WriteHeader(atoiOr(q.Get("rstatus"), 302))
		return
	}
	if loc := q.Get("location"); loc != "" {
		h.Set("Location", s.expand(loc))
		w.WriteHeader(atoiOr(q.Get("rstatus"), 302))
		return
	}
	if q.Has("wait") {
		<-r.Context().Done()
		return
	}
	h.Set("Content-Type", "application/json")
	if q.Has("gzip") {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		json.NewEncoder(zw).Encode(rec)
		zw.Close()
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(b.Len()))
		w.WriteHeader(atoiOr(q.Get("status"), 200))
		w.Write(b.Bytes())
		return
	}
	w.WriteHeader(atoiOr(q.Get("status"), 200))
	json.NewEncoder(w).Encode(rec)
}

func atoiOr(s string, d int) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return d
}

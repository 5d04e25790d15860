package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func runCmd(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

// Bad input is a clear message on stderr and exit status 2 (issue 6:
// "malformed URL, header without colon, unknown mode").
func TestRunUsageErrors(t *testing.T) {
	const u = "https://api.example/x"
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no arguments", nil, "missing URL"},
		{"no origin", []string{u}, "-origin is required"},
		{"two URLs", []string{"-origin", "https://app.example", u, u}, "one URL expected, got 2"},
		{"malformed URL", []string{"-origin", "https://app.example", "http://api.example:port/"}, "malformed URL"},
		{"URL without scheme", []string{"-origin", "https://app.example", "api.example/x"}, "has no scheme"},
		{"URL with another scheme", []string{"-origin", "https://app.example", "ftp://api.example/x"}, `the scheme must be http or https, not "ftp"`},
		{"URL without host", []string{"-origin", "https://app.example", "http:///x"}, "has no host"},
		{"origin with a path", []string{"-origin", "https://app.example/", u}, `(try "https://app.example")`},
		{"origin that is not one", []string{"-origin", "app.example", u}, "is not an origin"},
		{"header without colon", []string{"-origin", "https://app.example", "-H", "Authorization Bearer x", u}, "has no colon"},
		{"header with a bad name", []string{"-origin", "https://app.example", "-H", "Bad Name: x", u}, `"Bad Name" is not a valid header name`},
		{"header with a bad value", []string{"-origin", "https://app.example", "-H", "X-A: a\x00b", u}, "bytes a header value cannot hold"},
		{"unknown mode", []string{"-origin", "https://app.example", "-mode", "navigate", u}, `unknown -mode "navigate"`},
		{"unknown credentials", []string{"-origin", "https://app.example", "-credentials", "always", u}, `unknown -credentials "always"`},
		{"bad method", []string{"-origin", "https://app.example", "-X", "GET X", u}, "not a valid method name"},
		{"unknown flag", []string{"-origin", "https://app.example", "-z", u}, "flag provided but not defined: -z"},
		{"bad timeout", []string{"-origin", "https://app.example", "-timeout", "-1s", u}, "-timeout must be positive"},
		// fetch() rejects these before sending anything (fetch.ErrInvalidRequest).
		{"forbidden method", []string{"-origin", "https://app.example", "-X", "TRACE", u}, "rejects this request before sending anything"},
		{"GET with a body", []string{"-origin", "https://app.example", "-X", "GET", "-d", "x", u}, "rejects this request before sending anything"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(tt.args...)
			if code != 2 {
				t.Errorf("exit status %d, want 2", code)
			}
			if !strings.Contains(stderr+stdout, tt.wantErr) {
				t.Errorf("output does not say %q:\nstdout: %s\nstderr: %s", tt.wantErr, stdout, stderr)
			}
		})
	}
}

func TestRunHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"-help"}, {"demo", "-h"}} {
		code, stdout, _ := runCmd(args...)
		if code != 0 || !strings.Contains(stdout, "usage: corscheck") {
			t.Errorf("%v: exit %d, stdout %q", args, code, stdout)
		}
	}
	_, stdout, _ := runCmd("-h")
	for _, want := range []string{"  0  allowed", "  1  blocked", "  2  usage error", "  3  network failure", "-b COOKIES", "-k ", "-cacert FILE", "-d @FILE", "-redirect MODE", "-v ", "seconds (2, 0.5)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("-h does not document %q", want)
		}
	}
}

// apiHandler is a small API for the end-to-end runs: /ok allows the page,
// /blocked sends no CORS header.
func apiHandler(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/ok" {
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		w.Header().Set("Access-Control-Allow-Methods", "PUT")
		w.Header().Set("Access-Control-Allow-Headers", "authorization")
		w.Header().Set("Access-Control-Expose-Headers", "X-Request-Id")
		w.Header().Set("X-Request-Id", "7")
		w.Header().Set("X-Hidden", "1")
	}
	if r.Method == http.MethodOptions {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	w.Write([]byte("hello"))
}

var portRE = regexp.MustCompile(`127\.0\.0\.1:\d+`)

func scrub(s string) string { return portRE.ReplaceAllString(s, "127.0.0.1:PORT") }

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// The command against a live loopback server: exit status, and the text a
// person reads, compared with golden files.
func TestRunLive(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(apiHandler))
	defer srv.Close()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		golden   string
	}{
		{"allowed preflighted PUT", []string{"-origin", "https://app.example", "-X", "PUT", "-H", "Authorization: Bearer x", "-d", "hi", srv.URL + "/ok"}, 0, "allowed_put.txt"},
		{"blocked GET", []string{srv.URL + "/blocked", "-origin", "https://app.example"}, 1, "blocked_get.txt"},
		{"no-cors GET is opaque", []string{"-origin", "https://app.example", "-mode", "no-cors", "-H", "X-Custom: 1", srv.URL + "/blocked"}, 0, "nocors_get.txt"},
		{"same-origin mode to another origin", []string{"-origin", "https://app.example", "-mode", "same-origin", srv.URL + "/ok"}, 1, ""},
		{"same-origin request", []string{"-origin", srv.URL, "-X", "PUT", srv.URL + "/blocked"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit status %d, want %d\n%s%s", code, tt.wantCode, stdout, stderr)
			}
			if stderr != "" {
				t.Errorf("stderr: %s", stderr)
			}
			if tt.golden != "" {
				golden(t, tt.golden, scrub(stdout))
			}
		})
	}
}

func TestRunJSON(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(apiHandler))
	defer srv.Close()
	code, stdout, _ := runCmd("-json", "-origin", "https://app.example", "-X", "PUT", "-H", "Authorization: x", "-H", "X-Other: y", srv.URL+"/ok")
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	var rep report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if rep.Verdict != "blocked" || rep.Blocked == nil || rep.Blocked.Reason != "HeaderDisallowedByPreflightResponse" || rep.Blocked.Offending != "x-other" {
		t.Errorf("verdict %q, blocked %+v", rep.Verdict, rep.Blocked)
	}
	if !rep.Preflight.Needed || !rep.Preflight.Sent || strings.Join(rep.Preflight.UnsafeHeaders, ",") != "authorization,x-other" {
		t.Errorf("preflight %+v", rep.Preflight)
	}
	if len(rep.Exchanges) != 1 || rep.Exchanges[0].Kind != "preflight" || rep.Exchanges[0].RequestHeaders.Get("Access-Control-Request-Headers") != "authorization,x-other" {
		t.Errorf("exchanges %+v", rep.Exchanges)
	}
	if !strings.HasPrefix(rep.Blocked.ConsoleMessage, "Access to fetch at '"+srv.URL+"/ok' from origin 'https://app.example' has been blocked by CORS policy") {
		t.Errorf("console message %q", rep.Blocked.ConsoleMessage)
	}
	if rep.Blocked.Hint != "answer the preflight with Access-Control-Allow-Headers: authorization, x-other" {
		t.Errorf("hint %q", rep.Blocked.Hint)
	}
}

// A server that cannot be reached is a network failure: exit status 3.
func TestRunNetworkFailure(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	for _, extra := range [][]string{nil, {"-json"}} {
		args := append([]string{"-origin", "https://app.example", "http://" + addr + "/"}, extra...)
		code, stdout, _ := runCmd(args...)
		if code != 3 {
			t.Errorf("%v: exit status %d, want 3", extra, code)
		}
		if !(strings.Contains(stdout, "NETWORK FAILURE") || strings.Contains(stdout, `"verdict": "error"`)) || !strings.Contains(stdout, "connection refused") {
			t.Errorf("%v: output does not explain the failure:\n%s", extra, stdout)
		}
	}
}

// A server that never answers costs -timeout, given in seconds or as a Go
// duration, and the message names the limit (issue 12 §4).
func TestRunTimeout(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(block)
	for _, limit := range []string{"50ms", "0.05"} {
		code, stdout, _ := runCmd("-origin", "https://app.example", "-timeout", limit, srv.URL)
		if code != 3 || !strings.Contains(stdout, "NETWORK FAILURE: no answer within the 50ms limit (-timeout 50ms)") {
			t.Errorf("-timeout %s: exit status %d, output:\n%s", limit, code, stdout)
		}
	}
}

func TestTimeoutFlag(t *testing.T) {
	for in, want := range map[string]time.Duration{"2": 2 * time.Second, "0.5": 500 * time.Millisecond, "1.5s": 1500 * time.Millisecond, "500ms": 500 * time.Millisecond, "1m": time.Minute} {
		var f timeoutFlag
		if err := f.Set(in); err != nil || time.Duration(f) != want {
			t.Errorf("-timeout %s: %v, %v; want %v", in, time.Duration(f), err, want)
		}
	}
	code, _, stderr := runCmd("-origin", page, "-timeout", "2x", "https://api.example/")
	if code != 2 || !strings.Contains(stderr, `"2x" is neither seconds (2, 0.5) nor a duration with a unit (1.5s, 500ms, 1m)`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

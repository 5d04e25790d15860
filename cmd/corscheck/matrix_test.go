package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// chiLike answers as a go-chi/cors configuration would: AllowedOrigins
// https://app.example, AllowedMethods GET and PUT, AllowedHeaders
// Content-Type, AllowCredentials, MaxAge 600.
func chiLike(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Origin")
	origin := r.Header.Get("Origin")
	allowed := origin == "https://app.example"
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		m := r.Header.Get("Access-Control-Request-Method")
		if allowed && (m == "GET" || m == "PUT") {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Allow-Methods", m)
			if h := r.Header.Get("Access-Control-Request-Headers"); h == "content-type" {
				w.Header().Set("Access-Control-Allow-Headers", h)
			}
			w.Header().Set("Access-Control-Allow-Credentials", "true")
			w.Header().Set("Access-Control-Max-Age", "600")
		}
		w.WriteHeader(http.StatusOK)
		return
	}
	if allowed {
		w.Header().Set("Access-Control-Allow-Origin", origin)
		w.Header().Set("Access-Control-Allow-Credentials", "true")
	}
	w.Write([]byte("ok"))
}

func runMatrixCmd(args ...string) (int, string, string) {
	var o, e bytes.Buffer
	code := runMatrix(args, &o, &e)
	return code, o.String(), e.String()
}

// The matrix of a live loopback server, in each rendering, is what
// testdata holds (go test -update rewrites it).
func TestMatrixLive(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(chiLike))
	defer srv.Close()
	args := []string{srv.URL + "/items/1", "-origins", "https://app.example,https://evil.example",
		"-methods", "GET,PUT,DELETE", "-headers", "Content-Type: application/json", "-credentials", "omit,include"}
	for _, tt := range []struct{ flag, golden string }{
		{"", "matrix.txt"},
		{"-markdown", "matrix.md"},
		{"-json", "matrix.json"},
	} {
		a := args
		if tt.flag != "" {
			a = append(append([]string{}, args...), tt.flag)
		}
		code, stdout, stderr := runMatrixCmd(a...)
		if code != 0 || stderr != "" {
			t.Errorf("%s: exit %d, stderr %q", tt.golden, code, stderr)
		}
		golden(t, tt.golden, scrub(stdout))
	}
}

func TestMatrixUsageErrors(t *testing.T) {
	const u = "http://127.0.0.1:1/x"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no URL", []string{"-origins", "https://a.example"}, "missing URL"},
		{"no origins", []string{u}, "-origins is required"},
		{"bad origin", []string{u, "-origins", "https://a.example,a.example"}, `-origins: -origin "a.example" is not an origin`},
		{"bad method", []string{u, "-origins", "https://a.example", "-methods", "GET,P T"}, `"P T" is not a valid method name`},
		{"bad credentials", []string{u, "-origins", "https://a.example", "-credentials", "omit,always"}, `unknown mode "always"`},
		{"bad policy", []string{u, "-origins", "https://a.example", "-policy", "opera"}, `unknown -policy "opera"`},
		{"header without colon", []string{u, "-origins", "https://a.example", "-headers", "X-A"}, "has no colon"},
		{"header with control byte", []string{u, "-origins", "https://a.example", "-headers", "X-A: \x1b[31m"}, `the value has bytes a header value cannot hold`},
		{"empty header set", []string{u, "-origins", "https://a.example", "-headers", " "}, "no header in the set"},
		{"json and markdown", []string{u, "-origins", "https://a.example", "-json", "-markdown"}, "choose one"},
		{"concurrency 0", []string{u, "-origins", "https://a.example", "-concurrency", "0"}, "between 1 and 64"},
		{"timeout", []string{u, "-origins", "https://a.example", "-timeout", "0"}, "-timeout must be positive"},
		{"too many", []string{u, "-origins", strings.Repeat("https://a.example,", 101), "-methods", strings.Repeat("GET,", 100)}, "more than 10000 combinations"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runMatrixCmd(tt.args...)
		if code != exitUsage || stdout != "" || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q; want 2 and %q", tt.name, code, stdout, stderr, tt.want)
		}
		if strings.Contains(stderr, "\x1b") {
			t.Errorf("%s: stderr holds a raw ESC: %q", tt.name, stderr)
		}
	}
	if code, stdout, _ := runMatrixCmd("-h"); code != 0 || !strings.Contains(stdout, "usage: corscheck matrix") {
		t.Errorf("-h: exit %d, %q", code, stdout)
	}
}

// A server unreachable is a failed row for each combination and exit 3.
func TestMatrixNetworkFailure(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(chiLike))
	u := srv.URL
	srv.Close()
	code, stdout, _ := runMatrixCmd(u, "-origins", "https://app.example", "-methods", "GET,PUT", "-timeout", "5")
	if code != exitNetwork || strings.Count(stdout, " failed ") != 2 || !strings.Contains(stdout, "connect") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
}

// What a hostile server sends cannot act on the terminal: a C1 control (CSI)
// and a byte that is not UTF-8 in a failing value are escaped in text and
// Markdown, and C1 controls in JSON. (net/http's client already refuses C0
// controls such as ESC in a header.)
func TestMatrixEscapesServerBytes(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Access-Control-Allow-Origin"] = []string{"https://app.example\u009b31m\xff"}
	}))
	defer srv.Close()
	for _, f := range []string{"-markdown", "-json", "-concurrency=1"} {
		code, stdout, _ := runMatrixCmd(srv.URL, "-origins", "https://app.example", f)
		if code != 0 || strings.Contains(stdout, "\u009b") || strings.Contains(stdout, "\xff") || !strings.Contains(stdout, "InvalidAllowOriginValue") {
			t.Errorf("%s: exit %d, raw control bytes in %q", f, code, stdout)
		}
		if f != "-json" && !strings.Contains(stdout, `\u009b31m\xff`) {
			t.Errorf("%s: the C1 control is not shown escaped: %q", f, stdout)
		}
	}
}

// The progress line goes to stderr only when it is a terminal, and ends
// cleared; stdout holds the table either way.
func TestMatrixProgress(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(chiLike))
	defer srv.Close()
	defer func(f func(any) bool) { isTerminalAny = f }(isTerminalAny)
	for _, tty := range []bool{false, true} {
		isTerminalAny = func(any) bool { return tty }
		code, stdout, stderr := runMatrixCmd(srv.URL, "-origins", "https://app.example,https://b.example", "-methods", "GET,PUT")
		if code != 0 || strings.Count(stdout, "\n") != 5 {
			t.Errorf("tty %v: exit %d, stdout %q", tty, code, stdout)
		}
		want := ""
		if tty {
			want = "\r\x1b[Kcorscheck matrix: 1/4\r\x1b[Kcorscheck matrix: 2/4\r\x1b[Kcorscheck matrix: 3/4\r\x1b[Kcorscheck matrix: 4/4\r\x1b[K"
		}
		if stderr != want {
			t.Errorf("tty %v: stderr %q, want %q", tty, stderr, want)
		}
	}
}

// No more than -concurrency combinations reach the server at once.
func TestMatrixConcurrencyBound(t *testing.T) {
	var mu sync.Mutex
	inFlight, peak := 0, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		peak = max(peak, inFlight)
		mu.Unlock()
		defer func() { mu.Lock(); inFlight--; mu.Unlock() }()
		chiLike(w, r)
	}))
	defer srv.Close()
	origins := strings.TrimSuffix(strings.Repeat("https://app.example,", 20), ",")
	code, stdout, _ := runMatrixCmd(srv.URL, "-origins", origins, "-methods", "GET,PUT", "-concurrency", "2")
	if code != 0 || strings.Count(stdout, "\n") != 41 {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	if peak > 2 {
		t.Errorf("%d requests in flight at once, want at most 2", peak)
	}
	var js struct{ Rows []any }
	_, out, _ := runMatrixCmd(srv.URL, "-origins", "https://app.example", "-json")
	if err := json.Unmarshal([]byte(out), &js); err != nil || len(js.Rows) != 1 {
		t.Errorf("json %q: %v", out, err)
	}
}

// -policy applies to every row: Authorization under
// "Access-Control-Allow-Headers: *" is blocked by the standard and allowed
// by Chromium (cors.Policy.AuthorizationCoveredByWildcard), which still
// preflights it every time: its cache lookup never lets "*" cover
// Authorization (research/browsers.md, the Authorization row), so the
// column says sent, not sent+cached.
func TestMatrixPolicy(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Access-Control-Allow-Headers", "*")
	}))
	defer srv.Close()
	for policy, want := range map[string]string{
		"spec":     "blocked  -       sent       HeaderDisallowedByPreflightResponse (authorization)",
		"chromium": "allowed  200     sent",
	} {
		code, stdout, _ := runMatrixCmd(srv.URL, "-origins", "https://app.example", "-headers", "Authorization: Bearer x", "-policy", policy)
		if code != 0 || !strings.Contains(stdout, "Authorization: Bearer x  "+want+"\n") {
			t.Errorf("-policy %s: exit %d, want a row ending %q:\n%s", policy, code, want, stdout)
		}
	}
}

// -b cookies reach the server in rows whose credentials mode sends them
// (include), not in the others, and a cookie the server sets in one row
// does not reach the next: each row has a fresh jar.
func TestMatrixCookies(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		mu.Lock()
		seen = append(seen, r.Header.Get("Cookie"))
		mu.Unlock()
		http.SetCookie(w, &http.Cookie{Name: "set", Value: "1", Path: "/"})
		if _, err := r.Cookie("session"); err != nil {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	code, stdout, stderr := runMatrixCmd(srv.URL, "-origins", "https://app.example", "-credentials", "omit,include,include",
		"-b", "session=abc", "-concurrency", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"omit         GET     -        allowed  401", "include      GET     -        allowed  200"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no row %q in\n%s", want, stdout)
		}
	}
	if strings.Join(seen, "|") != "|session=abc|session=abc" {
		t.Errorf("the server saw cookies %q, want none, then session=abc twice", seen)
	}
	if code, _, stderr := runMatrixCmd(srv.URL, "-origins", "https://app.example", "-b", "/nonexistent"); code != exitUsage || !strings.Contains(stderr, "-b /nonexistent") {
		t.Errorf("bad -b: exit %d, %q", code, stderr)
	}
}

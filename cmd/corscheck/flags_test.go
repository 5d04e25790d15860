package main

import (
	"bufio"
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// cookieAPI allows the page with credentials and reports the Cookie header
// it got in X-Got-Cookie (exposed).
func cookieAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", page)
	w.Header().Set("Access-Control-Allow-Credentials", "true")
	w.Header().Set("Access-Control-Expose-Headers", "X-Got-Cookie")
	w.Header().Set("X-Got-Cookie", r.Header.Get("Cookie"))
}

// -b puts cookies in the jar as curl's -b does (a string, or a Netscape
// cookie file), and they go out only as a browser sends them: cross-origin
// with -credentials include (issue 12 §4).
func TestRunCookies(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(cookieAPI))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	host = host[:strings.IndexByte(host, ':')]
	file := filepath.Join(t.TempDir(), "cookies.txt")
	netscape := "# Netscape HTTP Cookie File\n" +
		host + "\tFALSE\t/\tFALSE\t0\tsid\tabc\n" +
		"#HttpOnly_" + host + "\tFALSE\t/\tFALSE\t0\tho\t1\n" +
		host + "\tFALSE\t/\tFALSE\t1\told\texpired\n" +
		host + "\tFALSE\t/\tTRUE\t0\tsecure\tloopback\n" + // 127.0.0.1 is a secure context, as in browsers
		"other.example\tFALSE\t/\tFALSE\t0\telsewhere\tx\n"
	if err := os.WriteFile(file, []byte(netscape), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name       string
		args       []string
		wantCookie string
		wantNote   string
	}{
		{"string, credentials include", []string{"-b", "a=1; b=2", "-credentials", "include"}, "a=1; b=2", "2 cookie(s) from -b"},
		{"file, credentials include", []string{"-b", file, "-credentials", "include"}, "sid=abc; ho=1; secure=loopback", "4 cookie(s) from -b in the jar"},
		{"string, credentials same-origin", []string{"-b", "a=1"}, "", "credentials same-origin sends none to another origin; add -credentials include"},
		{"string, credentials omit", []string{"-b", "a=1", "-credentials", "omit"}, "", "-credentials omit never sends cookies"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCmd(append(append([]string{"-origin", page}, tt.args...), srv.URL+"/")...)
			if code != 0 {
				t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
			}
			got := "    X-Got-Cookie: " + tt.wantCookie + "\n"
			if tt.wantCookie == "" {
				got = "    X-Got-Cookie: \n"
			}
			if !strings.Contains(stdout, got) {
				t.Errorf("server did not get Cookie %q:\n%s", tt.wantCookie, stdout)
			}
			if !strings.Contains(stdout, tt.wantNote) {
				t.Errorf("no note %q:\n%s", tt.wantNote, stdout)
			}
		})
	}
	for _, bad := range []struct{ arg, want string }{
		{filepath.Join(t.TempDir(), "missing"), "a cookie string needs name=value"},
		{"=v", "-b \"=v\""},
	} {
		code, _, stderr := runCmd("-origin", page, "-b", bad.arg, srv.URL)
		if code != 2 || !strings.Contains(stderr, bad.want) {
			t.Errorf("-b %s: exit %d, stderr %q", bad.arg, code, stderr)
		}
	}
	broken := filepath.Join(t.TempDir(), "broken.txt")
	os.WriteFile(broken, []byte("example.com TRUE / FALSE 0 a b\n"), 0o600)
	if code, _, stderr := runCmd("-origin", page, "-b", broken, srv.URL); code != 2 || !strings.Contains(stderr, "line 1: a Netscape cookie line has 7 tab-separated fields") {
		t.Errorf("broken file: exit %d, stderr %q", code, stderr)
	}
}

func TestParseNetscapeCookies(t *testing.T) {
	in := ".example.com\tTRUE\t/api\tTRUE\t4102444800\tn\tv\n"
	cs, err := parseNetscapeCookies("f", bufio.NewScanner(strings.NewReader(in)), time.Unix(0, 0))
	if err != nil || len(cs) != 1 {
		t.Fatalf("%v, %v", cs, err)
	}
	c := cs[0]
	if c.url.String() != "https://example.com/api" || c.cookie.Domain != "example.com" || !c.cookie.Secure || c.cookie.Path != "/api" || c.cookie.Expires.Unix() != 4102444800 {
		t.Errorf("%s %+v", c.url, c.cookie)
	}
}

// -k accepts a self-signed certificate, -cacert trusts the given one, and
// without either the TLS failure is a network failure (exit 3).
func TestRunTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(apiHandler))
	defer srv.Close()
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	notPEM := filepath.Join(t.TempDir(), "x.pem")
	os.WriteFile(notPEM, []byte("hello"), 0o600)
	for _, tt := range []struct {
		args     []string
		wantCode int
		want     string
	}{
		{nil, 3, "certificate signed by unknown authority"},
		{[]string{"-k"}, 0, "ALLOWED"},
		{[]string{"-cacert", ca}, 0, "ALLOWED"},
		{[]string{"-cacert", notPEM}, 2, "no PEM certificate"},
	} {
		code, stdout, stderr := runCmd(append(append([]string{"-origin", page}, tt.args...), srv.URL+"/ok")...)
		if code != tt.wantCode || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("%v: exit %d, want %d and %q:\n%s%s", tt.args, code, tt.wantCode, tt.want, stdout, stderr)
		}
	}
}

// -d @file sends the file's bytes, not its name; -d @- reads standard input.
func TestRunBodyFromFile(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, string(b))
		mu.Unlock()
		w.Header().Set("Access-Control-Allow-Origin", page)
	}))
	defer srv.Close()
	file := filepath.Join(t.TempDir(), "body.json")
	os.WriteFile(file, []byte("{\"a\":1}\n"), 0o600)
	stdin = strings.NewReader("from stdin")
	defer func() { stdin = os.Stdin }()
	for _, arg := range []string{"@" + file, "@-"} {
		code, stdout, stderr := runCmd("-origin", page, "-policy", "spec", "-d", arg, srv.URL)
		if code != 0 {
			t.Errorf("-d %s: exit %d\n%s%s", arg, code, stdout, stderr)
		}
	}
	if code, _, stderr := runCmd("-origin", page, "-d", "@/nonexistent/x", srv.URL); code != 2 || !strings.Contains(stderr, "-d @/nonexistent/x") {
		t.Errorf("missing file: exit %d, %q", code, stderr)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 || got[0] != "{\"a\":1}\n" || got[1] != "from stdin" {
		t.Errorf("server got bodies %q", got)
	}
}

// -redirect sets the request's redirect mode (#concept-request-redirect-mode).
func TestRunRedirectFlag(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", page)
		if r.URL.Path == "/from" {
			http.Redirect(w, r, "/to", http.StatusFound)
		}
	}))
	defer srv.Close()
	for _, tt := range []struct {
		mode     string
		wantCode int
		want     string
	}{
		{"follow", 0, "ALLOWED: cors response, status 200"},
		{"manual", 0, "ALLOWED: opaqueredirect response, status 0"},
		{"error", 3, "-redirect error forbids it"},
		{"loose", 2, `unknown -redirect "loose"`},
	} {
		code, stdout, stderr := runCmd("-origin", page, "-redirect", tt.mode, srv.URL+"/from")
		if code != tt.wantCode || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("-redirect %s: exit %d, want %d and %q:\n%s%s", tt.mode, code, tt.wantCode, tt.want, stdout, stderr)
		}
	}
}

// Too many redirects is a network failure (exit 3), not BLOCKED.
func TestRunTooManyRedirects(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", page)
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	}))
	defer srv.Close()
	code, stdout, _ := runCmd("-origin", page, srv.URL+"/loop")
	if code != 3 || strings.Contains(stdout, "BLOCKED") || !strings.Contains(stdout, "NETWORK FAILURE") || !strings.Contains(stdout, "more than 20 times") {
		t.Errorf("exit %d:\n%s", code, stdout)
	}
}

// -v prints every response header and the connection, not only the CORS
// headers.
func TestRunVerbose(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(apiHandler))
	defer srv.Close()
	_, quiet, _ := runCmd("-origin", page, srv.URL+"/ok")
	_, loud, _ := runCmd("-origin", page, "-v", srv.URL+"/ok")
	for _, want := range []string{"  <   X-Hidden: 1\n", "  * new connection to 127.0.0.1:", "Chromium: allowed; replayed from the recording, no request sent"} {
		if strings.Contains(quiet, want) || !strings.Contains(loud, want) {
			t.Errorf("%q: want it with -v only:\n%s", want, loud)
		}
	}
}

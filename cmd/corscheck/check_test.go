package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// server answers as its fields say: the headers on the preflight and on the
// actual response, and the preflight's status.
type server struct {
	pre, actual   map[string]string
	preStatus     int
	preflightSeen int
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		s.preflightSeen++
		for k, v := range s.pre {
			w.Header().Set(k, v)
		}
		st := s.preStatus
		if st == 0 {
			st = http.StatusNoContent
		}
		w.WriteHeader(st)
		return
	}
	for k, v := range s.actual {
		w.Header().Set(k, v)
	}
	w.Write([]byte("body"))
}

const page = "https://app.example"

func cfgFor(t *testing.T, method, rawURL string, header map[string]string, mods ...func(*config)) *config {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	c := &config{Origin: page, Method: method, URL: u, Header: http.Header{}}
	for k, v := range header {
		c.Header.Set(k, v)
	}
	for _, m := range mods {
		m(c)
	}
	return c
}

func withCredentials(c *config) { c.Credentials = fetch.CredentialsInclude }

var acao = map[string]string{"Access-Control-Allow-Origin": page}

// Each row is a server configuration and a page's request, the verdict and
// reason a browser gives (the reasons are Chromium's CorsError names, see
// browsers.md §2.1; the spec anchors are those of the CORS check and the
// CORS-preflight fetch), and the hint the command prints.
func TestCheckVerdicts(t *testing.T) {
	auth := map[string]string{"Authorization": "Bearer x"}
	tests := []struct {
		name        string
		srv         *server
		cfg         *config
		wantVerdict string
		wantReason  string
		wantParam   string
		wantHint    string // substring
		wantSent    bool
	}{
		{
			name:        "simple GET allowed (#concept-cors-check)",
			srv:         &server{actual: acao},
			cfg:         cfgFor(t, "GET", "https://api.example/x", nil),
			wantVerdict: verdictAllowed,
		},
		{
			name:        "no ACAO (#concept-cors-check step 2)",
			srv:         &server{},
			cfg:         cfgFor(t, "GET", "https://api.example/x", nil),
			wantVerdict: verdictBlocked, wantReason: "MissingAllowOriginHeader",
			wantHint: "send Access-Control-Allow-Origin: https://app.example (or *) on the response",
		},
		{
			name:        "ACAO mismatch (cors/origin.htm)",
			srv:         &server{actual: map[string]string{"Access-Control-Allow-Origin": "https://app.example/"}},
			cfg:         cfgFor(t, "GET", "https://api.example/x", nil),
			wantVerdict: verdictBlocked, wantReason: "AllowOriginMismatch", wantParam: "https://app.example/",
			wantHint: "no trailing slash",
		},
		{
			name:        "two origins in ACAO (cors-multiple-origins)",
			srv:         &server{actual: map[string]string{"Access-Control-Allow-Origin": "https://app.example, https://b.example"}},
			cfg:         cfgFor(t, "GET", "https://api.example/x", nil),
			wantVerdict: verdictBlocked, wantReason: "MultipleAllowOriginValues",
			wantHint: "send exactly one origin",
		},
		{
			name:        "* with credentials (#concept-cors-check step 3)",
			srv:         &server{actual: map[string]string{"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": "true"}},
			cfg:         cfgFor(t, "GET", "https://api.example/x", nil, withCredentials),
			wantVerdict: verdictBlocked, wantReason: "WildcardOriginNotAllowed",
			wantHint: "instead of *",
		},
		{
			name:        "credentials without ACAC true (cors/credentials-flag.htm)",
			srv:         &server{actual: acao},
			cfg:         cfgFor(t, "GET", "https://api.example/x", nil, withCredentials),
			wantVerdict: verdictBlocked, wantReason: "InvalidAllowCredentials",
			wantHint: "Access-Control-Allow-Credentials: true",
		},
		{
			name:        "preflight without ACAO (#cors-preflight-fetch-0)",
			srv:         &server{},
			cfg:         cfgFor(t, "PUT", "https://api.example/x", nil),
			wantVerdict: verdictBlocked, wantReason: "PreflightMissingAllowOriginHeader", wantSent: true,
			wantHint: "answer the OPTIONS preflight with Access-Control-Allow-Origin",
		},
		{
			name:        "preflight 403 (cors-preflight-status)",
			srv:         &server{pre: acao, preStatus: http.StatusForbidden},
			cfg:         cfgFor(t, "PUT", "https://api.example/x", nil),
			wantVerdict: verdictBlocked, wantReason: "PreflightInvalidStatus", wantSent: true,
			wantHint: "2xx status",
		},
		{
			name:        "method not allowed (cors-preflight-response-validation)",
			srv:         &server{pre: map[string]string{"Access-Control-Allow-Origin": page, "Access-Control-Allow-Methods": "put"}},
			cfg:         cfgFor(t, "PUT", "https://api.example/x", nil),
			wantVerdict: verdictBlocked, wantReason: "MethodDisallowedByPreflightResponse", wantParam: "PUT", wantSent: true,
			wantHint: "Access-Control-Allow-Methods: PUT (method names are case-sensitive)",
		},
		{
			name:        "unparsable ACAM (cors-preflight-response-validation)",
			srv:         &server{pre: map[string]string{"Access-Control-Allow-Origin": page, "Access-Control-Allow-Methods": "PUT, (bad)"}},
			cfg:         cfgFor(t, "PUT", "https://api.example/x", nil),
			wantVerdict: verdictBlocked, wantReason: "InvalidAllowMethodsPreflightResponse", wantSent: true,
			wantHint: "comma-separated list of method names",
		},
		{
			name:        "Authorization not listed (cors-preflight-star)",
			srv:         &server{pre: map[string]string{"Access-Control-Allow-Origin": page, "Access-Control-Allow-Headers": "content-type"}},
			cfg:         cfgFor(t, "GET", "https://api.example/x", auth),
			wantVerdict: verdictBlocked, wantReason: "HeaderDisallowedByPreflightResponse", wantParam: "authorization", wantSent: true,
			wantHint: "Access-Control-Allow-Headers: authorization",
		},
		{
			name:        "Authorization under * (cors-preflight-star: * does not cover it)",
			srv:         &server{pre: map[string]string{"Access-Control-Allow-Origin": page, "Access-Control-Allow-Headers": "*"}},
			cfg:         cfgFor(t, "GET", "https://api.example/x", auth),
			wantVerdict: verdictBlocked, wantReason: "HeaderDisallowedByPreflightResponse", wantParam: "authorization", wantSent: true,
			wantHint: "under the standard * never covers Authorization",
		},
		{
			name: "* headers with credentials is a literal name (cors-preflight-star)",
			srv: &server{pre: map[string]string{"Access-Control-Allow-Origin": page, "Access-Control-Allow-Credentials": "true", "Access-Control-Allow-Headers": "*"},
				actual: map[string]string{"Access-Control-Allow-Origin": page, "Access-Control-Allow-Credentials": "true"}},
			cfg:         cfgFor(t, "GET", "https://api.example/x", map[string]string{"X-Custom": "1"}, withCredentials),
			wantVerdict: verdictBlocked, wantReason: "HeaderDisallowedByPreflightResponse", wantParam: "x-custom", wantSent: true,
			wantHint: "with credentials * is not a wildcard",
		},
		{
			name: "preflighted PUT allowed",
			srv: &server{pre: map[string]string{"Access-Control-Allow-Origin": page, "Access-Control-Allow-Methods": "PUT", "Access-Control-Allow-Headers": "authorization"},
				actual: acao},
			cfg:         cfgFor(t, "PUT", "https://api.example/x", auth),
			wantVerdict: verdictAllowed, wantSent: true,
		},
		{
			name:        "no-cors is never preflighted and is opaque (fetch/api/basic/mode-no-cors)",
			srv:         &server{},
			cfg:         cfgFor(t, "POST", "https://api.example/x", map[string]string{"X-Custom": "1"}, func(c *config) { c.Mode = fetch.ModeNoCORS }),
			wantVerdict: verdictAllowed,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := check(context.Background(), tt.cfg, &corstest.HandlerTransport{Handler: tt.srv}, nil)
			if rep.Verdict != tt.wantVerdict {
				t.Fatalf("verdict %q (%+v %s), want %q", rep.Verdict, rep.Blocked, rep.Error, tt.wantVerdict)
			}
			if rep.Preflight.Sent != tt.wantSent || (tt.srv.preflightSeen > 0) != tt.wantSent {
				t.Errorf("preflight sent = %v (server saw %d), want %v", rep.Preflight.Sent, tt.srv.preflightSeen, tt.wantSent)
			}
			if rep.exitCode() != map[string]int{verdictAllowed: 0, verdictBlocked: 1}[tt.wantVerdict] {
				t.Errorf("exit code %d for %s", rep.exitCode(), rep.Verdict)
			}
			if tt.wantVerdict == verdictAllowed {
				if rep.Response == nil {
					t.Fatal("no response info")
				}
				return
			}
			b := rep.Blocked
			if b.Reason != tt.wantReason {
				t.Errorf("reason %s, want %s", b.Reason, tt.wantReason)
			}
			if tt.wantParam != "" && b.Offending != tt.wantParam {
				t.Errorf("failed parameter %q, want %q", b.Offending, tt.wantParam)
			}
			if !strings.Contains(b.Hint, tt.wantHint) {
				t.Errorf("hint %q does not contain %q", b.Hint, tt.wantHint)
			}
			if !strings.Contains(b.ConsoleMessage, "from origin 'https://app.example' has been blocked by CORS policy") {
				t.Errorf("console message %q", b.ConsoleMessage)
			}
		})
	}
}

// What the page can read: CORS-safelisted response headers and the exposed
// ones, nothing else (#concept-filtered-response-cors, cors-filtering).
func TestCheckReadableHeaders(t *testing.T) {
	srv := &server{actual: map[string]string{
		"Access-Control-Allow-Origin":   page,
		"Access-Control-Expose-Headers": "X-Request-Id",
		"X-Request-Id":                  "7",
		"X-Hidden":                      "1",
		"Content-Type":                  "text/plain",
	}}
	rep := check(context.Background(), cfgFor(t, "GET", "https://api.example/x", nil), &corstest.HandlerTransport{Handler: srv}, nil)
	if rep.Verdict != verdictAllowed || rep.Response.Type != "cors" {
		t.Fatalf("verdict %s, response %+v", rep.Verdict, rep.Response)
	}
	h := rep.Response.Headers
	if h.Get("X-Request-Id") != "7" || h.Get("Content-Type") != "text/plain" || h.Get("X-Hidden") != "" || h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("readable headers %v", h)
	}
}

// The preflight analysis names the method and each header that make a
// preflight needed (#cors-safelisted-method, #cors-safelisted-request-header).
func TestAnalyse(t *testing.T) {
	tests := []struct {
		name       string
		cfg        *config
		wantNeeded bool
		wantWhy    []string
		wantDrop   []string
	}{
		{"simple GET", cfgFor(t, "GET", "https://api.example/", nil), false,
			[]string{"method GET and every header are CORS-safelisted: no preflight"}, nil},
		{"lowercase get is normalized", cfgFor(t, "get", "https://api.example/", nil), false,
			[]string{"method GET and every header are CORS-safelisted: no preflight"}, nil},
		{"PUT", cfgFor(t, "PUT", "https://api.example/", nil), true,
			[]string{"method PUT is not CORS-safelisted (only GET, HEAD and POST are)"}, nil},
		{"JSON POST", cfgFor(t, "POST", "https://api.example/", map[string]string{"Content-Type": "application/json"}), true,
			[]string{`header content-type: "application/json" is not a CORS-safelisted type (only application/x-www-form-urlencoded, multipart/form-data and text/plain are)`}, nil},
		{"long Accept", cfgFor(t, "GET", "https://api.example/", map[string]string{"Accept": strings.Repeat("a", 129)}), true,
			[]string{`header accept: the value "` + strings.Repeat("a", 129) + `" is not CORS-safelisted`}, nil},
		{"custom header, forbidden one dropped", cfgFor(t, "GET", "https://api.example/", map[string]string{"X-Trace": "1", "Cookie": "a=b"}), true,
			[]string{"header x-trace is not CORS-safelisted"}, []string{"cookie (a forbidden request header: a page cannot set it)"}},
		{"same-origin URL", cfgFor(t, "PUT", "https://app.example/x", nil), false,
			[]string{"same-origin request: CORS does not apply"}, nil},
		{"no-cors", cfgFor(t, "POST", "https://api.example/", map[string]string{"X-Trace": "1"}, func(c *config) { c.Mode = fetch.ModeNoCORS }), false,
			[]string{"mode no-cors: never preflighted; the page gets an opaque response"}, []string{"x-trace (not no-CORS-safelisted: dropped in no-cors mode)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ri, pi := analyse(tt.cfg)
			if pi.Needed != tt.wantNeeded {
				t.Errorf("needed = %v, want %v", pi.Needed, tt.wantNeeded)
			}
			if strings.Join(pi.Why, "\n") != strings.Join(tt.wantWhy, "\n") {
				t.Errorf("why = %q\nwant  %q", pi.Why, tt.wantWhy)
			}
			if strings.Join(ri.Dropped, "\n") != strings.Join(tt.wantDrop, "\n") {
				t.Errorf("dropped = %q, want %q", ri.Dropped, tt.wantDrop)
			}
		})
	}
}

// Every Reason has a name and a hint of its own.
func TestHintsCoverEveryReason(t *testing.T) {
	u, _ := url.Parse("https://api.example/x")
	cfg := &config{Origin: page, URL: u}
	for r := cors.Reason(1); ; r++ {
		name := reasonName(r)
		if strings.HasPrefix(name, "Reason(") {
			if r < cors.RedirectContainsCredentials {
				t.Errorf("reason %d has no name", r)
			}
			break
		}
		h := hint(&cors.Error{Reason: r, Offending: "v"}, cfg, &report{})
		if h == "" || h == "see the console message" {
			t.Errorf("%s: no hint", name)
		}
	}
}

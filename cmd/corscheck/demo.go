package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// demoOrigin is the page the demo's requests come from. Nothing is served
// there: a page's origin is only what its requests say in Origin.
const demoOrigin = "https://app.example"

// demoServer is an API with typical right and wrong CORS configurations, one
// per path. It counts the preflights it answers.
type demoServer struct {
	mu      sync.Mutex
	options map[string]int // path → OPTIONS requests seen
}

func (s *demoServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	origin := r.Header.Get("Origin")
	preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
	if preflight {
		s.mu.Lock()
		s.options[r.URL.Path]++
		s.mu.Unlock()
	}
	// allow is a correct configuration for the demo's page.
	allow := func(maxAge string) {
		h.Add("Vary", "Origin")
		if origin != demoOrigin {
			return
		}
		h.Set("Access-Control-Allow-Origin", origin)
		if preflight {
			h.Set("Access-Control-Allow-Methods", "GET, PUT, DELETE")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
			if maxAge != "" {
				h.Set("Access-Control-Max-Age", maxAge)
			}
		} else {
			h.Set("Access-Control-Expose-Headers", "X-Request-Id")
		}
	}
	switch r.URL.Path {
	case "/correct":
		allow("")
	case "/no-acao":
		// No CORS headers at all: the most common mistake.
	case "/wildcard-credentials":
		h.Set("Access-Control-Allow-Origin", "*")
		h.Set("Access-Control-Allow-Credentials", "true")
	case "/no-authorization":
		h.Add("Vary", "Origin")
		h.Set("Access-Control-Allow-Origin", origin)
		if preflight {
			h.Set("Access-Control-Allow-Methods", "GET, PUT")
			h.Set("Access-Control-Allow-Headers", "Content-Type")
		}
	case "/preflight-redirect":
		if preflight {
			http.Redirect(w, r, "/correct", http.StatusMovedPermanently)
			return
		}
		allow("")
	case "/max-age/600":
		allow("600")
	case "/max-age/0":
		allow("0")
	default:
		http.NotFound(w, r)
		return
	}
	if preflight {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	h.Set("Content-Type", "application/json")
	h.Set("X-Request-Id", "42")
	io.WriteString(w, `{"ok":true}`+"\n")
}

func (s *demoServer) optionsSeen(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.options[path]
}

type demoRequest struct {
	method, path string
	header       map[string]string
	body         string
	credentials  fetch.Credentials
	// What a browser does: the verdict, the block reason, and the preflight
	// ("sent", "cache" or "" for none).
	wantVerdict, wantReason, wantPreflight string
}

type demoScenario struct {
	title, server string
	requests      []demoRequest
	wantOptions   map[string]int // path → preflights the server must have seen
}

var putJSON = map[string]string{"Authorization": "Bearer demo-token", "Content-Type": "application/json"}

var demoScenarios = []demoScenario{
	{
		title:  "Correct configuration",
		server: "allows the page's origin, PUT, and the Authorization and Content-Type headers",
		requests: []demoRequest{
			{method: "PUT", path: "/correct", header: putJSON, body: `{"name":"demo"}`, wantVerdict: verdictAllowed, wantPreflight: "sent"},
		},
	},
	{
		title:  "Missing Access-Control-Allow-Origin",
		server: "answers without any CORS header",
		requests: []demoRequest{
			{method: "GET", path: "/no-acao", wantVerdict: verdictBlocked, wantReason: "MissingAllowOriginHeader"},
		},
	},
	{
		title:  "Access-Control-Allow-Origin: * with credentials",
		server: "sends Access-Control-Allow-Origin: * and Access-Control-Allow-Credentials: true; the page sends cookies (credentials: 'include')",
		requests: []demoRequest{
			{method: "GET", path: "/wildcard-credentials", credentials: fetch.CredentialsInclude, wantVerdict: verdictBlocked, wantReason: "WildcardOriginNotAllowed"},
		},
	},
	{
		title:  "Authorization not listed",
		server: "allows the origin and PUT, but lists only Content-Type in Access-Control-Allow-Headers",
		requests: []demoRequest{
			{method: "PUT", path: "/no-authorization", header: putJSON, body: `{"name":"demo"}`, wantVerdict: verdictBlocked, wantReason: "HeaderDisallowedByPreflightResponse", wantPreflight: "sent"},
		},
	},
	{
		title:  "Preflight redirected",
		server: "answers the OPTIONS preflight with a 301 to /correct",
		requests: []demoRequest{
			{method: "PUT", path: "/preflight-redirect", header: putJSON, body: `{"name":"demo"}`, wantVerdict: verdictBlocked, wantReason: "PreflightDisallowedRedirect", wantPreflight: "sent"},
		},
	},
	{
		title:  "Preflight caching with Access-Control-Max-Age",
		server: "like the correct one, with Access-Control-Max-Age: 600 on /max-age/600 and 0 on /max-age/0",
		requests: []demoRequest{
			{method: "PUT", path: "/max-age/600", header: putJSON, body: `{}`, wantVerdict: verdictAllowed, wantPreflight: "sent"},
			{method: "PUT", path: "/max-age/600", header: putJSON, body: `{}`, wantVerdict: verdictAllowed, wantPreflight: "cache"},
			{method: "PUT", path: "/max-age/0", header: putJSON, body: `{}`, wantVerdict: verdictAllowed, wantPreflight: "sent"},
			{method: "PUT", path: "/max-age/0", header: putJSON, body: `{}`, wantVerdict: verdictAllowed, wantPreflight: "sent"},
		},
		wantOptions: map[string]int{"/max-age/600": 1, "/max-age/0": 2},
	},
}

// runDemo is `corscheck demo`: it serves demoServer on 127.0.0.1 and runs
// each scenario's requests through a fetch.Transport, as a page would.
func runDemo(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("corscheck demo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	verbose := fs.Bool("v", false, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, "usage: corscheck demo [-v]\n\nRuns a browser's requests against a local server with typical CORS\nconfigurations and prints the verdicts. -v prints each request's full report.\n")
			return 0
		}
		fmt.Fprintf(stderr, "corscheck demo: %v\nrun 'corscheck demo -h' for usage\n", err)
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "corscheck demo: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintf(stderr, "corscheck demo: cannot listen on 127.0.0.1: %v\n", err)
		return 2
	}
	srv := &demoServer{options: map[string]int{}}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()
	base := &http.Transport{}
	defer base.CloseIdleConnections()

	ok := demo(stdout, "http://"+ln.Addr().String(), base, srv, *verbose)
	if !ok {
		return 1
	}
	return 0
}

// demo runs the scenarios against the server at apiURL and prints them. It
// reports whether every verdict was the one a browser gives.
func demo(w io.Writer, apiURL string, base http.RoundTripper, srv *demoServer, verbose bool) bool {
	start := time.Now()
	fmt.Fprintf(w, "A page at %s calls an API at %s,\nconfigured %d ways. Each request goes through fetch.Transport, as fetch() would.\n",
		demoOrigin, apiURL, len(demoScenarios))
	allOK := true
	n := 0
	for i, sc := range demoScenarios {
		fmt.Fprintf(w, "\n%d. %s\n   server: %s\n", i+1, sc.title, sc.server)
		cache := preflightcache.New(nil)
		for _, dr := range sc.requests {
			n++
			rep := runDemoRequest(apiURL, base, cache, &dr)
			writeDemoRequest(w, &dr, rep)
			if verbose {
				var b strings.Builder
				writeText(&b, rep)
				fmt.Fprintf(w, "\n%s\n", indent(b.String(), "     | "))
			}
			if msg := demoMismatch(&dr, rep); msg != "" {
				allOK = false
				fmt.Fprintf(w, "   UNEXPECTED: %s\n", msg)
			}
		}
		for path, want := range sc.wantOptions {
			if got := srv.optionsSeen(path); got != want {
				allOK = false
				fmt.Fprintf(w, "   UNEXPECTED: the server saw %d preflights for %s, want %d\n", got, path, want)
			}
		}
		if sc.wantOptions != nil {
			fmt.Fprintf(w, "   the server saw %d OPTIONS for /max-age/600 and %d for /max-age/0\n",
				srv.optionsSeen("/max-age/600"), srv.optionsSeen("/max-age/0"))
		}
	}
	fmt.Fprintln(w)
	if allOK {
		fmt.Fprintf(w, "%d requests, every verdict as a browser gives it, in %v.\n", n, time.Since(start).Round(time.Millisecond))
		fmt.Fprintln(w, "Check your own server: corscheck -origin https://your.page -X PUT -H 'Authorization: Bearer x' https://your.api/path")
	} else {
		fmt.Fprintln(w, "Some verdicts were not what a browser gives (UNEXPECTED above).")
	}
	return allOK
}

func runDemoRequest(apiURL string, base http.RoundTripper, cache *preflightcache.Cache, dr *demoRequest) *report {
	u, _ := url.Parse(apiURL + dr.path)
	cfg := &config{
		Origin:      demoOrigin,
		Method:      dr.method,
		URL:         u,
		Header:      http.Header{},
		Body:        dr.body,
		HasBody:     dr.body != "",
		Credentials: dr.credentials,
	}
	for k, v := range dr.header {
		cfg.Header.Set(k, v)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return check(ctx, cfg, base, cache)
}

// writeDemoRequest prints one request of a scenario in three or four lines.
func writeDemoRequest(w io.Writer, dr *demoRequest, rep *report) {
	line := "   " + dr.method + " " + dr.path
	var names []string
	for _, k := range sortedKeys(rep.Request.Headers) {
		if k == "Content-Type" {
			names = append(names, k+": "+rep.Request.Headers.Get(k))
		} else {
			names = append(names, k)
		}
	}
	if len(names) > 0 {
		line += " with " + strings.Join(names, ", ")
	}
	if dr.credentials == fetch.CredentialsInclude {
		line += ", credentials: include"
	}
	fmt.Fprintln(w, line)

	p := rep.Preflight
	var pre string
	switch {
	case p.Sent:
		pre = "sent (" + preflightWhat(&p) + ")"
		if ex := lastPreflight(rep.Exchanges); ex != nil {
			if ex.Error != "" {
				pre += " → failed"
			} else {
				pre += " → " + ex.StatusText
			}
		}
	case p.Needed && p.CacheHit:
		pre = "needed, answered from the preflight cache"
	case p.Needed:
		pre = "needed, not sent"
	default:
		pre = "not needed"
	}
	fmt.Fprintf(w, "     preflight: %s\n", pre)

	switch rep.Verdict {
	case verdictAllowed:
		var names []string
		names = append(names, sortedKeys(rep.Response.Headers)...)
		readable := "no header"
		if len(names) > 0 {
			readable = strings.Join(names, ", ")
		}
		fmt.Fprintf(w, "     ALLOWED  %s response, status %d; the page can read %s\n", rep.Response.Type, rep.Response.Status, readable)
	case verdictBlocked:
		b := rep.Blocked
		fmt.Fprintf(w, "     BLOCKED  %s", b.Reason)
		if b.Offending != "" {
			fmt.Fprintf(w, " (%s)", b.Offending)
		}
		fmt.Fprintln(w)
		if b.ConsoleMessage != "" {
			fmt.Fprintf(w, "       console: %s\n", b.ConsoleMessage)
		}
		fmt.Fprintf(w, "       fix:     %s\n", b.Hint)
	default:
		fmt.Fprintf(w, "     ERROR    %s\n", rep.Error)
	}
}

// preflightWhat says what a preflight asks for: "method PUT; headers a, b".
func preflightWhat(p *preflightInfo) string {
	var parts []string
	if p.UnsafeMethod != "" {
		parts = append(parts, "method "+p.UnsafeMethod)
	}
	if len(p.UnsafeHeaders) > 0 {
		parts = append(parts, "headers "+strings.Join(p.UnsafeHeaders, ", "))
	}
	return strings.Join(parts, "; ")
}

func demoMismatch(dr *demoRequest, rep *report) string {
	if rep.Verdict != dr.wantVerdict {
		return fmt.Sprintf("verdict %s, a browser gives %s", rep.Verdict, dr.wantVerdict)
	}
	if dr.wantReason != "" && (rep.Blocked == nil || rep.Blocked.Reason != dr.wantReason) {
		return fmt.Sprintf("reason %v, a browser gives %s", rep.Blocked, dr.wantReason)
	}
	got := ""
	switch {
	case rep.Preflight.Sent:
		got = "sent"
	case rep.Preflight.CacheHit:
		got = "cache"
	}
	if got != dr.wantPreflight {
		return fmt.Sprintf("preflight %q, a browser's is %q", got, dr.wantPreflight)
	}
	return ""
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(prefix+l, " ")
	}
	return strings.Join(lines, "\n")
}

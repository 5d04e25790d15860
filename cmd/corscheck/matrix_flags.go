package main

import (
	"flag"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/corsfetch/corsfetch/corstest"
)

const matrixUsageText = `usage: corscheck matrix URL -origins O1,O2,... [flags]

Runs every combination of page origin, credentials mode, method and header
set against URL, each as fetch() in a fresh browser (no preflight cache
shared between rows), and prints one row per combination: allowed or
blocked, the status, whether a preflight was sent and its result cached,
and Chromium's reason. It sends the requests a browser would send, the
actual PUT or DELETE included: point it at a URL where they do no harm.

flags:
  -origins LIST       comma-separated page origins (required)
  -methods LIST       comma-separated methods (default GET)
  -headers 'Name: value'
                      a header set (repeatable); every matrix also has the
                      set with no header; put several headers in one set
                      on separate lines ($'A: 1\nB: 2' in bash)
  -credentials LIST   comma-separated: omit, same-origin, include
                      (default same-origin, the fetch() default)
  -policy POLICY      spec (default), chromium, firefox or webkit
  -json               print JSON ({"url", "rows": [...]}) instead of text
  -markdown           print a Markdown table instead of text
  -concurrency N      combinations in flight at once (default 4)
  -timeout DURATION   limit per combination: seconds (2) or with a unit
                      (1.5s) (default 10s)
  -b COOKIES          cookies for credentialed rows (repeatable): name=value;
                      n2=v2 for URL's host, or a Netscape cookie file; each
                      row gets a fresh jar holding them
  -k                  accept any TLS certificate
  -cacert FILE        trust only the PEM certificates in FILE for TLS

Preflight column: none (no preflight), sent (sent, nothing cached: the next
identical request is preflighted again), sent+cached (the next identical
request within Access-Control-Max-Age, 5s when absent, is not).
A progress line goes to stderr when stderr is a terminal.

exit status: 0 table printed, 2 usage error, 3 a row failed for a reason
other than CORS (connection, TLS, timeout, redirects)
`

// matrixConfig is a matrix run, as the command line describes it.
type matrixConfig struct {
	Axes        corstest.Axes
	PolicyName  string
	JSON        bool
	Markdown    bool
	Concurrency int
	Timeout     time.Duration
	Insecure    bool
	CACert      string
	// Cookies are the -b cookies, put in a fresh jar for each row.
	Cookies []jarCookie
}

// maxMatrixConcurrency bounds -concurrency: a live server should not see a
// flood from one command.
const maxMatrixConcurrency = 64

func parseMatrixArgs(args []string) (*matrixConfig, error) {
	fs := flag.NewFlagSet("corscheck matrix", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var (
		headers     headerFlags
		cookieArgs  headerFlags
		origins     = fs.String("origins", "", "")
		methods     = fs.String("methods", "GET", "")
		credentials = fs.String("credentials", "same-origin", "")
		policy      = fs.String("policy", "spec", "")
		jsonOut     = fs.Bool("json", false, "")
		markdown    = fs.Bool("markdown", false, "")
		concurrency = fs.Int("concurrency", 4, "")
		insecure    = fs.Bool("k", false, "")
		cacert      = fs.String("cacert", "", "")
		timeout     = timeoutFlag(10 * time.Second)
	)
	fs.Var(&headers, "headers", "")
	fs.Var(&cookieArgs, "b", "")
	fs.Var(&timeout, "timeout", "")
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	switch len(positional) {
	case 0:
		return nil, usagef("missing URL")
	case 1:
	default:
		return nil, usagef("one URL expected, got %d: %s", len(positional), strings.Join(positional, " "))
	}
	u, err := parseURL(positional[0])
	if err != nil {
		return nil, err
	}
	cfg := &matrixConfig{JSON: *jsonOut, Markdown: *markdown, Concurrency: *concurrency,
		Timeout: time.Duration(timeout), Insecure: *insecure, CACert: *cacert}
	cfg.Axes.URL = u.String()
	for _, arg := range cookieArgs {
		cs, err := parseCookieArg(arg, u)
		if err != nil {
			return nil, err
		}
		cfg.Cookies = append(cfg.Cookies, cs...)
	}
	if cfg.JSON && cfg.Markdown {
		return nil, usagef("-json and -markdown: choose one")
	}
	if cfg.Concurrency < 1 || cfg.Concurrency > maxMatrixConcurrency {
		return nil, usagef("-concurrency must be between 1 and %d, got %d", maxMatrixConcurrency, cfg.Concurrency)
	}
	if cfg.Timeout <= 0 {
		return nil, usagef("-timeout must be positive, got %v", cfg.Timeout)
	}

	if *origins == "" {
		return nil, usagef("-origins is required: the pages' origins, e.g. -origins https://app.example,https://evil.example")
	}
	for _, o := range splitList(*origins) {
		if err := checkOrigin(o); err != nil {
			return nil, usagef("-origins: %v", err)
		}
		cfg.Axes.Origins = append(cfg.Axes.Origins, o)
	}
	for _, m := range splitList(*methods) {
		if !isToken(m) {
			return nil, usagef("-methods: %q is not a valid method name", m)
		}
		cfg.Axes.Methods = append(cfg.Axes.Methods, m)
	}
	for _, c := range splitList(*credentials) {
		mode, ok := credentialsModes[c]
		if !ok {
			return nil, usagef("-credentials: unknown mode %q: use omit, same-origin or include", c)
		}
		cfg.Axes.Credentials = append(cfg.Axes.Credentials, mode)
	}
	newPolicy, ok := policies[*policy]
	if !ok {
		return nil, usagef("unknown -policy %q: use spec, chromium, firefox or webkit", *policy)
	}
	cfg.Axes.Policy, cfg.PolicyName = newPolicy(), *policy

	cfg.Axes.Headers = []http.Header{nil}
	for _, set := range headers {
		h, err := parseHeaderSet(set)
		if err != nil {
			return nil, err
		}
		cfg.Axes.Headers = append(cfg.Axes.Headers, h)
	}
	n := len(cfg.Axes.Origins) * len(cfg.Axes.Methods) * len(cfg.Axes.Credentials)
	if n > corstest.MaxCombinations/len(cfg.Axes.Headers) {
		return nil, usagef("the axes make more than %d combinations", corstest.MaxCombinations)
	}
	return cfg, nil
}

// splitList splits a comma-separated flag value, dropping empty items and
// surrounding spaces.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// parseHeaderSet reads one -headers value: 'Name: value' lines.
func parseHeaderSet(set string) (http.Header, error) {
	h := http.Header{}
	for _, line := range strings.Split(set, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, usagef("-headers %q: a header is 'Name: value' and this one has no colon", line)
		}
		name = strings.TrimSpace(name)
		value = strings.Trim(value, " \t")
		if !isToken(name) {
			return nil, usagef("-headers %q: %q is not a valid header name", line, name)
		}
		if !isFieldValue(value) {
			return nil, usagef("-headers %q: the value has bytes a header value cannot hold", line)
		}
		h.Add(name, value)
	}
	if len(h) == 0 {
		return nil, usagef("-headers %q: no header in the set (the set with no header is always in the matrix)", set)
	}
	return h, nil
}

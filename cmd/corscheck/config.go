package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// config is one check, as the command line describes it.
type config struct {
	Origin      string
	Method      string
	URL         *url.URL
	Header      http.Header
	Body        string
	HasBody     bool
	Mode        fetch.Mode
	Credentials fetch.Credentials
	// Policy is what the Transport decides by: the Fetch Standard (the zero
	// Policy) or a browser's documented deviations; PolicyName names it.
	Policy     cors.Policy
	PolicyName string
	JSON       bool
	Timeout    time.Duration
	// Notes are what the command added to the request, as fetch() would.
	Notes []string
}

// usageError is bad input from the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// headerFlags collects repeated -H flags.
type headerFlags []string

func (h *headerFlags) String() string     { return strings.Join(*h, "; ") }
func (h *headerFlags) Set(v string) error { *h = append(*h, v); return nil }

const usageText = `usage: corscheck -origin ORIGIN [flags] URL
       corscheck demo [-v]

Would a browser page at ORIGIN be allowed to make this request with fetch()?
corscheck sends what the browser would send (the preflight too) and explains
the verdict.

flags:
  -origin ORIGIN      the page's origin, e.g. https://app.example (required)
  -X METHOD           request method (default GET, or POST with -d)
  -H 'Name: value'    request header, as set by the page's script (repeatable)
  -d BODY             request body (a string body; fetch() then adds
                      Content-Type: text/plain;charset=UTF-8 unless -H sets one)
  -credentials MODE   omit, same-origin (default) or include
  -mode MODE          cors (default), no-cors or same-origin
  -policy POLICY      spec (default: the Fetch Standard), chromium, firefox or
                      webkit (that engine's documented deviations, e.g. an
                      Access-Control-Allow-Headers * that covers Authorization)
  -json               print one JSON object instead of text
  -timeout DURATION   give up after this long (default 10s)

exit status: 0 allowed, 1 blocked, 2 usage error or network failure
`

var modes = map[string]fetch.Mode{
	"cors":        fetch.ModeCORS,
	"no-cors":     fetch.ModeNoCORS,
	"same-origin": fetch.ModeSameOrigin,
}

// policies are the -policy values: the standard and the browser presets.
var policies = map[string]func() cors.Policy{
	"spec":     func() cors.Policy { return cors.Policy{} },
	"chromium": cors.ChromiumPolicy,
	"firefox":  cors.FirefoxPolicy,
	"webkit":   cors.WebKitPolicy,
}

var credentialsModes = map[string]fetch.Credentials{
	"omit":        fetch.CredentialsOmit,
	"same-origin": fetch.CredentialsSameOrigin,
	"include":     fetch.CredentialsInclude,
}

func modeName(m fetch.Mode) string {
	for k, v := range modes {
		if v == m {
			return k
		}
	}
	return fmt.Sprintf("mode(%d)", m)
}

func credentialsName(c fetch.Credentials) string {
	for k, v := range credentialsModes {
		if v == c {
			return k
		}
	}
	return fmt.Sprintf("credentials(%d)", c)
}

// parseArgs reads the command line of a check. Flags may come before or
// after the URL. It returns flag.ErrHelp for -h.
func parseArgs(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("corscheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var (
		headers     headerFlags
		origin      = fs.String("origin", "", "")
		method      = fs.String("X", "", "")
		body        = fs.String("d", "", "")
		credentials = fs.String("credentials", "same-origin", "")
		mode        = fs.String("mode", "cors", "")
		policy      = fs.String("policy", "spec", "")
		jsonOut     = fs.Bool("json", false, "")
		timeout     = fs.Duration("timeout", 10*time.Second, "")
	)
	fs.Var(&headers, "H", "")
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	hasBody := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "d" {
			hasBody = true
		}
	})

	cfg := &config{Body: *body, HasBody: hasBody, JSON: *jsonOut, Timeout: *timeout, Header: http.Header{}}
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
	cfg.URL = u

	if *origin == "" {
		return nil, usagef("-origin is required: the origin of the page making the request, e.g. https://app.example")
	}
	if err := checkOrigin(*origin); err != nil {
		return nil, err
	}
	cfg.Origin = *origin

	m, ok := modes[*mode]
	if !ok {
		return nil, usagef("unknown -mode %q: use cors, no-cors or same-origin", *mode)
	}
	cfg.Mode = m
	c, ok := credentialsModes[*credentials]
	if !ok {
		return nil, usagef("unknown -credentials %q: use omit, same-origin or include", *credentials)
	}
	cfg.Credentials = c
	newPolicy, ok := policies[*policy]
	if !ok {
		return nil, usagef("unknown -policy %q: use spec, chromium, firefox or webkit", *policy)
	}
	cfg.Policy, cfg.PolicyName = newPolicy(), *policy
	if *timeout <= 0 {
		return nil, usagef("-timeout must be positive, got %v", *timeout)
	}

	cfg.Method = *method
	if cfg.Method == "" {
		cfg.Method = http.MethodGet
		if hasBody {
			cfg.Method = http.MethodPost
		}
	}
	if !isToken(cfg.Method) {
		return nil, usagef("-X %q is not a valid method name", cfg.Method)
	}
	for _, h := range headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok {
			return nil, usagef("-H %q: a header is 'Name: value' and this one has no colon", h)
		}
		name = strings.TrimSpace(name)
		value = strings.Trim(value, " \t")
		if !isToken(name) {
			return nil, usagef("-H %q: %q is not a valid header name", h, name)
		}
		if !isFieldValue(value) {
			return nil, usagef("-H %q: the value has bytes a header value cannot hold", h)
		}
		cfg.Header.Add(name, value)
	}
	if hasBody && cfg.Header.Get("Content-Type") == "" {
		cfg.Header.Set("Content-Type", "text/plain;charset=UTF-8")
		cfg.Notes = append(cfg.Notes, "added Content-Type: text/plain;charset=UTF-8, as fetch() does for a string body")
	}
	return cfg, nil
}

// parseURL accepts an absolute http or https URL.
func parseURL(s string) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, usagef("malformed URL %q: %v", s, errors.Unwrap(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		if u.Scheme == "" {
			return nil, usagef("URL %q has no scheme: write http://%s or https://%s", s, s, s)
		}
		return nil, usagef("URL %q: the scheme must be http or https, not %q", s, u.Scheme)
	}
	if u.Host == "" {
		return nil, usagef("URL %q has no host", s)
	}
	return u, nil
}

// checkOrigin accepts a serialized origin ("scheme://host[:port]") or "null".
func checkOrigin(s string) error {
	if s == "null" {
		return nil
	}
	u, err := url.Parse(s)
	if err == nil && u.Scheme != "" && u.Host != "" && (u.Path != "" || u.RawQuery != "" || u.Fragment != "") {
		return usagef("-origin %q: an origin is scheme://host[:port] with no path, query or fragment (try %q)", s, u.Scheme+"://"+u.Host)
	}
	if err != nil || u.Scheme == "" || u.Host == "" {
		return usagef("-origin %q is not an origin: write scheme://host[:port], e.g. https://app.example", s)
	}
	if _, err := cors.ParseOrigin(s); err != nil {
		return usagef("-origin %q is not an origin: %v", s, err)
	}
	return nil
}

// isToken reports whether s is an RFC 9110 token: a valid method or header
// name.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// isFieldValue reports whether s can be a header value: no NUL, CR or LF,
// and no other control byte but tab.
func isFieldValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

package main

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"strconv"
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
	// Engines asks for the verdict under each browser's policy as well
	// (no -policy given).
	Engines  bool
	Redirect fetch.Redirect
	JSON     bool
	Verbose  bool
	Timeout  time.Duration
	// BodyGrace is how long an allowed response's body is read after the
	// headers; 0 means defaultBodyGrace.
	BodyGrace time.Duration
	// Cookies are the -b cookies, put in a fresh jar for each check.
	Cookies []jarCookie
	// TLS is the -k and -cacert configuration, nil without them.
	TLS *tls.Config
	// Notes are what the command added to the request, as fetch() would.
	Notes []string
}

func (c *config) bodyGrace() time.Duration {
	if c.BodyGrace > 0 {
		return c.BodyGrace
	}
	return defaultBodyGrace
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

// timeoutFlag is -timeout: seconds as a bare number ("2", "0.5"), as curl's
// -m takes them, or a Go duration ("1.5s", "500ms").
type timeoutFlag time.Duration

func (t *timeoutFlag) String() string { return time.Duration(*t).String() }
func (t *timeoutFlag) Set(v string) error {
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("%q is not a number of seconds", v)
		}
		if f > float64(math.MaxInt64/int64(time.Second)) {
			return fmt.Errorf("%s seconds is too long", v)
		}
		*t = timeoutFlag(f * float64(time.Second))
		return nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return fmt.Errorf("%q is neither seconds (2, 0.5) nor a duration with a unit (1.5s, 500ms, 1m)", v)
	}
	*t = timeoutFlag(d)
	return nil
}

const usageText = `usage: corscheck -origin ORIGIN [flags] URL
       corscheck demo [-v]
       corscheck matrix URL -origins O1,O2,... [flags]   (corscheck matrix -h)
       corscheck har FILE.har [-policy P] [-json]        (corscheck har -h)

Would a browser page at ORIGIN be allowed to make this request with fetch()?
corscheck sends what the browser would send (the preflight too) and explains
the verdict.

flags:
  -origin ORIGIN      the page's origin, e.g. https://app.example (required)
  -X METHOD           request method (default GET, or POST with -d)
  -H 'Name: value'    request header, as set by the page's script (repeatable)
  -d BODY             request body (a string body; fetch() then adds
                      Content-Type: text/plain;charset=UTF-8 unless -H sets one)
  -d @FILE            the body is FILE's bytes, sent as they are (like curl
                      --data-binary); -d @- reads standard input
  -b COOKIES          cookies in the jar: "name=value; n2=v2" (for the URL's
                      host) or a Netscape cookie file (curl -c writes one);
                      sent as the browser would, so cross-origin only with
                      -credentials include (repeatable)
  -credentials MODE   omit, same-origin (default) or include
  -mode MODE          cors (default), no-cors or same-origin
  -redirect MODE      follow (default), error or manual
  -policy POLICY      judge by one policy only: spec (the Fetch Standard),
                      chromium, firefox or webkit (that engine's documented
                      deviations, e.g. Access-Control-Allow-Headers * covering
                      Authorization). Without -policy: the standard's verdict,
                      and each engine's where it differs
  -k                  accept any TLS certificate (self-signed, wrong host)
  -cacert FILE        trust only the PEM certificates in FILE for TLS
  -timeout LIMIT      give up after LIMIT: seconds (2, 0.5) or a duration
                      (1.5s, 500ms); default 10s, for the whole check
  -v                  verbose: every response header, connections and TLS,
                      and how each engine's verdict was reached
  -json               print one JSON object at the end instead of text

Each step is printed as it happens. An allowed response's body is read for
at most 1s and 64 KiB (the verdict is known at the headers); the verdict
says when it was cut.

exit status:
  0  allowed (by the standard, or by -policy)
  1  blocked: CORS or the request mode forbids the page this response
  2  usage error, or a request fetch() rejects before sending anything
  3  network failure: connection, DNS, TLS, timeout, too many redirects,
     a bad redirect (fetch() rejects with a TypeError there too, but no
     server header can lift it)
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

var redirectModes = map[string]fetch.Redirect{
	"follow": fetch.RedirectFollow,
	"error":  fetch.RedirectError,
	"manual": fetch.RedirectManual,
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
		redirect    = fs.String("redirect", "follow", "")
		policy      = fs.String("policy", "", "")
		jsonOut     = fs.Bool("json", false, "")
		verbose     = fs.Bool("v", false, "")
		insecure    = fs.Bool("k", false, "")
		cacert      = fs.String("cacert", "", "")
		timeout     = timeoutFlag(10 * time.Second)
		cookieArgs  headerFlags
	)
	fs.Var(&headers, "H", "")
	fs.Var(&cookieArgs, "b", "")
	fs.Var(&timeout, "timeout", "")
	positional, err := parseInterspersed(fs, args)
	if err != nil {
		return nil, err
	}
	hasBody := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "d" {
			hasBody = true
		}
	})

	cfg := &config{Body: *body, HasBody: hasBody, JSON: *jsonOut, Verbose: *verbose, Timeout: time.Duration(timeout), Header: http.Header{}}
	if hasBody && strings.HasPrefix(*body, "@") {
		b, err := readBodyArg((*body)[1:])
		if err != nil {
			return nil, err
		}
		cfg.Body = b
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
	r, ok := redirectModes[*redirect]
	if !ok {
		return nil, usagef("unknown -redirect %q: use follow, error or manual", *redirect)
	}
	cfg.Redirect = r
	cfg.Engines = *policy == ""
	if *policy == "" {
		*policy = "spec"
	}
	newPolicy, ok := policies[*policy]
	if !ok {
		return nil, usagef("unknown -policy %q: use spec, chromium, firefox or webkit", *policy)
	}
	cfg.Policy, cfg.PolicyName = newPolicy(), *policy
	if timeout <= 0 {
		return nil, usagef("-timeout must be positive, got %v", time.Duration(timeout))
	}
	if cfg.TLS, err = tlsConfig(*insecure, *cacert); err != nil {
		return nil, err
	}
	for _, arg := range cookieArgs {
		cs, err := parseCookieArg(arg, cfg.URL)
		if err != nil {
			return nil, err
		}
		cfg.Cookies = append(cfg.Cookies, cs...)
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
	if o, err := cors.ParseOrigin(cfg.Origin); err == nil {
		if n := cookieNote(cfg, !o.SameOriginURL(cfg.URL)); n != "" {
			cfg.Notes = append(cfg.Notes, n)
		}
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

// stdin is what -d @- reads; tests replace it.
var stdin io.Reader = os.Stdin

// readBodyArg reads the body of -d @name: the file's bytes, or standard
// input for "-".
func readBodyArg(name string) (string, error) {
	if name == "-" {
		b, err := io.ReadAll(stdin)
		if err != nil {
			return "", usagef("-d @-: reading standard input: %v", err)
		}
		return string(b), nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return "", usagef("-d @%s: %v", name, err)
	}
	return string(b), nil
}

// tlsConfig is the TLS configuration of -k and -cacert, or nil for the
// system's defaults.
func tlsConfig(insecure bool, cacert string) (*tls.Config, error) {
	if !insecure && cacert == "" {
		return nil, nil
	}
	c := &tls.Config{InsecureSkipVerify: insecure}
	if cacert != "" {
		pem, err := os.ReadFile(cacert)
		if err != nil {
			return nil, usagef("-cacert: %v", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, usagef("-cacert %s: no PEM certificate in the file", cacert)
		}
		c.RootCAs = pool
	}
	return c, nil
}

// parseInterspersed parses fs from args, letting flags follow positional
// arguments as curl's do, and returns the positional ones. -h gives
// flag.ErrHelp; any other parse error is a usage error.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		if fs.NArg() == 0 {
			return positional, nil
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

package corstest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// DefaultURL is the URL of a Case that sets none. The handler serves every
// URL, so only its path and scheme matter to it.
const DefaultURL = "https://api.example/"

// Case is one row of a table test: a fetch() from a page and what the
// browser must decide. The request fields describe the call
// fetch(URL, {method, headers, body, mode, credentials}) from a page at
// Origin; the Want fields are checked when set.
type Case struct {
	Name        string // for messages; "" means the request in one line
	Origin      string // the page's origin, e.g. "https://app.example" (required)
	Method      string // "" means GET
	URL         string // "" means DefaultURL
	Header      http.Header
	Body        string // "" means no body
	Mode        fetch.Mode
	Credentials fetch.Credentials
	Policy      cors.Policy // the zero value is the Fetch Standard

	Want      Outcome     // required
	Reason    cors.Reason // when Blocked; ReasonNone means any reason
	Status    int         // when Allowed; 0 means any status
	Readable  []string    // when Allowed: header names the page must be able to read
	Preflight Preflight   // 0 means either
}

// Request returns the *http.Request the Case describes, with its
// fetch.Options in the context.
func (c *Case) Request() (*http.Request, error) {
	u := c.URL
	if u == "" {
		u = DefaultURL
	}
	method := c.Method
	if method == "" {
		method = http.MethodGet
	}
	ctx := fetch.WithOptions(context.Background(), fetch.Options{Mode: c.Mode, Credentials: c.Credentials})
	var req *http.Request
	var err error
	if c.Body != "" {
		req, err = http.NewRequestWithContext(ctx, method, u, strings.NewReader(c.Body))
	} else {
		req, err = http.NewRequestWithContext(ctx, method, u, nil)
	}
	if err != nil {
		return nil, err
	}
	for k, vs := range c.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	return req, nil
}

// Check runs the Case's request against h and returns the verdict,
// whatever the Want fields say.
func (c *Case) Check(h http.Handler) Verdict {
	req, err := c.Request()
	if err != nil {
		return Verdict{Outcome: Failed, Preflight: PreflightNone, Err: fmt.Errorf("corstest: case %s: %w", c.name(), err)}
	}
	if h == nil {
		return Verdict{Outcome: Failed, Preflight: PreflightNone, Err: fmt.Errorf("corstest: case %s: nil handler", c.name())}
	}
	return fetchOver(&HandlerTransport{Handler: h}, c.Origin, c.Policy, nil, req, true)
}

// Mismatches lists how v differs from what c wants; none means v passes.
func (c *Case) Mismatches(v Verdict) []string {
	var bad []string
	if c.Want == 0 {
		return []string{"Case.Want is not set: say corstest.Allowed, Blocked or Failed"}
	}
	if v.Outcome != c.Want {
		bad = append(bad, fmt.Sprintf("%s, want %s", v, c.Want))
		if v.Console != "" {
			bad = append(bad, "console: "+v.Console)
		}
		return bad
	}
	if c.Want == Blocked && c.Reason != cors.ReasonNone && v.Reason != c.Reason {
		bad = append(bad, fmt.Sprintf("blocked with %s, want %s\nconsole: %s", v.Reason, c.Reason, v.Console))
	}
	if c.Want == Allowed && c.Status != 0 && v.Status != c.Status {
		bad = append(bad, fmt.Sprintf("status %d, want %d", v.Status, c.Status))
	}
	if c.Want == Allowed {
		for _, name := range c.Readable {
			if len(v.Readable.Values(name)) == 0 {
				bad = append(bad, fmt.Sprintf("the page cannot read %s; it can read %s", name, headerNames(v.Readable)))
			}
		}
	}
	if c.Preflight != 0 && v.Preflight != c.Preflight {
		bad = append(bad, fmt.Sprintf("preflight %s, want %s", v.Preflight, c.Preflight))
	}
	return bad
}

// Expect runs c against h and reports every way the verdict differs from
// c's Want fields as a test error, naming the case. It returns the verdict
// for further checks.
func Expect(t testing.TB, h http.Handler, c Case) Verdict {
	t.Helper()
	v := c.Check(h)
	for _, m := range c.Mismatches(v) {
		t.Errorf("%s: %s", c.name(), m)
	}
	return v
}

// name is c.Name, or the request in one line.
func (c *Case) name() string {
	if c.Name != "" {
		return c.Name
	}
	method := c.Method
	if method == "" {
		method = http.MethodGet
	}
	u := c.URL
	if u == "" {
		u = DefaultURL
	}
	s := fmt.Sprintf("%s %s from %s", method, u, c.Origin)
	if len(c.Header) > 0 {
		s += " with " + headerSet(c.Header)
	}
	if c.Credentials != fetch.CredentialsSameOrigin {
		s += ", credentials " + c.Credentials.String()
	}
	if c.Mode != fetch.ModeCORS {
		s += ", mode " + c.Mode.String()
	}
	return s
}

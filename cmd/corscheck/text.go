package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"
)

// writeText prints rep for a person.
func writeText(w io.Writer, rep *report) {
	r := rep.Request
	fmt.Fprintf(w, "%s %s\n", r.Method, r.URL)
	where := "cross-origin"
	if !r.CrossOrigin {
		where = "same-origin"
	}
	policy := ""
	if r.Policy != "" && r.Policy != "spec" {
		policy = "; policy " + r.Policy
	}
	fmt.Fprintf(w, "  from a page at %s (%s; mode %s, credentials %s%s)\n", r.Origin, where, r.Mode, r.Credentials, policy)
	if len(r.Headers) > 0 {
		fmt.Fprintf(w, "  headers set by the page: %s\n", headerSummary(r.Headers))
	}
	if r.BodyBytes > 0 {
		fmt.Fprintf(w, "  body: %d bytes\n", r.BodyBytes)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	for _, d := range r.Dropped {
		fmt.Fprintf(w, "  dropped: %s\n", d)
	}

	p := rep.Preflight
	fmt.Fprintln(w)
	switch {
	case rep.Verdict == verdictError && len(rep.Exchanges) == 0:
		fmt.Fprintln(w, "Preflight: none")
	case p.Needed && p.CacheHit && !p.Sent:
		fmt.Fprintln(w, "Preflight: needed, answered from the preflight cache (no OPTIONS sent)")
	case p.Needed:
		fmt.Fprintln(w, "Preflight: needed")
	case p.Sent:
		fmt.Fprintln(w, "Preflight: sent")
	default:
		fmt.Fprintln(w, "Preflight: not needed")
	}
	for _, why := range p.Why {
		fmt.Fprintf(w, "  - %s\n", why)
	}

	for i, ex := range rep.Exchanges {
		fmt.Fprintln(w)
		title := "Request"
		switch {
		case ex.Kind == "preflight":
			title = "Preflight request"
		case i > 0 && isRedirect(rep.Exchanges[i-1].Status) && rep.Exchanges[i-1].Kind == "request":
			title = "Redirected request"
		}
		fmt.Fprintln(w, title)
		writeExchange(w, &ex, r.CrossOrigin && r.Mode == "cors")
	}

	fmt.Fprintln(w)
	switch rep.Verdict {
	case verdictAllowed:
		fmt.Fprintf(w, "ALLOWED: %s response, status %d\n", rep.Response.Type, rep.Response.Status)
		if rep.Response.Type == "opaque" || rep.Response.Type == "opaqueredirect" {
			fmt.Fprintln(w, "  the request was sent, but the page cannot read the status, the headers or the body")
		} else if len(rep.Response.Headers) == 0 {
			fmt.Fprintln(w, "  the page can read no response header")
		} else {
			fmt.Fprintln(w, "  the page can read these response headers:")
			for _, k := range sortedKeys(rep.Response.Headers) {
				for _, v := range rep.Response.Headers[k] {
					fmt.Fprintf(w, "    %s: %s\n", k, v)
				}
			}
		}
	case verdictBlocked:
		b := rep.Blocked
		fmt.Fprintf(w, "BLOCKED: %s\n", b.Reason)
		if b.Offending != "" {
			fmt.Fprintf(w, "  failing value: %s\n", b.Offending)
		}
		if b.ConsoleMessage != "" {
			fmt.Fprintf(w, "  console: %s\n", b.ConsoleMessage)
		} else {
			fmt.Fprintf(w, "  error: %s\n", b.Message)
		}
		fmt.Fprintf(w, "  fix: %s\n", b.Hint)
	default:
		fmt.Fprintf(w, "ERROR: %s\n", rep.Error)
	}
}

func isRedirect(status int) bool { return status >= 300 && status <= 399 }

// writeExchange prints one request and the response headers that matter.
// missing CORS headers are pointed out when corsRequest is set.
func writeExchange(w io.Writer, ex *exchange, corsRequest bool) {
	fmt.Fprintf(w, "  > %s %s\n", ex.Method, ex.URL)
	for _, k := range sortedKeys(ex.RequestHeaders) {
		for _, v := range ex.RequestHeaders[k] {
			fmt.Fprintf(w, "  >   %s: %s\n", k, v)
		}
	}
	if ex.Error != "" {
		fmt.Fprintf(w, "  < failed: %s\n", ex.Error)
		return
	}
	fmt.Fprintf(w, "  < %s\n", ex.StatusText)
	for _, k := range sortedKeys(ex.ResponseHeaders) {
		for _, v := range ex.ResponseHeaders[k] {
			fmt.Fprintf(w, "  <   %s: %s\n", k, v)
		}
	}
	var missing []string
	want := []string{"Access-Control-Allow-Origin"}
	if ex.Kind == "preflight" {
		want = append(want, "Access-Control-Allow-Methods", "Access-Control-Allow-Headers")
	}
	if ex.Kind != "preflight" && isRedirect(ex.Status) {
		want = nil // a redirect is CORS-checked too, but says where it goes first
		if _, ok := ex.ResponseHeaders["Access-Control-Allow-Origin"]; !ok {
			want = []string{"Access-Control-Allow-Origin"}
		}
	}
	for _, k := range want {
		if _, ok := ex.ResponseHeaders[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 && corsRequest {
		fmt.Fprintf(w, "  <   (no %s)\n", strings.Join(missing, ", no "))
	}
}

// headerSummary is a one-line "Name: value; Name: value" list.
func headerSummary(h http.Header) string {
	var parts []string
	for _, k := range sortedKeys(h) {
		for _, v := range h[k] {
			parts = append(parts, k+": "+v)
		}
	}
	return strings.Join(parts, "; ")
}

package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"
)

// writeText prints rep for a person, all at once.
func writeText(w io.Writer, rep *report) {
	(&textWriter{w: w, rep: rep}).finish()
}

// textWriter prints a report for a person, step by step: the request and
// the preflight analysis, each exchange as it is sent and as its response
// arrives, then the verdict. Printed all at once (writeText) or live, the
// text is the same.
type textWriter struct {
	w       io.Writer
	rep     *report
	verbose bool // -v: every response header, longer values, connections

	introDone bool
	started   int // exchanges whose request lines are printed
	done      int // exchanges whose response lines are printed
}

// intro prints the request and what the browser decides before sending it.
func (t *textWriter) intro() {
	if t.introDone {
		return
	}
	t.introDone = true
	w, rep := t.w, t.rep
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
	redirect := ""
	if r.Redirect != "" && r.Redirect != "follow" {
		redirect = ", redirect " + r.Redirect
	}
	fmt.Fprintf(w, "  from a page at %s (%s; mode %s, credentials %s%s%s)\n", r.Origin, where, r.Mode, r.Credentials, redirect, policy)
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
	case rep.Verdict == verdictRejected && len(rep.Exchanges) == 0:
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
}

// exchangeStart prints exs[i] as it is sent. exs holds every exchange so
// far.
func (t *textWriter) exchangeStart(exs []exchange, i int) {
	t.intro()
	for t.started <= i {
		ex := &exs[t.started]
		fmt.Fprintln(t.w)
		title := "Request"
		switch {
		case ex.Kind == "preflight":
			title = "Preflight request"
		case t.started > 0 && isRedirect(exs[t.started-1].Status) && exs[t.started-1].Kind == "request":
			title = "Redirected request"
		}
		fmt.Fprintln(t.w, title)
		t.writeRequestLines(ex)
		t.started++
	}
}

// exchangeDone prints exs[i]'s response (or failure) as it arrives.
func (t *textWriter) exchangeDone(exs []exchange, i int) {
	t.exchangeStart(exs, i)
	r := t.rep.Request
	for t.done <= i {
		t.writeResponseLines(&exs[t.done], r.CrossOrigin && r.Mode == "cors")
		t.done++
	}
}

// finish prints what is not printed yet: the exchanges, the verdict, and
// the engines' verdicts.
func (t *textWriter) finish() {
	t.finishVerdict()
	t.engines()
}

// finishVerdict prints what is not printed yet up to the verdict.
func (t *textWriter) finishVerdict() {
	t.intro()
	if n := len(t.rep.Exchanges); n > 0 {
		t.exchangeDone(t.rep.Exchanges, n-1)
	}
	t.verdict()
}

// verdict prints the verdict and what it means for the page.
func (t *textWriter) verdict() {
	w, rep := t.w, t.rep
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
			t.writeHeaders("    ", rep.Response.Headers)
		}
		if b := rep.Response.Body; b != nil && b.Cut != "" {
			fmt.Fprintf(w, "  body: cut after %d bytes (%s); the verdict was known at the headers\n", b.Read, b.Cut)
		} else if b != nil && t.verbose {
			fmt.Fprintf(w, "  body: %d bytes, read to the end\n", b.Read)
		}
	case verdictBlocked:
		b := rep.Blocked
		fmt.Fprintf(w, "BLOCKED: %s\n", b.Reason)
		if b.Offending != "" {
			fmt.Fprintf(w, "  failing value: %s\n", t.value(b.Offending))
		}
		if b.ConsoleMessage != "" {
			fmt.Fprintf(w, "  console: %s\n", t.value(b.ConsoleMessage))
		} else {
			fmt.Fprintf(w, "  error: %s\n", t.value(b.Message))
		}
		fmt.Fprintf(w, "  fix: %s\n", t.value(b.Hint))
		for _, ex := range rep.Exchanges {
			if ex.BodyCut {
				fmt.Fprintf(w, "  note: the body of the %s response stalled; corscheck closed it unread (the verdict never depends on it)\n", ex.Kind)
				break
			}
		}
	case verdictRejected:
		fmt.Fprintf(w, "REJECTED: %s\n", t.value(rep.Error))
	default:
		fmt.Fprintf(w, "NETWORK FAILURE: %s\n", t.value(rep.Error))
		if rep.Hint != "" {
			fmt.Fprintf(w, "  fix: %s\n", t.value(rep.Hint))
		}
	}
}

// value caps a string from the server (or derived from it) for printing.
func (t *textWriter) value(s string) string {
	max := maxValueBytes
	if t.verbose {
		max = maxValueBytesVerbose
	}
	// Messages embed values (a URL, a header) in a sentence: allow for it.
	return capValue(s, 8*max)
}

// writeHeaders prints h sorted by name, one value a line, each value capped
// and at most maxHeaderLines lines (without -v).
func (t *textWriter) writeHeaders(prefix string, h http.Header) {
	max := maxValueBytes
	if t.verbose {
		max = maxValueBytesVerbose
	}
	lines, total := 0, 0
	for _, v := range h {
		total += len(v)
	}
	for _, k := range sortedKeys(h) {
		for _, v := range h[k] {
			if lines == maxHeaderLines && !t.verbose {
				fmt.Fprintf(t.w, "%s… %d more header lines\n", prefix, total-lines)
				return
			}
			fmt.Fprintf(t.w, "%s%s: %s\n", prefix, capValue(k, max), capValue(v, max))
			lines++
		}
	}
}

func isRedirect(status int) bool { return status >= 300 && status <= 399 }

// writeRequestLines prints the request of an exchange as it was sent (its
// URL may come from a server's Location).
func (t *textWriter) writeRequestLines(ex *exchange) {
	fmt.Fprintf(t.w, "  > %s %s\n", ex.Method, t.value(ex.URL))
	t.writeHeaders("  >   ", ex.RequestHeaders)
}

// writeResponseLines prints the response of an exchange: the status and the
// headers that matter to CORS (every header with -v). Missing CORS headers
// are pointed out when corsRequest is set.
func (t *textWriter) writeResponseLines(ex *exchange, corsRequest bool) {
	w := t.w
	if ex.Error != "" {
		fmt.Fprintf(w, "  < failed: %s\n", t.value(ex.Error))
		return
	}
	fmt.Fprintf(w, "  < %s\n", t.value(ex.StatusText))
	shown := ex.ResponseHeaders
	if t.verbose && ex.allHeaders != nil {
		shown = ex.allHeaders
	}
	t.writeHeaders("  <   ", shown)
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

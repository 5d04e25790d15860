package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// writeHARText prints out for a person. Every string from the recording
// goes through esc.
func writeHARText(w io.Writer, out *harOutput) {
	fmt.Fprintf(w, "%s: %d entries, written by %s; judged by the %s policy (%s)\n",
		esc(out.File), out.Entries, orUnknown(esc(out.Creator)), out.Policy, out.PolicyFrom)
	if out.ReadError != "" {
		fmt.Fprintf(w, "warning: %s; what came before it is explained below\n", esc(out.ReadError))
	}
	for _, e := range out.EntryErrors {
		fmt.Fprintf(w, "entry %d: unreadable: %s\n", e.Entry, esc(e.Error))
	}
	for i := range out.Requests {
		fmt.Fprintln(w)
		writeHARRequest(w, &out.Requests[i])
	}
	s, k := out.Summary, out.Skipped
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%d cross-origin requests: %d allowed, %d blocked, %d unknown; %d differ from the recording\n",
		s.Requests, s.Allowed, s.Blocked, s.Unknown, s.Differ)
	fmt.Fprintf(w, "not explained: %d same-origin, %d not CORS (navigations, no-cors loads), %d preflights (shown with their requests), %d redirect hops, %d without a page origin, %d not http(s), %d unreadable\n",
		k.SameOrigin, k.NotCORS, k.Preflights, k.RedirectHop, k.NoPage, k.NotHTTP, k.Unreadable)
}

func writeHARRequest(w io.Writer, r *harRequest) {
	fmt.Fprintf(w, "entry %d: %s %s\n", r.Entry, esc(r.Method), esc(r.URL))
	fmt.Fprintf(w, "  from a page at %s (from %s); mode %s; credentials %s (%s)\n",
		esc(r.PageOrigin), esc(r.PageOriginFrom), r.Mode, r.Credentials, r.CredentialsFrom)
	if rep := r.Replay; rep != nil && len(rep.Request.Headers) > 0 {
		fmt.Fprintf(w, "  headers set by the page: %s\n", esc(headerSummary(rep.Request.Headers)))
	}
	if len(r.LeftOut) > 0 {
		fmt.Fprintf(w, "  left out as the browser's own: %s\n", esc(strings.Join(r.LeftOut, ", ")))
	}
	if rep := r.Replay; rep != nil {
		p := rep.Preflight
		line := "  preflight: not needed"
		switch {
		case p.Needed && r.PreflightEntry != nil:
			line = fmt.Sprintf("  preflight: needed; recorded as entry %d", *r.PreflightEntry)
		case p.Needed && r.PreflightFrom != nil:
			line = fmt.Sprintf("  preflight: needed; none recorded for it, answered from entry %d (an earlier preflight the browser had cached)", *r.PreflightFrom)
		case p.Needed:
			line = "  preflight: needed; none recorded"
		case r.PreflightEntry != nil:
			line = fmt.Sprintf("  preflight: not needed, yet one was recorded (entry %d)", *r.PreflightEntry)
		}
		if p.Needed && len(p.Why) > 0 {
			line += " (" + strings.Join(p.Why, "; ") + ")"
		}
		fmt.Fprintln(w, esc(line))
		if pre := lastPreflight(rep.Exchanges); pre != nil && pre.Error == "" {
			fmt.Fprintf(w, "    < %s%s\n", esc(pre.StatusText), esc(acSummary(pre)))
		}
	}
	switch r.Verdict {
	case verdictAllowed:
		fmt.Fprintf(w, "  ALLOWED")
		if rep := r.Replay; rep != nil && rep.Response != nil {
			fmt.Fprintf(w, ": %s response, status %d", rep.Response.Type, rep.Response.Status)
		}
		fmt.Fprintln(w)
	case verdictBlocked:
		fmt.Fprintf(w, "  BLOCKED: %s\n", r.Reason)
		if r.FailedParameter != "" {
			fmt.Fprintf(w, "  failing value: %s\n", esc(r.FailedParameter))
		}
		if r.ConsoleMessage != "" {
			fmt.Fprintf(w, "  console: %s\n", esc(r.ConsoleMessage))
		} else if r.Replay != nil && r.Replay.Blocked != nil {
			fmt.Fprintf(w, "  error: %s\n", esc(r.Replay.Blocked.Message))
		}
		fmt.Fprintf(w, "  fix: %s\n", esc(r.Hint))
	default:
		fmt.Fprintf(w, "  UNKNOWN: %s\n", esc(r.Missing))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  note: %s\n", esc(n))
	}
	if r.SpecVerdict != "" {
		specLine := "  the Fetch Standard: " + r.SpecVerdict
		if r.SpecReason != "" {
			specLine += " (" + r.SpecReason + ")"
		}
		fmt.Fprintln(w, specLine)
	}
	fmt.Fprintf(w, "  recorded: %s; %s: %s\n", recordedSummary(&r.Recorded), r.Agreement, esc(r.AgreementNote))
}

// acSummary lists the Access-Control-* headers of a response on one line.
func acSummary(ex *exchange) string {
	var parts []string
	for _, k := range sortedKeys(ex.ResponseHeaders) {
		if !strings.HasPrefix(k, "Access-Control-") {
			continue
		}
		for _, v := range ex.ResponseHeaders[k] {
			parts = append(parts, k+": "+v)
		}
	}
	if len(parts) == 0 {
		return "; no Access-Control-* headers"
	}
	return "; " + strings.Join(parts, "; ")
}

func recordedSummary(r *harRecorded) string {
	var s string
	switch r.Outcome {
	case "failed":
		s = "status " + strconv.Itoa(r.Status) + ", " + esc(r.Error)
	case "no_response":
		s = "status 0, no response"
	default:
		s = "status " + strconv.Itoa(r.Status)
	}
	if r.Outcome == "received" && r.ResponseHeaders == 0 {
		s += " with no response headers"
	}
	if r.PreflightStatus != 0 || r.PreflightError != "" {
		s += fmt.Sprintf(" (preflight status %d", r.PreflightStatus)
		if r.PreflightError != "" {
			s += ", " + esc(r.PreflightError)
		}
		s += ")"
	}
	return s
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "an unnamed tool"
	}
	return s
}

// esc makes recorded text safe to print on a terminal: control and format
// characters and invalid UTF-8 are written as Go escapes.
func esc(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsGraphic(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case !unicode.IsGraphic(r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

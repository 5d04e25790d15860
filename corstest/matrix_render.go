package corstest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/corsfetch/corsfetch/fetch"
)

// columns are the cells of a row as the text and Markdown tables show them:
// origin, credentials, method, headers, verdict, status, preflight, reason.
// The reason of a Failed row is its error.
func (r *Row) columns() []string {
	v := &r.Verdict
	status, reason := "-", ""
	switch v.Outcome {
	case Allowed:
		status = strconv.Itoa(v.Status)
		if v.Type != fetch.ResponseCORS {
			status += " " + v.Type.String()
		}
	case Blocked:
		reason = v.Reason.String()
		if v.Offending != "" {
			reason += " (" + v.Offending + ")"
		}
	default:
		if v.Err != nil {
			reason = v.Err.Error()
		}
	}
	return []string{r.Origin, r.Credentials.String(), r.Method, headerSet(r.Header), v.Outcome.String(), status, v.Preflight.String(), reason}
}

var columnTitles = []string{"ORIGIN", "CREDENTIALS", "METHOD", "HEADERS", "VERDICT", "STATUS", "PREFLIGHT", "REASON"}

// WriteText writes t as aligned columns, one line per row. A status that is
// not of a cors response names the type ("0 opaque"). Cells are written as
// they are: a caller printing a live server's errors to a terminal escapes
// them first.
func (t *Table) WriteText(w io.Writer) error {
	var buf strings.Builder
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(columnTitles, "\t"))
	for i := range t.Rows {
		cells := t.Rows[i].columns()
		for j, c := range cells {
			cells[j] = oneLine(c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	var out strings.Builder
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		out.WriteString(strings.TrimRight(line, " \n"))
		if strings.HasSuffix(line, "\n") {
			out.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, out.String())
	return err
}

// WriteMarkdown writes t as a GitHub-flavoured Markdown table.
func (t *Table) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("|")
	for _, c := range columnTitles {
		b.WriteString(" " + strings.ToUpper(c[:1]) + strings.ToLower(c[1:]) + " |")
	}
	b.WriteString("\n|")
	for range columnTitles {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for i := range t.Rows {
		b.WriteString("|")
		for _, c := range t.Rows[i].columns() {
			b.WriteString(" " + markdownCell(c) + " |")
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownCell escapes what would end a cell or a line, and inline markup.
func markdownCell(s string) string {
	if s == "" {
		return ""
	}
	r := strings.NewReplacer("\\", "\\\\", "|", "\\|", "`", "\\`", "*", "\\*", "_", "\\_", "<", "&lt;", ">", "&gt;", "[", "\\[", "]", "\\]")
	return r.Replace(oneLine(s))
}

// oneLine keeps a cell on its line: CR, LF and tabs become spaces. Other
// bytes, even those that are not UTF-8, are kept for the caller to escape.
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if c == '\n' || c == '\r' || c == '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}

// jsonRow is a row as MarshalJSON writes it; the names are stable.
type jsonRow struct {
	Origin          string      `json:"origin"`
	Credentials     string      `json:"credentials"`
	Method          string      `json:"method"`
	Headers         http.Header `json:"headers"`
	Verdict         string      `json:"verdict"`             // allowed, blocked or failed
	Type            string      `json:"type,omitempty"`      // when allowed: cors, basic, opaque, opaqueredirect
	Status          int         `json:"status,omitempty"`    // when allowed
	Readable        http.Header `json:"readable,omitempty"`  // when allowed: the headers the page can read
	Preflight       string      `json:"preflight"`           // none, sent or sent+cached
	Reason          string      `json:"reason,omitempty"`    // when blocked: Chromium's CorsError name
	Offending       string      `json:"offending,omitempty"` // when blocked: the value that failed
	FailedParameter string      `json:"failed_parameter,omitempty"`
	Console         string      `json:"console,omitempty"` // when blocked
	Error           string      `json:"error,omitempty"`   // when failed
}

// MarshalJSON writes t as {"url": ..., "rows": [...]}; each row has the
// fields origin, credentials, method, headers, verdict ("allowed",
// "blocked" or "failed"), type, status and readable (when allowed),
// preflight ("none", "sent" or "sent+cached"), reason, offending,
// failed_parameter and console (when blocked) and error (when failed).
func (t *Table) MarshalJSON() ([]byte, error) {
	out := struct {
		URL  string    `json:"url"`
		Rows []jsonRow `json:"rows"`
	}{URL: t.URL, Rows: make([]jsonRow, len(t.Rows))}
	for i := range t.Rows {
		r, v := &t.Rows[i], &t.Rows[i].Verdict
		h := r.Header
		if h == nil {
			h = http.Header{}
		}
		jr := jsonRow{Origin: r.Origin, Credentials: r.Credentials.String(), Method: r.Method, Headers: h,
			Verdict: v.Outcome.String(), Preflight: v.Preflight.String()}
		switch v.Outcome {
		case Allowed:
			jr.Type, jr.Status, jr.Readable = v.Type.String(), v.Status, v.Readable
		case Blocked:
			jr.Reason, jr.Offending, jr.FailedParameter, jr.Console = v.Reason.String(), v.Offending, v.FailedParameter, v.Console
		default:
			if v.Err != nil {
				jr.Error = v.Err.Error()
			}
		}
		out.Rows[i] = jr
	}
	return json.Marshal(out)
}

// WriteJSON writes t's JSON, indented, with a final newline.
func (t *Table) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(t)
}

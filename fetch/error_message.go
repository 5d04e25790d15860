package fetch

import (
	"strings"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// message renders a NetworkError naming the URL at most once: not at all
// when it is the request's URL (the caller, or http.Client's *url.Error,
// has it), and a *cors.Error cause without its own copy of it.
func (e *NetworkError) message() string {
	var b strings.Builder
	b.WriteString("fetch: network error: ")
	b.WriteString(e.Kind.String())
	if e.redirected && e.URL != "" {
		b.WriteString(" at ")
		b.WriteString(e.URL)
	}
	if e.Err == nil {
		return b.String()
	}
	b.WriteString(": ")
	if ce, ok := e.Err.(*cors.Error); ok && (ce.URL == e.URL || ce.URL == "") {
		// The same sentence and origin, without "cors: response from URL blocked: ".
		c := *ce
		c.URL = ""
		b.WriteString(strings.TrimPrefix(c.Error(), "cors: blocked: "))
		return b.String()
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

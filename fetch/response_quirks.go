package fetch

import (
	"net/http"
	"strings"
)

// joinResponseHeaders replaces each repeated header of h, a filtered
// response's, by the one value Firefox's Headers object shows under
// cors.Policy.JoinResponseHeaderValues: empty lines skipped, Content-Type
// joined with ",", WWW-Authenticate and Proxy-Authenticate dropped, any
// other joined with ", ". A fetchState without a Transport (the filter
// tests build one) has the zero Policy.
func (f *fetchState) joinResponseHeaders(h http.Header) {
	if f.t == nil || !f.t.Policy.JoinResponseHeaderValues {
		return
	}
	for k, vs := range h {
		if len(vs) < 2 {
			continue
		}
		vals := make([]string, 0, len(vs))
		for _, v := range vs {
			if v != "" {
				vals = append(vals, v)
			}
		}
		switch {
		case len(vals) < 2:
			h[k] = append(vals[:0:0], strings.Join(vals, ""))
		case strings.EqualFold(k, "Content-Type"):
			h[k] = []string{strings.Join(vals, ",")}
		case strings.EqualFold(k, "WWW-Authenticate"), strings.EqualFold(k, "Proxy-Authenticate"):
			delete(h, k)
		default:
			h[k] = []string{strings.Join(vals, ", ")}
		}
	}
}

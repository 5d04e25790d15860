package fetch

import (
	"net/http"
	"strings"
)

// joinResponseHeaders replaces each repeated header of h, a filtered
// response's, by one value joined with "," under
// cors.Policy.JoinResponseHeaderValues (Firefox). A fetchState without a
// Transport (the filter tests build one) has the zero Policy.
func (f *fetchState) joinResponseHeaders(h http.Header) {
	if f.t == nil || !f.t.Policy.JoinResponseHeaderValues {
		return
	}
	for k, vs := range h {
		if len(vs) > 1 {
			h[k] = []string{strings.Join(vs, ",")}
		}
	}
}

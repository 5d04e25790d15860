package fetch

import (
	"fmt"
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

// singletonHeaderNames are the response headers that
// cors.Policy.ConflictingSingletonHeadersFail and SingletonHeadersCollapsed
// read (Content-Length aside).
var singletonHeaderNames = [...]string{"Location", "Content-Disposition"}

// singletonResponseHeaders applies cors.Policy.ConflictingSingletonHeadersFail
// (Firefox, Chromium) and SingletonHeadersCollapsed (Firefox) to h, a
// response's header as Base returned it: different repeats are an error,
// identical ones one line.
func (f *fetchState) singletonResponseHeaders(h http.Header) error {
	p := &f.t.Policy
	if !p.ConflictingSingletonHeadersFail && !p.SingletonHeadersCollapsed {
		return nil
	}
	for _, k := range singletonHeaderNames {
		vs := h[k]
		same := true
		for _, v := range vs[min(1, len(vs)):] {
			same = same && v == vs[0]
		}
		switch {
		case !same && p.ConflictingSingletonHeadersFail:
			return fmt.Errorf("fetch: the response has %d %s headers with different values", len(vs), k)
		case same && len(vs) > 1 && p.SingletonHeadersCollapsed:
			h[k] = vs[:1:1]
		}
	}
	return nil
}

package fetch

import "net/http"

// setUserAgent appends the Transport's UserAgent to a request it sends
// when the page set none, as a user agent appends its default User-Agent
// value at the network layer: after the needs-preflight decision, so it
// never causes a preflight.
// See https://fetch.spec.whatwg.org/#http-network-or-cache-fetch.
func (t *Transport) setUserAgent(h http.Header) {
	if t.UserAgent != "" && !hasHeader(h, "User-Agent") {
		h["User-Agent"] = []string{t.UserAgent}
	}
}

package cors

import (
	"net/http"
	"slices"
)

// ExposedHeaderNames returns the CORS-exposed header-name list for a
// response with headers h, as main fetch sets it: the elements of
// Access-Control-Expose-Headers; when credentials is false and they hold
// "*", every header name present in h instead (sorted); nil when the header
// is absent or does not parse as a list of tokens (one bad element voids the
// whole list, as in Chromium). With credentials a "*" stays a literal name
// that only matches a header named "*".
// See https://fetch.spec.whatwg.org/#main-fetch.
func ExposedHeaderNames(h http.Header, credentials bool) []string {
	names, present, ok := extractTokens(h.Values(hdrExposeHeaders), false)
	if !present || !ok {
		return nil
	}
	if !credentials && contains(names, "*") {
		all := make([]string, 0, len(h))
		for name := range h {
			step(1)
			all = append(all, name)
		}
		slices.Sort(all)
		return all
	}
	return names
}

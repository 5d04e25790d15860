package fetch

import "net/http"

// A request with trailers is rejected (RequestWithTrailer): fetch() cannot
// send any, and trailers would bypass the forbidden-header rules and the
// preflight, which see only the header list.

// trailerName returns the least of the names in t, for an error message.
func trailerName(t http.Header) string {
	least := ""
	for name := range t {
		if least == "" || name < least {
			least = name
		}
	}
	return least
}

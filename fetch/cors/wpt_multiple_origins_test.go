package cors

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

// WPT fetch/api/cors/cors-multiple-origins.sub.any.js: "Listing multiple
// origins is illegal". The page's origin is among the listed values, yet
// every row is a network error, whether the server sends the list as one
// field line (as the WPT handler does) or as several. See
// https://fetch.spec.whatwg.org/#concept-cors-check (the value must be
// exactly "*" or the serialized origin; #concept-header-list-get combines
// field lines with ", ").
func TestCheckMultipleOriginsWPT(t *testing.T) {
	const origin = "http://web-platform.test:8000"
	lists := [][]string{
		{`""`, "http://example.com", origin},
		{`""`, "http://example.com", "*"},
		{`""`, origin, origin},
		{"*", "http://example.com", "*"},
		{"*", "http://example.com", origin},
		{"", "http://example.com", "https://example2.com"},
	}
	for _, list := range lists {
		for _, lines := range [][]string{{strings.Join(list, ", ")}, list} {
			for _, credentials := range []bool{false, true} {
				h := http.Header{"Access-Control-Allow-Origin": lines, "Access-Control-Allow-Credentials": {"true"}}
				err := Check(h, origin, credentials)
				var e *Error
				if !errors.As(err, &e) || e.Reason != MultipleAllowOriginValues || !errors.Is(err, ErrBlocked) {
					t.Errorf("ACAO lines %q cred %v: got %v, want %v", lines, credentials, err, MultipleAllowOriginValues)
					continue
				}
				if want := strings.Join(list, ", "); e.Offending != want {
					t.Errorf("ACAO lines %q: failed parameter %q, want %q", lines, e.Offending, want)
				}
			}
		}
	}
}

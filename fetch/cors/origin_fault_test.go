package cors

import (
	"errors"
	"strings"
	"testing"
)

// ParseOrigin's error names the actual fault, not a generic grammar rule
// (https://fetch.spec.whatwg.org/#http-origin).
func TestParseOriginNamesTheFault(t *testing.T) {
	for in, want := range map[string]string{
		"https://app.example/":        "remove the trailing slash",
		"https://app.example:8443/":   "remove the trailing slash",
		"https://[::1]/":              "remove the trailing slash",
		"https://app.example/x":       "an origin has no path",
		"https://app.example?q":       "an origin has no query",
		"https://app.example#f":       "an origin has no fragment",
		"https://App.Example":         `the host must be lowercase ("app.example", not "App.Example")`,
		"HTTPS://app.example":         `the scheme must be lowercase ("https", not "HTTPS")`,
		"https://user@app.example":    "no username or password",
		" https://app.example":        "leading or trailing whitespace",
		"https://app.example ":        "whitespace in the host",
		"https://app.example.":        "the host ends with a dot",
		"https://":                    "the host is empty",
		"app.example":                 "no scheme",
		"https:app.example":           `the scheme must be followed by "://"`,
		"https://bücher.example":      "write an internationalized name as punycode",
		"https://a_b.example":         "lowercase letter-digit-hyphen labels",
		"https://app.example:x":       "the port must be 1 to 5 digits",
		"https://app.example:99999":   "the port exceeds 65535",
		"https://app.example:8443?q=": "an origin has no query",
	} {
		_, err := ParseOrigin(in)
		if err == nil || !errors.Is(err, ErrInvalidOrigin) {
			t.Errorf("%q: err %v", in, err)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v\nwant it to say %q", in, err, want)
		}
	}
}

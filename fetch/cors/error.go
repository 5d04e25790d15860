package cors

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
)

// ErrBlocked is what every *Error matches with errors.Is.
var ErrBlocked = errors.New("cors: blocked by CORS policy")

// Error reports a response that the CORS protocol blocks: the Fetch
// Standard's network error, with Chromium's classification of why.
type Error struct {
	Reason Reason
	// Offending is the value that failed, whenever there is one: the
	// Access-Control-Allow-Origin or -Credentials value, the method or
	// header name a preflight did not allow, the unparsable
	// Allow-Methods or Allow-Headers list, the scheme, the redirect
	// location. FailedParameter returns the subset DevTools shows.
	Offending  string
	URL        string // the URL whose response was blocked (the last URL)
	InitialURL string // the first URL, when redirects were followed
	Origin     string // the serialized request origin ("null" once tainted by a redirect)
	PageOrigin string // the page's origin, which ConsoleMessage prints; "" means Origin

	// For debugging only, set when known: the blocked response's status
	// and header map (the caller's map, not a copy; never read by the
	// algorithms). Header holds every header of the blocked response,
	// Set-Cookie included: never hand it to page code.
	Status int
	Header http.Header
}

// Is reports whether target is ErrBlocked.
func (e *Error) Is(target error) bool { return target == ErrBlocked }

// Error returns one line of English saying what was blocked and why,
// prefixed "cors: ".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("cors: ")
	if e.URL != "" {
		b.WriteString("response from ")
		b.WriteString(oneLine(e.URL))
		b.WriteString(" blocked: ")
	} else {
		b.WriteString("blocked: ")
	}
	b.WriteString(e.sentence())
	if e.Origin != "" {
		b.WriteString(" (request origin ")
		b.WriteString(oneLine(e.Origin))
		b.WriteString(")")
	}
	return b.String()
}

func (e *Error) sentence() string {
	p := strconv.Quote(e.Offending)
	r := e.Reason
	pre := ""
	if r.IsPreflight() && r != InvalidAllowMethodsPreflightResponse && r != InvalidAllowHeadersPreflightResponse &&
		r != MethodDisallowedByPreflightResponse && r != HeaderDisallowedByPreflightResponse {
		pre = "the preflight response failed: "
	}
	switch r {
	case DisallowedByMode:
		return "the request mode is same-origin but the URL is cross-origin"
	case InvalidResponse:
		return "the preflight request failed before a response arrived"
	case WildcardOriginNotAllowed, PreflightWildcardOriginNotAllowed:
		return pre + `Access-Control-Allow-Origin is "*", which does not allow a request with credentials`
	case MissingAllowOriginHeader, PreflightMissingAllowOriginHeader:
		return pre + "the response has no Access-Control-Allow-Origin header"
	case MultipleAllowOriginValues, PreflightMultipleAllowOriginValues:
		return pre + "Access-Control-Allow-Origin holds several values " + p + " but must hold exactly one origin"
	case InvalidAllowOriginValue, PreflightInvalidAllowOriginValue:
		return pre + "Access-Control-Allow-Origin " + p + " is not a valid origin"
	case AllowOriginMismatch, PreflightAllowOriginMismatch:
		return pre + "Access-Control-Allow-Origin " + p + " does not equal the request's origin"
	case InvalidAllowCredentials, PreflightInvalidAllowCredentials:
		if e.Offending == "" {
			return pre + `Access-Control-Allow-Credentials is missing or empty; a request with credentials needs it to be exactly "true"`
		}
		return pre + "Access-Control-Allow-Credentials is " + p + `; a request with credentials needs it to be exactly "true"`
	case CORSDisabledScheme:
		return "the URL's scheme does not support cross-origin requests"
	case PreflightInvalidStatus:
		if e.Status != 0 {
			return "the preflight response's status " + itoa(e.Status) + " is not an ok status (200-299)"
		}
		return "the preflight response's status is not an ok status (200-299)"
	case PreflightDisallowedRedirect:
		return "the preflight response is a redirect, which a preflight may not follow"
	case InvalidAllowMethodsPreflightResponse:
		return "the preflight response's Access-Control-Allow-Methods " + p + " is not a comma-separated list of methods"
	case InvalidAllowHeadersPreflightResponse:
		return "the preflight response's Access-Control-Allow-Headers " + p + " is not a comma-separated list of header names"
	case MethodDisallowedByPreflightResponse:
		return "method " + p + " is not allowed by the preflight response's Access-Control-Allow-Methods"
	case HeaderDisallowedByPreflightResponse:
		return "request header " + p + " is not allowed by the preflight response's Access-Control-Allow-Headers"
	case RedirectContainsCredentials:
		return "redirect location " + p + " contains a username or password"
	}
	return "reason " + r.String()
}

// oneLine quotes s when it holds bytes that would break a one-line message.
func oneLine(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return strconv.Quote(s)
		}
	}
	return s
}

// ChromiumCORSEnabledSchemes is the scheme list Chromium prints in the
// CorsDisabledScheme console message (SchemeRegistry's CORS-enabled
// schemes), as headless Chromium 156.0.8078.108 (Debian) printed it for a
// redirect to ftp:.
var ChromiumCORSEnabledSchemes = "chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app"

const (
	consolePreflightPrefix = "Response to preflight request doesn't pass access control check: "
	consoleNoCORSInfo      = " Have the server send the header with a valid value."
)

// ConsoleMessage renders e as Chromium's console prints it for a fetch()
// initiator, in Chromium 156's (late-2025) wording:
//
//	Access to fetch at '<URL>' [(redirected from '<InitialURL>') ]from origin '<PageOrigin>' has been blocked by CORS policy: [Response to preflight request doesn't pass access control check: ]<detail>
//
// except for DisallowedByMode, which Chromium prints as
//
//	Fetch API cannot load <URL>. Request mode is "same-origin" but the URL's origin is not same as the request origin <PageOrigin>.
//
// The failed parameter is printed with Chromium's escaping (bytes outside
// printable ASCII as \u00XX).
func (e *Error) ConsoleMessage() string {
	var b strings.Builder
	if e.Reason == DisallowedByMode {
		// Chromium prints this one as a fetch failure, not a CORS block.
		b.WriteString("Fetch API cannot load ")
		b.WriteString(e.URL)
		b.WriteString(`. Request mode is "same-origin" but the URL's origin is not same as the request origin `)
		b.WriteString(e.pageOrigin())
		b.WriteString(".")
		return b.String()
	}
	b.WriteString("Access to fetch at '")
	b.WriteString(e.URL)
	b.WriteString("' ")
	if e.InitialURL != "" && e.InitialURL != e.URL {
		b.WriteString("(redirected from '")
		b.WriteString(e.InitialURL)
		b.WriteString("') ")
	}
	b.WriteString("from origin '")
	b.WriteString(e.pageOrigin())
	b.WriteString("' has been blocked by CORS policy: ")
	switch e.Reason {
	case PreflightWildcardOriginNotAllowed, PreflightMissingAllowOriginHeader,
		PreflightMultipleAllowOriginValues, PreflightInvalidAllowOriginValue,
		PreflightAllowOriginMismatch, PreflightInvalidAllowCredentials,
		PreflightInvalidStatus, PreflightDisallowedRedirect:
		b.WriteString(consolePreflightPrefix)
	}
	hint := encodeHint(e.FailedParameter())
	switch e.Reason {
	case InvalidResponse:
		b.WriteString("The response is invalid.")
	case WildcardOriginNotAllowed, PreflightWildcardOriginNotAllowed:
		b.WriteString("The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.")
	case MissingAllowOriginHeader, PreflightMissingAllowOriginHeader:
		b.WriteString("No 'Access-Control-Allow-Origin' header is present on the requested resource.")
	case MultipleAllowOriginValues, PreflightMultipleAllowOriginValues:
		b.WriteString("The 'Access-Control-Allow-Origin' header contains multiple values '" + hint + "', but only one is allowed." + consoleNoCORSInfo)
	case InvalidAllowOriginValue, PreflightInvalidAllowOriginValue:
		b.WriteString("The 'Access-Control-Allow-Origin' header contains the invalid value '" + hint + "'." + consoleNoCORSInfo)
	case AllowOriginMismatch, PreflightAllowOriginMismatch:
		b.WriteString("The 'Access-Control-Allow-Origin' header has a value '" + hint + "' that is not equal to the supplied origin." + consoleNoCORSInfo)
	case InvalidAllowCredentials, PreflightInvalidAllowCredentials:
		b.WriteString("The value of the 'Access-Control-Allow-Credentials' header in the response is '" + hint + "' which must be 'true' when the request's credentials mode is 'include'.")
	case CORSDisabledScheme:
		b.WriteString("Cross origin requests are only supported for protocol schemes: " + ChromiumCORSEnabledSchemes + ".")
	case PreflightInvalidStatus:
		b.WriteString("It does not have HTTP ok status.")
	case PreflightDisallowedRedirect:
		b.WriteString("Redirect is not allowed for a preflight request.")
	case InvalidAllowMethodsPreflightResponse:
		b.WriteString("Cannot parse Access-Control-Allow-Methods response header field in preflight response.")
	case InvalidAllowHeadersPreflightResponse:
		b.WriteString("Cannot parse Access-Control-Allow-Headers response header field in preflight response.")
	case MethodDisallowedByPreflightResponse:
		b.WriteString("Method " + hint + " is not allowed by Access-Control-Allow-Methods in preflight response.")
	case HeaderDisallowedByPreflightResponse:
		b.WriteString("Request header field " + hint + " is not allowed by Access-Control-Allow-Headers in preflight response.")
	case RedirectContainsCredentials:
		b.WriteString("Redirect location '" + hint + "' contains a username and password, which is disallowed for cross-origin requests.")
	}
	return b.String()
}

// pageOrigin is PageOrigin, or Origin when PageOrigin is unset.
func (e *Error) pageOrigin() string {
	if e.PageOrigin != "" {
		return e.PageOrigin
	}
	return e.Origin
}

// FailedParameter returns the failed parameter as DevTools shows it
// (Chromium's corsErrorStatus.failedParameter): Offending for the reasons
// where Chromium names the offending value, method or header, and "" for
// the others (an unparsable Allow-Methods or Allow-Headers list, a
// redirect location with credentials, a scheme, ...), where Offending
// still names the value for a person to read.
func (e *Error) FailedParameter() string {
	switch e.Reason {
	case MultipleAllowOriginValues, PreflightMultipleAllowOriginValues,
		InvalidAllowOriginValue, PreflightInvalidAllowOriginValue,
		AllowOriginMismatch, PreflightAllowOriginMismatch,
		InvalidAllowCredentials, PreflightInvalidAllowCredentials,
		MethodDisallowedByPreflightResponse, HeaderDisallowedByPreflightResponse:
		return e.Offending
	}
	return ""
}

// encodeHint escapes a failed parameter as Chromium's console does: each
// byte outside printable ASCII (0x20-0x7E) becomes \u00XX.
func encodeHint(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+16)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c <= 0x7e {
			b = append(b, c)
			continue
		}
		b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
	}
	return string(b)
}

func quote(s string) string { return strconv.Quote(s) }

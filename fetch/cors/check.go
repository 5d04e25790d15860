package cors

import (
	"errors"
	"net/http"
	"strings"

	"github.com/corsfetch/corsfetch/internal/headerparse"
)

const (
	hdrAllowOrigin      = "Access-Control-Allow-Origin"
	hdrAllowCredentials = "Access-Control-Allow-Credentials"
	hdrAllowMethods     = "Access-Control-Allow-Methods"
	hdrAllowHeaders     = "Access-Control-Allow-Headers"
	hdrMaxAge           = "Access-Control-Max-Age"
	hdrExposeHeaders    = "Access-Control-Expose-Headers"
	hdrRequestMethod    = "Access-Control-Request-Method"
	hdrRequestHeaders   = "Access-Control-Request-Headers"
)

// errEmptyOrigin is returned for a caller that passes no origin.
var errEmptyOrigin = errors.New("cors: the request origin is empty; pass its byte serialization (\"null\" for an opaque or tainted origin)")

// Check performs the CORS check on response headers h for a request with the
// byte-serialized origin origin and the credentials mode "include" when
// credentials is true. It returns nil, or an *Error (URL unset) whose Reason
// is Chromium's classification of the failure, or a plain error when origin
// is empty. It allocates nothing when the check passes.
//
// Access-Control-Allow-Origin must be exactly origin, or "*" without
// credentials; with credentials, Access-Control-Allow-Credentials must be
// exactly "true". Header values are compared after header-value
// normalization (surrounding HTTP whitespace removed, as a network layer
// does); several field lines are combined with ", " and so always fail. h's
// keys must be in canonical form (as net/http gives them).
// See https://fetch.spec.whatwg.org/#concept-cors-check.
func Check(h http.Header, origin string, credentials bool) error {
	if origin == "" {
		return errEmptyOrigin
	}
	r, param := checkAccess(h, origin, credentials)
	if r == ReasonNone {
		return nil
	}
	return &Error{Reason: r, Offending: param, Origin: origin, Header: h}
}

// checkAccess is the CORS check; it returns ReasonNone on success, else the
// reason and the failed parameter.
func checkAccess(h http.Header, origin string, credentials bool) (Reason, string) {
	acao, ok := getCombined(h, hdrAllowOrigin)
	if !ok {
		return MissingAllowOriginHeader, ""
	}
	if acao == "*" {
		if !credentials {
			return ReasonNone, ""
		}
		return WildcardOriginNotAllowed, ""
	}
	if acao != origin {
		return classifyAllowOrigin(acao), acao
	}
	if !credentials {
		return ReasonNone, ""
	}
	acac, _ := getCombined(h, hdrAllowCredentials)
	if acac != "true" {
		return InvalidAllowCredentials, acac
	}
	return ReasonNone, ""
}

// getCombined is the header list "get": the normalized values of name
// joined with ", ", and false when name is absent. It allocates only when
// name has several field lines.
// See https://fetch.spec.whatwg.org/#concept-header-list-get.
func getCombined(h http.Header, name string) (string, bool) {
	vals := h.Values(name)
	switch len(vals) {
	case 0:
		return "", false
	case 1:
		step(len(vals[0]))
		return headerparse.TrimHTTPWhitespace(vals[0]), true
	}
	var b strings.Builder
	for i, v := range vals {
		step(len(v) + 1)
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(headerparse.TrimHTTPWhitespace(v))
	}
	return b.String(), true
}

// classifyAllowOrigin returns Chromium's reason for an
// Access-Control-Allow-Origin value that is present, not "*" and not the
// request's origin: several values when it holds ',' or ' ', a mismatch for
// "null" or anything that parses as a URL, else an invalid value.
func classifyAllowOrigin(v string) Reason {
	step(len(v))
	if strings.ContainsAny(v, ", ") {
		return MultipleAllowOriginValues
	}
	if v == "null" || parsesAsURL(v) {
		return AllowOriginMismatch
	}
	return InvalidAllowOriginValue
}

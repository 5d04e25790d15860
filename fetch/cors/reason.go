package cors

// Reason says why a response was blocked. Its values mirror Chromium's
// network::mojom::CorsError names, so that a Reason can be matched with what
// DevTools reports; the numeric values are ours (append-only) and differ
// from Chromium's.
type Reason uint8

// The reasons. The verdicts are the Fetch Standard's; which reason a failure
// gets follows Chromium's classification of the same failure.
const (
	ReasonNone                           Reason = iota // not blocked
	DisallowedByMode                                   // a cross-origin request in mode "same-origin"
	InvalidResponse                                    // the preflight failed with a network error
	WildcardOriginNotAllowed                           // ACAO "*" with credentials mode "include"
	MissingAllowOriginHeader                           // no ACAO
	MultipleAllowOriginValues                          // ACAO holds ',' or ' ' (several values)
	InvalidAllowOriginValue                            // ACAO is not a parseable URL
	AllowOriginMismatch                                // ACAO differs from the request's origin
	InvalidAllowCredentials                            // ACAC is not exactly "true" with credentials
	CORSDisabledScheme                                 // the URL's scheme does not support CORS
	PreflightInvalidStatus                             // preflight status not 200-299
	PreflightDisallowedRedirect                        // preflight answered with a redirect
	PreflightWildcardOriginNotAllowed                  // preflight variant of WildcardOriginNotAllowed
	PreflightMissingAllowOriginHeader                  // preflight variant of MissingAllowOriginHeader
	PreflightMultipleAllowOriginValues                 // preflight variant of MultipleAllowOriginValues
	PreflightInvalidAllowOriginValue                   // preflight variant of InvalidAllowOriginValue
	PreflightAllowOriginMismatch                       // preflight variant of AllowOriginMismatch
	PreflightInvalidAllowCredentials                   // preflight variant of InvalidAllowCredentials
	InvalidAllowMethodsPreflightResponse               // an ACAM element is not a token
	InvalidAllowHeadersPreflightResponse               // an ACAH element is not a token
	MethodDisallowedByPreflightResponse                // the method is not allowed by ACAM
	HeaderDisallowedByPreflightResponse                // a header is not allowed by ACAH
	RedirectContainsCredentials                        // a redirect location holds userinfo
)

var reasonNames = [...]string{
	ReasonNone:                           "None",
	DisallowedByMode:                     "DisallowedByMode",
	InvalidResponse:                      "InvalidResponse",
	WildcardOriginNotAllowed:             "WildcardOriginNotAllowed",
	MissingAllowOriginHeader:             "MissingAllowOriginHeader",
	MultipleAllowOriginValues:            "MultipleAllowOriginValues",
	InvalidAllowOriginValue:              "InvalidAllowOriginValue",
	AllowOriginMismatch:                  "AllowOriginMismatch",
	InvalidAllowCredentials:              "InvalidAllowCredentials",
	CORSDisabledScheme:                   "CorsDisabledScheme",
	PreflightInvalidStatus:               "PreflightInvalidStatus",
	PreflightDisallowedRedirect:          "PreflightDisallowedRedirect",
	PreflightWildcardOriginNotAllowed:    "PreflightWildcardOriginNotAllowed",
	PreflightMissingAllowOriginHeader:    "PreflightMissingAllowOriginHeader",
	PreflightMultipleAllowOriginValues:   "PreflightMultipleAllowOriginValues",
	PreflightInvalidAllowOriginValue:     "PreflightInvalidAllowOriginValue",
	PreflightAllowOriginMismatch:         "PreflightAllowOriginMismatch",
	PreflightInvalidAllowCredentials:     "PreflightInvalidAllowCredentials",
	InvalidAllowMethodsPreflightResponse: "InvalidAllowMethodsPreflightResponse",
	InvalidAllowHeadersPreflightResponse: "InvalidAllowHeadersPreflightResponse",
	MethodDisallowedByPreflightResponse:  "MethodDisallowedByPreflightResponse",
	HeaderDisallowedByPreflightResponse:  "HeaderDisallowedByPreflightResponse",
	RedirectContainsCredentials:          "RedirectContainsCredentials",
}

// String returns Chromium's CorsError name without the "k" prefix, exactly
// as the DevTools protocol reports it in corsErrorStatus.corsError
// ("MissingAllowOriginHeader"; "CorsDisabledScheme" for CORSDisabledScheme),
// "None" for ReasonNone and "Reason(n)" for an unknown value.
func (r Reason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return "Reason(" + itoa(int(r)) + ")"
}

// IsPreflight reports whether r is a failure of the CORS-preflight fetch.
func (r Reason) IsPreflight() bool {
	switch r {
	case InvalidResponse, PreflightInvalidStatus, PreflightDisallowedRedirect,
		PreflightWildcardOriginNotAllowed, PreflightMissingAllowOriginHeader,
		PreflightMultipleAllowOriginValues, PreflightInvalidAllowOriginValue,
		PreflightAllowOriginMismatch, PreflightInvalidAllowCredentials,
		InvalidAllowMethodsPreflightResponse, InvalidAllowHeadersPreflightResponse,
		MethodDisallowedByPreflightResponse, HeaderDisallowedByPreflightResponse:
		return true
	}
	return false
}

// preflightVariant maps a CORS-check reason to its preflight variant.
func (r Reason) preflightVariant() Reason {
	switch r {
	case WildcardOriginNotAllowed:
		return PreflightWildcardOriginNotAllowed
	case MissingAllowOriginHeader:
		return PreflightMissingAllowOriginHeader
	case MultipleAllowOriginValues:
		return PreflightMultipleAllowOriginValues
	case InvalidAllowOriginValue:
		return PreflightInvalidAllowOriginValue
	case AllowOriginMismatch:
		return PreflightAllowOriginMismatch
	case InvalidAllowCredentials:
		return PreflightInvalidAllowCredentials
	}
	return r
}

package main

import "net/http"

// report is everything one check found, for a person (text) or a script
// (JSON).
type report struct {
	Request   requestInfo   `json:"request"`
	Preflight preflightInfo `json:"preflight"`
	Exchanges []exchange    `json:"exchanges"`
	Verdict   string        `json:"verdict"` // "allowed", "blocked" or "error"
	Blocked   *blockInfo    `json:"blocked,omitempty"`
	Response  *responseInfo `json:"response,omitempty"`
	Error     string        `json:"error,omitempty"`
}

const (
	verdictAllowed = "allowed"
	verdictBlocked = "blocked"
	verdictError   = "error"
)

// exitCode is the command's exit status for the report's verdict.
func (r *report) exitCode() int {
	switch r.Verdict {
	case verdictAllowed:
		return 0
	case verdictBlocked:
		return 1
	}
	return 2
}

type requestInfo struct {
	Method      string      `json:"method"`
	URL         string      `json:"url"`
	Origin      string      `json:"origin"`
	Mode        string      `json:"mode"`
	Credentials string      `json:"credentials"`
	Policy      string      `json:"policy"` // "spec", "chromium", "firefox" or "webkit"
	CrossOrigin bool        `json:"cross_origin"`
	Headers     http.Header `json:"headers,omitempty"`
	BodyBytes   int         `json:"body_bytes,omitempty"`
	// Dropped are the headers a page's script cannot send, which the browser
	// (and the Transport) leave out.
	Dropped []string `json:"dropped_headers,omitempty"`
	Notes   []string `json:"notes,omitempty"`
}

type preflightInfo struct {
	Needed bool `json:"needed"`
	// Why lists, in words, the method and headers that make it needed, or
	// why none is.
	Why           []string `json:"why"`
	UnsafeMethod  string   `json:"unsafe_method,omitempty"`
	UnsafeHeaders []string `json:"unsafe_headers,omitempty"`
	Sent          bool     `json:"sent"`
	CacheHit      bool     `json:"cache_hit"`
}

type blockInfo struct {
	Reason string `json:"reason"`
	// FailedParameter is what DevTools shows (cors.Error.FailedParameter);
	// Offending names the offending value whenever there is one.
	FailedParameter string `json:"failed_parameter,omitempty"`
	Offending       string `json:"offending,omitempty"`
	URL             string `json:"url,omitempty"`
	Message         string `json:"message"`
	ConsoleMessage  string `json:"console_message,omitempty"`
	Hint            string `json:"hint"`
}

type responseInfo struct {
	Type   string `json:"type"`
	Status int    `json:"status"`
	// Headers are those the page's script can read.
	Headers http.Header `json:"readable_headers"`
}

package main

import "net/http"

// report is everything one check found, for a person (text) or a script
// (JSON).
type report struct {
	Request   requestInfo   `json:"request"`
	Preflight preflightInfo `json:"preflight"`
	Exchanges []exchange    `json:"exchanges"`
	// Verdict is "allowed", "blocked" (by CORS or the request mode),
	// "error" (a network failure: connection, TLS, timeout, redirects) or
	// "rejected" (fetch() refuses the request before sending anything).
	Verdict  string        `json:"verdict"`
	Blocked  *blockInfo    `json:"blocked,omitempty"`
	Response *responseInfo `json:"response,omitempty"`
	Error    string        `json:"error,omitempty"`
	// Hint says what lifts a network failure, when there is more to say
	// than the error.
	Hint string `json:"hint,omitempty"`
	// Engines are the verdicts under each browser's policy, when the check
	// ran under the standard without -policy.
	Engines []engineVerdict `json:"engines,omitempty"`
}

const (
	verdictAllowed  = "allowed"
	verdictBlocked  = "blocked"
	verdictError    = "error"
	verdictRejected = "rejected"
)

// The command's exit statuses.
const (
	exitAllowed = 0
	exitBlocked = 1
	exitUsage   = 2 // bad flags, or a request fetch() rejects before sending
	exitNetwork = 3 // every network failure: connection, DNS, TLS, timeout, redirects
)

// exitCode is the command's exit status for the report's verdict.
func (r *report) exitCode() int {
	switch r.Verdict {
	case verdictAllowed:
		return exitAllowed
	case verdictBlocked:
		return exitBlocked
	case verdictRejected:
		return exitUsage
	}
	return exitNetwork
}

type requestInfo struct {
	Method      string      `json:"method"`
	URL         string      `json:"url"`
	Origin      string      `json:"origin"`
	Mode        string      `json:"mode"`
	Credentials string      `json:"credentials"`
	Redirect    string      `json:"redirect"`
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
	// Body is how much of the body corscheck read; nil for an opaque
	// response, whose body the page cannot read.
	Body *bodyInfo `json:"body,omitempty"`
}

// bodyInfo says how much of a response body was read after the verdict.
type bodyInfo struct {
	Read int64 `json:"read_bytes"`
	// Cut is empty when the body was read to its end, else why reading
	// stopped ("64 KiB read", "no byte for 1s").
	Cut string `json:"cut,omitempty"`
}

// engineVerdict is the verdict of one browser engine's policy.
type engineVerdict struct {
	Policy  string `json:"policy"` // "chromium", "firefox" or "webkit"
	Verdict string `json:"verdict"`
	Reason  string `json:"reason,omitempty"`
	// Deviations are the cors.Policy fields that, each alone, turn the
	// standard's verdict into this one; empty when the verdicts agree.
	Deviations []string `json:"deviations,omitempty"`
	// Live is the number of requests sent for this verdict that the
	// standard's run had not already recorded.
	Live int `json:"live_requests"`
}

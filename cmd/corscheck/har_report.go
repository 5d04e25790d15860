package main

import (
	"strings"

	"github.com/corsfetch/corsfetch/internal/har"
)

// harFormat names the -json output's schema. Fields may be added; none is
// renamed or removed without a new name here.
const harFormat = "corscheck-har/1"

// harOutput is what `corscheck har -json` prints: one object.
type harOutput struct {
	Format  string `json:"format"`  // harFormat
	File    string `json:"file"`    // the path given
	Creator string `json:"creator"` // log.creator: "WebInspector 537.36", "Firefox 140.0"
	// Policy is the cors.Policy preset the replay ran under; PolicyFrom
	// says whether -policy or the HAR's creator chose it.
	Policy     string `json:"policy"`
	PolicyFrom string `json:"policy_from"`
	// Entries is the number of entries in the file, read or not.
	Entries  int          `json:"entries"`
	Summary  harSummary   `json:"summary"`
	Skipped  harSkips     `json:"skipped"`
	Requests []harRequest `json:"requests"`
	// EntryErrors are the entries that could not be read.
	EntryErrors []harEntryError `json:"entry_errors"`
	// ReadError is set when the file could not be read to its end
	// (truncated or invalid JSON); the requests before it are reported.
	ReadError string `json:"read_error,omitempty"`
}

type harSummary struct {
	Requests int `json:"requests"` // cross-origin cors-mode requests explained
	Allowed  int `json:"allowed"`
	Blocked  int `json:"blocked"`
	Unknown  int `json:"unknown"` // the recording lacks what the verdict needs
	Differ   int `json:"differ"`  // our verdict differs from the browser's recorded outcome
}

type harEntryError struct {
	Entry int    `json:"entry"` // index in log.entries, from 0
	Error string `json:"error"`
}

// harRequest is one cross-origin request of the HAR, replayed.
type harRequest struct {
	Entry          int  `json:"entry"`           // index in log.entries, from 0
	PreflightEntry *int `json:"preflight_entry"` // the recorded preflight paired with it; null if none
	// PreflightFrom is the entry whose OPTIONS response the replay used,
	// when it is not PreflightEntry (an earlier preflight to the same URL,
	// which the browser's preflight cache held); null otherwise.
	PreflightFrom   *int     `json:"preflight_from_cache_entry"`
	Method          string   `json:"method"`
	URL             string   `json:"url"`
	PageOrigin      string   `json:"page_origin"`
	PageOriginFrom  string   `json:"page_origin_from"`
	Mode            string   `json:"mode"`
	ModeFrom        string   `json:"mode_from"`
	Credentials     string   `json:"credentials"`
	CredentialsFrom string   `json:"credentials_from"`
	LeftOut         []string `json:"left_out_headers"` // headers the browser added, left out of the replay
	// Verdict is "allowed", "blocked" or "unknown" (the recording lacks a
	// response the verdict needs: Missing says which).
	Verdict         string `json:"verdict"`
	Reason          string `json:"reason,omitempty"` // Chromium's CorsError name, or NetworkError
	FailedParameter string `json:"failed_parameter,omitempty"`
	ConsoleMessage  string `json:"console_message,omitempty"`
	Hint            string `json:"hint,omitempty"`
	Missing         string `json:"missing,omitempty"`
	// SpecVerdict and SpecReason are the Fetch Standard's verdict when it
	// differs from Verdict under a browser policy.
	SpecVerdict string      `json:"spec_verdict,omitempty"`
	SpecReason  string      `json:"spec_reason,omitempty"`
	Recorded    harRecorded `json:"recorded"`
	// Agreement is "agrees", "differs" or "unknown"; AgreementNote says
	// why in words.
	Agreement     string `json:"agreement"`
	AgreementNote string `json:"agreement_note"`
	// Notes say what the replay assumed where the recording is silent.
	Notes []string `json:"notes"`
	// Replay is the full check, as `corscheck -json` prints it for a live
	// URL.
	Replay *report `json:"replay"`
}

// harRecorded is the outcome the browser recorded for a request.
type harRecorded struct {
	// Outcome is "failed" (Chromium's _error is set: its record of a
	// request it blocked or that failed, usually with status 0),
	// "no_response" (status 0, no error) or "received" (a status and no
	// error).
	Outcome string `json:"outcome"`
	// Entry is the entry the outcome is read from: the request's, or the
	// last hop of its redirects.
	Entry           int    `json:"entry"`
	Status          int    `json:"status"`
	Error           string `json:"error,omitempty"` // Chromium's _error
	ResponseHeaders int    `json:"response_headers"`
	Body            bool   `json:"body"` // content.text was recorded
	// Preflight is the recorded preflight's outcome, when one was paired.
	PreflightStatus int    `json:"preflight_status,omitempty"`
	PreflightError  string `json:"preflight_error,omitempty"`
}

const verdictUnknown = "unknown"

func recordedOutcome(c *harCase) harRecorded {
	r := c.last.Response
	rec := harRecorded{Entry: c.last.Index, Status: r.Status, Error: r.Error, ResponseHeaders: len(r.Headers), Body: r.HasText}
	switch {
	case r.Error != "":
		rec.Outcome = "failed"
	case r.Status == 0:
		rec.Outcome = "no_response"
	default:
		rec.Outcome = "received"
	}
	if p := c.preflight; p != nil {
		rec.PreflightStatus, rec.PreflightError = p.Response.Status, p.Response.Error
	}
	return rec
}

// engineOf is the engine that wrote the HAR, from its creator: "chromium",
// "firefox", "webkit" or "".
func engineOf(log *har.Log) string {
	n := strings.ToLower(log.Creator.Name + " " + log.Browser.Name)
	switch {
	case strings.Contains(n, "webinspector"), strings.Contains(n, "chrom"), strings.Contains(n, "edge"):
		return "chromium"
	case strings.Contains(n, "firefox"):
		return "firefox"
	case strings.Contains(n, "webkit"), strings.Contains(n, "safari"):
		return "webkit"
	}
	return ""
}

// compare says whether our verdict agrees with what engine recorded.
func compare(req *harRequest, engine string) (string, string) {
	rec := req.Recorded
	switch {
	case req.Verdict == verdictUnknown && rec.Outcome != "received" && req.PreflightEntry != nil && rec.PreflightStatus == 0:
		return "unknown", "the browser's preflight failed and the request was never sent, so the browser blocked it at the preflight; the recording lacks the preflight's response that says why"
	case req.Verdict == verdictUnknown:
		return "unknown", "the recording is incomplete: " + req.Missing
	case req.Verdict == verdictBlocked && rec.Outcome == "failed":
		return "agrees", "the browser failed the request too (" + rec.Error + ", which is how Chromium records a CORS block)"
	case req.Verdict == verdictAllowed && rec.Outcome == "received":
		return "agrees", "the browser received the response too"
	case req.Verdict == verdictBlocked && rec.Outcome == "received" && engine == "firefox":
		return "unknown", "Firefox records the response it received even when CORS blocks it; its console says whether it did"
	case req.Verdict == verdictBlocked && rec.Outcome == "received":
		return "differs", "the browser recorded the response as received, but the replay blocks it: a policy that does not match the browser (try -policy), or headers the HAR does not hold"
	case req.Verdict == verdictAllowed && rec.Outcome == "failed":
		return "differs", "the browser failed the request (" + rec.Error + ") but the replay allows it: a failure other than CORS (connection, blocked by the client, aborted), or a policy that does not match the browser"
	case req.Verdict == verdictBlocked && rec.Outcome == "no_response" && engine == "firefox" && !actualSent(req.Replay):
		return "agrees", "blocked at the preflight, the request was never sent; Firefox records such a request with status 0 and no response"
	case req.Verdict == verdictBlocked && rec.Outcome == "no_response":
		return "unknown", "the browser recorded no response and no error (aborted, still pending, or blocked without a record)"
	case rec.Outcome == "no_response":
		return "unknown", "the browser recorded no response and no error (aborted, still pending, or blocked without a record)"
	}
	return "unknown", "no comparison"
}

// fill copies a check's verdict into req.
func (req *harRequest) fill(rep *report, base *replayBase) {
	req.Replay = rep
	switch rep.Verdict {
	case verdictAllowed:
		req.Verdict = verdictAllowed
	case verdictBlocked:
		req.Verdict = verdictBlocked
		req.Reason = rep.Blocked.Reason
		req.FailedParameter = rep.Blocked.FailedParameter
		req.ConsoleMessage = rep.Blocked.ConsoleMessage
		req.Hint = rep.Blocked.Hint
	default:
		req.Verdict = verdictUnknown
		req.Missing = base.missing
		if req.Missing == "" {
			req.Missing = rep.Error
		}
	}
	req.Notes = append([]string{}, base.notes...)
	if base.preflightFrom >= 0 && base.usedEarlier {
		n := base.preflightFrom
		req.PreflightFrom = &n
	}
}

// actualSent reports whether the replay sent the request itself, not only
// its preflight.
func actualSent(rep *report) bool {
	if rep == nil {
		return false
	}
	for _, ex := range rep.Exchanges {
		if ex.Kind == "request" {
			return true
		}
	}
	return false
}

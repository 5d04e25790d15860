package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/corsfetch/corsfetch/internal/har"
)

const harUsageText = `usage: corscheck har [-policy spec|chromium|firefox|webkit] [-json] FILE.har

Explains, request by request, the cross-origin requests of a HAR file saved
by a browser's DevTools ("Save all as HAR"): it replays each one through the
Transport, answering from the recording (no network), and prints the
verdict, Chromium's reason, the console line and the fix, and where the
verdict differs from what the browser recorded. FILE "-" reads stdin.

flags:
  -policy POLICY   the engine's rules to judge by; default: the engine that
                   wrote the HAR (Chromium when the creator is unknown)
  -json            print one JSON object (format corscheck-har/1)

exit status: 0 nothing blocked, 1 a request blocked, 2 usage error or a
file that cannot be read at all
`

// progressEvery is how often, in requests, a progress line is written to
// a terminal's stderr.
const progressEvery = 1000

// runHAR is `corscheck har`.
func runHAR(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("corscheck har", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	policyFlag := fs.String("policy", "", "")
	jsonOut := fs.Bool("json", false, "")
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, harUsageText)
				return 0
			}
			fmt.Fprintf(stderr, "corscheck har: %v\nrun 'corscheck har -h' for usage\n", err)
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) != 1 {
		fmt.Fprintf(stderr, "corscheck har: one HAR file expected, got %d\nrun 'corscheck har -h' for usage\n", len(files))
		return 2
	}
	if *policyFlag != "" {
		if _, ok := policies[*policyFlag]; !ok {
			fmt.Fprintf(stderr, "corscheck har: unknown -policy %q: use spec, chromium, firefox or webkit\n", *policyFlag)
			return 2
		}
	}

	var in io.Reader = os.Stdin
	if files[0] != "-" {
		f, err := os.Open(files[0])
		if err != nil {
			fmt.Fprintf(stderr, "corscheck har: %v\n", err)
			return 2
		}
		defer f.Close()
		in = f
	}
	log, readErr := har.Read(in, har.Limits{})
	if readErr != nil && len(log.Entries) == 0 && len(log.Errors) == 0 {
		fmt.Fprintf(stderr, "corscheck har: %s: %v\n", files[0], readErr)
		return 2
	}
	out := explainHAR(log, *policyFlag, progressTo(stderr))
	out.File = files[0]
	if readErr != nil {
		out.ReadError = readErr.Error()
	}
	if *jsonOut {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "corscheck har: %v\n", err)
			return 2
		}
	} else {
		writeHARText(stdout, out)
	}
	if out.Summary.Blocked > 0 {
		return 1
	}
	return 0
}

// explainHAR replays every cross-origin request of log. policyName ""
// means the engine that wrote it. progress, when not nil, is called every
// progressEvery requests and at the end.
func explainHAR(log *har.Log, policyName string, progress func(done, total int)) *harOutput {
	engine := engineOf(log)
	out := &harOutput{Format: harFormat, Entries: log.Total, Requests: []harRequest{}, EntryErrors: []harEntryError{}}
	out.Creator = log.Creator.Name
	if log.Creator.Version != "" {
		out.Creator += " " + log.Creator.Version
	}
	out.Policy, out.PolicyFrom = policyName, "-policy"
	if policyName == "" {
		out.Policy, out.PolicyFrom = engine, "the HAR's creator"
		if engine == "" {
			out.Policy, out.PolicyFrom = "chromium", "default (the HAR's creator is no known browser)"
		}
	}
	for _, e := range log.Errors {
		out.EntryErrors = append(out.EntryErrors, harEntryError{Entry: e.Index, Error: e.Err})
	}
	cases, skips := groupHAR(log)
	out.Skipped = skips
	for i := range cases {
		c := &cases[i]
		out.Requests = append(out.Requests, explainCase(log, c, out.Policy, engine))
		if progress != nil && (i+1)%progressEvery == 0 {
			progress(i+1, len(cases))
		}
	}
	if progress != nil && len(cases) >= progressEvery {
		progress(-1, len(cases))
	}
	for i := range out.Requests {
		r := &out.Requests[i]
		out.Summary.Requests++
		switch r.Verdict {
		case verdictAllowed:
			out.Summary.Allowed++
		case verdictBlocked:
			out.Summary.Blocked++
		default:
			out.Summary.Unknown++
		}
		if r.Agreement == "differs" {
			out.Summary.Differ++
		}
	}
	return out
}

// explainCase replays one request under policyName, and under the
// standard too when that differs.
func explainCase(log *har.Log, c *harCase, policyName, engine string) harRequest {
	req := harRequest{
		Entry:           c.entry.Index,
		Method:          c.entry.Request.Method,
		URL:             c.entry.Request.URL,
		PageOrigin:      c.origin,
		PageOriginFrom:  c.originFrom,
		Mode:            modeName(c.mode),
		ModeFrom:        c.modeFrom,
		Credentials:     credentialsName(c.creds),
		CredentialsFrom: c.credsFrom,
		LeftOut:         c.left,
		Recorded:        recordedOutcome(c),
	}
	if req.LeftOut == nil {
		req.LeftOut = []string{}
	}
	var notes []string
	if len(c.restored) > 0 {
		notes = append(notes, "the preflight names "+strings.Join(c.restored, ", ")+" in Access-Control-Request-Headers, but the entry does not hold it (a sanitized export drops Authorization and Cookie): replayed with an empty value")
	}
	if c.preflight != nil {
		n := c.preflight.Index
		req.PreflightEntry = &n
	}
	rep, base, _ := replayCase(log, c, policies[policyName](), policyName)
	req.fill(rep, base)
	req.Notes = append(append([]string{}, notes...), req.Notes...)
	if policyName != "spec" && req.Verdict != verdictUnknown {
		spec, _, _ := replayCase(log, c, policies["spec"](), "spec")
		if spec.Verdict != rep.Verdict || reasonOf(spec) != reasonOf(rep) {
			req.SpecVerdict, req.SpecReason = spec.Verdict, reasonOf(spec)
		}
	}
	req.Agreement, req.AgreementNote = compare(&req, engine)
	return req
}

// progressTo returns a progress callback writing to stderr when stderr is
// a terminal, else nil.
func progressTo(stderr io.Writer) func(done, total int) {
	f, ok := stderr.(*os.File)
	if !ok {
		return nil
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return func(done, total int) {
		if done < 0 {
			fmt.Fprint(f, "\r\033[K")
			return
		}
		fmt.Fprintf(f, "\rcorscheck har: replayed %d of %d requests", done, total)
	}
}

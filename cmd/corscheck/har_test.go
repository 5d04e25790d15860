package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/internal/har"
	"github.com/google/go-cmp/cmp"
)

var updateHAR = flag.Bool("update-har", false, "rewrite testdata/har/*.golden.*")

func readHAR(t *testing.T, name string) *har.Log {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "har", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	log, err := har.Read(f, har.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return log
}

// chromiumExpect is chromium.expect.json: what Chromium itself decided for
// every entry of chromium.har (Network.loadingFailed's corsErrorStatus).
type chromiumExpect struct {
	Entries []struct {
		Entry     int    `json:"entry"`
		Method    string `json:"method"`
		Type      string `json:"type"`
		Error     string `json:"error"`
		CORSError string `json:"cors_error"`
		Failed    string `json:"failed_parameter"`
	} `json:"entries"`
}

// TestHARChromiumRecorded: for every cross-origin fetch in the HAR that
// real Chromium 156 recorded, the replay under the Chromium policy reaches
// Chromium's own verdict and CorsError, and says it agrees with the
// recording.
func TestHARChromiumRecorded(t *testing.T) {
	log := readHAR(t, "chromium.har")
	b, err := os.ReadFile("testdata/har/chromium.expect.json")
	if err != nil {
		t.Fatal(err)
	}
	var want chromiumExpect
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	out := explainHAR(log, "", nil)
	if out.Policy != "chromium" || out.PolicyFrom != "the HAR's creator" {
		t.Errorf("policy %q from %q, want chromium from the creator", out.Policy, out.PolicyFrom)
	}
	got := map[int]*harRequest{}
	for i := range out.Requests {
		got[out.Requests[i].Entry] = &out.Requests[i]
	}
	checked := 0
	for _, w := range want.Entries {
		r := got[w.Entry]
		if r == nil {
			continue
		}
		checked++
		switch {
		case w.CORSError != "":
			if r.Verdict != verdictBlocked || r.Reason != w.CORSError {
				t.Errorf("entry %d %s: replay %s %s, Chromium blocked it: %s", w.Entry, w.Method, r.Verdict, r.Reason, w.CORSError)
			}
			if w.Failed != "" && !strings.EqualFold(r.FailedParameter, w.Failed) {
				t.Errorf("entry %d: failing value %q, Chromium's %q", w.Entry, r.FailedParameter, w.Failed)
			}
		case w.Error == "":
			if r.Verdict != verdictAllowed {
				t.Errorf("entry %d %s: replay %s %s, Chromium allowed it", w.Entry, w.Method, r.Verdict, r.Reason)
			}
		}
		if r.Agreement != "agrees" {
			t.Errorf("entry %d: %s: %s", w.Entry, r.Agreement, r.AgreementNote)
		}
	}
	// Every scenario the recorder runs is a cross-origin cors request
	// but the no-cors and same-origin ones.
	if checked != 14 || out.Summary.Blocked != 8 || out.Summary.Allowed != 6 || out.Summary.Differ != 0 {
		t.Errorf("checked %d requests, summary %+v; want 14: 6 allowed, 8 blocked, none differing", checked, out.Summary)
	}
}

// TestHARChromiumSpec: under -policy spec, Authorization under "*"
// (/auth-star) is blocked, and the tool says it differs from Chromium's
// recording.
func TestHARChromiumSpec(t *testing.T) {
	out := explainHAR(readHAR(t, "chromium.har"), "spec", nil)
	for _, r := range out.Requests {
		if !strings.HasSuffix(r.URL, "/auth-star") {
			continue
		}
		if r.Verdict != verdictBlocked || r.Reason != "HeaderDisallowedByPreflightResponse" || r.Agreement != "differs" {
			t.Errorf("/auth-star under spec: %s %s, %s", r.Verdict, r.Reason, r.Agreement)
		}
		return
	}
	t.Fatal("/auth-star not explained")
}

// TestHARFirefoxModelled: the modelled Firefox HAR is judged under the
// Firefox policy; a response Firefox received is no proof it was allowed.
func TestHARFirefoxModelled(t *testing.T) {
	out := explainHAR(readHAR(t, "firefox-modelled.har"), "", nil)
	if out.Policy != "firefox" {
		t.Errorf("policy %q, want firefox", out.Policy)
	}
	want := map[int]string{
		0: "allowed agrees", 1: "blocked unknown", 3: "allowed agrees", 5: "blocked agrees",
		6: "blocked unknown", 8: "allowed agrees", 9: "allowed agrees",
	}
	got := map[int]string{}
	for _, r := range out.Requests {
		got[r.Entry] = r.Verdict + " " + r.Agreement
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("verdicts (-want +got):\n%s", d)
	}
}

// TestHARGolden: the -json output and the text output of both HARs are
// stable.
func TestHARGolden(t *testing.T) {
	for _, name := range []string{"chromium", "firefox", "firefox-modelled"} {
		for _, args := range [][]string{{"-json"}, nil} {
			ext := "txt"
			if len(args) > 0 {
				ext = "json"
			}
			t.Run(name+"."+ext, func(t *testing.T) {
				var stdout, stderr bytes.Buffer
				code := runHAR(append(args, "testdata/har/"+name+".har"), &stdout, &stderr)
				if code != 1 || stderr.Len() > 0 {
					t.Fatalf("exit %d, stderr %q; want 1 (a request is blocked)", code, stderr.String())
				}
				golden := filepath.Join("testdata", "har", name+".golden."+ext)
				if *updateHAR {
					if err := os.WriteFile(golden, stdout.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatal(err)
				}
				if d := cmp.Diff(string(want), stdout.String()); d != "" {
					t.Errorf("output differs from %s (-want +got); go test -run TestHARGolden -update-har rewrites it:\n%s", golden, d)
				}
			})
		}
	}
}

// writeTemp writes s to a file in a test directory and returns its path.
func writeTemp(t *testing.T, s string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "x.har")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const (
	hostileHead = `{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[{"id":"page_1","title":"http://app.test/"}],"entries":[`
	goodEntry   = `{"pageref":"page_1","_resourceType":"fetch","request":{"method":"GET","url":"http://api.test/ok","headers":[{"name":"Origin","value":"http://app.test"},{"name":"Sec-Fetch-Mode","value":"cors"}]},"response":{"status":200,"headers":[{"name":"Access-Control-Allow-Origin","value":"*"}]}}`
)

// TestHARHostile: odd and hostile HARs give a clear error per entry, or
// one for the file, and never a crash.
func TestHARHostile(t *testing.T) {
	huge := strings.Repeat("x", 1<<20)
	tests := []struct {
		name  string
		in    string
		code  int
		wants []string // in stdout, or stderr for code 2
	}{
		{"empty file", "", 2, []string{"truncated"}},
		{"not JSON", "\x89PNG\r\n\x1a\n\x00\x00", 2, []string{"invalid JSON"}},
		{"JSON, no log", `{"har":1}`, 2, []string{`no "log"`}},
		{"truncated after entry 0", hostileHead + goodEntry + `,{"request":{"method":"GET","ur`, 0, []string{"warning: the file ends in the middle of log.entries[1]", "1 cross-origin requests: 1 allowed"}},
		{"missing fields", hostileHead + goodEntry + `,{"response":{}},{"request":{"url":"http://api.test/"}}]}}`, 0, []string{"entry 1: unreadable: no \"request\" object", "entry 2: unreadable: request has no \"method\"", "2 unreadable"}},
		{"huge header", hostileHead + goodEntry + `,{"request":{"method":"GET","url":"http://api.test/","headers":[{"name":"Cookie","value":"` + huge + `"}]}}]}}`, 0, []string{"entry 1: unreadable: the request headers add up to more than 262144 bytes"}},
		{"binary content", hostileHead + `{"request":{"method":"GET","url":"http://api.test/bin","headers":[{"name":"Origin","value":"http://app.test"},{"name":"Sec-Fetch-Mode","value":"cors"}]},"response":{"status":200,"headers":[],"content":{"size":3,"encoding":"base64","text":"/9j/"}}}]}}`, 1, []string{"BLOCKED: MissingAllowOriginHeader"}},
		{"wrong types", hostileHead + `{"request":{"method":["GET"],"url":"http://api.test/"}}]}}`, 0, []string{"entry 0: unreadable: request.method is a JSON array, not a string"}},
		{"deep nesting", hostileHead + goodEntry + `,{"x":` + strings.Repeat("[", 50000) + `]}`, 0, []string{"warning: invalid JSON in log.entries[1]", "exceeded max depth"}},
		{"no response", hostileHead + `{"request":{"method":"GET","url":"http://api.test/x","headers":[{"name":"Origin","value":"http://app.test"},{"name":"Sec-Fetch-Mode","value":"cors"}]}}]}}`, 0, []string{"UNKNOWN: the recording holds no response to GET http://api.test/x"}},
		{"preflight missing", hostileHead + `{"request":{"method":"PUT","url":"http://api.test/x","headers":[{"name":"Origin","value":"http://app.test"},{"name":"Sec-Fetch-Mode","value":"cors"}]},"response":{"status":0,"_error":"net::ERR_FAILED"}}]}}`, 0, []string{"UNKNOWN: the recording holds no preflight (OPTIONS http://api.test/x with Access-Control-Request-Method: PUT)", "unknown: the recording is incomplete"}},
		{"header name with a newline", hostileHead + `{"request":{"method":"GET","url":"http://api.test/x","headers":[{"name":"Origin","value":"http://app.test"},{"name":"Sec-Fetch-Mode","value":"cors"},{"name":"X-A\nB","value":"1"}]},"response":{"status":200,"headers":[{"name":"Access-Control-Allow-Origin","value":"*"},{"name":"Bad\r\nName","value":"v"}]}}]}}`, 0, []string{"ALLOWED"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := runHAR([]string{writeTemp(t, tt.in)}, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout.String(), stderr.String())
			}
			out := stdout.String()
			if tt.code == 2 {
				out = stderr.String()
			}
			for _, w := range tt.wants {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestHAREscapes: control bytes and invalid UTF-8 from a recording never
// reach the terminal as they are.
func TestHAREscapes(t *testing.T) {
	in := hostileHead + `{"request":{"method":"GET","url":"http://api.test/x","headers":[{"name":"Origin","value":"http://app.test"},{"name":"Sec-Fetch-Mode","value":"cors"}]},"response":{"status":200,"headers":[{"name":"Access-Control-Allow-Origin","value":"http://a\u001b[2J\u0007"}],"_error":"net::\u001b]0;pwned\u0007\u202e"}}]}}`
	var stdout, stderr bytes.Buffer
	runHAR([]string{writeTemp(t, in)}, &stdout, &stderr)
	out := stdout.String()
	for _, bad := range []string{"\x1b", "\x07", "\u202e"} {
		if strings.Contains(out, bad) {
			t.Errorf("output holds %q:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, `net::\x1b]0;pwned\a\u202e`) || !strings.Contains(out, `BLOCKED: InvalidAllowOriginValue`) {
		t.Errorf("the error is not shown escaped:\n%s", out)
	}
}

// TestHARManyEntries: 100 000 (20 000 under -race) cross-origin requests are replayed one by
// one; the count of replays is exact (each is one Transport round trip).
func TestHARManyEntries(t *testing.T) {
	if testing.Short() {
		t.Skip("replays 100 000 requests")
	}
	const n = harManyN
	var b strings.Builder
	b.WriteString(hostileHead)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"request":{"method":"GET","url":"http://api.test/%d","headers":[{"name":"Origin","value":"http://app.test"},{"name":"Sec-Fetch-Mode","value":"cors"}]},"response":{"status":200,"headers":[{"name":"Access-Control-Allow-Origin","value":"http://app.test"}]}}`, i)
	}
	b.WriteString(`]}}`)
	log, err := har.Read(strings.NewReader(b.String()), har.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	out := explainHAR(log, "chromium", func(done, total int) { calls++ })
	if out.Summary.Requests != n || out.Summary.Allowed != n {
		t.Errorf("summary %+v, want %d allowed", out.Summary, n)
	}
	if calls != n/progressEvery+1 {
		t.Errorf("progress called %d times, want %d", calls, n/progressEvery+1)
	}
}

// TestHARProgressOnlyOnTerminal: no progress line goes to a pipe or a
// buffer.
func TestHARProgressOnlyOnTerminal(t *testing.T) {
	if progressTo(&bytes.Buffer{}) != nil {
		t.Error("progress to a buffer")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if progressTo(w) != nil {
		t.Error("progress to a pipe")
	}
}

func TestHARUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"a.har", "b.har"}, {"-policy", "opera", "a.har"}, {"-nope"}, {"/nonexistent/x.har"}} {
		var stdout, stderr bytes.Buffer
		if code := runHAR(args, &stdout, &stderr); code != 2 || stderr.Len() == 0 {
			t.Errorf("%q: exit %d, stderr %q; want 2 and a message", args, code, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := runHAR([]string{"-h"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "usage: corscheck har") {
		t.Errorf("-h: exit %d, %q", code, stdout.String())
	}
}

// pageResult is one fetch() call of the recorder's page, as the page saw
// it: the ground truth of what the browser allowed.
type pageResult struct {
	URL     string `json:"url"`
	Method  string `json:"method"`
	Mode    string `json:"mode"`
	Outcome string `json:"outcome"` // "resolved" or "rejected"
}

// TestHARPageResults: in both real recordings, every request the replay
// judges (under the recording browser's policy) is blocked exactly when the
// page's fetch() rejected; a request the replay cannot judge was rejected
// at its preflight, which the recording holds no response to.
func TestHARPageResults(t *testing.T) {
	for _, tt := range []struct {
		browser          string
		judged, unknown  int
		allowed, blocked int
	}{
		{"chromium", 14, 0, 6, 8},
		// Firefox (over WebDriver BiDi) records a failed preflight with
		// no response at all.
		{"firefox", 10, 4, 6, 4},
	} {
		t.Run(tt.browser, func(t *testing.T) {
			b, err := os.ReadFile("testdata/har/" + tt.browser + ".expect.json")
			if err != nil {
				t.Fatal(err)
			}
			var expect struct {
				Results []pageResult `json:"page_results"`
			}
			if err := json.Unmarshal(b, &expect); err != nil {
				t.Fatal(err)
			}
			// The k-th call to a method and URL is the k-th request to it.
			calls := map[string][]pageResult{}
			for _, r := range expect.Results {
				if r.Mode == "cors" {
					calls[r.Method+" "+r.URL] = append(calls[r.Method+" "+r.URL], r)
				}
			}
			out := explainHAR(readHAR(t, tt.browser+".har"), "", nil)
			judged, unknown := 0, 0
			for _, r := range out.Requests {
				key := r.Method + " " + r.URL
				if len(calls[key]) == 0 {
					t.Errorf("entry %d: %s: no fetch() call made it", r.Entry, key)
					continue
				}
				call := calls[key][0]
				calls[key] = calls[key][1:]
				switch r.Verdict {
				case verdictUnknown:
					unknown++
					if call.Outcome != "rejected" {
						t.Errorf("entry %d: %s unknown, but fetch() resolved", r.Entry, key)
					}
				default:
					judged++
					if (r.Verdict == verdictBlocked) != (call.Outcome == "rejected") {
						t.Errorf("entry %d: %s: replay %s %s; the page's fetch() %s", r.Entry, key, r.Verdict, r.Reason, call.Outcome)
					}
				}
			}
			s := out.Summary
			if judged != tt.judged || unknown != tt.unknown || s.Allowed != tt.allowed || s.Blocked != tt.blocked || s.Differ != 0 {
				t.Errorf("judged %d, unknown %d, summary %+v; want %d judged (%d allowed, %d blocked), %d unknown, none differing",
					judged, unknown, s, tt.judged, tt.allowed, tt.blocked, tt.unknown)
			}
		})
	}
}

// TestHARSanitizedExport: Chrome's default export drops Authorization; the
// preflight's Access-Control-Request-Headers still names it, so the replay
// restores it and reaches the browser's verdict (blocked: the preflight
// allows only x-other), where leaving it out would allow the request.
func TestHARSanitizedExport(t *testing.T) {
	in := hostileHead + `{"_resourceType":"fetch","request":{"method":"GET","url":"http://api.test/x","headers":[{"name":"Origin","value":"http://app.test"},{"name":"Sec-Fetch-Mode","value":"cors"}]},"response":{"status":0,"_error":"net::ERR_FAILED","headers":[]}},` +
		`{"_resourceType":"other","_initiator":{"type":"preflight"},"request":{"method":"OPTIONS","url":"http://api.test/x","headers":[{"name":"Access-Control-Request-Method","value":"GET"},{"name":"Access-Control-Request-Headers","value":"authorization"},{"name":"Origin","value":"http://app.test"}]},"response":{"status":204,"headers":[{"name":"Access-Control-Allow-Origin","value":"http://app.test"},{"name":"Access-Control-Allow-Headers","value":"x-other"}]}}]}}`
	log, err := har.Read(strings.NewReader(in), har.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	out := explainHAR(log, "", nil)
	if len(out.Requests) != 1 {
		t.Fatalf("%d requests", len(out.Requests))
	}
	r := out.Requests[0]
	if r.Verdict != verdictBlocked || r.Reason != "HeaderDisallowedByPreflightResponse" || r.Agreement != "agrees" {
		t.Errorf("%s %s %s", r.Verdict, r.Reason, r.Agreement)
	}
	if len(r.Notes) == 0 || !strings.Contains(r.Notes[0], "names authorization") {
		t.Errorf("notes %q", r.Notes)
	}
}

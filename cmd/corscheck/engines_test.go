package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// countingServer serves h and counts the requests it gets by method.
type countingServer struct {
	h  http.Handler
	mu sync.Mutex
	n  map[string]int
}

func (c *countingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	c.n[r.Method]++
	c.mu.Unlock()
	c.h.ServeHTTP(w, r)
}

func (c *countingServer) count(method string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[method]
}

// Without -policy the command reports the standard's verdict and each
// engine's where it differs, with the deviation that explains it, and asks
// the server each distinct request once (issue 12 §4; browsers.md §6:
// Access-Control-Allow-Headers * covers Authorization in every engine,
// never in the standard, cors-preflight-star.any.js).
func TestRunEngines(t *testing.T) {
	star := &server{pre: map[string]string{"Access-Control-Allow-Origin": page, "Access-Control-Allow-Headers": "*"}, actual: acao}
	for _, tt := range []struct {
		name       string
		args       []string
		wantCode   int
		wantLine   string
		wantOPT    int
		wantGET    int
		wantJSONEn []string // policy:verdict:deviations
	}{
		{"Authorization under *", []string{"-H", "Authorization: Bearer x"}, 1,
			"Browsers: blocked by the spec; allowed in Chromium, Firefox and WebKit (Authorization under `*`)\n",
			1, 1, []string{"chromium:allowed:AuthorizationCoveredByWildcard", "firefox:allowed:AuthorizationCoveredByWildcard", "webkit:allowed:AuthorizationCoveredByWildcard"}},
		// WebKit's preflight also carries the page's User-Agent
		// (cors.Policy.PreflightCarriesUserAgent): a request of its own.
		{"User-Agent dropped by Chromium", []string{"-H", "User-Agent: bot/1"}, 0,
			"Browsers: Chromium, Firefox and WebKit agree with the spec: allowed\n",
			2, 2, []string{"chromium:allowed:", "firefox:allowed:", "webkit:allowed:"}},
		{"-policy picks one", []string{"-policy", "chromium", "-H", "Authorization: Bearer x"}, 0, "", 1, 1, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, jsonOut := range []bool{false, true} {
				cs := &countingServer{h: star, n: map[string]int{}}
				srv := httptest.NewServer(cs)
				args := append([]string{"-origin", page}, tt.args...)
				if jsonOut {
					args = append(args, "-json")
				}
				code, stdout, stderr := runCmd(append(args, srv.URL+"/x")...)
				srv.Close()
				if code != tt.wantCode {
					t.Errorf("json %v: exit %d, want %d\n%s%s", jsonOut, code, tt.wantCode, stdout, stderr)
				}
				if got := cs.count("OPTIONS"); got != tt.wantOPT {
					t.Errorf("json %v: server got %d preflights, want %d", jsonOut, got, tt.wantOPT)
				}
				if got := cs.count("GET"); got != tt.wantGET {
					t.Errorf("json %v: server got %d GETs, want %d", jsonOut, got, tt.wantGET)
				}
				if !jsonOut {
					if tt.wantLine == "" && strings.Contains(stdout, "Browsers:") || !strings.Contains(stdout, tt.wantLine) {
						t.Errorf("want %q in:\n%s", tt.wantLine, stdout)
					}
					continue
				}
				var rep report
				if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, e := range rep.Engines {
					got = append(got, e.Policy+":"+e.Verdict+":"+strings.Join(e.Deviations, ","))
				}
				if strings.Join(got, " ") != strings.Join(tt.wantJSONEn, " ") {
					t.Errorf("engines %q, want %q", got, tt.wantJSONEn)
				}
			}
		})
	}
}

// The line names every group: engines that agree with the standard, and
// each other outcome with its reason where two share a verdict.
func TestEnginesLine(t *testing.T) {
	rep := &report{Verdict: verdictBlocked, Blocked: &blockInfo{Reason: "HeaderDisallowedByPreflightResponse"}, Engines: []engineVerdict{
		{Policy: "chromium", Verdict: verdictAllowed, Deviations: []string{"UserAgentForbidden"}},
		{Policy: "firefox", Verdict: verdictBlocked, Reason: "HeaderDisallowedByPreflightResponse"},
		{Policy: "webkit", Verdict: verdictBlocked, Reason: "MissingAllowOriginHeader", Deviations: []string{"SomeFutureField"}},
	}}
	var b strings.Builder
	(&textWriter{w: &b, rep: rep}).engines()
	want := "\nBrowsers: blocked (HeaderDisallowedByPreflightResponse) by the spec and in Firefox; allowed in Chromium (the page's User-Agent dropped); blocked (MissingAllowOriginHeader) in WebKit (SomeFutureField)\n"
	if b.String() != want {
		t.Errorf("got  %q\nwant %q", b.String(), want)
	}
}

// Every cors.Policy field has its few words in deviationText, and every
// entry names a field, so -v never prints a bare field name.
func TestDeviationTextCoversPolicy(t *testing.T) {
	typ := reflect.TypeFor[cors.Policy]()
	seen := map[string]bool{}
	for i := range typ.NumField() {
		name := typ.Field(i).Name
		seen[name] = true
		if deviationText[name] == "" {
			t.Errorf("deviationText has no entry for cors.Policy.%s", name)
		}
	}
	for name := range deviationText {
		if !seen[name] {
			t.Errorf("deviationText has an entry for %s, which is no cors.Policy field", name)
		}
	}
}

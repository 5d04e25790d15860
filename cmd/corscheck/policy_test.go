package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

func withPolicy(name string) func(*config) {
	return func(c *config) { c.Policy, c.PolicyName = policies[name](), name }
}

// -policy changes the verdict exactly where the engine deviates from the
// standard (browsers.md §6): "Access-Control-Allow-Headers: *" covers
// Authorization in Chromium, Firefox and WebKit, never in the standard
// (cors-preflight-star.any.js).
func TestCheckPolicy(t *testing.T) {
	srv := func() *server {
		return &server{
			pre:    map[string]string{"Access-Control-Allow-Origin": page, "Access-Control-Allow-Headers": "*"},
			actual: acao,
		}
	}
	auth := map[string]string{"Authorization": "Bearer x"}
	for _, tt := range []struct {
		policy      string
		wantVerdict string
	}{
		{"spec", verdictBlocked},
		{"chromium", verdictAllowed},
		{"firefox", verdictAllowed},
		{"webkit", verdictAllowed},
	} {
		t.Run(tt.policy, func(t *testing.T) {
			s := srv()
			cfg := cfgFor(t, "GET", "https://api.example/x", auth, withPolicy(tt.policy))
			rep := check(context.Background(), cfg, &corstest.HandlerTransport{Handler: s}, nil)
			if rep.Verdict != tt.wantVerdict {
				t.Errorf("verdict %s (%+v), want %s", rep.Verdict, rep.Blocked, tt.wantVerdict)
			}
			if rep.Request.Policy != tt.policy {
				t.Errorf("report names policy %q, want %q", rep.Request.Policy, tt.policy)
			}
			if s.preflightSeen != 1 {
				t.Errorf("server saw %d preflights, want 1", s.preflightSeen)
			}
		})
	}
}

// The preflight analysis follows the policy: Chromium drops a page's
// User-Agent, and judges a repeated header by its joined values
// (#cors-unsafe-request-header-names; browsers.md §6).
func TestAnalysePolicy(t *testing.T) {
	ua := map[string]string{"User-Agent": "bot/1"}
	ri, pi := analyse(cfgFor(t, "GET", "https://api.example/", ua))
	if !pi.Needed || len(ri.Dropped) != 0 || strings.Join(pi.UnsafeHeaders, ",") != "user-agent" {
		t.Errorf("spec: needed %v, dropped %q, unsafe %q; want a preflight for user-agent", pi.Needed, ri.Dropped, pi.UnsafeHeaders)
	}
	ri, pi = analyse(cfgFor(t, "GET", "https://api.example/", ua, withPolicy("chromium")))
	if pi.Needed || len(ri.Dropped) != 1 || !strings.HasPrefix(ri.Dropped[0], "user-agent (forbidden under this policy") {
		t.Errorf("chromium: needed %v, dropped %q; want user-agent dropped and no preflight", pi.Needed, ri.Dropped)
	}

	twoAccepts := func(c *config) {
		c.Header.Add("Accept", strings.Repeat("a", 100))
		c.Header.Add("Accept", strings.Repeat("b", 100))
	}
	if _, pi := analyse(cfgFor(t, "GET", "https://api.example/", nil, twoAccepts)); pi.Needed {
		t.Errorf("spec: two 100-byte Accept values need no preflight, got %q", pi.Why)
	}
	_, pi = analyse(cfgFor(t, "GET", "https://api.example/", nil, twoAccepts, withPolicy("chromium")))
	if !pi.Needed || len(pi.Why) != 1 || pi.Why[0] != `header accept: its 2 values, joined with ", " as this policy does, are not CORS-safelisted` {
		t.Errorf("chromium: needed %v, why %q", pi.Needed, pi.Why)
	}
}

// A network error that is not a CORS block still gets a reason and a hint
// that says what to change.
func TestCheckNetworkErrors(t *testing.T) {
	loop := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", page)
		http.Redirect(w, r, r.URL.Path, http.StatusFound)
	})
	toFTP := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", page)
		http.Redirect(w, r, "ftp://files.example/x", http.StatusFound)
	})
	for _, tt := range []struct {
		name        string
		h           http.Handler
		cfg         *config
		wantVerdict string
		wantReason  string // when blocked
		wantHint    string
	}{
		{"same-origin mode (#main-fetch)", &server{actual: acao}, cfgFor(t, "GET", "https://api.example/x", nil, func(c *config) { c.Mode = fetch.ModeSameOrigin }),
			verdictBlocked, "DisallowedByMode", "make the request with -mode cors"},
		// Issue 12 §4: too many redirects is a network failure (exit 3),
		// not a CORS block.
		{"redirect loop (#http-redirect-fetch step 5)", loop, cfgFor(t, "GET", "https://api.example/x", nil),
			verdictError, "", "more than 20 times"},
		{"redirect to ftp in no-cors mode (#http-redirect-fetch step 4)", toFTP, cfgFor(t, "GET", "https://api.example/x", nil, func(c *config) { c.Mode = fetch.ModeNoCORS }),
			verdictError, "", "redirect to an http or https URL"},
		{"redirect mode error (#http-fetch)", toFTP, cfgFor(t, "GET", "https://api.example/x", nil, func(c *config) { c.Redirect = fetch.RedirectError }),
			verdictError, "", "-redirect error forbids it"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep := check(context.Background(), tt.cfg, &corstest.HandlerTransport{Handler: tt.h}, nil)
			wantExit := map[string]int{verdictBlocked: exitBlocked, verdictError: exitNetwork}[tt.wantVerdict]
			if rep.Verdict != tt.wantVerdict || rep.exitCode() != wantExit {
				t.Fatalf("verdict %s (%s), exit %d; want %s, %d", rep.Verdict, rep.Error, rep.exitCode(), tt.wantVerdict, wantExit)
			}
			reason, h := "", rep.Hint
			if rep.Blocked != nil {
				reason, h = rep.Blocked.Reason, rep.Blocked.Hint
			}
			if reason != tt.wantReason || !strings.Contains(h, tt.wantHint) {
				t.Errorf("reason %q, hint %q; want %q, a hint with %q", reason, h, tt.wantReason, tt.wantHint)
			}
		})
	}
}

// A request fetch() rejects outright sends nothing: the report says so
// instead of describing a preflight, and never prints a URL's password.
func TestRunRejectedRequest(t *testing.T) {
	for _, args := range [][]string{
		{"-origin", page, "-X", "TRACE", "-H", "X-Custom: 1", "https://api.example/x"},
		{"-origin", page, "-X", "PUT", "https://user:secret@api.example/x"},
		{"-origin", page, "-mode", "no-cors", "-X", "PUT", "https://api.example/x"},
	} {
		code, stdout, _ := runCmd(args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		if !strings.Contains(stdout, "Preflight: none\n  - fetch() rejects the request before sending anything") ||
			strings.Contains(stdout, "Preflight: needed") || strings.Contains(stdout, "secret") {
			t.Errorf("%v: output\n%s", args, stdout)
		}
		code, stdout, _ = runCmd(append([]string{"-json"}, args...)...)
		var rep report
		if err := json.Unmarshal([]byte(stdout), &rep); err != nil || code != 2 {
			t.Fatalf("%v -json: exit %d, %v\n%s", args, code, err, stdout)
		}
		if rep.Verdict != verdictRejected || rep.Preflight.Needed || rep.Preflight.Sent || len(rep.Exchanges) != 0 || !strings.Contains(stdout, `"exchanges": []`) {
			t.Errorf("%v -json: %+v", args, rep)
		}
	}
}

func TestPolicyFlag(t *testing.T) {
	code, _, stderr := runCmd("-origin", page, "-policy", "netscape", "https://api.example/x")
	if code != 2 || !strings.Contains(stderr, `unknown -policy "netscape": use spec, chromium, firefox or webkit`) {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	for name, p := range policies {
		cfg, err := parseArgs([]string{"-origin", page, "-policy", name, "https://api.example/x"}, nil)
		if err != nil || cfg.Policy != p() || cfg.PolicyName != name {
			t.Errorf("-policy %s: %+v, %v", name, cfg, err)
		}
	}
	if cfg, err := parseArgs([]string{"-origin", page, "https://api.example/x"}, nil); err != nil || cfg.Policy != (cors.Policy{}) || cfg.PolicyName != "spec" {
		t.Errorf("default policy: %+v, %v", cfg, err)
	}
}

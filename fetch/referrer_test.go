package fetch

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Determine request's referrer, per policy. WPT referrer-policy/ generated
// tests (the policy x downgrade x same/cross-origin matrix).
// See https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer.
func TestDetermineReferrer(t *testing.T) {
	const ref = "https://u:p@app.example/page?q=1#frag"
	const full = "https://app.example/page?q=1"
	const orig = "https://app.example/"
	same := "https://app.example/other"
	cross := "https://api.example/x"
	down := "http://api.example/x"
	local := "http://127.0.0.1:8080/x" // potentially trustworthy: not a downgrade
	tests := []struct {
		policy ReferrerPolicy
		target string
		want   string // "" = no referrer
	}{
		{ReferrerPolicyNoReferrer, same, ""},
		{ReferrerPolicyUnsafeURL, down, full},
		{ReferrerPolicyOrigin, same, orig},
		{ReferrerPolicyOrigin, down, orig},
		{ReferrerPolicySameOrigin, same, full},
		{ReferrerPolicySameOrigin, cross, ""},
		{ReferrerPolicyOriginWhenCrossOrigin, same, full},
		{ReferrerPolicyOriginWhenCrossOrigin, down, orig},
		{ReferrerPolicyStrictOrigin, cross, orig},
		{ReferrerPolicyStrictOrigin, down, ""},
		{ReferrerPolicyStrictOrigin, local, orig},
		{ReferrerPolicyNoReferrerWhenDowngrade, cross, full},
		{ReferrerPolicyNoReferrerWhenDowngrade, down, ""},
		{ReferrerPolicyStrictOriginWhenCrossOrigin, same, full},
		{ReferrerPolicyStrictOriginWhenCrossOrigin, cross, orig},
		{ReferrerPolicyStrictOriginWhenCrossOrigin, down, ""},
		{ReferrerPolicyStrictOriginWhenCrossOrigin, local, orig},
	}
	r, _ := url.Parse(ref)
	for _, tc := range tests {
		cur, _ := url.Parse(tc.target)
		got := ""
		if u := determineReferrer(r, tc.policy, cur); u != nil {
			got = u.String()
		}
		if got != tc.want {
			t.Errorf("%s to %s: %q, want %q", tc.policy, tc.target, got, tc.want)
		}
	}
	// A referrer longer than 4096 bytes is reduced to its origin.
	long, _ := url.Parse("https://app.example/" + strings.Repeat("a", 4100))
	cur, _ := url.Parse(same)
	if got := determineReferrer(long, ReferrerPolicyUnsafeURL, cur); got == nil || got.String() != orig {
		t.Errorf("long referrer: %v", got)
	}
	// Local schemes are never a referrer.
	data, _ := url.Parse("data:text/html,x")
	if got := determineReferrer(data, ReferrerPolicyUnsafeURL, cur); got != nil {
		t.Errorf("data: referrer %v", got)
	}
}

// Parse a referrer policy from a Referrer-Policy header: the last valid
// token wins. See https://w3c.github.io/webappsec-referrer-policy/#parse-referrer-policy-from-header.
func TestReferrerPolicyFromResponse(t *testing.T) {
	tests := []struct {
		lines []string
		want  ReferrerPolicy
	}{
		{nil, ""},
		{[]string{"no-referrer"}, ReferrerPolicyNoReferrer},
		{[]string{"no-referrer, unsafe-url"}, ReferrerPolicyUnsafeURL},
		{[]string{"unsafe-url, bogus"}, ReferrerPolicyUnsafeURL},
		{[]string{"origin", "same-origin"}, ReferrerPolicySameOrigin},
		{[]string{"Origin"}, ""},
		{[]string{""}, ""},
	}
	for _, tc := range tests {
		if got := referrerPolicyFromResponse(http.Header{"Referrer-Policy": tc.lines}); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.lines, got, tc.want)
		}
	}
}

func FuzzReferrerPolicyFromResponse(f *testing.F) {
	for _, s := range []string{"no-referrer", "a, origin ,", ",,,", "unsafe-url\t,strict-origin"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := referrerPolicyFromResponse(http.Header{"Referrer-Policy": {s}})
		if !p.valid() {
			t.Fatalf("invalid policy %q", p)
		}
		if p != "" && !strings.Contains(s, string(p)) {
			t.Fatalf("%q not in %q", p, s)
		}
	})
}

// The Referer header per hop, and on the preflight.
func TestRefererHeader(t *testing.T) {
	a, b := newSite(t), newSite(t)
	tr := &Transport{Origin: a.origin(), Referrer: a.URL + "/page?q#f"}
	n := len(b.requests())
	if _, _, err := do(t, tr, "GET", b.URL+"/?acao=*", Options{}, http.Header{"Referer": {"http://evil.example/"}}, ""); err != nil {
		t.Fatal(err)
	}
	if got := b.requests()[n].Header.Get("Referer"); got != a.URL+"/" {
		t.Errorf("cross-origin Referer %q, want the origin", got)
	}
	if _, _, err := do(t, tr, "GET", a.URL+"/", Options{Referrer: a.URL + "/other"}, nil, ""); err != nil {
		t.Fatal(err)
	}
	r := a.requests()
	if got := r[len(r)-1].Header.Get("Referer"); got != a.URL+"/other" {
		t.Errorf("same-origin Referer %q", got)
	}
	if _, _, err := do(t, tr, "GET", a.URL+"/", Options{ReferrerPolicy: ReferrerPolicyNoReferrer}, nil, ""); err != nil {
		t.Fatal(err)
	}
	r = a.requests()
	if got := r[len(r)-1].Header["Referer"]; got != nil {
		t.Errorf("no-referrer sent %q", got)
	}
}

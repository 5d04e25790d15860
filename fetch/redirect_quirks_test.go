package fetch

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// routes is a scripted server over several origins: each "host/path" gets
// a preflight answer and an actual answer. Preflights and actual responses
// allow the page (and "null") by echoing Origin unless the route says
// otherwise.
type route struct {
	preflight []string // extra preflight header lines
	status    int      // actual status; 0 is 200
	actual    []string // actual header lines (Location, ...)
}

func routed(rs map[string]route) *scripted {
	return &scripted{answer: func(r *http.Request) (int, http.Header) {
		rt, ok := rs[r.URL.Host+r.URL.Path]
		if !ok {
			return 404, nil
		}
		acao := "Access-Control-Allow-Origin: " + r.Header.Get("Origin")
		if r.Method == http.MethodOptions {
			return 200, hdr(append([]string{acao}, rt.preflight...)...)
		}
		st := rt.status
		if st == 0 {
			st = 200
		}
		return st, hdr(append([]string{acao}, rt.actual...)...)
	}}
}

// redirectCase is one request whose outcome and wire log each preset is
// checked against; want maps a preset name to its expectation, "spec"
// being the default for the others.
type redirectCase struct {
	name   string
	routes map[string]route
	call   quirkCall
	want   map[string]redirectWant
}

type redirectWant struct {
	outcome string
	log     []string
}

func (c redirectCase) run(t *testing.T) {
	for _, pr := range presets {
		want, ok := c.want[pr.name]
		if !ok {
			want = c.want["spec"]
		}
		base := routed(c.routes)
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		got := sendAll(t, tr, c.call)[0]
		log := base.take()
		if got != want.outcome || want.log != nil && !slices.Equal(log, want.log) {
			t.Errorf("%s, %s: got %s %q, want %s %q", c.name, pr.name, got, log, want.outcome, want.log)
		}
	}
}

// cors.Policy.RedirectUserinfoFails (Chromium): a redirect to a URL with
// userinfo fails in every mode; the standard refuses it only in mode cors
// to another origin, or once tainting is cors.
// See https://fetch.spec.whatwg.org/#http-redirect-fetch.
func TestRedirectUserinfoFails(t *testing.T) {
	for _, c := range []redirectCase{
		{
			name:   "cors same-origin",
			routes: map[string]route{"page.test/r": {status: 302, actual: []string{"Location: http://u:p@page.test/r2"}}, "page.test/r2": {}},
			call:   quirkCall{method: "GET", url: quirkPage + "/r"},
			want: map[string]redirectWant{
				"spec":     {"ok OK", []string{"GET http://page.test/r", "GET http://u:p@page.test/r2"}},
				"chromium": {"error invalid Location header", []string{"GET http://page.test/r"}},
			},
		},
		{
			name:   "no-cors",
			routes: map[string]route{"api.test/r": {status: 302, actual: []string{"Location: http://u:p@api.test/r2"}}, "api.test/r2": {}},
			call:   quirkCall{method: "GET", url: quirkAPI + "/r", opts: Options{Mode: ModeNoCORS}},
			want: map[string]redirectWant{
				"spec":     {"ok ", nil},
				"chromium": {"error invalid Location header", nil},
			},
		},
		{
			name:   "cors cross-origin: a CORS block everywhere",
			routes: map[string]route{"page.test/r": {status: 302, actual: []string{"Location: http://u:p@api.test/r2"}}},
			call:   quirkCall{method: "GET", url: quirkPage + "/r"},
			want:   map[string]redirectWant{"spec": {"blocked RedirectContainsCredentials", nil}},
		},
		{
			name:   "same-origin mode leaving the origin: a mode violation everywhere",
			routes: map[string]route{"page.test/r": {status: 302, actual: []string{"Location: http://u:p@api.test/r2"}}},
			call:   quirkCall{method: "GET", url: quirkPage + "/r", opts: Options{Mode: ModeSameOrigin}},
			want:   map[string]redirectWant{"spec": {"blocked DisallowedByMode", nil}},
		},
	} {
		c.run(t)
	}
}

// cors.Policy.RedirectSchemeByMode (Chromium 156, observed): a redirect
// to ftp: is CorsDisabledScheme in mode cors and a mode violation in mode
// same-origin; data: stays a plain network error. The standard: a network
// error for every non-HTTP(S) location.
func TestRedirectSchemeByMode(t *testing.T) {
	ftp := map[string]route{"page.test/r": {status: 302, actual: []string{"Location: ftp://api.test/x"}}}
	data := map[string]route{"page.test/r": {status: 302, actual: []string{"Location: data:,hi"}}}
	plain := redirectWant{"error redirect to a non-HTTP(S) URL", []string{"GET http://page.test/r"}}
	for _, c := range []redirectCase{
		{name: "ftp cors", routes: ftp, call: quirkCall{method: "GET", url: quirkPage + "/r"},
			want: map[string]redirectWant{"spec": plain, "chromium": {"blocked CorsDisabledScheme", nil}}},
		{name: "ftp same-origin", routes: ftp, call: quirkCall{method: "GET", url: quirkPage + "/r", opts: Options{Mode: ModeSameOrigin}},
			want: map[string]redirectWant{"spec": plain, "chromium": {"blocked DisallowedByMode", nil}}},
		{name: "ftp no-cors", routes: ftp, call: quirkCall{method: "GET", url: quirkPage + "/r", opts: Options{Mode: ModeNoCORS}},
			want: map[string]redirectWant{"spec": plain}},
		{name: "data cors", routes: data, call: quirkCall{method: "GET", url: quirkPage + "/r"},
			want: map[string]redirectWant{"spec": plain}},
	} {
		c.run(t)
	}
	// Chromium reports the block at the location, redirected from the
	// first URL (console line observed in Chromium 156).
	tr := &Transport{Base: routed(ftp), Origin: quirkPage, Policy: presets[1].p}
	_, _, err := do(t, tr, "GET", quirkPage+"/r", Options{}, nil, "")
	if msg := consoleOf(err); !strings.HasPrefix(msg, "Access to fetch at 'ftp://api.test/x' (redirected from 'http://page.test/r') from origin 'http://page.test' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: ") {
		t.Errorf("console: %s", msg)
	}
}

// cors.Policy.CrossOriginRedirectDeleteAsGET (WebKitGTK): DELETE becomes
// GET on a redirect to another origin, whatever the status; the standard
// keeps DELETE on 301, 302, 307 and 308.
func TestCrossOriginRedirectDeleteAsGET(t *testing.T) {
	for _, status := range []string{"301", "302", "307", "308"} {
		routes := map[string]route{
			"api.test/r":    {preflight: []string{"Access-Control-Allow-Methods: DELETE"}, status: atoiOr(status, 0), actual: []string{"Location: http://other.test/r2"}},
			"other.test/r2": {preflight: []string{"Access-Control-Allow-Methods: DELETE"}},
			"api.test/s":    {preflight: []string{"Access-Control-Allow-Methods: DELETE"}, status: atoiOr(status, 0), actual: []string{"Location: http://api.test/s2"}},
			"api.test/s2":   {preflight: []string{"Access-Control-Allow-Methods: DELETE"}},
		}
		redirectCase{
			name: status + " cross-origin", routes: routes, call: quirkCall{method: "DELETE", url: quirkAPI + "/r"},
			want: map[string]redirectWant{
				"spec": {"ok OK", []string{"OPTIONS http://api.test/r", "DELETE http://api.test/r", "OPTIONS http://other.test/r2", "DELETE http://other.test/r2"}},
				// WebKit preflights again (PreflightAfterPreflight), for GET.
				"webkit": {"ok OK", []string{"OPTIONS http://api.test/r", "DELETE http://api.test/r", "OPTIONS http://other.test/r2", "GET http://other.test/r2"}},
			},
		}.run(t)
		redirectCase{
			name: status + " same-origin", routes: routes, call: quirkCall{method: "DELETE", url: quirkAPI + "/s"},
			want: map[string]redirectWant{
				"spec": {"ok OK", []string{"OPTIONS http://api.test/s", "DELETE http://api.test/s", "OPTIONS http://api.test/s2", "DELETE http://api.test/s2"}},
			},
		}.run(t)
	}
}

// cors.Policy.OriginKeptAfterRedirect (WebKit): a same-origin POST that a
// 303 turns into a GET still sends Origin; the standard sends none on a
// same-origin GET.
// See https://fetch.spec.whatwg.org/#append-a-request-origin-header.
func TestOriginKeptAfterRedirect(t *testing.T) {
	for _, pr := range presets {
		base := routed(map[string]route{"page.test/r": {status: 303, actual: []string{"Location: /r2"}}, "page.test/r2": {}})
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		if got := sendAll(t, tr, quirkCall{method: "POST", url: quirkPage + "/r", body: "x", header: hdr("Content-Type: text/plain")}); got[0] != "ok OK" {
			t.Fatalf("%s: %v", pr.name, got)
		}
		reqs := base.lastReqs()
		if len(reqs) != 2 || reqs[1].Method != "GET" {
			t.Fatalf("%s: %v", pr.name, base.take())
		}
		want := ""
		if pr.name == "webkit" {
			want = quirkPage
		}
		if got := reqs[1].Header.Get("Origin"); got != want {
			t.Errorf("%s: Origin on the GET after 303 = %q, want %q", pr.name, got, want)
		}
		if got := reqs[0].Header.Get("Origin"); got != quirkPage {
			t.Errorf("%s: Origin on the POST = %q", pr.name, got)
		}
	}
}

// cors.Policy.PreflightOriginUntainted (Firefox): after a cross-origin
// redirect from another origin tainted the request, the preflight still
// says the page's origin; the actual request says "null" everywhere.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func TestPreflightOriginUntainted(t *testing.T) {
	for _, pr := range presets {
		base := routed(map[string]route{
			"api.test/r":    {preflight: []string{"Access-Control-Allow-Headers: x-a"}, status: 307, actual: []string{"Location: http://other.test/r2"}},
			"other.test/r2": {preflight: []string{"Access-Control-Allow-Headers: x-a"}},
		})
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		if got := sendAll(t, tr, quirkCall{method: "GET", url: quirkAPI + "/r", header: hdr("X-A: 1")}); got[0] != "ok OK" {
			t.Fatalf("%s: %v %v", pr.name, got, base.take())
		}
		var origins []string
		for _, r := range base.lastReqs() {
			origins = append(origins, r.Method+" "+r.URL.Host+" "+r.Header.Get("Origin"))
		}
		want := []string{"OPTIONS api.test http://page.test", "GET api.test http://page.test", "OPTIONS other.test null", "GET other.test null"}
		if pr.name == "firefox" {
			want[2] = "OPTIONS other.test http://page.test"
		}
		if !slices.Equal(origins, want) {
			t.Errorf("%s: %q, want %q", pr.name, origins, want)
		}
	}
}

// After a cross-origin redirect removed Authorization, the standard sends
// no second preflight; Firefox and WebKit do
// (cors.Policy.PreflightForRemovedHeaders), and WebKit's lists
// authorization (PreflightWithFirstHeaders).
// See https://fetch.spec.whatwg.org/#http-redirect-fetch and #main-fetch.
func TestPreflightForRemovedHeaders(t *testing.T) {
	routes := map[string]route{
		"api.test/r":    {preflight: []string{"Access-Control-Allow-Headers: authorization"}, status: 302, actual: []string{"Location: http://other.test/r2"}},
		"other.test/r2": {preflight: []string{"Access-Control-Allow-Headers: authorization"}},
	}
	wantACRH := map[string][]string{"spec": nil, "chromium": nil, "firefox": {""}, "webkit": {"authorization"}}
	for _, pr := range presets {
		base := routed(routes)
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		if got := sendAll(t, tr, quirkCall{method: "GET", url: quirkAPI + "/r", header: hdr("Authorization: Bearer x")}); got[0] != "ok OK" {
			t.Fatalf("%s: %v", pr.name, got)
		}
		var acrh []string
		for _, r := range base.lastReqs() {
			if r.Method == http.MethodOptions && r.URL.Host == "other.test" {
				acrh = append(acrh, r.Header.Get("Access-Control-Request-Headers"))
			}
			if r.URL.Host == "other.test" && r.Header.Get("Authorization") != "" {
				t.Errorf("%s: Authorization sent to other.test", pr.name)
			}
		}
		if !slices.Equal(acrh, wantACRH[pr.name]) {
			t.Errorf("%s: second-hop preflights with ACRH %q, want %q", pr.name, acrh, wantACRH[pr.name])
		}
	}
	// Under WebKit the second preflight must allow authorization.
	refuse := map[string]route{"api.test/r": routes["api.test/r"], "other.test/r2": {}}
	tr := &Transport{Base: routed(refuse), Origin: quirkPage, Policy: presets[3].p}
	if got := sendAll(t, tr, quirkCall{method: "GET", url: quirkAPI + "/r", header: hdr("Authorization: Bearer x")}); got[0] != "blocked HeaderDisallowedByPreflightResponse" {
		t.Errorf("webkit, second preflight without authorization: %v", got)
	}
}

// cors.Policy.PreflightAfterPreflight (WebKit, Firefox): a PUT that a 303
// turns into a GET preflights again at the new URL; the standard and
// Chromium send the simple GET without one.
func TestPreflightAfterPreflight(t *testing.T) {
	routes := map[string]route{
		"api.test/r":  {preflight: []string{"Access-Control-Allow-Methods: PUT"}, status: 303, actual: []string{"Location: /r2"}},
		"api.test/r2": {},
	}
	redirectCase{
		name: "PUT 303", routes: routes, call: quirkCall{method: "PUT", url: quirkAPI + "/r", body: "x"},
		want: map[string]redirectWant{
			"spec":    {"ok OK", []string{"OPTIONS http://api.test/r", "PUT http://api.test/r", "GET http://api.test/r2"}},
			"webkit":  {"ok OK", []string{"OPTIONS http://api.test/r", "PUT http://api.test/r", "OPTIONS http://api.test/r2", "GET http://api.test/r2"}},
			"firefox": {"ok OK", []string{"OPTIONS http://api.test/r", "PUT http://api.test/r", "OPTIONS http://api.test/r2", "GET http://api.test/r2"}},
		},
	}.run(t)
}

// A redirect with its Location twice: a failure under the standard,
// followed when the lines are one value under
// cors.Policy.RedirectIdenticalLocationsFollowed (Chromium) and
// SingletonHeadersCollapsed (Firefox), followed to the lines joined with
// ", " under RedirectLocationsJoined (WebKit), and a transport failure
// for different values under ConflictingSingletonHeadersFail (Chromium,
// Firefox).
// See https://fetch.spec.whatwg.org/#concept-response-location-url.
func TestRedirectRepeatedLocation(t *testing.T) {
	bad, joined := "error invalid Location header", "ok OK"
	for _, tc := range []struct {
		name string
		p    cors.Policy
		same string // Location: /r2 twice
		diff string // Location: /r2, then /r3
		next string // the path the same-value case requests next, if followed
	}{
		{"spec", cors.Policy{}, bad, bad, ""},
		{"RedirectIdenticalLocationsFollowed", cors.Policy{RedirectIdenticalLocationsFollowed: true}, "ok OK", bad, "/r2"},
		{"SingletonHeadersCollapsed", cors.Policy{SingletonHeadersCollapsed: true}, "ok OK", bad, "/r2"},
		{"RedirectLocationsJoined", cors.Policy{RedirectLocationsJoined: true}, joined, joined, "/r2, /r2"},
		{"chromium", cors.ChromiumPolicy(), "ok OK", "error transport failure", "/r2"},
		{"firefox", cors.FirefoxPolicy(), "ok OK", "error transport failure", "/r2"},
		{"webkit", cors.WebKitPolicy(), joined, joined, "/r2, /r2"},
	} {
		for _, second := range []string{"/r2", "/r3"} {
			base := routed(map[string]route{
				"api.test/r":       {status: 302, actual: []string{"Location: /r2", "Location: " + second}},
				"api.test/r2":      {},
				"api.test/r2, /r2": {},
				"api.test/r2, /r3": {},
			})
			tr := &Transport{Base: base, Origin: quirkPage, Policy: tc.p}
			got := sendAll(t, tr, quirkCall{method: "GET", url: quirkAPI + "/r"})[0]
			want, next := tc.same, tc.next
			if second == "/r3" {
				want, next = tc.diff, strings.Replace(next, "/r2, /r2", "/r2, /r3", 1)
			}
			if got != want {
				t.Errorf("%s, Location /r2 and %s: %s, want %s", tc.name, second, got, want)
			}
			if reqs := base.lastReqs(); want == "ok OK" && reqs[len(reqs)-1].URL.Path != next {
				t.Errorf("%s, Location /r2 and %s: followed to %q, want %q", tc.name, second, reqs[len(reqs)-1].URL.Path, next)
			}
		}
	}
}

package main

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// engineNames are the browser engines whose verdicts are compared with the
// standard's, in the order they are printed.
var engineNames = []string{"chromium", "firefox", "webkit"}

var engineTitles = map[string]string{"spec": "the spec", "chromium": "Chromium", "firefox": "Firefox", "webkit": "WebKit"}

// deviationText says in a few words what each cors.Policy deviation does;
// a field missing here is named as it is.
var deviationText = map[string]string{
	"AuthorizationCoveredByWildcard": "Authorization under `*`",
	"JoinDuplicateRequestHeaders":    "repeated request headers joined before the safelist check",
	"UserAgentForbidden":             "the page's User-Agent dropped",
	"SignedMaxAge":                   "signed Access-Control-Max-Age",
	"UnparseableMaxAgeNoCache":       "unparseable Access-Control-Max-Age means no caching",
	"MaxAgeCap":                      "another Access-Control-Max-Age cap",

	"PreflightCacheReplace":                        "one preflight cache entry per URL, replaced whole",
	"PreflightCacheKeptOnActualFailure":            "the preflight cache kept after a failed response",
	"NoPreflightCache":                             "no preflight cache",
	"PreflightTakesCacheMode":                      "the preflight given the request's cache mode (no-store, reload skip the cache)",
	"NoCacheSkipsPreflightCache":                   "a no-cache request skips the preflight cache",
	"NoStorePreflightNotStored":                    "a no-store request's preflight not cached",
	"ConditionalRequestNoCache":                    "a conditional request sent as cache mode no-cache",
	"PreflightCacheByCredentials":                  "preflight cache entries kept apart by credentials",
	"PreflightCacheNoWildcard":                     "no `*` in the preflight cache",
	"PreflightCacheHEADNeedsMethod":                "HEAD looked up in the preflight cache",
	"CachedWildcardCoversAuthorization":            "a cached `*` covers Authorization",
	"PreflightCacheStoresRefusedGrant":             "a refused preflight's grant cached",
	"RedirectUserinfoFails":                        "no redirect to a URL with userinfo",
	"RedirectSchemeByMode":                         "a non-HTTP(S) redirect failed by mode",
	"CrossOriginRedirectDeleteAsGET":               "DELETE redirected to another origin as GET",
	"RedirectIdenticalLocationsFollowed":           "a redirect with its Location repeated once over followed",
	"RedirectLocationsJoined":                      "a redirect's repeated Location lines joined with \", \"",
	"OriginKeptAfterRedirect":                      "Origin kept after a redirect",
	"PreflightOriginUntainted":                     "the page's Origin on a preflight after a redirect",
	"PreflightForRemovedHeaders":                   "a preflight after a redirect removed the unsafe headers",
	"PreflightWithFirstHeaders":                    "a preflight for the first request's headers after a redirect",
	"PreflightAfterPreflight":                      "a preflight on every hop once preflighted",
	"AcceptNonASCIIUnsafe":                         "non-ASCII Accept unsafe",
	"ContentTypeCommaOrNonASCIIUnsafe":             "a comma or non-ASCII in Content-Type unsafe",
	"RangeUnitCaseInsensitive":                     "Range's unit in any case",
	"RangeBeyondInt64Unsafe":                       "a Range beyond int64 unsafe",
	"RangeInt64MaxSafelisted":                      "a Range at the int64 maximum safelisted",
	"RangeLastPositionUint64":                      "a Range's last position bounded by uint64",
	"RangeBeyondUint64Unsafe":                      "a Range beyond uint64 unsafe",
	"ClientHintHeadersSafelisted":                  "client-hint headers safelisted",
	"NoSafelistedValueTotal":                       "no 1024-byte total of safelisted values",
	"DuplicateRequestHeaderNames":                  "repeated names in Access-Control-Request-Headers",
	"PreflightCarriesUserAgent":                    "the page's User-Agent on the preflight",
	"JoinResponseHeaderValues":                     "repeated response headers joined as Firefox shows them",
	"ConflictingSingletonHeadersFail":              "no Location or Content-Disposition twice with different values",
	"SingletonHeadersCollapsed":                    "a repeated Location or Content-Disposition read as one",
	"HeaderValuesSentAsUTF8":                       "header bytes 0x80-0xFF sent as UTF-8",
	"DisallowedHeaderInBlinkOrder":                 "Chromium's choice of the disallowed header it names",
	"CacheModeHeadersDroppedOnCrossOriginRedirect": "the cache mode's Pragma/Cache-Control dropped after a cross-origin redirect",
	"RedirectRestoresRequestBodyHeaders":           "Content-Type sent again after a later redirect",
	"TaintedPreflightNotCached":                    "no caching of a preflight made with Origin: null",
	"FailedCORSRequestClearsCache":                 "any failed cross-origin request clears the preflight cache",
	"SameOriginPreflightSkipsAllowOrigin":          "no Allow-Origin check on a preflight back to the page's origin",
	"RedirectRestoresBodyHeadersOn307":             "Content-Type sent again after a later 307/308",
	"FailedPreflightClearsOnlyAfterLookup":         "a failed preflight sent without a cache lookup keeps the cache",
	"CredentialedWildcardNotCached":                "a credentialed preflight's `*` not cached",
	"AboutSchemeUnsupported":                       "no about: URLs",
	"OriginIgnoresReferrerPolicy":                  "Origin sent whatever the referrer policy",
}

// compareEngines judges the request of cfg, whose standard run rep holds,
// under each browser engine's policy. Each run replays rep's recorded
// responses (see replay) and sends to base only requests the recording does
// not hold yet, so each distinct request costs one round trip in all: an
// engine that sends what the standard sent costs none.
// Where an engine's verdict differs, it names the deviations that explain
// it, each found by running the standard with that one deviation turned on.
func compareEngines(ctx context.Context, cfg *config, rep *report, base http.RoundTripper) []engineVerdict {
	var out []engineVerdict
	recorded := newRecording(rep.Exchanges)
	for _, name := range engineNames {
		p := policies[name]()
		er, live := replayCheck(ctx, cfg, p, name, recorded, base)
		ev := engineVerdict{Policy: name, Verdict: er.Verdict, Reason: reasonOf(er), Live: live}
		if outcome(er) != outcome(rep) {
			ev.Deviations = explain(ctx, cfg, p, recorded, base, outcome(er))
		}
		out = append(out, ev)
	}
	return out
}

// replayCheck runs cfg's check under policy p over a replay of recorded,
// and says how many requests went to base.
func replayCheck(ctx context.Context, cfg *config, p cors.Policy, name string, recorded *recording, base http.RoundTripper) (*report, int) {
	c := *cfg
	c.Policy, c.PolicyName, c.Engines = p, name, false
	c.BodyGrace = 1 // a replayed body is empty; a live one is not needed
	rb := &replay{rec: recorded, live: base}
	return check(ctx, &c, rb, nil), rb.liveRequests()
}

// explain returns the fields of p that, each turned on alone over the
// standard, give the outcome want.
func explain(ctx context.Context, cfg *config, p cors.Policy, recorded *recording, base http.RoundTripper, want string) []string {
	var names []string
	pv := reflect.ValueOf(p)
	for i := 0; i < pv.NumField(); i++ {
		f := pv.Field(i)
		if !pv.Type().Field(i).IsExported() || f.IsZero() {
			continue
		}
		var one cors.Policy
		reflect.ValueOf(&one).Elem().Field(i).Set(f)
		if r, _ := replayCheck(ctx, cfg, one, "spec+"+pv.Type().Field(i).Name, recorded, base); outcome(r) == want {
			names = append(names, pv.Type().Field(i).Name)
		}
	}
	return names
}

func reasonOf(r *report) string {
	if r.Blocked != nil {
		return r.Blocked.Reason
	}
	return ""
}

// outcome is what a verdict means for the page: the verdict and, when
// blocked, the reason.
func outcome(r *report) string {
	if reason := reasonOf(r); reason != "" {
		return r.Verdict + " (" + reason + ")"
	}
	return r.Verdict
}

// engines prints one line comparing the engines' verdicts with the
// standard's, e.g. "blocked by the spec; allowed in Chromium, Firefox and
// WebKit (Authorization under `*`)".
func (t *textWriter) engines() {
	rep := t.rep
	if len(rep.Engines) == 0 {
		return
	}
	fmt.Fprintln(t.w)
	spec := outcome(rep)
	type group struct {
		outcome, verdict string
		names            []string
		why              []string
	}
	groups := []*group{{outcome: spec, verdict: rep.Verdict}}
	find := func(o string) *group {
		for _, g := range groups {
			if g.outcome == o {
				return g
			}
		}
		return nil
	}
	for _, e := range rep.Engines {
		o := e.Verdict
		if e.Reason != "" {
			o += " (" + e.Reason + ")"
		}
		g := find(o)
		if g == nil {
			g = &group{outcome: o, verdict: e.Verdict}
			groups = append(groups, g)
		}
		g.names = append(g.names, engineTitles[e.Policy])
		for _, d := range e.Deviations {
			if txt, ok := deviationText[d]; ok {
				d = txt
			}
			if !contains(g.why, d) {
				g.why = append(g.why, d)
			}
		}
	}
	if len(groups) == 1 {
		fmt.Fprintf(t.w, "Browsers: Chromium, Firefox and WebKit agree with the spec: %s\n", spec)
		t.engineDetails()
		return
	}
	// Say the reason only where two groups share a verdict.
	label := func(g *group) string {
		for _, h := range groups {
			if h != g && h.verdict == g.verdict {
				return g.outcome
			}
		}
		return g.verdict
	}
	var parts []string
	for i, g := range groups {
		var s string
		if i == 0 {
			s = label(g) + " by the spec"
			if len(g.names) > 0 {
				s += " and in " + joinAnd(g.names)
			}
		} else {
			s = label(g) + " in " + joinAnd(g.names)
			if len(g.why) > 0 {
				s += " (" + strings.Join(g.why, "; ") + ")"
			}
		}
		parts = append(parts, s)
	}
	fmt.Fprintf(t.w, "Browsers: %s\n", strings.Join(parts, "; "))
	t.engineDetails()
}

// engineDetails prints, for -v, how each engine's verdict was reached.
func (t *textWriter) engineDetails() {
	if !t.verbose {
		return
	}
	for _, e := range t.rep.Engines {
		how := "replayed from the recording, no request sent"
		if e.Live > 0 {
			how = fmt.Sprintf("%d request(s) sent that the standard's run did not make", e.Live)
		}
		fmt.Fprintf(t.w, "  %s: %s; %s\n", engineTitles[e.Policy], outcomeOf(e), how)
		if len(e.Deviations) > 0 {
			fmt.Fprintf(t.w, "    because of cors.Policy.%s\n", strings.Join(e.Deviations, ", cors.Policy."))
		}
	}
}

func outcomeOf(e engineVerdict) string {
	if e.Reason != "" {
		return e.Verdict + " (" + e.Reason + ")"
	}
	return e.Verdict
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// joinAnd joins names as "A", "A and B", "A, B and C".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

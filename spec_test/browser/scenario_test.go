package browser

import (
	"fmt"
	"slices"
	"strings"
)

// A Scenario is one or more fetch() calls from the page origin, and how the
// servers answer them. Its routes live under a path prefix of its own, so no
// two scenarios share a URL (and so no preflight-cache entry in Chromium).
type Scenario struct {
	Name   string // [a-z0-9-], unique
	Cite   string // spec anchor or WPT file the scenario comes from
	Routes map[string]Route
	Calls  []Call
}

// A Route answers requests to {S}/<name> on every origin.
type Route struct {
	Preflight Reply // the answer to OPTIONS
	Actual    Reply // the answer to every other method
}

// A Reply is a canned response. Header lines may repeat a name; values may
// use the templates {P}, {A}, {B} (origins) and {S} (the scenario's prefix),
// and {ACRM}, {ACRH}: the request's Access-Control-Request-Method and -Headers.
type Reply struct {
	Status int // 0 means 200
	Header []string
	Body   string
}

// A Call is one fetch(url, init) from the page. URL uses the templates.
type Call struct {
	URL         string
	Method      string   // as passed to fetch(); "" means GET
	Header      []string // "Name: value" lines, appended in order
	Body        string   // sent when non-empty
	Mode        string   // "" means cors
	Credentials string   // "" means same-origin
	Redirect    string   // "" means follow
	Cache       string   // "" means default
	SleepBefore int      // milliseconds to wait before the call (expiry scenarios)

	ReferrerPolicy string // fetch()'s referrerPolicy; "" means the default
}

// An Observation is what one call produced, normalized so that Chromium's and
// the Transport's can be compared directly.
type Observation struct {
	Seen            []string // every request that reached a server, in order
	Outcome         string   // "ok", "blocked" (CORS) or "error" (other network error / TypeError)
	Type            string   // response type when ok: basic, cors, opaque, opaqueredirect
	Status          int      // response status when ok
	Headers         []string // "name: value" the page can read, sorted
	Reason          string   // CorsError name when blocked
	FailedParameter string   // corsErrorStatus.failedParameter when blocked
	Console         string   // the console line when blocked
	Detail          string   // free text for the report (the JS or Go error); never compared
}

// diff lists the fields on which a (the browser engine) and b (the
// Transport) differ.
func (a Observation) diff(b Observation) []string {
	var d []string
	add := func(field string, x, y any) {
		d = append(d, fmt.Sprintf("%s: engine=%v transport=%v", field, x, y))
	}
	if !slices.Equal(a.Seen, b.Seen) {
		add("seen", quoteList(a.Seen), quoteList(b.Seen))
	}
	if a.Outcome != b.Outcome {
		add("outcome", a.Outcome, b.Outcome)
	}
	if a.Type != b.Type {
		add("type", a.Type, b.Type)
	}
	if a.Status != b.Status {
		add("status", a.Status, b.Status)
	}
	if !slices.Equal(a.Headers, b.Headers) {
		add("headers", quoteList(a.Headers), quoteList(b.Headers))
	}
	if a.Reason != b.Reason {
		add("reason", a.Reason, b.Reason)
	}
	if a.FailedParameter != b.FailedParameter {
		add("failedParameter", fmt.Sprintf("%q", a.FailedParameter), fmt.Sprintf("%q", b.FailedParameter))
	}
	return d
}

// fieldOf returns the field name a diff line is about.
func fieldOf(diffLine string) string {
	f, _, _ := strings.Cut(diffLine, ":")
	return f
}

func quoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, " ") + "]"
}

// env is where the servers listen.
type env struct {
	P, A, B string // origins, e.g. http://127.0.0.1:40001
}

// expand replaces the templates in s.
func (e *env) expand(s, prefix string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	return strings.NewReplacer("{P}", e.P, "{A}", e.A, "{B}", e.B, "{S}", prefix,
		"{P-UPPER}", strings.ToUpper(e.P), "{P-HOST}", host(e.P), "{A-HOST}", host(e.A)).Replace(s)
}

// host is an origin without its scheme.
func host(origin string) string { return strings.TrimPrefix(origin, "http://") }

// normalize turns concrete origins and a run's prefix back into templates.
func (e *env) normalize(s, prefix string) string {
	s = strings.ReplaceAll(s, prefix, "{S}")
	return strings.NewReplacer(e.P, "{P}", e.A, "{A}", e.B, "{B}", strings.ToUpper(e.P), "{P-UPPER}",
		host(e.P), "{P-HOST}", host(e.A), "{A-HOST}", host(e.B), "{B-HOST}").Replace(s)
}

// normalizeMethod is the fetch() Request constructor's method normalization:
// only the six methods of https://fetch.spec.whatwg.org/#concept-method-normalize
// are byte-uppercased.
func normalizeMethod(m string) string {
	if m == "" {
		return "GET"
	}
	switch u := strings.ToUpper(m); u {
	case "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT":
		return u
	}
	return m
}

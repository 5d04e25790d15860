package browser

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
)

// Sequence scenarios: the Transport-level knobs (preflight cache shape,
// cache modes, redirects, request-header safelisting across hops) show only
// when several calls share a URL or a request is redirected, which the
// single-call generator of random_test.go rarely does.
//
// randomSeqSeed and randomSeqCount fix what CI runs. For exploration, set
// CORSFETCH_RANDOM_SEQ=count,seed (e.g. CORSFETCH_RANDOM_SEQ=2000,7) to run
// count scenarios from another seed instead; a count of 0 runs none.
const (
	randomSeqSeed  = 0x5e9_c0_75
	randomSeqCount = 150
)

// randomSeqParams returns the count and seed of the sequence scenarios: the
// fixed ones, or CORSFETCH_RANDOM_SEQ's.
func randomSeqParams(t testing.TB) (int, uint64) {
	v := os.Getenv("CORSFETCH_RANDOM_SEQ")
	if v == "" {
		return randomSeqCount, randomSeqSeed
	}
	c, s, ok := strings.Cut(v, ",")
	n, err1 := strconv.Atoi(strings.TrimSpace(c))
	seed, err2 := strconv.ParseUint(strings.TrimSpace(s), 0, 64)
	if !ok || err1 != nil || err2 != nil || n < 0 {
		t.Fatalf("CORSFETCH_RANDOM_SEQ=%q: want count,seed (e.g. 2000,7)", v)
	}
	return n, seed
}

// noStore keeps every generated response out of the engines' HTTP caches:
// a 301 or 308 is cacheable by default, and cache mode force-cache would
// reuse any stored response, neither of which is CORS or what a Transport
// (which has no HTTP cache) models.
const noStore = "Cache-Control: no-store"

// randomSequenceScenarios returns n scenarios named rndseq-NNN, each 2 to 4
// fetch() calls on the URLs of one route set: a route r on A, sometimes a
// second route r2 on A, and, when r answers with a redirect, the route it
// redirects to (on A, B or the page origin P), which has preflight and
// actual answers of its own and may be called directly too. Calls mix
// methods, unsafe and safelisted request headers, credentials modes and
// cache modes, and often repeat an earlier call with one change, so that
// the preflight cache is looked up; preflight answers are fixed lists,
// wildcards, or a middleware's echo of what was asked ({ACRM}, {ACRH}).
func randomSequenceScenarios(n int, seed uint64) []*Scenario {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &seqGen{r: r}
	out := make([]*Scenario, 0, n)
	for i := range n {
		out = append(out, g.scenario(fmt.Sprintf("rndseq-%03d", i)))
	}
	return out
}

type seqGen struct {
	r       *rand.Rand
	entries []string // the current scenario's entry URLs
}

func (g *seqGen) pick(l ...string) string { return l[g.r.IntN(len(l))] }
func (g *seqGen) chance(n int) bool       { return g.r.IntN(n) == 0 }

func (g *seqGen) scenario(name string) *Scenario {
	sc := &Scenario{Name: name, Cite: "seeded sequence: " + fetchSpec + "#concept-cache, " + fetchSpec + "#http-redirect-fetch",
		Routes: map[string]Route{}}
	urls := []string{"{A}{S}/r"}
	sc.Routes["r"] = g.route("r", 0, &urls)
	if g.chance(3) {
		urls = append(urls, "{A}{S}/r2")
		sc.Routes["r2"] = g.route("r2", 0, &urls)
	}
	for _, u := range urls {
		rt := u[strings.LastIndex(u, "/")+1:]
		if _, ok := sc.Routes[rt]; !ok {
			// a redirect target: a route of its own, which may redirect
			// once more.
			sc.Routes[rt] = g.route(rt, 1, &urls)
		}
	}
	// fill targets added by second-level redirects
	for _, u := range urls {
		rt := u[strings.LastIndex(u, "/")+1:]
		if _, ok := sc.Routes[rt]; !ok {
			sc.Routes[rt] = g.route(rt, 2, &urls)
		}
	}
	entries := []string{"{A}{S}/r"}
	if _, ok := sc.Routes["r2"]; ok {
		entries = append(entries, "{A}{S}/r2")
	}
	g.entries = entries
	var calls []Call
	for range 2 + g.r.IntN(3) {
		var c Call
		switch {
		case len(calls) > 0 && g.chance(2):
			c = g.mutate(calls[g.r.IntN(len(calls))])
		default:
			u := entries[g.r.IntN(len(entries))]
			if len(urls) > len(entries) && g.chance(6) {
				u = urls[len(entries)+g.r.IntN(len(urls)-len(entries))] // a redirect target itself
			}
			c = g.call(u)
		}
		calls = append(calls, c)
	}
	sc.Calls = calls
	avoidAuthWildcard(sc)
	return sc
}

// route is the answers of a route; depth > 1 never redirects. A redirect
// appends its target's URL to urls.
func (g *seqGen) route(name string, depth int, urls *[]string) Route {
	rt := Route{Preflight: g.preflight()}
	if depth < 2 && g.r.IntN(5) < 2 {
		status := []int{301, 302, 303, 307, 308}[g.r.IntN(5)]
		target := fmt.Sprintf("t%d%s", depth, strings.TrimPrefix(name, "r"))
		loc := g.pick("{A}", "{A}", "{B}", "{B}", "{P}") + "{S}/" + target
		var hdr []string
		if v := g.pick("{P}", "{P}", "{P}", "*", ""); v != "" {
			hdr = append(hdr, "Access-Control-Allow-Origin: "+v)
		}
		if g.chance(2) {
			hdr = append(hdr, acacTrue)
		}
		hdr = append(hdr, "Location: "+loc, noStore)
		rt.Actual = Reply{Status: status, Header: hdr}
		*urls = append(*urls, loc)
		return rt
	}
	var hdr []string
	if v := g.pick("{P}", "{P}", "{P}", "*", "*", "null", ""); v != "" {
		hdr = append(hdr, "Access-Control-Allow-Origin: "+v)
	}
	if g.r.IntN(3) > 0 {
		hdr = append(hdr, acacTrue)
	}
	if v := g.pick("", "", "*", "x-secret"); v != "" {
		hdr = append(hdr, "Access-Control-Expose-Headers: "+v)
	}
	hdr = append(hdr, secretHdr, noStore)
	rt.Actual = Reply{Header: hdr}
	return rt
}

// preflight is a preflight answer: fixed grants, wildcards or the
// middleware echo, with or without a max-age.
func (g *seqGen) preflight() Reply {
	var hdr []string
	add := func(name, v string) {
		if v != "" {
			hdr = append(hdr, name+": "+v)
		}
	}
	add("Access-Control-Allow-Origin", g.pick("{P}", "{P}", "{P}", "{P}", "*", "*", "null", ""))
	add("Access-Control-Allow-Credentials", g.pick("", "true", "true"))
	add("Access-Control-Allow-Methods", g.pick("", "{ACRM}", "{ACRM}", "*", "PUT", "PUT, DELETE, PATCH", "POST, PUT"))
	add("Access-Control-Allow-Headers", g.pick("", "{ACRH}", "{ACRH}", "*", "x-a", "x-a, x-b", "content-type, x-a, authorization", "range, accept"))
	add("Access-Control-Max-Age", g.pick("", "", "0", "600", "600"))
	status := 200
	if g.chance(12) {
		status = g.pick2(204, 404)
	}
	return Reply{Status: status, Header: hdr}
}

func (g *seqGen) pick2(a, b int) int {
	if g.chance(2) {
		return a
	}
	return b
}

// call is a fresh call to u.
func (g *seqGen) call(u string) Call {
	c := Call{URL: u, Method: g.pick("GET", "GET", "HEAD", "POST", "POST", "PUT", "PUT", "DELETE", "PATCH")}
	for range g.r.IntN(3) {
		g.addHeader(&c)
	}
	g.setBody(&c)
	c.Credentials = g.pick("", "omit", "include", "include")
	c.Cache = g.cacheMode()
	return c
}

func (g *seqGen) cacheMode() string {
	if g.r.IntN(3) > 0 {
		return ""
	}
	return g.pick("default", "no-store", "reload", "no-cache", "force-cache")
}

// headerPool is what calls add; Range is added to GETs only.
var headerPool = []string{
	"X-A: 1", "X-A: 1", "X-B: 2", "Authorization: Bearer t",
	"Content-Type: text/plain", "Content-Type: text/plain;charset=utf-8", "Content-Type: application/json",
	"Content-Type: application/x-www-form-urlencoded", "Content-Type: multipart/form-data; boundary=zz",
	"Accept: application/json", "Accept: text/html(x)", "Accept-Language: en-US", "Content-Language: de/DE",
}

// addHeader appends one header line; a name already present is repeated
// only for X-A and Accept (duplicate names).
func (g *seqGen) addHeader(c *Call) {
	pool := headerPool
	if normalizeMethod(c.Method) == "GET" {
		pool = append(pool[:len(pool):len(pool)], "Range: bytes=0-1", "Range: bytes=5-", "Range: bytes=-1", "Range: bytes=0-1,3-4")
	}
	line := pool[g.r.IntN(len(pool))]
	name, _, _ := strings.Cut(line, ":")
	if hasHeader(c.Header, name) {
		if name != "X-A" && name != "Accept" {
			return
		}
		line = name + ": 2"
		if name == "Accept" {
			line = "Accept: text/plain"
		}
		if contains(c.Header, line) {
			return
		}
	}
	c.Header = append(c.Header, line)
}

// setBody gives methods that may carry one a replayable string body.
func (g *seqGen) setBody(c *Call) {
	if normalizeMethod(c.Method) != "GET" {
		var kept []string
		for _, l := range c.Header {
			if !strings.HasPrefix(l, "Range:") {
				kept = append(kept, l)
			}
		}
		c.Header = kept
	}
	switch normalizeMethod(c.Method) {
	case "GET", "HEAD":
		c.Body = ""
	case "DELETE":
		if g.chance(2) {
			c.Body = ""
		} else {
			c.Body = "x"
		}
	default:
		c.Body = "x"
	}
}

// mutate is c with one thing changed, or none (a plain repeat).
func (g *seqGen) mutate(c Call) Call {
	c.Header = append([]string(nil), c.Header...)
	switch g.r.IntN(7) {
	case 0: // repeat as is
	case 1:
		c.Method = g.pick("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")
		g.setBody(&c)
	case 2:
		g.addHeader(&c)
	case 3:
		if len(c.Header) > 0 {
			c.Header = c.Header[1:]
		} else {
			g.addHeader(&c)
		}
	case 4:
		c.Credentials = g.pick("", "omit", "include")
	case 5:
		c.Cache = g.cacheMode()
	case 6:
		c.URL = g.entries[g.r.IntN(len(g.entries))]
	}
	return c
}

// avoidAuthWildcard lists authorization next to "*" in the scenario's
// preflight answers when a call sends Authorization: Chromium and Firefox
// let "*" cover it (a known, allow-listed deviation matched by
// authorizationUnderWildcard, which a sequence would match even where no
// call shows it).
func avoidAuthWildcard(sc *Scenario) {
	auth := false
	for _, c := range sc.Calls {
		auth = auth || hasHeader(c.Header, "Authorization")
	}
	if !auth {
		return
	}
	for name, rt := range sc.Routes {
		for i, l := range rt.Preflight.Header {
			if l == "Access-Control-Allow-Headers: *" {
				rt.Preflight.Header = append([]string(nil), rt.Preflight.Header...)
				rt.Preflight.Header[i] = "Access-Control-Allow-Headers: *, authorization"
			}
		}
		sc.Routes[name] = rt
	}
}

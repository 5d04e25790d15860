package corstest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
	"github.com/corsfetch/corsfetch/fetch/safelist"
)

// Outcome is what fetch() in the page does with a request.
type Outcome uint8

// The outcomes. The zero value means "not set" in a Case.
const (
	// Allowed: fetch() resolves; the page gets a response (of type cors,
	// basic, opaque or opaqueredirect).
	Allowed Outcome = iota + 1
	// Blocked: fetch() rejects because of CORS (a *cors.Error: the red
	// "blocked by CORS policy" line of a browser's console).
	Blocked
	// Failed: fetch() rejects for another reason: a network error that is
	// not a CORS block (a redirect rule, a request fetch() refuses to send,
	// the handler's panic or a connection failure).
	Failed
)

var outcomeNames = [...]string{"", "allowed", "blocked", "failed"}

// String returns "allowed", "blocked" or "failed".
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return fmt.Sprintf("Outcome(%d)", o)
}

// Preflight says whether a CORS-preflight request was sent and whether its
// result was cached.
type Preflight uint8

// The preflight states. The zero value means "not set" in a Case.
const (
	// PreflightNone: no preflight was sent (a simple request, or one
	// refused before anything was sent).
	PreflightNone Preflight = iota + 1
	// PreflightSent: a preflight was sent and nothing of it stayed in the
	// preflight cache: the next identical request is preflighted again
	// (Access-Control-Max-Age: 0, a failed preflight, or a request that
	// ended in a network error, which clears the cache entries).
	PreflightSent
	// PreflightCached: a preflight was sent and its result is in the
	// preflight cache: an identical request within Access-Control-Max-Age
	// (5 s when absent) is not preflighted.
	PreflightCached
)

var preflightNames = [...]string{"", "none", "sent", "sent+cached"}

// String returns "none", "sent" or "sent+cached".
func (p Preflight) String() string {
	if int(p) < len(preflightNames) {
		return preflightNames[p]
	}
	return fmt.Sprintf("Preflight(%d)", p)
}

// Verdict is what a page learns from one fetch(), and why.
type Verdict struct {
	Outcome Outcome
	// Type, Status, Readable and Body are the response the page sees when
	// Allowed: Readable is its filtered header map (what
	// response.headers.get reads), Body at most MaxBody bytes of it.
	Type     fetch.ResponseType
	Status   int
	Readable http.Header
	Body     []byte
	// Reason, Offending, FailedParameter and Console explain a Blocked
	// verdict: Chromium's CorsError name, the value that failed (see
	// cors.Error.Offending), the part of it DevTools shows, and the line
	// Chromium's console prints.
	Reason          cors.Reason
	Offending       string
	FailedParameter string
	Console         string
	// Preflight says whether a CORS-preflight request was sent.
	Preflight Preflight
	// Err is the *cors.Error when Blocked and the error when Failed; when
	// Allowed it is nil unless reading the body failed (the verdict
	// stands, as the page's response.text() would reject).
	Err error
}

// MaxBody is how much of an allowed response's body Verdict.Body keeps.
const MaxBody = 1 << 20

// String is the verdict in one line: "allowed cors 200 (preflight sent)",
// "blocked PreflightMissingAllowOriginHeader (preflight sent)".
func (v Verdict) String() string {
	switch v.Outcome {
	case Allowed:
		return fmt.Sprintf("allowed %s %d (preflight %s)", v.Type, v.Status, v.Preflight)
	case Blocked:
		return fmt.Sprintf("blocked %s (preflight %s)", v.Reason, v.Preflight)
	}
	return fmt.Sprintf("failed: %v (preflight %s)", v.Err, v.Preflight)
}

// Fetch sends req from a page at pageOrigin through a fresh fetch.Transport
// (its own preflight cache, no cookie jar) whose requests h serves
// in-process, and returns what the page sees. The request's fetch.Options
// (mode, credentials, ...) come from its context, set with
// fetch.WithOptions. Fetch never panics: bad input is a Failed verdict.
func Fetch(h http.Handler, pageOrigin string, req *http.Request) Verdict {
	if h == nil {
		return Verdict{Outcome: Failed, Preflight: PreflightNone, Err: errors.New("corstest: nil handler")}
	}
	return fetchOver(&HandlerTransport{Handler: h}, pageOrigin, cors.Policy{}, nil, req, true)
}

// fetchOver is Fetch over any Base, under policy p, with cookies from jar
// (nil: none). It reads the body of an allowed response into Verdict.Body
// only when readBody is set; otherwise it closes it unread, since the
// verdict is known from the headers.
func fetchOver(base http.RoundTripper, pageOrigin string, p cors.Policy, jar http.CookieJar, req *http.Request, readBody bool) Verdict {
	v := Verdict{Preflight: PreflightNone}
	if req == nil {
		v.Outcome, v.Err = Failed, errors.New("corstest: nil request")
		return v
	}
	if pageOrigin == "" {
		v.Outcome, v.Err = Failed, errors.New("corstest: the page origin is empty")
		return v
	}
	cache := preflightcache.New(nil)
	tr := &fetch.Transport{Base: base, Origin: pageOrigin, Policy: p, Cache: cache, Jar: jar}

	var (
		mu        sync.Mutex
		preflight *http.Request
	)
	ctx := fetch.WithClientTrace(req.Context(), &fetch.ClientTrace{
		PreflightStart: func(r *http.Request) {
			mu.Lock()
			preflight = r
			mu.Unlock()
		},
	})
	resp, err := tr.RoundTrip(req.WithContext(ctx))
	mu.Lock()
	if preflight != nil {
		v.Preflight = PreflightSent
		if cached(req.Context(), cache, tr.Partition, preflight) {
			v.Preflight = PreflightCached
		}
	}
	mu.Unlock()

	if err == nil {
		v.Outcome, v.Type, v.Status, v.Readable = Allowed, fetch.TypeOf(resp), resp.StatusCode, resp.Header
		if readBody {
			v.Body, err = io.ReadAll(io.LimitReader(resp.Body, MaxBody))
		}
		resp.Body.Close()
		if err != nil {
			// The page's response.text() rejects: report it, but the
			// verdict stands.
			v.Err = fmt.Errorf("corstest: reading the body: %w", err)
		}
		return v
	}
	v.Err = err
	var ce *cors.Error
	if errors.As(err, &ce) {
		v.Outcome, v.Reason, v.Console = Blocked, ce.Reason, ce.ConsoleMessage()
		v.Offending, v.FailedParameter = ce.Offending, ce.FailedParameter()
		return v
	}
	v.Outcome = Failed
	return v
}

// cached reports whether the preflight pre left entries in cache that
// spare an identical request (its options in ctx) its preflight.
// See https://fetch.spec.whatwg.org/#http-fetch.
func cached(ctx context.Context, cache *preflightcache.Cache, partition string, pre *http.Request) bool {
	method := pre.Header.Get("Access-Control-Request-Method")
	var headers []string
	if h := pre.Header.Get("Access-Control-Request-Headers"); h != "" {
		headers = strings.Split(h, ",")
	}
	opts, _ := fetch.ContextOptions(ctx)
	checkMethod := opts.UseCORSPreflight || !safelist.IsCORSSafelistedMethod(method)
	key := preflightcache.Key{Partition: partition, Origin: pre.Header.Get("Origin"), URL: pre.URL.String()}
	return cache.Covers(key, opts.Credentials == fetch.CredentialsInclude, method, checkMethod, headers)
}

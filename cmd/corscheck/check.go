package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"sort"
	"strings"
	"sync"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
	"github.com/corsfetch/corsfetch/fetch/safelist"
)

// check runs cfg's request through a fetch.Transport over base, as a page
// would with fetch(), and reports what happened. cache may be shared between
// checks (nil: a fresh one for this check).
func check(ctx context.Context, cfg *config, base http.RoundTripper, cache *preflightcache.Cache) *report {
	return checkLive(ctx, cfg, base, cache, nil)
}

// checkLive is check, printing each step to tw as it happens when tw is not
// nil.
func checkLive(ctx context.Context, cfg *config, base http.RoundTripper, cache *preflightcache.Cache, tw *textWriter) *report {
	rep := &report{Exchanges: []exchange{}}
	rep.Request, rep.Preflight = analyse(cfg)
	var mu sync.Mutex // guards rep while the Transport runs
	rec := &recorder{base: base, grace: cfg.bodyGrace()}
	if tw != nil {
		tw.rep = rep
		rec.start = func(exs []exchange, i int) {
			mu.Lock()
			defer mu.Unlock()
			tw.exchangeStart(exs, i)
		}
		rec.done = func(exs []exchange, i int) {
			mu.Lock()
			defer mu.Unlock()
			tw.exchangeDone(exs, i)
		}
	}
	jar, err := cfg.jar()
	if err != nil {
		rep.Verdict, rep.Error = verdictRejected, err.Error()
		return rep
	}
	tr := &fetch.Transport{Base: rec, Origin: cfg.Origin, Cache: cache, Policy: cfg.Policy, Jar: jar}
	trace := &fetch.ClientTrace{
		PreflightStart: func(*http.Request) {
			mu.Lock()
			rep.Preflight.Sent = true
			mu.Unlock()
		},
		CacheHit: func(string) {
			mu.Lock()
			rep.Preflight.CacheHit = true
			mu.Unlock()
		},
	}
	opts := fetch.Options{Mode: cfg.Mode, Credentials: cfg.Credentials, Redirect: cfg.Redirect}
	if cfg.HasBody {
		// A string body's type, which fetch() adds after the header guard:
		// in no-cors mode it replaces a -H Content-Type the guard drops.
		opts.BodyType = fetch.BodyTypeText
	}
	ctx = fetch.WithOptions(ctx, opts)
	ctx = fetch.WithClientTrace(ctx, trace)
	if tw != nil && tw.verbose {
		ctx = httptrace.WithClientTrace(ctx, connTrace(&mu, tw))
	}
	var body io.Reader
	if cfg.HasBody {
		body = strings.NewReader(cfg.Body)
	}
	req, err := http.NewRequestWithContext(ctx, cfg.Method, cfg.URL.String(), body)
	if err != nil {
		rep.Verdict, rep.Error = verdictRejected, fmt.Sprintf("cannot build the request: %v", err)
		return rep
	}
	req.Header = cfg.Header.Clone()

	resp, err := tr.RoundTrip(req)
	exchanges, networkFailed := rec.take()
	mu.Lock()
	defer mu.Unlock()
	if exchanges != nil {
		rep.Exchanges = exchanges
	}
	for _, ex := range exchanges {
		if ex.Kind == "preflight" {
			rep.Preflight.Sent = true
		}
	}
	if err == nil {
		rep.Verdict = verdictAllowed
		h := resp.Header.Clone()
		if h == nil {
			h = http.Header{}
		}
		rep.Response = &responseInfo{Type: typeName(fetch.TypeOf(resp)), Status: resp.StatusCode, Headers: h}
		if rep.Response.Type == "opaque" || rep.Response.Type == "opaqueredirect" {
			resp.Body.Close()
		} else {
			rep.Response.Body = readBody(ctx, resp.Body, cfg.bodyGrace())
		}
		return rep
	}

	var (
		ce *cors.Error
		ne *fetch.NetworkError
	)
	switch {
	case errors.Is(err, fetch.ErrInvalidRequest):
		rep.Verdict = verdictRejected
		rep.Error = "fetch() rejects this request before sending anything: " + err.Error()
		// Nothing was sent: no preflight was needed or made.
		rep.Preflight = preflightInfo{Why: []string{"fetch() rejects the request before sending anything"}}
	case networkFailed || (errors.As(err, &ne) && ne.Kind == fetch.KindTransport):
		rep.Verdict = verdictError
		rep.Error = lastExchangeError(exchanges, err)
		if timedOut(exchanges, err) && cfg.Timeout > 0 {
			rep.Error = fmt.Sprintf("no answer within the %v limit (-timeout %v): %s", cfg.Timeout, cfg.Timeout, rep.Error)
			rep.Hint = "raise -timeout if the server is slow, or check that it answers at all (curl -v)"
		}
	case errors.As(err, &ce):
		rep.Verdict = verdictBlocked
		rep.Blocked = &blockInfo{
			Reason:          reasonName(ce.Reason),
			FailedParameter: ce.FailedParameter(),
			Offending:       ce.Offending,
			URL:             ce.URL,
			Message:         ce.Error(),
			ConsoleMessage:  ce.ConsoleMessage(),
			Hint:            hint(ce, cfg, rep),
		}
	default:
		// A network error for another reason than CORS (too many
		// redirects, a bad Location, redirect mode error...): fetch()
		// rejects with a TypeError, and the command reports a network
		// failure.
		rep.Verdict = verdictError
		rep.Error = err.Error()
		rep.Hint = "fetch() fails with a network error (TypeError: Failed to fetch), for the reason above"
		if errors.As(err, &ne) {
			if h := networkHint(ne.Kind, cfg); h != "" {
				rep.Hint = h
			}
		}
	}
	return rep
}

// timedOut reports whether the fetch failed because a time limit ran out.
func timedOut(exchanges []exchange, err error) bool {
	for _, ex := range exchanges {
		if ex.timeout {
			return true
		}
	}
	return isTimeout(err)
}

// networkHint says what lifts a network error that is not a CORS block, or
// "" when there is nothing more to say than the error itself.
func networkHint(k fetch.NetworkKind, cfg *config) string {
	switch k {
	case fetch.KindMode:
		if cfg.Mode == fetch.ModeNoCORS {
			return "mode no-cors needs -redirect follow"
		}
	case fetch.KindRedirectMode:
		return "the server redirected and -redirect error forbids it: request the final URL, or use -redirect follow or manual"
	case fetch.KindTooManyRedirects:
		return "the server redirected more than 20 times: end the redirect chain (a loop, or http↔https ping-pong?)"
	case fetch.KindBadLocation:
		return "send one Location header holding a valid URL on the redirect"
	case fetch.KindRedirectScheme:
		return "redirect to an http or https URL; fetch() follows no other scheme"
	}
	return ""
}

func lastExchangeError(exchanges []exchange, err error) string {
	for i := len(exchanges) - 1; i >= 0; i-- {
		if exchanges[i].Error != "" {
			return exchanges[i].Error
		}
	}
	return err.Error()
}

func typeName(t fetch.ResponseType) string {
	switch t {
	case fetch.ResponseBasic:
		return "basic"
	case fetch.ResponseCORS:
		return "cors"
	case fetch.ResponseOpaque:
		return "opaque"
	case fetch.ResponseOpaqueRedirect:
		return "opaqueredirect"
	}
	return fmt.Sprintf("type(%d)", t)
}

// analyse says, before anything is sent, what the browser does with cfg's
// request: which headers it drops and whether a preflight is needed and why.
// See https://fetch.spec.whatwg.org/#main-fetch.
func analyse(cfg *config) (requestInfo, preflightInfo) {
	ri := requestInfo{
		Method:      cfg.Method,
		URL:         cfg.URL.Redacted(),
		Origin:      cfg.Origin,
		Policy:      policyName(cfg),
		Mode:        modeName(cfg.Mode),
		Credentials: credentialsName(cfg.Credentials),
		Redirect:    cfg.Redirect.String(),
		Headers:     cfg.Header.Clone(),
		Notes:       cfg.Notes,
	}
	if cfg.HasBody {
		ri.BodyBytes = len(cfg.Body)
	}
	if o, err := cors.ParseOrigin(cfg.Origin); err != nil || !o.SameOriginURL(cfg.URL) {
		ri.CrossOrigin = true
	}

	policy := &cfg.Policy
	kept := http.Header{}
	for _, name := range sortedKeys(cfg.Header) {
		for _, v := range cfg.Header[name] {
			switch {
			case safelist.IsForbiddenRequestHeader(name, v):
				ri.Dropped = append(ri.Dropped, strings.ToLower(name)+" (a forbidden request header: a page cannot set it)")
			case policy.UserAgentForbidden && strings.EqualFold(name, "User-Agent"):
				ri.Dropped = append(ri.Dropped, "user-agent (forbidden under this policy, as in Chromium: a page cannot set it)")
			case cfg.Mode == fetch.ModeNoCORS && !safelist.IsNoCORSSafelistedRequestHeader(name, v):
				ri.Dropped = append(ri.Dropped, strings.ToLower(name)+" (not no-CORS-safelisted: dropped in no-cors mode)")
			default:
				kept.Add(name, v)
			}
		}
	}

	var pi preflightInfo
	switch {
	case cfg.Mode == fetch.ModeSameOrigin && ri.CrossOrigin:
		pi.Why = []string{"mode same-origin: a cross-origin URL is refused before anything is sent"}
		return ri, pi
	case !ri.CrossOrigin:
		pi.Why = []string{"same-origin request: CORS does not apply"}
		return ri, pi
	case cfg.Mode == fetch.ModeNoCORS:
		pi.Why = []string{"mode no-cors: never preflighted; the page gets an opaque response"}
		return ri, pi
	}
	method := safelist.NormalizeMethod(cfg.Method)
	pi.Needed = policy.NeedsPreflight(method, kept, false)
	if !safelist.IsCORSSafelistedMethod(method) {
		pi.UnsafeMethod = method
		pi.Why = append(pi.Why, fmt.Sprintf("method %s is not CORS-safelisted (only GET, HEAD and POST are)", method))
	}
	pi.UnsafeHeaders = policy.UnsafeRequestHeaderNames(kept)
	for _, name := range pi.UnsafeHeaders {
		pi.Why = append(pi.Why, whyUnsafe(name, kept, policy))
	}
	if !pi.Needed {
		pi.Why = []string{fmt.Sprintf("method %s and every header are CORS-safelisted: no preflight", method)}
	}
	return ri, pi
}

// whyUnsafe says why the request header name (lowercase) is CORS-unsafe.
// See https://fetch.spec.whatwg.org/#cors-safelisted-request-header.
func whyUnsafe(name string, h http.Header, p *cors.Policy) string {
	values := h.Values(name)
	allSafe := len(values) > 0
	for _, v := range values {
		if !safelist.IsCORSSafelistedRequestHeader(name, v) {
			allSafe = false
		}
	}
	switch {
	case allSafe && p.JoinDuplicateRequestHeaders && len(values) > 1 && !safelist.IsCORSSafelistedRequestHeader(name, strings.Join(values, ", ")):
		return fmt.Sprintf("header %s: its %d values, joined with \", \" as this policy does, are not CORS-safelisted", name, len(values))
	case allSafe:
		return fmt.Sprintf("header %s: the safelisted header values add up to more than 1024 bytes", name)
	case name == "content-type":
		return fmt.Sprintf("header content-type: %q is not a CORS-safelisted type (only application/x-www-form-urlencoded, multipart/form-data and text/plain are)", strings.Join(values, ", "))
	case name == "accept" || name == "accept-language" || name == "content-language" || name == "range":
		return fmt.Sprintf("header %s: the value %q is not CORS-safelisted", name, strings.Join(values, ", "))
	}
	return fmt.Sprintf("header %s is not CORS-safelisted", name)
}

// policyName is cfg's -policy value; "spec" when none was given.
func policyName(cfg *config) string {
	if cfg.PolicyName == "" {
		return "spec"
	}
	return cfg.PolicyName
}

func sortedKeys(h http.Header) []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

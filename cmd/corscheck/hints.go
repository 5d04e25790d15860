package main

import (
	"fmt"
	"strings"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// reasonName is Chromium's CorsError name for r, without the k, as
// DevTools shows it.
func reasonName(r cors.Reason) string { return r.String() }

// hint is one line saying what server change (or, for a request the page
// should not make, what request change) lifts the block.
func hint(e *cors.Error, cfg *config, rep *report) string {
	origin := e.Origin
	if origin == "" {
		origin = cfg.Origin
	}
	credentialed := cfg.Credentials == fetch.CredentialsInclude
	acao := "Access-Control-Allow-Origin: " + origin
	if !credentialed && origin != "null" {
		acao += " (or *)"
	}
	pre := lastPreflight(rep.Exchanges)
	switch e.Reason {
	case cors.DisallowedByMode:
		return "mode same-origin never reaches another origin; make the request with -mode cors"
	case cors.InvalidResponse:
		return "make the server answer the OPTIONS preflight at all (it failed at the network level)"
	case cors.CORSDisabledScheme:
		return "request an http or https URL; CORS is only defined for those schemes"
	case cors.WildcardOriginNotAllowed:
		return "with credentials, send Access-Control-Allow-Origin: " + origin + " (the request's Origin, with Vary: Origin) instead of *"
	case cors.PreflightWildcardOriginNotAllowed:
		return "with credentials, answer the preflight with Access-Control-Allow-Origin: " + origin + " (the request's Origin, with Vary: Origin) instead of *"
	case cors.MissingAllowOriginHeader:
		return "send " + acao + " on the response"
	case cors.PreflightMissingAllowOriginHeader:
		return "answer the OPTIONS preflight with " + acao + " (and the Allow-Methods/Allow-Headers it needs)"
	case cors.MultipleAllowOriginValues, cors.PreflightMultipleAllowOriginValues:
		return "send exactly one origin: " + acao + "; reflect the request's Origin when it is on your list, never the whole list"
	case cors.InvalidAllowOriginValue, cors.PreflightInvalidAllowOriginValue:
		return fmt.Sprintf("send %s; %q is not an origin", acao, e.Offending)
	case cors.AllowOriginMismatch, cors.PreflightAllowOriginMismatch:
		return fmt.Sprintf("send %s; the match is exact (scheme, host and port, no trailing slash), and %q is not it", acao, e.Offending)
	case cors.InvalidAllowCredentials:
		return "send Access-Control-Allow-Credentials: true (exactly that) on the response, or do not use credentials"
	case cors.PreflightInvalidAllowCredentials:
		return "answer the preflight with Access-Control-Allow-Credentials: true (exactly that), or do not use credentials"
	case cors.PreflightInvalidStatus:
		return "answer the OPTIONS preflight with a 2xx status (204 is usual), before any authentication or routing that rejects it"
	case cors.PreflightDisallowedRedirect:
		instead := "redirecting it"
		if pre != nil && pre.ResponseHeaders.Get("Location") != "" {
			instead += " to " + pre.ResponseHeaders.Get("Location")
		}
		return "answer OPTIONS at " + cfg.URL.String() + " itself with a 2xx instead of " + instead + "; a preflight is never redirected (or have the page request the final URL)"
	case cors.InvalidAllowMethodsPreflightResponse:
		return fmt.Sprintf("send Access-Control-Allow-Methods as a comma-separated list of method names; %q does not parse", e.Offending)
	case cors.InvalidAllowHeadersPreflightResponse:
		return fmt.Sprintf("send Access-Control-Allow-Headers as a comma-separated list of header names; %q does not parse", e.Offending)
	case cors.MethodDisallowedByPreflightResponse:
		m := e.Offending
		if m == "" {
			m = rep.Preflight.UnsafeMethod
		}
		h := "answer the preflight with Access-Control-Allow-Methods: " + m + " (method names are case-sensitive)"
		if credentialed && preflightListsStar(pre, "Access-Control-Allow-Methods") {
			h += "; with credentials * is not a wildcard"
		}
		return h
	case cors.HeaderDisallowedByPreflightResponse:
		names := rep.Preflight.UnsafeHeaders
		if len(names) == 0 {
			names = []string{strings.ToLower(e.Offending)}
		}
		h := "answer the preflight with Access-Control-Allow-Headers: " + strings.Join(names, ", ")
		switch {
		case credentialed && preflightListsStar(pre, "Access-Control-Allow-Headers"):
			h += "; with credentials * is not a wildcard"
		case strings.EqualFold(e.Offending, "authorization") && preflightListsStar(pre, "Access-Control-Allow-Headers"):
			h += "; under the standard * never covers Authorization (Chromium, Firefox and WebKit still let it, with a deprecation warning in Chromium and Firefox: -policy chromium judges as Chromium does)"
		}
		return h
	case cors.RedirectContainsCredentials:
		return fmt.Sprintf("redirect to a URL without user:password@ (the Location was %q)", e.Offending)
	}
	return "see the console message"
}

func lastPreflight(exchanges []exchange) *exchange {
	for i := len(exchanges) - 1; i >= 0; i-- {
		if exchanges[i].Kind == "preflight" {
			return &exchanges[i]
		}
	}
	return nil
}

// preflightListsStar reports whether the preflight response's header name
// lists "*" among its elements.
func preflightListsStar(pre *exchange, name string) bool {
	if pre == nil {
		return false
	}
	for _, v := range pre.ResponseHeaders.Values(name) {
		for _, el := range strings.Split(v, ",") {
			if strings.TrimSpace(el) == "*" {
				return true
			}
		}
	}
	return false
}

package fetch

import (
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/internal/headerparse"
)

// ReferrerPolicy is a referrer policy token. The empty value means the
// default, strict-origin-when-cross-origin.
// See https://w3c.github.io/webappsec-referrer-policy/#referrer-policies.
type ReferrerPolicy string

// The referrer policies.
const (
	ReferrerPolicyNoReferrer                  ReferrerPolicy = "no-referrer"
	ReferrerPolicyNoReferrerWhenDowngrade     ReferrerPolicy = "no-referrer-when-downgrade"
	ReferrerPolicySameOrigin                  ReferrerPolicy = "same-origin"
	ReferrerPolicyOrigin                      ReferrerPolicy = "origin"
	ReferrerPolicyStrictOrigin                ReferrerPolicy = "strict-origin"
	ReferrerPolicyOriginWhenCrossOrigin       ReferrerPolicy = "origin-when-cross-origin"
	ReferrerPolicyStrictOriginWhenCrossOrigin ReferrerPolicy = "strict-origin-when-cross-origin"
	ReferrerPolicyUnsafeURL                   ReferrerPolicy = "unsafe-url"
)

// valid reports whether p is one of the tokens or empty.
func (p ReferrerPolicy) valid() bool {
	switch p {
	case "", ReferrerPolicyNoReferrer, ReferrerPolicyNoReferrerWhenDowngrade,
		ReferrerPolicySameOrigin, ReferrerPolicyOrigin, ReferrerPolicyStrictOrigin,
		ReferrerPolicyOriginWhenCrossOrigin, ReferrerPolicyStrictOriginWhenCrossOrigin,
		ReferrerPolicyUnsafeURL:
		return true
	}
	return false
}

// maxReferrerLength is the length beyond which a referrer is reduced to its
// origin. See https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer.
const maxReferrerLength = 4096

// determineReferrer returns the referrer to send for a request whose
// referrer is ref (non-nil) and whose current URL is cur, under policy p
// (already defaulted); nil means no referrer.
// See https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer.
func determineReferrer(ref *url.URL, p ReferrerPolicy, cur *url.URL) *url.URL {
	refURL := stripForReferrer(ref, false)
	if refURL == nil {
		return nil
	}
	refOrigin := stripForReferrer(ref, true)
	if len(refURL.String()) > maxReferrerLength {
		refURL = refOrigin
	}
	switch p {
	case ReferrerPolicyNoReferrer:
		return nil
	case ReferrerPolicyOrigin:
		return refOrigin
	case ReferrerPolicyUnsafeURL:
		return refURL
	case ReferrerPolicyStrictOrigin:
		if isTrustworthyURL(refURL) && !isTrustworthyURL(cur) {
			return nil
		}
		return refOrigin
	case ReferrerPolicySameOrigin:
		if sameOriginURLs(refURL, cur) {
			return refURL
		}
		return nil
	case ReferrerPolicyOriginWhenCrossOrigin:
		if sameOriginURLs(refURL, cur) {
			return refURL
		}
		return refOrigin
	case ReferrerPolicyNoReferrerWhenDowngrade:
		if isTrustworthyURL(refURL) && !isTrustworthyURL(cur) {
			return nil
		}
		return refURL
	default: // strict-origin-when-cross-origin
		if sameOriginURLs(refURL, cur) {
			return refURL
		}
		if isTrustworthyURL(refURL) && !isTrustworthyURL(cur) {
			return nil
		}
		return refOrigin
	}
}

// stripForReferrer returns u without credentials and fragment (and, when
// originOnly, without path and query), or nil when u's scheme is local.
// See https://w3c.github.io/webappsec-referrer-policy/#strip-url.
func stripForReferrer(u *url.URL, originOnly bool) *url.URL {
	switch strings.ToLower(u.Scheme) {
	case "about", "blob", "data":
		return nil
	}
	s := *u
	s.User = nil
	s.Fragment, s.RawFragment = "", ""
	if originOnly {
		// Browsers serialize an origin-only referrer with a "/" path.
		s.Path, s.RawPath, s.RawQuery, s.ForceQuery, s.Opaque = "/", "", "", false, ""
	}
	return &s
}

// isTrustworthyURL reports whether u is a potentially trustworthy URL.
// See https://w3c.github.io/webappsec-secure-contexts/#is-url-trustworthy.
func isTrustworthyURL(u *url.URL) bool {
	switch strings.ToLower(u.Scheme) {
	case "https", "wss", "file":
		return true
	case "data":
		return true
	case "about":
		return u.Opaque == "blank" || u.Opaque == "srcdoc"
	}
	host := strings.ToLower(u.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
	}
	return false
}

// sameOriginURLs reports whether a and b have the same (tuple) origin.
func sameOriginURLs(a, b *url.URL) bool {
	return cors.OriginFromURL(a).SameOriginURL(b)
}

// referrerPolicyFromResponse parses a Referrer-Policy header: the last
// recognized non-empty token wins; "" when there is none.
// See https://w3c.github.io/webappsec-referrer-policy/#parse-referrer-policy-from-header.
func referrerPolicyFromResponse(h http.Header) ReferrerPolicy {
	var p ReferrerPolicy
	it := headerparse.NewListIter(h["Referrer-Policy"])
	for {
		tok, ok := it.Next()
		if !ok {
			return p
		}
		if rp := ReferrerPolicy(tok); rp != "" && rp.valid() {
			p = rp
		}
	}
}

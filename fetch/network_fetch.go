package fetch

import (
	"net/http"
	"strings"
)

// networkFetch sends the request for the current URL through Base: the
// HTTP-network-or-cache fetch's per-hop work on a copy of the request
// (Referer, Origin, cookies when credentials are included) and the storing
// of Set-Cookie. It never modifies the caller's request.
// See https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch.
func (f *fetchState) networkFetch() (*http.Response, error) {
	cur := f.current()
	includeCredentials := f.cred == CredentialsInclude ||
		f.cred == CredentialsSameOrigin && f.tainting == taintBasic

	// The response type travels in the request's context so that TypeOf can
	// read it from resp.Request; see response.go. The first hop uses
	// storage in f, which nothing changes afterwards.
	first := len(f.urls) == 1
	var ctx *typedContext
	if first {
		ctx = &f.firstCtx
	} else {
		ctx = new(typedContext)
	}
	*ctx = typedContext{f.ctx, f.responseType(), f.urls[:len(f.urls):len(f.urls)]}
	out := f.orig.WithContext(ctx)
	out.Method = f.method
	out.URL = cur
	out.RequestURI = ""
	out.Response = nil
	out.Host = ""
	if f.t.KeepForbiddenHeaders && first {
		out.Host = f.orig.Host
	}

	h := make(http.Header, len(f.header)+len(f.kept)+3)
	for k, v := range f.header {
		h[k] = v
	}
	f.headerValuesAsUTF8(h)
	for k, v := range f.kept {
		h[k] = v
	}
	delete(h, "Referer")
	if f.referrer != nil {
		h["Referer"] = []string{f.referrer.String()}
	}
	if o, ok := f.originHeader(); ok {
		f.originSent = true
		if first {
			f.firstOrigin[0] = o
			h["Origin"] = f.firstOrigin[:1:1]
		} else {
			h["Origin"] = []string{o}
		}
	} else {
		delete(h, "Origin")
	}
	jar := f.t.Jar
	if includeCredentials && jar != nil {
		if cs := jar.Cookies(cur); len(cs) > 0 {
			var b strings.Builder
			for _, v := range h["Cookie"] {
				b.WriteString(v)
				b.WriteString("; ")
			}
			for i, c := range cs {
				if i > 0 {
					b.WriteString("; ")
				}
				b.WriteString((&http.Cookie{Name: c.Name, Value: c.Value, Quoted: c.Quoted}).String())
			}
			h["Cookie"] = []string{b.String()}
		}
	}
	decode := f.setAcceptEncoding(h)
	f.t.setUserAgent(h)
	if !f.cacheHeadersDropped {
		f.setCacheModeHeaders(h)
	}
	out.Header = h

	switch {
	case !f.hasBody:
		out.Body, out.GetBody, out.ContentLength, out.TransferEncoding = nil, nil, 0, nil
	case !f.bodySent:
		f.bodySent = true // Base closes it, whatever happens
	default:
		body, err := f.getBody()
		if err != nil {
			return nil, f.networkError(KindBodyNotReplayable, err)
		}
		out.Body = body
	}

	resp, err := f.t.base().RoundTrip(out)
	if err != nil {
		return nil, f.networkError(KindTransport, err)
	}
	if err := f.singletonResponseHeaders(resp.Header); err != nil {
		discard(resp)
		return nil, f.networkError(KindTransport, err)
	}
	resp.Request = f.pageRequest(out)
	if decode {
		decodeContent(resp)
	}
	if includeCredentials && jar != nil && len(resp.Header["Set-Cookie"]) > 0 {
		if cs := resp.Cookies(); len(cs) > 0 {
			jar.SetCookies(cur, cs)
		}
	}
	return resp, nil
}

// originHeader returns the Origin header value for the current hop, and
// whether to send one.
// See https://fetch.spec.whatwg.org/#append-a-request-origin-header.
func (f *fetchState) originHeader() (string, bool) {
	ser := f.requestOrigin()
	if f.tainting == taintCORS {
		return ser, true
	}
	if (f.method == http.MethodGet || f.method == http.MethodHead) && !f.keepsOrigin() {
		return "", false
	}
	if f.mode != ModeCORS && !f.t.Policy.OriginIgnoresReferrerPolicy {
		switch f.policy {
		case ReferrerPolicyNoReferrer:
			ser = "null"
		case ReferrerPolicyNoReferrerWhenDowngrade, ReferrerPolicyStrictOrigin,
			ReferrerPolicyStrictOriginWhenCrossOrigin:
			if !f.origin.IsOpaque() && f.origin.Scheme() == "https" && !strings.EqualFold(f.current().Scheme, "https") {
				ser = "null"
			}
		case ReferrerPolicySameOrigin:
			if !f.origin.SameOriginURL(f.current()) {
				ser = "null"
			}
		}
	}
	return ser, true
}

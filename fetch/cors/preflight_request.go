package cors

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/corsfetch/corsfetch/internal/headerparse"
)

// NewPreflightRequest builds the CORS-preflight request for r under the zero
// Policy. See (*Policy).NewPreflightRequest.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func NewPreflightRequest(ctx context.Context, r *Request) (*http.Request, error) {
	return zeroPolicy.NewPreflightRequest(ctx, r)
}

// NewPreflightRequest builds the CORS-preflight request for r: OPTIONS to
// r.URL (a copy without userinfo), no body, with exactly the headers
// Accept: */*, Access-Control-Request-Method (r.Method as is),
// Access-Control-Request-Headers (r's CORS-unsafe request-header names under
// p, lowercase, sorted, joined with "," and no space; omitted when there are
// none) and Origin: r.Origin. It carries no credentials: the caller's
// transport must add no cookies or Authorization. The Transport adds Referer
// and whatever else belongs to each hop.
//
// It returns an error, never an *Error, when r is unusable: nil, no URL, a
// method that is not a token, an empty or invalid origin, or a header name
// that is not a token.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func (p *Policy) NewPreflightRequest(ctx context.Context, r *Request) (*http.Request, error) {
	if ctx == nil {
		return nil, errors.New("cors: NewPreflightRequest: nil context")
	}
	if r == nil || r.URL == nil {
		return nil, errors.New("cors: NewPreflightRequest: the request or its URL is nil")
	}
	if !headerparse.IsToken(r.Method) {
		return nil, errors.New("cors: NewPreflightRequest: the method " + quote(r.Method) + " is not a token")
	}
	if r.Origin == "" || !headerparse.IsHeaderValue(r.Origin) {
		return nil, errors.New("cors: NewPreflightRequest: the origin " + quote(r.Origin) + " is not a serialized origin")
	}
	names := p.UnsafeRequestHeaderNames(r.Header)
	for _, n := range names {
		if !headerparse.IsHeaderName(n) {
			return nil, errors.New("cors: NewPreflightRequest: the request header name " + quote(n) + " is not a token")
		}
	}
	u := *r.URL
	u.User = nil
	h := http.Header{
		"Accept":         {"*/*"},
		hdrRequestMethod: {r.Method},
		"Origin":         {r.Origin},
	}
	if len(names) > 0 {
		h[hdrRequestHeaders] = []string{strings.Join(names, ",")}
	}
	req := &http.Request{
		Method:     http.MethodOptions,
		URL:        &u,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     h,
		Body:       http.NoBody,
		Host:       u.Host,
	}
	return req.WithContext(ctx), nil
}

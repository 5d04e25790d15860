package fetch

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// ResponseType is the type of a filtered response, what a page reads as
// Response.type. See https://fetch.spec.whatwg.org/#concept-response-type.
type ResponseType uint8

// The response types a Transport returns. The zero value means a response
// that did not come from a Transport.
const (
	ResponseBasic          ResponseType = iota + 1 // "basic": same-origin; all headers but Set-Cookie
	ResponseCORS                                   // "cors": CORS-safelisted and exposed headers only
	ResponseOpaque                                 // "opaque": no-cors cross-origin; status 0, no headers, empty body
	ResponseOpaqueRedirect                         // "opaqueredirect": a redirect in manual mode; status 0, no headers, empty body
)

var responseTypeNames = [...]string{"", "basic", "cors", "opaque", "opaqueredirect"}

// String returns the spec's name of r ("basic", "cors", ...), or "" for the
// zero value.
func (r ResponseType) String() string {
	if int(r) < len(responseTypeNames) {
		return responseTypeNames[r]
	}
	return "ResponseType(" + strconv.Itoa(int(r)) + ")"
}

type respTypeKey struct{}

// typedContext is the context of a request the Transport sends: its
// parent's, plus the type that the response to it gets, for TypeOf, and
// the response's URL list, for URLListOf (response_url.go).
type typedContext struct {
	context.Context
	typ  ResponseType
	urls []*url.URL // nil for an opaque response
}

// Value returns the response type for respTypeKey, else the parent's value.
func (c *typedContext) Value(key any) any {
	if key == (respTypeKey{}) {
		return c.typ
	}
	if key == (urlListKey{}) {
		return c.urls
	}
	return c.Context.Value(key)
}

// TypeOf returns the type of a response returned by a Transport, or 0 when
// resp did not come from one. The type is recorded in the context of
// resp.Request (a request the Transport made), so it survives http.Client
// and needs no global state; it is lost if resp.Request is replaced.
func TypeOf(resp *http.Response) ResponseType {
	if resp == nil || resp.Request == nil {
		return 0
	}
	t, _ := resp.Request.Context().Value(respTypeKey{}).(ResponseType)
	return t
}

// responseType is the type the current tainting gives a response.
func (f *fetchState) responseType() ResponseType {
	switch f.tainting {
	case taintCORS:
		return ResponseCORS
	case taintOpaque:
		return ResponseOpaque
	}
	return ResponseBasic
}

// filter turns the response of the last hop into the filtered response the
// tainting calls for. See https://fetch.spec.whatwg.org/#main-fetch.
func (f *fetchState) filter(resp *http.Response) *http.Response {
	switch f.tainting {
	case taintOpaque:
		// See https://fetch.spec.whatwg.org/#concept-filtered-response-opaque.
		return opaqueResponse(resp, f.orig.WithContext(&typedContext{Context: f.ctx, typ: ResponseOpaque}))
	case taintCORS:
		// See https://fetch.spec.whatwg.org/#concept-filtered-response-cors.
		// ExposedHeaderNames reads the canonical key only; most responses
		// have none.
		var exposed []string
		if resp.Header["Access-Control-Expose-Headers"] != nil {
			exposed = cors.ExposedHeaderNames(resp.Header, f.credentialsInclude())
		}
		cors.FilterCORSInPlace(resp.Header, exposed)
	default:
		// The map is resp's own, so it is filtered in place.
		// See https://fetch.spec.whatwg.org/#concept-filtered-response-basic.
		cors.FilterBasicInPlace(resp.Header)
	}
	f.joinResponseHeaders(resp.Header)
	return f.detach(resp)
}

// opaqueRedirect returns the opaque-redirect filtered response for a
// redirect in manual mode.
// See https://fetch.spec.whatwg.org/#concept-filtered-response-opaque-redirect.
func (f *fetchState) opaqueRedirect(resp *http.Response) *http.Response {
	// Unlike the opaque filter, it keeps the URL list.
	req := resp.Request.WithContext(&typedContext{Context: f.ctx, typ: ResponseOpaqueRedirect, urls: f.urls[:len(f.urls):len(f.urls)]})
	return opaqueResponse(resp, req)
}

// opaqueResponse discards resp and returns a response with status 0, no
// status text, no headers and an empty body.
func opaqueResponse(resp *http.Response, req *http.Request) *http.Response {
	discard(resp)
	return &http.Response{
		Proto:      resp.Proto,
		ProtoMajor: resp.ProtoMajor,
		ProtoMinor: resp.ProtoMinor,
		Header:     http.Header{},
		Body:       http.NoBody,
		Request:    req,
	}
}

package cors

import "net/http"

// The response-level filters return a new *http.Response that shares
// nothing mutable with resp except the body where noted. They never close
// resp.Body; when the filtered response has no body, the caller must drain
// and close resp.Body itself.

// BasicFilteredResponse returns resp as a basic filtered response: the same
// status and body, headers without Set-Cookie and Set-Cookie2, and no
// trailers (net/http fills resp's trailer map at EOF, Set-Cookie included;
// fetch() exposes none).
// See https://fetch.spec.whatwg.org/#concept-filtered-response-basic.
func BasicFilteredResponse(resp *http.Response) *http.Response {
	out := *resp
	out.Header = FilterBasic(resp.Header)
	out.Trailer = nil
	return &out
}

// CORSFilteredResponse returns resp as a CORS filtered response: the same
// status and body, headers reduced to the CORS-safelisted response-header
// names given ExposedHeaderNames(resp.Header, credentials), and no trailers
// (they are not exposed).
// See https://fetch.spec.whatwg.org/#concept-filtered-response-cors.
func CORSFilteredResponse(resp *http.Response, credentials bool) *http.Response {
	out := *resp
	out.Header = FilterCORS(resp.Header, ExposedHeaderNames(resp.Header, credentials))
	out.Trailer = nil
	return &out
}

// OpaqueFilteredResponse returns the opaque filtered response for resp:
// status 0, empty status text, no headers, no trailers, an empty body,
// unknown length hidden as 0. Only Request and protocol fields are kept.
// See https://fetch.spec.whatwg.org/#concept-filtered-response-opaque.
func OpaqueFilteredResponse(resp *http.Response) *http.Response {
	return emptyResponse(resp)
}

// OpaqueRedirectFilteredResponse returns the opaque-redirect filtered
// response for the redirect resp: like OpaqueFilteredResponse (status 0, no
// headers, no body); the Transport records its distinct type.
// See https://fetch.spec.whatwg.org/#concept-filtered-response-opaque-redirect.
func OpaqueRedirectFilteredResponse(resp *http.Response) *http.Response {
	return emptyResponse(resp)
}

func emptyResponse(resp *http.Response) *http.Response {
	return &http.Response{
		Proto:      resp.Proto,
		ProtoMajor: resp.ProtoMajor,
		ProtoMinor: resp.ProtoMinor,
		Header:     http.Header{},
		Body:       http.NoBody,
		Request:    resp.Request,
	}
}

package fetch

import "net/http"

// detach returns the response the caller gets in place of resp, the one
// Base returned: a copy held in f, with the same body and no trailers.
//
// Trailers arrive after the body, and net/http writes them into the
// Trailer field of the *http.Response it returned (over HTTP/1.1 and
// HTTP/2) when its body reaches EOF. Clearing that field is not enough:
// the caller must hold a response the network layer has no pointer to. A
// page's fetch() exposes no trailers, so no response type carries any.
// See https://fetch.spec.whatwg.org/#concept-filtered-response.
func (f *fetchState) detach(resp *http.Response) *http.Response {
	f.resp = *resp
	f.resp.Trailer = nil
	return &f.resp
}

package corstest

import (
	"net/http"

	"github.com/corsfetch/corsfetch/fetch"
)

// NewTransport returns a browser-like fetch.Transport for a page at
// pageOrigin (e.g. "https://app.example") whose requests, whatever their
// URL, are served in-process by h. It has no cookie jar and a private
// preflight cache; set its fields to change that.
func NewTransport(h http.Handler, pageOrigin string) *fetch.Transport {
	return &fetch.Transport{
		Base:   &HandlerTransport{Handler: h},
		Origin: pageOrigin,
	}
}

// NewClient returns an http.Client over NewTransport(h, pageOrigin). The
// Transport follows redirects itself, as a browser does, so the Client never
// sees a redirect.
func NewClient(h http.Handler, pageOrigin string) *http.Client {
	return &http.Client{Transport: NewTransport(h, pageOrigin)}
}

package cors

import (
	"net/http"
	"net/url"
)

// Request is what the CORS algorithms read of a request.
type Request struct {
	Method           string
	URL              *url.URL    // the request's current URL
	Header           http.Header // the author request headers, forbidden ones removed
	Origin           string      // the byte-serialized request origin ("null" when tainted)
	Credentials      bool        // the credentials mode is "include"
	UseCORSPreflight bool
}

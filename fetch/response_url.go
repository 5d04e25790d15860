package fetch

import (
	"net/http"
	"net/url"
	"strings"
)

type urlListKey struct{}

// URLListOf returns a copy of the URL list of a response returned by a
// Transport: the request's URL followed by every redirect target, fragments
// included. It is nil for an opaque response, whose URL list the spec
// empties (an opaque-redirect response keeps its list), and for a response
// that did not come from a Transport. See https://fetch.spec.whatwg.org/#concept-response-url-list.
func URLListOf(resp *http.Response) []*url.URL {
	urls := urlList(resp)
	if len(urls) == 0 {
		return nil
	}
	out := make([]*url.URL, len(urls))
	for i, u := range urls {
		c := *u
		if u.User != nil {
			uc := *u.User
			c.User = &uc
		}
		out[i] = &c
	}
	return out
}

// URLOf returns what a page reads as response.url: the last URL of the
// response's URL list, serialized without its fragment, or "" when the
// list is empty (opaque responses). For an opaque-redirect response it is
// the URL that redirected, as in Chromium.
// See https://fetch.spec.whatwg.org/#dom-response-url.
func URLOf(resp *http.Response) string {
	urls := urlList(resp)
	if len(urls) == 0 {
		return ""
	}
	return serializeURL(urls[len(urls)-1], true)
}

// Redirected reports what a page reads as response.redirected: whether the
// response's URL list has more than one URL, that is, whether a redirect
// was followed. It is false for opaque responses.
// See https://fetch.spec.whatwg.org/#dom-response-redirected.
func Redirected(resp *http.Response) bool {
	return len(urlList(resp)) > 1
}

func urlList(resp *http.Response) []*url.URL {
	if resp == nil || resp.Request == nil {
		return nil
	}
	urls, _ := resp.Request.Context().Value(urlListKey{}).([]*url.URL)
	return urls
}

// serializeURL serializes u as the URL Standard does for the URLs that
// net/url writes differently: the host lower-cased, a special scheme's
// default port dropped and its empty path written as "/". With
// excludeFragment, the fragment is left out.
// See https://url.spec.whatwg.org/#concept-url-serializer.
func serializeURL(u *url.URL, excludeFragment bool) string {
	c := *u
	if excludeFragment {
		c.Fragment, c.RawFragment = "", ""
	}
	c.Scheme = strings.ToLower(c.Scheme)
	if c.Host != "" {
		host, port := c.Hostname(), c.Port()
		if port == defaultPort(c.Scheme) {
			port = ""
		}
		host = strings.ToLower(host)
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		if port != "" {
			host += ":" + port
		}
		c.Host = host
		if c.Path == "" && c.RawPath == "" && c.Opaque == "" {
			c.Path = "/"
		}
	}
	return c.String()
}

// defaultPort is the URL Standard's default port of a special scheme, or "".
// See https://url.spec.whatwg.org/#default-port.
func defaultPort(scheme string) string {
	switch scheme {
	case "http", "ws":
		return "80"
	case "https", "wss":
		return "443"
	case "ftp":
		return "21"
	}
	return ""
}

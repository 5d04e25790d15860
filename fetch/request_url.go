package fetch

import (
	"net/url"
	"strings"
)

// checkURL returns the URL to fetch for u, an http(s) URL, or false when u
// cannot be fetched safely.
//
// The CORS-preflight cache is keyed by the URL's serialization, while Base
// sends the request to u.Host with u.RequestURI() as its target. A
// caller-built URL can make the two disagree (Opaque set, a host holding
// "/" or "@", a query holding "#"), storing a preflight sent to one host
// under another's URL. So u is accepted only when its serialization names
// what goes on the wire: as it is when it is plain (the common case, which
// costs nothing), else reparsed from its serialization, which must then
// name the same host and request-target; the reparsed URL, whose
// serialization is its cache key, is then the one fetched. An empty
// userinfo, which the URL Standard does not serialize but net/http would
// send as Authorization, is dropped.
// See https://fetch.spec.whatwg.org/#concept-cache-create-entry.
func checkURL(u *url.URL) (*url.URL, bool) {
	if u.Opaque != "" || u.Host == "" {
		return nil, false
	}
	if plainURL(u) {
		return u, true
	}
	p, err := url.Parse(u.String())
	if err != nil || p.Opaque != "" || p.Host != u.Host || p.RequestURI() != u.RequestURI() {
		return nil, false
	}
	if p.User != nil && !includesCredentials(p) {
		p.User = nil
	}
	return p, true
}

// plainURL reports whether u serializes, unescaped, as scheme "://" host
// path ["?" query] ["#" fragment], where nothing in the host, path or query
// can be read as the start of a later part: no userinfo, a host of letters,
// digits, ".-:[]", a path that is empty or starts with "/", and a query
// without "#".
func plainURL(u *url.URL) bool {
	if u.User != nil || u.Opaque != "" {
		return false
	}
	for i := 0; i < len(u.Host); i++ {
		c := u.Host[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '.' || c == '-' || c == ':' || c == '[' || c == ']') {
			return false
		}
	}
	p := u.EscapedPath()
	return (p == "" || p[0] == '/') && strings.IndexByte(u.RawQuery, '#') < 0
}

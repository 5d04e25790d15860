package fetch

import (
	"net/http"
	"strings"
)

// keptCredentialNames are the forbidden request headers that carry
// credentials: with KeepForbiddenHeaders they are sent to the first URL's
// origin only, as net/http's redirect code strips them (by origin here,
// not by domain). Authorization is not forbidden, so it is a page header,
// which the Fetch Standard already removes on a redirect to another origin.
var keptCredentialNames = [...]string{"Cookie", "Cookie2", "Proxy-Authorization", "Proxy-Authenticate"}

// dropKeptCredentials removes the kept credential-bearing headers, for a
// hop to another origin and every hop after it.
func (f *fetchState) dropKeptCredentials() {
	for name := range f.kept {
		for _, c := range keptCredentialNames {
			if strings.EqualFold(name, c) {
				delete(f.kept, name)
				break
			}
		}
	}
}

// pageRequest returns the request to put on the response to out, the
// request sent: the page's request, what the page set plus Origin and
// Referer. That is out itself unless the Transport added to it what the
// page may not read: the jar's cookies or the forbidden headers kept for
// crawlers (and their Host); then it is a copy without them. Its context is
// out's, which TypeOf reads.
func (f *fetchState) pageRequest(out *http.Request) *http.Request {
	// f.header never holds Cookie: it is forbidden, so dropped or kept.
	if len(f.kept) == 0 && out.Header["Cookie"] == nil {
		return out
	}
	h := make(http.Header, len(out.Header))
	for name, vals := range out.Header {
		if _, kept := f.kept[name]; !kept && name != "Cookie" {
			h[name] = vals
		}
	}
	pr := out.WithContext(out.Context())
	pr.Header = h
	pr.Host = ""
	return pr
}

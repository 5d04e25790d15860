package fetch

import (
	"net/http"
	"strings"
)

// preflightUserAgent copies the page's User-Agent header onto the
// preflight request h under cors.Policy.PreflightCarriesUserAgent (WebKit).
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func (f *fetchState) preflightUserAgent(h http.Header) {
	if !f.t.Policy.PreflightCarriesUserAgent {
		return
	}
	for k, vs := range f.header {
		if len(vs) > 0 && strings.EqualFold(k, "User-Agent") {
			h["User-Agent"] = append([]string(nil), vs...)
			if f.t.Policy.HeaderValuesSentAsUTF8 {
				latin1ValuesAsUTF8(h, "User-Agent")
			}
			return
		}
	}
}

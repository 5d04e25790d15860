package safelist

import "testing"

func TestNamePredicates(t *testing.T) {
	type pred struct {
		anchor string
		fn     func(string) bool
		names  []string // every name the spec lists
	}
	preds := []pred{
		{"#cors-non-wildcard-request-header-name", IsCORSNonWildcardRequestHeaderName, []string{"Authorization"}},
		{"#privileged-no-cors-request-header-name", IsPrivilegedNoCORSRequestHeaderName, []string{"Range"}},
		{"#no-cors-safelisted-request-header-name", IsNoCORSSafelistedRequestHeaderName,
			[]string{"Accept", "Accept-Language", "Content-Language", "Content-Type"}},
		{"#forbidden-response-header-name", IsForbiddenResponseHeaderName, []string{"Set-Cookie", "Set-Cookie2"}},
		{"#request-body-header-name", IsRequestBodyHeaderName,
			[]string{"Content-Encoding", "Content-Language", "Content-Location", "Content-Type"}},
		{"#cors-safelisted-response-header-name", func(n string) bool { return IsCORSSafelistedResponseHeaderName(n, nil) },
			[]string{"Cache-Control", "Content-Language", "Content-Length", "Content-Type", "Expires", "Last-Modified", "Pragma"}},
		{"#forbidden-request-header", IsForbiddenRequestHeaderName, []string{
			"Accept-Charset", "Accept-Encoding", "Access-Control-Request-Headers",
			"Access-Control-Request-Method", "Connection", "Content-Length", "Cookie", "Cookie2",
			"Date", "DNT", "Expect", "Host", "Keep-Alive", "Origin", "Referer", "Set-Cookie", "TE",
			"Trailer", "Transfer-Encoding", "Upgrade", "Via"}},
	}
	// Every name of every table: a name is in a table exactly when the
	// table lists it.
	var all []string
	for _, p := range preds {
		all = append(all, p.names...)
	}
	all = append(all, "", "X-Foo", "User-Agent", "Authorization2", "Rang", "Accept ", " Accept",
		"Accept\x00", "Content-Type\r", "Set-Cookie3", "Cookie3", "X-HTTP-Method-Override",
		"Content-Typ\u212a", "Pr\u212aagma")
	for _, p := range preds {
		in := map[string]bool{}
		for _, n := range p.names {
			for _, c := range casings(n) {
				in[c] = true
			}
		}
		for _, n := range all {
			for _, c := range casings(n) {
				if got := p.fn(c); got != in[c] {
					t.Errorf("https://fetch.spec.whatwg.org/%s: %q = %v, want %v", p.anchor, c, got, in[c])
				}
			}
		}
	}
}

func TestIsCORSSafelistedResponseHeaderNameExposed(t *testing.T) {
	// https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name
	tests := []struct {
		name    string
		exposed []string
		want    bool
	}{
		{"X-Custom", []string{"x-custom"}, true},
		{"x-custom", []string{"X-CUSTOM"}, true},
		{"X-Custom", []string{"X-Other", "X-Custom"}, true},
		{"X-Custom", []string{"X-Customs"}, false},
		{"X-Custom", nil, false},
		{"X-Custom", []string{"*"}, false}, // "*" is expanded by main fetch, not here
		{"*", []string{"*"}, true},
		{"Set-Cookie", []string{"Set-Cookie"}, false},
		{"set-cookie2", []string{"SET-COOKIE2"}, false},
		{"Content-Type", []string{}, true},
		{"Authorization", []string{"authorization"}, true},
		{"X-\u212a", []string{"x-k"}, false},
	}
	for _, tt := range tests {
		if got := IsCORSSafelistedResponseHeaderName(tt.name, tt.exposed); got != tt.want {
			t.Errorf("IsCORSSafelistedResponseHeaderName(%q, %q) = %v, want %v", tt.name, tt.exposed, got, tt.want)
		}
	}
}

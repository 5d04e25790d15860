package safelist

import (
	"strings"
	"testing"
)

func TestIsForbiddenRequestHeader(t *testing.T) {
	const a = "https://fetch.spec.whatwg.org/#forbidden-request-header"
	tests := []struct {
		src         string
		name, value string
		want        bool
	}{
		{a + " step 1", "Host", "example.com", true},
		{a + " step 1", "Origin", "", true},
		{a + " step 1", "Set-Cookie", "a=b", true},
		{a + " step 1 (User-Agent is not listed)", "User-Agent", "x", false},
		{a + " step 2", "Sec-Fetch-Site", "none", true},
		{a + " step 2", "SEC-", "", true},
		{a + " step 2", "sec", "", false},
		{a + " step 2", "Sec_Foo", "", false},
		{a + " step 2", "Proxy-Authorization", "Basic x", true},
		{a + " step 2", "proxy-", "", true},
		{a + " step 2", "proxy", "", false},
		{a + " step 2", "X-Sec-Foo", "", false},
		{a + " step 3", "X-HTTP-Method-Override", "TRACE", true},
		{a + " step 3", "x-http-method-override", "trace", true},
		{a + " step 3", "X-HTTP-Method", "CONNECT", true},
		{a + " step 3", "X-Method-Override", "TrAcK", true},
		{a + " step 3", "X-Method-Override", "GET, TRACE", true},
		{a + " step 3", "X-Method-Override", "GET,\tTRACE\t", true},
		{a + " step 3", "X-Method-Override", "TRACE,", true},
		{a + " step 3", "X-Method-Override", ",,TRACE", true},
		{a + " step 3", "X-Method-Override", "GET", false},
		{a + " step 3", "X-Method-Override", "PUT, DELETE", false},
		{a + " step 3", "X-Method-Override", "", false},
		{a + " step 3", "X-Method-Override", `"TRACE"`, false},
		{a + " step 3", "X-Method-Override", `"a,TRACE", GET`, false},
		{a + " step 3", "X-Method-Override", `"a,TRACE", TRACE`, true},
		{a + " step 3", "X-Method-Override", "TRACE GET", false},
		{a + " step 3", "X-Method-Override", "TRACE\r\n", false}, // only tab or space is trimmed
		{a + " step 3", "X-Method-Overrid", "TRACE", false},
		{a + " step 3", "X-HTTP-Method-Overrides", "TRACE", false},
		{a + " step 4", "X-Foo", "TRACE", false},
		{a + " step 4", "", "", false},
		{a + " step 4", "Accept", "*/*", false},
	}
	for _, tt := range tests {
		for _, n := range casings(tt.name) {
			if got := IsForbiddenRequestHeader(n, tt.value); got != tt.want {
				t.Errorf("%s: IsForbiddenRequestHeader(%q, %q) = %v, want %v", tt.src, n, tt.value, got, tt.want)
			}
		}
	}
}

func TestForbiddenOnHugeValues(t *testing.T) {
	big := strings.Repeat("GET, ", 200_000) + "TRACE" // ~1 MiB
	if !IsForbiddenRequestHeader("X-HTTP-Method-Override", big) {
		t.Error("TRACE at the end of a 1 MiB override value not found")
	}
	if IsForbiddenRequestHeader("X-HTTP-Method-Override", strings.Repeat(`"`, 1<<20)) {
		t.Error("1 MiB of quotes is forbidden")
	}
}

package fetch

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// The preflight cache key is the serialization of what goes on the wire,
// for URLs whose path has percent-encoded slashes (RawPath) and for IPv6
// hosts with a zone, parsed or built by the caller: the preflight for a
// target is cached under that target's URL, and a URL with another target
// (the decoded path) does not share the entry.
// See https://fetch.spec.whatwg.org/#concept-cache-create-entry.
func TestCacheKeyIsTheWireTarget(t *testing.T) {
	parse := func(s string) *url.URL {
		u, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	const origin = "https://page.example"
	for _, tc := range []struct {
		name  string
		u     *url.URL
		other string // a URL with another wire target
	}{
		{"parsed %2F", parse("http://api.example/a%2Fb/c?q=1"), "http://api.example/a/b/c?q=1"},
		{"built RawPath", &url.URL{Scheme: "http", Host: "api.example", Path: "/a/b", RawPath: "/a%2Fb"}, "http://api.example/a/b"},
		{"built RawPath that does not encode Path", &url.URL{Scheme: "http", Host: "api.example", Path: "/a/b", RawPath: "/x%2Fy"}, "http://api.example/x%2Fy"},
		{"parsed %2f, lower case", parse("http://api.example/a%2fb"), "http://api.example/a/b"},
		{"parsed IPv6 zone", parse("http://[fe80::1%25eth0]:8080/p%2Fq"), "http://[fe80::1]:8080/p%2Fq"},
		{"built IPv6 zone", &url.URL{Scheme: "http", Host: "[fe80::1%eth0]:8080", Path: "/p"}, "http://[fe80::1%25eth1]:8080/p"},
		{"built IPv6 zone holding %25", &url.URL{Scheme: "http", Host: "[fe80::1%25eth0]", Path: "/p"}, "http://[fe80::1%25eth0]/p"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := &wireLog{}
			c := preflightcache.New(nil)
			tr := &Transport{Base: base, Origin: origin, Cache: c}
			put := func(u *url.URL) {
				t.Helper()
				resp, err := tr.RoundTrip(&http.Request{Method: "PUT", URL: u, Header: http.Header{}})
				if err != nil {
					t.Fatalf("PUT %v: %v", u, err)
				}
				resp.Body.Close()
			}
			put(tc.u)
			put(tc.u) // from the cache
			log := base.log()
			if len(log) != 3 || !strings.HasPrefix(log[0], "OPTIONS ") || log[1] != "PUT"+strings.TrimPrefix(log[0], "OPTIONS") || log[2] != log[1] {
				t.Fatalf("sent %q, want a preflight and two PUTs to one target", log)
			}
			// The key that covers the PUT is the serialization of the
			// wire's host and target.
			f := strings.Fields(log[1])
			key := (&url.URL{Scheme: "http", Host: f[1]}).String() + f[2]
			if !c.Covers(preflightcache.Key{Origin: origin, URL: key}, false, "PUT", true, nil) {
				t.Errorf("sent %q, but the cache does not hold %q", log, key)
			}
			// Another target is preflighted on its own.
			put(parse(tc.other))
			if log := base.log(); len(log) != 5 || !strings.HasPrefix(log[3], "OPTIONS ") || log[3] == log[0] {
				t.Errorf("then %s sent %q, want its own preflight", tc.other, log[3:])
			}
		})
	}
}

package fetch

import (
	"net/url"
	"strings"
	"testing"
)

// Whatever URL fields a caller builds, a URL that checkURL accepts
// serializes (the preflight cache key) to a string that names the host and
// request-target that go on the wire: read as a URL reader splits it
// (authority up to the first "/", "?" or "#", userinfo up to its last "@",
// fragment from the first "#"), and, when url.Parse accepts it, as
// url.Parse reads it.
func FuzzCheckURL(f *testing.F) {
	f.Add("http", "friendly", "", "", "", "//victim/account", "")
	f.Add("http", "api.example", "/a b", "", "q#x", "", "f")
	f.Add("https", "bücher.example", "/%2F", "%2F", "", "", "")
	f.Add("http", "[fe80::1%en0]:80", "/", "", "", "", "")
	f.Add("http", "0", "", "0", "\x11", "", "")
	f.Fuzz(func(t *testing.T, scheme, host, path, rawPath, rawQuery, opaque, frag string) {
		if !isHTTPScheme(scheme) {
			return
		}
		u := &url.URL{Scheme: scheme, Host: host, Path: path, RawPath: rawPath, RawQuery: rawQuery, Opaque: opaque, Fragment: frag}
		w, ok := checkURL(u)
		if !ok {
			return
		}
		if w.Host == "" || w.Opaque != "" {
			t.Fatalf("%#v accepted as %#v", u, w)
		}
		key := w.String()
		if h, target := splitKey(key); h != w.Host || target != w.RequestURI() {
			t.Fatalf("%#v accepted: key %q names host %q target %q; the wire gets host %q target %q",
				u, key, h, target, w.Host, w.RequestURI())
		}
		if p, err := url.Parse(key); err == nil && (p.Host != w.Host || p.RequestURI() != w.RequestURI()) {
			t.Fatalf("%#v accepted: key %q parses to host %q target %q; the wire gets host %q target %q",
				u, key, p.Host, p.RequestURI(), w.Host, w.RequestURI())
		}
	})
}

// splitKey splits a serialized http(s) URL into its host, unescaped, and
// its request-target.
func splitKey(key string) (host, target string) {
	_, rest, _ := strings.Cut(key, "://")
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	auth, rest := rest[:end], rest[end:]
	if i := strings.LastIndexByte(auth, '@'); i >= 0 {
		auth = auth[i+1:]
	}
	if h, err := url.PathUnescape(auth); err == nil {
		auth = h
	}
	target, _, _ = strings.Cut(rest, "#")
	if target == "" || target[0] == '?' {
		target = "/" + target
	}
	return auth, target
}

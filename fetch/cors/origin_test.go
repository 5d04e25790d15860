package cors

import (
	"errors"
	"net/url"
	"testing"
)

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatalf("url.Parse(%q): %v", s, err)
	}
	return u
}

// https://url.spec.whatwg.org/#concept-url-origin and
// https://html.spec.whatwg.org/#ascii-serialisation-of-an-origin.
func TestOriginFromURL(t *testing.T) {
	tests := []struct {
		url, want string
	}{
		{"https://example.com/path?q#f", "https://example.com"},
		{"HTTPS://EXAMPLE.COM/", "https://example.com"},
		{"http://example.com:80/", "http://example.com"},
		{"http://example.com:080/", "http://example.com"}, // URL ports are numbers
		{"https://example.com:443", "https://example.com"},
		{"https://example.com:80", "https://example.com:80"},
		{"http://example.com:8080", "http://example.com:8080"},
		{"ws://example.com:80", "ws://example.com"},
		{"wss://example.com:443", "wss://example.com"},
		{"ftp://example.com:21", "ftp://example.com"},
		{"http://user:pass@example.com:81/", "http://example.com:81"},
		{"http://[::1]:8080/", "http://[::1]:8080"},
		{"http://[0:0:0:0:0:0:0:1]/", "http://[::1]"},
		{"http://[2001:DB8::1]/", "http://[2001:db8::1]"},
		{"http://[1:0:0:2:0:0:0:3]/", "http://[1:0:0:2::3]"},
		{"http://[1:0:0:2:0:0:3:4]/", "http://[1::2:0:0:3:4]"},
		{"http://[1:2:3:4:5:6:7:0]/", "http://[1:2:3:4:5:6:7:0]"},
		{"http://[::ffff:1.2.3.4]/", "http://[::ffff:102:304]"},
		{"http://127.0.0.1:3000", "http://127.0.0.1:3000"},
		{"http://xn--nxasmq6b.example/", "http://xn--nxasmq6b.example"},
		{"blob:https://example.com:443/uuid", "https://example.com"},
		{"blob:ftp://example.com/uuid", "null"},
		{"blob:", "null"},
		{"data:text/plain,hi", "null"},
		{"file:///etc/passwd", "null"},
		{"about:blank", "null"},
		{"javascript:alert(1)", "null"},
		{"chrome-extension://abc/", "null"},
		{"http:///path", "null"},
		{"http://example.com:65536/", "null"},
		{"http://[fe80::1%25en0]/", "null"},
		{"/relative", "null"},
	}
	for _, tt := range tests {
		o := OriginFromURL(mustURL(t, tt.url))
		if got := o.String(); got != tt.want {
			t.Errorf("OriginFromURL(%q) = %q, want %q", tt.url, got, tt.want)
		}
		if o.IsOpaque() != (tt.want == "null") {
			t.Errorf("OriginFromURL(%q).IsOpaque() = %v", tt.url, o.IsOpaque())
		}
	}
	if o := OriginFromURL(nil); !o.IsOpaque() {
		t.Error("OriginFromURL(nil) is not opaque")
	}
}

func TestOriginAccessors(t *testing.T) {
	o := OriginFromURL(mustURL(t, "HTTP://[::1]:8080/x"))
	if o.Scheme() != "http" || o.Host() != "[::1]" || o.Port() != "8080" {
		t.Errorf("got (%q, %q, %q)", o.Scheme(), o.Host(), o.Port())
	}
	var z Origin
	if !z.IsOpaque() || z.String() != "null" || z.SameOrigin(z) {
		t.Error("the zero Origin must be opaque, serialize as null and be same-origin with nothing")
	}
}

// https://html.spec.whatwg.org/#same-origin
func TestSameOrigin(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"https://a.example/x", "https://a.example:443/y", true},
		{"https://a.example", "https://A.EXAMPLE", true},
		{"https://a.example", "http://a.example", false},
		{"https://a.example", "https://a.example:8443", false},
		{"https://a.example", "https://b.a.example", false},
		{"http://a.example:0", "http://a.example", false},
		{"http://[::1]", "http://[0::1]", true},
		{"data:,x", "data:,x", false},
	}
	for _, tt := range tests {
		a, b := OriginFromURL(mustURL(t, tt.a)), OriginFromURL(mustURL(t, tt.b))
		if got := a.SameOrigin(b); got != tt.want {
			t.Errorf("SameOrigin(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := a.SameOriginURL(mustURL(t, tt.b)); got != tt.want {
			t.Errorf("%q.SameOriginURL(%q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := a == b; got != tt.want && !a.IsOpaque() {
			t.Errorf("%q == %q is %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSameOriginURLMatchesOriginFromURL(t *testing.T) {
	urls := []string{
		"https://a.example", "https://a.example:443", "https://A.Example:0443/p", "https://a.example:444",
		"http://a.example", "http://a.example:80", "ws://a.example", "wss://a.example:443",
		"http://[::1]", "http://[0:0::1]:80", "http://[::2]", "http://127.0.0.1", "ftp://a.example:21",
		"http://a.example:99999", "data:,x", "http://", "blob:https://a.example/x",
	}
	for _, a := range urls {
		o := OriginFromURL(mustURL(t, a))
		for _, b := range urls {
			u := mustURL(t, b)
			want := o.SameOrigin(OriginFromURL(u))
			if u.Scheme == "blob" {
				want = false // SameOriginURL compares the URL itself, not an inner URL
			}
			if got := o.SameOriginURL(u); got != want {
				t.Errorf("OriginFromURL(%q).SameOriginURL(%q) = %v, want %v", a, b, got, want)
			}
		}
	}
	var z Origin
	if z.SameOriginURL(nil) || OriginFromURL(mustURL(t, "https://a.example")).SameOriginURL(nil) {
		t.Error("SameOriginURL(nil) must be false")
	}
}

func TestOriginNoAllocs(t *testing.T) {
	o := OriginFromURL(mustURL(t, "https://api.example.com:8443/x"))
	o6 := OriginFromURL(mustURL(t, "http://[2001:db8::1]/"))
	u := mustURL(t, "HTTPS://API.EXAMPLE.COM:8443/other?q")
	u6 := mustURL(t, "http://[2001:DB8:0::1]:80/")
	var sink string
	if n := testing.AllocsPerRun(100, func() { sink = o.String() }); n != 0 {
		t.Errorf("String allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() {
		if !o.SameOriginURL(u) || !o6.SameOriginURL(u6) {
			t.Fatal("SameOriginURL is false")
		}
	}); n != 0 {
		t.Errorf("SameOriginURL allocates %v times", n)
	}
	_ = sink
}

// The origin-or-null ABNF of https://fetch.spec.whatwg.org/#http-origin.
func TestParseOrigin(t *testing.T) {
	valid := []struct{ in, want string }{
		{"null", "null"},
		{"https://example.com", "https://example.com"},
		{"http://example.com:8080", "http://example.com:8080"},
		{"http://example.com:80", "http://example.com"},    // allowed by the grammar, normalized
		{"http://example.com:00080", "http://example.com"}, // 1*5DIGIT
		{"https://a-b.c-d.example", "https://a-b.c-d.example"},
		{"https://1.2.3.4", "https://1.2.3.4"},
		{"https://255.255.255.255:65535", "https://255.255.255.255:65535"},
		{"https://a", "https://a"},
		{"https://xn--nxasmq6b.example", "https://xn--nxasmq6b.example"},
		{"chrome-extension://abcdef", "chrome-extension://abcdef"},
		{"web+app.x-y://host", "web+app.x-y://host"},
		{"http://[::1]", "http://[::1]"},
		{"http://[::]", "http://[::]"},
		{"http://[1:2:3:4:5:6:7:8]", "http://[1:2:3:4:5:6:7:8]"},
		{"http://[2001:db8::ff00:42:8329]:443", "http://[2001:db8::ff00:42:8329]:443"},
		{"http://[1::]", "http://[1::]"},
		{"http://[0:0:0:0:0:0:0:1]", "http://[::1]"}, // the grammar allows uncompressed zeros
		{"http://[::0:1]", "http://[::1]"},
		{"http://[1:2:3:4:5:6::]", "http://[1:2:3:4:5:6::]"},
		{"http://[::1:2:3:4:5:6]", "http://[::1:2:3:4:5:6]"},
	}
	for _, tt := range valid {
		o, err := ParseOrigin(tt.in)
		if err != nil {
			t.Errorf("ParseOrigin(%q): %v", tt.in, err)
			continue
		}
		if o.String() != tt.want {
			t.Errorf("ParseOrigin(%q).String() = %q, want %q", tt.in, o.String(), tt.want)
		}
	}
	invalid := []string{
		"", "Null", "NULL", "null ", " null", "*",
		"HTTPS://example.com", "https://Example.com", "https://example.com/", "https://example.com/path",
		"https://example.com?", "https://example.com#", "https://example.com:", "https://example.com:123456",
		"https://example.com:65536", "https://example.com:+80", "https://example.com:8a",
		"https://user@example.com", "https://exa mple.com", "https://example.com ", " https://example.com",
		"https://example.com\x00", "https://exam%70le.com", "https://ex_ample.com", "https://-a.example",
		"https://a-.example", "https://a..example", "https://example.com.", "https://.example.com",
		"https:/example.com", "https:example.com", "//example.com", "://example.com", "example.com",
		"1http://example.com", "https://", "https://é.example", "https://*.example.com",
		"http://[::1", "http://[::1]x", "http://[::1]:",
		"http://[::01]", "http://[::ABCD]", "http://[1:2:3:4:5:6:7::]", "http://[1::2::3]", "http://[:::1]",
		"http://[1:2:3:4:5:6:7]", "http://[1:2:3:4:5:6:7:8:9]", "http://[::ffff:1.2.3.4]", "http://[12345::]",
		"http://[fe80::1%en0]", "http://[]",
	}
	for _, in := range invalid {
		if o, err := ParseOrigin(in); err == nil {
			t.Errorf("ParseOrigin(%q) = %q, want an error", in, o)
		} else if !errors.Is(err, ErrInvalidOrigin) {
			t.Errorf("ParseOrigin(%q) error %v does not wrap ErrInvalidOrigin", in, err)
		}
	}
}

// The origin-or-null grammar accepts every serialization OriginFromURL makes.
func TestParseOriginRoundTrip(t *testing.T) {
	for _, s := range []string{
		"https://example.com/", "http://example.com:8080/", "http://[2001:db8::1]:81/", "http://[::ffff:1.2.3.4]/",
		"ws://1.2.3.4/", "https://xn--bcher-kva.example/", "data:,x",
	} {
		o := OriginFromURL(mustURL(t, s))
		p, err := ParseOrigin(o.String())
		if err != nil {
			t.Errorf("ParseOrigin(%q): %v", o, err)
			continue
		}
		if p != o {
			t.Errorf("ParseOrigin(%q) = %#v, want %#v", o, p, o)
		}
	}
}

// https://url.spec.whatwg.org/#concept-ipv6-serializer
func TestSerializeIPv6(t *testing.T) {
	tests := []struct{ in, want string }{
		{"::", "::"},
		{"::1", "::1"},
		{"1::", "1::"},
		{"1:0:0:0:0:0:0:0", "1::"},
		{"0:0:1:0:0:0:0:1", "0:0:1::1"},        // the longest run wins
		{"1:0:0:1:0:0:1:1", "1::1:0:0:1:1"},    // the first of equal runs
		{"1:0:1:0:1:0:1:0", "1:0:1:0:1:0:1:0"}, // single zeros are not compressed
		{"ABCD:EF01::0000:1", "abcd:ef01::1"},
	}
	for _, tt := range tests {
		u := mustURL(t, "http://["+tt.in+"]/")
		if got := OriginFromURL(u).Host(); got != "["+tt.want+"]" {
			t.Errorf("host of [%s] = %s, want [%s]", tt.in, got, tt.want)
		}
	}
}

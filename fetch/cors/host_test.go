package cors

import (
	"net/url"
	"testing"
)

// The URL Standard's host parser as it decides an origin: domain to ASCII
// (https://url.spec.whatwg.org/#concept-domain-to-ascii, UTS #46), the
// forbidden domain code points and the IPv4 parser
// (https://url.spec.whatwg.org/#concept-ipv4-parser), with rows from WPT
// url/resources/urltestdata.json and IdnaTestV2.
func TestOriginFromURLHostParser(t *testing.T) {
	tests := []struct {
		url, want string
	}{
		// IDNA: mapped, lowercased and punycoded.
		{"http://bücher.example/", "http://xn--bcher-kva.example"},
		{"http://BÜCHER.EXAMPLE/", "http://xn--bcher-kva.example"},
		{"https://faß.de/", "https://xn--fa-hia.de"},  // non-transitional
		{"http://ＧＯ.com/", "http://go.com"},           // fullwidth letters map to ASCII
		{"http://example。com/", "http://example.com"}, // ideographic full stop
		{"http://XN--BCHER-KVA.example/", "http://xn--bcher-kva.example"},
		{"http://xn--zz.example/", "null"},   // invalid punycode
		{"http://xn--a.example/", "null"},    // decodes to a control
		{"http://a.xn--/", "null"},           // empty punycode label
		{"http://a\u200db.example/", "null"}, // ZWJ outside its context (CheckJoiners)
		{"http://ex_ample.com/", "http://ex_ample.com"},
		{"http://-a-.example/", "http://-a-.example"}, // CheckHyphens is false
		{"http://example.com./", "http://example.com."},
		{"http://a<b/", "null"}, // forbidden host code point
		// IPv4: every form becomes dotted decimal.
		{"http://0x7f.1/", "http://127.0.0.1"},
		{"http://127.1/", "http://127.0.0.1"},
		{"http://0177.0.0.1/", "http://127.0.0.1"},
		{"http://2130706433/", "http://127.0.0.1"},
		{"http://0X7F.0.0.1/", "http://127.0.0.1"},
		{"http://1.2.3.4./", "http://1.2.3.4"},
		{"http://0x/", "http://0.0.0.0"},
		{"http://1.2.3.256/", "null"},
		{"http://4294967296/", "null"},
		{"http://1.2.3.4.5/", "null"},
		{"http://09.1.1.1/", "null"},
		{"http://1..2/", "null"},
		{"http://foo.09/", "null"}, // ends in a number that is no IPv4 number
		{"http://1.2.3.4.example/", "http://1.2.3.4.example"},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.url)
		if err != nil {
			t.Fatalf("url.Parse(%q): %v", tt.url, err)
		}
		o := OriginFromURL(u)
		if got := o.String(); got != tt.want {
			t.Errorf("OriginFromURL(%q) = %q, want %q", tt.url, got, tt.want)
		}
		// SameOriginURL agrees with OriginFromURL.
		if !o.IsOpaque() && !o.SameOriginURL(u) {
			t.Errorf("OriginFromURL(%q).SameOriginURL(itself) is false", tt.url)
		}
		// The origin-or-null grammar is stricter than hosts are: no "_",
		// no hyphen at a label's edge, no trailing dot.
		if p, err := ParseOrigin(tt.want); tt.want != "null" && isSerializedDomainOrIPv6(o.Host()) && (err != nil || p != o) {
			t.Errorf("ParseOrigin(%q) = %#v, %v; want %#v", tt.want, p, err, o)
		}
	}
	ip := OriginFromURL(mustURL(t, "http://127.0.0.1:8080/"))
	for _, s := range []string{"http://0x7f.1:8080/", "http://2130706433:8080/", "http://127.0.0.1.:8080/"} {
		if !ip.SameOriginURL(mustURL(t, s)) {
			t.Errorf("%v.SameOriginURL(%q) is false", ip, s)
		}
	}
	for _, s := range []string{"http://127.0.0.2:8080/", "http://1.2.3.256:8080/", "http://127.0.0.1.example:8080/"} {
		if ip.SameOriginURL(mustURL(t, s)) {
			t.Errorf("%v.SameOriginURL(%q) is true", ip, s)
		}
	}
	idn := OriginFromURL(mustURL(t, "https://xn--bcher-kva.example/"))
	if !idn.SameOriginURL(mustURL(t, "https://BÜCHER.example/x")) || idn.SameOriginURL(mustURL(t, "https://bucher.example/")) {
		t.Error("SameOriginURL does not apply IDNA")
	}
}

// Hosts that end in a number are IPv4 addresses; the grammar's
// serialized-ipv4 is dotted decimal (https://fetch.spec.whatwg.org/#http-origin).
func TestParseOriginHostsNoURLSerializesTo(t *testing.T) {
	for _, s := range []string{
		"http://127.1", "http://1.2.3.256", "http://01.2.3.4", "http://1.2.3.4.5", "http://a.09", "http://4294967295",
		"https://xn--zz.example", "https://a.xn--",
	} {
		if o, err := ParseOrigin(s); err == nil {
			t.Errorf("ParseOrigin(%q) = %v, want an error", s, o)
		}
	}
	for _, s := range []string{"http://0.0.0.0", "http://255.255.255.255:1", "http://a1.b2", "https://xn--bcher-kva.example"} {
		if o, err := ParseOrigin(s); err != nil || o.String() != s {
			t.Errorf("ParseOrigin(%q) = %v, %v", s, o, err)
		}
	}
}

func TestSameOriginURLIPv4NoAllocs(t *testing.T) {
	o := OriginFromURL(mustURL(t, "http://127.0.0.1:8080/"))
	u := mustURL(t, "http://127.0.0.1:8080/x")
	if n := testing.AllocsPerRun(100, func() {
		if !o.SameOriginURL(u) {
			t.Fatal("not same origin")
		}
	}); n != 0 {
		t.Errorf("SameOriginURL allocates %v times for an IPv4 host", n)
	}
}

func isSerializedDomainOrIPv6(h string) bool { return h[0] == '[' || isSerializedDomain(h) }

package cors

import (
	"net/netip"
	"net/url"
	"strings"
)

// Origin is an origin: a (scheme, host, port) tuple, or an opaque origin.
// The zero value is an opaque origin. Origins are comparable with ==; two
// tuple origins are the same origin exactly when they are ==.
//
// Hosts are parsed as the URL Standard's host parser does: domain to ASCII
// (UTS #46 IDNA, so "BÜCHER.example" is "xn--bcher-kva.example"), IPv4
// numbers in any of its forms rewritten as dotted decimal ("0x7f.1" is
// "127.0.0.1"), and IPv6 addresses compressed in lowercase hex. A host the
// URL Standard rejects (invalid punycode, a forbidden domain code point, an
// IPv4 number out of range) makes the origin opaque.
//
// See https://html.spec.whatwg.org/#concept-origin.
type Origin struct {
	scheme, host, port string // lowercase; host serialized ("[::1]"); port "" when default
	ser                string // ASCII serialization, computed once
	portNum            uint16 // port, 0 when it is the scheme's default (or none)
	tuple              bool
}

// defaultPort returns the URL Standard's default port of a special scheme,
// or -1.
func defaultPort(scheme string) int {
	switch scheme {
	case "http", "ws":
		return 80
	case "https", "wss":
		return 443
	case "ftp":
		return 21
	}
	return -1
}

// OriginFromURL returns the origin of u: a tuple origin for http, https, ws,
// wss and ftp URLs with a host and a valid port, the origin of the inner URL
// for a blob: URL wrapping an http or https URL, and an opaque origin for
// anything else (including a nil u). The scheme and host are
// ASCII-lowercased and the scheme's default port is elided.
// See https://url.spec.whatwg.org/#concept-url-origin.
func OriginFromURL(u *url.URL) Origin {
	if u == nil {
		return Origin{}
	}
	scheme := asciiLower(u.Scheme)
	if scheme == "blob" {
		inner, err := url.Parse(u.Opaque)
		if err != nil || u.Opaque == "" {
			return Origin{}
		}
		if s := asciiLower(inner.Scheme); s != "http" && s != "https" {
			return Origin{}
		}
		return OriginFromURL(inner)
	}
	def := defaultPort(scheme)
	if def < 0 || u.Opaque != "" {
		return Origin{}
	}
	host, ok := serializeURLHost(u.Hostname())
	if !ok {
		return Origin{}
	}
	port, ok := parsePort(u.Port())
	if !ok {
		return Origin{}
	}
	return newTupleOrigin(scheme, host, port, def)
}

// newTupleOrigin builds a tuple origin and its serialization. port is -1 when
// absent.
func newTupleOrigin(scheme, host string, port, def int) Origin {
	o := Origin{scheme: scheme, host: host, tuple: true}
	if port >= 0 && port != def {
		o.portNum = uint16(port)
		o.port = itoa(port)
		o.ser = scheme + "://" + host + ":" + o.port
	} else {
		o.ser = scheme + "://" + host
	}
	return o
}

// serializeURLHost returns the origin serialization of a URL host as
// url.URL.Hostname returns it (IPv6 without brackets), or false when the URL
// Standard's host parser rejects it.
func serializeURLHost(h string) (string, bool) {
	if strings.IndexByte(h, ':') >= 0 {
		a, err := netip.ParseAddr(h)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return "", false
		}
		return "[" + serializeIPv6(a.As16()) + "]", true
	}
	return parseDomainHost(h)
}

// parsePort parses a URL port: -1 when empty, false when it is not decimal
// digits or exceeds 65535. Leading zeros are allowed, as in the URL Standard.
func parsePort(p string) (int, bool) {
	if p == "" {
		return -1, true
	}
	n := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
		if n > 65535 {
			return 0, false
		}
	}
	return n, true
}

// String returns the ASCII serialization of o ("null" for an opaque origin).
// It does not allocate.
// See https://html.spec.whatwg.org/#ascii-serialisation-of-an-origin.
func (o Origin) String() string {
	if !o.tuple {
		return "null"
	}
	return o.ser
}

// IsOpaque reports whether o is an opaque origin.
func (o Origin) IsOpaque() bool { return !o.tuple }

// Scheme returns o's scheme ("" for an opaque origin).
func (o Origin) Scheme() string { return o.scheme }

// Host returns o's serialized host ("" for an opaque origin); an IPv6
// address keeps its brackets.
func (o Origin) Host() string { return o.host }

// Port returns o's port, "" when it is the scheme's default or absent.
func (o Origin) Port() string { return o.port }

// SameOrigin reports whether o and p are the same origin. Opaque origins
// carry no identity here, so an opaque origin is never the same as anything,
// itself included.
// See https://html.spec.whatwg.org/#same-origin.
func (o Origin) SameOrigin(p Origin) bool {
	return o.tuple && p.tuple && o.ser == p.ser
}

// SameOriginURL reports whether u's origin is o, as OriginFromURL(u) would
// say: schemes and ASCII hosts compare ASCII case-insensitively, IP
// addresses by value, and a port equal to the scheme's default matches an
// absent one. It is false for an opaque o. It allocates only for a host
// that needs IDNA processing (non-ASCII, or a label starting "xn--").
func (o Origin) SameOriginURL(u *url.URL) bool {
	if !o.tuple || u == nil || u.Opaque != "" {
		return false
	}
	if !asciiEqualFold(u.Scheme, o.scheme) {
		return false
	}
	port, ok := parsePort(u.Port())
	if !ok {
		return false
	}
	if port == defaultPort(o.scheme) {
		port = -1
	}
	if port < 0 {
		if o.portNum != 0 || o.port != "" {
			return false
		}
	} else if o.port == "" || int(o.portNum) != port {
		return false
	}
	h := u.Hostname()
	if len(o.host) > 0 && o.host[0] == '[' {
		if strings.IndexByte(h, ':') < 0 {
			return false
		}
		a, err := netip.ParseAddr(h)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return false
		}
		b, err := netip.ParseAddr(o.host[1 : len(o.host)-1])
		return err == nil && a == b
	}
	if needsIDNA(h) {
		s, ok := parseDomainHost(h)
		return ok && s == o.host
	}
	for i := 0; i < len(h); i++ {
		if isForbiddenDomainByte(h[i]) {
			return false
		}
	}
	if endsInANumber(h) {
		a, ok := parseIPv4(h)
		if !ok {
			return false
		}
		b, ok := parseIPv4(o.host)
		return ok && a == b && endsInANumber(o.host)
	}
	return h != "" && asciiEqualFold(h, o.host)
}

// asciiLower returns s with ASCII upper-case letters lowered; it allocates
// only when s has one.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// asciiEqualFold reports whether a and b are equal under ASCII case folding
// (bytes >= 0x80 compare exactly).
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// itoa formats a non-negative int.
func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

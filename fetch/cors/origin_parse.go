package cors

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"
)

// ErrInvalidOrigin is wrapped by every error ParseOrigin returns.
var ErrInvalidOrigin = errors.New("cors: invalid serialized origin")

// ParseOrigin parses s as the origin-or-null grammar of the Origin and
// Access-Control-Allow-Origin headers. "null" (case-sensitive) yields an
// opaque origin. Anything else must be serialized-scheme "://"
// serialized-host [":" serialized-port]: a lowercase scheme; a host that is
// lowercase letter-digit-hyphen labels (IPv4 addresses and punycode labels
// included) or a bracketed IPv6 address as the grammar writes it (lowercase
// hex, no leading zeros, no IPv4 suffix, "::" only for two or more zero
// pieces); and no userinfo, path, query, fragment, trailing slash,
// percent-encoding or whitespace. A port above 65535 is rejected, and so
// are hosts no URL serializes to: a last label that is a number outside a
// dotted-decimal IPv4 address ("127.1", "1.2.3.256") and an "xn--" label
// that is not valid punycode. Forms the grammar allows but no origin
// serializes to (a default or zero-padded port, uncompressed IPv6 zeros) are
// normalized, so o.String() == s exactly when s is the serialization of an
// origin.
// See https://fetch.spec.whatwg.org/#http-origin.
func ParseOrigin(s string) (Origin, error) {
	if s == "null" {
		return Origin{}, nil
	}
	step(len(s))
	i := 0
	if i >= len(s) || !isLowerAlpha(s[i]) {
		return Origin{}, originError(s, schemeFault(s))
	}
	for i < len(s) && (isLowerAlpha(s[i]) || isDigit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.') {
		i++
	}
	scheme := s[:i]
	if !strings.HasPrefix(s[i:], "://") {
		return Origin{}, originError(s, schemeFault(s))
	}
	rest := s[i+3:]
	var host, port string
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return Origin{}, originError(s, "unterminated IPv6 address")
		}
		if !isSerializedIPv6(rest[1:end]) {
			return Origin{}, originError(s, "the IPv6 address is not in canonical form")
		}
		a, err := netip.ParseAddr(rest[1:end])
		if err != nil {
			return Origin{}, originError(s, "invalid IPv6 address")
		}
		host, rest = "["+serializeIPv6(a.As16())+"]", rest[end+1:]
	} else {
		end := strings.IndexByte(rest, ':')
		if end < 0 {
			end = len(rest)
		}
		host, rest = rest[:end], rest[end:]
		if !isSerializedDomain(host) {
			return Origin{}, originError(s, hostFault(host))
		}
		if endsInANumber(host) && !isSerializedIPv4(host) {
			return Origin{}, originError(s, "a host ending in a number must be an IPv4 address in dotted decimal (four numbers 0-255, no leading zeros)")
		}
		if needsIDNA(host) {
			if a, ok := parseDomainHost(host); !ok || a != host {
				return Origin{}, originError(s, `an "xn--" label is not valid punycode`)
			}
		}
	}
	pn := -1
	if rest != "" {
		if rest[0] != ':' {
			why := afterHostFault(rest)
			if why == "" {
				why = "unexpected bytes after the host"
			}
			return Origin{}, originError(s, why)
		}
		port = rest[1:]
		if len(port) < 1 || len(port) > 5 {
			return Origin{}, originError(s, portFault(port))
		}
		n := 0
		for j := 0; j < len(port); j++ {
			if !isDigit(port[j]) {
				return Origin{}, originError(s, portFault(port))
			}
			n = n*10 + int(port[j]-'0')
		}
		if n > 65535 {
			return Origin{}, originError(s, "the port exceeds 65535")
		}
		pn = n
	}
	return newTupleOrigin(scheme, host, pn, defaultPort(scheme)), nil
}

func originError(s, why string) error {
	return &originParseError{s: s, why: why}
}

type originParseError struct{ s, why string }

func (e *originParseError) Error() string {
	return "cors: invalid serialized origin " + strconv.Quote(e.s) + ": " + e.why
}

func (e *originParseError) Unwrap() error { return ErrInvalidOrigin }

func isLowerAlpha(c byte) bool { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool      { return '0' <= c && c <= '9' }
func isLowerHex(c byte) bool   { return isDigit(c) || ('a' <= c && c <= 'f') }

// isSerializedDomain matches serialized-domain: *( domain-label "." )
// domain-label, where a label is lower-alphanum, or lower-alphanum
// *( lower-alphanum / "-" ) lower-alphanum. serialized-ipv4 is a subset.
func isSerializedDomain(h string) bool {
	if h == "" {
		return false
	}
	for len(h) > 0 {
		end := strings.IndexByte(h, '.')
		var label string
		if end < 0 {
			label, h = h, ""
		} else {
			label, h = h[:end], h[end+1:]
			if h == "" {
				return false // trailing dot
			}
		}
		step(len(label) + 1)
		if label == "" || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for j := 0; j < len(label); j++ {
			if c := label[j]; !isLowerAlpha(c) && !isDigit(c) && c != '-' {
				return false
			}
		}
	}
	return true
}

// isSerializedIPv6 matches serialized-ipv6: eight canonical h16 pieces, or
// at most six around one "::"; h16 is "0" or a non-zero lowercase hex digit
// followed by up to three lowercase hex digits.
func isSerializedIPv6(s string) bool {
	left, right, compressed := s, "", false
	if i := strings.Index(s, "::"); i >= 0 {
		left, right, compressed = s[:i], s[i+2:], true
	}
	nl, ok := countH16(left)
	if !ok {
		return false
	}
	if !compressed {
		return nl == 8
	}
	nr, ok := countH16(right)
	return ok && nl+nr <= 6
}

// countH16 counts the ':'-separated canonical h16 pieces of s ("" is 0).
func countH16(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	n := 0
	for {
		end := strings.IndexByte(s, ':')
		piece := s
		if end >= 0 {
			piece = s[:end]
		}
		if piece == "" || len(piece) > 4 {
			return 0, false
		}
		if piece[0] == '0' && len(piece) > 1 {
			return 0, false
		}
		for j := 0; j < len(piece); j++ {
			if !isLowerHex(piece[j]) {
				return 0, false
			}
		}
		n++
		if end < 0 {
			return n, true
		}
		s = s[end+1:]
	}
}

package cors

import (
	"net/netip"
	"strings"
)

// parsesAsURL approximates whether the URL Standard's parser (Chromium's
// GURL) accepts s as an absolute URL. It only chooses between the reasons
// InvalidAllowOriginValue and AllowOriginMismatch for a value that fails the
// CORS check anyway, so an approximation never changes a verdict.
//
// It strips leading and trailing C0 controls and spaces and removes tabs and
// newlines, requires a scheme, and for special schemes parses the authority:
// a non-empty host without forbidden domain code points (after
// percent-decoding), an IPv4 address when the host ends in a number, a valid
// IPv6 literal in brackets, and a port of digits up to 65535. IDNA is not
// run: non-ASCII hosts count as valid.
func parsesAsURL(s string) bool {
	step(len(s))
	s = strings.TrimFunc(s, func(r rune) bool { return r <= 0x20 })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	if s == "" || !isASCIIAlpha(s[0]) {
		return false
	}
	i := 1
	for i < len(s) && (isASCIIAlpha(s[i]) || isDigit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.') {
		i++
	}
	if i >= len(s) || s[i] != ':' {
		return false
	}
	scheme, rest := asciiLower(s[:i]), s[i+1:]
	special := defaultPort(scheme) >= 0
	if scheme == "file" {
		return true
	}
	if special {
		rest = strings.TrimLeft(rest, `/\`)
	} else {
		if !strings.HasPrefix(rest, "//") {
			return true // an opaque path or a path-only URL
		}
		rest = rest[2:]
	}
	end := len(rest)
	if special {
		if j := strings.IndexAny(rest, `/\?#`); j >= 0 {
			end = j
		}
	} else if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		end = j
	}
	auth := rest[:end]
	if at := strings.LastIndexByte(auth, '@'); at >= 0 {
		auth = auth[at+1:]
	}
	host, port := auth, ""
	if strings.HasPrefix(auth, "[") {
		j := strings.IndexByte(auth, ']')
		if j < 0 {
			return false
		}
		host, port = auth[:j+1], auth[j+1:]
		if port != "" {
			if port[0] != ':' {
				return false
			}
			port = port[1:]
		}
		a, err := netip.ParseAddr(host[1 : len(host)-1])
		if err != nil || !a.Is6() || a.Zone() != "" {
			return false
		}
	} else {
		if j := strings.LastIndexByte(auth, ':'); j >= 0 {
			host, port = auth[:j], auth[j+1:]
		}
		if special {
			if host == "" || !validDomain(host) {
				return false
			}
		} else if strings.ContainsAny(host, forbiddenHostBytes) {
			return false
		}
	}
	if _, ok := parsePort(port); !ok {
		return false
	}
	return true
}

// validDomain reports whether the URL Standard's host parser accepts h, a
// special-scheme host: percent-decoded, then parseDomainHost.
// See https://url.spec.whatwg.org/#concept-host-parser.
func validDomain(h string) bool {
	if strings.IndexByte(h, '%') >= 0 {
		d, ok := percentDecode(h)
		if !ok {
			return false
		}
		h = d
	}
	_, ok := parseDomainHost(h)
	return ok
}

// percentDecode decodes %XX sequences; a '%' not followed by two hex digits
// stays as is (and is then a forbidden domain code point).
func percentDecode(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b), true
}

func isASCIIAlpha(c byte) bool { return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') }
func isHex(c byte) bool        { return isDigit(c) || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F') }

func unhex(c byte) byte {
	switch {
	case isDigit(c):
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

package cors

import (
	"strings"

	"golang.org/x/net/idna"
)

// urlIDNA is the URL Standard's domain to ASCII with beStrict false: UTS #46
// ToASCII with CheckHyphens false, CheckBidi and CheckJoiners true,
// UseSTD3ASCIIRules false, non-transitional processing and no DNS length
// check. See https://url.spec.whatwg.org/#concept-domain-to-ascii.
var urlIDNA = idna.New(
	idna.MapForLookup(),
	idna.BidiRule(),
	idna.Transitional(false),
	idna.CheckHyphens(false),
	idna.CheckJoiners(true),
	idna.StrictDomainName(false),
	idna.VerifyDNSLength(false),
)

// parseDomainHost is the URL Standard's host parser for a special URL's
// non-IPv6 host, already percent-decoded (as net/url gives it): domain to
// ASCII, the forbidden domain code point check, and the IPv4 parser when the
// result ends in a number. It returns the serialized host, or false when the
// URL Standard would reject the host. It allocates only when the host needs
// IDNA processing, holds an upper-case letter or is rewritten as IPv4.
// See https://url.spec.whatwg.org/#concept-host-parser.
func parseDomainHost(h string) (string, bool) {
	if h == "" {
		return "", false
	}
	if needsIDNA(h) {
		a, err := urlIDNA.ToASCII(h)
		if err != nil || a == "" || hasEmptyPunycodeLabel(h) {
			return "", false
		}
		h = a
	} else {
		h = asciiLower(h)
	}
	step(len(h))
	for i := 0; i < len(h); i++ {
		if isForbiddenDomainByte(h[i]) {
			return "", false
		}
	}
	if endsInANumber(h) {
		v, ok := parseIPv4(h)
		if !ok {
			return "", false
		}
		return serializeIPv4(v), true
	}
	return h, true
}

// needsIDNA reports whether h has a non-ASCII byte or a label starting with
// "xn--" (which UTS #46 decodes and validates); other ASCII hosts map to
// their ASCII lowercase.
func needsIDNA(h string) bool {
	for i := 0; i < len(h); i++ {
		if h[i] >= 0x80 {
			return true
		}
		if (i == 0 || h[i-1] == '.') && len(h)-i >= 4 && asciiEqualFold(h[i:i+4], "xn--") {
			return true
		}
	}
	return false
}

// hasEmptyPunycodeLabel reports whether a holds the label "xn--" in any
// case, which UTS #46 (since 15.1) rejects and x/net/idna drops.
func hasEmptyPunycodeLabel(a string) bool {
	for len(a) > 0 {
		label := a
		if i := strings.IndexByte(a, '.'); i >= 0 {
			label, a = a[:i], a[i+1:]
		} else {
			a = ""
		}
		if asciiEqualFold(label, "xn--") {
			return true
		}
	}
	return false
}

// isForbiddenDomainByte reports whether c is a forbidden domain code point:
// a forbidden host code point, a C0 control, '%' or DEL.
// See https://url.spec.whatwg.org/#forbidden-domain-code-point.
func isForbiddenDomainByte(c byte) bool {
	return c <= 0x20 || c == 0x7f || c == '%' || strings.IndexByte(forbiddenHostBytes, c) >= 0
}

// forbiddenHostBytes are the URL Standard's forbidden host code points.
const forbiddenHostBytes = "\x00\t\n\r #/:<>?@[\\]^|"

// endsInANumber reports whether the last dot-separated label of h (a
// trailing empty label ignored) is all ASCII digits or an IPv4 hex number
// ("0x" or "0X" and hex digits). It does not allocate.
// See https://url.spec.whatwg.org/#ends-in-a-number-checker.
func endsInANumber(h string) bool {
	h = strings.TrimSuffix(h, ".")
	last := h[strings.LastIndexByte(h, '.')+1:]
	if last == "" {
		return false
	}
	if strings.Trim(last, "0123456789") == "" {
		return true
	}
	return len(last) >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') &&
		strings.Trim(last[2:], "0123456789abcdefABCDEF") == ""
}

// parseIPv4 is the URL Standard's IPv4 parser: one to four parts, each
// decimal, 0x-hex or 0-prefixed octal, the last filling the remaining bytes.
// It does not allocate. See https://url.spec.whatwg.org/#concept-ipv4-parser.
func parseIPv4(h string) (uint32, bool) {
	if strings.HasSuffix(h, ".") && len(h) > 1 {
		h = h[:len(h)-1]
	}
	var parts [4]uint64
	n := 0
	for {
		p := h
		i := strings.IndexByte(h, '.')
		if i >= 0 {
			p, h = h[:i], h[i+1:]
		}
		if n == 4 {
			return 0, false
		}
		v, ok := ipv4Number(p)
		if !ok {
			return 0, false
		}
		parts[n] = v
		n++
		if i < 0 {
			break
		}
	}
	var ip uint64
	for i := 0; i < n-1; i++ {
		if parts[i] > 255 {
			return 0, false
		}
		ip |= parts[i] << (8 * (3 - i))
	}
	if parts[n-1] >= 1<<(8*(5-n)) {
		return 0, false
	}
	return uint32(ip + parts[n-1]), true
}

// ipv4Number parses one IPv4 part: decimal, 0x hex or 0-prefixed octal;
// "0x" alone is 0. Values beyond 2^32 are reported as 2^32+1 at most.
// See https://url.spec.whatwg.org/#ipv4-number-parser.
func ipv4Number(p string) (uint64, bool) {
	if p == "" {
		return 0, false
	}
	base := uint64(10)
	if len(p) >= 2 && (p[:2] == "0x" || p[:2] == "0X") {
		p, base = p[2:], 16
	} else if len(p) >= 2 && p[0] == '0' {
		p, base = p[1:], 8
	}
	var n uint64
	for i := 0; i < len(p); i++ {
		c := p[i]
		var d uint64
		switch {
		case isDigit(c):
			d = uint64(c - '0')
		case base == 16 && isHex(c):
			d = uint64(unhex(c))
		default:
			return 0, false
		}
		if d >= base {
			return 0, false
		}
		if n <= 1<<32 {
			n = n*base + d
		}
	}
	return min(n, 1<<32+1), true
}

// serializeIPv4 writes v in dotted decimal.
// See https://url.spec.whatwg.org/#concept-ipv4-serializer.
func serializeIPv4(v uint32) string {
	var b [15]byte
	out := b[:0]
	for i := 3; i >= 0; i-- {
		x := byte(v >> (8 * i))
		if x >= 100 {
			out = append(out, '0'+x/100)
		}
		if x >= 10 {
			out = append(out, '0'+x/10%10)
		}
		out = append(out, '0'+x%10)
		if i > 0 {
			out = append(out, '.')
		}
	}
	return string(out)
}

// isSerializedIPv4 matches serialized-ipv4: four dec-octets without leading
// zeros. See https://fetch.spec.whatwg.org/#http-origin.
func isSerializedIPv4(h string) bool {
	for k := 0; k < 4; k++ {
		i := strings.IndexByte(h, '.')
		p := h
		if k < 3 {
			if i < 0 {
				return false
			}
			p, h = h[:i], h[i+1:]
		} else if i >= 0 {
			return false
		}
		if p == "" || len(p) > 3 || (p[0] == '0' && len(p) > 1) {
			return false
		}
		n := 0
		for j := 0; j < len(p); j++ {
			if !isDigit(p[j]) {
				return false
			}
			n = n*10 + int(p[j]-'0')
		}
		if n > 255 {
			return false
		}
	}
	return true
}

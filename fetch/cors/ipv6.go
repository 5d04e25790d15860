package cors

// serializeIPv6 writes a 128-bit address as the URL Standard's IPv6
// serializer does: lowercase hex pieces without leading zeros, the first
// longest run of two or more zero pieces compressed to "::", and no IPv4
// notation. See https://url.spec.whatwg.org/#concept-ipv6-serializer.
func serializeIPv6(a [16]byte) string {
	var p [8]uint16
	for i := range p {
		p[i] = uint16(a[2*i])<<8 | uint16(a[2*i+1])
	}
	// Find the first longest run of zero pieces of length >= 2.
	best, bestLen := -1, 1
	for i := 0; i < 8; {
		if p[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && p[j] == 0 {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		i = j
	}
	const hex = "0123456789abcdef"
	buf := make([]byte, 0, 39)
	for i := 0; i < 8; i++ {
		if i == best {
			if i == 0 {
				buf = append(buf, ':')
			}
			buf = append(buf, ':')
			i += bestLen - 1
			continue
		}
		v := p[i]
		started := false
		for shift := 12; shift >= 0; shift -= 4 {
			d := (v >> uint(shift)) & 0xf
			if d != 0 || started || shift == 0 {
				buf = append(buf, hex[d])
				started = true
			}
		}
		if i != 7 {
			buf = append(buf, ':')
		}
	}
	return string(buf)
}

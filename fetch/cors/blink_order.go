package cors

import (
	"encoding/binary"
	"math/bits"
	"net/http"
	"slices"
	"strings"
)

// Which disallowed request header Chromium names. Chromium's preflight
// check (services/network/cors/preflight_result.cc,
// PreflightResult::EnsureAllowedCrossOriginHeaders) reports the first name
// of CorsUnsafeNotForbiddenRequestHeaderNames that Access-Control-Allow-
// Headers lacks, and that function keeps the order of the request's
// net::HttpRequestHeaders: first the names whose values are not
// safelisted, then, past the 1024-byte total, the safelisted ones. That
// order is the iteration order of the renderer's header map (Blink's
// HTTPHeaderMap, a WTF::HashMap keyed by case-folded name), into which the
// page's headers go in byte order of their lowercased names (the Headers
// object keeps them sorted), followed by four headers Blink adds. So the
// name reported is neither the first in byte order nor the first set.
//
// The model below was fitted to, and agrees with, 37 observations of
// headless Chromium 156.0.8078.108 (sets of 2 to 20 names, every name
// found by granting the previous ones): a WTF::HashMap of 8 buckets that
// doubles (rehashing in bucket order) once an insertion leaves it half
// full, with triangular probing, and a hash that is rapidhash, seeded
// 0xbdd89aa982704029, over the UTF-16 code units of the ASCII-lowercased
// name, masked to 24 bits. The four added names are not visible to a
// page; the fit needs four that the page's own headers never replace
// (Accept and Accept-Language set by the page do not change the count).
// The three low-entropy User-Agent client hints and User-Agent fit. Not
// observed: names of 24 bytes or more (rapidhash's longest-input branch),
// and the order of names that are unsafe only past the 1024-byte total
// (Chromium lists them after the others, as checkOrder does).

// blinkAddedHeaders are the names inserted after the page's headers.
var blinkAddedHeaders = [...]string{"sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform", "user-agent"}

// blinkHeaderOrder returns lowered (distinct, byte-lowercased, byte-sorted
// names of the page's headers) in Chromium's header-map order.
func blinkHeaderOrder(lowered []string) []string {
	m := blinkMap{slots: make([]string, 8)}
	for _, n := range lowered {
		m.insert(n)
	}
	for _, n := range blinkAddedHeaders {
		if !slices.Contains(lowered, n) {
			m.insert(n)
		}
	}
	out := make([]string, 0, len(lowered))
	for _, s := range m.slots {
		if s != "" && slices.Contains(lowered, s) {
			out = append(out, s)
		}
	}
	return out
}

// blinkMap is the slot layout of a WTF::HashMap of distinct names.
type blinkMap struct {
	slots []string // a power of two long; "" is empty
	n     int
}

func (m *blinkMap) insert(name string) {
	m.place(name)
	m.n++
	if 2*m.n >= len(m.slots) {
		old := m.slots
		m.slots = make([]string, 2*len(old))
		for _, s := range old {
			if s != "" {
				m.place(s)
			}
		}
	}
}

// place puts name in the first free slot of its triangular probe sequence.
func (m *blinkMap) place(name string) {
	mask := uint32(len(m.slots) - 1)
	i := blinkHash(name) & mask
	for step := uint32(1); m.slots[i] != ""; step++ {
		i = (i + step) & mask
	}
	m.slots[i] = name
}

// blinkHash is WTF's CaseFoldingHash of an ASCII name: rapidhash of its
// lowercased UTF-16LE code units, the top 8 bits cleared, never 0.
func blinkHash(name string) uint32 {
	var buf [256]byte
	p := buf[:0]
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		p = append(p, c, 0)
	}
	h := uint32(rapidhash(p, 0xbdd89aa982704029)) & 0xffffff
	if h == 0 {
		h = 0x800000
	}
	return h
}

// rapidhashSecret is rapidhash's default secret.
var rapidhashSecret = [3]uint64{0x2d358dccaa6c78a5, 0x8bb84b93962eacc9, 0x4b33a62ed433d4a3}

func rapidMix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// rapidhash is rapidhash (Nicolas De Carli's, the version Chromium's WTF
// uses) of p with seed.
func rapidhash(p []byte, seed uint64) uint64 {
	s := &rapidhashSecret
	n := uint64(len(p))
	r32 := func(b []byte) uint64 { return uint64(binary.LittleEndian.Uint32(b)) }
	r64 := binary.LittleEndian.Uint64
	seed ^= rapidMix(seed^s[0], s[1]) ^ n
	var a, b uint64
	switch {
	case n > 16:
		q, left := p, n
		if left > 48 {
			s1, s2 := seed, seed
			for ; left >= 48; left -= 48 {
				seed = rapidMix(r64(q)^s[0], r64(q[8:])^seed)
				s1 = rapidMix(r64(q[16:])^s[1], r64(q[24:])^s1)
				s2 = rapidMix(r64(q[32:])^s[2], r64(q[40:])^s2)
				q = q[48:]
			}
			seed ^= s1 ^ s2
		}
		if left > 16 {
			seed = rapidMix(r64(q)^s[2], r64(q[8:])^seed^s[1])
			if left > 32 {
				seed = rapidMix(r64(q[16:])^s[2], r64(q[24:])^seed)
			}
		}
		a, b = r64(p[n-16:]), r64(p[n-8:])
	case n >= 4:
		d := (n & 24) >> (n >> 3)
		a = r32(p)<<32 | r32(p[n-4:])
		b = r32(p[d:])<<32 | r32(p[n-4-d:])
	case n > 0:
		a = uint64(p[0])<<56 | uint64(p[n>>1])<<32 | uint64(p[n-1])
	}
	a ^= s[1]
	b ^= seed
	hi, lo := bits.Mul64(a, b)
	return rapidMix(lo^s[0]^n, hi^s[1])
}

// checkOrder returns the CORS-unsafe request-header names of h (under p)
// in the order the preflight check looks for one that
// Access-Control-Allow-Headers lacks, and so which one a failure names:
// byte order, or Chromium's under p.DisallowedHeaderInBlinkOrder.
func (p *Policy) checkOrder(h http.Header) []string {
	unsafe := p.UnsafeRequestHeaderNames(h)
	if !p.DisallowedHeaderInBlinkOrder || len(unsafe) < 2 {
		return unsafe
	}
	author := p.authorHeaders(h)
	var all []string
	for name, vals := range author {
		if len(vals) > 0 {
			all = append(all, name)
		}
	}
	var byValue, byTotal []string
	for _, n := range blinkHeaderOrder(slices.Compact(sortedLower(all))) {
		if _, ok := slices.BinarySearch(unsafe, n); !ok {
			continue
		}
		if p.valueSafelisted(author, n) {
			byTotal = append(byTotal, n) // unsafe only past the 1024-byte total
		} else {
			byValue = append(byValue, n)
		}
	}
	return append(byValue, byTotal...)
}

func sortedLower(names []string) []string {
	for i, n := range names {
		names[i] = asciiLower(n)
	}
	slices.Sort(names)
	return names
}

// valueSafelisted reports whether the header lowered (a lowercased name)
// of h is CORS-safelisted by its values alone under p: joined with ", "
// under JoinDuplicateRequestHeaders, else each value.
func (p *Policy) valueSafelisted(h http.Header, lowered string) bool {
	var vals []string
	for k, vs := range h {
		if asciiEqualFold(k, lowered) {
			vals = append(vals, vs...)
		}
	}
	if p.JoinDuplicateRequestHeaders {
		return p.IsCORSSafelistedRequestHeader(lowered, strings.Join(vals, ", "))
	}
	for _, v := range vals {
		if !p.IsCORSSafelistedRequestHeader(lowered, v) {
			return false
		}
	}
	return true
}

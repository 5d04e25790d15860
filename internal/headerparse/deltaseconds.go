package headerparse

import "math"

// ParseDeltaSeconds parses s as delta-seconds (1*DIGIT, nothing else), the
// grammar of Access-Control-Max-Age
// (https://fetch.spec.whatwg.org/#http-new-header-syntax). A value too large
// for uint64 saturates at math.MaxUint64. ok is false for an empty string or
// any non-digit byte (so "-1", "+5", " 5" and "5s" fail).
func ParseDeltaSeconds(s string) (n uint64, ok bool) {
	if s == "" {
		return 0, false
	}
	saturated := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			step(i + 1)
			return 0, false
		}
		d := uint64(c - '0')
		if saturated {
			continue
		}
		if n > (math.MaxUint64-d)/10 {
			saturated = true
			n = math.MaxUint64
			continue
		}
		n = n*10 + d
	}
	step(len(s))
	return n, true
}

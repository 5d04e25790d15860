package headerparse

import "math"

// ParseDeltaSeconds parses s as delta-seconds (1*DIGIT, nothing else), the
// grammar of Access-Control-Max-Age
// (https://fetch.spec.whatwg.org/#http-new-header-syntax). A value too large
// for uint64 saturates at math.MaxUint64. ok is false for an empty string or
// any non-digit byte (so "-1", "+5", " 5" and "5s" fail).
func ParseDeltaSeconds(s string) (n uint64, ok bool) {
	i := 0
	for ; i < len(s); i++ {
		d := uint64(s[i] - '0')
		if d > 9 {
			break
		}
		// Once n saturates it stays saturated: MaxUint64 > (MaxUint64-d)/10.
		if n > (math.MaxUint64-d)/10 {
			n = math.MaxUint64
		} else {
			n = n*10 + d
		}
	}
	step(i + 1)
	if i == 0 || i < len(s) {
		return 0, false
	}
	return n, true
}

package cors

import (
	"net/http"
	"slices"
	"strings"

	"github.com/corsfetch/corsfetch/fetch/safelist"
	"github.com/corsfetch/corsfetch/internal/headerparse"
)

// The request-header knobs of Policy: the per-header safelist test and the
// CORS-unsafe request-header names under p.

// maxRangePosition is the last Range position Chromium 156 safelists: one
// below the int64 maximum.
const maxRangePosition = "9223372036854775806"

// maxInt64Position is the last Range position Firefox safelists: the int64
// maximum (RangeInt64MaxSafelisted).
const maxInt64Position = "9223372036854775807"

// adjustsSafelist reports whether a knob changes the per-header test.
func (p *Policy) adjustsSafelist() bool {
	return p.AcceptNonASCIIUnsafe || p.ContentTypeCommaOrNonASCIIUnsafe ||
		p.RangeUnitCaseInsensitive || p.RangeBeyondInt64Unsafe || p.ClientHintHeadersSafelisted ||
		p.RangeBeyondUint64Unsafe
}

// IsCORSSafelistedRequestHeader is safelist.IsCORSSafelistedRequestHeader
// under p (a nil p is the zero Policy): narrowed by AcceptNonASCIIUnsafe,
// ContentTypeCommaOrNonASCIIUnsafe, RangeBeyondInt64Unsafe and
// RangeBeyondUint64Unsafe, widened by
// RangeUnitCaseInsensitive and ClientHintHeadersSafelisted.
// See https://fetch.spec.whatwg.org/#cors-safelisted-request-header.
func (p *Policy) IsCORSSafelistedRequestHeader(name, value string) bool {
	p = p.orZero()
	if !safelist.IsCORSSafelistedRequestHeader(name, value) {
		if p.RangeUnitCaseInsensitive && asciiEqualFold(name, "Range") &&
			len(value) > 5 && value[:5] != "bytes" && asciiEqualFold(value[:5], "bytes") {
			return p.IsCORSSafelistedRequestHeader(name, "bytes"+value[5:])
		}
		return p.ClientHintHeadersSafelisted && isClientHint(name, value)
	}
	switch {
	case p.AcceptNonASCIIUnsafe && asciiEqualFold(name, "Accept"):
		return !headerparse.HasNonASCII(value)
	case p.ContentTypeCommaOrNonASCIIUnsafe && asciiEqualFold(name, "Content-Type"):
		return !headerparse.HasNonASCII(value) && strings.IndexByte(value, ',') < 0
	case p.RangeBeyondInt64Unsafe && asciiEqualFold(name, "Range"):
		r, _ := headerparse.ParseSingleRange(value, false)
		limit := maxRangePosition
		if p.RangeInt64MaxSafelisted {
			limit = maxInt64Position
		}
		if p.RangeLastPositionUint64 {
			return rangePositionOK(r.Start, limit) && rangePositionOK(r.End, maxUint64Position)
		}
		return rangePositionOK(r.Start, limit) && rangePositionOK(r.End, limit)
	case p.RangeBeyondUint64Unsafe && asciiEqualFold(name, "Range"):
		r, _ := headerparse.ParseSingleRange(value, false)
		return rangePositionOK(r.Start, maxUint64Position) && rangePositionOK(r.End, maxUint64Position)
	}
	return true
}

// rangePositionOK reports whether digits (ASCII digits, or "") is at most
// limit.
func rangePositionOK(digits, limit string) bool {
	return digits == "" || headerparse.CompareDecimal(digits, limit) <= 0
}

// maxUint64Position is the last Range position WebKit safelists: the
// uint64 maximum.
const maxUint64Position = "18446744073709551615"

// isClientHint reports whether (name, value) is one of Chromium's extra
// CORS-safelisted request headers (services/network/public/cpp/cors/cors.cc,
// IsCorsSafelistedHeader), Sec-CH-* aside: those are forbidden request
// headers, which never count.
func isClientHint(name, value string) bool {
	if len(value) > safelist.MaxSafelistedValueLength {
		return false
	}
	switch {
	case asciiEqualFold(name, "Intervention"):
		return true
	case asciiEqualFold(name, "Device-Memory"), asciiEqualFold(name, "DPR"), asciiEqualFold(name, "Downlink"):
		return isDigitsDotDigits(value)
	case asciiEqualFold(name, "Width"), asciiEqualFold(name, "Viewport-Width"), asciiEqualFold(name, "RTT"):
		return value != "" && strings.Trim(value, "0123456789") == ""
	case asciiEqualFold(name, "ECT"):
		return value == "slow-2g" || value == "2g" || value == "3g" || value == "4g"
	case asciiEqualFold(name, "Save-Data"):
		return asciiEqualFold(value, "on")
	}
	return false
}

// isDigitsDotDigits reports whether s is 1*DIGIT ["." 1*DIGIT].
func isDigitsDotDigits(s string) bool {
	intPart, frac, dot := strings.Cut(s, ".")
	digits := func(d string) bool { return d != "" && strings.Trim(d, "0123456789") == "" }
	return digits(intPart) && (!dot || digits(frac))
}

// unsafeNamesPerHeader computes the CORS-unsafe request-header names of h
// header by header, as the standard does, under NoSafelistedValueTotal
// and DuplicateRequestHeaderNames: without the 1024-byte total, and with a
// name once per header that carries it.
func (p *Policy) unsafeNamesPerHeader(h http.Header, safelisted func(name, value string) bool) []string {
	anyUnsafe, total := false, 0
	for name, vals := range h {
		for _, v := range vals {
			if safelisted(name, v) {
				total += len(v)
			} else {
				anyUnsafe = true
			}
		}
	}
	over := !p.NoSafelistedValueTotal && total > safelist.MaxSafelistedValueTotal
	if !anyUnsafe && !over {
		return nil
	}
	var names []string
	for name, vals := range h {
		for _, v := range vals {
			if over || !safelisted(name, v) {
				names = append(names, name)
			}
		}
	}
	if !p.DuplicateRequestHeaderNames {
		return safelist.SortedLowercaseSet(names)
	}
	for i, n := range names {
		names[i] = asciiLower(n)
	}
	slices.Sort(names)
	return names
}

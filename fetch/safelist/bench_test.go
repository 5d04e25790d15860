package safelist

import (
	"net/http"
	"strings"
	"testing"
)

var (
	sinkBool  bool
	sinkNames []string
)

// classifyCases are one header of each kind, as browsers send them.
var classifyCases = []struct{ name, value string }{
	{"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
	{"Accept-Language", "en-US,en;q=0.9"},
	{"Content-Language", "en"},
	{"Content-Type", "Text/Plain;charset=utf-8"},
	{"Range", "bytes=1048576-2097151"},
	{"X-Requested-With", "XMLHttpRequest"},
}

func BenchmarkIsCORSSafelistedRequestHeader(b *testing.B) {
	for _, c := range classifyCases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkBool = IsCORSSafelistedRequestHeader(c.name, c.value)
			}
		})
	}
}

// BenchmarkToLowerSwitchBaseline is the naive way, for the ratio: lowercase
// the name with strings.ToLower, then switch on it (value checks omitted,
// so it is a floor for that approach).
func BenchmarkToLowerSwitchBaseline(b *testing.B) {
	for _, c := range classifyCases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				switch strings.ToLower(c.name) {
				case "accept", "accept-language", "content-language", "content-type", "range":
					sinkBool = len(c.value) <= 128
				default:
					sinkBool = false
				}
			}
		})
	}
}

func BenchmarkIsForbiddenRequestHeader(b *testing.B) {
	for _, c := range []struct{ name, value string }{
		{"User-Agent", "Mozilla/5.0"},
		{"Sec-Fetch-Mode", "cors"},
		{"X-HTTP-Method-Override", "PATCH"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkBool = IsForbiddenRequestHeader(c.name, c.value)
			}
		})
	}
}

func BenchmarkCORSUnsafeRequestHeaderNames(b *testing.B) {
	b.Run("6-header browser request, all safelisted", func(b *testing.B) {
		h := http.Header{
			"Accept":           {"*/*"},
			"Accept-Language":  {"en-US,en;q=0.9"},
			"Content-Language": {"en"},
			"Content-Type":     {"text/plain;charset=UTF-8"},
			"Range":            {"bytes=0-1023"},
			"Accept-Encoding":  nil,
		}
		b.ReportAllocs()
		for b.Loop() {
			sinkNames = CORSUnsafeRequestHeaderNames(h)
		}
	})
	b.Run("6-header browser request, 2 unsafe", func(b *testing.B) {
		h := http.Header{
			"Accept":          {"application/json"},
			"Accept-Language": {"en-US,en;q=0.9"},
			"Content-Type":    {"application/json"},
			"Authorization":   {"Bearer abc"},
			"X-Request-Id":    {"42"},
			"Range":           {"bytes=0-1023"},
		}
		b.ReportAllocs()
		for b.Loop() {
			sinkNames = CORSUnsafeRequestHeaderNames(h)
		}
	})
}

// BenchmarkHeaderRangeBaseline is the floor for any CORSUnsafeRequestHeaderNames:
// ranging over the same 6-key http.Header and touching every value.
func BenchmarkHeaderRangeBaseline(b *testing.B) {
	h := http.Header{
		"Accept":           {"*/*"},
		"Accept-Language":  {"en-US,en;q=0.9"},
		"Content-Language": {"en"},
		"Content-Type":     {"text/plain;charset=UTF-8"},
		"Range":            {"bytes=0-1023"},
		"Accept-Encoding":  nil,
	}
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for k, vs := range h {
			n += len(k)
			for _, v := range vs {
				n += len(v)
			}
		}
	}
	sinkBool = n > 0
}

package headerparse

import (
	"mime"
	"strconv"
	"testing"
)

var (
	sinkBool   bool
	sinkString string
	sinkUint   uint64
	sinkRange  SingleRange
	sinkMIME   MIMEType
)

func BenchmarkParseMIMEType(b *testing.B) {
	for _, in := range []string{"text/plain", "Text/Plain;charset=utf-8", `multipart/form-data; boundary="----x"`} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkMIME, sinkBool = ParseMIMEType(in)
			}
		})
	}
}

// BenchmarkMimeParseMediaType is the baseline: the standard library's
// parser (a different grammar) on the same inputs.
func BenchmarkMimeParseMediaType(b *testing.B) {
	for _, in := range []string{"text/plain", "Text/Plain;charset=utf-8", `multipart/form-data; boundary="----x"`} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkString, _, _ = mime.ParseMediaType(in)
			}
		})
	}
}

func BenchmarkParseSingleRange(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkRange, sinkBool = ParseSingleRange("bytes=1048576-2097151", false)
	}
}

func BenchmarkParseDeltaSeconds(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkUint, sinkBool = ParseDeltaSeconds("7200")
	}
}

// BenchmarkStrconvParseUint is the baseline for ParseDeltaSeconds.
func BenchmarkStrconvParseUint(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkUint, _ = strconv.ParseUint("7200", 10, 64)
	}
}

func BenchmarkListIter(b *testing.B) {
	lines := []string{"Content-Type, X-Requested-With, Authorization", "X-Custom-Header"}
	b.ReportAllocs()
	for b.Loop() {
		it := NewListIter(lines)
		for e, ok := it.Next(); ok; e, ok = it.Next() {
			sinkBool = IsToken(e)
		}
	}
}

func BenchmarkSplitIter(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		it := NewSplitIter(`GET, "a,b", PATCH`)
		for e, ok := it.Next(); ok; e, ok = it.Next() {
			sinkString = e
		}
	}
}

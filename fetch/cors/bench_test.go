package cors

import (
	"net/http"
	"strings"
	"testing"
)

// Each benchmark has a baseline sub-benchmark doing the naive equivalent on
// the same input, so that BENCHMARKS.md can give a ratio measured in the
// same run.

var (
	sinkErr    error
	sinkBool   bool
	sinkHeader http.Header
	sinkResult *PreflightResult
	sinkList   []string
)

// BenchmarkCheck: the CORS check (https://fetch.spec.whatwg.org/#concept-cors-check)
// against a bare h.Get comparison.
func BenchmarkCheck(b *testing.B) {
	const origin = "https://app.example.com"
	h := http.Header{
		"Access-Control-Allow-Origin":      {origin},
		"Access-Control-Allow-Credentials": {"true"},
		"Content-Type":                     {"application/json"},
		"Vary":                             {"Origin"},
	}
	b.Run("allowed", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkErr = Check(h, origin, false)
		}
		if sinkErr != nil {
			b.Fatal(sinkErr)
		}
	})
	b.Run("allowed-baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkBool = h.Get("Access-Control-Allow-Origin") == origin
		}
	})
	b.Run("credentialed", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkErr = Check(h, origin, true)
		}
		if sinkErr != nil {
			b.Fatal(sinkErr)
		}
	})
	b.Run("credentialed-baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkBool = h.Get("Access-Control-Allow-Origin") == origin && h.Get("Access-Control-Allow-Credentials") == "true"
		}
	})
}

// BenchmarkCheckPreflightResponse: a typical answer granting 5 methods and 8
// headers, for a PUT needing 2 unsafe headers
// (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0), against a naive
// strings.Split/TrimSpace/ToLower parse of the same ACAM and ACAH values with
// the same membership checks.
func BenchmarkCheckPreflightResponse(b *testing.B) {
	const origin = "https://app.example.com"
	const acam = "GET, POST, PUT, PATCH, DELETE"
	const acah = "Authorization, Content-Type, X-Requested-With, X-CSRF-Token, X-Request-Id, Accept-Version, If-Match, X-Api-Key"
	h := http.Header{
		"Access-Control-Allow-Origin":  {origin},
		"Access-Control-Allow-Methods": {acam},
		"Access-Control-Allow-Headers": {acah},
		"Access-Control-Max-Age":       {"600"},
		"Vary":                         {"Origin"},
	}
	r := &Request{
		Method: "PUT",
		Header: http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"42"}, "Accept": {"*/*"}},
		Origin: origin,
	}
	b.Run("cors", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkResult, sinkErr = CheckPreflightResponse(200, h, r, nil)
		}
		if sinkErr != nil || len(sinkResult.Methods) != 5 || len(sinkResult.Headers) != 8 {
			b.Fatal(sinkResult, sinkErr)
		}
	})
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ok := h.Get("Access-Control-Allow-Origin") == origin
			methods := strings.Split(h.Get("Access-Control-Allow-Methods"), ",")
			for i, m := range methods {
				methods[i] = strings.TrimSpace(m)
			}
			headers := strings.Split(h.Get("Access-Control-Allow-Headers"), ",")
			for i, n := range headers {
				headers[i] = strings.ToLower(strings.TrimSpace(n))
			}
			ok = ok && contains(methods, "PUT") && contains(headers, "content-type") && contains(headers, "x-request-id")
			sinkBool, sinkList = ok, headers
		}
		if !sinkBool {
			b.Fatal("baseline rejected the preflight")
		}
	})
}

// BenchmarkFilterCORS: a CORS filtered response
// (https://fetch.spec.whatwg.org/#concept-filtered-response-cors) of a
// 20-header response exposing 3 names, against http.Header.Clone of the same
// map.
func BenchmarkFilterCORS(b *testing.B) {
	h := http.Header{
		"Access-Control-Allow-Origin":   {"https://app.example.com"},
		"Access-Control-Expose-Headers": {"X-Request-Id, X-RateLimit-Remaining, ETag"},
		"Cache-Control":                 {"no-cache"},
		"Content-Length":                {"1234"},
		"Content-Type":                  {"application/json; charset=utf-8"},
		"Date":                          {"Thu, 04 Dec 2025 13:00:00 GMT"},
		"Etag":                          {`"abc123"`},
		"Last-Modified":                 {"Wed, 03 Dec 2025 10:00:00 GMT"},
		"Server":                        {"nginx"},
		"Set-Cookie":                    {"session=1; HttpOnly", "pref=2"},
		"Strict-Transport-Security":     {"max-age=63072000"},
		"Vary":                          {"Origin", "Accept-Encoding"},
		"Via":                           {"1.1 proxy"},
		"X-Content-Type-Options":        {"nosniff"},
		"X-Frame-Options":               {"DENY"},
		"X-Ratelimit-Limit":             {"100"},
		"X-Ratelimit-Remaining":         {"99"},
		"X-Request-Id":                  {"42"},
		"X-Powered-By":                  {"Go"},
		"Expires":                       {"0"},
	}
	if len(h) != 20 {
		b.Fatalf("%d headers", len(h))
	}
	resp := &http.Response{StatusCode: 200, Header: h, Body: http.NoBody}
	b.Run("cors", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkHeader = CORSFilteredResponse(resp, false).Header
		}
		if len(sinkHeader) != 8 {
			b.Fatalf("%d headers kept: %v", len(sinkHeader), sinkHeader)
		}
	})
	b.Run("baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkHeader = h.Clone()
		}
	})
}

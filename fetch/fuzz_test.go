package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/safelist"
	"github.com/corsfetch/corsfetch/internal/headerparse"
)

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// FuzzRoundTripInput: whatever the caller's method, header and mode, the
// Transport never panics; a *RequestError means nothing was sent; what is
// sent has a valid, non-forbidden method and no page-set forbidden header.
func FuzzRoundTripInput(f *testing.F) {
	f.Add("GET", "X-Test", "1", uint8(0), false)
	f.Add("trace", "Accept", "text/html", uint8(2), true)
	f.Add("patch", "Content-Type", "application/json", uint8(0), true)
	f.Add("POST", "Sec-Foo", " a ", uint8(1), true)
	f.Add("GET", "X-HTTP-Method-Override", "TRACE", uint8(3), false)
	f.Add("PUT", "Range", "bytes=0-1", uint8(2), true)
	f.Fuzz(func(t *testing.T, method, name, value string, mode uint8, body bool) {
		sent := 0
		base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sent++
			if r.Body != nil {
				r.Body.Close()
			}
			if !headerparse.IsToken(r.Method) || safelist.IsForbiddenMethod(r.Method) {
				t.Fatalf("sent method %q", r.Method)
			}
			for k, vs := range r.Header {
				for _, v := range vs {
					if !headerparse.IsHeaderValue(v) {
						t.Fatalf("sent invalid value %q for %q", v, k)
					}
					ua := k == "Origin" || k == "Referer" ||
						k == "Accept-Encoding" && (v == AcceptEncoding || v == "identity") ||
						r.Method == "OPTIONS" && strings.HasPrefix(k, "Access-Control-Request-")
					if safelist.IsForbiddenRequestHeader(k, v) && !ua {
						t.Fatalf("sent forbidden header %q: %q", k, v)
					}
				}
			}
			h := http.Header{"Access-Control-Allow-Origin": {"*"}, "Access-Control-Allow-Methods": {r.Header.Get("Access-Control-Request-Method")}}
			if acrh := r.Header.Get("Access-Control-Request-Headers"); acrh != "" {
				h.Set("Access-Control-Allow-Headers", acrh)
			}
			return &http.Response{StatusCode: 200, Header: h, Body: http.NoBody, Request: r}, nil
		})
		tr := &Transport{Origin: "https://app.example", Base: base}
		u, _ := url.Parse("https://api.example/x")
		req := (&http.Request{Method: method, URL: u, Header: http.Header{name: {value}}}).
			WithContext(WithOptions(context.Background(), Options{Mode: Mode(mode % 5)}))
		if body {
			req.Body = io.NopCloser(strings.NewReader("b"))
		}
		resp, err := tr.RoundTrip(req)
		if errors.Is(err, ErrInvalidRequest) && sent != 0 {
			t.Fatalf("%v after sending %d requests", err, sent)
		}
		if err == nil && resp == nil {
			t.Fatal("nil response and nil error")
		}
		if err != nil && !errors.Is(err, ErrInvalidRequest) && !errors.Is(err, ErrNetwork) {
			t.Fatalf("untyped error %v", err)
		}
	})
}

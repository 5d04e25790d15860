package cors

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0, steps 1-5.
func TestNewPreflightRequest(t *testing.T) {
	r := &Request{
		Method: "PATCH",
		URL:    mustURL(t, "https://user:pw@api.example/items/1?x=1"),
		Header: http.Header{
			"X-B": {"1"}, "X-A": {"1", "2"}, "Content-Type": {"application/json"}, "Accept": {"*/*"},
			"Cookie": {"k=v"}, "Authorization": {"Bearer t"},
		},
		Origin:      "https://app.example",
		Credentials: true,
	}
	ctx := context.WithValue(context.Background(), testCtxKey{}, 1)
	req, err := NewPreflightRequest(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if req.Method != http.MethodOptions {
		t.Errorf("method %q", req.Method)
	}
	if got := req.URL.String(); got != "https://api.example/items/1?x=1" {
		t.Errorf("URL %q: userinfo must go (no credentials)", got)
	}
	if r.URL.User == nil {
		t.Error("the caller's URL was modified")
	}
	if req.Host != "api.example" {
		t.Errorf("Host %q", req.Host)
	}
	want := http.Header{
		"Accept":                         {"*/*"},
		"Access-Control-Request-Method":  {"PATCH"},
		"Access-Control-Request-Headers": {"authorization,content-type,x-a,x-b"},
		"Origin":                         {"https://app.example"},
	}
	if d := cmp.Diff(want, req.Header); d != "" {
		t.Errorf("headers (-want +got):\n%s", d)
	}
	if req.Body != http.NoBody || req.ContentLength != 0 {
		t.Error("the preflight must have no body")
	}
	if req.Context() != ctx {
		t.Error("the context was not kept")
	}
}

func TestNewPreflightRequestNoUnsafeHeaders(t *testing.T) {
	r := &Request{Method: "delete", URL: mustURL(t, "http://b.example/"), Header: http.Header{"Accept": {"*/*"}}, Origin: "null"}
	req, err := NewPreflightRequest(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := req.Header["Access-Control-Request-Headers"]; ok {
		t.Error("Access-Control-Request-Headers must be omitted when empty")
	}
	if got := req.Header.Get("Access-Control-Request-Method"); got != "delete" {
		t.Errorf("method %q, want it as is", got)
	}
	if got := req.Header.Get("Origin"); got != "null" {
		t.Errorf("Origin %q", got)
	}
}

func TestNewPreflightRequestPolicy(t *testing.T) {
	r := &Request{Method: "GET", URL: mustURL(t, "http://b.example/"), Header: http.Header{"User-Agent": {"x"}, "X-A": {"1"}}, Origin: "http://a.example"}
	req, _ := NewPreflightRequest(context.Background(), r)
	if got := req.Header.Get("Access-Control-Request-Headers"); got != "user-agent,x-a" {
		t.Errorf("standard: %q", got)
	}
	p := ChromiumPolicy()
	req, _ = p.NewPreflightRequest(context.Background(), r)
	if got := req.Header.Get("Access-Control-Request-Headers"); got != "x-a" {
		t.Errorf("Chromium: %q", got)
	}
}

func TestNewPreflightRequestBadInput(t *testing.T) {
	u := mustURL(t, "http://b.example/")
	tests := []struct {
		name string
		ctx  context.Context
		r    *Request
	}{
		{"nil context", nil, &Request{Method: "PUT", URL: u, Origin: "http://a.example"}},
		{"nil request", context.Background(), nil},
		{"nil URL", context.Background(), &Request{Method: "PUT", Origin: "http://a.example"}},
		{"empty method", context.Background(), &Request{URL: u, Origin: "http://a.example"}},
		{"method with space", context.Background(), &Request{Method: "P UT", URL: u, Origin: "http://a.example"}},
		{"empty origin", context.Background(), &Request{Method: "PUT", URL: u}},
		{"origin with CRLF", context.Background(), &Request{Method: "PUT", URL: u, Origin: "http://a\r\nX: y"}},
		{"bad header name", context.Background(), &Request{Method: "PUT", URL: u, Origin: "http://a.example", Header: http.Header{"Bad Name": {"1"}}}},
	}
	for _, tt := range tests {
		req, err := NewPreflightRequest(tt.ctx, tt.r)
		if err == nil || req != nil {
			t.Errorf("%s: got (%v, %v), want an error", tt.name, req, err)
		} else if errors.Is(err, ErrBlocked) {
			t.Errorf("%s: a caller error must not be ErrBlocked", tt.name)
		}
	}
}

// testCtxKey is a context key of this test file alone.
type testCtxKey struct{}

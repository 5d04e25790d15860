package cors

import (
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// WPT fetch/api/cors/cors-filtering.js: corsFilter (no ACEH) and
// corsExposeFilter (ACEH names the header), with
// https://fetch.spec.whatwg.org/#concept-filtered-response-cors.
func TestFilterCORSWPT(t *testing.T) {
	tests := []struct {
		name, value       string
		visible, exposedV bool // visible without ACEH; visible when exposed
	}{
		{"Cache-Control", "no-cache", true, true},
		{"Content-Language", "fr", true, true},
		{"Content-Type", "text/html", true, true},
		{"Expires", "04 May 1988 22:22:22 GMT", true, true},
		{"Last-Modified", "04 May 1988 22:22:22 GMT", true, true},
		{"Pragma", "no-cache", true, true},
		{"Age", "27", false, true},
		{"Server", "wptServe", false, true},
		{"Warning", "Mind the gap", false, true},
		// Content-Length is CORS-safelisted in today's standard; the old
		// WPT row expected it filtered.
		{"Content-Length", "0", true, true},
		{"Set-Cookie", "name=value", false, false},
		{"Set-Cookie2", "name=value", false, false},
	}
	for _, tt := range tests {
		h := http.Header{tt.name: {tt.value}, "Access-Control-Allow-Origin": {"*"}}
		got := CORSFilteredResponse(&http.Response{Header: h}, false).Header
		if (got.Get(tt.name) == tt.value) != tt.visible {
			t.Errorf("%s without ACEH: visible = %v, want %v", tt.name, !tt.visible, tt.visible)
		}
		h.Set("Access-Control-Expose-Headers", tt.name)
		got = CORSFilteredResponse(&http.Response{Header: h}, false).Header
		if (got.Get(tt.name) == tt.value) != tt.exposedV {
			t.Errorf("%s exposed: visible = %v, want %v", tt.name, !tt.exposedV, tt.exposedV)
		}
		if got.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("ACAO must be filtered")
		}
	}
}

// WPT fetch/api/cors/cors-expose-star.js, with
// https://fetch.spec.whatwg.org/#main-fetch (the CORS-exposed header-name list).
func TestExposeStar(t *testing.T) {
	base := func() http.Header {
		return http.Header{
			"Access-Control-Expose-Headers": {"*"}, "Test": {"X"}, "Set-Cookie": {"X"}, "*": {"whoa"},
			"Content-Type": {"text/plain"},
		}
	}
	// Basic Access-Control-Expose-Headers: * support.
	h := base()
	h.Set("Access-Control-Allow-Origin", "*")
	got := FilterCORS(h, ExposedHeaderNames(h, false))
	if got.Get("Test") != "X" || got.Get("Set-Cookie") != "" || got["*"] == nil {
		t.Errorf("* without credentials: %v", got)
	}
	// * for credentialed fetches only matches literally.
	h = base()
	got = FilterCORS(h, ExposedHeaderNames(h, true))
	if got.Get("Content-Type") != "text/plain" || got.Get("Test") != "" || got.Get("Set-Cookie") != "" || got["*"] == nil {
		t.Errorf("* with credentials: %v", got)
	}
	// * can be one of several values.
	h = http.Header{"Access-Control-Expose-Headers": {"*", "set-cookie"}, "Test": {"X"}, "Set-Cookie": {"X"}}
	got = FilterCORS(h, ExposedHeaderNames(h, false))
	if got.Get("Test") != "X" || got.Get("Set-Cookie") != "" {
		t.Errorf("* among several: %v", got)
	}
}

func TestExposedHeaderNames(t *testing.T) {
	tests := []struct {
		aceh        []string
		credentials bool
		want        []string
	}{
		{nil, false, nil},
		{[]string{""}, false, nil},
		{[]string{"X-A, x-b"}, false, []string{"X-A", "x-b"}},
		{[]string{"X-A", " ,x-b, "}, true, []string{"X-A", "x-b"}},
		{[]string{"X-A, *"}, true, []string{"X-A", "*"}},
		{[]string{"X-A, b c"}, false, nil}, // one bad token voids the list
		{[]string{"X-A", "\"q\""}, false, nil},
		{[]string{"X-A\x00"}, false, nil},
		{[]string{"*"}, false, []string{"Access-Control-Expose-Headers", "X-A"}},
	}
	for _, tt := range tests {
		h := http.Header{"X-A": {"1"}}
		if tt.aceh != nil {
			h["Access-Control-Expose-Headers"] = tt.aceh
		}
		if got := ExposedHeaderNames(h, tt.credentials); !cmp.Equal(got, tt.want) {
			t.Errorf("ACEH %q cred %v: got %q, want %q", tt.aceh, tt.credentials, got, tt.want)
		}
	}
}

func TestFilterCORSCaseAndCopy(t *testing.T) {
	h := http.Header{"x-secret": {"s"}, "set-cookie": {"c"}, "content-type": {"a"}, "X-Exposed": {"e"}, "SET-COOKIE2": {"d"}}
	got := FilterCORS(h, []string{"x-EXPOSED", "Set-Cookie", "SET-COOKIE2"})
	want := http.Header{"content-type": {"a"}, "X-Exposed": {"e"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	got["X-Exposed"][0] = "changed"
	if h["X-Exposed"][0] != "e" {
		t.Error("FilterCORS shares value slices with its input")
	}
	// The long-list path (a map) must agree with the short one.
	long := []string{"x-exposed", "set-cookie"}
	for i := 0; i < 100; i++ {
		long = append(long, "x-pad")
	}
	if d := cmp.Diff(want, FilterCORS(h, long)); d != "" {
		t.Errorf("long list (-want +got):\n%s", d)
	}
}

// https://fetch.spec.whatwg.org/#concept-filtered-response-basic
func TestFilterBasic(t *testing.T) {
	h := http.Header{"Set-Cookie": {"a"}, "set-cookie2": {"b"}, "X-A": {"1"}, "Content-Type": {"t"}}
	got := FilterBasic(h)
	want := http.Header{"X-A": {"1"}, "Content-Type": {"t"}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	r := BasicFilteredResponse(&http.Response{StatusCode: 201, Header: h, Body: http.NoBody})
	if r.StatusCode != 201 || r.Header.Get("Set-Cookie") != "" || r.Body != http.NoBody {
		t.Errorf("basic filtered response: %+v", r)
	}
}

// https://fetch.spec.whatwg.org/#concept-filtered-response-opaque and
// #concept-filtered-response-opaque-redirect.
func TestOpaqueFilteredResponses(t *testing.T) {
	req, _ := http.NewRequest("GET", "https://b.example/", nil)
	resp := &http.Response{
		Status: "302 Found", StatusCode: 302, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Location": {"/x"}, "Content-Length": {"5"}}, Trailer: http.Header{"X-T": {"1"}},
		Body: io.NopCloser(strings.NewReader("hello")), ContentLength: 5, Request: req,
	}
	for name, f := range map[string]func(*http.Response) *http.Response{"opaque": OpaqueFilteredResponse, "opaqueredirect": OpaqueRedirectFilteredResponse} {
		r := f(resp)
		b, _ := io.ReadAll(r.Body)
		if r.StatusCode != 0 || r.Status != "" || len(r.Header) != 0 || r.Trailer != nil || len(b) != 0 || r.ContentLength != 0 || r.Request != req {
			t.Errorf("%s: %+v", name, r)
		}
	}
}

// Trailers arrive after the filter ran; a CORS filtered response drops them.
func TestCORSFilteredResponseNoTrailers(t *testing.T) {
	r := CORSFilteredResponse(&http.Response{Header: http.Header{}, Trailer: http.Header{"X-T": {"1"}}}, false)
	if r.Trailer != nil {
		t.Error("trailers must not be exposed")
	}
	if len(r.Header) != 0 {
		t.Errorf("headers %v", r.Header)
	}
}

// The in-place filters leave exactly what the copying ones return, for a
// short exposed list, a long one (kept as a set) and odd key cases, and
// allocate nothing for a short list.
// See https://fetch.spec.whatwg.org/#concept-filtered-response-cors.
func TestFilterInPlaceMatchesCopy(t *testing.T) {
	long := make([]string, 2*nameSetMapThreshold)
	for i := range long {
		long[i] = "x-e" + strconv.Itoa(i)
	}
	header := func() http.Header {
		h := http.Header{
			"Content-Type": {"text/plain"},
			"Expires":      {"0"},
			"X-Custom":     {"a", "b"},
			"x-lower":      {"1"},
			"Date":         {"x"},
			"Set-Cookie":   {"a=b"},
			"set-cookie2":  {"c=d"},
		}
		for _, n := range long {
			h[http.CanonicalHeaderKey(n)] = []string{n}
		}
		return h
	}
	for _, exposed := range [][]string{nil, {"x-custom", "X-LOWER"}, {"*"}, {"set-cookie", "x-custom"}, append([]string{"x-custom", "set-cookie2"}, long...)} {
		want := FilterCORS(header(), exposed)
		got := header()
		FilterCORSInPlace(got, exposed)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("exposed %.40v: in place\n%v\nwant\n%v", exposed, got, want)
		}
	}
	want := FilterBasic(header())
	got := header()
	FilterBasicInPlace(got)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("basic: in place\n%v\nwant\n%v", got, want)
	}
	allocs := testing.AllocsPerRun(100, func() {
		h := http.Header{"Content-Type": nil, "X-Custom": nil}
		FilterCORSInPlace(h, []string{"x-custom"})
		FilterBasicInPlace(h)
	})
	// The map literal itself allocates once.
	if allocs > 1 {
		t.Errorf("in-place filtering allocated %.0f times, want none beyond the map", allocs)
	}
}

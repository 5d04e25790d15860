package fetch

import (
	"context"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// TypeOf reads the type from resp.Request and is 0 for anything else.
func TestTypeOf(t *testing.T) {
	if TypeOf(nil) != 0 || TypeOf(&http.Response{}) != 0 {
		t.Error("TypeOf of a foreign response is not 0")
	}
	a := newSite(t)
	resp, err := http.Get(a.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if TypeOf(resp) != 0 {
		t.Errorf("plain http.Transport response has type %v", TypeOf(resp))
	}
	for rt, want := range map[ResponseType]string{ResponseBasic: "basic", ResponseCORS: "cors", ResponseOpaque: "opaque", ResponseOpaqueRedirect: "opaqueredirect", 0: ""} {
		if rt.String() != want {
			t.Errorf("%d.String() = %q, want %q", rt, rt.String(), want)
		}
	}
}

// Trace hooks fire in order and compose with hooks already in the context.
func TestClientTrace(t *testing.T) {
	a, b := newSite(t), newSite(t)
	var events []string
	inner := &ClientTrace{
		PreflightStart: func(r *http.Request) { events = append(events, "start "+r.Method) },
		PreflightDone: func(r *http.Response, err error) {
			if err == nil && r != nil {
				events = append(events, "done ok")
			} else {
				events = append(events, "done err")
			}
		},
		CacheHit:  func(string) { events = append(events, "hit") },
		CacheMiss: func(string) { events = append(events, "miss") },
		Redirect:  func(from, to string, status int) { events = append(events, "redirect") },
		Blocked:   func(error) { events = append(events, "blocked") },
	}
	outerCalls := 0
	ctx := WithClientTrace(context.Background(), inner)
	ctx = WithClientTrace(ctx, &ClientTrace{CacheMiss: func(string) { outerCalls++ }})
	tr := &Transport{Origin: a.origin()}
	send := func(url string) {
		req, _ := http.NewRequestWithContext(ctx, "PUT", url, nil)
		if resp, err := tr.RoundTrip(req); err == nil {
			resp.Body.Close()
		}
	}
	send(b.URL + "/?acao=*&acam=PUT&maxage=60&status=307&location=" + "%2Fx%3Facao%3D*%26acam%3DPUT%26maxage%3D60")
	send(b.URL + "/?acao=*&acam=PUT&maxage=60&status=307&location=" + "%2Fx%3Facao%3D*%26acam%3DPUT%26maxage%3D60")
	send(b.URL + "/?acao=*")
	want := []string{
		"miss", "start OPTIONS", "done ok", "redirect", "miss", "start OPTIONS", "done ok",
		"hit", "redirect", "hit",
		"miss", "start OPTIONS", "done err", "blocked",
	}
	if len(events) != len(want) {
		t.Fatalf("events %q\nwant   %q", events, want)
	}
	for i := range want {
		if events[i] != want[i] {
			t.Fatalf("events %q\nwant   %q", events, want)
		}
	}
	if outerCalls != 3 {
		t.Errorf("outer CacheMiss called %d times, want 3", outerCalls)
	}
	if WithClientTrace(ctx, nil) != ctx || ContextClientTrace(context.Background()) != nil {
		t.Error("nil trace handling")
	}
}

// ContextOptions returns what WithOptions stored.
func TestContextOptions(t *testing.T) {
	if _, ok := ContextOptions(context.Background()); ok {
		t.Error("options in an empty context")
	}
	o := Options{Mode: ModeNoCORS, Referrer: "https://a.example/"}
	got, ok := ContextOptions(WithOptions(context.Background(), o))
	if !ok || got != o {
		t.Errorf("got %+v", got)
	}
	for _, s := range []interface{ String() string }{ModeNavigate, CredentialsInclude, RedirectManual, Mode(9), KindCORS, ForbiddenMethod} {
		if s.String() == "" {
			t.Errorf("%T has no name", s)
		}
	}
}

// filter removes headers from the response's own map in place; the result
// is what cors.FilterCORS and cors.FilterBasic give, for short exposed lists
// and for lists long enough to be turned into a set.
// See https://fetch.spec.whatwg.org/#concept-filtered-response-cors and
// https://fetch.spec.whatwg.org/#concept-filtered-response-basic.
func TestFilterMatchesCORSPackage(t *testing.T) {
	many := make([]string, 40) // more than cors turns into a set
	for i := range many {
		many[i] = "x-e" + strconv.Itoa(i)
	}
	tests := []struct {
		name     string
		aceh     []string // Access-Control-Expose-Headers values
		cred     bool
		lowerKey bool // the ACEH key is "access-control-expose-headers"
	}{
		{name: "no ACEH"},
		{name: "one name, other case", aceh: []string{"X-CUSTOM"}},
		{name: "8 names", aceh: []string{strings.Join(many[:8], ",")}},
		{name: "40 names", aceh: []string{strings.Join(many, ",")}},
		{name: "* without credentials", aceh: []string{"*"}},
		{name: "* with credentials", aceh: []string{"*"}, cred: true},
		{name: "Set-Cookie exposed by name", aceh: []string{"set-cookie, x-custom"}},
		{name: "bad list voids it", aceh: []string{"x-custom, ,(bad)"}},
		{name: "non-canonical ACEH key", aceh: []string{"x-custom"}, lowerKey: true},
	}
	header := func(aceh []string, lowerKey bool) http.Header {
		h := http.Header{
			"Content-Type":   {"text/plain"},
			"Content-Length": {"5"},
			"Cache-Control":  {"no-store"},
			"X-Custom":       {"a", "b"},
			"Date":           {"Mon, 01 Jan 2026 00:00:00 GMT"},
			"Set-Cookie":     {"a=b"},
			"Set-Cookie2":    {"c=d"},
			"x-lower":        {"1"},
		}
		for _, n := range many {
			h[http.CanonicalHeaderKey(n)] = []string{n}
		}
		switch {
		case aceh != nil && lowerKey:
			h["access-control-expose-headers"] = aceh
		case aceh != nil:
			h["Access-Control-Expose-Headers"] = aceh
		}
		return h
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cred := CredentialsSameOrigin
			if tc.cred {
				cred = CredentialsInclude
			}
			for _, taint := range []tainting{taintCORS, taintBasic} {
				f := &fetchState{orig: &http.Request{}, cred: cred, tainting: taint}
				got := f.filter(&http.Response{Header: header(tc.aceh, tc.lowerKey), Trailer: http.Header{"X": {"1"}}})
				var want http.Header
				if taint == taintCORS {
					h := header(tc.aceh, tc.lowerKey)
					want = cors.FilterCORS(h, cors.ExposedHeaderNames(h, tc.cred))
				} else {
					want = cors.FilterBasic(header(tc.aceh, tc.lowerKey))
				}
				if !reflect.DeepEqual(got.Header, want) {
					t.Errorf("tainting %d: headers\n%v\nwant\n%v", taint, got.Header, want)
				}
				if got.Trailer != nil {
					t.Errorf("tainting %d: trailer %v kept", taint, got.Trailer)
				}
			}
		})
	}
}

// The Transport's own allocations for a simple CORS GET, beyond those of
// its Base: the fetch state, the shallow request copy and the header map of
// the request it sends (BENCHMARKS.md counts the whole client and server).
func TestSimpleGETAllocs(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("allocation counts differ under -cover and -race")
	}
	var respHeader http.Header
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		clear(respHeader)
		respHeader["Access-Control-Allow-Origin"] = []string{"*"}
		respHeader["Content-Type"] = []string{"text/plain"}
		respHeader["X-Custom"] = []string{"1"}
		return &http.Response{StatusCode: 200, Header: respHeader, Body: http.NoBody, Request: r}, nil
	})
	respHeader = make(http.Header)
	tr := &Transport{Base: base, Origin: "https://app.example"}
	req, err := http.NewRequest("GET", "http://api.example/data", nil)
	if err != nil {
		t.Fatal(err)
	}
	baseAllocs := testing.AllocsPerRun(200, func() { base.RoundTrip(req) })
	allocs := testing.AllocsPerRun(200, func() {
		if _, err := tr.RoundTrip(req); err != nil {
			t.Fatal(err)
		}
	})
	const max = 4
	if got := allocs - baseAllocs; got > max {
		t.Errorf("RoundTrip allocates %v times beyond its Base, want at most %d", got, max)
	}
}

package fetch

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// wireLog is a Base that records the host and request target of every
// request it is given and answers each with a permissive CORS response.
type wireLog struct {
	mu   sync.Mutex
	sent []string // "METHOD host target[ with userinfo]"
}

func (l *wireLog) RoundTrip(r *http.Request) (*http.Response, error) {
	l.mu.Lock()
	s := r.Method + " " + r.URL.Host + " " + r.URL.RequestURI()
	if r.URL.User != nil {
		s += " with userinfo" // net/http would send Authorization: Basic
	}
	l.sent = append(l.sent, s)
	l.mu.Unlock()
	h := http.Header{
		"Access-Control-Allow-Origin":  {"*"},
		"Access-Control-Allow-Methods": {"PUT"},
		"Access-Control-Max-Age":       {"600"},
	}
	return &http.Response{StatusCode: 200, Header: h, Body: http.NoBody, Request: r}, nil
}

func (l *wireLog) log() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.sent...)
}

// An http(s) URL whose serialization (the preflight cache key) and wire
// target (Host, request-target) disagree is rejected before anything is
// sent: otherwise a preflight to one host is cached under another's URL.
// See https://fetch.spec.whatwg.org/#concept-cache-create-entry.
func TestInconsistentURLRejected(t *testing.T) {
	for _, u := range []*url.URL{
		{Scheme: "http", Host: "friendly", Opaque: "//victim/account"},
		{Scheme: "http", Host: "friendly", Opaque: "/x"},
		{Scheme: "https", Host: "friendly", Opaque: "x"},
		{Scheme: "http", Host: "victim/account"},
		{Scheme: "http", Host: "victim?x"},
		{Scheme: "http", Host: "victim#x"},
		{Scheme: "http", Host: "friendly@victim"},
		{Scheme: "http", Host: "friendly", Path: "/a", RawQuery: "q#frag"},
		{Scheme: "http", Host: "friendly", Path: "x"},
		{Scheme: "http", Host: "friendly", Path: "/a", RawPath: "%2Fa"},
		{Scheme: "http", Host: "friendly", Path: "*"},
	} {
		base := &wireLog{}
		tr := &Transport{Base: base, Origin: "https://page.example"}
		req := &http.Request{Method: "PUT", URL: u, Header: http.Header{}}
		resp, err := tr.RoundTrip(req)
		var re *RequestError
		if !errors.As(err, &re) || !errors.Is(err, ErrInvalidRequest) || re.Kind != BadRequestValue {
			t.Errorf("%#v: resp %v err %v, want a BadRequestValue *RequestError", u, resp, err)
		}
		if sent := base.log(); len(sent) != 0 {
			t.Errorf("%#v: sent %q, want nothing", u, sent)
		}
	}
}

// URLs that serialize to what they send are accepted, and the preflight
// cache key and the wire target come from the same URL.
func TestConsistentURLAccepted(t *testing.T) {
	for _, tc := range []struct {
		u    *url.URL
		wire string // host and target sent
	}{
		{&url.URL{Scheme: "http", Host: "api.example", Path: "/data"}, "api.example /data"},
		{&url.URL{Scheme: "http", Host: "api.example"}, "api.example /"},
		{&url.URL{Scheme: "http", Host: "[::1]:8080", Path: "/x", RawQuery: "a=b"}, "[::1]:8080 /x?a=b"},
		{&url.URL{Scheme: "http", Host: "bücher.example", Path: "/a b"}, "bücher.example /a%20b"},
		{&url.URL{Scheme: "http", Host: "api.example", Path: "//victim/x"}, "api.example //victim/x"},
		{&url.URL{Scheme: "http", Host: "api.example", Path: "/a", Fragment: "f"}, "api.example /a"},
		{&url.URL{Scheme: "http", Host: "api.example", Path: "/a", User: url.User("")}, "api.example /a"},
	} {
		base := &wireLog{}
		tr := &Transport{Base: base, Origin: "https://page.example"}
		req := &http.Request{Method: "PUT", URL: tc.u, Header: http.Header{}}
		resp, err := tr.RoundTrip(req)
		if err != nil {
			t.Errorf("%#v: %v", tc.u, err)
			continue
		}
		resp.Body.Close()
		want := []string{"OPTIONS " + tc.wire, "PUT " + tc.wire}
		if got := base.log(); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%#v: sent %q, want %q", tc.u, got, want)
		}
	}
}

// The attack of issue 10: a preflight sent to friendly must not be cached
// under victim's URL, so a later PUT to victim is preflighted.
func TestOpaqueURLCannotPoisonPreflightCache(t *testing.T) {
	base := &wireLog{}
	tr := &Transport{Base: base, Origin: "https://page.example"}
	evil := &http.Request{Method: "PUT", Header: http.Header{},
		URL: &url.URL{Scheme: "http", Host: "friendly", Opaque: "//victim/account"}}
	if resp, err := tr.RoundTrip(evil); err == nil {
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	req, _ := http.NewRequest("PUT", "http://victim/account", nil)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var victim []string
	for _, s := range base.log() {
		if strings.Contains(s, " victim ") {
			victim = append(victim, s)
		}
	}
	if want := []string{"OPTIONS victim /account", "PUT victim /account"}; strings.Join(victim, "|") != strings.Join(want, "|") {
		t.Errorf("requests to victim %q, want %q", victim, want)
	}
}

// A redirect to an http(s) URL that has no host (Location "http:x" parses
// with Opaque set) fails at once with KindBadLocation.
func TestRedirectToOpaqueURL(t *testing.T) {
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Host == "" {
			t.Errorf("sent %q, a URL without a host", r.URL)
		}
		h := http.Header{"Location": {"http:victim/account"}, "Access-Control-Allow-Origin": {"*"}}
		return &http.Response{StatusCode: 302, Header: h, Body: http.NoBody, Request: r}, nil
	})
	tr := &Transport{Base: base, Origin: "https://page.example"}
	req, _ := http.NewRequest("GET", "http://api.example/r", nil)
	_, err := tr.RoundTrip(req)
	if networkKind(err) != KindBadLocation {
		t.Fatalf("err %v, want KindBadLocation", err)
	}
}

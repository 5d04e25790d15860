package fetch

import (
	"net/http"
	"slices"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// echoMethodServer answers a preflight as rs/cors, go-chi/cors and
// gorilla/handlers do: Access-Control-Allow-Methods lists only the
// requested method, for 60 s. Actual responses allow the page unless
// failActual is set.
func echoMethodServer(failActual bool) *scripted {
	return &scripted{answer: func(r *http.Request) (int, http.Header) {
		if r.Method == http.MethodOptions {
			return 200, hdr("Access-Control-Allow-Origin: "+quirkPage,
				"Access-Control-Allow-Methods: "+r.Header.Get("Access-Control-Request-Method"),
				"Access-Control-Max-Age: 60")
		}
		if failActual {
			return 200, nil
		}
		return 200, hdr("Access-Control-Allow-Origin: " + quirkPage)
	}}
}

func countOptions(log []string) int {
	n := 0
	for _, l := range log {
		if l[:8] == "OPTIONS " {
			n++
		}
	}
	return n
}

// PUT, DELETE, PUT on one URL against a server that allows only the
// requested method (issue 9): the standard caches PUT and DELETE side by
// side (two preflights); Chromium and WebKit replace the URL's one entry
// (three, cors.Policy.PreflightCacheReplace); Firefox adds them up as the
// standard does (two).
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func TestPreflightCacheShape(t *testing.T) {
	want := map[string]int{"spec": 2, "chromium": 3, "firefox": 2, "webkit": 3}
	url := quirkAPI + "/items/1"
	for _, pr := range presets {
		base := echoMethodServer(false)
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		got := sendAll(t, tr, quirkCall{method: "PUT", url: url}, quirkCall{method: "DELETE", url: url}, quirkCall{method: "PUT", url: url})
		if !slices.Equal(got, []string{"ok OK", "ok OK", "ok OK"}) {
			t.Errorf("%s: outcomes %v", pr.name, got)
		}
		if n := countOptions(base.take()); n != want[pr.name] {
			t.Errorf("%s: %d preflights, want %d", pr.name, n, want[pr.name])
		}
	}
}

// A repeated PUT within max-age preflights once under the standard and
// every preset, and every time under NoPreflightCache, which caches nothing.
func TestNoPreflightCache(t *testing.T) {
	want := map[string]int{"spec": 1, "chromium": 1, "firefox": 1, "webkit": 1, "no-cache": 2}
	for _, pr := range append(presets[:len(presets):len(presets)], struct {
		name string
		p    cors.Policy
	}{"no-cache", cors.Policy{NoPreflightCache: true}}) {
		base := echoMethodServer(false)
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		sendAll(t, tr, quirkCall{method: "PUT", url: quirkAPI + "/r"}, quirkCall{method: "PUT", url: quirkAPI + "/r"})
		if n := countOptions(base.take()); n != want[pr.name] {
			t.Errorf("%s: %d preflights, want %d", pr.name, n, want[pr.name])
		}
		if pr.name == "no-cache" {
			if n := tr.preflightCache().Len(); n != 0 {
				t.Errorf("no-cache: %d keys cached", n)
			}
		}
	}
}

// When the actual response fails its CORS check, the standard clears the
// URL's cache entries (so the next PUT preflights again); Chromium and
// WebKit keep them (cors.Policy.PreflightCacheKeptOnActualFailure).
// See https://fetch.spec.whatwg.org/#main-fetch.
func TestPreflightCacheKeptOnActualFailure(t *testing.T) {
	want := map[string]int{"spec": 2, "chromium": 1, "firefox": 2, "webkit": 1}
	for _, pr := range presets {
		base := echoMethodServer(true)
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		got := sendAll(t, tr, quirkCall{method: "PUT", url: quirkAPI + "/r"}, quirkCall{method: "PUT", url: quirkAPI + "/r"})
		if !slices.Equal(got, []string{"blocked MissingAllowOriginHeader", "blocked MissingAllowOriginHeader"}) {
			t.Errorf("%s: outcomes %v", pr.name, got)
		}
		if n := countOptions(base.take()); n != want[pr.name] {
			t.Errorf("%s: %d preflights, want %d", pr.name, n, want[pr.name])
		}
	}
}

// A failed preflight still clears the URL's entries under
// PreflightCacheKeptOnActualFailure: PUT is cached, a DELETE preflight is
// refused, and the next PUT preflights again (browsers.md §6: "A later
// failing preflight does drop the entry").
func TestFailedPreflightClearsUnderKeptOnActualFailure(t *testing.T) {
	for _, pr := range presets {
		if pr.name == "firefox" {
			continue // no cache at all
		}
		base := &scripted{answer: func(r *http.Request) (int, http.Header) {
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") == "DELETE" {
				return 403, nil
			}
			if r.Method == http.MethodOptions {
				return 200, hdr("Access-Control-Allow-Origin: "+quirkPage, "Access-Control-Allow-Methods: PUT", "Access-Control-Max-Age: 60")
			}
			return 200, hdr("Access-Control-Allow-Origin: " + quirkPage)
		}}
		tr := &Transport{Base: base, Origin: quirkPage, Policy: pr.p}
		url := quirkAPI + "/r"
		got := sendAll(t, tr, quirkCall{method: "PUT", url: url}, quirkCall{method: "DELETE", url: url}, quirkCall{method: "PUT", url: url})
		if got[0] != "ok OK" || got[1] == "ok OK" || got[2] != "ok OK" {
			t.Errorf("%s: outcomes %v", pr.name, got)
		}
		if n := countOptions(base.take()); n != 3 {
			t.Errorf("%s: %d preflights, want 3", pr.name, n)
		}
	}
}

package fetchspec

import (
	"testing"

	"github.com/corsfetch/corsfetch/fetch"
)

// TestOriginHeader: when the Transport adds Origin and with which value.
// See https://fetch.spec.whatwg.org/#append-a-request-origin-header: always
// for cors tainting (null once tainted), for non-GET/HEAD otherwise, "null"
// under no-referrer or a same-origin policy crossing origins; never for
// GET/HEAD with basic or opaque tainting. WPT: fetch/origin/ (assorted) and
// fetch/api/cors/cors-origin.any.js.
func TestOriginHeader(t *testing.T) {
	e := newSpecEnv(t)
	for _, s := range []*specServer{e.A, e.B} {
		s.Route("/o", specRoute{Preflight: specAllowPreflight("PUT, DELETE", "", "0"), Actual: specOK("")})
	}
	rows := []struct {
		name   string
		method string
		srv    *specServer
		o      *fetch.Options
		want   string // "page" for the page origin
	}{
		{"cors cross-origin GET", "GET", e.B, nil, "page"},
		{"cors cross-origin HEAD", "HEAD", e.B, nil, "page"},
		{"cors cross-origin PUT (preflighted)", "PUT", e.B, nil, "page"},
		{"cors same-origin GET", "GET", e.A, nil, "<absent>"},
		{"cors same-origin HEAD", "HEAD", e.A, nil, "<absent>"},
		{"cors same-origin POST (whatwg/fetch 283c2ae)", "POST", e.A, nil, "page"},
		{"cors same-origin DELETE", "DELETE", e.A, nil, "page"},
		{"same-origin mode POST", "POST", e.A, &fetch.Options{Mode: fetch.ModeSameOrigin}, "page"},
		{"same-origin mode GET", "GET", e.A, &fetch.Options{Mode: fetch.ModeSameOrigin}, "<absent>"},
		{"no-cors cross-origin GET", "GET", e.B, &fetch.Options{Mode: fetch.ModeNoCORS}, "<absent>"},
		{"no-cors cross-origin POST", "POST", e.B, &fetch.Options{Mode: fetch.ModeNoCORS}, "page"},
		{"no-cors cross-origin POST no-referrer", "POST", e.B, &fetch.Options{Mode: fetch.ModeNoCORS, ReferrerPolicy: "no-referrer"}, "null"},
		{"no-cors cross-origin POST same-origin policy", "POST", e.B, &fetch.Options{Mode: fetch.ModeNoCORS, ReferrerPolicy: "same-origin"}, "null"},
		{"no-cors same-origin POST same-origin policy", "POST", e.A, &fetch.Options{Mode: fetch.ModeNoCORS, ReferrerPolicy: "same-origin"}, "page"},
		{"cors cross-origin GET no-referrer (cors tainting ignores the policy)", "GET", e.B, &fetch.Options{ReferrerPolicy: "no-referrer"}, "page"},
		{"cors same-origin POST no-referrer (mode cors: policy not applied)", "POST", e.A, &fetch.Options{ReferrerPolicy: "no-referrer"}, "page"},
	}
	for _, r := range rows {
		t.Run(specName(r.name), func(t *testing.T) {
			e.A.Reset()
			e.B.Reset()
			body := ""
			if r.method == "POST" || r.method == "PUT" {
				body = "x"
			}
			_, err := specRT(t, e.T, specNewReq(t, r.method, r.srv.URL("/o"), body), r.o)
			if err != nil {
				t.Fatal(err)
			}
			hits := r.srv.Hits("/o")
			if len(hits) == 0 {
				t.Fatal("nothing received")
			}
			last := hits[len(hits)-1]
			want := r.want
			if want == "page" {
				want = e.Page
			}
			specWantHeader(t, last.Header, r.name, "Origin", want)
		})
	}
}

// TestRefererHeader: Referer comes from Options.Referrer under the referrer
// policy, and the preflight carries the same Referer as the actual request.
// WPT fetch/api/cors/cors-preflight-referrer.any.js (the preflight's
// Referer), fetch/api/basic/referrer.any.js; policies per
// https://w3c.github.io/webappsec-referrer-policy/#determine-requests-referrer
// (default strict-origin-when-cross-origin).
func TestRefererHeader(t *testing.T) {
	e := newSpecEnv(t)
	for _, s := range []*specServer{e.A, e.B} {
		s.Route("/r", specRoute{Preflight: specAllowPreflight("PUT", "", "0"), Actual: specOK("")})
	}
	page := e.Page + "/dir/page.html?q=1#frag"
	full := e.Page + "/dir/page.html?q=1"
	originOnly := e.Page + "/"
	rows := []struct {
		name   string
		method string
		srv    *specServer
		policy fetch.ReferrerPolicy
		want   string
	}{
		{"default policy, same-origin", "GET", e.A, "", full},
		{"default policy, cross-origin", "GET", e.B, "", originOnly},
		{"default policy, cross-origin preflighted", "PUT", e.B, "", originOnly},
		{"no-referrer", "GET", e.B, "no-referrer", "<absent>"},
		{"no-referrer preflighted", "PUT", e.B, "no-referrer", "<absent>"},
		{"unsafe-url cross-origin", "GET", e.B, "unsafe-url", full},
		{"unsafe-url cross-origin preflighted", "PUT", e.B, "unsafe-url", full},
		{"origin same-origin", "GET", e.A, "origin", originOnly},
		{"same-origin policy, same-origin", "GET", e.A, "same-origin", full},
		{"same-origin policy, cross-origin", "GET", e.B, "same-origin", "<absent>"},
		{"strict-origin cross-origin", "GET", e.B, "strict-origin", originOnly},
		{"no-referrer-when-downgrade cross-origin", "GET", e.B, "no-referrer-when-downgrade", full},
		{"origin-when-cross-origin cross-origin", "GET", e.B, "origin-when-cross-origin", originOnly},
		{"origin-when-cross-origin same-origin", "GET", e.A, "origin-when-cross-origin", full},
	}
	for _, r := range rows {
		t.Run(specName(r.name), func(t *testing.T) {
			e.A.Reset()
			e.B.Reset()
			_, err := specRT(t, e.T, specNewReq(t, r.method, r.srv.URL("/r"), ""), &fetch.Options{Referrer: page, ReferrerPolicy: r.policy})
			if err != nil {
				t.Fatal(err)
			}
			hits := r.srv.Hits("/r")
			if r.method == "PUT" {
				if len(hits) != 2 || hits[0].Method != "OPTIONS" {
					t.Fatalf("want a preflight then PUT, got %v", specMethods(hits))
				}
				specWantHeader(t, hits[0].Header, "preflight", "Referer", r.want)
			}
			if len(hits) == 0 {
				t.Fatal("nothing received")
			}
			specWantHeader(t, hits[len(hits)-1].Header, "actual", "Referer", r.want)
		})
	}
	t.Run("no referrer", func(t *testing.T) {
		e.B.Reset()
		if _, err := specRT(t, e.T, specNewReq(t, "GET", e.B.URL("/r"), ""), nil); err != nil {
			t.Fatal(err)
		}
		if hits := e.B.Hits("/r"); len(hits) == 1 {
			specAbsent(t, hits[0].Header, "Options.Referrer empty", "Referer")
		}
	})
}

package examples_test

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rs/cors"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
	corsfetch "github.com/corsfetch/corsfetch/fetch/cors"
)

// rs/cors answers a preflight's Access-Control-Allow-Methods with only the
// requested method, so PUT, DELETE, PUT on one URL costs two preflights
// under the standard and in Firefox (their caches keep PUT and DELETE side
// by side) and three in Chromium and WebKit (one entry per URL, replaced
// whole): issue 9, checked against the engines in spec_test/browser.
func TestPresetsAgainstRSCors(t *testing.T) {
	want := map[string]int32{"spec": 2, "chromium": 3, "firefox": 2, "webkit": 3}
	for _, pr := range []struct {
		name string
		p    corsfetch.Policy
	}{{"spec", corsfetch.Policy{}}, {"chromium", corsfetch.ChromiumPolicy()}, {"firefox", corsfetch.FirefoxPolicy()}, {"webkit", corsfetch.WebKitPolicy()}} {
		var n atomic.Int32
		mw := cors.New(cors.Options{AllowedOrigins: appOnly, AllowedMethods: []string{"PUT", "DELETE"}, MaxAge: 60})
		tr := &fetch.Transport{Base: &corstest.HandlerTransport{Handler: countPreflights(mw.Handler(itemsAPI), &n)}, Origin: page, Policy: pr.p}
		for _, m := range []string{"PUT", "DELETE", "PUT"} {
			req, _ := http.NewRequest(m, apiURL, strings.NewReader("{}"))
			resp, err := tr.RoundTrip(req)
			if err != nil {
				t.Fatalf("%s: %s: %v", pr.name, m, err)
			}
			resp.Body.Close()
		}
		if got := n.Load(); got != want[pr.name] {
			t.Errorf("%s: %d preflights, want %d", pr.name, got, want[pr.name])
		}
	}
}

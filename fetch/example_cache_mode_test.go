package fetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// Options.Cache is fetch()'s cache option. The Transport keeps no HTTP
// cache; the mode shows in the request's Pragma and Cache-Control, and,
// under ChromiumPolicy, in whether the preflight cache is used.
func ExampleCacheMode() {
	var preflights atomic.Int32
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		if r.Method == http.MethodOptions {
			preflights.Add(1)
			w.Header().Set("Access-Control-Allow-Methods", "PUT")
			w.Header().Set("Access-Control-Max-Age", "600")
			return
		}
		fmt.Printf("%s Pragma=%q Cache-Control=%q\n", r.Method, r.Header.Get("Pragma"), r.Header.Get("Cache-Control"))
	}))
	defer api.Close()

	for _, p := range []struct {
		name   string
		policy cors.Policy
	}{{"standard", cors.Policy{}}, {"chromium", cors.ChromiumPolicy()}} {
		preflights.Store(0)
		tr := &fetch.Transport{Origin: "https://app.example", Policy: p.policy}
		for _, mode := range []fetch.CacheMode{fetch.CacheDefault, fetch.CacheReload} {
			ctx := fetch.WithOptions(context.Background(), fetch.Options{Cache: mode})
			req, _ := http.NewRequestWithContext(ctx, http.MethodPut, api.URL+"/r", nil)
			resp, err := tr.RoundTrip(req)
			if err != nil {
				fmt.Println(err)
				return
			}
			resp.Body.Close()
		}
		tr.CloseIdleConnections()
		fmt.Println(p.name, "preflights:", preflights.Load())
	}
	// Output:
	// PUT Pragma="" Cache-Control=""
	// PUT Pragma="no-cache" Cache-Control="no-cache"
	// standard preflights: 1
	// PUT Pragma="" Cache-Control=""
	// PUT Pragma="no-cache" Cache-Control="no-cache"
	// chromium preflights: 2
}

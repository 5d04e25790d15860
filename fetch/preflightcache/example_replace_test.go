package preflightcache_test

import (
	"fmt"
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// A server that allows only the requested method grants PUT, then DELETE,
// on one URL. The standard's cache (Store) then covers both; Chromium's and
// WebKit's shape (Replace) only the last.
func ExampleCache_Replace() {
	k := preflightcache.Key{Origin: "https://app.example", URL: "https://api.example/items/1"}
	grant := func(m string) *cors.PreflightResult {
		return &cors.PreflightResult{Methods: []string{m}, MaxAge: time.Minute}
	}
	var spec, chromium preflightcache.Cache
	for _, m := range []string{"PUT", "DELETE"} {
		spec.Store(k, grant(m))
		chromium.Replace(k, grant(m))
	}
	fmt.Println("spec covers PUT:", spec.Covers(k, false, "PUT", true, nil))
	fmt.Println("chromium covers PUT:", chromium.Covers(k, false, "PUT", true, nil))
	fmt.Println("chromium covers DELETE:", chromium.Covers(k, false, "DELETE", true, nil))
	// Output:
	// spec covers PUT: true
	// chromium covers PUT: false
	// chromium covers DELETE: true
}

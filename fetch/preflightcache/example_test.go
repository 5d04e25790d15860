package preflightcache_test

import (
	"fmt"
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// A preflight for PUT with X-Token is stored, and a later identical request
// is answered from the cache; a credentialed request is not, because the
// entries came from a preflight without credentials.
func ExampleCache() {
	var c preflightcache.Cache // the zero value is ready to use
	k := preflightcache.Key{Origin: "https://app.example", URL: "https://api.example/items"}

	// What cors.CheckPreflightResponse returned for the preflight.
	c.Store(k, &cors.PreflightResult{
		Methods: []string{"PUT"},
		Headers: []string{"x-token"},
		MaxAge:  10 * time.Minute,
	})

	fmt.Println(c.Covers(k, false, "PUT", true, []string{"x-token"}))
	fmt.Println(c.Covers(k, false, "PUT", true, []string{"x-token", "x-other"}))
	fmt.Println(c.Covers(k, true, "PUT", true, []string{"x-token"}))
	// Output:
	// true
	// false
	// false
}

// An injected clock makes expiry testable without sleeping.
func ExampleNew() {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := preflightcache.New(&preflightcache.Options{
		MaxEntries: 100,
		Now:        func() time.Time { return now },
	})
	k := preflightcache.Key{Origin: "https://app.example", URL: "https://api.example/items"}
	c.Store(k, &cors.PreflightResult{Methods: []string{"DELETE"}, MaxAge: 5 * time.Second})

	fmt.Println(c.MatchMethod(k, false, "DELETE"))
	now = now.Add(5 * time.Second) // max-age has passed
	fmt.Println(c.MatchMethod(k, false, "DELETE"))
	// Output:
	// true
	// false
}

// A wildcard header entry covers any name except Authorization.
func ExampleCache_MatchHeader() {
	var c preflightcache.Cache
	k := preflightcache.Key{Origin: "https://app.example", URL: "https://api.example/items"}
	c.Store(k, &cors.PreflightResult{Headers: []string{"*"}, MaxAge: time.Minute})

	fmt.Println(c.MatchHeader(k, false, "X-Anything"))
	fmt.Println(c.MatchHeader(k, false, "Authorization"))
	// Output:
	// true
	// false
}

// When a preflighted request fails its CORS check, the Transport clears the
// entries of its origin and URL, so the next request preflights again.
func ExampleCache_Clear() {
	var c preflightcache.Cache
	k := preflightcache.Key{Origin: "https://app.example", URL: "https://api.example/items"}
	c.Store(k, &cors.PreflightResult{Methods: []string{"PUT"}, MaxAge: time.Minute})

	c.Clear(k)
	fmt.Println(c.MatchMethod(k, false, "PUT"))
	// Output:
	// false
}

// Stats counts lookups and removals, for tracing.
func ExampleCache_Stats() {
	c := preflightcache.New(&preflightcache.Options{MaxEntries: 1})
	a := preflightcache.Key{Origin: "https://app.example", URL: "https://api.example/a"}
	b := preflightcache.Key{Origin: "https://app.example", URL: "https://api.example/b"}
	r := &cors.PreflightResult{Methods: []string{"PUT"}, MaxAge: time.Minute}

	c.Store(a, r)
	c.MatchMethod(a, false, "PUT")  // hit
	c.MatchMethod(a, false, "POST") // miss
	c.Store(b, r)                   // evicts a: the bound is one key
	fmt.Printf("%+v\n", c.Stats())
	// Output:
	// {Hits:1 Misses:1 Evictions:1 Expirations:0 Keys:1 Bytes:227}
}

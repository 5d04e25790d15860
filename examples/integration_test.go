package examples_test

// This file is the pattern a server author copies into their own repository:
// build the real handler, CORS middleware and all, and ask for each page
// that may call it "would a browser let this page make this request?".
// Nothing listens on a socket; every request takes microseconds.

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/rs/cors"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
	corsfetch "github.com/corsfetch/corsfetch/fetch/cors"
)

// newServer stands for your application's handler as main() builds it:
// routes, authentication, and the CORS middleware outermost, so that
// preflights (which never carry credentials) are answered before
// authentication can reject them.
func newServer() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "42")
		fmt.Fprintf(w, `{"id":%q}`, r.PathValue("id"))
	})
	mux.HandleFunc("PUT /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	c := cors.New(cors.Options{
		AllowedOrigins:   []string{"https://app.example", "https://*.admin.example"},
		AllowedMethods:   []string{http.MethodGet, http.MethodPut},
		AllowedHeaders:   []string{"Authorization", "Content-Type"},
		ExposedHeaders:   []string{"X-Request-Id"},
		AllowCredentials: true,
		MaxAge:           600,
	})
	return c.Handler(requireToken(mux))
}

// requireToken rejects requests without a bearer token.
func requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// TestServerCORS asks, for each page and request, what a browser decides:
// one row per case.
func TestServerCORS(t *testing.T) {
	srv := newServer()
	const app, api = "https://app.example", "https://api.example/items/7"
	token := http.Header{"Authorization": {"Bearer t"}}
	putJSON := http.Header{"Authorization": {"Bearer t"}, "Content-Type": {"application/json"}}
	include := fetch.CredentialsInclude
	for _, c := range []corstest.Case{
		{Name: "app reads an item", Origin: app, URL: api, Header: token, Want: corstest.Allowed, Status: 200, Readable: []string{"X-Request-Id"}},
		{Name: "app updates an item with credentials", Origin: app, URL: api, Method: "PUT", Body: `{"name":"x"}`, Header: putJSON, Credentials: include, Want: corstest.Allowed, Status: 204},
		{Name: "admin subdomain", Origin: "https://eu.admin.example", URL: api, Method: "PUT", Body: `{"name":"x"}`, Header: putJSON, Want: corstest.Allowed, Status: 204},
		// A 401 carries the CORS headers too, so the page can read it and
		// ask the user to sign in, instead of seeing "Failed to fetch".
		{Name: "app without a token sees the 401", Origin: app, URL: api, Want: corstest.Allowed, Status: 401},
		{Name: "other site cannot read", Origin: "https://evil.example", URL: api, Header: token, Want: corstest.Blocked, Reason: corsfetch.PreflightMissingAllowOriginHeader},
		{Name: "other site cannot even read a 401", Origin: "https://evil.example", URL: api, Want: corstest.Blocked, Reason: corsfetch.MissingAllowOriginHeader},
		{Name: "plain http page is another origin", Origin: "http://app.example", URL: api, Want: corstest.Blocked, Reason: corsfetch.MissingAllowOriginHeader},
		{Name: "DELETE is not allowed", Origin: app, URL: api, Method: "DELETE", Header: token, Want: corstest.Blocked, Reason: corsfetch.PreflightMissingAllowOriginHeader},
		{Name: "unlisted header", Origin: app, URL: api, Header: http.Header{"Authorization": {"Bearer t"}, "X-Trace": {"1"}}, Want: corstest.Blocked, Reason: corsfetch.PreflightMissingAllowOriginHeader},
	} {
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			corstest.Expect(t, srv, c)
		})
	}
}

// TestMiddlewareOrder shows the bug the test above guards against: with
// authentication outside the CORS middleware, the preflight (which carries
// no Authorization) gets a 401 without CORS headers, and a browser blocks
// every request that needs a preflight, although the request itself would
// have been accepted.
func TestMiddlewareOrder(t *testing.T) {
	c := cors.New(cors.Options{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut},
		AllowedHeaders: []string{"Authorization"},
	})
	noContent := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	put := corstest.Case{Origin: "https://app.example", Method: "PUT", URL: "https://api.example/items/7", Header: http.Header{"Authorization": {"Bearer t"}}}

	corsOutside := put
	corsOutside.Name, corsOutside.Want = "CORS outside authentication", corstest.Allowed
	corstest.Expect(t, c.Handler(requireToken(noContent)), corsOutside)

	authOutside := put
	authOutside.Name, authOutside.Want, authOutside.Reason = "authentication outside CORS", corstest.Blocked, corsfetch.PreflightMissingAllowOriginHeader
	corstest.Expect(t, requireToken(c.Handler(noContent)), authOutside)
}

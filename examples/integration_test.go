package examples_test

// This file is the pattern a server author copies into their own repository:
// build the real handler, CORS middleware and all, and ask for each page
// that may call it "would a browser let this page make this request?".
// Nothing listens on a socket; every request takes microseconds.

import (
	"context"
	"errors"
	"fmt"
	"io"
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

// TestServerCORS asks, for each page and request, what a browser decides.
func TestServerCORS(t *testing.T) {
	srv := newServer()
	token := map[string]string{"Authorization": "Bearer t"}
	putJSON := map[string]string{"Authorization": "Bearer t", "Content-Type": "application/json"}
	tests := []struct {
		name        string
		origin      string // the page's origin
		method      string
		header      map[string]string
		credentials bool // fetch(..., {credentials: "include"})

		wantReason   corsfetch.Reason // ReasonNone: the page gets the response
		wantStatus   int              // when allowed
		wantReadable string           // when allowed: a response header the page can read ("" for none)
	}{
		{name: "app reads an item", origin: "https://app.example", method: "GET", header: token,
			wantStatus: 200, wantReadable: "X-Request-Id"},
		{name: "app updates an item with credentials", origin: "https://app.example", method: "PUT", header: putJSON, credentials: true,
			wantStatus: 204},
		{name: "admin subdomain", origin: "https://eu.admin.example", method: "PUT", header: putJSON,
			wantStatus: 204},
		// A 401 carries the CORS headers too, so the page can read it and
		// ask the user to sign in, instead of seeing "Failed to fetch".
		{name: "app without a token sees the 401", origin: "https://app.example", method: "GET",
			wantStatus: 401},
		{name: "other site cannot read", origin: "https://evil.example", method: "GET", header: token,
			wantReason: corsfetch.PreflightMissingAllowOriginHeader},
		{name: "other site cannot even read a 401", origin: "https://evil.example", method: "GET",
			wantReason: corsfetch.MissingAllowOriginHeader},
		{name: "plain http page is another origin", origin: "http://app.example", method: "GET",
			wantReason: corsfetch.MissingAllowOriginHeader},
		{name: "DELETE is not allowed", origin: "https://app.example", method: "DELETE", header: token,
			wantReason: corsfetch.PreflightMissingAllowOriginHeader},
		{name: "unlisted header", origin: "https://app.example", method: "GET",
			header:     map[string]string{"Authorization": "Bearer t", "X-Trace": "1"},
			wantReason: corsfetch.PreflightMissingAllowOriginHeader},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client := corstest.NewClient(srv, tt.origin)
			opts := fetch.Options{}
			if tt.credentials {
				opts.Credentials = fetch.CredentialsInclude
			}
			ctx := fetch.WithOptions(context.Background(), opts)
			var body io.Reader
			if tt.method == "PUT" {
				body = strings.NewReader(`{"name":"x"}`)
			}
			req, err := http.NewRequestWithContext(ctx, tt.method, "https://api.example/items/7", body)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.header {
				req.Header.Set(k, v)
			}

			resp, err := client.Do(req)

			var blocked *corsfetch.Error
			if errors.As(err, &blocked) {
				if blocked.Reason != tt.wantReason {
					t.Fatalf("blocked with %v, want %v\n%s", blocked.Reason, tt.wantReason, blocked.ConsoleMessage())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if tt.wantReason != corsfetch.ReasonNone {
				t.Fatalf("allowed (status %d), want blocked with %v", resp.StatusCode, tt.wantReason)
			}
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if tt.wantReadable != "" && resp.Header.Get(tt.wantReadable) == "" {
				t.Errorf("the page cannot read %s; it can read %v", tt.wantReadable, resp.Header)
			}
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
	for _, tc := range []struct {
		name    string
		handler http.Handler
		want    corsfetch.Reason
	}{
		{"CORS outside authentication", c.Handler(requireToken(noContent)), corsfetch.ReasonNone},
		{"authentication outside CORS", requireToken(c.Handler(noContent)), corsfetch.PreflightMissingAllowOriginHeader},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest("PUT", "https://api.example/items/7", nil)
			req.Header.Set("Authorization", "Bearer t")
			resp, err := corstest.NewTransport(tc.handler, "https://app.example").RoundTrip(req)
			got := corsfetch.ReasonNone
			var blocked *corsfetch.Error
			switch {
			case errors.As(err, &blocked):
				got = blocked.Reason
			case err != nil:
				t.Fatal(err)
			default:
				resp.Body.Close()
			}
			if got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

package examples_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/rs/cors"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
	corsfetch "github.com/corsfetch/corsfetch/fetch/cors"
)

const (
	page   = "https://app.example"
	apiURL = "https://api.example/items/1"
)

var appOnly = []string{page}

// countPreflights wraps h and counts the CORS-preflight requests it sees.
func countPreflights(h http.Handler, n *atomic.Int32) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			n.Add(1)
		}
		h.ServeHTTP(w, r)
	})
}

// methodRouter is an application router that knows GET and PUT on
// /items/{id} and answers 405 to anything else, OPTIONS included.
func methodRouter() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /items/{id}", itemsAPI)
	mux.Handle("PUT /items/{id}", itemsAPI)
	return mux
}

// What a browser does with typical rs/cors configurations. Each row is a
// fresh page (its own preflight cache) making the same request `repeat`
// times. The expectations follow from rs/cors v1.11.1's source (cors.go:
// handlePreflight, handleActualRequest) and the Fetch Standard's CORS
// check (https://fetch.spec.whatwg.org/#concept-cors-check) and
// CORS-preflight fetch (https://fetch.spec.whatwg.org/#cors-preflight-fetch-0);
// the reasons are Chromium's names for the failures.
func TestRSCorsConfigurations(t *testing.T) {
	json := map[string]string{"Content-Type": "application/json"}
	tests := []struct {
		name        string
		cors        *cors.Cors
		app         http.Handler // behind the middleware; nil means itemsAPI
		origin      string       // "" means page
		method      string
		header      map[string]string
		credentials bool // credentials: "include", with a session cookie in the jar
		repeat      int  // 0 means 1

		wantReason     corsfetch.Reason // ReasonNone: allowed
		wantParam      string           // the blocked error's Offending
		wantPreflights int32            // preflights the server saw, all repeats together
		wantStatus     int              // when allowed; 0 means 200
		wantReadable   []string         // when allowed and non-nil: the headers the page can read
		wantCookie     bool             // when allowed: the request carried the cookie
	}{
		// cors.Default(): every origin (ACAO *), GET/POST/HEAD, and the
		// request headers Accept, Content-Type and X-Requested-With.
		{name: "Default/simple GET", cors: cors.Default(), method: "GET",
			wantReadable: []string{"Content-Length", "Content-Type"}},
		{name: "Default/GET from any origin", cors: cors.Default(), origin: "https://anyone.example", method: "GET"},
		{name: "Default/POST text/plain is simple", cors: cors.Default(), method: "POST",
			header: map[string]string{"Content-Type": "text/plain"}},
		{name: "Default/POST JSON is preflighted and allowed", cors: cors.Default(), method: "POST", header: json,
			wantPreflights: 1},
		{name: "Default/X-Requested-With is allowed", cors: cors.Default(), method: "GET",
			header: map[string]string{"X-Requested-With": "XMLHttpRequest"}, wantPreflights: 1},
		{name: "Default/PUT is not allowed", cors: cors.Default(), method: "PUT", header: json,
			wantReason: corsfetch.PreflightMissingAllowOriginHeader, wantPreflights: 1},
		{name: "Default/Authorization is not allowed", cors: cors.Default(), method: "GET",
			header:     map[string]string{"Authorization": "Bearer t"},
			wantReason: corsfetch.PreflightMissingAllowOriginHeader, wantPreflights: 1},
		{name: "Default/credentials meet ACAO *", cors: cors.Default(), method: "GET", credentials: true,
			wantReason: corsfetch.WildcardOriginNotAllowed},

		// cors.AllowAll(): ACAO *, the usual methods, and AllowedHeaders
		// ["*"], which rs/cors implements by echoing the request's
		// Access-Control-Request-Headers. Authorization is then listed by
		// name, so it passes even under the standard (where a literal *
		// never covers it).
		{name: "AllowAll/PUT with Authorization", cors: cors.AllowAll(), method: "PUT",
			header: map[string]string{"Content-Type": "application/json", "Authorization": "Bearer t"}, wantPreflights: 1},
		{name: "AllowAll/credentialed DELETE", cors: cors.AllowAll(), method: "DELETE", credentials: true,
			wantReason: corsfetch.PreflightWildcardOriginNotAllowed, wantPreflights: 1},

		// A list of origins: rs/cors echoes an allowed Origin and sends no
		// CORS header at all to any other.
		{name: "list/allowed origin", cors: cors.New(cors.Options{AllowedOrigins: appOnly}), method: "GET"},
		{name: "list/other origin GET", cors: cors.New(cors.Options{AllowedOrigins: appOnly}),
			origin: "https://evil.example", method: "GET", wantReason: corsfetch.MissingAllowOriginHeader},
		{name: "list/other origin PUT", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowedMethods: []string{"PUT"}}),
			origin: "https://evil.example", method: "PUT", wantReason: corsfetch.PreflightMissingAllowOriginHeader, wantPreflights: 1},
		{name: "list/origin matched case-insensitively", cors: cors.New(cors.Options{AllowedOrigins: []string{"https://APP.example"}}),
			method: "GET"},
		{name: "list/trailing slash never matches", cors: cors.New(cors.Options{AllowedOrigins: []string{"https://app.example/"}}),
			method: "GET", wantReason: corsfetch.MissingAllowOriginHeader},
		{name: "list/port is part of the origin", cors: cors.New(cors.Options{AllowedOrigins: []string{"https://app.example:8443"}}),
			method: "GET", wantReason: corsfetch.MissingAllowOriginHeader},
		{name: "pattern/subdomain", cors: cors.New(cors.Options{AllowedOrigins: []string{"https://*.example.com"}}),
			origin: "https://app.example.com", method: "GET"},
		{name: "pattern/apex is not a subdomain", cors: cors.New(cors.Options{AllowedOrigins: []string{"https://*.example.com"}}),
			origin: "https://example.com", method: "GET", wantReason: corsfetch.MissingAllowOriginHeader},
		{name: "pattern/other scheme", cors: cors.New(cors.Options{AllowedOrigins: []string{"https://*.example.com"}}),
			origin: "http://app.example.com", method: "GET", wantReason: corsfetch.MissingAllowOriginHeader},

		// AllowedMethods applies to simple requests too: rs/cors sends no
		// CORS header for a method it does not list, even a GET.
		{name: "methods/GET left out of AllowedMethods", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowedMethods: []string{"PUT"}}),
			method: "GET", wantReason: corsfetch.MissingAllowOriginHeader},
		{name: "methods/put is normalized to PUT", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowedMethods: []string{"PUT"}}),
			method: "put", wantPreflights: 1},
		{name: "methods/patch is not normalized", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowedMethods: []string{"PATCH"}}),
			method: "patch", wantReason: corsfetch.PreflightMissingAllowOriginHeader, wantPreflights: 1},

		// Credentials.
		{name: "credentials/allowed and reflected", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowCredentials: true}),
			method: "GET", credentials: true, wantCookie: true},
		{name: "credentials/preflighted and reflected", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowedMethods: []string{"PUT"}, AllowCredentials: true}),
			method: "PUT", header: json, credentials: true, wantCookie: true, wantPreflights: 1},
		{name: "credentials/without AllowCredentials", cors: cors.New(cors.Options{AllowedOrigins: appOnly}),
			method: "GET", credentials: true, wantReason: corsfetch.InvalidAllowCredentials},
		{name: "credentials/preflight without AllowCredentials", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowedMethods: []string{"PUT"}}),
			method: "PUT", credentials: true, wantReason: corsfetch.PreflightInvalidAllowCredentials, wantPreflights: 1},
		{name: "credentials/not sent by default", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowCredentials: true}),
			method: "GET", wantCookie: false},

		// Exposed headers: only the safelisted ones and those listed.
		{name: "expose/X-Request-Id", cors: cors.New(cors.Options{AllowedOrigins: appOnly, ExposedHeaders: []string{"x-request-id"}}),
			method: "GET", wantReadable: []string{"Content-Length", "Content-Type", "X-Request-Id"}},

		// Access-Control-Max-Age and the preflight cache.
		{name: "max-age/600 caches", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowedMethods: []string{"PUT"}, MaxAge: 600}),
			method: "PUT", repeat: 3, wantPreflights: 1},
		{name: "max-age/unset means the standard's 5 s", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowedMethods: []string{"PUT"}}),
			method: "PUT", repeat: 3, wantPreflights: 1},
		{name: "max-age/negative sends 0: no caching", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowedMethods: []string{"PUT"}, MaxAge: -1}),
			method: "PUT", repeat: 3, wantPreflights: 3},

		// Preflight status.
		{name: "status/OptionsSuccessStatus 200", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowedMethods: []string{"PUT"}, OptionsSuccessStatus: 200}),
			method: "PUT", wantPreflights: 1},
		{name: "status/OptionsPassthrough to a router without OPTIONS", cors: cors.New(cors.Options{AllowedOrigins: appOnly, AllowedMethods: []string{"PUT"}, OptionsPassthrough: true}),
			app: methodRouter(), method: "PUT", wantReason: corsfetch.PreflightInvalidStatus, wantPreflights: 1},
		{name: "status/an error status is readable", cors: cors.New(cors.Options{AllowedOrigins: appOnly}),
			app: http.NotFoundHandler(), method: "GET", wantStatus: http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var preflights atomic.Int32
			app := tt.app
			if app == nil {
				app = itemsAPI
			}
			origin := tt.origin
			if origin == "" {
				origin = page
			}
			tr := corstest.NewTransport(countPreflights(tt.cors.Handler(app), &preflights), origin)
			jar, _ := cookiejar.New(nil)
			u, _ := url.Parse(apiURL)
			jar.SetCookies(u, []*http.Cookie{{Name: "session", Value: "s1"}})
			tr.Jar = jar
			opts := fetch.Options{}
			if tt.credentials {
				opts.Credentials = fetch.CredentialsInclude
			}
			ctx := fetch.WithOptions(context.Background(), opts)

			repeat := max(tt.repeat, 1)
			for i := range repeat {
				var body io.Reader
				if tt.method != "GET" && tt.method != "HEAD" {
					body = strings.NewReader(`{"name":"x"}`)
				}
				req, err := http.NewRequestWithContext(ctx, tt.method, apiURL, body)
				if err != nil {
					t.Fatal(err)
				}
				for k, v := range tt.header {
					req.Header.Set(k, v)
				}
				resp, err := tr.RoundTrip(req)
				if tt.wantReason != corsfetch.ReasonNone {
					var ce *corsfetch.Error
					if !errors.As(err, &ce) {
						t.Fatalf("request %d: got (%v, %v), want blocked with %v", i+1, resp, err, tt.wantReason)
					}
					if ce.Reason != tt.wantReason || ce.Offending != tt.wantParam {
						t.Errorf("request %d: blocked with %v %q, want %v %q", i+1, ce.Reason, ce.Offending, tt.wantReason, tt.wantParam)
					}
					if !errors.Is(err, fetch.ErrNetwork) || !errors.Is(err, corsfetch.ErrBlocked) {
						t.Errorf("request %d: %v is not a network error and ErrBlocked", i+1, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("request %d: %v, want allowed", i+1, err)
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					t.Fatal(err)
				}
				if got := fetch.TypeOf(resp); got != fetch.ResponseCORS {
					t.Errorf("request %d: response type %v, want cors", i+1, got)
				}
				wantStatus := tt.wantStatus
				if wantStatus == 0 {
					wantStatus = http.StatusOK
				}
				if resp.StatusCode != wantStatus {
					t.Errorf("request %d: status %d, want %d", i+1, resp.StatusCode, wantStatus)
				}
				if tt.wantReadable != nil {
					var got []string
					for k := range resp.Header {
						got = append(got, k)
					}
					sort.Strings(got)
					if strings.Join(got, ", ") != strings.Join(tt.wantReadable, ", ") {
						t.Errorf("request %d: readable headers %v, want %v", i+1, got, tt.wantReadable)
					}
				}
				if wantStatus == http.StatusOK {
					if gotCookie := strings.Contains(string(b), `"cookie":true`); gotCookie != tt.wantCookie {
						t.Errorf("request %d: cookie sent %v, want %v (body %s)", i+1, gotCookie, tt.wantCookie, b)
					}
				}
			}
			if got := preflights.Load(); got != tt.wantPreflights {
				t.Errorf("server saw %d preflights, want %d", got, tt.wantPreflights)
			}
		})
	}
}

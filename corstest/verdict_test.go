package corstest_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// policyServer allows https://app.example to GET and PUT with
// Content-Type, exposes X-Id, and sends Access-Control-Max-Age from the
// query's max-age. /loop redirects to itself; /panic panics.
var policyServer = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/loop":
		w.Header().Set("Access-Control-Allow-Origin", "*")
		http.Redirect(w, r, "/loop", http.StatusFound)
		return
	case "/panic":
		panic("boom")
	}
	if r.Header.Get("Origin") == "https://app.example" {
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		w.Header().Set("Access-Control-Allow-Credentials", "true")
	}
	if r.Method == http.MethodOptions {
		w.Header().Set("Access-Control-Allow-Methods", "GET, PUT")
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
		if ma := r.URL.Query().Get("max-age"); ma != "" {
			w.Header().Set("Access-Control-Max-Age", ma)
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	w.Header().Set("Access-Control-Expose-Headers", "X-Id")
	w.Header().Set("X-Id", "7")
	w.Header().Set("X-Secret", "s")
	w.Write([]byte("body"))
})

var jsonType = http.Header{"Content-Type": {"application/json"}}

// Each row is one fetch() and the verdict a browser reaches
// (https://fetch.spec.whatwg.org/#main-fetch, #cors-preflight-fetch-0).
func TestCaseCheck(t *testing.T) {
	const app = "https://app.example"
	tests := []struct {
		c        corstest.Case
		want     string // Verdict.String()
		readable string // Verdict.Readable, as "Name: v; ..."
	}{
		{corstest.Case{Origin: app}, "allowed cors 200 (preflight none)", "Content-Length: 4; Content-Type: text/plain; charset=utf-8; X-Id: 7"},
		{corstest.Case{Origin: app, Method: "PUT", Header: jsonType, URL: "https://api.example/?max-age=600"}, "allowed cors 200 (preflight sent+cached)", ""},
		{corstest.Case{Origin: app, Method: "PUT", Header: jsonType, URL: "https://api.example/?max-age=0"}, "allowed cors 200 (preflight sent)", ""},
		// No Access-Control-Max-Age: the standard's 5 s default caches it.
		{corstest.Case{Origin: app, Method: "PUT", Header: jsonType}, "allowed cors 200 (preflight sent+cached)", ""},
		{corstest.Case{Origin: app, Method: "PUT", Credentials: fetch.CredentialsInclude}, "allowed cors 200 (preflight sent+cached)", ""},
		{corstest.Case{Origin: app, Method: "DELETE"}, "blocked MethodDisallowedByPreflightResponse (preflight sent)", ""},
		{corstest.Case{Origin: "https://evil.example"}, "blocked MissingAllowOriginHeader (preflight none)", ""},
		{corstest.Case{Origin: "https://evil.example", Mode: fetch.ModeNoCORS}, "allowed opaque 0 (preflight none)", ""},
		{corstest.Case{Origin: app, Mode: fetch.ModeSameOrigin}, "blocked DisallowedByMode (preflight none)", ""},
	}
	for _, tt := range tests {
		v := tt.c.Check(policyServer)
		if v.String() != tt.want {
			t.Errorf("%+v: %s, want %s (err %v)", tt.c, v, tt.want, v.Err)
		}
		if tt.readable != "" {
			var parts []string
			for _, k := range []string{"Content-Length", "Content-Type", "X-Id", "X-Secret"} {
				if vs := v.Readable.Values(k); len(vs) > 0 {
					parts = append(parts, k+": "+strings.Join(vs, ","))
				}
			}
			if got := strings.Join(parts, "; "); got != tt.readable {
				t.Errorf("%+v: readable %q, want %q", tt.c, got, tt.readable)
			}
		}
		switch v.Outcome {
		case corstest.Allowed:
			if v.Err != nil || v.Console != "" {
				t.Errorf("%+v: allowed with Err %v, Console %q", tt.c, v.Err, v.Console)
			}
		case corstest.Blocked:
			var ce *cors.Error
			if !errors.As(v.Err, &ce) || ce.Reason != v.Reason || v.Console != ce.ConsoleMessage() || v.Console == "" {
				t.Errorf("%+v: blocked with Err %v, Console %q", tt.c, v.Err, v.Console)
			}
		}
	}
}

// Failures that are not CORS blocks are Failed with the error, never a
// panic (GUIDE: bad caller input = clear error).
func TestCaseCheckFailed(t *testing.T) {
	tests := []struct {
		name    string
		c       corstest.Case
		h       http.Handler
		wantErr string
	}{
		{"redirect loop", corstest.Case{Origin: "https://app.example", URL: "https://api.example/loop"}, policyServer, "redirect"},
		{"handler panic", corstest.Case{Origin: "https://app.example", URL: "https://api.example/panic"}, policyServer, "boom"},
		{"GET with a body", corstest.Case{Origin: "https://app.example", Body: "x"}, policyServer, "body"},
		{"no origin", corstest.Case{}, policyServer, "page origin is empty"},
		{"nil handler", corstest.Case{Origin: "https://app.example"}, nil, "nil handler"},
		{"bad URL", corstest.Case{Origin: "https://app.example", URL: "://x"}, policyServer, "missing protocol scheme"},
	}
	for _, tt := range tests {
		v := tt.c.Check(tt.h)
		if v.Outcome != corstest.Failed || v.Err == nil || !strings.Contains(v.Err.Error(), tt.wantErr) {
			t.Errorf("%s: %v, want failed with %q", tt.name, v, tt.wantErr)
		}
	}
	if v := corstest.Fetch(policyServer, "https://app.example", nil); v.Outcome != corstest.Failed {
		t.Errorf("Fetch(nil request) = %v", v)
	}
}

// Mismatches names each Want field the verdict misses, and nothing else.
func TestCaseMismatches(t *testing.T) {
	app := corstest.Case{Origin: "https://app.example"}
	with := func(f func(c *corstest.Case)) corstest.Case { c := app; f(&c); return c }
	tests := []struct {
		c    corstest.Case
		want []string // substrings, one per mismatch
	}{
		{with(func(c *corstest.Case) {}), []string{"Case.Want is not set"}},
		{with(func(c *corstest.Case) {
			c.Want = corstest.Allowed
			c.Status = 200
			c.Readable = []string{"X-Id"}
			c.Preflight = corstest.PreflightNone
		}), nil},
		{with(func(c *corstest.Case) { c.Want = corstest.Blocked }), []string{"allowed cors 200 (preflight none), want blocked"}},
		{with(func(c *corstest.Case) { c.Want = corstest.Allowed; c.Status = 204 }), []string{"status 200, want 204"}},
		{with(func(c *corstest.Case) { c.Want = corstest.Allowed; c.Readable = []string{"X-Secret"} }), []string{"cannot read X-Secret"}},
		{with(func(c *corstest.Case) { c.Want = corstest.Allowed; c.Preflight = corstest.PreflightSent }), []string{"preflight none, want sent"}},
		{with(func(c *corstest.Case) {
			c.Origin = "https://evil.example"
			c.Want, c.Reason = corstest.Blocked, cors.PreflightMissingAllowOriginHeader
		}), []string{"blocked with MissingAllowOriginHeader, want PreflightMissingAllowOriginHeader"}},
		{with(func(c *corstest.Case) { c.Origin = "https://evil.example"; c.Want = corstest.Allowed }), []string{"want allowed", "console: Access to fetch"}},
	}
	for i, tt := range tests {
		got := tt.c.Mismatches(tt.c.Check(policyServer))
		if len(got) != len(tt.want) {
			t.Errorf("row %d: mismatches %q, want %d", i, got, len(tt.want))
			continue
		}
		for j := range got {
			if !strings.Contains(got[j], tt.want[j]) {
				t.Errorf("row %d: mismatch %q, want it to say %q", i, got[j], tt.want[j])
			}
		}
	}
}

// The rows of ExampleExpect pass against the example's server.
func TestExpectExampleRows(t *testing.T) {
	srv := withCORS(items)
	app := "https://app.example"
	for _, c := range []corstest.Case{
		{Origin: app, Want: corstest.Allowed, Status: 200, Readable: []string{"Content-Type"}},
		{Origin: app, Method: "PUT", Header: http.Header{"Content-Type": {"application/json"}}, Want: corstest.Allowed},
		{Origin: app, Method: "DELETE", Want: corstest.Blocked, Reason: cors.MethodDisallowedByPreflightResponse},
		{Origin: "https://evil.example", Want: corstest.Blocked, Reason: cors.MissingAllowOriginHeader},
		{Origin: app, Credentials: fetch.CredentialsInclude, Want: corstest.Blocked, Reason: cors.InvalidAllowCredentials},
	} {
		corstest.Expect(t, srv, c)
	}
}

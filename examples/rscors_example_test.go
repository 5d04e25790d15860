package examples_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sort"
	"strings"

	"github.com/rs/cors"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
	corsfetch "github.com/corsfetch/corsfetch/fetch/cors"
)

// itemsAPI is the application behind the middleware: it answers every
// request with a small JSON document and an X-Request-Id header, and says
// whether a cookie came with the request.
var itemsAPI = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Request-Id", "42")
	_, err := r.Cookie("session")
	fmt.Fprintf(w, `{"method":%q,"cookie":%t}`, r.Method, err == nil)
})

// putJSON makes the request a page's script makes with
//
//	fetch(url, {method: "PUT", headers, body: '{"name":"x"}'})
//
// through client, and prints the page's view of the outcome: the response
// type, status, the headers the page can read and the body, or the reason a
// browser blocks it and the line its console prints.
func putJSON(ctx context.Context, client *http.Client, url string, headers ...string) {
	req, err := http.NewRequestWithContext(ctx, "PUT", url, strings.NewReader(`{"name":"x"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	printOutcome(client.Do(req))
}

func printOutcome(resp *http.Response, err error) {
	var blocked *corsfetch.Error
	switch {
	case errors.As(err, &blocked):
		if blocked.Offending != "" {
			fmt.Printf("blocked: %s (%s)\n", blocked.Reason, blocked.Offending)
		} else {
			fmt.Println("blocked:", blocked.Reason)
		}
		fmt.Println(blocked.ConsoleMessage())
	case err != nil:
		fmt.Println("error:", err)
	default:
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		var names []string
		for name := range resp.Header {
			names = append(names, name)
		}
		sort.Strings(names)
		fmt.Printf("allowed: %s %d, readable headers %s\n", fetch.TypeOf(resp), resp.StatusCode, strings.Join(names, ", "))
		fmt.Println(string(body))
	}
}

// A correct rs/cors configuration for a single-page app at
// https://app.example: a PUT of JSON with an Authorization header is
// preflighted, allowed, and the page can read X-Request-Id because the
// middleware exposes it.
func Example_rsCorsAllowedPUT() {
	c := cors.New(cors.Options{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodGet, http.MethodPut},
		AllowedHeaders: []string{"Authorization", "Content-Type"},
		ExposedHeaders: []string{"X-Request-Id"},
	})
	preflights := 0
	trace := &fetch.ClientTrace{PreflightStart: func(*http.Request) { preflights++ }}
	ctx := fetch.WithClientTrace(context.Background(), trace)

	client := corstest.NewClient(c.Handler(itemsAPI), "https://app.example")
	putJSON(ctx, client, "https://api.example/items/1", "Authorization", "Bearer t")
	fmt.Println("preflights:", preflights)
	// Output:
	// allowed: cors 200, readable headers Content-Length, Content-Type, X-Request-Id
	// {"method":"PUT","cookie":false}
	// preflights: 1
}

// rs/cors answers a preflight it rejects with 204 and no CORS header at all
// (only Vary). So when Authorization is not in AllowedHeaders, a browser
// blocks the PUT because the preflight response has no
// Access-Control-Allow-Origin, not because of the header: the console line
// does not name Authorization. rs/cors's Logger says why it refused.
func Example_rsCorsAuthorizationNotAllowed() {
	var log logLines
	c := cors.New(cors.Options{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodGet, http.MethodPut},
		AllowedHeaders: []string{"Content-Type"},
		Logger:         &log,
	})
	client := corstest.NewClient(c.Handler(itemsAPI), "https://app.example")

	putJSON(context.Background(), client, "https://api.example/items/1")
	putJSON(context.Background(), client, "https://api.example/items/1", "Authorization", "Bearer t")
	fmt.Println(log.matching("aborted"))
	// Output:
	// allowed: cors 200, readable headers Content-Length, Content-Type
	// {"method":"PUT","cookie":false}
	// blocked: PreflightMissingAllowOriginHeader
	// Access to fetch at 'https://api.example/items/1' from origin 'https://app.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.
	//   Preflight aborted: headers '[authorization,content-type]' not allowed
}

// logLines is an rs/cors Logger that keeps what it is told.
type logLines []string

func (l *logLines) Printf(format string, args ...any) {
	*l = append(*l, fmt.Sprintf(format, args...))
}

func (l *logLines) matching(substr string) string {
	var out []string
	for _, line := range *l {
		if strings.Contains(line, substr) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

// AllowedOrigins ["*"] makes rs/cors answer Access-Control-Allow-Origin: *,
// even with AllowCredentials. That serves pages that send no cookies, but a
// browser blocks every request made with credentials: "include", because a
// wildcard never allows a credentialed response. Reflecting the allowed
// origin (AllowOriginFunc, or a pattern such as https://*.example) makes
// rs/cors echo the page's origin instead, and the credentialed request
// passes, cookie and all.
func Example_rsCorsWildcardWithCredentials() {
	jar, _ := cookiejar.New(nil)
	api, _ := url.Parse("https://api.example/")
	jar.SetCookies(api, []*http.Cookie{{Name: "session", Value: "s1"}})
	include := fetch.WithOptions(context.Background(), fetch.Options{Credentials: fetch.CredentialsInclude})

	for _, c := range []struct {
		name string
		opts cors.Options
	}{
		{"AllowedOrigins *", cors.Options{
			AllowedOrigins:   []string{"*"},
			AllowedMethods:   []string{http.MethodPut},
			AllowedHeaders:   []string{"Content-Type"},
			AllowCredentials: true,
		}},
		{"AllowedOrigins https://*.example", cors.Options{
			AllowedOrigins:   []string{"https://*.example"},
			AllowedMethods:   []string{http.MethodPut},
			AllowedHeaders:   []string{"Content-Type"},
			AllowCredentials: true,
		}},
	} {
		tr := corstest.NewTransport(cors.New(c.opts).Handler(itemsAPI), "https://app.example")
		tr.Jar = jar
		client := &http.Client{Transport: tr}

		fmt.Println(c.name + ", credentials omitted:")
		putJSON(context.Background(), client, "https://api.example/items/1")
		fmt.Println(c.name + ", credentials include:")
		putJSON(include, client, "https://api.example/items/1")
	}
	// Output:
	// AllowedOrigins *, credentials omitted:
	// allowed: cors 200, readable headers Content-Length, Content-Type
	// {"method":"PUT","cookie":false}
	// AllowedOrigins *, credentials include:
	// blocked: PreflightWildcardOriginNotAllowed
	// Access to fetch at 'https://api.example/items/1' from origin 'https://app.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.
	// AllowedOrigins https://*.example, credentials omitted:
	// allowed: cors 200, readable headers Content-Length, Content-Type
	// {"method":"PUT","cookie":false}
	// AllowedOrigins https://*.example, credentials include:
	// allowed: cors 200, readable headers Content-Length, Content-Type
	// {"method":"PUT","cookie":true}
}

// rs/cors compares methods case-sensitively, and so does a browser, but a
// browser upper-cases only the six methods the Fetch Standard normalizes
// (DELETE, GET, HEAD, OPTIONS, POST, PUT). A page's fetch(url, {method:
// "patch"}) is preflighted with Access-Control-Request-Method: patch, which
// AllowedMethods ["PATCH"] does not allow.
func Example_rsCorsMethodCase() {
	c := cors.New(cors.Options{
		AllowedOrigins: []string{"https://app.example"},
		AllowedMethods: []string{http.MethodPut, http.MethodPatch},
	})
	client := corstest.NewClient(c.Handler(itemsAPI), "https://app.example")
	for _, method := range []string{"put", "PATCH", "patch"} {
		req, _ := http.NewRequest(method, "https://api.example/items/1", nil)
		fmt.Print(method, " → ")
		printOutcome(client.Do(req))
	}
	// Output:
	// put → allowed: cors 200, readable headers Content-Length, Content-Type
	// {"method":"PUT","cookie":false}
	// PATCH → allowed: cors 200, readable headers Content-Length, Content-Type
	// {"method":"PATCH","cookie":false}
	// patch → blocked: PreflightMissingAllowOriginHeader
	// Access to fetch at 'https://api.example/items/1' from origin 'https://app.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.
}

package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// A Transport in an http.Client fetches as the page at Origin does. The
// response is CORS-filtered: X-Internal is not exposed to the page.
func ExampleTransport() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("X-Internal", "1")
		fmt.Fprintf(w, "hello %s", r.Header.Get("Origin"))
	}))
	defer api.Close()

	tr := &fetch.Transport{Origin: "https://app.example"}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr} // Client.Jar stays nil: cookies come from tr.Jar

	resp, err := client.Get(api.URL + "/data")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.StatusCode, string(body))
	fmt.Printf("Content-Type %q, X-Internal %q\n", resp.Header.Get("Content-Type"), resp.Header.Get("X-Internal"))
	// Output:
	// 200 hello https://app.example
	// Content-Type "text/plain", X-Internal ""
}

// Cookies from Transport.Jar go cross-origin only with credentials mode
// "include", and the server must then allow credentials.
func ExampleWithOptions() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
		w.Header().Set("Access-Control-Allow-Credentials", "true")
		fmt.Fprintf(w, "%q", r.Header.Get("Cookie"))
	}))
	defer api.Close()

	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(api.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: "session", Value: "abc"}})
	tr := &fetch.Transport{Origin: "https://app.example", Jar: jar}
	defer tr.CloseIdleConnections()

	for _, cred := range []fetch.Credentials{fetch.CredentialsSameOrigin, fetch.CredentialsInclude} {
		ctx := fetch.WithOptions(context.Background(), fetch.Options{Credentials: cred})
		req, _ := http.NewRequestWithContext(ctx, "GET", api.URL+"/me", nil)
		resp, err := tr.RoundTrip(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Printf("%s: Cookie %s\n", cred, body)
	}
	// Output:
	// same-origin: Cookie ""
	// include: Cookie "session=abc"
}

// TypeOf tells what the page would read as Response.type. A no-cors
// request to a server without CORS headers gets an opaque response:
// status 0, no headers, an empty body.
func ExampleTypeOf() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "secret")
	}))
	defer api.Close()

	tr := &fetch.Transport{Origin: "https://app.example"}
	defer tr.CloseIdleConnections()
	ctx := fetch.WithOptions(context.Background(), fetch.Options{Mode: fetch.ModeNoCORS})
	req, _ := http.NewRequestWithContext(ctx, "GET", api.URL+"/img", nil)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Printf("%s %d %d headers %q\n", fetch.TypeOf(resp), resp.StatusCode, len(resp.Header), body)
	// Output:
	// opaque 0 0 headers ""
}

// A blocked request is a network error; errors.As finds the *cors.Error
// with the reason a browser console would give, through http.Client's
// *url.Error.
func ExampleNetworkError() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "no CORS headers here")
	}))
	defer api.Close()

	tr := &fetch.Transport{Origin: "https://app.example"}
	defer tr.CloseIdleConnections()
	_, err := (&http.Client{Transport: tr}).Get(api.URL + "/data")

	var ce *cors.Error
	if errors.As(err, &ce) {
		fmt.Println(ce.Reason, ce.Origin)
	}
	fmt.Println(errors.Is(err, fetch.ErrNetwork), errors.Is(err, cors.ErrBlocked))
	// Output:
	// MissingAllowOriginHeader https://app.example
	// true true
}

// WithClientTrace shows the preflight and the preflight cache at work: the
// first PUT makes a preflight, the second finds it in the cache.
func ExampleWithClientTrace() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "PUT")
			w.Header().Set("Access-Control-Max-Age", "60")
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	defer api.Close()

	ctx := fetch.WithClientTrace(context.Background(), &fetch.ClientTrace{
		CacheMiss: func(string) { fmt.Println("cache miss") },
		CacheHit:  func(string) { fmt.Println("cache hit") },
		PreflightStart: func(r *http.Request) {
			fmt.Println("preflight", r.Method, r.Header.Get("Access-Control-Request-Method"))
		},
		PreflightDone: func(r *http.Response, err error) { fmt.Println("preflight done", r.StatusCode, err) },
	})
	tr := &fetch.Transport{Origin: "https://app.example"}
	defer tr.CloseIdleConnections()
	for range 2 {
		req, _ := http.NewRequestWithContext(ctx, "PUT", api.URL+"/item", nil)
		resp, err := tr.RoundTrip(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Println("PUT", resp.StatusCode)
	}
	// Output:
	// cache miss
	// preflight OPTIONS PUT
	// preflight done 204 <nil>
	// PUT 200
	// cache hit
	// PUT 200
}

// A string body's type goes in Options.BodyType. In no-cors mode the header
// guard drops Content-Type: application/json, and fetch() then adds the
// string body's text/plain;charset=UTF-8, as Chromium sends it.
func ExampleOptions_bodyType() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("server got Content-Type:", r.Header.Get("Content-Type"))
	}))
	defer api.Close()

	tr := &fetch.Transport{Origin: "https://app.example"}
	defer tr.CloseIdleConnections()
	ctx := fetch.WithOptions(context.Background(), fetch.Options{Mode: fetch.ModeNoCORS, BodyType: fetch.BodyTypeText})
	req, _ := http.NewRequestWithContext(ctx, "POST", api.URL, strings.NewReader(`{"a":1}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := tr.RoundTrip(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(fetch.TypeOf(resp))
	// Output:
	// server got Content-Type: text/plain;charset=UTF-8
	// opaque
}

package corstest_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// withCORS is a server's CORS middleware under test: it allows the page
// https://app.example to GET and PUT with a Content-Type header.
func withCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Origin")
		if r.Header.Get("Origin") == "https://app.example" {
			w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		}
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "GET, PUT")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

var items = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"id":1}`)
})

// Test a server's CORS middleware the way a browser would: a page at
// https://app.example PUTs JSON, first as the middleware allows, then with an
// Authorization header it does not allow.
func Example() {
	client := corstest.NewClient(withCORS(items), "https://app.example")

	put := func(header map[string]string) {
		req, _ := http.NewRequest("PUT", "https://api.example/items/1", strings.NewReader(`{"name":"x"}`))
		for k, v := range header {
			req.Header.Set(k, v)
		}
		resp, err := client.Do(req)
		var blocked *cors.Error
		switch {
		case errors.As(err, &blocked):
			fmt.Println("blocked:", blocked.Reason, blocked.Offending)
			fmt.Println(blocked.ConsoleMessage())
		case err != nil:
			fmt.Println("error:", err)
		default:
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			fmt.Println("allowed:", resp.Status, resp.Header.Get("Content-Type"), string(body))
		}
	}
	put(map[string]string{"Content-Type": "application/json"})
	put(map[string]string{"Content-Type": "application/json", "Authorization": "Bearer t"})
	// Output:
	// allowed: 200 OK application/json {"id":1}
	// blocked: HeaderDisallowedByPreflightResponse authorization
	// Access to fetch at 'https://api.example/items/1' from origin 'https://app.example' has been blocked by CORS policy: Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response.
}

// A request from a page the middleware does not know is blocked, with the
// reason a browser's console gives.
func ExampleNewTransport() {
	tr := corstest.NewTransport(withCORS(items), "https://evil.example")
	req, _ := http.NewRequest("GET", "https://api.example/items/1", nil)
	_, err := tr.RoundTrip(req)
	var blocked *cors.Error
	if errors.As(err, &blocked) {
		fmt.Println(blocked.Reason)
	}
	fmt.Println(errors.Is(err, cors.ErrBlocked), errors.Is(err, fetch.ErrNetwork))
	// Output:
	// MissingAllowOriginHeader
	// true true
}

// The preflight cache works as in a browser: with Access-Control-Max-Age the
// second PUT is not preflighted.
func ExampleNewTransport_preflightCache() {
	preflights := 0
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		if r.Method == http.MethodOptions {
			preflights++
			w.Header().Set("Access-Control-Allow-Methods", "PUT")
			w.Header().Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
		}
	})
	client := corstest.NewClient(api, "https://app.example")
	for i := 0; i < 3; i++ {
		req, _ := http.NewRequest("PUT", "https://api.example/x", nil)
		resp, err := client.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
	}
	fmt.Println("preflights:", preflights)
	// Output:
	// preflights: 1
}

// HandlerTransport alone serves a handler without sockets, for any client.
func ExampleHandlerTransport() {
	client := &http.Client{Transport: &corstest.HandlerTransport{Handler: items}}
	resp, err := client.Get("http://api.example/items/1")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Status, resp.ContentLength, string(body))
	// Output:
	// 200 OK 8 {"id":1}
}

package cors_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

func ExampleParseOrigin() {
	for _, s := range []string{"https://app.example", "http://app.example:80", "null", "https://app.example/", "HTTPS://app.example"} {
		o, err := cors.ParseOrigin(s)
		if err != nil {
			fmt.Println("error:", errors.Is(err, cors.ErrInvalidOrigin))
			continue
		}
		fmt.Println(o, o.IsOpaque())
	}
	// Output:
	// https://app.example false
	// http://app.example false
	// null true
	// error: true
	// error: true
}

func ExampleOriginFromURL() {
	u, _ := url.Parse("https://user@BÜCHER.example:443/shop?q=1")
	o := cors.OriginFromURL(u)
	fmt.Println(o)
	other, _ := url.Parse("https://xn--bcher-kva.example/cart")
	fmt.Println(o.SameOriginURL(other))
	data, _ := url.Parse("data:text/plain,hi")
	fmt.Println(cors.OriginFromURL(data))
	// Output:
	// https://xn--bcher-kva.example
	// true
	// null
}

func ExampleCheck() {
	h := http.Header{"Access-Control-Allow-Origin": {"*"}}
	fmt.Println(cors.Check(h, "https://app.example", false))
	err := cors.Check(h, "https://app.example", true)
	fmt.Println(errors.Is(err, cors.ErrBlocked))
	fmt.Println(err)
	// Output:
	// <nil>
	// true
	// cors: blocked: Access-Control-Allow-Origin is "*", which does not allow a request with credentials (request origin https://app.example)
}

func ExampleNeedsPreflight() {
	fmt.Println(cors.NeedsPreflight("POST", http.Header{"Content-Type": {"text/plain"}}, false))
	fmt.Println(cors.NeedsPreflight("POST", http.Header{"Content-Type": {"application/json"}}, false))
	fmt.Println(cors.NeedsPreflight("GET", http.Header{"Cookie": {"a=b"}}, false)) // forbidden: never counts
	fmt.Println(cors.NeedsPreflight("DELETE", nil, false))
	// Output:
	// false
	// true
	// false
	// true
}

func ExampleNewPreflightRequest() {
	u, _ := url.Parse("https://api.example/items/7")
	req, err := cors.NewPreflightRequest(context.Background(), &cors.Request{
		Method: "PUT",
		URL:    u,
		Header: http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"1"}, "Accept": {"*/*"}},
		Origin: "https://app.example",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(req.Method, req.URL)
	for _, name := range []string{"Accept", "Access-Control-Request-Method", "Access-Control-Request-Headers", "Origin"} {
		fmt.Printf("%s: %s\n", name, req.Header.Get(name))
	}
	// Output:
	// OPTIONS https://api.example/items/7
	// Accept: */*
	// Access-Control-Request-Method: PUT
	// Access-Control-Request-Headers: content-type,x-request-id
	// Origin: https://app.example
}

func ExampleCheckPreflightResponse() {
	r := &cors.Request{
		Method: "PUT",
		Header: http.Header{"Authorization": {"Bearer t"}},
		Origin: "https://app.example",
	}
	h := http.Header{
		"Access-Control-Allow-Origin":  {"*"},
		"Access-Control-Allow-Methods": {"GET, PUT"},
		"Access-Control-Allow-Headers": {"*"},
		"Access-Control-Max-Age":       {"86400"},
	}
	// The standard: "*" never covers Authorization.
	_, err := cors.CheckPreflightResponse(200, h, r, nil)
	fmt.Println(err)
	// Chromium lets "*" cover it, and caps max-age at two hours.
	chromium := cors.ChromiumPolicy()
	res, err := cors.CheckPreflightResponse(200, h, r, &chromium)
	fmt.Println(res.Methods, res.Headers, res.MaxAge, err)
	// Output:
	// cors: blocked: request header "authorization" is not allowed by the preflight response's Access-Control-Allow-Headers (request origin https://app.example)
	// [GET PUT] [*] 2h0m0s <nil>
}

func ExampleCORSFilteredResponse() {
	resp := &http.Response{StatusCode: 200, Body: http.NoBody, Header: http.Header{
		"Access-Control-Allow-Origin":   {"*"},
		"Access-Control-Expose-Headers": {"X-Request-Id, Set-Cookie"},
		"Content-Type":                  {"application/json"},
		"Set-Cookie":                    {"session=1"},
		"Server":                        {"nginx"},
		"X-Request-Id":                  {"42"},
	}}
	filtered := cors.CORSFilteredResponse(resp, false)
	fmt.Println(len(filtered.Header), filtered.Header.Get("Content-Type"), filtered.Header.Get("X-Request-Id"))
	fmt.Printf("%q %q\n", filtered.Header.Get("Set-Cookie"), filtered.Header.Get("Server"))
	// Output:
	// 2 application/json 42
	// "" ""
}

func ExampleError_ConsoleMessage() {
	h := http.Header{"Access-Control-Allow-Origin": {"https://app.example/"}}
	err := cors.Check(h, "https://app.example", false)
	var e *cors.Error
	if errors.As(err, &e) {
		e.URL = "https://api.example/data"
		fmt.Println(e.Reason)
		fmt.Println(e.ConsoleMessage())
	}
	// Output:
	// AllowOriginMismatch
	// Access to fetch at 'https://api.example/data' from origin 'https://app.example' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://app.example/' that is not equal to the supplied origin. Have the server send the header with a valid value.
}

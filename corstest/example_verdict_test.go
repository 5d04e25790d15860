package corstest_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"testing"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// Fetch is one fetch() from a page, with its options in the request's
// context, and the verdict the page gets.
func ExampleFetch() {
	ctx := fetch.WithOptions(context.Background(), fetch.Options{Credentials: fetch.CredentialsInclude})
	req, _ := http.NewRequestWithContext(ctx, "PUT", "https://api.example/items/1", nil)
	req.Header.Set("Authorization", "Bearer t")
	v := corstest.Fetch(withCORS(items), "https://app.example", req)
	fmt.Println(v)
	fmt.Println(v.Console)
	// Output:
	// blocked PreflightInvalidAllowCredentials (preflight sent)
	// Access to fetch at 'https://api.example/items/1' from origin 'https://app.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.
}

// Case.Check is the same with the request written as a struct literal.
func ExampleCase_Check() {
	v := (&corstest.Case{
		Origin: "https://app.example",
		Method: "PUT",
		Header: http.Header{"Content-Type": {"application/json"}},
		Body:   `{"name":"x"}`,
	}).Check(withCORS(items))
	fmt.Println(v)
	fmt.Println("readable:", v.Readable.Get("Content-Type"), string(v.Body))
	// Output:
	// allowed cors 200 (preflight sent+cached)
	// readable: application/json {"id":1}
}

// Expect is the *testing.T form: one row per case in a server's table test.
func ExampleExpect() {
	TestServerCORS := func(t *testing.T) {
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
	_ = TestServerCORS
}

// Matrix runs every combination of the axes in-process and renders the
// table; Golden compares it with a file under testdata/.
func ExampleMatrix() {
	table, err := corstest.Matrix(withCORS(items), corstest.Axes{
		Origins: []string{"https://app.example", "https://evil.example"},
		Methods: []string{"GET", "DELETE"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	table.WriteText(os.Stdout)
	// Output:
	// ORIGIN                CREDENTIALS  METHOD  HEADERS  VERDICT  STATUS  PREFLIGHT  REASON
	// https://app.example   same-origin  GET     -        allowed  200     none
	// https://app.example   same-origin  DELETE  -        blocked  -       sent       MethodDisallowedByPreflightResponse (DELETE)
	// https://evil.example  same-origin  GET     -        blocked  -       none       MissingAllowOriginHeader
	// https://evil.example  same-origin  DELETE  -        blocked  -       sent       PreflightMissingAllowOriginHeader
}

// In a test, Golden asserts the whole matrix against a file; run
// CORSTEST_UPDATE=1 go test to write it the first time and after an
// intended change.
func ExampleGolden() {
	TestCORSPolicy := func(t *testing.T) {
		table, err := corstest.Matrix(withCORS(items), corstest.Axes{
			URL:         "https://api.example/items/1",
			Origins:     []string{"https://app.example", "https://evil.example"},
			Methods:     []string{"GET", "PUT", "DELETE"},
			Headers:     []http.Header{nil, {"Content-Type": {"application/json"}}, {"Authorization": {"Bearer t"}}},
			Credentials: []fetch.Credentials{fetch.CredentialsOmit, fetch.CredentialsInclude},
		})
		if err != nil {
			t.Fatal(err)
		}
		corstest.Golden(t, "testdata/cors-policy.txt", table)
	}
	_ = TestCORSPolicy
}

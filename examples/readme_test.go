package examples_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// wildcardAPI allows every origin with "Access-Control-Allow-Origin: *" and
// says it allows credentials too: a configuration browsers refuse for any
// request made with credentials.
var wildcardAPI = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Set("Access-Control-Allow-Credentials", "true")
	if r.Method == http.MethodOptions {
		w.Header().Set("Access-Control-Allow-Methods", "GET, PUT")
		w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
		w.WriteHeader(http.StatusNoContent)
	}
})

// Example_readme is README.md's library example, line for line (see
// TestREADMEExample): a page at https://app.example PUTs JSON with
// credentials. The code uses a Transport whose Base is nil, which means
// http.DefaultTransport; here http.DefaultTransport serves wildcardAPI
// in-process for the length of the example, so that the code runs as the
// README prints it, with no network.
func Example_readme() {
	defer serveAsDefaultTransport(wildcardAPI)()
	readmeCode()
	// Output:
	// PreflightWildcardOriginNotAllowed
	// Access to fetch at 'https://api.example/items/1' from origin 'https://app.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.
}

// Example_readmeConnectionRefused runs the README's code against a server
// that refuses the connection: a failure that is not CORS is printed too.
func Example_readmeConnectionRefused() {
	saved := http.DefaultTransport
	http.DefaultTransport = refusing{}
	defer func() { http.DefaultTransport = saved }()
	readmeCode()
	// Output:
	// fetch failed: Put "https://api.example/items/1": fetch: network error: transport failure: dial tcp: connect: connection refused
}

// refusing fails every request as a dial to a closed port does.
type refusing struct{}

func (refusing) RoundTrip(*http.Request) (*http.Response, error) {
	return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
}

// readmeCode is the README's code, between the markers.
func readmeCode() {
	// README:begin
	tr := &fetch.Transport{Origin: "https://app.example"} // Base nil: http.DefaultTransport
	client := &http.Client{Transport: tr}
	ctx := fetch.WithOptions(context.Background(), fetch.Options{Credentials: fetch.CredentialsInclude})
	req, _ := http.NewRequestWithContext(ctx, "PUT", "https://api.example/items/1", strings.NewReader(`{"name":"x"}`))
	req.Header.Set("Content-Type", "application/json")

	resp, err := client.Do(req)
	var blocked *cors.Error
	switch {
	case errors.As(err, &blocked): // blocked by CORS: what the browser's console says
		fmt.Println(blocked.Reason)
		fmt.Println(blocked.ConsoleMessage())
	case err != nil: // any other network error: connection refused, DNS, TLS, timeout, redirects
		fmt.Println("fetch failed:", err)
	default:
		fmt.Println(resp.Status, fetch.TypeOf(resp)) // e.g. "200 OK cors"
		resp.Body.Close()
	}
	// README:end
}

// serveAsDefaultTransport makes http.DefaultTransport serve h in-process
// and returns the function that restores it. Only for examples, which run
// one at a time after the tests.
func serveAsDefaultTransport(h http.Handler) (restore func()) {
	saved := http.DefaultTransport
	http.DefaultTransport = &corstest.HandlerTransport{Handler: h}
	return func() { http.DefaultTransport = saved }
}

// TestREADMEExample checks that README.md's first Go code block is the code
// between the README markers of Example_readme, so the README shows code
// that compiles and prints what its Output says.
func TestREADMEExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("readme_test.go")
	if err != nil {
		t.Fatal(err)
	}
	got := firstGoBlock(string(readme))
	want := between(string(src), "\t// README:begin\n", "\t// README:end\n", "\t")
	if got == "" || want == "" {
		t.Fatalf("README Go block %q, example code %q: one is missing", got, want)
	}
	if got != want {
		t.Errorf("README.md's first Go block differs from Example_readme's code.\nREADME:\n%s\nExample_readme:\n%s", got, want)
	}
}

// firstGoBlock returns the body of the first ```go fenced block of md.
func firstGoBlock(md string) string {
	var b strings.Builder
	in := false
	sc := bufio.NewScanner(strings.NewReader(md))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case !in && line == "```go":
			in = true
		case in && line == "```":
			return b.String()
		case in:
			b.WriteString(line + "\n")
		}
	}
	return ""
}

// between returns the lines of s between the lines begin and end, with
// prefix removed from each.
func between(s, begin, end, prefix string) string {
	_, rest, ok := strings.Cut(s, begin)
	if !ok {
		return ""
	}
	body, _, ok := strings.Cut(rest, end)
	if !ok {
		return ""
	}
	var b strings.Builder
	for _, line := range strings.SplitAfter(body, "\n") {
		if line == "" {
			continue
		}
		b.WriteString(strings.TrimPrefix(line, prefix))
	}
	return b.String()
}

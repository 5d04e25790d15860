package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"

	"github.com/corsfetch/corsfetch/fetch"
)

// A Client.Jar next to a Transport is a silent failure: the Client adds
// its cookies as a Cookie header, which the Transport drops as a page's
// forbidden header. CheckClient says so up front, and the DroppedHeader
// trace hook when it happens.
func ExampleCheckClient() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Printf("server got Cookie %q\n", r.Header.Get("Cookie"))
	}))
	defer srv.Close()

	jar, _ := cookiejar.New(nil)
	tr := &fetch.Transport{Origin: srv.URL}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Jar: jar} // wrong: use tr.Jar
	fmt.Println(errors.Is(fetch.CheckClient(client), fetch.ErrClientJar))

	ctx := fetch.WithClientTrace(context.Background(), &fetch.ClientTrace{
		DroppedHeader: func(name string) { fmt.Println("dropped", name) },
	})
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	req.Header.Set("Cookie", "a=1") // what a Client.Jar would add
	resp, err := client.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	// Output:
	// true
	// dropped Cookie
	// server got Cookie ""
}

package fetch_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/corsfetch/corsfetch/fetch"
)

// redirectingServer redirects /old to /new and answers /new.
func redirectingServer() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/new", http.StatusFound)
			return
		}
		fmt.Fprint(w, "new")
	}))
}

// URLOf is response.url: the final URL, without its fragment.
func ExampleURLOf() {
	srv := redirectingServer()
	defer srv.Close()
	tr := &fetch.Transport{Origin: srv.URL} // same-origin
	defer tr.CloseIdleConnections()

	resp, err := (&http.Client{Transport: tr}).Get(srv.URL + "/old#top")
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	fmt.Println(fetch.URLOf(resp) == srv.URL+"/new")
	// Output: true
}

// Redirected is response.redirected.
func ExampleRedirected() {
	srv := redirectingServer()
	defer srv.Close()
	tr := &fetch.Transport{Origin: srv.URL}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}

	for _, path := range []string{"/old", "/new"} {
		resp, err := client.Get(srv.URL + path)
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Println(path, fetch.Redirected(resp))
	}
	// Output:
	// /old true
	// /new false
}

// URLListOf is the response's URL list: the request URL, then each
// redirect's target.
func ExampleURLListOf() {
	srv := redirectingServer()
	defer srv.Close()
	tr := &fetch.Transport{Origin: srv.URL}
	defer tr.CloseIdleConnections()

	resp, err := (&http.Client{Transport: tr}).Get(srv.URL + "/old")
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	for _, u := range fetch.URLListOf(resp) {
		fmt.Println(u.Path)
	}
	// Output:
	// /old
	// /new
}

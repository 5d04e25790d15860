package fetch_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	"github.com/corsfetch/corsfetch/fetch"
)

// A data: URL is fetched without the network, in any mode, as a basic
// response whose Content-Type is the URL's MIME type.
func ExampleTransport_dataURL() {
	client := &http.Client{Transport: &fetch.Transport{Origin: "https://app.example"}}
	resp, err := client.Get("data:text/plain;base64,aGVsbG8=")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(fetch.TypeOf(resp), resp.StatusCode, resp.Header.Get("Content-Type"), string(body))
	// Output: basic 200 text/plain hello
}

// pageBlobs is a page's blob URL store: what URL.createObjectURL made.
type pageBlobs map[string]string

func (p pageBlobs) ResolveBlobURL(u *url.URL) (fetch.Blob, bool) {
	s, ok := p[u.String()]
	if !ok {
		return fetch.Blob{}, false
	}
	return fetch.Blob{Type: "text/csv", Size: int64(len(s)), Data: strings.NewReader(s)}, true
}

// blob: URLs resolve through the embedder's BlobURLStore; without one they
// are a network error of kind KindNoBlobURLStore.
func ExampleBlobURLStore() {
	store := pageBlobs{"blob:https://app.example/7d6b": "a,b\n1,2\n"}
	client := &http.Client{Transport: &fetch.Transport{Origin: "https://app.example", BlobURLStore: store}}
	resp, err := client.Get("blob:https://app.example/7d6b")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Printf("%s %q %q\n", resp.Header.Get("Content-Type"), resp.Header.Get("Content-Length"), body)
	// Output: text/csv "8" "a,b\n1,2\n"
}

// A crawler sends its own User-Agent with Transport.UserAgent: the user
// agent's default value, which never makes a request need a preflight.
func ExampleTransport_userAgent() {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println(r.Method, r.Header.Get("User-Agent"))
		w.Header().Set("Access-Control-Allow-Origin", "*")
	}))
	defer api.Close()
	tr := &fetch.Transport{Origin: "https://app.example", UserAgent: "corsbot/1.0"}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(api.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	// Output: GET corsbot/1.0
}

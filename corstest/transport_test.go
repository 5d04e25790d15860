package corstest_test

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
)

// The handler behind NewTransport receives what a browser sends: the
// preflight first (OPTIONS, Origin, Access-Control-Request-*), then the
// actual request with Origin (#cors-preflight-fetch-0, #http-network-or-cache-fetch).
func TestNewTransportSendsWhatABrowserSends(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, strings.Join([]string{r.Method, r.RequestURI, r.Host,
			"origin=" + r.Header.Get("Origin"),
			"acrm=" + r.Header.Get("Access-Control-Request-Method"),
			"acrh=" + r.Header.Get("Access-Control-Request-Headers"),
			"auth=" + r.Header.Get("Authorization")}, " "))
		mu.Unlock()
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		w.Header().Set("Access-Control-Allow-Methods", "DELETE")
		w.Header().Set("Access-Control-Allow-Headers", "authorization, x-b")
		w.Header().Set("Access-Control-Expose-Headers", "x-b")
		w.Header().Set("X-B", "visible")
		w.Header().Set("X-C", "hidden")
		io.WriteString(w, "done")
	})
	tr := corstest.NewTransport(api, "https://app.example")
	req, _ := http.NewRequest("DELETE", "https://api.example:8443/items/1?x=1", nil)
	req.Header.Set("Authorization", "Bearer t")
	req.Header.Set("X-B", "1")
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	want := []string{
		"OPTIONS /items/1?x=1 api.example:8443 origin=https://app.example acrm=DELETE acrh=authorization,x-b auth=",
		"DELETE /items/1?x=1 api.example:8443 origin=https://app.example acrm= acrh= auth=Bearer t",
	}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Errorf("handler saw\n%s\nwant\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
	if fetch.TypeOf(resp) != fetch.ResponseCORS || string(body) != "done" {
		t.Errorf("type %v, body %q", fetch.TypeOf(resp), body)
	}
	if resp.Header.Get("X-B") != "visible" || resp.Header.Get("X-C") != "" {
		t.Errorf("filtered header %v", resp.Header)
	}
}

func TestNewClientFollowsRedirectsItself(t *testing.T) {
	api := http.NewServeMux()
	api.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		http.Redirect(w, r, "/new", http.StatusFound)
	})
	api.HandleFunc("/new", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		io.WriteString(w, "new")
	})
	resp, err := corstest.NewClient(api, "https://app.example").Get("https://api.example/old")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if string(body) != "new" || resp.Request.URL.Path != "/old" && resp.Request.URL.Path != "/new" {
		t.Errorf("body %q, request URL %v", body, resp.Request.URL)
	}
}

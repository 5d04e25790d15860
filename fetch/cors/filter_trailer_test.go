package cors

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// net/http writes trailers into the Trailer map of the response it
// returned when the body reaches EOF; a filtered response that shared that
// map would show them, Set-Cookie included. No filtered response has
// trailers, before or after its body is read.
// See https://fetch.spec.whatwg.org/#concept-filtered-response.
func TestFilteredResponsesNeverShowTrailers(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-Secret, Set-Cookie")
		io.WriteString(w, "body")
		w.Header().Set("X-Secret", "s")
		w.Header().Set("Set-Cookie", "sid=s")
	})
	h1 := httptest.NewServer(h)
	defer h1.Close()
	h2 := httptest.NewUnstartedServer(h)
	h2.EnableHTTP2 = true
	h2.StartTLS()
	defer h2.Close()
	filters := map[string]func(*http.Response) *http.Response{
		"basic":  BasicFilteredResponse,
		"cors":   func(r *http.Response) *http.Response { return CORSFilteredResponse(r, false) },
		"opaque": OpaqueFilteredResponse,
	}
	for _, srv := range []*httptest.Server{h1, h2} {
		for name, filter := range filters {
			resp, err := srv.Client().Get(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			got := filter(resp)
			io.ReadAll(resp.Body)
			resp.Body.Close()
			if len(resp.Trailer) == 0 {
				t.Fatalf("%s: the server's trailers did not arrive", resp.Proto)
			}
			if len(got.Trailer) != 0 {
				t.Errorf("%s %s: Trailer = %v after EOF, want none", resp.Proto, name, got.Trailer)
			}
		}
	}
}

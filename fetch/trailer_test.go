package fetch

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// secretTrailer is the value of every trailer the test servers send.
const secretTrailer = "secret-trailer"

// trailerHandler answers with a body and then two declared trailers, one
// of them a Set-Cookie, and exposes both names as if they were headers.
func trailerHandler(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Trailer", "X-Secret, Set-Cookie")
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", "X-Secret, Set-Cookie")
	h.Set("Content-Type", "text/plain")
	io.WriteString(w, "body")
	h.Set("X-Secret", secretTrailer)
	h.Set("Set-Cookie", "sid="+secretTrailer)
}

// No filtered response holds trailers, before or after its body is read:
// net/http fills the Trailer map of the response it returned at body EOF
// (HTTP/1.1 and HTTP/2), so the Transport must hand the caller a response
// the network layer cannot write to. A page's fetch() exposes no trailers,
// and Set-Cookie never.
// See https://fetch.spec.whatwg.org/#concept-filtered-response-basic,
// #concept-filtered-response-cors, #concept-filtered-response-opaque.
func TestTrailersNeverReachResponse(t *testing.T) {
	h1 := httptest.NewServer(http.HandlerFunc(trailerHandler))
	t.Cleanup(h1.Close)
	h2 := httptest.NewUnstartedServer(http.HandlerFunc(trailerHandler))
	h2.EnableHTTP2 = true
	h2.StartTLS()
	t.Cleanup(h2.Close)

	for _, srv := range []struct {
		name  string
		s     *httptest.Server
		major int
	}{{"HTTP/1.1", h1, 1}, {"HTTP/2", h2, 2}} {
		for _, tc := range []struct {
			name   string
			origin string // "" means the server's own
			mode   Mode
			want   ResponseType
		}{
			{"basic", "", ModeCORS, ResponseBasic},
			{"cors", "https://page.example", ModeCORS, ResponseCORS},
			{"opaque", "https://page.example", ModeNoCORS, ResponseOpaque},
			{"navigate", "https://page.example", ModeNavigate, ResponseBasic},
		} {
			t.Run(srv.name+"/"+tc.name, func(t *testing.T) {
				origin := tc.origin
				if origin == "" {
					origin = srv.s.URL
				}
				tr := &Transport{Base: srv.s.Client().Transport, Origin: origin}
				req, err := http.NewRequestWithContext(WithOptions(t.Context(), Options{Mode: tc.mode}), "GET", srv.s.URL+"/", nil)
				if err != nil {
					t.Fatal(err)
				}
				resp, err := tr.RoundTrip(req)
				if err != nil {
					t.Fatal(err)
				}
				if TypeOf(resp) != tc.want {
					t.Fatalf("type %v, want %v", TypeOf(resp), tc.want)
				}
				if tc.want != ResponseOpaque && resp.ProtoMajor != srv.major {
					t.Fatalf("protocol %s, want major %d", resp.Proto, srv.major)
				}
				checkNoTrailers(t, "before the body is read", resp)
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil {
					t.Fatal(err)
				}
				if tc.want != ResponseOpaque && string(b) != "body" {
					t.Fatalf("body %q", b)
				}
				checkNoTrailers(t, "after the body is read", resp)
			})
		}
	}
}

func checkNoTrailers(t *testing.T, when string, resp *http.Response) {
	t.Helper()
	if len(resp.Trailer) != 0 {
		t.Errorf("%s: Trailer = %v, want none", when, resp.Trailer)
	}
	for name, vals := range resp.Header {
		if strings.EqualFold(name, "X-Secret") || strings.EqualFold(name, "Set-Cookie") {
			t.Errorf("%s: header %s = %q present", when, name, vals)
		}
		for _, v := range vals {
			if strings.Contains(v, secretTrailer) {
				t.Errorf("%s: header %s = %q holds a trailer's value", when, name, v)
			}
		}
	}
}

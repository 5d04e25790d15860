package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

func encode(t testing.TB, coding, s string) []byte {
	var b bytes.Buffer
	var w io.WriteCloser
	switch coding {
	case "gzip", "x-gzip":
		w = gzip.NewWriter(&b)
	case "deflate":
		w = zlib.NewWriter(&b)
	case "raw-deflate":
		w, _ = flate.NewWriter(&b, flate.DefaultCompression)
	default:
		return []byte(s)
	}
	io.WriteString(w, s)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// codingServer answers with the body "hello, hello, hello" encoded as
// ?ce= says (raw-deflate is sent as Content-Encoding: deflate), recording
// the Accept-Encoding it got.
func codingServer(t *testing.T, gotAE *[]string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*gotAE = r.Header.Values("Accept-Encoding")
		ce := r.URL.Query().Get("ce")
		body := encode(t, ce, "hello, hello, hello")
		if ce == "corrupt" {
			body, ce = []byte("not gzip at all"), "gzip"
		}
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if ce == "raw-deflate" {
			ce = "deflate"
		}
		if ce != "" {
			w.Header().Set("Content-Encoding", ce)
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// The Transport offers gzip and deflate, decodes them, and keeps
// Content-Encoding and Content-Length as received, as a browser does
// (https://fetch.spec.whatwg.org/#handle-content-codings); a Range request
// offers identity (https://fetch.spec.whatwg.org/#http-network-or-cache-fetch).
func TestContentCoding(t *testing.T) {
	var gotAE []string
	srv := codingServer(t, &gotAE)
	tests := []struct {
		name     string
		ce       string
		hdr      http.Header
		keep     bool
		wantAE   string
		wantBody string
	}{
		{"identity", "", nil, false, AcceptEncoding, "hello, hello, hello"},
		{"gzip", "gzip", nil, false, AcceptEncoding, "hello, hello, hello"},
		{"x-gzip", "x-gzip", nil, false, AcceptEncoding, "hello, hello, hello"},
		{"deflate (zlib)", "deflate", nil, false, AcceptEncoding, "hello, hello, hello"},
		{"deflate (raw)", "raw-deflate", nil, false, AcceptEncoding, "hello, hello, hello"},
		{"Range offers identity", "", http.Header{"Range": {"bytes=0-4"}}, false, "identity", "hello, hello, hello"},
		{"a page's Accept-Encoding is forbidden and replaced", "gzip", http.Header{"Accept-Encoding": {"br"}}, false, AcceptEncoding, "hello, hello, hello"},
		{"a crawler's kept Accept-Encoding goes out, body left encoded", "gzip", http.Header{"Accept-Encoding": {"gzip"}}, true, "gzip", string(encode(t, "gzip", "hello, hello, hello"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Transport{Origin: srv.URL, KeepForbiddenHeaders: tt.keep}
			defer tr.CloseIdleConnections()
			resp, body, err := do(t, tr, "GET", srv.URL+"/?ce="+tt.ce, Options{}, tt.hdr, "")
			if err != nil {
				t.Fatal(err)
			}
			if len(gotAE) != 1 || gotAE[0] != tt.wantAE {
				t.Errorf("Accept-Encoding sent %q, want %q", gotAE, tt.wantAE)
			}
			if body != tt.wantBody {
				t.Errorf("body %q, want %q", body, tt.wantBody)
			}
			wantCE := tt.ce
			if wantCE == "raw-deflate" {
				wantCE = "deflate"
			}
			if got := resp.Header.Get("Content-Encoding"); got != wantCE {
				t.Errorf("Content-Encoding %q, want %q (kept as received)", got, wantCE)
			}
			if got, want := resp.Header.Get("Content-Length"), strconv.Itoa(len(encode(t, tt.ce, "hello, hello, hello"))); got != want {
				t.Errorf("Content-Length %q, want %q (the encoded length, as received)", got, want)
			}
			if decoded := tt.ce != "" && !tt.keep; resp.Uncompressed != decoded || decoded && resp.ContentLength != -1 {
				t.Errorf("Uncompressed %v ContentLength %d", resp.Uncompressed, resp.ContentLength)
			}
		})
	}
}

// Cross-origin, the page reads the decoded body and Content-Length (a
// CORS-safelisted response-header name) but not Content-Encoding.
func TestContentCodingCORS(t *testing.T) {
	var gotAE []string
	srv := codingServer(t, &gotAE)
	tr := &Transport{Origin: "https://app.example"}
	defer tr.CloseIdleConnections()
	resp, body, err := do(t, tr, "GET", srv.URL+"/?ce=gzip", Options{}, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if body != "hello, hello, hello" || resp.Header.Get("Content-Encoding") != "" || resp.Header.Get("Content-Length") == "" {
		t.Errorf("body %q, headers %v", body, resp.Header)
	}
}

func TestContentCodingCorrupt(t *testing.T) {
	var gotAE []string
	srv := codingServer(t, &gotAE)
	tr := &Transport{Origin: srv.URL}
	defer tr.CloseIdleConnections()
	req, _ := http.NewRequest("GET", srv.URL+"/?ce=corrupt", nil)
	resp, err := tr.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if _, err := io.ReadAll(resp.Body); err == nil {
		t.Error("a corrupt gzip body read without error")
	}
}

// FuzzDecodeContent: whatever bytes a server sends as gzip or deflate, the
// decoding body never panics, and reading it ends (in data or an error).
func FuzzDecodeContent(f *testing.F) {
	f.Add([]byte("not encoded"), false)
	f.Add(encode(f, "gzip", "hello"), false)
	f.Add(encode(f, "deflate", "hello"), true)
	f.Add(encode(f, "raw-deflate", "hello"), true)
	f.Fuzz(func(t *testing.T, b []byte, deflate bool) {
		ce := "gzip"
		if deflate {
			ce = "deflate"
		}
		resp := &http.Response{Header: http.Header{"Content-Encoding": {ce}}, Body: io.NopCloser(bytes.NewReader(b))}
		decodeContent(resp)
		if !resp.Uncompressed {
			t.Fatal("not decoded")
		}
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
	})
}

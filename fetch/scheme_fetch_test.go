package fetch

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

type mapBlobStore map[string]Blob

func (m mapBlobStore) ResolveBlobURL(u *url.URL) (Blob, bool) {
	b, ok := m[u.String()]
	return b, ok
}

// Scheme fetch (https://fetch.spec.whatwg.org/#scheme-fetch) and the
// main-fetch branches that lead to it (#main-fetch); WPT
// fetch/api/basic/scheme-data.any.js, scheme-about.any.js, scheme-blob.sub.any.js.
func TestSchemeFetch(t *testing.T) {
	const page = "https://app.example"
	store := mapBlobStore{
		"blob:https://app.example/1":   {Type: "text/csv", Size: 10, Data: strings.NewReader("0123456789")},
		"blob:https://other.example/2": {Type: "text/csv", Size: 3, Data: strings.NewReader("abc")},
	}
	tests := []struct {
		name       string
		method     string
		url        string
		o          Options
		hdr        http.Header
		noStore    bool
		chromium   bool        // cors.ChromiumPolicy()
		wantKind   NetworkKind // 0: a response
		wantReason cors.Reason
		wantType   ResponseType
		wantStatus int
		wantCT     string
		wantBody   string
		wantRange  string
	}{
		{name: "data cors", url: "data:text/plain;base64,aGk=", wantType: ResponseBasic, wantStatus: 200, wantCT: "text/plain", wantBody: "hi"},
		{name: "data no-cors is basic", url: "data:,hi", o: Options{Mode: ModeNoCORS}, wantType: ResponseBasic, wantStatus: 200, wantCT: "text/plain;charset=US-ASCII", wantBody: "hi"},
		{name: "data same-origin", url: "data:,hi", o: Options{Mode: ModeSameOrigin}, wantType: ResponseBasic, wantStatus: 200, wantCT: "text/plain;charset=US-ASCII", wantBody: "hi"},
		{name: "data POST", method: "POST", url: "data:,hi", wantType: ResponseBasic, wantStatus: 200, wantCT: "text/plain;charset=US-ASCII", wantBody: "hi"},
		{name: "data without comma", url: "data:text/plain", wantKind: KindDataURL},
		{name: "data bad base64", url: "data:;base64,W", wantKind: KindDataURL},
		{name: "about:blank cors", url: "about:blank", wantKind: KindCORS, wantReason: cors.CORSDisabledScheme},
		{name: "about:blank no-cors", url: "about:blank", o: Options{Mode: ModeNoCORS}, wantType: ResponseOpaque},
		{name: "about:blank same-origin", url: "about:blank", o: Options{Mode: ModeSameOrigin}, wantKind: KindMode, wantReason: cors.DisallowedByMode},
		{name: "about:blank navigate", url: "about:blank", o: Options{Mode: ModeNavigate}, wantType: ResponseBasic, wantStatus: 200, wantCT: "text/html;charset=utf-8"},
		{name: "about:config no-cors", url: "about:config", o: Options{Mode: ModeNoCORS}, wantKind: KindScheme},
		{name: "about:blank no-cors, Chromium", url: "about:blank", o: Options{Mode: ModeNoCORS}, chromium: true, wantKind: KindScheme},
		{name: "about:blank cors, Chromium", url: "about:blank", chromium: true, wantKind: KindScheme},
		{name: "data no-cors, Chromium", url: "data:,hi", o: Options{Mode: ModeNoCORS}, chromium: true, wantType: ResponseBasic, wantStatus: 200, wantCT: "text/plain;charset=US-ASCII", wantBody: "hi"},
		{name: "ftp cors", url: "ftp://a.example/x", wantKind: KindCORS, wantReason: cors.CORSDisabledScheme},
		{name: "ftp no-cors", url: "ftp://a.example/x", o: Options{Mode: ModeNoCORS}, wantKind: KindScheme},
		{name: "blob without a store", url: "blob:https://app.example/1", noStore: true, wantKind: KindNoBlobURLStore},
		{name: "cross-origin blob without a store, cors", url: "blob:https://other.example/2", noStore: true, wantKind: KindNoBlobURLStore},
		{name: "blob same-origin", url: "blob:https://app.example/1", wantType: ResponseBasic, wantStatus: 200, wantCT: "text/csv", wantBody: "0123456789"},
		{name: "blob range", url: "blob:https://app.example/1", hdr: http.Header{"Range": {"bytes=2-4"}}, wantType: ResponseBasic, wantStatus: 206, wantCT: "text/csv", wantBody: "234", wantRange: "bytes 2-4/10"},
		{name: "blob suffix range", url: "blob:https://app.example/1", hdr: http.Header{"Range": {"bytes=-3"}}, wantType: ResponseBasic, wantStatus: 206, wantCT: "text/csv", wantBody: "789", wantRange: "bytes 7-9/10"},
		{name: "blob open range", url: "blob:https://app.example/1", hdr: http.Header{"Range": {"bytes=8-"}}, wantType: ResponseBasic, wantStatus: 206, wantCT: "text/csv", wantBody: "89", wantRange: "bytes 8-9/10"},
		{name: "blob range past the end", url: "blob:https://app.example/1", hdr: http.Header{"Range": {"bytes=10-"}}, wantKind: KindBlobURL},
		{name: "blob POST", method: "POST", url: "blob:https://app.example/1", wantKind: KindBlobURL},
		{name: "blob revoked", url: "blob:https://app.example/9", wantKind: KindBlobURL},
		{name: "blob cross-origin cors", url: "blob:https://other.example/2", wantKind: KindCORS, wantReason: cors.CORSDisabledScheme},
		{name: "blob cross-origin no-cors", url: "blob:https://other.example/2", o: Options{Mode: ModeNoCORS}, wantType: ResponseOpaque},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sent := 0
			tr := &Transport{Origin: page, BlobURLStore: store, Base: roundTripFunc(func(*http.Request) (*http.Response, error) {
				sent++
				return nil, errors.New("no network")
			})}
			if tt.noStore {
				tr.BlobURLStore = nil
			}
			if tt.chromium {
				tr.Policy = cors.ChromiumPolicy()
			}
			method := tt.method
			if method == "" {
				method = "GET"
			}
			body := ""
			if method == "POST" {
				body = "x"
			}
			resp, got, err := do(t, tr, method, tt.url, tt.o, tt.hdr, body)
			if sent != 0 {
				t.Errorf("%d requests went to Base", sent)
			}
			if tt.wantKind != 0 {
				if networkKind(err) != tt.wantKind || corsReason(err) != tt.wantReason {
					t.Fatalf("err %v, want kind %v reason %v", err, tt.wantKind, tt.wantReason)
				}
				if blocked := errors.Is(err, cors.ErrBlocked); blocked != (tt.wantReason != cors.ReasonNone) {
					t.Errorf("errors.Is(err, cors.ErrBlocked) = %v", blocked)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if TypeOf(resp) != tt.wantType || resp.StatusCode != tt.wantStatus ||
				resp.Header.Get("Content-Type") != tt.wantCT || got != tt.wantBody ||
				resp.Header.Get("Content-Range") != tt.wantRange {
				t.Errorf("got %v %d %v %q, want %v %d %q %q %q", TypeOf(resp), resp.StatusCode, resp.Header, got,
					tt.wantType, tt.wantStatus, tt.wantCT, tt.wantBody, tt.wantRange)
			}
			wantURL := tt.url
			if tt.wantType == ResponseOpaque {
				wantURL = ""
			}
			if URLOf(resp) != wantURL {
				t.Errorf("URLOf %q, want %q", URLOf(resp), wantURL)
			}
		})
	}
}

// http.Client passes data: URLs to the Transport like any other.
func TestSchemeFetchThroughClient(t *testing.T) {
	client := &http.Client{Transport: &Transport{Origin: "https://app.example"}}
	resp, err := client.Get("data:application/json,%7B%7D")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") != "application/json" || resp.ContentLength != 2 {
		t.Errorf("%v %d", resp.Header, resp.ContentLength)
	}
}

package fetch

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/internal/headerparse"
)

// BlobURLStore is the page's blob URL store: the blobs that
// URL.createObjectURL registered, which blob: URLs name. An embedder (a JS
// runtime) supplies it as Transport.BlobURLStore.
// See https://w3c.github.io/FileAPI/#BlobURLStore.
type BlobURLStore interface {
	// ResolveBlobURL returns the blob that u, a blob: URL, names, and false
	// when it names none (never created, revoked, or not this page's).
	ResolveBlobURL(u *url.URL) (Blob, bool)
}

// Blob is a blob's type and bytes.
type Blob struct {
	Type string      // the blob's type, sent as Content-Type ("" for none)
	Size int64       // the number of bytes in Data
	Data io.ReaderAt // the bytes; read from several goroutines only if it allows that
}

// nonHTTPMainFetch is main fetch's step 12 for a URL whose scheme is not
// http or https (only the first URL can have one: redirects to other
// schemes are refused): data: URLs and same-origin blob: URLs are basic,
// no-cors makes the rest opaque, and the other modes refuse them. Then it
// runs scheme fetch and filters the response.
// See https://fetch.spec.whatwg.org/#main-fetch.
func (f *fetchState) nonHTTPMainFetch(cur *url.URL) (*http.Response, error) {
	scheme := strings.ToLower(cur.Scheme)
	if scheme == "about" && f.t.Policy.AboutSchemeUnsupported {
		return nil, f.networkError(KindScheme, nil)
	}
	if scheme == "blob" && f.t.BlobURLStore == nil {
		// Without a store no blob: URL can be fetched, in any mode: say
		// so rather than report a CORS block.
		return nil, f.networkError(KindNoBlobURLStore, nil)
	}
	switch {
	case scheme == "data", f.mode == ModeNavigate,
		scheme == "blob" && f.origin.SameOriginURL(blobURLOrigin(cur)):
		f.tainting = taintBasic
	case f.mode == ModeSameOrigin:
		return nil, f.networkError(KindMode, f.fillCORSError(&cors.Error{Reason: cors.DisallowedByMode}))
	case f.mode == ModeNoCORS:
		if f.redirect != RedirectFollow {
			return nil, f.networkError(KindMode, nil)
		}
		f.tainting = taintOpaque
	default:
		// A cors-mode fetch of another scheme: Chromium reports
		// CorsDisabledScheme.
		return nil, f.corsError(&cors.Error{Reason: cors.CORSDisabledScheme, Offending: cur.Scheme})
	}
	resp, err := f.schemeFetch(scheme, cur)
	if err != nil {
		return nil, err
	}
	return f.filter(resp), nil
}

// blobURLOrigin is the URL whose origin a blob: URL has: its path parsed
// as a URL, or nil (an opaque origin). See https://url.spec.whatwg.org/#concept-url-origin.
func blobURLOrigin(u *url.URL) *url.URL {
	p := u.Opaque
	if p == "" {
		p = u.Path
	}
	inner, err := url.Parse(p)
	if err != nil || !isHTTPScheme(inner.Scheme) {
		return nil
	}
	return inner
}

// schemeFetch runs scheme fetch for the schemes other than http and https:
// about:blank, blob: (through Transport.BlobURLStore) and data:.
// See https://fetch.spec.whatwg.org/#scheme-fetch.
func (f *fetchState) schemeFetch(scheme string, cur *url.URL) (*http.Response, error) {
	switch scheme {
	case "about":
		if cur.Opaque == "blank" {
			return f.schemeResponse(200, http.Header{"Content-Type": {"text/html;charset=utf-8"}}, nil, 0), nil
		}
	case "data":
		d, ok := processDataURL(cur)
		if !ok {
			return nil, f.networkError(KindDataURL, nil)
		}
		return f.schemeResponse(200, http.Header{"Content-Type": {d.mimeType}}, bytes.NewReader(d.body), int64(len(d.body))), nil
	case "blob":
		return f.blobFetch(cur)
	}
	return nil, f.networkError(KindScheme, nil)
}

// blobFetch is scheme fetch's blob: branch, Range requests included.
// See https://fetch.spec.whatwg.org/#scheme-fetch.
func (f *fetchState) blobFetch(cur *url.URL) (*http.Response, error) {
	store := f.t.BlobURLStore
	if store == nil {
		return nil, f.networkError(KindNoBlobURLStore, nil)
	}
	if f.method != http.MethodGet {
		return nil, f.networkError(KindBlobURL, nil)
	}
	blob, ok := store.ResolveBlobURL(cur)
	if !ok || blob.Data == nil || blob.Size < 0 {
		return nil, f.networkError(KindBlobURL, nil)
	}
	full := blob.Size
	h := http.Header{"Content-Type": {blob.Type}}
	rangeVals := f.header.Values("Range")
	if len(rangeVals) == 0 {
		h["Content-Length"] = []string{strconv.FormatInt(full, 10)}
		return f.schemeResponse(200, h, io.NewSectionReader(blob.Data, 0, full), full), nil
	}
	r, ok := headerparse.ParseSingleRange(strings.Join(rangeVals, ", "), true)
	if !ok {
		return nil, f.networkError(KindBlobURL, nil)
	}
	start, errS := strconv.ParseInt(r.Start, 10, 64)
	end, errE := strconv.ParseInt(r.End, 10, 64)
	switch {
	case r.Start == "":
		if errE != nil {
			return nil, f.networkError(KindBlobURL, nil)
		}
		start = max(full-end, 0)
		end = full - 1
	case errS != nil || start >= full:
		return nil, f.networkError(KindBlobURL, nil)
	case r.End == "" || errE != nil || end >= full:
		end = full - 1
	}
	n := end - start + 1
	h["Content-Length"] = []string{strconv.FormatInt(n, 10)}
	h["Content-Range"] = []string{"bytes " + strconv.FormatInt(start, 10) + "-" + strconv.FormatInt(end, 10) + "/" + strconv.FormatInt(full, 10)}
	return f.schemeResponse(206, h, io.NewSectionReader(blob.Data, start, n), n), nil
}

// schemeResponse builds a scheme fetch's response, recording its type and
// URL list for TypeOf and URLListOf.
func (f *fetchState) schemeResponse(status int, h http.Header, body io.Reader, n int64) *http.Response {
	var rc io.ReadCloser = http.NoBody
	if body != nil && n > 0 {
		rc = io.NopCloser(body)
	}
	ctx := &typedContext{Context: f.ctx, typ: f.responseType(), urls: f.urls[:len(f.urls):len(f.urls)]}
	req := f.orig.WithContext(ctx)
	req.Method = f.method
	return &http.Response{
		Status:        strconv.Itoa(status) + " " + http.StatusText(status),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          rc,
		ContentLength: n,
		Request:       req,
	}
}

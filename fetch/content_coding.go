package fetch

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http"
	"strings"
)

// AcceptEncoding is the Accept-Encoding the Transport sends: the content
// codings it decodes with the standard library. Chromium sends "gzip,
// deflate, br, zstd"; br and zstd are left out because decoding them needs
// a dependency, and a server must not use a coding it was not offered.
const AcceptEncoding = "gzip, deflate"

// setAcceptEncoding sets the Accept-Encoding of one hop's request h, as
// HTTP-network-or-cache fetch does: "identity" when the request has a
// Range header, else AcceptEncoding. It reports whether the Transport owns
// the coding (and so decodes the response): not when a crawler's kept
// forbidden headers carry their own Accept-Encoding, which then goes out
// as is, with the body left encoded.
// See https://fetch.spec.whatwg.org/#http-network-or-cache-fetch.
func (f *fetchState) setAcceptEncoding(h http.Header) bool {
	if f.kept != nil && hasHeader(f.kept, "Accept-Encoding") {
		return false
	}
	v := AcceptEncoding
	if hasHeader(h, "Range") {
		v = "identity"
	}
	if len(f.urls) == 1 {
		f.firstAE[0] = v
		h["Accept-Encoding"] = f.firstAE[:1:1]
	} else {
		h["Accept-Encoding"] = []string{v}
	}
	return true
}

// decodeContent replaces resp's body with its decoding when its
// Content-Encoding is gzip (x-gzip) or deflate, as a browser does when it
// handles content codings. Like a browser, and unlike net/http, it keeps
// the Content-Encoding and Content-Length headers as the server sent them
// (what a page reads); resp.ContentLength becomes -1 and resp.Uncompressed
// true. Decoding starts at the first Read, and a corrupt body fails that
// Read. Other codings are left as they are.
// See https://fetch.spec.whatwg.org/#handle-content-codings.
func decodeContent(resp *http.Response) {
	if resp.Body == nil || resp.Body == http.NoBody || len(resp.Header["Content-Encoding"]) != 1 {
		return
	}
	var kind byte
	switch strings.ToLower(strings.TrimSpace(resp.Header["Content-Encoding"][0])) {
	case "gzip", "x-gzip":
		kind = 'g'
	case "deflate":
		kind = 'd'
	default:
		return
	}
	resp.Body = &decodingBody{src: resp.Body, kind: kind}
	resp.ContentLength = -1
	resp.Uncompressed = true
}

// decodingBody decodes src lazily.
type decodingBody struct {
	src  io.ReadCloser
	kind byte // 'g' gzip, 'd' deflate
	r    io.Reader
	err  error
}

func (b *decodingBody) Read(p []byte) (int, error) {
	if b.r == nil && b.err == nil {
		br := bufio.NewReader(b.src)
		switch b.kind {
		case 'g':
			var zr *gzip.Reader
			if zr, b.err = gzip.NewReader(br); b.err == nil {
				b.r = zr
			}
		default:
			// "deflate" is the zlib format (RFC 9110, 8.4.1.2); some
			// servers send raw DEFLATE, which browsers accept too.
			if h, err := br.Peek(2); err == nil && h[0]&0x0f == 8 && (uint16(h[0])<<8|uint16(h[1]))%31 == 0 {
				var zr io.ReadCloser
				if zr, b.err = zlib.NewReader(br); b.err == nil {
					b.r = zr
				}
			} else {
				b.r = flate.NewReader(br)
			}
		}
	}
	if b.err != nil {
		return 0, b.err
	}
	return b.r.Read(p)
}

func (b *decodingBody) Close() error {
	if c, ok := b.r.(io.Closer); ok {
		c.Close()
	}
	return b.src.Close()
}

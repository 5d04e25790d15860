package fetch

import (
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/corsfetch/corsfetch/internal/headerparse"
)

// dataURL is a data: URL struct: a serialized MIME type and a body.
// See https://fetch.spec.whatwg.org/#data-url-struct.
type dataURL struct {
	mimeType string
	body     []byte
}

// processDataURL runs the data: URL processor on u, whose scheme is data.
// ok is false for the processor's failure (no comma, bad base64).
// See https://fetch.spec.whatwg.org/#data-url-processor.
func processDataURL(u *url.URL) (d dataURL, ok bool) {
	input := serializeURL(u, true)
	input = input[len("data:"):]
	comma := strings.IndexByte(input, ',')
	if comma < 0 {
		return dataURL{}, false
	}
	mimeType := strings.Trim(input[:comma], " \t\n\f\r")
	body := percentDecode(input[comma+1:])
	if m, ok := cutBase64Suffix(mimeType); ok {
		b, ok := forgivingBase64Decode(string(body))
		if !ok {
			return dataURL{}, false
		}
		body, mimeType = b, m
	}
	if strings.HasPrefix(mimeType, ";") {
		mimeType = "text/plain" + mimeType
	}
	ser, ok := serializeMIMEType(mimeType)
	if !ok {
		ser = "text/plain;charset=US-ASCII"
	}
	return dataURL{mimeType: ser, body: body}, true
}

// cutBase64Suffix reports whether m ends with ";", zero or more spaces and
// "base64" (ASCII case-insensitively), and returns m without them.
func cutBase64Suffix(m string) (string, bool) {
	if len(m) < 7 || !headerparse.EqualFoldASCII(m[len(m)-6:], "base64") {
		return m, false
	}
	rest := strings.TrimRight(m[:len(m)-6], " ")
	if !strings.HasSuffix(rest, ";") {
		return m, false
	}
	return rest[:len(rest)-1], true
}

// percentDecode is the URL Standard's percent-decode: "%" followed by two
// hex digits becomes that byte; anything else stays.
// See https://url.spec.whatwg.org/#percent-decode.
func percentDecode(s string) []byte {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return b
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// forgivingBase64Decode is Infra's forgiving-base64 decode.
// See https://infra.spec.whatwg.org/#forgiving-base64-decode.
func forgivingBase64Decode(s string) ([]byte, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' {
			return -1
		}
		return r
	}, s)
	if len(s)%4 == 0 {
		if strings.HasSuffix(s, "==") {
			s = s[:len(s)-2]
		} else if strings.HasSuffix(s, "=") {
			s = s[:len(s)-1]
		}
	}
	if len(s)%4 == 1 {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/') {
			return nil, false
		}
	}
	// RawStdEncoding, not Strict, discards the leftover bits as the
	// algorithm does.
	b, err := base64.RawStdEncoding.DecodeString(s)
	return b, err == nil
}

// serializeMIMEType parses s as a MIME type and serializes the result:
// type and subtype and parameter names lower-cased, a value quoted when it
// is empty or not a token. ok is false when s does not parse.
// See https://mimesniff.spec.whatwg.org/#serialize-a-mime-type.
func serializeMIMEType(s string) (string, bool) {
	m, ok := headerparse.ParseMIMEType(s)
	if !ok {
		return "", false
	}
	var b strings.Builder
	b.WriteString(strings.ToLower(m.Type))
	b.WriteByte('/')
	b.WriteString(strings.ToLower(m.Subtype))
	it := m.Params()
	for {
		name, value, ok := it.Next()
		if !ok {
			break
		}
		b.WriteByte(';')
		b.WriteString(strings.ToLower(name))
		b.WriteByte('=')
		if value != "" && headerparse.IsToken(value) {
			b.WriteString(value)
			continue
		}
		b.WriteByte('"')
		for i := 0; i < len(value); i++ {
			if value[i] == '"' || value[i] == '\\' {
				b.WriteByte('\\')
			}
			b.WriteByte(value[i])
		}
		b.WriteByte('"')
	}
	return b.String(), true
}

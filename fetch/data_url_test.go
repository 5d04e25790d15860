package fetch

import (
	"net/url"
	"testing"
)

// Rows from WPT fetch/data-urls/resources/data-urls.json and
// base64.json (https://fetch.spec.whatwg.org/#data-url-processor).
func TestProcessDataURL(t *testing.T) {
	tests := []struct {
		in       string
		ok       bool
		mimeType string
		body     string
	}{
		{"data:,", true, "text/plain;charset=US-ASCII", ""},
		{"data:,X", true, "text/plain;charset=US-ASCII", "X"},
		{"data:", false, "", ""},
		{"data:text/html", false, "", ""},
		{"data:text/html    ;charset=x   ,", true, "text/html;charset=x", ""},
		{"data:,X#X", true, "text/plain;charset=US-ASCII", "X"},
		{"data:,%FF", true, "text/plain;charset=US-ASCII", "\xff"},
		{"data:,%zz%4", true, "text/plain;charset=US-ASCII", "%zz%4"},
		{"data:text/plain,X", true, "text/plain", "X"},
		{"data:TEXT/PLAIN;CHARSET=UTF-8,X", true, "text/plain;charset=UTF-8", "X"},
		{"data:;x=x,X", true, "text/plain;x=x", "X"},
		{"data:;x=x;charset=x,X", true, "text/plain;x=x;charset=x", "X"},
		{"data:x/x;base64;base64,WA", true, "x/x", "X"},
		{"data:;base64,WA", true, "text/plain;charset=US-ASCII", "X"},
		{"data:;base64 ,WA", true, "text/plain;charset=US-ASCII", "X"},
		{"data:;base64;,WA", true, "text/plain", "WA"},
		{"data:;BASE64,WA", true, "text/plain;charset=US-ASCII", "X"},
		{"data:;base64,W%0CA", true, "text/plain;charset=US-ASCII", "X"},
		{"data:;base64,WA==", true, "text/plain;charset=US-ASCII", "X"},
		{"data:;base64,WA=", false, "", ""},
		{"data:;base64,W", false, "", ""},
		{"data:;base64,W*A", false, "", ""},
		{"data:;base64,YR", true, "text/plain;charset=US-ASCII", "a"},
		{"data:application/json,{}", true, "application/json", "{}"},
		{"data:x;base64,WA", true, "text/plain;charset=US-ASCII", "X"},
		{"data:text/plain;a=\"b c\",X", true, "text/plain;a=\"b c\"", "X"},
	}
	for _, tt := range tests {
		u, err := url.Parse(tt.in)
		if err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		d, ok := processDataURL(u)
		if ok != tt.ok || ok && (d.mimeType != tt.mimeType || string(d.body) != tt.body) {
			t.Errorf("%s: %v %q %q, want %v %q %q", tt.in, ok, d.mimeType, d.body, tt.ok, tt.mimeType, tt.body)
		}
	}
}

func FuzzProcessDataURL(f *testing.F) {
	f.Add("data:;base64,WA==")
	f.Add("data:text/html;charset=x,%41")
	f.Fuzz(func(t *testing.T, s string) {
		u, err := url.Parse(s)
		if err != nil || u.Scheme != "data" {
			return
		}
		d, ok := processDataURL(u)
		if !ok {
			return
		}
		// The MIME type is serialized: serializing it again changes nothing.
		if again, ok := serializeMIMEType(d.mimeType); !ok || again != d.mimeType {
			t.Fatalf("%q: MIME type %q serializes again as %q, %v", s, d.mimeType, again, ok)
		}
	})
}

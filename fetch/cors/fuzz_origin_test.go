package cors

import (
	"net/url"
	"testing"
)

// FuzzOriginFromURL: the host parser never panics, serializes to ASCII,
// and SameOriginURL agrees with OriginFromURL
// (https://url.spec.whatwg.org/#concept-url-origin).
func FuzzOriginFromURL(f *testing.F) {
	for _, s := range []string{
		"https://bücher.example/", "http://0x7f.1:8080/", "http://[::1]/", "http://xn--zz.example/", "http://1.2.3.256/",
		"https://A.EXAMPLE:443/", "http://127.0.0.1./", "http://a.xn--/", "blob:https://a.example/x",
	} {
		f.Add(s, "https://a.example/")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ua, err := url.Parse(a)
		if err != nil {
			return
		}
		o := OriginFromURL(ua)
		ser := o.String()
		for i := 0; i < len(ser); i++ {
			if ser[i] <= ' ' || ser[i] >= 0x7f {
				t.Fatalf("OriginFromURL(%q) = %q is not printable ASCII", a, ser)
			}
		}
		if !o.IsOpaque() && ua.Scheme != "blob" && !o.SameOriginURL(ua) {
			t.Fatalf("OriginFromURL(%q) = %q is not same-origin with its URL", a, ser)
		}
		ub, err := url.Parse(b)
		if err != nil || ub.Scheme == "blob" {
			return
		}
		if got, want := o.SameOriginURL(ub), o.SameOrigin(OriginFromURL(ub)); got != want {
			t.Fatalf("%q.SameOriginURL(%q) = %v, OriginFromURL says %v", ser, b, got, want)
		}
	})
}

package safelist

// unsafeByte marks the CORS-unsafe request-header bytes.
var unsafeByte = func() (t [256]bool) {
	for b := 0; b < 0x20; b++ {
		t[b] = b != '\t'
	}
	for _, b := range []byte("\"():<>?@[\\]{}\x7f") {
		t[b] = true
	}
	return t
}()

// IsCORSUnsafeRequestHeaderByte reports whether b is a CORS-unsafe
// request-header byte: a control byte other than HT, DEL, or one of
// `"():<>?@[\]{}`. Bytes 0x80–0xFF are not unsafe.
// See https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte.
func IsCORSUnsafeRequestHeaderByte(b byte) bool { return unsafeByte[b] }

// containsUnsafeByte reports whether v contains a CORS-unsafe
// request-header byte.
func containsUnsafeByte(v string) bool {
	for i := 0; i < len(v); i++ {
		if unsafeByte[v[i]] {
			return true
		}
	}
	return false
}

// languageByte marks the bytes allowed in Accept-Language and
// Content-Language values: 0-9 A-Z a-z SP * , - . ; =.
var languageByte = func() (t [256]bool) {
	for b := '0'; b <= '9'; b++ {
		t[b] = true
	}
	for b := 'a'; b <= 'z'; b++ {
		t[b] = true
		t[b-'a'+'A'] = true
	}
	for _, b := range []byte(" *,-.;=") {
		t[b] = true
	}
	return t
}()

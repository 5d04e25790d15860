package safelist

// unsafeByte is 1 for the CORS-unsafe request-header bytes, else 0.
var unsafeByte = func() (t [256]uint8) {
	for b := 0; b < 0x20; b++ {
		if b != '\t' {
			t[b] = 1
		}
	}
	for _, b := range []byte("\"():<>?@[\\]{}\x7f") {
		t[b] = 1
	}
	return t
}()

// IsCORSUnsafeRequestHeaderByte reports whether b is a CORS-unsafe
// request-header byte: a control byte other than HT, DEL, or one of
// `"():<>?@[\]{}`. Bytes 0x80–0xFF are not unsafe.
// See https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte.
func IsCORSUnsafeRequestHeaderByte(b byte) bool { return unsafeByte[b] != 0 }

// containsUnsafeByte reports whether v contains a CORS-unsafe
// request-header byte. It ORs eight lookups at a time: one branch per
// eight bytes instead of one per byte.
func containsUnsafeByte(v string) bool {
	i := 0
	for ; i+8 <= len(v); i += 8 {
		w := v[i : i+8]
		if unsafeByte[w[0]]|unsafeByte[w[1]]|unsafeByte[w[2]]|unsafeByte[w[3]]|
			unsafeByte[w[4]]|unsafeByte[w[5]]|unsafeByte[w[6]]|unsafeByte[w[7]] != 0 {
			return true
		}
	}
	for ; i < len(v); i++ {
		if unsafeByte[v[i]] != 0 {
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

package headerparse

import "testing"

func TestEqualFoldASCII(t *testing.T) {
	// https://infra.spec.whatwg.org/#byte-case-insensitive
	tests := []struct {
		a, b string
		want bool
	}{
		{"", "", true},
		{"Content-Type", "content-type", true},
		{"CONTENT-TYPE", "content-type", true},
		{"content-typ", "content-type", false},
		{"\u212a", "k", false},  // KELVIN SIGN: strings.EqualFold says true
		{"\u017f", "s", false},  // LATIN SMALL LETTER LONG S
		{"\xc0", "\xe0", false}, // Latin-1 À/à bytes are not ASCII letters
		{"\r", "-", false},      // 0x0D|0x20 == 0x2D must not match
		{"@", "`", false},       // 0x40 vs 0x60
		{"[", "{", false},       // 0x5B vs 0x7B
		{"a-b", "A-B", true},
	}
	for _, tt := range tests {
		if got := EqualFoldASCII(tt.a, tt.b); got != tt.want {
			t.Errorf("EqualFoldASCII(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestEqualFoldASCIIEveryBytePair(t *testing.T) {
	for a := 0; a < 256; a++ {
		for b := 0; b < 256; b++ {
			la, lb := a, b
			if 'A' <= la && la <= 'Z' {
				la += 32
			}
			if 'A' <= lb && lb <= 'Z' {
				lb += 32
			}
			want := la == lb
			if got := EqualFoldASCII(string([]byte{byte(a)}), string([]byte{byte(b)})); got != want {
				t.Fatalf("EqualFoldASCII(%#x, %#x) = %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestHasPrefixFoldASCII(t *testing.T) {
	tests := []struct {
		s, prefix string
		want      bool
	}{
		{"Sec-Fetch-Mode", "sec-", true},
		{"sec-", "sec-", true},
		{"sec", "sec-", false},
		{"Proxy-Authorization", "proxy-", true},
		{"xsec-", "sec-", false},
	}
	for _, tt := range tests {
		if got := HasPrefixFoldASCII(tt.s, tt.prefix); got != tt.want {
			t.Errorf("HasPrefixFoldASCII(%q, %q) = %v, want %v", tt.s, tt.prefix, got, tt.want)
		}
	}
}

func TestEqualFoldLowerEveryBytePair(t *testing.T) {
	for a := 0; a < 256; a++ {
		for l := 0; l < 256; l++ {
			if 'A' <= l && l <= 'Z' {
				continue // precondition: lower has no uppercase letter
			}
			s, lower := string([]byte{byte(a)}), string([]byte{byte(l)})
			if got, want := EqualFoldLower(s, lower), EqualFoldASCII(s, lower); got != want {
				t.Fatalf("EqualFoldLower(%#x, %#x) = %v, want %v", a, l, got, want)
			}
		}
	}
	if EqualFoldLower("ab", "a") || !EqualFoldLower("Content-Type", "content-type") || EqualFoldLower("content\rtype", "content-type") {
		t.Fatal("EqualFoldLower: multi-byte cases")
	}
}

package safelist

import "testing"

func TestMethods(t *testing.T) {
	// https://fetch.spec.whatwg.org/#cors-safelisted-method, #forbidden-method,
	// #concept-method-normalize
	tests := []struct {
		m                  string
		safelisted, forbid bool
		normalized         string
	}{
		{"GET", true, false, "GET"},
		{"get", false, false, "GET"},
		{"HEAD", true, false, "HEAD"},
		{"POST", true, false, "POST"},
		{"post", false, false, "POST"},
		{"PUT", false, false, "PUT"},
		{"pUt", false, false, "PUT"},
		{"delete", false, false, "DELETE"},
		{"options", false, false, "OPTIONS"},
		{"patch", false, false, "patch"},
		{"PATCH", false, false, "PATCH"},
		{"CONNECT", false, true, "CONNECT"},
		{"connect", false, true, "connect"},
		{"TRACE", false, true, "TRACE"},
		{"track", false, true, "track"},
		{"TRACEx", false, false, "TRACEx"},
		{"", false, false, ""},
	}
	for _, tt := range tests {
		if got := IsCORSSafelistedMethod(tt.m); got != tt.safelisted {
			t.Errorf("IsCORSSafelistedMethod(%q) = %v", tt.m, got)
		}
		if got := IsForbiddenMethod(tt.m); got != tt.forbid {
			t.Errorf("IsForbiddenMethod(%q) = %v", tt.m, got)
		}
		if got := NormalizeMethod(tt.m); got != tt.normalized {
			t.Errorf("NormalizeMethod(%q) = %q, want %q", tt.m, got, tt.normalized)
		}
	}
}

func TestNormalizeMethodReturnsInputWhenNotNormalized(t *testing.T) {
	// https://fetch.spec.whatwg.org/#concept-method-normalize: only six names change.
	for _, m := range []string{"patch", "Patch", "propfind", "gEt ", "GETS", "ge", "\u212a"} {
		if got := NormalizeMethod(m); got != m {
			t.Errorf("NormalizeMethod(%q) = %q, want it unchanged", m, got)
		}
	}
}

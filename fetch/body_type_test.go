package fetch

import (
	"errors"
	"net/http"
	"testing"
)

// Options.BodyType is appended as Content-Type after the header guard, as
// the Request constructor orders it (https://fetch.spec.whatwg.org/#dom-request);
// the no-cors rows are what Chromium sends for fetch(url, {mode: "no-cors",
// method: "POST", headers: {"Content-Type": ...}, body: "..."}).
func TestBodyType(t *testing.T) {
	s := newSite(t)
	cross := newSite(t)
	tests := []struct {
		name          string
		mode          Mode
		ctype         string // the caller's Content-Type, "" for none
		bodyType      string
		wantCT        string // Content-Type the server receives
		wantPreflight bool
	}{
		{"no-cors string body replaces a dropped application/json", ModeNoCORS, "application/json", BodyTypeText, BodyTypeText, false},
		{"no-cors string body, no Content-Type", ModeNoCORS, "", BodyTypeText, BodyTypeText, false},
		{"no-cors kept Content-Type wins", ModeNoCORS, "text/plain", BodyTypeText, "text/plain", false},
		{"no-cors Blob type the guard refuses", ModeNoCORS, "", "application/json", "", false},
		{"no-cors URLSearchParams", ModeNoCORS, "application/json", BodyTypeURLSearchParams, BodyTypeURLSearchParams, false},
		{"cors caller's Content-Type wins and preflights", ModeCORS, "application/json", BodyTypeText, "application/json", true},
		{"cors string body is simple", ModeCORS, "", BodyTypeText, BodyTypeText, false},
		{"cors Blob type preflights", ModeCORS, "", "application/json", "application/json", true},
		{"cors no type", ModeCORS, "", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := &Transport{Origin: s.origin()}
			defer tr.CloseIdleConnections()
			var hdr http.Header
			if tt.ctype != "" {
				hdr = http.Header{"Content-Type": {tt.ctype}}
			}
			before := cross.count("OPTIONS")
			_, _, err := do(t, tr, "POST", cross.URL+"/b?acao=*&acah=content-type", Options{Mode: tt.mode, BodyType: tt.bodyType}, hdr, "x")
			if err != nil {
				t.Fatal(err)
			}
			log := cross.requests()
			got := log[len(log)-1]
			if got.Method != "POST" {
				t.Fatalf("last request %s", got.Method)
			}
			if ct := got.Header.Values("Content-Type"); len(ct) > 1 || got.Header.Get("Content-Type") != tt.wantCT {
				t.Errorf("Content-Type %q, want %q", ct, tt.wantCT)
			}
			if pf := cross.count("OPTIONS") > before; pf != tt.wantPreflight {
				t.Errorf("preflight %v, want %v", pf, tt.wantPreflight)
			}
		})
	}
}

// A lower-case key set without Header.Set still counts as a Content-Type.
func TestBodyTypeNonCanonicalKey(t *testing.T) {
	s := newSite(t)
	tr := &Transport{Origin: s.origin()}
	defer tr.CloseIdleConnections()
	_, _, err := do(t, tr, "POST", s.URL+"/a", Options{BodyType: BodyTypeText}, http.Header{"content-type": {"text/csv"}}, "x")
	if err != nil {
		t.Fatal(err)
	}
	log := s.requests()
	if got := log[len(log)-1].Header.Values("Content-Type"); len(got) != 1 || got[0] != "text/csv" {
		t.Errorf("Content-Type %q, want [text/csv]", got)
	}
}

func TestBodyTypeInvalid(t *testing.T) {
	s := newSite(t)
	tr := &Transport{Origin: s.origin()}
	for _, tt := range []struct {
		method, bodyType string
		want             RequestKind
	}{
		{"GET", BodyTypeText, BodyWithGetOrHead},
		{"HEAD", BodyTypeText, BodyWithGetOrHead},
		{"POST", "text/\x00plain", InvalidHeaderValue},
	} {
		_, _, err := do(t, tr, tt.method, s.URL+"/a", Options{BodyType: tt.bodyType}, nil, "")
		var re *RequestError
		if !errors.As(err, &re) || re.Kind != tt.want {
			t.Errorf("%s %q: %v, want %v", tt.method, tt.bodyType, err, tt.want)
		}
	}
	if n := len(s.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

package cors

import (
	"bufio"
	"errors"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
)

// namedInTurn runs the preflight check for a GET with headers h under p
// again and again, each time allowing the names reported before, and
// returns the names in the order they were reported: the same procedure
// that recorded testdata/chromium156_header_order.txt in Chromium.
func namedInTurn(t *testing.T, p *Policy, h http.Header) []string {
	t.Helper()
	u, _ := url.Parse("http://api.test/r")
	r := &Request{Method: "GET", URL: u, Origin: "http://page.test", Header: h}
	var named []string
	for range 64 {
		resp := http.Header{
			"Access-Control-Allow-Origin":  {"http://page.test"},
			"Access-Control-Allow-Headers": {strings.Join(append([]string{"x-none"}, named...), ", ")},
		}
		_, err := CheckPreflightResponse(200, resp, r, p)
		var ce *Error
		if !errors.As(err, &ce) {
			return named
		}
		if ce.Reason != HeaderDisallowedByPreflightResponse {
			t.Fatalf("reason %v", ce.Reason)
		}
		named = append(named, ce.FailedParameter())
	}
	t.Fatal("no end")
	return nil
}

// Under DisallowedHeaderInBlinkOrder the names come in the order headless
// Chromium 156 reported them (37 requests of 2 to 20 headers, browsers.md
// §6); under the zero Policy, in byte order.
// See https://fetch.spec.whatwg.org/#cors-preflight-fetch-0.
func TestDisallowedHeaderInBlinkOrder(t *testing.T) {
	f, err := os.Open("testdata/chromium156_header_order.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chromium := ChromiumPolicy()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		set, want, ok := strings.Cut(sc.Text(), " => ")
		if !ok {
			t.Fatalf("bad line %q", sc.Text())
		}
		h := http.Header{}
		var unsafe []string
		for _, name := range strings.Split(set, ",") {
			v := "1"
			if name == "content-type" {
				v = "application/json"
			}
			h[http.CanonicalHeaderKey(name)] = []string{v}
			if name != "accept" && name != "accept-language" {
				unsafe = append(unsafe, name)
			}
		}
		if got := namedInTurn(t, &chromium, h); strings.Join(got, ",") != want {
			t.Errorf("chromium: %s:\n got %s\nwant %s", set, strings.Join(got, ","), want)
		}
		slices.Sort(unsafe)
		if got := namedInTurn(t, nil, h); !slices.Equal(got, unsafe) {
			t.Errorf("spec: %s: got %q, want byte order", set, got)
		}
		n++
	}
	if n != 37 {
		t.Errorf("%d observations, want 37", n)
	}
}

// The three observations browsers.md §6 reports, pair by pair.
func TestBlinkOrderReportedPairs(t *testing.T) {
	chromium := ChromiumPolicy()
	for _, tt := range []struct{ a, b, named string }{
		{"X-Requested-With", "Content-Type", "x-requested-with"},
		{"X-Custom", "Content-Type", "x-custom"},
		{"Content-Type", "X-Unlisted", "content-type"},
		{"X-Unlisted-A", "X-Unlisted-B", "x-unlisted-a"},
		{"X-Unlisted-B", "X-Unlisted-A", "x-unlisted-a"},
	} {
		h := http.Header{}
		for _, n := range []string{tt.a, tt.b} {
			v := "1"
			if n == "Content-Type" {
				v = "application/json"
			}
			h[n] = []string{v}
		}
		if got := namedInTurn(t, &chromium, h); len(got) == 0 || got[0] != tt.named {
			t.Errorf("%s + %s: named %q, want %s", tt.a, tt.b, got, tt.named)
		}
	}
}

// The header map folds case: a name hashes as its lowercase does.
func TestBlinkHashFoldsCase(t *testing.T) {
	for _, s := range []string{"a", "X-A", "Content-Type", "X-Requested-With", strings.Repeat("X", 30)} {
		if blinkHash(s) != blinkHash(strings.ToLower(s)) {
			t.Errorf("%q: hash depends on case", s)
		}
		if h := blinkHash(s); h == 0 || h > 0xffffff {
			t.Errorf("%q: hash %#x outside 24 bits", s, h)
		}
	}
}

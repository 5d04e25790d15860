package cors

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/internal/headerparse"
)

// Bad server input from issue 3 (a 1 MiB Access-Control-Allow-Headers,
// 10 000 list elements, NUL bytes, duplicate field lines) must give a precise
// error or a correct parse in time linear in its size. Each case runs at
// size n and 100n and counts the steps (see steps.go: bytes and elements the
// loops visit) each takes; the count at 100n must be between 50 and 200
// times the count at n. Linear work gives about 100x, quadratic 10 000x.
// Counting, not timing (issue 10, defect 10): the verdict is the same under
// -race and on a loaded machine, every run.
func TestHostileInputLinearTime(t *testing.T) {
	const o = "https://app.example"
	list := func(prefix string, n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(prefix)
			b.WriteString(strconv.Itoa(i))
		}
		return b.String()
	}
	preflight := func(kv ...string) http.Header {
		h := http.Header{"Access-Control-Allow-Origin": {o}}
		for i := 0; i < len(kv); i += 2 {
			h.Add(kv[i], kv[i+1])
		}
		return h
	}
	put := &Request{Method: "PUT", Header: http.Header{"X-Z": {"1"}}, Origin: o}
	wantReason := func(t *testing.T, err error, want Reason) {
		t.Helper()
		var e *Error
		if !errors.As(err, &e) || e.Reason != want {
			t.Fatalf("got %v, want %v", err, want)
		}
		_, _ = e.Error(), e.ConsoleMessage()
	}
	cases := []struct {
		name string
		n    int
		// setup builds the input of size n and returns the work to time,
		// which checks its own verdict.
		setup func(t *testing.T, n int) func()
	}{
		{"5 MB ACAH, header listed (issue 10 #7)", 50 << 10, func(t *testing.T, n int) func() {
			// At least n bytes of names "x-h0, x-h1, ...": 50 KiB, then 5 MiB.
			var b strings.Builder
			k := 0
			for ; b.Len() < n; k++ {
				b.WriteString("x-h" + strconv.Itoa(k) + ", ")
			}
			h := preflight("Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", b.String()+"X-Z")
			return func() {
				if res, err := CheckPreflightResponse(200, h, put, nil); err != nil || len(res.Headers) != k+1 {
					t.Fatalf("got %v", err)
				}
			}
		}},
		{"ACAH elements, header not listed", 200, func(t *testing.T, n int) func() {
			h := preflight("Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", list("x-h", n))
			return func() {
				_, err := CheckPreflightResponse(200, h, put, nil)
				wantReason(t, err, HeaderDisallowedByPreflightResponse)
			}
		}},
		{"ACAH bytes, NUL at the end", 10 << 10, func(t *testing.T, n int) func() {
			h := preflight("Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", strings.Repeat("a", n)+"\x00")
			return func() {
				_, err := CheckPreflightResponse(200, h, put, nil)
				wantReason(t, err, InvalidAllowHeadersPreflightResponse)
			}
		}},
		{"ACAH field lines, header in the last", 200, func(t *testing.T, n int) func() {
			h := preflight("Access-Control-Allow-Methods", "PUT")
			for i := 0; i < n; i++ {
				h.Add("Access-Control-Allow-Headers", "x-h"+strconv.Itoa(i))
			}
			h.Add("Access-Control-Allow-Headers", "X-Z")
			return func() {
				if res, err := CheckPreflightResponse(200, h, put, nil); err != nil || len(res.Headers) != n+1 {
					t.Fatalf("got %v", err)
				}
			}
		}},
		{"unsafe request headers against ACAH elements", 50, func(t *testing.T, n int) func() {
			rh := http.Header{}
			for i := 0; i < n; i++ {
				rh["X-Q"+strconv.Itoa(4*i)] = []string{"1"}
			}
			r := &Request{Method: "PUT", Header: rh, Origin: o}
			h := preflight("Access-Control-Allow-Methods", list("M", 4*n)+", PUT", "Access-Control-Allow-Headers", list("x-q", 4*n))
			return func() {
				if _, err := CheckPreflightResponse(200, h, r, nil); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"ACAM elements, method absent", 200, func(t *testing.T, n int) func() {
			h := preflight("Access-Control-Allow-Methods", list("M", n), "Access-Control-Allow-Headers", "x-z")
			return func() {
				_, err := CheckPreflightResponse(200, h, put, nil)
				wantReason(t, err, MethodDisallowedByPreflightResponse)
			}
		}},
		{"Max-Age digits", 10 << 10, func(t *testing.T, n int) func() {
			h := preflight("Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "x-z", "Access-Control-Max-Age", strings.Repeat("9", n))
			return func() {
				if res, err := CheckPreflightResponse(200, h, put, nil); err != nil || res.MaxAge != ChromiumMaxAgeCap {
					t.Fatalf("got %v", err)
				}
			}
		}},
		{"ACAO bytes, a URL-like mismatch", 10 << 10, func(t *testing.T, n int) func() {
			h := http.Header{"Access-Control-Allow-Origin": {"https://" + strings.Repeat("a.", n/2) + "example\x00"}}
			return func() { wantReason(t, Check(h, o, false), AllowOriginMismatch) }
		}},
		{"ACAO duplicate field lines", 200, func(t *testing.T, n int) func() {
			h := http.Header{}
			for i := 0; i < n; i++ {
				h.Add("Access-Control-Allow-Origin", o)
			}
			return func() { wantReason(t, Check(h, o, false), MultipleAllowOriginValues) }
		}},
		{"ACEH elements against response headers", 100, func(t *testing.T, n int) func() {
			h := http.Header{"Access-Control-Expose-Headers": {list("X-E", n)}}
			for i := 0; i < n; i++ {
				h["X-E"+strconv.Itoa(2*i)] = []string{"v"}
			}
			return func() {
				got := CORSFilteredResponse(&http.Response{Header: h}, false).Header
				if len(got) != (n+1)/2 {
					t.Fatalf("%d headers exposed, want %d", len(got), (n+1)/2)
				}
			}
		}},
		{"ACEH bytes, NUL at the end", 10 << 10, func(t *testing.T, n int) func() {
			h := http.Header{"Access-Control-Expose-Headers": {strings.Repeat("b", n) + "\x00"}, "B": {"1"}}
			return func() {
				if got := ExposedHeaderNames(h, false); got != nil {
					t.Fatalf("got %d names", len(got))
				}
			}
		}},
		{"ParseOrigin host labels", 10 << 10, func(t *testing.T, n int) func() {
			s := "https://" + strings.Repeat("a.", n/2) + "example"
			return func() {
				if _, err := ParseOrigin(s); err != nil {
					t.Fatal(err)
				}
			}
		}},
	}
	const scale = 100
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			small, large := countSteps(c.setup(t, c.n)), countSteps(c.setup(t, scale*c.n))
			if small == 0 {
				t.Fatal("no steps counted: the loops under test are not instrumented")
			}
			ratio := float64(large) / float64(small)
			t.Logf("%dx the input took %.1fx the steps (%d, %d)", scale, ratio, small, large)
			if ratio < scale/2 || ratio > 2*scale {
				t.Errorf("%dx the input took %.1fx the steps (%d, %d), want %d to %d: not linear", scale, ratio, small, large, scale/2, 2*scale)
			}
		})
	}
}

// countSteps returns the steps f takes (see steps.go): this package's and
// those of the internal/headerparse parsers it calls.
func countSteps(f func()) int64 {
	stepTotal.Store(0)
	counting.Store(true)
	headerparse.CountSteps(true)
	defer func() {
		counting.Store(false)
		headerparse.CountSteps(false)
	}()
	f()
	return stepTotal.Load() + headerparse.Steps()
}

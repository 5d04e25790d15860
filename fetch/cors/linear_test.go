package cors

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Bad server input from issue 3 (a 1 MiB Access-Control-Allow-Headers,
// 10 000 list elements, NUL bytes, duplicate field lines) must give a precise
// error or a correct parse in time linear in its size. Each case runs at
// size n and 100n; the fastest of several runs at 100n may take at most
// maxGrowth times the fastest at n. Linear work grows about 100x (a little
// more once the input leaves the CPU caches), quadratic work 10 000x, so the
// bound fails on quadratic behaviour and tolerates a noisy, shared machine.
func TestHostileInputLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	if raceEnabled {
		// Under -race on 2 shared cores the ratios ranged 1012-2481x for
		// linear code (issue 10): the instrumentation, not the code, grew.
		// .ci/run runs this test alone, without -race, after the suite.
		t.Skip("timing ratios are not meaningful under -race; .ci/run runs this test without it")
	}
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
	const scale, maxGrowth = 100, 1000
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			small, large := c.setup(t, c.n), c.setup(t, scale*c.n)
			var ratio float64
			for attempt := 0; attempt < 3; attempt++ {
				ts, tl := fastest(small), fastest(large)
				ratio = float64(tl) / float64(max(ts, time.Microsecond))
				if ratio <= maxGrowth {
					t.Logf("%dx the input took %.0fx the time", scale, ratio)
					return
				}
			}
			t.Errorf("%dx the input took %.0fx the time (limit %dx): not linear", scale, ratio, maxGrowth)
		})
	}
}

// fastest returns the shortest of several timed runs of f.
func fastest(f func()) time.Duration {
	best := time.Duration(1<<63 - 1)
	for i := 0; i < 7; i++ {
		start := time.Now()
		f()
		best = min(best, time.Since(start))
	}
	return best
}

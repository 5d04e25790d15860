package corstest

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
)

// Axes are the dimensions of a CORS matrix: each combination of one origin,
// method, header set and credentials mode is one fetch() of URL.
type Axes struct {
	URL         string        // "" means DefaultURL
	Origins     []string      // the pages' origins (at least one)
	Methods     []string      // nil means GET only
	Headers     []http.Header // header sets; nil means one empty set; a nil entry is no header
	Credentials []fetch.Credentials
	// Credentials nil means same-origin only, the fetch() default.
	Policy cors.Policy // the zero value is the Fetch Standard
}

// MaxCombinations bounds the rows of one matrix.
const MaxCombinations = 10000

// Row is one combination of a matrix and its verdict. A matrix does not
// read response bodies: Verdict.Body is nil.
type Row struct {
	Origin      string
	Method      string
	Header      http.Header
	Credentials fetch.Credentials
	Verdict     Verdict
}

// Table is a matrix: one row per combination, in the order origins,
// credentials, methods, header sets (the last varies fastest).
type Table struct {
	URL  string
	Rows []Row
}

// Runner runs a matrix over any http.RoundTripper: a live server's
// transport, or HandlerTransport.
type Runner struct {
	// Base sends the requests; nil means http.DefaultTransport.
	Base http.RoundTripper
	// Concurrency is how many combinations run at once; 0 or less means 1.
	Concurrency int
	// Timeout bounds each combination; 0 means no bound beyond ctx's.
	Timeout time.Duration
	// Jar, when set, returns the cookie jar of one combination: a fresh
	// one each call, so that cookies set in one row do not reach another.
	// Nil means no cookies.
	Jar func() http.CookieJar
	// Progress, when set, is called after each combination with how many
	// are done, one call at a time.
	Progress func(done, total int)
}

// Matrix runs every combination of a against h in-process, each through a
// fresh fetch.Transport (its own preflight cache), so that no row depends on
// another, and returns the table. It fails only for axes it cannot run: no
// origin, or more than MaxCombinations.
func Matrix(h http.Handler, a Axes) (*Table, error) {
	if h == nil {
		return nil, errors.New("corstest: Matrix with a nil handler")
	}
	return (&Runner{Base: &HandlerTransport{Handler: h}}).Run(context.Background(), a)
}

// Run runs every combination of a through a fresh fetch.Transport over
// r.Base, at most r.Concurrency at once, and returns the table.
func (r *Runner) Run(ctx context.Context, a Axes) (*Table, error) {
	rows, err := a.rows()
	if err != nil {
		return nil, err
	}
	t := &Table{URL: a.url(), Rows: rows}
	base := r.Base
	if base == nil {
		base = http.DefaultTransport
	}
	n := r.Concurrency
	if n < 1 {
		n = 1
	}
	if n > len(rows) {
		n = len(rows)
	}
	next := make(chan int)
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		done int
	)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				rows[i].Verdict = r.runOne(ctx, base, &a, &rows[i])
				if r.Progress != nil {
					mu.Lock()
					done++
					r.Progress(done, len(rows))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range rows {
		next <- i
	}
	close(next)
	wg.Wait()
	return t, nil
}

func (r *Runner) runOne(ctx context.Context, base http.RoundTripper, a *Axes, row *Row) Verdict {
	if r.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, r.Timeout)
		defer cancel()
	}
	ctx = fetch.WithOptions(ctx, fetch.Options{Credentials: row.Credentials})
	req, err := http.NewRequestWithContext(ctx, row.Method, a.url(), nil)
	if err != nil {
		return Verdict{Outcome: Failed, Preflight: PreflightNone, Err: err}
	}
	for k, vs := range row.Header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	var jar http.CookieJar
	if r.Jar != nil {
		jar = r.Jar()
	}
	return fetchOver(base, row.Origin, a.Policy, jar, req, false)
}

func (a *Axes) url() string {
	if a.URL == "" {
		return DefaultURL
	}
	return a.URL
}

// rows lists the combinations of a, without verdicts.
func (a *Axes) rows() ([]Row, error) {
	if len(a.Origins) == 0 {
		return nil, errors.New("corstest: a matrix needs at least one origin")
	}
	methods, headers, creds := a.Methods, a.Headers, a.Credentials
	if len(methods) == 0 {
		methods = []string{http.MethodGet}
	}
	if len(headers) == 0 {
		headers = []http.Header{nil}
	}
	if len(creds) == 0 {
		creds = []fetch.Credentials{fetch.CredentialsSameOrigin}
	}
	total := len(a.Origins)
	for _, k := range []int{len(methods), len(headers), len(creds)} {
		if total > MaxCombinations/k {
			return nil, fmt.Errorf("corstest: the axes make more than %d combinations", MaxCombinations)
		}
		total *= k
	}
	rows := make([]Row, 0, total)
	for _, o := range a.Origins {
		for _, c := range creds {
			for _, m := range methods {
				for _, h := range headers {
					rows = append(rows, Row{Origin: o, Method: m, Header: h, Credentials: c})
				}
			}
		}
	}
	return rows, nil
}

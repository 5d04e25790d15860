package corstest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
)

// policyAxes cover policyServer's surface: the allowed page and another,
// a simple and two preflighted methods, no header and a JSON body's
// Content-Type, with and without credentials.
var policyAxes = corstest.Axes{
	URL:         "https://api.example/items?max-age=600",
	Origins:     []string{"https://app.example", "https://evil.example"},
	Methods:     []string{"GET", "PUT", "DELETE"},
	Headers:     []http.Header{nil, jsonType},
	Credentials: []fetch.Credentials{fetch.CredentialsOmit, fetch.CredentialsInclude},
}

// The whole matrix, in each rendering, is what testdata holds
// (CORSTEST_UPDATE=1 rewrites it).
func TestMatrixGolden(t *testing.T) {
	table, err := corstest.Matrix(policyServer, policyAxes)
	if err != nil {
		t.Fatal(err)
	}
	if len(table.Rows) != 2*3*2*2 {
		t.Fatalf("%d rows, want 24", len(table.Rows))
	}
	for _, name := range []string{"policy.txt", "policy.md", "policy.json"} {
		corstest.Golden(t, filepath.Join("testdata", name), table)
	}
}

// Rows come in axis order and each is independent of the others: running
// them 8 at a time gives the same table as one at a time, and every row
// that needs a preflight sends its own.
func TestMatrixConcurrencyAndProgress(t *testing.T) {
	var preflights atomic.Int32
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			preflights.Add(1)
		}
		policyServer(w, r)
	})
	seq, err := (&corstest.Runner{Base: &corstest.HandlerTransport{Handler: h}}).Run(context.Background(), policyAxes)
	if err != nil {
		t.Fatal(err)
	}
	perRun := preflights.Swap(0)
	var calls, last int
	r := &corstest.Runner{Base: &corstest.HandlerTransport{Handler: h}, Concurrency: 8, Progress: func(done, total int) {
		calls++
		if done != last+1 || total != 24 {
			t.Errorf("Progress(%d, %d) after %d", done, total, last)
		}
		last = done
	}}
	par, err := r.Run(context.Background(), policyAxes)
	if err != nil {
		t.Fatal(err)
	}
	if calls != 24 {
		t.Errorf("Progress called %d times, want 24", calls)
	}
	var a, b bytes.Buffer
	seq.WriteText(&a)
	par.WriteText(&b)
	if a.String() != b.String() {
		t.Errorf("concurrent table differs:\n%s\nsequential:\n%s", b.String(), a.String())
	}
	// PUT and DELETE, or a JSON Content-Type: 2 origins × 2 credentials × (2×2 + 1) rows.
	if want := int32(2 * 2 * 5); perRun != want || preflights.Load() != want {
		t.Errorf("preflights %d and %d, want %d each: a row reused another's cache", perRun, preflights.Load(), want)
	}
	first := seq.Rows[0]
	if first.Origin != "https://app.example" || first.Credentials != fetch.CredentialsOmit || first.Method != "GET" || first.Header != nil {
		t.Errorf("first row %+v", first)
	}
}

func TestMatrixBadAxes(t *testing.T) {
	many := make([]string, 101)
	for i := range many {
		many[i] = fmt.Sprintf("https://o%d.example", i)
	}
	tests := []struct {
		name string
		h    http.Handler
		a    corstest.Axes
		want string
	}{
		{"no origin", policyServer, corstest.Axes{}, "at least one origin"},
		{"nil handler", nil, corstest.Axes{Origins: many[:1]}, "nil handler"},
		{"too many", policyServer, corstest.Axes{Origins: many, Methods: many}, "more than 10000 combinations"},
	}
	for _, tt := range tests {
		if _, err := corstest.Matrix(tt.h, tt.a); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err %v, want %q", tt.name, err, tt.want)
		}
	}
	// A method no request can carry is a failed row, not an error.
	table, err := corstest.Matrix(policyServer, corstest.Axes{Origins: many[:1], Methods: []string{"GET X"}})
	if err != nil || table.Rows[0].Verdict.Outcome != corstest.Failed {
		t.Errorf("bad method: %v, %+v", err, table)
	}
}

// A cell cannot break out of its Markdown cell or its text line.
func TestMatrixRenderEscapes(t *testing.T) {
	table := &corstest.Table{Rows: []corstest.Row{{
		Origin: "https://app.example", Method: "GET",
		Header:  http.Header{"X-A": {"a|b*c"}},
		Verdict: corstest.Verdict{Outcome: corstest.Failed, Preflight: corstest.PreflightNone, Err: fmt.Errorf("bad\nline|<b>\xff")},
	}}}
	var md, txt, js bytes.Buffer
	table.WriteMarkdown(&md)
	table.WriteText(&txt)
	table.WriteJSON(&js)
	if want := `| https://app.example | same-origin | GET | X-A: a\|b\*c | failed | - | none | bad line\|&lt;b&gt;` + "\xff |"; !strings.Contains(md.String(), want) {
		t.Errorf("markdown:\n%s\nwant a line %s", md.String(), want)
	}
	// Bytes that are not UTF-8 stay for the caller's escaping to show.
	if n := strings.Count(txt.String(), "\n"); n != 2 || !strings.Contains(txt.String(), "line|<b>\xff") {
		t.Errorf("text has %d lines, want 2:\n%s", n, txt.String())
	}
	var back struct {
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(js.Bytes(), &back); err != nil || back.Rows[0]["error"] != "bad\nline|<b>\ufffd" || back.Rows[0]["verdict"] != "failed" {
		t.Errorf("json %s: %v", js.String(), err)
	}
}

// fakeTB records what Golden reports.
type fakeTB struct {
	testing.TB
	errors []string
}

func (f *fakeTB) Helper() {}
func (f *fakeTB) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeTB) Logf(format string, args ...any) {}

// Golden fails on a changed or missing file and names the changed line;
// with CORSTEST_UPDATE=1 it writes the file and passes.
func TestGolden(t *testing.T) {
	table, err := corstest.Matrix(policyServer, corstest.Axes{Origins: []string{"https://app.example", "https://evil.example"}})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "m.txt")

	f := &fakeTB{TB: t}
	corstest.Golden(f, path, table)
	if len(f.errors) != 1 || !strings.Contains(f.errors[0], "does not exist; create it with CORSTEST_UPDATE=1") {
		t.Errorf("missing file: %q", f.errors)
	}

	t.Setenv(corstest.UpdateEnv, "1")
	f = &fakeTB{TB: t}
	corstest.Golden(f, path, table)
	if len(f.errors) != 0 {
		t.Errorf("update: %q", f.errors)
	}
	t.Setenv(corstest.UpdateEnv, "")
	f = &fakeTB{TB: t}
	corstest.Golden(f, path, table)
	if len(f.errors) != 0 {
		t.Errorf("same table: %q", f.errors)
	}

	b, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.Replace(b, []byte("blocked"), []byte("allowed"), 1), 0o644)
	f = &fakeTB{TB: t}
	corstest.Golden(f, path, table)
	if len(f.errors) != 1 || !strings.Contains(f.errors[0], "line 3 -https://evil.example") || !strings.Contains(f.errors[0], "line 3 +https://evil.example") {
		t.Errorf("changed file: %q", f.errors)
	}
}

// A matrix decides from the headers and does not wait for the body: a
// handler whose body never ends (it waits for the client to go away) still
// gives a row. Reading the body would hang here.
func TestMatrixDoesNotReadBodies(t *testing.T) {
	endless := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Write(bytes.Repeat([]byte("x"), 8<<10))
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	table, err := corstest.Matrix(endless, corstest.Axes{Origins: []string{"https://app.example"}})
	if err != nil || table.Rows[0].Verdict.Outcome != corstest.Allowed || table.Rows[0].Verdict.Body != nil {
		t.Errorf("%v %+v", err, table)
	}
}

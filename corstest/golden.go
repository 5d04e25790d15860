package corstest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// UpdateEnv is the environment variable that makes Golden rewrite golden
// files instead of comparing: CORSTEST_UPDATE=1 go test ./...
//
// It is an environment variable rather than an -update flag because a
// library cannot define a flag without clashing with the test binary's own.
const UpdateEnv = "CORSTEST_UPDATE"

// Golden compares t, rendered by the extension of path (.json: WriteJSON,
// .md: WriteMarkdown, anything else: WriteText), with the file at path, and
// reports a test error listing the lines that differ. With
// CORSTEST_UPDATE=1 in the environment it writes the file instead (creating
// its directory), so a server's whole CORS policy is asserted by one file
// under testdata/ that a review shows as a diff.
func Golden(tb testing.TB, path string, t *Table) {
	tb.Helper()
	var got bytes.Buffer
	var err error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		err = t.WriteJSON(&got)
	case ".md":
		err = t.WriteMarkdown(&got)
	default:
		err = t.WriteText(&got)
	}
	if err != nil {
		tb.Fatalf("corstest: rendering the matrix: %v", err)
	}
	if os.Getenv(UpdateEnv) == "1" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatalf("corstest: %v", err)
		}
		if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
			tb.Fatalf("corstest: %v", err)
		}
		tb.Logf("corstest: wrote %s", path)
		return
	}
	want, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		tb.Errorf("corstest: golden file %s does not exist; create it with %s=1 go test\ngot:\n%s", path, UpdateEnv, got.String())
		return
	}
	if err != nil {
		tb.Fatalf("corstest: %v", err)
	}
	if d := lineDiff(string(want), got.String()); d != "" {
		tb.Errorf("corstest: the CORS matrix differs from %s (rewrite it with %s=1 go test if the change is meant):\n%s", path, UpdateEnv, d)
	}
}

// lineDiff shows where got differs from want: the lines between their
// common first and last lines, as "-" (want) and "+" (got) lines with
// their line numbers; "" when equal.
func lineDiff(want, got string) string {
	if want == got {
		return ""
	}
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	pre := 0
	for pre < len(w) && pre < len(g) && w[pre] == g[pre] {
		pre++
	}
	suf := 0
	for suf < len(w)-pre && suf < len(g)-pre && w[len(w)-1-suf] == g[len(g)-1-suf] {
		suf++
	}
	var b strings.Builder
	for i := pre; i < len(w)-suf; i++ {
		fmt.Fprintf(&b, "line %d -%s\n", i+1, w[i])
	}
	for i := pre; i < len(g)-suf; i++ {
		fmt.Fprintf(&b, "line %d +%s\n", i+1, g[i])
	}
	return b.String()
}

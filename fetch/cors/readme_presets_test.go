package cors

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// README.md's "Browser presets: every knob" table is where a user reads how
// the engines differ, so it must be the presets: one row per Policy field,
// no row for a field that does not exist, and each engine's column "on..."
// exactly where its preset sets the field (MaxAgeCap: the cap in seconds).
func TestREADMEPresetTable(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(b), "## Browser presets: every knob")
	if !ok {
		t.Fatal(`README.md has no "## Browser presets: every knob" section`)
	}
	table, _, _ = strings.Cut(table, "\n## ")
	rows := map[string][]string{} // knob: spec, chromium, firefox, webkit cells
	for line := range strings.Lines(table) {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if len(cells) != 5 {
			t.Errorf("README row %q has %d cells, want 5", line, len(cells))
			continue
		}
		rows[strings.Trim(cells[0], "`")] = cells[1:]
	}

	presets := []Policy{ChromiumPolicy(), FirefoxPolicy(), WebKitPolicy()}
	names := []string{"chromium", "firefox", "webkit"}
	typ := reflect.TypeFor[Policy]()
	for i := range typ.NumField() {
		field := typ.Field(i).Name
		cells, ok := rows[field]
		if !ok {
			t.Errorf("README's preset table has no row for Policy.%s", field)
			continue
		}
		delete(rows, field)
		for j, p := range presets {
			v := reflect.ValueOf(p).Field(i)
			cell := cells[j+1]
			if d, isDur := v.Interface().(time.Duration); isDur {
				if want := fmt.Sprintf("%d s", int(d/time.Second)); cell != want {
					t.Errorf("README: %s for %s is %q, want %q", field, names[j], cell, want)
				}
				continue
			}
			if on := strings.HasPrefix(cell, "on"); on != !v.IsZero() {
				t.Errorf("README: %s for %s is %q, but the preset has it %v", field, names[j], cell, v.Interface())
			}
		}
	}
	for knob := range rows {
		t.Errorf("README's preset table has a row for %s, which is no Policy field", knob)
	}
}

package har

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

const okEntry = `{"pageref":"page_1","_resourceType":"fetch","_initiator":{"type":"script"},
 "request":{"method":"GET","url":"http://api.test/x","headers":[{"name":"Origin","value":"http://app.test"}],"cookies":[{"name":"a","value":"b"}]},
 "response":{"status":0,"statusText":"","headers":[],"content":{"size":0,"mimeType":"x-unknown"},"redirectURL":"","_error":"net::ERR_FAILED"}}`

func har(entries ...string) string {
	return `{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},
"pages":[{"id":"page_1","title":"http://app.test/"}],"entries":[` + strings.Join(entries, ",") + `]}}`
}

func TestReadEntry(t *testing.T) {
	log, err := Read(strings.NewReader(har(okEntry)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if log.Creator.Name != "WebInspector" || len(log.Pages) != 1 || log.Pages[0].Title != "http://app.test/" {
		t.Errorf("log = %+v", log)
	}
	if len(log.Entries) != 1 || log.Total != 1 {
		t.Fatalf("entries = %d, total %d", len(log.Entries), log.Total)
	}
	e := log.Entries[0]
	if e.Request.Method != "GET" || e.Request.Cookies != 1 || e.Response.Error != "net::ERR_FAILED" || e.ResourceType != "fetch" || e.Initiator.Type != "script" {
		t.Errorf("entry = %+v", e)
	}
	if v, ok := Get(e.Request.Headers, "origin"); !ok || v != "http://app.test" {
		t.Errorf("Get(origin) = %q, %v", v, ok)
	}
}

// TestReadPerEntryErrors: an entry that does not fit the schema is
// reported with its index, and the entries around it are read.
func TestReadPerEntryErrors(t *testing.T) {
	huge := strings.Repeat("a", 300<<10)
	tests := []struct {
		name, entry, want string
	}{
		{"no request", `{"response":{"status":200}}`, `no "request"`},
		{"no method", `{"request":{"url":"http://a.test/"}}`, `no "method"`},
		{"no url", `{"request":{"method":"GET"}}`, `no "url"`},
		{"status a string", `{"request":{"method":"GET","url":"http://a.test/"},"response":{"status":"200"}}`, "status is a JSON string"},
		{"headers not an array", `{"request":{"method":"GET","url":"http://a.test/","headers":{"a":"b"}}}`, "headers is a JSON object"},
		{"entry a number", `42`, "not an object"},
		{"huge header", `{"request":{"method":"GET","url":"http://a.test/","headers":[{"name":"X-Big","value":"` + huge + `"}]}}`, "more than 262144 bytes"},
		{"nameless header", `{"request":{"method":"GET","url":"http://a.test/","headers":[{"value":"v"}]}}`, "no name"},
		{"status out of range", `{"request":{"method":"GET","url":"http://a.test/"},"response":{"status":70000}}`, "not an HTTP status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log, err := Read(strings.NewReader(har(okEntry, tt.entry, okEntry)), Limits{})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			if len(log.Entries) != 2 || log.Entries[1].Index != 2 {
				t.Errorf("read %d entries, want entries 0 and 2", len(log.Entries))
			}
			if len(log.Errors) != 1 || log.Errors[0].Index != 1 || !strings.Contains(log.Errors[0].Err, tt.want) {
				t.Errorf("errors = %+v, want entry 1: %q", log.Errors, tt.want)
			}
		})
	}
}

// TestReadFatal: input that ends the read says where, and keeps what came
// before.
func TestReadFatal(t *testing.T) {
	full := har(okEntry, okEntry)
	cut := strings.Index(full, okEntry) + len(okEntry) + 40
	tests := []struct {
		name, in, want string
		entries        int
	}{
		{"empty", "", "truncated", 0},
		{"not JSON", "<html>", "invalid JSON", 0},
		{"no log", `{"entries":[]}`, "no \"log\"", 0},
		{"truncated in entry 1", full[:cut], "the middle of log.entries[1]", 1},
		{"garbage in entry 1", strings.Replace(full, `,{"pageref"`, `,{"pageref" x`, 1), "invalid JSON in log.entries[1]", 1},
		{"entries not an array", `{"log":{"entries":{}}}`, "not an array", 0},
		{"deep nesting in an entry", har(okEntry, `{"request":{"method":"GET","url":"http://a.test/","x":`+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+`}}`), "log.entries[1]", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log, err := Read(strings.NewReader(tt.in), Limits{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
			if len(log.Entries) != tt.entries {
				t.Errorf("kept %d entries, want %d", len(log.Entries), tt.entries)
			}
		})
	}
}

// TestReadDeepNestingSkipped: deep nesting in a field Read does not keep
// costs a walk, not a failure.
func TestReadDeepNestingSkipped(t *testing.T) {
	in := `{"x":` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + `,"log":{"entries":[` + okEntry + `]}}`
	log, err := Read(strings.NewReader(in), Limits{})
	if err != nil || len(log.Entries) != 1 {
		t.Fatalf("err = %v, entries %d", err, len(log.Entries))
	}
}

// TestReadEntryTooLarge: one entry larger than Limits.EntryBytes ends the
// read with an error naming it, after buffering no more than about the
// limit.
func TestReadEntryTooLarge(t *testing.T) {
	body := strings.Repeat("A", 4<<20)
	big := `{"request":{"method":"GET","url":"http://a.test/"},"response":{"status":200,"content":{"text":"` + body + `"}}}`
	log, err := Read(strings.NewReader(har(okEntry, big, okEntry)), Limits{EntryBytes: 1 << 20})
	if err == nil || !strings.Contains(err.Error(), "log.entries[1]") || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v", err)
	}
	if len(log.Entries) != 1 {
		t.Errorf("kept %d entries, want 1", len(log.Entries))
	}
}

// TestReadBinaryContent: bodies (base64 or raw bytes that are not UTF-8)
// are measured, not kept.
func TestReadBinaryContent(t *testing.T) {
	raw := `\u0000` + "\xff\xfe" + `\u001b[31m`
	e := `{"request":{"method":"POST","url":"http://a.test/","postData":{"mimeType":"application/octet-stream","text":"` + raw + `"}},
	"response":{"status":200,"content":{"size":4,"mimeType":"image/png","encoding":"base64","text":"iVBORw=="}}}`
	log, err := Read(strings.NewReader(har(e)), Limits{})
	if err != nil || len(log.Entries) != 1 {
		t.Fatalf("err = %v, entries %d", err, len(log.Entries))
	}
	r := log.Entries[0]
	if !r.Response.HasText || r.Response.ContentSize != 4 || !r.Request.HasPostData || r.Request.PostDataMIME != "application/octet-stream" {
		t.Errorf("entry = %+v", r)
	}
}

// manyEntries streams n entries without holding the text in memory.
func manyEntries(n int) io.Reader {
	body := strings.Repeat("0123456789", 300)
	pr, pw := io.Pipe()
	go func() {
		fmt.Fprint(pw, `{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"entries":[`)
		for i := 0; i < n; i++ {
			if i > 0 {
				fmt.Fprint(pw, ",")
			}
			fmt.Fprintf(pw, `{"request":{"method":"GET","url":"http://api.test/%d","headers":[{"name":"Origin","value":"http://app.test"},{"name":"Sec-Fetch-Mode","value":"cors"}]},"response":{"status":200,"headers":[{"name":"Access-Control-Allow-Origin","value":"*"}],"content":{"size":3000,"text":"%s"}}}`, i, body)
		}
		fmt.Fprint(pw, `]}}`)
		pw.Close()
	}()
	return pr
}

// TestReadManyEntries: 100 000 entries (20 000 under -race) are read with memory that grows with
// what is kept (about 600 bytes an entry here), not with the file (3 KiB
// an entry): a reader that kept bodies would fail.
func TestReadManyEntries(t *testing.T) {
	const n = manyN
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	log, err := Read(manyEntries(n), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if len(log.Entries) != n || log.Total != n {
		t.Fatalf("read %d of %d entries", len(log.Entries), log.Total)
	}
	kept := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("%d bytes kept per entry", kept/n)
	if perEntry := kept / n; perEntry > 2048 {
		t.Errorf("%d bytes kept per entry, want at most 2048", perEntry)
	}
	runtime.KeepAlive(log)
}

// TestReadEntriesLimit: entries beyond Limits.Entries are reported, not
// kept.
func TestReadEntriesLimit(t *testing.T) {
	log, err := Read(manyEntries(10), Limits{Entries: 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(log.Entries) != 4 || len(log.Errors) != 6 || log.Total != 10 {
		t.Errorf("kept %d, errors %d, total %d", len(log.Entries), len(log.Errors), log.Total)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(har(okEntry)))
	f.Add([]byte(har(okEntry, `{"request":{}}`, `7`)))
	f.Add([]byte(`{"log":{"pages":[1,{"id":2}],"creator":"x","entries":null}}`))
	f.Add([]byte(`{"log":{"entries":[{"request":{"method":"GET","url":"u","headers":[{"name":"a","value":"\u0000"}]}}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		log, _ := Read(bytes.NewReader(in), Limits{EntryBytes: 1 << 16, HeaderBytes: 1 << 10})
		if log == nil {
			t.Fatal("nil log")
		}
		if len(log.Entries)+len(log.Errors) > log.Total {
			t.Errorf("%d entries and %d errors of %d", len(log.Entries), len(log.Errors), log.Total)
		}
		for _, e := range log.Entries {
			if e.Request.Method == "" || e.Request.URL == "" {
				t.Errorf("entry %d kept without method or URL", e.Index)
			}
		}
	})
}

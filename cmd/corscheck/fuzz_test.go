package main

import (
	"bufio"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Whatever a server sends, the escaped text is valid UTF-8 with no control
// character but newline, and the escaping writer agrees with escapeControls
// however the input is split across writes.
func FuzzEscapeControls(f *testing.F) {
	for _, s := range []string{"", "ok", hostileStatus, "\xc2\x9b2J", "\xe2\x80\xae", "\x9b", "a\nb\tc", "🙂\xf0\x9f"} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, s string, split int) {
		got := escapeControls(s)
		if !utf8.ValidString(got) {
			t.Fatalf("escapeControls(%q) = %q: not UTF-8", s, got)
		}
		for _, r := range got {
			if (r < 0x20 && r != '\n') || r == 0x7f || (0x80 <= r && r <= 0x9f) || isFormatControl(r) {
				t.Fatalf("escapeControls(%q) = %q: holds %U", s, got, r)
			}
		}
		if split < 0 {
			split = -split
		}
		if len(s) > 0 {
			split %= len(s) + 1
		} else {
			split = 0
		}
		var b strings.Builder
		w := &escapingWriter{w: &b}
		w.Write([]byte(s[:split]))
		w.Write([]byte(s[split:]))
		w.Flush()
		if b.String() != got {
			t.Fatalf("split at %d: writer gave %q, escapeControls %q", split, b.String(), got)
		}
	})
}

// A cookie file of any content is cookies or a usage error, never a panic,
// and every cookie has a host to be stored for.
func FuzzParseNetscapeCookies(f *testing.F) {
	f.Add("# Netscape HTTP Cookie File\n.example.com\tTRUE\t/\tFALSE\t0\tn\tv\n#HttpOnly_a.example\tFALSE\t/\tTRUE\t99999999999\tn\tv\n")
	f.Add("x\ty\n\t\t\t\t\t\t\n")
	f.Fuzz(func(t *testing.T, in string) {
		cs, err := parseNetscapeCookies("f", bufio.NewScanner(strings.NewReader(in)), time.Unix(0, 0))
		if err != nil {
			return
		}
		for _, c := range cs {
			if c.url.Host == "" || c.cookie == nil {
				t.Fatalf("cookie %+v without a host", c)
			}
		}
	})
}

// -timeout accepts seconds or a duration and never panics.
func FuzzTimeoutFlag(f *testing.F) {
	for _, s := range []string{"2", "0.5", "1.5s", "500ms", "1e400", "-1", "NaN", "inf", "2x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var tf timeoutFlag
		if tf.Set(s) == nil && strings.Contains(strings.ToLower(s), "nan") && tf != 0 {
			t.Fatalf("-timeout %q accepted as %v", s, time.Duration(tf))
		}
	})
}

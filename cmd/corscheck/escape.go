package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// escapeControls returns s with every byte a terminal could act on written
// as a visible escape: C0 controls but newline (\x1b, \t, \r...), DEL
// (\x7f), C1 controls U+0080–U+009F (\u009b), bytes that are not UTF-8
// (\xc2: an 8-bit terminal reads 0x80–0x9F as C1), and the Unicode
// bidirectional and line-separator formatting characters that reorder or
// break what is shown (\u202e). Backslashes are left alone: the output is for
// reading, not for parsing (-json is for that). ESC sequences are therefore
// printed as text and never change the terminal's title, screen or colours.
func escapeControls(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case isFormatControl(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\n') || c >= 0x7f {
			// Fast path for ASCII only: any byte ≥ 0x7f takes the slow path,
			// which decides rune by rune.
			return true
		}
	}
	return false
}

// isFormatControl reports whether r is a C1 control or a character that
// reorders or breaks the line it is printed on.
func isFormatControl(r rune) bool {
	switch {
	case 0x80 <= r && r <= 0x9f: // C1: CSI (U+009B), OSC (U+009D)...
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // bidi marks
		return true
	case 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

// escapingWriter escapes, with escapeControls, everything written through
// it. A UTF-8 sequence split across two writes is held back until it is
// complete, so a C1 control cannot slip through in halves.
type escapingWriter struct {
	w       io.Writer
	pending []byte
}

func (e *escapingWriter) Write(p []byte) (int, error) {
	n := len(p)
	buf := append(e.pending, p...)
	e.pending = nil
	// Hold back an incomplete final sequence (at most 3 bytes).
	cut := len(buf)
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-3; i-- {
		if utf8.RuneStart(buf[i]) {
			if buf[i] >= 0xc0 && !utf8.FullRune(buf[i:]) {
				cut = i
			}
			break
		}
	}
	e.pending = append(e.pending, buf[cut:]...)
	if _, err := io.WriteString(e.w, escapeControls(string(buf[:cut]))); err != nil {
		return 0, err
	}
	return n, nil
}

// Flush writes what is held back, escaped.
func (e *escapingWriter) Flush() error {
	if len(e.pending) == 0 {
		return nil
	}
	_, err := io.WriteString(e.w, escapeControls(string(e.pending)))
	e.pending = nil
	return err
}

// Caps on what the text output prints of a response, so a hostile server's
// 5 MB header costs a screenful, not the terminal. -json prints everything.
const (
	maxValueBytes        = 256  // of one header value or status line
	maxValueBytesVerbose = 4096 // the same with -v
	maxHeaderLines       = 64   // header lines per exchange
)

// capValue returns s cut to at most max bytes, on a UTF-8 boundary, with a
// note of how many bytes were left out.
func capValue(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… %d more bytes", s[:cut], len(s)-cut)
}

// escapeJSONC1 writes the C1 controls U+0080–U+009F in encoded JSON as
// \u0080 escapes, which encoding/json leaves raw: the same JSON value, but
// one a terminal cannot act on when -json is printed to it. (encoding/json
// already escapes C0 controls and replaces bytes that are not UTF-8.)
func escapeJSONC1(b []byte) []byte {
	if !bytes.Contains(b, []byte{0xc2}) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); i++ {
		if b[i] == 0xc2 && i+1 < len(b) && 0x80 <= b[i+1] && b[i+1] <= 0x9f {
			out = fmt.Appendf(out, `\u%04x`, b[i+1])
			i++
			continue
		}
		out = append(out, b[i])
	}
	return out
}

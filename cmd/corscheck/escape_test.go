package main

import (
	"bufio"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostileStatus is a reason phrase that, printed raw, sets the terminal's
// title, clears the screen and prints a fake verdict in red (issue 10 item 9).
const hostileStatus = "\x1b]0;TITLE\a\x1b[2J\x1b[1;31mFAKE ALLOWED"

// rawServer answers every request on a loopback listener with the bytes
// respond returns, which net/http's server would refuse to write (control
// bytes in the reason phrase and in header values).
func rawServer(t *testing.T, respond func(method string) string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				for {
					req, err := http.ReadRequest(br)
					if err != nil {
						return
					}
					req.Body.Close()
					if _, err := c.Write([]byte(respond(req.Method))); err != nil {
						return
					}
				}
			}()
		}
	}()
	return "http://" + ln.Addr().String()
}

// checkPrintable fails if out holds a byte a terminal acts on: a C0 control
// but newline, DEL, a C1 control, or a byte that is not UTF-8.
func checkPrintable(t *testing.T, out string) {
	t.Helper()
	for i, r := range out {
		switch {
		case r == utf8.RuneError:
			t.Errorf("byte %d: not UTF-8 (%q)", i, out[i:min(i+4, len(out))])
		case r < 0x20 && r != '\n', r == 0x7f, 0x80 <= r && r <= 0x9f:
			t.Errorf("byte %d: control %U printed raw in %q", i, r, out[max(0, i-20):min(i+20, len(out))])
		}
	}
}

// A server's reason phrases and header values reach the terminal escaped,
// with ESC, BEL, C1 controls and stray 8-bit bytes visible as text
// (issue 10 item 9).
func TestRunEscapesServerBytes(t *testing.T) {
	base := rawServer(t, func(method string) string {
		if method == http.MethodOptions {
			return "HTTP/1.1 204 " + hostileStatus + "\r\n" +
				"Access-Control-Allow-Origin: https://app.example\r\n" +
				"Access-Control-Allow-Methods: PUT\r\n" +
				"Access-Control-Allow-Headers: x-a\r\n" +
				"Vary: Origin, \xc2\x9b2J\xc2\x9d0;T\x9b\r\n" +
				"Content-Length: 0\r\n\r\n"
		}
		return "HTTP/1.1 200 " + hostileStatus + "\r\n" +
			"Access-Control-Allow-Origin: https://app.example\r\n" +
			"Access-Control-Expose-Headers: X-Evil\r\n" +
			"X-Evil: \xc2\x9b1;31mRED\xe2\x80\xaeevil\xc2\x9b0m\r\n" +
			"Content-Length: 2\r\n\r\nok"
	})
	code, stdout, stderr := runCmd("-origin", "https://app.example", "-X", "PUT", "-H", "X-A: 1", base+"/x")
	if code != 0 {
		t.Errorf("exit %d, want 0\n%s%s", code, stdout, stderr)
	}
	checkPrintable(t, stdout)
	for _, want := range []string{
		`< 204 \x1b]0;TITLE\x07\x1b[2J\x1b[1;31mFAKE ALLOWED`,
		`< 200 \x1b]0;TITLE\x07\x1b[2J\x1b[1;31mFAKE ALLOWED`,
		`Vary: Origin, \u009b2J\u009d0;T\x9b`,
		`X-Evil: \u009b1;31mRED\u202eevil\u009b0m`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %s:\n%s", want, stdout)
		}
	}
}

// A 5 MB header prints as a capped value with a note of what was left out.
func TestRunCapsHugeHeaders(t *testing.T) {
	huge := strings.Repeat("x-a, ", 1<<20)
	base := rawServer(t, func(method string) string {
		if method == http.MethodOptions {
			return "HTTP/1.1 204 No Content\r\n" +
				"Access-Control-Allow-Origin: https://app.example\r\n" +
				"Access-Control-Allow-Headers: " + huge + "x-a\r\n" +
				"Content-Length: 0\r\n\r\n"
		}
		return "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: https://app.example\r\nContent-Length: 0\r\n\r\n"
	})
	code, stdout, stderr := runCmd("-origin", "https://app.example", "-H", "X-A: 1", "-timeout", "30s", base+"/x")
	if code != 0 {
		t.Errorf("exit %d, want 0\n%.2000s%s", code, stdout, stderr)
	}
	if len(stdout) > 8000 {
		t.Errorf("printed %d bytes for one huge header; want it capped", len(stdout))
	}
	if want := "… 5242627 more bytes"; !strings.Contains(stdout, want) {
		t.Errorf("output lacks %q:\n%.3000s", want, stdout)
	}
}

func TestEscapeControls(t *testing.T) {
	for in, want := range map[string]string{
		"plain ascii":             "plain ascii",
		"a\nb":                    "a\nb",
		"\x00\x07\x1b\x7f":        `\x00\x07\x1b\x7f`,
		"tab\there\r":             `tab\there\r`,
		"\u009b\u0085 \u00a0é":    "\\u009b\\u0085 \u00a0é",
		"\xc2":                    `\xc2`,
		"\x9b":                    `\x9b`,
		"rtl\u202eoverride\u2066": `rtl\u202eoverride\u2066`,
		"emoji 🙂 ok":              "emoji 🙂 ok",
	} {
		if got := escapeControls(in); got != want {
			t.Errorf("escapeControls(%q) = %q, want %q", in, got, want)
		}
	}
}

// A C1 control split across two writes is escaped all the same.
func TestEscapingWriterSplitRune(t *testing.T) {
	var b strings.Builder
	w := &escapingWriter{w: &b}
	w.Write([]byte("a\xc2"))
	w.Write([]byte("\x9bb\xe2\x80"))
	w.Write([]byte("\xae"))
	w.Write([]byte("\xc2"))
	w.Flush()
	if got, want := b.String(), `a\u009bb\u202e\xc2`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCapValue(t *testing.T) {
	if got := capValue("short", 10); got != "short" {
		t.Errorf("got %q", got)
	}
	if got, want := capValue("aaaaé", 5), "aaaa… 2 more bytes"; got != want {
		t.Errorf("got %q, want %q (never half a rune)", got, want)
	}
}

// -json carries the server's bytes exactly, with C1 controls as \u escapes
// so the JSON printed to a terminal cannot drive it either.
func TestRunJSONEscapesC1(t *testing.T) {
	base := rawServer(t, func(string) string {
		return "HTTP/1.1 200 " + hostileStatus + "\r\n" +
			"Access-Control-Allow-Origin: https://app.example\r\n" +
			"Vary: Origin, \xc2\x9b2J\r\n" +
			"Content-Length: 0\r\n\r\n"
	})
	code, stdout, _ := runCmd("-json", "-origin", "https://app.example", base+"/x")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stdout)
	}
	checkPrintable(t, stdout)
	var rep report
	if err := json.Unmarshal([]byte(stdout), &rep); err != nil {
		t.Fatal(err)
	}
	ex := rep.Exchanges[0]
	if ex.StatusText != "200 "+hostileStatus || ex.ResponseHeaders.Get("Vary") != "Origin, \u009b2J" {
		t.Errorf("status %q, Vary %q: want the server's bytes", ex.StatusText, ex.ResponseHeaders.Get("Vary"))
	}
}

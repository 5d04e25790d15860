package main

import (
	"bytes"
	"testing"

	"github.com/corsfetch/corsfetch/internal/har"
)

// FuzzExplainHAR: whatever a HAR holds (methods, URLs, header names and
// values, statuses, redirects, preflights), reading, grouping, replaying
// and printing it never panics, every request gets one of the three
// verdicts, and no control byte from the recording reaches the text.
func FuzzExplainHAR(f *testing.F) {
	f.Add([]byte(hostileHead + goodEntry + `]}}`))
	f.Add([]byte(hostileHead + `{"request":{"method":"PUT","url":"http://api.test/x","headers":[{"name":"Origin","value":"http://app.test"},{"name":"Sec-Fetch-Mode","value":"cors"},{"name":"X-A","value":"1"}]},"response":{"status":0,"_error":"net::ERR_FAILED"}},` +
		`{"_initiator":{"type":"preflight"},"request":{"method":"OPTIONS","url":"http://api.test/x","headers":[{"name":"Access-Control-Request-Method","value":"PUT"},{"name":"Access-Control-Request-Headers","value":"x-a"}]},"response":{"status":204,"headers":[{"name":"Access-Control-Allow-Origin","value":"http://app.test"},{"name":"Access-Control-Allow-Methods","value":"PUT"}]}}]}}`))
	f.Add([]byte(hostileHead + `{"request":{"method":"GET","url":"http://api.test/r","headers":[{"name":"Origin","value":"null"},{"name":"Sec-Fetch-Mode","value":"cors"}]},"response":{"status":302,"redirectURL":"/r","headers":[{"name":"Location","value":"/r"},{"name":"Access-Control-Allow-Origin","value":"*"}]}},` +
		`{"request":{"method":"GET","url":"http://api.test/r","headers":[]},"response":{"status":0,"headers":[{"name":"Location","value":"http://u:p@x/"}]}}]}}`))
	f.Add([]byte(hostileHead + `{"request":{"method":"GET","url":"http://api.test/x","headers":[{"name":"Origin","value":"http://app.test\u0007"},{"name":"Sec-Fetch-Mode","value":"cors"}]},"response":{"status":200,"_error":"\u001b[2J","headers":[{"name":"Access-Control-Allow-Origin","value":"\u0000"}]}}]}}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		log, _ := har.Read(bytes.NewReader(in), har.Limits{EntryBytes: 1 << 16})
		out := explainHAR(log, "", nil)
		for _, r := range out.Requests {
			switch r.Verdict {
			case verdictAllowed, verdictBlocked, verdictUnknown:
			default:
				t.Errorf("entry %d: verdict %q", r.Entry, r.Verdict)
			}
		}
		var buf bytes.Buffer
		writeHARText(&buf, out)
		for _, c := range []byte{0x1b, 0x07, 0x00, '\r'} {
			if bytes.IndexByte(buf.Bytes(), c) >= 0 {
				t.Fatalf("text output holds byte %#x", c)
			}
		}
	})
}

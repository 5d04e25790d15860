package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/internal/har"
)

// notRecorded is the error the replay Base returns for a request the
// recording holds no response to.
type notRecorded struct{ what string }

func (e *notRecorded) Error() string { return e.what }

// replayBase is a fetch.Transport's Base that answers from a recording
// and never touches the network: the preflight from the recorded OPTIONS
// entry, the request from its entry, a redirect's next hop from the entry
// that follows it.
type replayBase struct {
	log  *har.Log
	c    *harCase
	last int // index of the last entry answered, for redirect hops
	// missing is the last request the recording could not answer.
	missing string
	// preflightFrom is the entry that answered the preflight, or -1.
	preflightFrom int
	usedEarlier   bool // the preflight came from an earlier request's
	notes         []string
}

func newReplayBase(log *har.Log, c *harCase) *replayBase {
	return &replayBase{log: log, c: c, last: -1, preflightFrom: -1}
}

func (b *replayBase) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		io.Copy(io.Discard, io.LimitReader(req.Body, 1<<20))
		req.Body.Close()
	}
	u := req.URL.String()
	if req.Method == http.MethodOptions && req.Header.Get("Access-Control-Request-Method") != "" {
		e := b.findPreflight(u)
		if e == nil {
			return nil, b.miss(fmt.Sprintf("the recording holds no preflight (OPTIONS %s with Access-Control-Request-Method: %s)", u, req.Header.Get("Access-Control-Request-Method")))
		}
		b.preflightFrom = e.Index
		if e.Response.Status == 0 {
			if _, ok := har.Get(e.Response.Headers, "Location"); !ok {
				return nil, b.miss(noResponse("the preflight", e))
			}
			b.note(fmt.Sprintf("entry %d: the preflight's status was not recorded (0, %s); it has a Location header, so it is replayed as a 302", e.Index, orNone(e.Response.Error)))
			return recordedResponse(e, req, http.StatusFound)
		}
		return recordedResponse(e, req, e.Response.Status)
	}
	var e *har.Entry
	if b.last < 0 && u == b.c.entry.Request.URL {
		e = b.c.entry
	} else {
		from := b.position(b.c.entry.Index) + 1
		if b.last >= 0 {
			from = b.last + 1
		}
		if j := findEntry(b.log, from, u, func(x *har.Entry) bool { return !isPreflightEntry(x) }); j >= 0 {
			e = &b.log.Entries[j]
		}
	}
	if e == nil {
		return nil, b.miss("the recording holds no entry for " + req.Method + " " + u + " (the redirect's next hop)")
	}
	b.last = b.position(e.Index)
	status := e.Response.Status
	if status == 0 {
		// Chromium records a response it blocked with status 0 and the
		// headers it received (Network.responseReceivedExtraInfo).
		if len(e.Response.Headers) == 0 {
			return nil, b.miss(noResponse(req.Method+" "+u, e))
		}
		status = http.StatusOK
		if _, ok := har.Get(e.Response.Headers, "Location"); ok {
			status = http.StatusFound
		}
		b.note(fmt.Sprintf("entry %d: the status was not recorded (0, %s); replayed as %d with the %d recorded response headers", e.Index, orNone(e.Response.Error), status, len(e.Response.Headers)))
	}
	return recordedResponse(e, req, status)
}

func noResponse(what string, e *har.Entry) string {
	return fmt.Sprintf("the recording holds no response to %s (entry %d: status 0, %s, no response headers)", what, e.Index, orNone(e.Response.Error))
}

func orNone(s string) string {
	if s == "" {
		return "no error"
	}
	return s
}

func (b *replayBase) note(s string) { b.notes = append(b.notes, s) }

// position maps an entry's Index (its place in the file) to its place in
// log.Entries, which skips unreadable entries.
func (b *replayBase) position(index int) int {
	lo, hi := 0, len(b.log.Entries)
	for lo < hi {
		m := (lo + hi) / 2
		if b.log.Entries[m].Index < index {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func (b *replayBase) miss(what string) error {
	b.missing = what
	return &notRecorded{what}
}

// findPreflight is the recorded preflight for URL u: the case's own, or
// else the latest earlier one to u, whose result the browser would have
// had in its preflight cache.
func (b *replayBase) findPreflight(u string) *har.Entry {
	if p := b.c.preflight; p != nil && p.Request.URL == u {
		return p
	}
	for j := b.position(b.c.entry.Index) - 1; j >= 0; j-- {
		p := &b.log.Entries[j]
		if p.Request.URL == u && isPreflightEntry(p) && p.Response.Status >= 200 && p.Response.Status <= 299 {
			b.usedEarlier = true
			return p
		}
	}
	return nil
}

// recordedResponse builds the response e recorded. The body is empty: the
// verdict never depends on it.
func recordedResponse(e *har.Entry, req *http.Request, status int) (*http.Response, error) {
	h := make(http.Header, len(e.Response.Headers))
	for _, hd := range e.Response.Headers {
		if strings.HasPrefix(hd.Name, ":") || !isToken(hd.Name) {
			continue
		}
		h.Add(hd.Name, hd.Value)
	}
	text := e.Response.StatusText
	if text == "" || status != e.Response.Status {
		text = http.StatusText(status)
	}
	return &http.Response{
		Status:     strconv.Itoa(status) + " " + text,
		StatusCode: status,
		Proto:      "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:  h,
		Body:    http.NoBody,
		Request: req,
	}, nil
}

// replayCase runs c through the Transport under policy and returns the
// check's report and the replay's Base.
func replayCase(log *har.Log, c *harCase, policy cors.Policy, policyName string) (*report, *replayBase, *config) {
	u, _ := url.Parse(c.entry.Request.URL)
	cfg := &config{
		Origin:      c.origin,
		Method:      c.entry.Request.Method,
		URL:         u,
		Header:      c.header,
		Mode:        c.mode,
		Credentials: c.creds,
		Policy:      policy,
		PolicyName:  policyName,
		// The body's bytes never matter to the verdict.
		HasBody: c.entry.Request.HasPostData,
	}
	base := newReplayBase(log, c)
	rep := check(context.Background(), cfg, base, nil)
	return rep, base, cfg
}

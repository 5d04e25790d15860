package jsruntime

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/dop251/goja"
)

// outcome is what a page can observe of one fetch().
type outcome struct {
	OK         bool        `json:"ok"`    // resolved (not rejected)
	Error      string      `json:"error"` // the rejection's name (JS only)
	Type       string      `json:"type"`
	Status     int         `json:"status"`
	StatusText string      `json:"statusText"`
	URL        string      `json:"url"`
	Redirected bool        `json:"redirected"`
	Headers    [][2]string `json:"headers"` // sorted, combined, lowercase names
	Body       string      `json:"body"`
}

// jsCase is one fetch() call, run as JavaScript in goja and as the
// equivalent Go request through the Transport.
type jsCase struct {
	name        string
	url         string // "{site}" and "{api}" stand for the two origins
	method      string // "" is fetch()'s default, GET
	headers     [][2]string
	form        string // how init.headers is written: "object" (default), "array", "Headers"
	body        string
	bodyKind    string  // "string", "arraybuffer", "uint8array", "usp" (body is then a query string); "" no body
	mode        string  // "" is cors
	credentials string  // "" is same-origin
	redirect    string  // "" is follow
	abort       string  // "before": an aborted signal; "during": abort right after fetch()
	referrer    *string // init.referrer, resolved against the page's URL; nil: absent ("about:client")
	policy      string  // init.referrerPolicy; "" absent

	wantOK      bool
	wantError   string   // the JS rejection's name when !wantOK; "" means TypeError
	wantType    string   // when wantOK
	wantStatus  int      // when wantOK
	wantHeaders []string // the names the page can read, when non-nil
	wantSentCT  *string  // the Content-Type the server got on the last request, when non-nil
	wantReferer *string  // the Referer of the last request, when non-nil ({site} expanded)
	wantOrigin  *string  // the Origin of the last request, when non-nil
}

func ptr(s string) *string { return &s }

// env is the two origins and a fresh Transport per run.
type env struct {
	site, api *server
	policy    cors.Policy // the Transports' Policy; the zero value is the standard
}

func newEnv(t *testing.T) *env {
	e := &env{site: newServer(t), api: newServer(t)}
	e.site.expand, e.api.expand = e.expand, e.expand
	return e
}

// pageURL is the URL of the page that runs the cases (Chromium opens it).
func (e *env) pageURL() string { return e.site.URL + "/page" }

func (e *env) expand(s string) string {
	return strings.NewReplacer("{site}", e.site.URL, "{api}", e.api.URL).Replace(s)
}

func (e *env) transport(t *testing.T) *fetch.Transport {
	jar, _ := cookiejar.New(nil)
	for _, s := range []*server{e.site, e.api} {
		u, _ := url.Parse(s.URL)
		jar.SetCookies(u, []*http.Cookie{{Name: "session", Value: "1"}})
	}
	tr := &fetch.Transport{Origin: e.site.URL, Jar: jar, Policy: e.policy}
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

// goBody returns the bytes and fetch.Options.BodyType of c's body.
func (c *jsCase) goBody() (io.Reader, string) {
	switch c.bodyKind {
	case "string":
		return strings.NewReader(c.body), fetch.BodyTypeText
	case "usp":
		return strings.NewReader(c.body), fetch.BodyTypeURLSearchParams
	case "arraybuffer", "uint8array":
		return strings.NewReader(c.body), ""
	}
	return nil, ""
}

// runGo makes c's request with the Go API, as a Go program would.
func (e *env) runGo(t *testing.T, c *jsCase) (outcome, error) {
	o := fetch.Options{
		Mode:        map[string]fetch.Mode{"": fetch.ModeCORS, "cors": fetch.ModeCORS, "no-cors": fetch.ModeNoCORS, "same-origin": fetch.ModeSameOrigin}[c.mode],
		Credentials: map[string]fetch.Credentials{"": fetch.CredentialsSameOrigin, "same-origin": fetch.CredentialsSameOrigin, "omit": fetch.CredentialsOmit, "include": fetch.CredentialsInclude}[c.credentials],
		Redirect:    map[string]fetch.Redirect{"": fetch.RedirectFollow, "follow": fetch.RedirectFollow, "error": fetch.RedirectError, "manual": fetch.RedirectManual}[c.redirect],
		Referrer:    e.pageURL(), // what "about:client" stands for
	}
	if c.referrer != nil {
		o.Referrer = "" // none
		if *c.referrer != "" {
			o.Referrer = e.site.URL + *c.referrer // the cases use same-origin paths
		}
	}
	o.ReferrerPolicy = fetch.ReferrerPolicy(c.policy)
	body, typ := c.goBody()
	o.BodyType = typ
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	if c.abort != "" {
		cancel()
	}
	method := c.method
	if method == "" {
		method = "GET"
	}
	req, err := http.NewRequestWithContext(fetch.WithOptions(ctx, o), method, e.expand(c.url), body)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range c.headers {
		req.Header.Add(h[0], h[1])
	}
	resp, err := e.transport(t).RoundTrip(req)
	if err != nil {
		return outcome{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	out := outcome{OK: true, Type: fetch.TypeOf(resp).String(), Status: resp.StatusCode,
		URL: fetch.URLOf(resp), Redirected: fetch.Redirected(resp), Body: string(b), Headers: [][2]string{}}
	if _, text, ok := strings.Cut(resp.Status, " "); ok {
		out.StatusText = text
	}
	names := make([]string, 0, len(resp.Header))
	for k := range resp.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		out.Headers = append(out.Headers, [2]string{strings.ToLower(k), strings.Join(resp.Header[k], ", ")})
	}
	return out, nil
}

// jsInit writes c's RequestInit as a JavaScript expression.
func (c *jsCase) jsInit() string {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	var parts []string
	if c.method != "" {
		parts = append(parts, "method: "+q(c.method))
	}
	if len(c.headers) > 0 {
		var hs []string
		for _, h := range c.headers {
			hs = append(hs, "["+q(h[0])+", "+q(h[1])+"]")
		}
		list := "[" + strings.Join(hs, ", ") + "]"
		switch c.form {
		case "array":
			parts = append(parts, "headers: "+list)
		case "Headers":
			parts = append(parts, "headers: new Headers("+list+")")
		default:
			var kv []string
			for _, h := range c.headers {
				kv = append(kv, q(h[0])+": "+q(h[1]))
			}
			parts = append(parts, "headers: {"+strings.Join(kv, ", ")+"}")
		}
	}
	switch c.bodyKind {
	case "string":
		parts = append(parts, "body: "+q(c.body))
	case "usp":
		parts = append(parts, "body: new URLSearchParams("+q(c.body)+")")
	case "arraybuffer":
		parts = append(parts, "body: new TextEncoderLite("+q(c.body)+").buffer")
	case "uint8array":
		parts = append(parts, "body: new TextEncoderLite("+q(c.body)+")")
	}
	for _, p := range [][2]string{{"mode", c.mode}, {"credentials", c.credentials}, {"redirect", c.redirect}} {
		if p[1] != "" {
			parts = append(parts, p[0]+": "+q(p[1]))
		}
	}
	if c.abort != "" {
		parts = append(parts, "signal: controller.signal")
	}
	if c.referrer != nil {
		parts = append(parts, "referrer: "+q(*c.referrer))
	}
	if c.policy != "" {
		parts = append(parts, "referrerPolicy: "+q(c.policy))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// script is the page's code for c: it calls fetch() and reports what it
// can observe as JSON.
func (e *env) script(c *jsCase) string {
	q, _ := json.Marshal(e.expand(c.url))
	var b strings.Builder
	b.WriteString(`(async () => {
  // ASCII bytes of a string, in a Uint8Array (goja has no TextEncoder).
  function TextEncoderLite(s) { return Uint8Array.from([...s], (ch) => ch.charCodeAt(0)); }
  const controller = new AbortController();
`)
	if c.abort == "before" {
		b.WriteString("  controller.abort();\n")
	}
	fmt.Fprintf(&b, "  const p = fetch(%s, %s);\n", q, c.jsInit())
	if c.abort == "during" {
		b.WriteString("  controller.abort();\n")
	}
	b.WriteString(`  try {
    const r = await p;
    const body = await r.text();
    const headers = [];
    r.headers.forEach((v, n) => headers.push([n, v]));
    if (r.ok !== (r.status >= 200 && r.status <= 299)) throw new Error("ok disagrees with status");
    return JSON.stringify({ok: true, type: r.type, status: r.status, statusText: r.statusText,
      url: r.url, redirected: r.redirected, headers, body});
  } catch (e) {
    return JSON.stringify({ok: false, error: e.name});
  }
})()`)
	return b.String()
}

// messages is a slog.Handler that keeps the messages it is given.
type messages struct {
	mu   sync.Mutex
	msgs []string
}

func (m *messages) Enabled(context.Context, slog.Level) bool { return true }
func (m *messages) Handle(_ context.Context, r slog.Record) error {
	m.mu.Lock()
	m.msgs = append(m.msgs, r.Message)
	m.mu.Unlock()
	return nil
}
func (m *messages) WithAttrs([]slog.Attr) slog.Handler { return m }
func (m *messages) WithGroup(string) slog.Handler      { return m }

// runJS runs c's script in a new runtime with fetch() installed, and
// returns what it observed and the console lines.
func (e *env) runJS(t *testing.T, c *jsCase) (outcome, []string) {
	console := &messages{}
	out, err := runScript(t, e.transport(t), e.pageURL(), slog.New(console), e.script(c))
	if err != nil {
		t.Fatal(err)
	}
	return out, console.msgs
}

func runScript(t *testing.T, tr *fetch.Transport, pageURL string, console *slog.Logger, src string) (outcome, error) {
	loop := NewLoop()
	defer loop.Close()
	if err := Install(loop, &Fetch{Transport: tr, PageURL: pageURL, Console: console}); err != nil {
		return outcome{}, err
	}
	v, err := loop.Run(t.Context(), src)
	if err != nil {
		return outcome{}, err
	}
	p, ok := v.Export().(*goja.Promise)
	if !ok || p.State() != goja.PromiseStateFulfilled {
		return outcome{}, errors.New("the script's promise did not fulfil")
	}
	var out outcome
	if err := json.Unmarshal([]byte(p.Result().String()), &out); err != nil {
		return outcome{}, err
	}
	if out.Headers == nil {
		out.Headers = [][2]string{}
	}
	return out, nil
}

// check runs c both ways and compares them with each other and with the
// case's expectations.
func (e *env) check(t *testing.T, c *jsCase) {
	nSite, nAPI := e.site.count(), e.api.count()
	goOut, goErr := e.runGo(t, c)
	goSent := append(e.site.since(nSite), e.api.since(nAPI)...)

	nSite, nAPI = e.site.count(), e.api.count()
	jsOut, console := e.runJS(t, c)
	jsSent := append(e.site.since(nSite), e.api.since(nAPI)...)

	if (goErr == nil) != c.wantOK {
		t.Errorf("Go: err %v, want ok %v", goErr, c.wantOK)
	}
	if jsOut.OK != c.wantOK {
		t.Errorf("JS: %+v, want ok %v", jsOut, c.wantOK)
	}
	if !c.wantOK {
		want := c.wantError
		if want == "" {
			want = "TypeError"
		}
		if jsOut.Error != want {
			t.Errorf("JS rejected with %q, want %q", jsOut.Error, want)
		}
		var ce *cors.Error
		if errors.As(goErr, &ce) && !contains(console, ce.ConsoleMessage()) {
			t.Errorf("console %q lacks %q", console, ce.ConsoleMessage())
		}
	} else {
		if jsOut.Type != c.wantType || jsOut.Status != c.wantStatus {
			t.Errorf("JS: type %q status %d, want %q %d", jsOut.Type, jsOut.Status, c.wantType, c.wantStatus)
		}
		if c.wantHeaders != nil {
			var names []string
			for _, h := range jsOut.Headers {
				names = append(names, h[0])
			}
			if strings.Join(names, ",") != strings.Join(c.wantHeaders, ",") {
				t.Errorf("JS can read %q, want %q", names, c.wantHeaders)
			}
		}
		if fmt.Sprint(goOut) != fmt.Sprint(jsOut) {
			t.Errorf("Go and JS differ:\nGo %+v\nJS %+v", goOut, jsOut)
		}
	}
	if c.abort == "" && fmt.Sprint(goSent) != fmt.Sprint(jsSent) {
		t.Errorf("the servers got different requests:\nGo %+v\nJS %+v", goSent, jsSent)
	}
	if c.wantReferer != nil && (len(jsSent) == 0 || jsSent[len(jsSent)-1].Referer != e.expand(*c.wantReferer)) {
		t.Errorf("server got %+v, want a last Referer %q", jsSent, e.expand(*c.wantReferer))
	}
	if c.wantOrigin != nil && (len(jsSent) == 0 || jsSent[len(jsSent)-1].Origin != *c.wantOrigin) {
		t.Errorf("server got %+v, want a last Origin %q", jsSent, *c.wantOrigin)
	}
	if c.wantSentCT != nil {
		if len(jsSent) == 0 || jsSent[len(jsSent)-1].ContentType != *c.wantSentCT {
			t.Errorf("server got %+v, want a last Content-Type %q", jsSent, *c.wantSentCT)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

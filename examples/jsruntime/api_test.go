package jsruntime

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// eval runs an async JS body with fetch() installed for a page at e.site,
// and returns what it returns, JSON-encoded.
func (e *env) eval(t *testing.T, console *slog.Logger, body string) string {
	t.Helper()
	loop := NewLoop()
	defer loop.Close()
	if err := Install(loop, &Fetch{Transport: e.transport(t), PageURL: e.pageURL(), Console: console}); err != nil {
		t.Fatal(err)
	}
	src := "(async () => { const SITE = " + quoteJS(e.site.URL) + ", API = " + quoteJS(e.api.URL) + ";\n" +
		body + "\n})().then((v) => JSON.stringify(v), (e) => JSON.stringify('rejected: ' + e.name + ': ' + e.message))"
	v, err := loop.Run(t.Context(), src)
	if err != nil {
		t.Fatal(err)
	}
	p := v.Export().(*goja.Promise)
	if p.State() != goja.PromiseStateFulfilled {
		t.Fatalf("state %v", p.State())
	}
	return p.Result().String()
}

func quoteJS(s string) string { b, _ := json.Marshal(s); return string(b) }

// The classes fetch() uses behave as in a browser (WPT fetch/api/headers/,
// fetch/api/response/, url/urlsearchparams-*).
func TestJSAPI(t *testing.T) {
	e := newEnv(t)
	tests := []struct{ name, js, want string }{
		{"Headers combine and sort", `const h = new Headers({"X-B": "2"}); h.append("x-a", " 1 "); h.append("X-B", "3");
			const seen = []; h.forEach((v, n) => seen.push(n + "=" + v)); return [seen.join(";"), h.get("x-b"), h.has("X-A"), h.get("nope")];`,
			`[["x-a=1;x-b=2, 3","2, 3",true,null]]`},
		{"Headers set and delete", `const h = new Headers([["a", "1"], ["b", "2"], ["a", "3"]]); h.set("A", "9"); h.delete("b"); return [...h];`,
			`[[["a","9"]]]`},
		{"Headers rejects an invalid name", `try { new Headers({"a b": "1"}); return "no"; } catch (e) { return e.name; }`, `["TypeError"]`},
		{"URLSearchParams serializes as a form", `const p = new URLSearchParams({a: "x y", b: "é&*~"}); p.append("c", "1"); return [p.toString(), new URLSearchParams("?q=a+b&r").get("q")];`,
			`[["a=x+y&b=%C3%A9%26*%7E&c=1","a b"]]`},
		{"Response fields and filtered headers", `const r = await fetch(API + "/a?acao=*&aceh=x-custom");
			let threw = false; try { r.headers.append("x", "1"); } catch (e) { threw = e instanceof TypeError; }
			const j = await r.json();
			return [r.type, r.status, r.statusText, r.ok, r.url === API + "/a?acao=*&aceh=x-custom", r.redirected,
				r.headers.get("x-custom"), r.headers.has("x-secret"), r.headers.get("set-cookie"), threw, j.Method, r.bodyUsed];`,
			`[["cors",200,"OK",true,true,false,"custom",false,null,true,"GET",true]]`},
		{"a body is read once", `const r = await fetch(SITE + "/a"); await r.arrayBuffer();
			try { await r.text(); return "no"; } catch (e) { return e.name; }`, `["TypeError"]`},
		{"arrayBuffer returns the bytes", `const r = await fetch("data:,abc"); const b = await r.arrayBuffer(); return [b.byteLength, new Uint8Array(b)[0]];`,
			`[[3,97]]`},
		{"a relative URL resolves against the page", `const r = await fetch("/a?x=1"); return [r.type, r.url === SITE + "/a?x=1"];`, `[["basic",true]]`},
		{"redirected and url after a redirect", `const r = await fetch(SITE + "/r?hops=2"); return [r.redirected, r.url === SITE + "/r?hops=0"];`, `[[true,true]]`},
		{"an unknown mode is a TypeError", `try { await fetch(SITE, {mode: "cros"}); return "no"; } catch (e) { return e.name; }`, `["TypeError"]`},
		{"an unknown cache mode is a TypeError", `try { await fetch(SITE, {cache: "none"}); return "no"; } catch (e) { return e.name; }`, `["TypeError"]`},
		{"only-if-cached outside same-origin is a TypeError", `try { await fetch(SITE, {cache: "only-if-cached"}); return "no"; } catch (e) { return e.message; }`,
			`["Failed to execute 'fetch' on 'Window': fetch: 'only-if-cached' can be set only with 'same-origin' mode: \"cors\""]`},
		{"only-if-cached in same-origin", `const r = await fetch(SITE + "/a", {cache: "only-if-cached", mode: "same-origin"}); return r.type;`, `["basic"]`},
		{"navigate mode is a TypeError", `try { await fetch(SITE, {mode: "navigate"}); return "no"; } catch (e) { return e.name; }`, `["TypeError"]`},
		{"a forbidden method is a TypeError", `try { await fetch(SITE, {method: "TRACE"}); return "no"; } catch (e) { return e.message; }`,
			`["Failed to execute 'fetch' on 'Window': fetch: forbidden method: \"TRACE\""]`},
		{"a URL with credentials is a TypeError", `try { await fetch("http://u:p@127.0.0.1/"); return "no"; } catch (e) { return e.name; }`, `["TypeError"]`},
		{"abort after the response fails the body", `const c = new AbortController();
			const r = await fetch(SITE + "/a", {signal: c.signal}); c.abort(new Error("stop"));
			try { await r.text(); return "read"; } catch (e) { return e.message; }`, `["stop"]`},
		{"an abort reason is kept", `const c = new AbortController(); c.abort("why");
			try { await fetch(SITE, {signal: c.signal}); return "no"; } catch (e) { return e; }`, `["why"]`},
		{"AbortSignal.abort() rejects with an AbortError", `try { await fetch(SITE, {signal: AbortSignal.abort()}); return "no"; } catch (e) { return [e.name, e instanceof DOMException]; }`,
			`[["AbortError",true]]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := e.eval(t, nil, "return ["+"await (async () => {"+tt.js+"})()];")
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

// A blocked fetch() logs Chromium's console line to the embedder's logger
// and rejects with TypeError("Failed to fetch"), as Chromium does.
func TestConsole(t *testing.T) {
	e := newEnv(t)
	console := &messages{}
	got := e.eval(t, slog.New(console), `try { await fetch(API + "/a"); return "no"; } catch (e) { return [e.name, e.message]; }`)
	if got != `["TypeError","Failed to fetch"]` {
		t.Errorf("got %s", got)
	}
	want := "Access to fetch at '" + e.api.URL + "/a' from origin '" + e.site.URL + "' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource."
	if len(console.msgs) != 1 || console.msgs[0] != want {
		t.Errorf("console %q\nwant [%q]", console.msgs, want)
	}
	if strings.Contains(got, e.api.URL) {
		t.Error("the rejection names the URL; Chromium's does not")
	}
}

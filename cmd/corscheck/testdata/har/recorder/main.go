// Command recorder records chromium.har: real Chromium, driven over the
// DevTools protocol, runs the page's fetch() calls against local servers,
// and the Network events become HAR entries the way DevTools' own exporter
// (front_end/models/har/Log.ts) maps them. Chromium's CORS verdict for every
// entry (Network.loadingFailed's corsErrorStatus) goes to
// chromium.expect.json, with what the page's fetch() calls returned
// (page_results), which the tests compare with corscheck har's.
//
// It is a separate module so that chromedp stays out of corsfetch's go.mod:
//
//	cd cmd/corscheck/testdata/har/recorder && go run . -chromium /usr/bin/chromium -out ..
//	cd cmd/corscheck/testdata/har/recorder && go run . -firefox /usr/bin/firefox -out ..
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// api answers the page's cross-origin requests; {P} is the page's origin.
func api(page string) http.Handler {
	allow := func(w http.ResponseWriter, lines ...string) {
		for _, l := range lines {
			k, v, _ := strings.Cut(l, ": ")
			w.Header().Add(k, strings.ReplaceAll(v, "{P}", page))
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pre := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/simple-allowed":
			allow(w, "Access-Control-Allow-Origin: {P}", "Vary: Origin")
		case "/no-acao":
		case "/acao-mismatch":
			allow(w, "Access-Control-Allow-Origin: https://app.example")
		case "/put-allowed":
			allow(w, "Access-Control-Allow-Origin: {P}")
			if pre {
				allow(w, "Access-Control-Allow-Methods: GET, PUT", "Access-Control-Allow-Headers: content-type", "Access-Control-Max-Age: 600")
			}
		case "/put-denied":
			allow(w, "Access-Control-Allow-Origin: {P}")
		case "/header-denied":
			allow(w, "Access-Control-Allow-Origin: {P}")
			if pre {
				allow(w, "Access-Control-Allow-Headers: x-other")
			}
		case "/preflight-401":
			allow(w, "Access-Control-Allow-Origin: {P}")
			if pre {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
		case "/creds-star":
			allow(w, "Access-Control-Allow-Origin: *")
		case "/creds-ok":
			allow(w, "Access-Control-Allow-Origin: {P}", "Access-Control-Allow-Credentials: true", "Vary: Origin")
		case "/creds-no-acac":
			allow(w, "Access-Control-Allow-Origin: {P}")
		case "/auth-star":
			allow(w, "Access-Control-Allow-Origin: {P}")
			if pre {
				allow(w, "Access-Control-Allow-Headers: *")
			}
		case "/redirect":
			allow(w, "Access-Control-Allow-Origin: {P}", "Location: /simple-allowed")
			w.WriteHeader(http.StatusFound)
			return
		case "/preflight-redirect":
			allow(w, "Access-Control-Allow-Origin: {P}")
			if pre {
				allow(w, "Location: /put-allowed")
				w.WriteHeader(http.StatusFound)
				return
			}
		default:
			http.NotFound(w, r)
			return
		}
		if pre {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		fmt.Fprintf(w, "{\"path\":%q}\n", r.URL.Path)
	})
}

// script is the page's: one fetch() after the other, then __done.
const script = `
const A = %q;
const calls = [
  [A + "/simple-allowed", {}],
  [A + "/no-acao", {}],
  [A + "/acao-mismatch", {}],
  [A + "/put-allowed", {method: "PUT", headers: {"Content-Type": "application/json"}, body: "{}"}],
  [A + "/put-denied", {method: "PUT", body: "x"}],
  [A + "/header-denied", {headers: {"X-Token": "t"}}],
  [A + "/preflight-401", {method: "DELETE"}],
  [A + "/creds-star", {credentials: "include"}],
  [A + "/creds-ok", {credentials: "include"}],
  [A + "/creds-no-acac", {credentials: "include"}],
  [A + "/auth-star", {headers: {"Authorization": "Bearer t"}}],
  [A + "/redirect", {}],
  [A + "/preflight-redirect", {method: "PUT", body: "x"}],
  [A + "/put-allowed", {method: "PUT", headers: {"Content-Type": "application/json"}, body: "{}"}],
  [A + "/no-acao", {mode: "no-cors"}],
  ["/same-origin", {}],
];
window.__results = [];
(async () => {
  for (const [u, o] of calls) {
    const res = {url: new URL(u, location.href).href, method: (o.method || "GET").toUpperCase(), mode: o.mode || "cors"};
    try { const r = await fetch(u, o); await r.text(); res.outcome = "resolved"; res.type = r.type; res.status = r.status; }
    catch (e) { res.outcome = "rejected"; res.error = String(e); }
    window.__results.push(res);
  }
  window.__done = true;
})();
`

type rec struct {
	id        network.RequestID
	sent      *network.EventRequestWillBeSent
	reqExtra  network.Headers
	resp      *network.Response // responseReceived, or the redirect response
	respExtra *network.EventResponseReceivedExtraInfo
	failed    *network.EventLoadingFailed
	finished  *network.EventLoadingFinished
	body      string
}

type recorder struct {
	mu    sync.Mutex
	order []*rec
	byID  map[network.RequestID][]*rec
	extra map[network.RequestID][]network.Headers // requestWillBeSentExtraInfo before requestWillBeSent
}

func (r *recorder) last(id network.RequestID) *rec {
	l := r.byID[id]
	if len(l) == 0 {
		return nil
	}
	return l[len(l)-1]
}

func (r *recorder) on(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if prev := r.last(e.RequestID); prev != nil && e.RedirectResponse != nil {
			prev.resp = e.RedirectResponse
		}
		x := &rec{id: e.RequestID, sent: e}
		if q := r.extra[e.RequestID]; len(q) > 0 {
			x.reqExtra, r.extra[e.RequestID] = q[0], q[1:]
		}
		r.order = append(r.order, x)
		r.byID[e.RequestID] = append(r.byID[e.RequestID], x)
	case *network.EventRequestWillBeSentExtraInfo:
		for _, x := range r.byID[e.RequestID] {
			if x.reqExtra == nil {
				x.reqExtra = e.Headers
				return
			}
		}
		r.extra[e.RequestID] = append(r.extra[e.RequestID], e.Headers)
	case *network.EventResponseReceivedExtraInfo:
		for _, x := range r.byID[e.RequestID] {
			if x.respExtra == nil {
				x.respExtra = e
				return
			}
		}
	case *network.EventResponseReceived:
		if x := r.last(e.RequestID); x != nil {
			x.resp = e.Response
		}
	case *network.EventLoadingFailed:
		if x := r.last(e.RequestID); x != nil {
			x.failed = e
		}
	case *network.EventLoadingFinished:
		if x := r.last(e.RequestID); x != nil {
			x.finished = e
		}
	}
}

func main() {
	chromium := flag.String("chromium", "/usr/bin/chromium", "Chromium binary")
	firefox := flag.String("firefox", "", "record firefox.har with this Firefox binary instead")
	out := flag.String("out", "..", "directory for chromium.har and chromium.expect.json")
	flag.Parse()

	apiLn, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	pageLn, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	apiOrigin := "http://" + apiLn.Addr().String()
	pageOrigin := "http://" + pageLn.Addr().String()
	go http.Serve(apiLn, api(pageOrigin))
	go http.Serve(pageLn, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/same-origin" {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintln(w, `{"same":"origin"}`)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<!doctype html><title>corscheck har fixture</title><script>%s</script>", fmt.Sprintf(script, apiOrigin))
	}))

	if *firefox != "" {
		recordFirefox(*firefox, pageOrigin, *out)
		return
	}
	dir, err := os.MkdirTemp("", "har-recorder-")
	check(err)
	defer os.RemoveAll(dir)
	actx, acancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(*chromium), chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(dir))
	defer acancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, tcancel := context.WithTimeout(ctx, 60*time.Second)
	defer tcancel()

	r := &recorder{byID: map[network.RequestID][]*rec{}, extra: map[network.RequestID][]network.Headers{}}
	check(chromedp.Do(ctx, chromedp.Navigate("about:blank")))
	check(chromedp.Listen(ctx, r.on))
	_, err = chromedp.Call(ctx, network.Enable, network.EnableParams{})
	check(err)
	_, err = chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
	check(err)
	_, err = chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: "session", Value: "abc123", URL: apiOrigin + "/"})
	check(err)
	check(chromedp.Do(ctx, chromedp.Navigate(pageOrigin+"/")))
	_, err = chromedp.Run(ctx, chromedp.Poll[bool]("window.__done === true", chromedp.WithPollingTimeout(30*time.Second)))
	check(err)
	time.Sleep(300 * time.Millisecond)
	version, err := chromedp.Run(ctx, chromedp.Evaluate[string]("navigator.userAgent"))
	check(err)
	results, err := chromedp.Run(ctx, chromedp.Evaluate[string]("JSON.stringify(window.__results)"))
	check(err)
	r.mu.Lock()
	order := append([]*rec(nil), r.order...)
	r.mu.Unlock()
	for _, x := range order {
		if x.finished != nil && x.resp != nil && x.sent.Type != network.ResourceTypeDocument {
			res, err := chromedp.Call(ctx, network.GetResponseBody, network.GetResponseBodyParams{RequestID: x.id})
			if err == nil {
				x.body = string(res.Body)
			}
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()

	har, expect := build(r.order, pageOrigin, version)
	expect.(map[string]any)["page_results"] = json.RawMessage(results)
	write(filepath.Join(*out, "chromium.har"), har)
	write(filepath.Join(*out, "chromium.expect.json"), expect)
	fmt.Printf("recorded %d entries from %s\n", len(r.order), version)
}

// build maps the records to a HAR log as DevTools' Log.ts does, and
// Chromium's verdicts to the expectations.
func build(recs []*rec, pageURL, ua string) (any, any) {
	type kv = map[string]any
	var entries []any
	expect := []kv{}
	var start time.Time
	for i, x := range recs {
		wall := time.UnixMicro(int64(x.sent.WallTime.Float64() * 1e6))
		if i == 0 {
			start = wall
		}
		reqHeaders := headerList(x.sent.Request.Headers)
		if x.reqExtra != nil {
			reqHeaders = headerList(x.reqExtra)
		}
		var cookies []kv
		for _, h := range reqHeaders {
			if strings.EqualFold(h["name"].(string), "cookie") {
				for _, c := range strings.Split(h["value"].(string), ";") {
					n, v, _ := strings.Cut(strings.TrimSpace(c), "=")
					cookies = append(cookies, kv{"name": n, "value": v, "path": "/", "domain": "127.0.0.1", "expires": nil, "httpOnly": false, "secure": false})
				}
			}
		}
		u, _ := url.Parse(x.sent.Request.URL)
		query := []kv{}
		for k, vs := range u.Query() {
			for _, v := range vs {
				query = append(query, kv{"name": k, "value": v})
			}
		}
		request := kv{
			"method": x.sent.Request.Method, "url": x.sent.Request.URL, "httpVersion": "HTTP/1.1",
			"headers": reqHeaders, "queryString": query, "cookies": nonNil(cookies), "headersSize": -1, "bodySize": 0,
		}
		if x.sent.Request.HasPostData {
			text := ""
			for _, pe := range x.sent.Request.PostDataEntries {
				text += string(pe.Bytes)
			}
			request["bodySize"] = len(text)
			ct := ""
			for _, h := range reqHeaders {
				if strings.EqualFold(h["name"].(string), "content-type") {
					ct = h["value"].(string)
				}
			}
			request["postData"] = kv{"mimeType": ct, "text": text}
		}

		status, statusText, mime, proto := 0, "", "", ""
		var respHeaders []kv
		ip, conn := "", ""
		if x.resp != nil {
			status, statusText, mime, proto = int(x.resp.Status), x.resp.StatusText, x.resp.MimeType, strings.ToUpper(x.resp.Protocol)
			respHeaders = headerList(x.resp.Headers)
			ip, conn = x.resp.RemoteIPAddress, strconv.FormatFloat(x.resp.ConnectionID, 'f', -1, 64)
		}
		if x.respExtra != nil {
			respHeaders = headerList(x.respExtra.Headers)
		}
		var errText any
		if x.failed != nil {
			errText = x.failed.ErrorText
		}
		redirectURL := ""
		for _, h := range respHeaders {
			if strings.EqualFold(h["name"].(string), "location") && status >= 300 && status < 400 {
				redirectURL = h["value"].(string)
			}
		}
		transfer := 0.0
		if x.finished != nil {
			transfer = x.finished.EncodedDataLength
		}
		content := kv{"size": len(x.body), "mimeType": mime}
		if x.body != "" {
			content["text"] = x.body
		}
		if mime == "" {
			content["mimeType"] = "x-unknown"
		}
		end := wall
		if x.finished != nil {
			end = wall.Add(secs(x.finished.Timestamp.Float64() - x.sent.Timestamp.Float64()))
		} else if x.failed != nil {
			end = wall.Add(secs(x.failed.Timestamp.Float64() - x.sent.Timestamp.Float64()))
		}
		total := float64(end.Sub(wall).Microseconds()) / 1000
		initiator := kv{"type": string(x.sent.Initiator.Type)}
		if x.sent.Initiator.URL != "" {
			initiator["url"] = x.sent.Initiator.URL
		}
		if x.sent.Initiator.RequestID != "" {
			initiator["requestId"] = string(x.sent.Initiator.RequestID)
		}
		if x.sent.Initiator.Stack != nil {
			initiator["stack"] = x.sent.Initiator.Stack
		}
		if proto == "" {
			proto = "HTTP/1.1"
		}
		entry := kv{
			"_connectionId": conn,
			"_initiator":    initiator,
			"_priority":     string(x.sent.Request.InitialPriority),
			"_resourceType": strings.ToLower(string(x.sent.Type)),
			"cache":         kv{},
			"connection":    conn,
			"pageref":       "page_1",
			"request":       request,
			"response": kv{
				"status": status, "statusText": statusText, "httpVersion": proto,
				"headers": nonNil(respHeaders), "cookies": []kv{}, "content": content,
				"redirectURL": redirectURL, "headersSize": -1, "bodySize": -1,
				"_transferSize": transfer, "_error": errText, "_fetchedViaServiceWorker": false,
			},
			"serverIPAddress": ip,
			"startedDateTime": wall.UTC().Format("2006-01-02T15:04:05.000Z"),
			"time":            total,
			"timings": kv{"blocked": -1, "dns": -1, "ssl": -1, "connect": -1, "send": 0, "wait": total, "receive": 0,
				"_blocked_queueing": -1, "_workerStart": -1, "_workerReady": -1, "_workerFetchStart": -1, "_workerRespondWithSettled": -1},
		}
		entries = append(entries, entry)
		e := kv{"entry": i, "method": x.sent.Request.Method, "url": x.sent.Request.URL, "type": strings.ToLower(string(x.sent.Type))}
		if x.failed != nil {
			e["error"] = x.failed.ErrorText
			if cs := x.failed.CorsErrorStatus; cs != nil {
				e["cors_error"] = string(cs.CorsError)
				e["failed_parameter"] = cs.FailedParameter
			}
		}
		if x.resp != nil {
			e["status"] = x.resp.Status
		}
		expect = append(expect, e)
	}
	har := kv{"log": kv{
		"version": "1.2",
		"creator": kv{"name": "WebInspector", "version": "537.36"},
		"comment": "Recorded by cmd/corscheck/testdata/har/recorder from " + ua + " over the DevTools protocol; entries mapped as DevTools' HAR exporter maps them.",
		"pages": []kv{{"startedDateTime": start.UTC().Format("2006-01-02T15:04:05.000Z"), "id": "page_1", "title": pageURL + "/",
			"pageTimings": kv{"onContentLoad": -1, "onLoad": -1}}},
		"entries": entries,
	}}
	return har, kv{"browser": ua, "entries": expect}
}

// headerList turns CDP's header map (duplicates joined with "\n") into
// HAR's sorted name/value list.
func headerList(h network.Headers) []map[string]any {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	out := []map[string]any{}
	for _, k := range names {
		v := fmt.Sprint(h[k])
		for _, line := range strings.Split(v, "\n") {
			out = append(out, map[string]any{"name": k, "value": line})
		}
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func write(path string, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	check(err)
	check(os.WriteFile(path, append(b, '\n'), 0o644))
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func secs(f float64) time.Duration { return time.Duration(f * float64(time.Second)) }

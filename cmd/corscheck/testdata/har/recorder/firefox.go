package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/websocket"
)

// bidi is a minimal WebDriver BiDi client: commands by id, events by method.
type bidi struct {
	ws     *websocket.Conn
	mu     sync.Mutex
	nextID int
	waits  map[int]chan json.RawMessage
	events []bidiEvent
}

type bidiEvent struct {
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

func (b *bidi) read() {
	for {
		var msg struct {
			ID     *int            `json:"id"`
			Type   string          `json:"type"`
			Method string          `json:"method"`
			Params json.RawMessage `json:"params"`
			Result json.RawMessage `json:"result"`
			Error  string          `json:"error"`
			Msg    string          `json:"message"`
		}
		if err := websocket.JSON.Receive(b.ws, &msg); err != nil {
			return
		}
		b.mu.Lock()
		if msg.ID != nil {
			if ch := b.waits[*msg.ID]; ch != nil {
				if msg.Error != "" {
					ch <- json.RawMessage(fmt.Sprintf(`{"error":%q}`, msg.Error+": "+msg.Msg))
				} else {
					ch <- msg.Result
				}
			}
		} else if msg.Method != "" {
			b.events = append(b.events, bidiEvent{msg.Method, msg.Params})
		}
		b.mu.Unlock()
	}
}

func (b *bidi) call(method string, params any) json.RawMessage {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan json.RawMessage, 1)
	b.waits[id] = ch
	b.mu.Unlock()
	check(websocket.JSON.Send(b.ws, map[string]any{"id": id, "method": method, "params": params}))
	select {
	case r := <-ch:
		if strings.HasPrefix(string(r), `{"error"`) {
			log.Fatalf("%s: %s", method, r)
		}
		return r
	case <-time.After(30 * time.Second):
		log.Fatalf("%s: no answer", method)
	}
	return nil
}

// recordFirefox runs the page in headless Firefox over WebDriver BiDi and
// writes firefox.har (mapped as Firefox's har-builder.js maps its
// netmonitor's requests) and firefox.expect.json (Firefox's network.fetchError
// for every request it failed, and what the page's fetch() calls returned).
func recordFirefox(path, pageOrigin, out string) {
	dir, err := os.MkdirTemp("", "har-recorder-ff-")
	check(err)
	defer os.RemoveAll(dir)
	// A fresh profile that does not phone home.
	prefs := `user_pref("network.cookie.cookieBehavior", 0);
user_pref("app.update.enabled", false);
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("network.http.speculative-parallel-limit", 0);
`
	check(os.WriteFile(filepath.Join(dir, "user.js"), []byte(prefs), 0o644))
	cmd := exec.Command(path, "--headless", "--no-remote", "--profile", dir, "--remote-debugging-port", "0", "--remote-allow-origins", "http://127.0.0.1")
	stderr, err := cmd.StderrPipe()
	check(err)
	check(cmd.Start())
	defer cmd.Process.Kill()
	var wsURL string
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "WebDriver BiDi listening on "); i >= 0 {
			wsURL = strings.TrimSpace(line[i+len("WebDriver BiDi listening on "):])
			break
		}
	}
	if wsURL == "" {
		log.Fatal("firefox: no BiDi address")
	}
	go func() {
		for sc.Scan() {
		}
	}()
	ws, err := websocket.Dial(wsURL+"/session", "", "http://127.0.0.1/")
	check(err)
	b := &bidi{ws: ws, waits: map[int]chan json.RawMessage{}}
	go b.read()
	var ver struct {
		Capabilities struct {
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	check(json.Unmarshal(b.call("session.new", map[string]any{"capabilities": map[string]any{}}), &ver))
	b.call("session.subscribe", map[string]any{"events": []string{"network.beforeRequestSent", "network.responseCompleted", "network.fetchError"}})
	var tree struct {
		Contexts []struct {
			Context string `json:"context"`
		} `json:"contexts"`
	}
	check(json.Unmarshal(b.call("browsingContext.getTree", map[string]any{}), &tree))
	ctx := tree.Contexts[0].Context
	b.call("storage.setCookie", map[string]any{"cookie": map[string]any{"name": "session", "value": map[string]any{"type": "string", "value": "abc123"}, "domain": "127.0.0.1", "path": "/"}})
	b.call("browsingContext.navigate", map[string]any{"context": ctx, "url": pageOrigin + "/", "wait": "complete"})
	for i := 0; ; i++ {
		var r struct {
			Result struct {
				Value any `json:"value"`
			} `json:"result"`
		}
		check(json.Unmarshal(b.call("script.evaluate", map[string]any{"expression": "window.__done === true", "target": map[string]any{"context": ctx}, "awaitPromise": false}), &r))
		if r.Result.Value == true {
			break
		}
		if i > 300 {
			log.Fatal("firefox: the page did not finish")
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	var res struct {
		Result struct {
			Value string `json:"value"`
		} `json:"result"`
	}
	check(json.Unmarshal(b.call("script.evaluate", map[string]any{"expression": "JSON.stringify(window.__results)", "target": map[string]any{"context": ctx}, "awaitPromise": false}), &res))
	b.mu.Lock()
	events := append([]bidiEvent(nil), b.events...)
	b.mu.Unlock()
	b.call("session.end", map[string]any{})

	har, expect := buildFirefox(events, pageOrigin, ver.Capabilities.BrowserVersion)
	expect.(map[string]any)["page_results"] = json.RawMessage(res.Result.Value)
	write(filepath.Join(out, "firefox.har"), har)
	write(filepath.Join(out, "firefox.expect.json"), expect)
	fmt.Printf("recorded %d BiDi events from Firefox %s\n", len(events), ver.Capabilities.BrowserVersion)
}

type bidiHeader struct {
	Name  string `json:"name"`
	Value struct {
		Value string `json:"value"`
	} `json:"value"`
}

type bidiRequest struct {
	Request string       `json:"request"`
	URL     string       `json:"url"`
	Method  string       `json:"method"`
	Headers []bidiHeader `json:"headers"`
}

type bidiNetParams struct {
	Request   bidiRequest `json:"request"`
	Timestamp float64     `json:"timestamp"`
	Response  *struct {
		Status     int          `json:"status"`
		StatusText string       `json:"statusText"`
		Headers    []bidiHeader `json:"headers"`
		MimeType   string       `json:"mimeType"`
		Protocol   string       `json:"protocol"`
	} `json:"response"`
	ErrorText     string `json:"errorText"`
	RedirectCount int    `json:"redirectCount"`
}

func buildFirefox(events []bidiEvent, pageURL, version string) (any, any) {
	type kv = map[string]any
	type rec struct {
		sent  bidiNetParams
		resp  *bidiNetParams
		error string
	}
	var order []*rec
	byKey := map[string]*rec{}
	for _, ev := range events {
		var p bidiNetParams
		if json.Unmarshal(ev.Params, &p) != nil {
			continue
		}
		key := fmt.Sprintf("%s/%d", p.Request.Request, p.RedirectCount)
		switch ev.Method {
		case "network.beforeRequestSent":
			r := &rec{sent: p}
			order = append(order, r)
			byKey[key] = r
		case "network.responseCompleted":
			if r := byKey[key]; r != nil {
				pp := p
				r.resp = &pp
			}
		case "network.fetchError":
			if r := byKey[key]; r != nil {
				r.error = p.ErrorText
			}
		}
	}
	hl := func(hs []bidiHeader) []kv {
		out := []kv{}
		for _, h := range hs {
			out = append(out, kv{"name": h.Name, "value": h.Value.Value})
		}
		return out
	}
	var entries []any
	expect := []kv{}
	for i, r := range order {
		t := time.UnixMilli(int64(r.sent.Timestamp))
		reqHeaders := hl(r.sent.Request.Headers)
		var cookies []kv
		for _, h := range r.sent.Request.Headers {
			if strings.EqualFold(h.Name, "cookie") {
				for _, c := range strings.Split(h.Value.Value, ";") {
					n, v, _ := strings.Cut(strings.TrimSpace(c), "=")
					cookies = append(cookies, kv{"name": n, "value": v})
				}
			}
		}
		resp := kv{"status": 0, "statusText": "", "httpVersion": "", "headers": []kv{}, "cookies": []kv{},
			"content": kv{"mimeType": "", "size": -1}, "redirectURL": "", "headersSize": -1, "bodySize": -1}
		if r.resp != nil && r.resp.Response != nil {
			rs := r.resp.Response
			loc := ""
			for _, h := range rs.Headers {
				if strings.EqualFold(h.Name, "location") {
					loc = h.Value.Value
				}
			}
			resp = kv{"status": rs.Status, "statusText": rs.StatusText, "httpVersion": strings.ToUpper(rs.Protocol),
				"headers": hl(rs.Headers), "cookies": []kv{}, "content": kv{"mimeType": rs.MimeType, "size": 0,
					"comment": "Response bodies are not included."},
				"redirectURL": loc, "headersSize": -1, "bodySize": -1}
		}
		entries = append(entries, kv{
			"pageref":         "page_1",
			"startedDateTime": t.UTC().Format("2006-01-02T15:04:05.000+00:00"),
			"time":            0,
			"request": kv{"bodySize": 0, "method": r.sent.Request.Method, "url": r.sent.Request.URL, "httpVersion": "HTTP/1.1",
				"headers": reqHeaders, "cookies": nonNil(cookies), "queryString": []kv{}, "headersSize": -1},
			"response": resp,
			"cache":    kv{},
			"timings":  kv{"blocked": -1, "dns": -1, "connect": -1, "ssl": -1, "send": 0, "wait": 0, "receive": 0},
		})
		e := kv{"entry": i, "method": r.sent.Request.Method, "url": r.sent.Request.URL}
		if r.error != "" {
			e["error"] = r.error
		}
		if r.resp != nil && r.resp.Response != nil {
			e["status"] = r.resp.Response.Status
		}
		expect = append(expect, e)
	}
	har := kv{"log": kv{
		"version": "1.2",
		"creator": kv{"name": "Firefox", "version": version},
		"browser": kv{"name": "Firefox", "version": version},
		"comment": "Recorded by cmd/corscheck/testdata/har/recorder from headless Firefox " + version + " over WebDriver BiDi; entries mapped as Firefox's har-builder.js maps its netmonitor's requests (bodies left out).",
		"pages":   []kv{{"startedDateTime": "", "id": "page_1", "title": pageURL + "/", "pageTimings": kv{"onContentLoad": -1, "onLoad": -1}}},
		"entries": entries,
	}}
	return har, kv{"browser": "Firefox " + version, "entries": expect}
}

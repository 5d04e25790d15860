package browser

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// pageHTML is the page at the page origin. __run performs one fetch() and
// reports what the page can see of the result.
const pageHTML = `<!doctype html><meta charset="utf-8"><title>corsfetch differential</title>
<script>
window.__run = async (c) => {
  const init = {method: c.method, headers: c.header, mode: c.mode, credentials: c.credentials,
                redirect: c.redirect, cache: c.cache, referrerPolicy: c.referrerPolicy || ""};
  if (c.body !== "") init.body = c.body;
  try {
    const r = await fetch(c.url, init);
    const h = [];
    for (const [k, v] of r.headers) h.push(k + ": " + v);
    try { await r.arrayBuffer(); } catch (e) {}
    return {ok: true, type: r.type, status: r.status, headers: h};
  } catch (e) {
    return {ok: false, error: String(e)};
  }
};
</script>`

// hub is the three servers: the page origin P and the API origins A and B.
// They share one handler that answers from the registered scenarios and
// records every request under the scenario's prefix.
type hub struct {
	env
	servers []*httptest.Server

	mu        sync.Mutex
	scenarios map[string]*Scenario // by prefix, e.g. /c/simple-get
	log       map[string][]string  // by prefix: normalized request records
}

// newHub starts the three servers on 127.0.0.1.
func newHub(t testing.TB) *hub {
	h := &hub{scenarios: map[string]*Scenario{}, log: map[string][]string{}}
	for _, dst := range []*string{&h.P, &h.A, &h.B} {
		name := map[*string]string{&h.P: "P", &h.A: "A", &h.B: "B"}[dst]
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatalf("listen: %v", err)
		}
		s := httptest.NewUnstartedServer(h.handler(name))
		s.Listener.Close()
		s.Listener = l
		s.Start()
		*dst = s.URL
		h.servers = append(h.servers, s)
	}
	t.Cleanup(h.close)
	return h
}

func (h *hub) close() {
	for _, s := range h.servers {
		s.Close()
	}
}

// register makes sc answerable under prefix (e.g. "/c/"+sc.Name).
func (h *hub) register(prefix string, sc *Scenario) {
	h.mu.Lock()
	h.scenarios[prefix] = sc
	delete(h.log, prefix)
	h.mu.Unlock()
}

// take returns and forgets what reached the servers under prefix so far.
func (h *hub) take(prefix string) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	l := h.log[prefix]
	h.log[prefix] = nil
	return l
}

// splitPath splits /c/<scenario>/<route> into the prefix and the route name.
func splitPath(p string) (prefix, route string, ok bool) {
	parts := strings.SplitN(p, "/", 4)
	if len(parts) != 4 || parts[0] != "" {
		return "", "", false
	}
	return "/" + parts[1] + "/" + parts[2], parts[3], true
}

// recordedHeaders are the request headers whose values the record keeps,
// besides the author headers of the scenario's calls.
var recordedHeaders = []string{"Origin", "Cookie", "Authorization", "Access-Control-Request-Method", "Access-Control-Request-Headers"}

func (h *hub) handler(server string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Date"] = nil
		if server == "P" && r.URL.Path == "/" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, pageHTML)
			return
		}
		prefix, route, ok := splitPath(r.URL.Path)
		h.mu.Lock()
		sc := h.scenarios[prefix]
		h.mu.Unlock()
		if !ok || sc == nil {
			http.NotFound(w, r)
			return
		}
		h.record(server, prefix, sc, r)
		rt, ok := sc.Routes[route]
		if !ok {
			http.Error(w, "no such route", http.StatusNotFound)
			return
		}
		rep := rt.Actual
		if r.Method == http.MethodOptions {
			rep = rt.Preflight
		}
		for _, line := range rep.Header {
			k, v, _ := strings.Cut(line, ":")
			w.Header()[strings.TrimSpace(k)] = append(w.Header()[strings.TrimSpace(k)], expandRequest(h.expand(strings.TrimSpace(v), prefix), r))
		}
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "text/plain")
		}
		status := rep.Status
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		fmt.Fprint(w, rep.Body)
	})
}

// record appends one line describing r: server, method, path and the
// values of the headers the comparison looks at. An author header of the
// scenario is recorded only with the value the script gave it: a browser
// fills in its own Accept, Accept-Language and User-Agent, which are not
// what this suite compares.
func (h *hub) record(server, prefix string, sc *Scenario, r *http.Request) {
	var b strings.Builder
	b.WriteString(server + " " + r.Method + " " + h.normalize(r.URL.RequestURI(), prefix))
	for _, k := range recordedHeaders {
		if vs, ok := r.Header[k]; ok {
			b.WriteString(" " + strings.ToLower(k) + "=" + strconv.Quote(h.normalize(strings.Join(vs, ", "), prefix)))
		}
	}
	script := map[string][]string{}
	var names []string
	for _, c := range sc.Calls {
		for _, line := range c.Header {
			k, v, _ := strings.Cut(line, ":")
			k = http.CanonicalHeaderKey(strings.TrimSpace(k))
			if contains(recordedHeaders, k) {
				continue
			}
			if _, ok := script[k]; !ok {
				names = append(names, k)
			}
			script[k] = append(script[k], strings.TrimSpace(v))
		}
	}
	for _, k := range names {
		got := strings.Join(r.Header[k], ", ")
		if got != "" && (contains(script[k], got) || got == strings.Join(script[k], ", ")) {
			b.WriteString(" " + strings.ToLower(k) + "=" + strconv.Quote(got))
		}
	}
	if r.ContentLength > 0 || len(r.TransferEncoding) > 0 {
		b.WriteString(" body")
	}
	h.mu.Lock()
	h.log[prefix] = append(h.log[prefix], b.String())
	h.mu.Unlock()
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

package browser

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

// cookieName and cookieValue are the one cookie both clients hold for host
// 127.0.0.1 (every port: cookies do not isolate by port).
const cookieName, cookieValue = "sid", "1"

// base is the network under every Transport of the suite.
var base = &http.Transport{MaxIdleConnsPerHost: 16, IdleConnTimeout: 30 * time.Second}

// newJar returns a cookie jar holding the suite's cookie.
func newJar(e *env) http.CookieJar {
	jar, err := cookiejar.New(nil)
	if err != nil {
		panic(err) // cookiejar.New(nil) never fails
	}
	u, _ := url.Parse(e.A + "/")
	jar.SetCookies(u, []*http.Cookie{{Name: cookieName, Value: cookieValue, Path: "/"}})
	return jar
}

// newTransport is a fresh browsing context: a new preflight cache and jar.
func newTransport(e *env, p cors.Policy) *fetch.Transport {
	return &fetch.Transport{
		Base:   base,
		Origin: e.P,
		Jar:    newJar(e),
		Cache:  preflightcache.New(nil),
		Policy: p,
	}
}

var modes = map[string]fetch.Mode{"": fetch.ModeCORS, "cors": fetch.ModeCORS, "no-cors": fetch.ModeNoCORS, "same-origin": fetch.ModeSameOrigin}
var credentials = map[string]fetch.Credentials{"": fetch.CredentialsSameOrigin, "same-origin": fetch.CredentialsSameOrigin, "omit": fetch.CredentialsOmit, "include": fetch.CredentialsInclude}
var redirects = map[string]fetch.Redirect{"": fetch.RedirectFollow, "follow": fetch.RedirectFollow, "error": fetch.RedirectError, "manual": fetch.RedirectManual}

// newRequest builds the http.Request a fetch(url, init) call amounts to.
// It does the two things the fetch() API layer does before the network:
// method normalization, and the default Content-Type of a string body
// (https://fetch.spec.whatwg.org/#concept-bodyinit-extract).
func newRequest(ctx context.Context, h *hub, prefix string, c Call) (*http.Request, error) {
	var body io.Reader
	if c.Body != "" {
		body = strings.NewReader(c.Body)
	}
	req, err := http.NewRequestWithContext(ctx, normalizeMethod(c.Method), h.expand(c.URL, prefix), body)
	if err != nil {
		return nil, err
	}
	hasCT := false
	for _, line := range c.Header {
		k, v, _ := strings.Cut(line, ":")
		k = strings.TrimSpace(k)
		req.Header.Add(k, byteString(strings.TrimSpace(v)))
		hasCT = hasCT || strings.EqualFold(k, "Content-Type")
	}
	if c.Body != "" && !hasCT {
		req.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	}
	return req, nil
}

// runTransport performs sc's calls through one fresh Transport (one cache,
// one jar, like one tab) under prefix and returns one Observation per call.
func runTransport(h *hub, prefix string, sc *Scenario, p cors.Policy) []Observation {
	tr := newTransport(&h.env, p)
	obs := make([]Observation, 0, len(sc.Calls))
	for _, c := range sc.Calls {
		if c.SleepBefore > 0 {
			time.Sleep(time.Duration(c.SleepBefore) * time.Millisecond)
		}
		o := transportCall(tr, h, prefix, c)
		o.Seen = h.take(prefix)
		obs = append(obs, o)
	}
	return obs
}

func transportCall(tr *fetch.Transport, h *hub, prefix string, c Call) (o Observation) {
	defer func() {
		if r := recover(); r != nil {
			o = Observation{Outcome: "panic", Detail: fmt.Sprint("Transport.RoundTrip panicked: ", r)}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ctx = fetch.WithOptions(ctx, fetch.Options{Mode: modes[c.Mode], Credentials: credentials[c.Credentials], Redirect: redirects[c.Redirect],
		ReferrerPolicy: fetch.ReferrerPolicy(c.ReferrerPolicy)})
	req, err := newRequest(ctx, h, prefix, c)
	if err != nil {
		return Observation{Outcome: "error", Detail: "building the request: " + err.Error()}
	}
	resp, err := tr.RoundTrip(req)
	if err != nil {
		return classify(h, prefix, c, err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	o = Observation{Outcome: "ok", Type: typeName(fetch.TypeOf(resp)), Status: resp.StatusCode}
	for k, vs := range resp.Header {
		o.Headers = append(o.Headers, strings.ToLower(k)+": "+h.normalize(strings.Join(vs, ", "), prefix))
	}
	slices.Sort(o.Headers)
	return o
}

// classify turns a RoundTrip error into an Observation. A mode violation
// without a *cors.Error gets the CorsError name Chromium reports for it, so
// the two sides compare.
func classify(h *hub, prefix string, c Call, err error) Observation {
	var ce *cors.Error
	if errors.As(err, &ce) {
		return Observation{
			Outcome:         "blocked",
			Reason:          ce.Reason.String(),
			FailedParameter: h.normalize(ce.FailedParameter(), prefix),
			Console:         h.normalize(ce.ConsoleMessage(), prefix),
			Detail:          err.Error(),
		}
	}
	var ne *fetch.NetworkError
	if errors.As(err, &ne) && ne.Kind == fetch.KindMode {
		r := "DisallowedByMode"
		if c.Mode == "no-cors" {
			r = "NoCorsRedirectModeNotFollow"
		}
		return Observation{Outcome: "blocked", Reason: r, Detail: err.Error()}
	}
	return Observation{Outcome: "error", Detail: err.Error()}
}

func typeName(t fetch.ResponseType) string {
	switch t {
	case fetch.ResponseBasic:
		return "basic"
	case fetch.ResponseCORS:
		return "cors"
	case fetch.ResponseOpaque:
		return "opaque"
	case fetch.ResponseOpaqueRedirect:
		return "opaqueredirect"
	}
	return fmt.Sprintf("ResponseType(%d)", t)
}

package main

import (
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/safelist"
	"github.com/corsfetch/corsfetch/internal/har"
)

// harCase is one cross-origin request found in a HAR, with what the
// recording says about the page that made it.
type harCase struct {
	entry      *har.Entry
	preflight  *har.Entry // nil: none recorded
	last       *har.Entry // the last recorded hop of its redirects (entry itself if none)
	origin     string     // the page's serialized origin
	originFrom string     // where origin came from, in words
	mode       fetch.Mode
	modeFrom   string
	creds      fetch.Credentials
	credsFrom  string
	header     http.Header // the headers the page set, as far as the recording tells
	left       []string    // headers the browser added, left out of the replay
	restored   []string    // headers the preflight names that the entry lacks
}

// harSkips counts the entries that are not cross-origin CORS requests.
type harSkips struct {
	Preflights  int `json:"preflights"`
	SameOrigin  int `json:"same_origin"`
	NotCORS     int `json:"not_cors"`     // navigations, no-cors loads, websockets
	NoPage      int `json:"no_page"`      // the page's origin is not in the recording
	NotHTTP     int `json:"not_http"`     // data:, blob:, chrome-extension: ...
	Unreadable  int `json:"unreadable"`   // entries har.Read reported
	RedirectHop int `json:"redirect_hop"` // followed redirects, replayed with the request that started them
}

// preflightWindow is how many entries on either side of a request its
// preflight may be. Chromium records the preflight after the request that
// caused it (its requestWillBeSent comes second); Firefox before.
const preflightWindow = 64

// groupHAR finds the cross-origin requests of log in order and pairs each
// with its recorded preflight.
func groupHAR(log *har.Log) ([]harCase, harSkips) {
	var skips harSkips
	skips.Unreadable = len(log.Errors)
	pages := make(map[string]string, len(log.Pages))
	for _, p := range log.Pages {
		pages[p.ID] = p.Title
	}
	claimed := make(map[int]bool)    // preflight entries already paired
	redirected := make(map[int]bool) // entries that are a redirect's next hop
	var cases []harCase
	for i := range log.Entries {
		e := &log.Entries[i]
		if isPreflightEntry(e) {
			skips.Preflights++
			continue
		}
		if redirected[i] {
			skips.RedirectHop++
			continue
		}
		u, err := url.Parse(e.Request.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			skips.NotHTTP++
			continue
		}
		c := harCase{entry: e}
		j := findPreflight(log, i, claimed)
		if j >= 0 {
			c.preflight = &log.Entries[j]
		}
		c.mode, c.modeFrom = harMode(e, c.preflight != nil)
		if c.mode == fetch.ModeNavigate || c.modeFrom == "" {
			skips.NotCORS++
			continue
		}
		c.origin, c.originFrom = pageOrigin(e, pages)
		if c.origin == "" {
			skips.NoPage++
			continue
		}
		if o, err := cors.ParseOrigin(c.origin); err == nil && o.SameOriginURL(u) {
			skips.SameOrigin++
			continue
		}
		if c.mode == fetch.ModeNoCORS {
			skips.NotCORS++
			continue
		}
		if j >= 0 {
			claimed[j] = true
		}
		c.last = markRedirectHops(log, i, redirected)
		c.creds, c.credsFrom = harCredentials(e)
		c.header, c.left, c.restored = pageHeaders(e, c.preflight)
		cases = append(cases, c)
	}
	return cases, skips
}

// isPreflightEntry: an OPTIONS request with Access-Control-Request-Method,
// or one Chromium typed "preflight".
func isPreflightEntry(e *har.Entry) bool {
	if e.ResourceType == "preflight" || e.Initiator.Type == "preflight" {
		return true
	}
	_, ok := har.Get(e.Request.Headers, "Access-Control-Request-Method")
	return ok && e.Request.Method == http.MethodOptions
}

// harMode reads the request mode from Sec-Fetch-Mode, which Chromium and
// Firefox send on every request. Chromium records a request blocked at its
// preflight with only the headers the page set (it never went out), so
// without Sec-Fetch-Mode a recorded preflight, an Origin header, or
// Chromium's _resourceType fetch/xhr mean cors. modeFrom "" means the entry
// is no fetch() as far as the recording tells (a subresource).
func harMode(e *har.Entry, preflighted bool) (fetch.Mode, string) {
	if v, ok := har.Get(e.Request.Headers, "Sec-Fetch-Mode"); ok {
		switch strings.ToLower(v) {
		case "cors":
			return fetch.ModeCORS, "Sec-Fetch-Mode: cors"
		case "no-cors":
			return fetch.ModeNoCORS, "Sec-Fetch-Mode: no-cors"
		case "same-origin":
			return fetch.ModeSameOrigin, "Sec-Fetch-Mode: same-origin"
		default: // navigate, nested-navigate, websocket
			return fetch.ModeNavigate, "Sec-Fetch-Mode: " + v
		}
	}
	switch {
	case preflighted:
		return fetch.ModeCORS, "a preflight was recorded for it"
	case e.ResourceType == "xhr":
		return fetch.ModeCORS, "Chromium's _resourceType xhr (always cors)"
	case e.ResourceType == "fetch":
		return fetch.ModeCORS, "assumed: Chromium's _resourceType fetch, no Sec-Fetch-Mode recorded (fetch() defaults to cors)"
	}
	if _, ok := har.Get(e.Request.Headers, "Origin"); ok && e.ResourceType == "" {
		return fetch.ModeCORS, "assumed: an Origin header, no Sec-Fetch-Mode recorded"
	}
	return fetch.ModeNoCORS, ""
}

// pageOrigin is the origin of the page that made e: its Origin header, or
// the URL of its page, its Referer, or Chromium's initiator URL.
func pageOrigin(e *har.Entry, pages map[string]string) (string, string) {
	if v, ok := har.Get(e.Request.Headers, "Origin"); ok && v != "" {
		return v, "the request's Origin header"
	}
	if o := urlOrigin(pages[e.PageRef]); o != "" {
		return o, "the page " + e.PageRef + " (" + pages[e.PageRef] + ")"
	}
	if v, ok := har.Get(e.Request.Headers, "Referer"); ok {
		if o := urlOrigin(v); o != "" {
			return o, "the Referer header"
		}
	}
	if o := urlOrigin(e.Initiator.URL); o != "" {
		return o, "Chromium's _initiator URL"
	}
	return "", ""
}

// urlOrigin is the serialized origin of an absolute http(s) URL, or "".
func urlOrigin(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
}

// harCredentials: a request that carried cookies was made with credentials
// "include" (a cross-origin request sends none otherwise). Without cookies
// the recording cannot tell include from same-origin or omit; the CORS
// check differs only for include, so same-origin is assumed.
func harCredentials(e *har.Entry) (fetch.Credentials, string) {
	if _, ok := har.Get(e.Request.Headers, "Cookie"); ok || e.Request.Cookies > 0 {
		return fetch.CredentialsInclude, "cookies were sent"
	}
	return fetch.CredentialsSameOrigin, "assumed: no cookies were sent"
}

// browserAdded are request headers browsers add themselves that the
// standard does not forbid a page to set. The replay leaves them out
// unless the recorded preflight names them in
// Access-Control-Request-Headers, which only lists headers the page set.
var browserAdded = map[string]bool{
	"user-agent": true, "accept-language": true, "priority": true, "pragma": true,
	"cache-control": true, "upgrade-insecure-requests": true, "dnt": true,
	"x-client-data": true,
}

// pageHeaders returns the request headers of e that the page's script
// set, as far as the recording tells: forbidden headers (the browser's
// own), HTTP/2 pseudo-headers and the browserAdded ones are left out. A
// header the preflight's Access-Control-Request-Headers names but the entry
// lacks (Chrome's default "sanitized" export drops Authorization and
// Cookie) is restored with an empty value, which keeps it CORS-unsafe; the
// third result names those.
func pageHeaders(e *har.Entry, preflight *har.Entry) (http.Header, []string, []string) {
	named := map[string]bool{}
	if preflight != nil {
		if v, ok := har.Get(preflight.Request.Headers, "Access-Control-Request-Headers"); ok {
			for _, n := range strings.Split(v, ",") {
				named[strings.ToLower(strings.TrimSpace(n))] = true
			}
		}
	}
	h := http.Header{}
	var left []string
	for _, hd := range e.Request.Headers {
		lower := strings.ToLower(hd.Name)
		switch {
		case strings.HasPrefix(hd.Name, ":"), !isToken(hd.Name), !isFieldValue(hd.Value):
			continue
		case safelist.IsForbiddenRequestHeader(hd.Name, hd.Value):
			continue
		case browserAdded[lower] && !named[lower]:
			left = append(left, lower)
			continue
		}
		h.Add(hd.Name, hd.Value)
	}
	var restored []string
	for _, n := range sortedNames(named) {
		if n != "" && isToken(n) && h.Get(n) == "" && len(h.Values(n)) == 0 {
			h.Set(n, "")
			restored = append(restored, n)
		}
	}
	return h, left, restored
}

func sortedNames(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// findPreflight returns the index of the unclaimed recorded preflight for
// entry i, or -1: an OPTIONS to the same URL whose
// Access-Control-Request-Method is i's method, nearest to i.
func findPreflight(log *har.Log, i int, claimed map[int]bool) int {
	e := &log.Entries[i]
	for d := 1; d <= preflightWindow; d++ {
		for _, j := range [2]int{i + d, i - d} {
			if j < 0 || j >= len(log.Entries) || claimed[j] {
				continue
			}
			p := &log.Entries[j]
			if p.Request.Method != http.MethodOptions || p.Request.URL != e.Request.URL {
				continue
			}
			if m, ok := har.Get(p.Request.Headers, "Access-Control-Request-Method"); ok && m == e.Request.Method {
				return j
			}
		}
	}
	return -1
}

// markRedirectHops marks the entries that follow entry i's redirects (the
// next entry, within the window, whose URL is the redirect's Location) and
// returns the last one, or entry i.
func markRedirectHops(log *har.Log, i int, redirected map[int]bool) *har.Entry {
	for hops := 0; hops < 20; hops++ {
		e := &log.Entries[i]
		if e.Response.Status < 300 || e.Response.Status > 399 {
			break
		}
		next := redirectTarget(e)
		if next == "" {
			break
		}
		j := findEntry(log, i+1, next, func(x *har.Entry) bool { return !isPreflightEntry(x) })
		if j < 0 || redirected[j] {
			break
		}
		redirected[j] = true
		i = j
	}
	return &log.Entries[i]
}

// redirectTarget is the absolute URL e's response redirects to, or "".
func redirectTarget(e *har.Entry) string {
	loc := e.Response.RedirectURL
	if loc == "" {
		loc, _ = har.Get(e.Response.Headers, "Location")
	}
	if loc == "" {
		return ""
	}
	base, err := url.Parse(e.Request.URL)
	if err != nil {
		return ""
	}
	u, err := base.Parse(loc)
	if err != nil {
		return ""
	}
	return u.String()
}

// findEntry returns the first entry from index from (within the window)
// with the URL u that ok accepts, or -1.
func findEntry(log *har.Log, from int, u string, ok func(*har.Entry) bool) int {
	for j := from; j < len(log.Entries) && j < from+preflightWindow; j++ {
		if log.Entries[j].Request.URL == u && ok(&log.Entries[j]) {
			return j
		}
	}
	return -1
}

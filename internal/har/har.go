// Package har reads the parts of an HTTP Archive (HAR 1.2) that decide or
// explain a CORS verdict, as Chromium's and Firefox's DevTools save them
// ("Save all as HAR").
//
// It keeps a small schema: per entry the request's method, URL, headers and
// cookie count, the response's status, headers, redirect URL and whether a
// body was recorded, and Chromium's private fields _resourceType,
// _initiator, _error and _fromCache. Bodies are never kept: a content text
// is only measured.
//
// Read streams the entries, so memory grows with the headers kept, not with
// the file. An entry that does not decode is reported in Log.Errors with
// its index and the rest are read; JSON that breaks off (a truncated file)
// ends the read with the entries read so far and an error naming the
// entry where it broke.
//
// The format: http://www.softwareishard.com/blog/har-12-spec/.
package har

// Log is what Read keeps of a HAR's "log" object.
type Log struct {
	Version string
	Creator Creator // "WebInspector" for Chromium, "Firefox" for Firefox
	Browser Creator // Firefox only
	Pages   []Page
	Entries []Entry
	// Errors are the entries that could not be read, in order.
	Errors []EntryError
	// Total is the number of entries in the file, read or not.
	Total int
}

// Creator is the log's creator or browser object.
type Creator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Page is one page object. Chromium's title is the page's URL; Firefox's is
// whatever the netmonitor was told, usually the URL too.
type Page struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Header is one name/value pair as recorded. Names keep their recorded
// case; HTTP/2 pseudo-headers (":authority") are kept as recorded.
type Header struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Entry is one request and its response.
type Entry struct {
	// Index is the entry's position in log.entries, from 0.
	Index   int
	PageRef string
	Started string // startedDateTime, as recorded
	// ResourceType is Chromium's _resourceType: "fetch", "xhr", "preflight",
	// "document", "script", ...; "" in Firefox's HARs.
	ResourceType string
	Initiator    Initiator
	// FromCache is Chromium's _fromCache: "disk", "memory" or "".
	FromCache string
	Request   Request
	Response  Response
}

// Initiator is Chromium's _initiator: type "parser", "script", "preflight",
// "preload" or "other", and the URL of the document, script or (for a
// preflight) the request that caused it.
type Initiator struct {
	Type      string `json:"type"`
	URL       string `json:"url"`
	RequestID string `json:"requestId"`
}

// Request is what an entry keeps of its request.
type Request struct {
	Method  string
	URL     string
	Headers []Header
	// Cookies is the number of cookies recorded in request.cookies.
	Cookies int
	// PostDataMIME is postData.mimeType; HasPostData says a postData
	// object was recorded.
	PostDataMIME string
	HasPostData  bool
}

// Response is what an entry keeps of its response.
type Response struct {
	// Status is 0 when no response was received: Chromium records a request
	// it blocked or that failed that way, with Error set.
	Status      int
	StatusText  string
	Headers     []Header
	RedirectURL string
	// Error is Chromium's _error, e.g. "net::ERR_FAILED".
	Error string
	// ContentSize is content.size (-1 when unknown); HasText says
	// content.text was recorded, TextBytes how long it was as JSON.
	ContentSize int64
	HasText     bool
	TextBytes   int
}

// EntryError is an entry Read could not use.
type EntryError struct {
	Index int
	Err   string
}

// Get returns the value of the first header named name (ASCII
// case-insensitive) and whether there is one.
func Get(hs []Header, name string) (string, bool) {
	for _, h := range hs {
		if equalFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

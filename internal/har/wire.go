package har

import (
	"errors"
	"fmt"
)

// wireEntry is the JSON of one entry, as far as Read looks at it. Unknown
// fields are ignored; a field of the wrong JSON type makes the entry an
// EntryError.
type wireEntry struct {
	PageRef      string     `json:"pageref"`
	Started      string     `json:"startedDateTime"`
	ResourceType string     `json:"_resourceType"`
	Initiator    *Initiator `json:"_initiator"`
	FromCache    string     `json:"_fromCache"`
	Request      *struct {
		Method   string       `json:"method"`
		URL      string       `json:"url"`
		Headers  []Header     `json:"headers"`
		Cookies  []measured   `json:"cookies"`
		PostData *wirePayload `json:"postData"`
	} `json:"request"`
	Response *struct {
		Status      int      `json:"status"`
		StatusText  string   `json:"statusText"`
		Headers     []Header `json:"headers"`
		RedirectURL string   `json:"redirectURL"`
		Error       string   `json:"_error"`
		Content     *struct {
			Size *int64   `json:"size"`
			Text measured `json:"text"`
		} `json:"content"`
	} `json:"response"`
}

type wirePayload struct {
	MIMEType string   `json:"mimeType"`
	Text     measured `json:"text"`
}

// measured is a JSON value that is only measured, never copied: a body's
// text, a cookie.
type measured struct {
	set bool
	n   int
}

func (m *measured) UnmarshalJSON(b []byte) error {
	m.set = string(b) != "null"
	m.n = len(b)
	return nil
}

var (
	errNoRequest = errors.New(`no "request" object`)
	errNoMethod  = errors.New(`request has no "method"`)
	errNoURL     = errors.New(`request has no "url"`)
)

// entry checks w and converts it.
func (w *wireEntry) entry(i int, lim Limits) (Entry, error) {
	e := Entry{Index: i, PageRef: w.PageRef, Started: w.Started, ResourceType: w.ResourceType, FromCache: w.FromCache}
	if w.Initiator != nil {
		e.Initiator = *w.Initiator
	}
	if w.Request == nil {
		return e, errNoRequest
	}
	rq := w.Request
	if rq.Method == "" {
		return e, errNoMethod
	}
	if rq.URL == "" {
		return e, errNoURL
	}
	if err := checkHeaders("request", rq.Headers, lim.HeaderBytes); err != nil {
		return e, err
	}
	e.Request = Request{Method: rq.Method, URL: rq.URL, Headers: rq.Headers, Cookies: len(rq.Cookies)}
	if rq.PostData != nil {
		e.Request.HasPostData = true
		e.Request.PostDataMIME = rq.PostData.MIMEType
	}
	e.Response.ContentSize = -1
	if rs := w.Response; rs != nil {
		if err := checkHeaders("response", rs.Headers, lim.HeaderBytes); err != nil {
			return e, err
		}
		if rs.Status < 0 || rs.Status > 999 {
			return e, fmt.Errorf("response status %d is not an HTTP status", rs.Status)
		}
		e.Response.Status = rs.Status
		e.Response.StatusText = rs.StatusText
		e.Response.Headers = rs.Headers
		e.Response.RedirectURL = rs.RedirectURL
		e.Response.Error = rs.Error
		if c := rs.Content; c != nil {
			if c.Size != nil {
				e.Response.ContentSize = *c.Size
			}
			e.Response.HasText = c.Text.set
			e.Response.TextBytes = c.Text.n
		}
	}
	return e, nil
}

func checkHeaders(which string, hs []Header, max int) error {
	n := 0
	for _, h := range hs {
		if h.Name == "" {
			return fmt.Errorf("a %s header has no name", which)
		}
		n += len(h.Name) + len(h.Value)
		if n > max {
			return fmt.Errorf("the %s headers add up to more than %d bytes (the %q header is %d bytes)", which, max, truncate(h.Name, 64), len(h.Value))
		}
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

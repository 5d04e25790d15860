package fetch

// STUB FILE: the public contract of issue 5, for packages written in
// parallel (cmd/corscheck, spec_test). The owner replaces it with real code
// in files of one job each, keeping these names (adding is fine).

import (
	"context"
	"errors"
	"net/http"

	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/corsfetch/corsfetch/fetch/preflightcache"
)

type Mode uint8

const (
	ModeCORS Mode = iota
	ModeSameOrigin
	ModeNoCORS
	ModeNavigate
)

type Credentials uint8

const (
	CredentialsSameOrigin Credentials = iota
	CredentialsOmit
	CredentialsInclude
)

type Redirect uint8

const (
	RedirectFollow Redirect = iota
	RedirectError
	RedirectManual
)

type ReferrerPolicy string

type ResponseType uint8

const (
	ResponseBasic ResponseType = iota + 1
	ResponseCORS
	ResponseOpaque
	ResponseOpaqueRedirect
)

type Options struct {
	Origin           string
	Mode             Mode
	Credentials      Credentials
	Redirect         Redirect
	UseCORSPreflight bool
	Referrer         string
	ReferrerPolicy   ReferrerPolicy
}

type Transport struct {
	Base   http.RoundTripper
	Origin string
	Jar    http.CookieJar
	Cache  *preflightcache.Cache
	Policy cors.Policy
}

func (t *Transport) RoundTrip(*http.Request) (*http.Response, error) { panic("not implemented") }

func WithOptions(ctx context.Context, o Options) context.Context { panic("not implemented") }

func TypeOf(*http.Response) ResponseType { panic("not implemented") }

var ErrNetwork = errors.New("fetch: network error")

// ClientTrace hooks, httptrace style; any hook may be nil.
type ClientTrace struct {
	PreflightStart func(req *http.Request)
	PreflightDone  func(resp *http.Response, err error)
	CacheHit       func(url string)
	CacheMiss      func(url string)
	Redirect       func(from, to string, status int)
	Blocked        func(err error)
}

func WithClientTrace(ctx context.Context, t *ClientTrace) context.Context { panic("not implemented") }

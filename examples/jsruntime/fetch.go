package jsruntime

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/corsfetch/corsfetch/fetch"
	"github.com/corsfetch/corsfetch/fetch/cors"
	"github.com/dop251/goja"
)

//go:embed prelude.js
var prelude string

// Fetch configures the fetch() that Install defines.
type Fetch struct {
	// Transport makes the requests: it holds the page's Origin, its cookie
	// Jar, the preflight cache and the Policy. Leave its Referrer empty:
	// fetch() sets each request's referrer itself, and "" must mean none.
	Transport *fetch.Transport
	// PageURL is the page's URL: the base of relative inputs and the
	// referrer "about:client" stands for. "" means Transport.Origin + "/".
	PageURL string
	// Console receives what the browser's console prints for a failed
	// fetch (for a CORS block, Chromium's line), at level Error. nil
	// discards it.
	Console *slog.Logger
}

// Install defines fetch, Headers, Response, AbortController, AbortSignal,
// URLSearchParams and DOMException in l's runtime. Call it on the loop.
func Install(l *Loop, f *Fetch) error {
	if f == nil || f.Transport == nil {
		return errors.New("jsruntime: Install needs a Fetch with a Transport")
	}
	page := f.PageURL
	if page == "" {
		page = f.Transport.Origin + "/"
	}
	base, err := url.Parse(page)
	if err != nil || !base.IsAbs() {
		return errors.New("jsruntime: PageURL " + page + " is not an absolute URL")
	}
	vm := l.VM()
	fn, err := vm.RunScript("prelude.js", prelude)
	if err != nil {
		return err
	}
	call, ok := goja.AssertFunction(fn)
	if !ok {
		return errors.New("jsruntime: prelude.js is not a function")
	}
	native := vm.NewObject()
	native.Set("start", (&fetcher{f: f, l: l, vm: vm, base: base}).start)
	native.Set("utf8", utf8Decode)
	_, err = call(nil, vm.GlobalObject(), native)
	return err
}

type fetcher struct {
	f    *Fetch
	l    *Loop
	vm   *goja.Runtime
	base *url.URL
}

// start is native.start(request): it runs the request on a goroutine and
// returns {promise, abort(reason)}.
func (x *fetcher) start(call goja.FunctionCall) goja.Value {
	vm := x.vm
	r := call.Argument(0).ToObject(vm)
	promise, resolve, reject := vm.NewPromise()
	handle := vm.NewObject()
	handle.Set("promise", promise)

	req, opts, err := x.newRequest(r)
	if err != nil {
		reject(vm.NewTypeError("Failed to execute 'fetch' on 'Window': " + err.Error()))
		return handle
	}
	makeResponse, _ := goja.AssertFunction(r.Get("makeResponse"))
	ctx, cancel := context.WithCancel(x.l.Context())
	var abortReason goja.Value // read and written on the loop only
	handle.Set("abort", func(reason goja.Value) {
		if abortReason == nil {
			abortReason = reason
			cancel()
		}
	})
	req = req.WithContext(fetch.WithOptions(ctx, opts))
	x.l.Go(func() func() {
		resp, err := x.f.Transport.RoundTrip(req)
		return func() {
			switch {
			case abortReason != nil:
				if err == nil {
					resp.Body.Close()
				}
				reject(abortReason)
			case err != nil:
				cancel()
				reject(x.failure(err))
			default:
				v, err := makeResponse(nil, x.responseObject(resp, cancel, &abortReason))
				if err != nil {
					reject(err)
					return
				}
				resolve(v)
			}
		}
	})
	return handle
}

// cacheModes maps fetch()'s cache option to fetch.CacheMode.
var cacheModes = map[string]fetch.CacheMode{"default": fetch.CacheDefault, "no-store": fetch.CacheNoStore, "reload": fetch.CacheReload,
	"no-cache": fetch.CacheNoCache, "force-cache": fetch.CacheForceCache, "only-if-cached": fetch.CacheOnlyIfCached}

// newRequest turns the request object of prelude.js into an http.Request
// and its fetch.Options.
func (x *fetcher) newRequest(r *goja.Object) (*http.Request, fetch.Options, error) {
	var o fetch.Options
	str := func(name string) string { return r.Get(name).String() }
	u, err := x.base.Parse(str("url"))
	if err != nil {
		return nil, o, errors.New("Failed to parse URL from " + str("url"))
	}
	var body io.Reader
	switch b := r.Get("body").Export().(type) {
	case string:
		body = strings.NewReader(b)
	case goja.ArrayBuffer:
		body = bytes.NewReader(b.Bytes())
	}
	o = fetch.Options{
		Mode:           map[string]fetch.Mode{"cors": fetch.ModeCORS, "no-cors": fetch.ModeNoCORS, "same-origin": fetch.ModeSameOrigin}[str("mode")],
		Credentials:    map[string]fetch.Credentials{"same-origin": fetch.CredentialsSameOrigin, "omit": fetch.CredentialsOmit, "include": fetch.CredentialsInclude}[str("credentials")],
		Redirect:       map[string]fetch.Redirect{"follow": fetch.RedirectFollow, "error": fetch.RedirectError, "manual": fetch.RedirectManual}[str("redirect")],
		Cache:          cacheModes[str("cache")],
		ReferrerPolicy: fetch.ReferrerPolicy(str("referrerPolicy")),
		BodyType:       str("bodyType"),
	}
	// The Request constructor's referrer step.
	// See https://fetch.spec.whatwg.org/#dom-request.
	switch ref := str("referrer"); ref {
	case "":
	case "about:client":
		o.Referrer = x.base.String()
	default:
		ru, err := x.base.Parse(ref)
		if err != nil {
			return nil, o, errors.New("Referrer '" + ref + "' is not a valid URL.")
		}
		if cors.OriginFromURL(ru) != cors.OriginFromURL(x.base) {
			ru = x.base
		}
		o.Referrer = ru.String()
	}
	req, err := http.NewRequest(str("method"), u.String(), body)
	if err != nil {
		return nil, o, err
	}
	for _, p := range r.Get("headers").Export().([]any) {
		pair := p.([]any)
		req.Header.Add(pair[0].(string), pair[1].(string))
	}
	return req, o, nil
}

// failure logs err as the console would and returns the TypeError that
// fetch() rejects with.
func (x *fetcher) failure(err error) goja.Value {
	var re *fetch.RequestError
	if errors.As(err, &re) {
		// The Request constructor throws; the console prints nothing more.
		return x.vm.NewTypeError("Failed to execute 'fetch' on 'Window': " + re.Error())
	}
	if x.f.Console != nil {
		var ce *cors.Error
		if errors.As(err, &ce) {
			x.f.Console.Error(ce.ConsoleMessage())
		} else {
			x.f.Console.Error(err.Error())
		}
	}
	return x.vm.NewTypeError("Failed to fetch")
}

// responseObject is the record prelude.js's Response wraps: the filtered
// response's fields and read(), which reads the body once.
func (x *fetcher) responseObject(resp *http.Response, cancel context.CancelFunc, abortReason *goja.Value) *goja.Object {
	vm := x.vm
	unregister := x.l.onClose(func() { resp.Body.Close() })
	o := vm.NewObject()
	o.Set("type", fetch.TypeOf(resp).String())
	o.Set("url", fetch.URLOf(resp))
	o.Set("redirected", fetch.Redirected(resp))
	o.Set("status", resp.StatusCode)
	if _, text, ok := strings.Cut(resp.Status, " "); ok {
		o.Set("statusText", text)
	} else {
		o.Set("statusText", "")
	}
	names := make([]string, 0, len(resp.Header))
	for k := range resp.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	var pairs [][2]string
	for _, k := range names {
		for _, v := range resp.Header[k] {
			pairs = append(pairs, [2]string{strings.ToLower(k), v})
		}
	}
	hv := make([]any, len(pairs))
	for i, p := range pairs {
		hv[i] = vm.NewArray(p[0], p[1])
	}
	o.Set("headers", vm.NewArray(hv...))
	o.Set("read", func(goja.FunctionCall) goja.Value {
		p, resolve, reject := vm.NewPromise()
		x.l.Go(func() func() {
			b, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			unregister()
			cancel()
			return func() {
				switch {
				case *abortReason != nil:
					// Aborting errors the body's stream, whatever was
					// already buffered. See https://fetch.spec.whatwg.org/#abort-fetch.
					reject(*abortReason)
				case err != nil:
					reject(vm.NewTypeError("Failed to fetch: " + err.Error()))
				default:
					resolve(vm.NewArrayBuffer(b))
				}
			}
		})
		return vm.ToValue(p)
	})
	return o
}

// utf8Decode is UTF-8 decode: a leading BOM is dropped and each invalid
// byte becomes U+FFFD. See https://encoding.spec.whatwg.org/#utf-8-decode.
func utf8Decode(b goja.ArrayBuffer) string {
	s := strings.TrimPrefix(string(b.Bytes()), "\uFEFF")
	if utf8.ValidString(s) {
		return s
	}
	var sb strings.Builder
	for _, r := range s {
		sb.WriteRune(r)
	}
	return sb.String()
}

// Package jsruntime gives a goja JavaScript runtime a browser-exact
// fetch(), built only on corsfetch's public API: the file a runtime author
// copies.
//
// The work is split as in a browser. prelude.js is the WebIDL and Request
// constructor layer: Headers, AbortController, AbortSignal,
// URLSearchParams, DOMException and Response, argument conversion, enum
// checks, the GET/HEAD body check and body extraction (a string is
// text/plain;charset=UTF-8, a URLSearchParams
// application/x-www-form-urlencoded;charset=UTF-8, an ArrayBuffer or
// typed array has no type). fetch.go turns the call into an http.Request
// with fetch.Options (mode, credentials, redirect, referrer, referrer
// policy, and BodyType, the extracted type) and sends it through a
// fetch.Transport, which runs the header guard, the CORS protocol,
// redirects and response filtering; the Response then reads what the
// Transport returned (fetch.TypeOf, fetch.URLOf, fetch.Redirected, the
// filtered headers).
//
// goja is single-threaded, so requests and body reads run on goroutines
// and settle their promises on a Loop. An abort signal cancels the
// request's context; the promise rejects with the signal's reason. A
// network error rejects with TypeError("Failed to fetch"), as Chromium's
// does, and the console line (Chromium's, for a CORS block) goes to
// Fetch.Console.
//
// Not covered: Request objects as input, Blob, FormData and stream
// bodies, keepalive, priority and integrity.
package jsruntime

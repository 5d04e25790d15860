// Package examples shows, in tests and Examples, how a server author tests
// CORS middleware the way a browser would: the handler is served in-process
// by corstest, a fetch.Transport plays a page at some origin, and each
// request gets the browser's verdict, with the *cors.Error and the console
// line a browser would print when it is blocked.
//
// The middleware under test here is github.com/rs/cors, a test-only
// dependency of this nested module, so the library's own go.mod stays small.
// The patterns apply to any http.Handler:
//
//   - rscors_example_test.go: Examples of typical rs/cors configurations,
//     allowed and blocked, with what rs/cors does that a reader may not
//     expect (it answers a rejected preflight with no CORS header at all, so
//     a browser reports a missing Access-Control-Allow-Origin rather than
//     the header or method it did not allow).
//   - rscors_test.go: a table of rs/cors options × browser requests and the
//     verdict, reason and preflight count a browser gives for each.
//   - integration_test.go: the test a server author copies into their own
//     repository, one row per question "may this page do that?".
//   - readme_test.go: the README's library example, run as written.
//
// Run them with `go test -race ./...` in this directory.
package examples

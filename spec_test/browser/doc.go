// Package browser holds the differential test of corsfetch against a real
// headless Chromium, and the side-by-side benchmarks.
//
// Every scenario runs twice against the same local servers on 127.0.0.1 (a
// page origin and two API origins): once as a fetch() call in a Chromium tab
// driven over the DevTools protocol, once through a fresh fetch.Transport.
// The servers record what reached them; the test compares that record, the
// outcome, the response type and status, the headers the page could read,
// the block reason (Chromium's Network.loadingFailed corsErrorStatus against
// cors.Error.Reason) and the console line, field by field. Known Chromium
// deviations from the Fetch Standard are listed with their reasons in
// allowlist_test.go; any other difference fails the test.
//
// This is a separate module so that chromedp stays out of the library's
// go.mod. Run it with:
//
//	cd spec_test/browser && go test -count=1 ./...
//
// With no Chromium installed the suite fails, unless the caller opts out by
// name with CORSFETCH_SKIP_ENGINES=chromium (it then skips, loudly); with
// CI=true it fails regardless.
package browser

// Package browser holds the differential tests of corsfetch against real
// headless browsers, and the side-by-side benchmarks.
//
// Every scenario runs against the same local servers on 127.0.0.1 (a page
// origin and two API origins): as a fetch() call in a real browser tab, and
// through a fresh fetch.Transport. The servers record what reached them; the
// tests compare that record, the outcome, the response type and status, the
// headers the page could read and, where the engine reports them (Chromium's
// DevTools corsErrorStatus and console line), the block reason and the
// console text, field by field.
//
//   - TestChromiumDifferential compares Chromium with the zero cors.Policy,
//     the standard. Chromium's deviations from the Fetch Standard are listed
//     with their reasons in allowlist_test.go; any other difference fails.
//   - TestChromiumPreset, TestFirefoxPreset and TestWebKitPreset compare each
//     engine with its preset (cors.ChromiumPolicy, FirefoxPolicy,
//     WebKitPolicy) and have no allow-list: every difference fails, except
//     the scenarios an engine's beforeFetch lists (what its JavaScript does
//     before fetch() reaches the network, which a Go caller cannot express).
//     Each then turns the preset's knobs off one at a time and fails if no
//     scenario differs from the engine (knobs_observed_test.go): a knob
//     the engine does not show is not in its preset.
//   - TestMaxAgeCaps waits out the Access-Control-Max-Age cap of each
//     preset short enough to wait for (WebKit's 600 s) in the engine and
//     the Transport; it runs only under CI=true or CORSFETCH_SLOW=1.
//
// This is a separate module so that chromedp stays out of the library's
// go.mod. Run it with:
//
//	cd spec_test/browser && go test -count=1 -timeout 30m ./...
//
// (-timeout: under CI=true TestMaxAgeCaps alone waits out 600 s.)
//
// The scenarios are hand-written (scenarios_*_test.go; scenarios_found_test.go
// holds what the random explorer found, reduced), 300 random single
// requests (random_test.go) and 150 random multi-call sequences over the
// preflight cache, cache modes and redirects (random_seq_test.go).
// CORSFETCH_RANDOM_SEQ=count,seed runs another count or seed of sequences,
// to look for differences no scenario shows yet.
//
// A missing engine fails its tests, unless the caller opts out by name, for
// example CORSFETCH_SKIP_ENGINES=firefox,webkit (they then skip, loudly);
// with CI=true it fails regardless.
package browser

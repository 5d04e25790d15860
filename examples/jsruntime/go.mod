module github.com/corsfetch/corsfetch/examples/jsruntime

go 1.26.0

replace github.com/corsfetch/corsfetch => ../..

require (
	github.com/chromedp/cdproto v0.159.0
	github.com/chromedp/chromedp v0.23.0
	github.com/corsfetch/corsfetch v0.0.0-00010101000000-000000000000
	github.com/dop251/goja v0.0.0-20260311135729-065cd970411c
)

require (
	github.com/dlclark/regexp2 v1.11.4 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/go-sourcemap/sourcemap v2.1.3+incompatible // indirect
	github.com/google/pprof v0.0.0-20230207041349-798e818bf904 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)

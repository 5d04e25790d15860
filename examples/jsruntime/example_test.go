package jsruntime_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/examples/jsruntime"
)

// A page at https://app.example runs fetch() against a server that does
// not allow it: the script sees a TypeError, and the console gets
// Chromium's line.
func ExampleInstall() {
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/open" {
			w.Header().Set("Access-Control-Allow-Origin", "*")
		}
		w.Header().Set("X-Internal", "1")
		fmt.Fprint(w, `{"hello": "world"}`)
	})

	loop := jsruntime.NewLoop()
	defer loop.Close()
	console := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == slog.LevelKey {
				return slog.Attr{} // keep the example's output stable
			}
			return a
		},
	}))
	err := jsruntime.Install(loop, &jsruntime.Fetch{
		// corstest serves the handler in-process; a real runtime leaves
		// Base nil (http.DefaultTransport).
		Transport: corstest.NewTransport(api, "https://app.example"),
		Console:   console,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	loop.VM().Set("API", "https://api.example")
	loop.VM().Set("print", fmt.Println)
	_, err = loop.Run(context.Background(), `
		fetch(API + "/open")
			.then(async (r) => print(r.type, r.status, r.headers.has("x-internal"), (await r.json()).hello))
			.then(() => fetch(API + "/closed"))
			.catch((e) => print(e.name, e.message));
	`)
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// cors 200 false world
	// msg="Access to fetch at 'https://api.example/closed' from origin 'https://app.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource."
	// TypeError Failed to fetch
}

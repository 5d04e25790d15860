// Command corscheck answers "would a browser allow this request?" for one
// live URL, the way fetch() in a page at -origin would, and explains why.
//
//	corscheck -origin https://app.example [-X PUT] [-H 'Authorization: Bearer x']...
//	          [-d body|@file] [-b cookies|file] [-credentials omit|same-origin|include]
//	          [-mode cors|no-cors|same-origin] [-redirect follow|error|manual]
//	          [-policy spec|chromium|firefox|webkit] [-k] [-cacert file]
//	          [-json] [-v] [-timeout 10s|10] URL
//	corscheck matrix URL -origins O1,O2 [-methods M1,M2] [-headers H]... [-credentials omit,include] [-json|-markdown]
//	corscheck demo [-v]
//	corscheck har [-policy spec|chromium|firefox|webkit] [-json] FILE.har
//
// It prints whether a CORS preflight is needed and why, the preflight and
// the response headers that matter, the verdict, and for a blocked request
// the reason, the failing value, the line Chromium's console would print and
// the server change that fixes it; for an allowed one, the headers the page
// can read. Each step is printed as it happens, with every control byte the
// server sent escaped. -json prints the same as one JSON object. The verdict
// is the Fetch Standard's, followed by Chromium's, Firefox's and WebKit's
// where they differ, unless -policy names the one policy to judge by.
//
// `corscheck demo` starts a server on 127.0.0.1 with typical right and wrong
// CORS configurations and runs a browser's requests against each.
//
// Exit status: 0 allowed, 1 blocked, 2 usage error (or a request fetch()
// rejects before sending), 3 network failure.
package main

import "os"

func main() {
	if len(os.Args) > 1 && os.Args[1] == "matrix" {
		os.Exit(runMatrix(os.Args[2:], os.Stdout, os.Stderr))
	}
	if len(os.Args) > 1 && os.Args[1] == "har" {
		os.Exit(runHAR(os.Args[2:], os.Stdout, os.Stderr))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

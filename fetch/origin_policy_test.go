package fetch

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// Under cors.ChromiumPolicy() a no-cors request's Origin ignores the
// referrer policy, as examples/jsruntime's TestFetchJSInChromium observes;
// the standard's "null" rows are in TestOriginHeader.
// See https://fetch.spec.whatwg.org/#append-a-request-origin-header.
func TestOriginHeaderChromium(t *testing.T) {
	a, b := newSite(t), newSite(t)
	for _, p := range []ReferrerPolicy{ReferrerPolicyNoReferrer, ReferrerPolicySameOrigin} {
		for _, chromium := range []bool{false, true} {
			tr := &Transport{Origin: a.origin()}
			want := []string{"null"}
			if chromium {
				tr.Policy = cors.ChromiumPolicy()
				want = []string{a.origin()}
			}
			before := len(b.requests())
			if _, _, err := do(t, tr, "POST", b.URL+"/", Options{Mode: ModeNoCORS, ReferrerPolicy: p}, http.Header{}, "x"); err != nil {
				t.Fatal(err)
			}
			if got := b.requests()[before].Header["Origin"]; !reflect.DeepEqual(got, want) {
				t.Errorf("%s, chromium %v: Origin %q, want %q", p, chromium, got, want)
			}
		}
	}
}

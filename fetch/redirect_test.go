package fetch

import (
	"bytes"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// redirectTo returns a query that makes a site redirect to target with status.
func redirectTo(target string, status int, extra string) string {
	q := "status=" + strconv.Itoa(status) + "&location=" + url.QueryEscape(target)
	if extra != "" {
		q += "&" + extra
	}
	return q
}

// HTTP-redirect fetch. WPT fetch/api/redirect/redirect-method.any.js,
// redirect-count.any.js, redirect-mode.any.js, redirect-location.any.js,
// fetch/api/cors/cors-redirect.any.js, cors-redirect-credentials.any.js,
// cors/redirect-origin.htm. See https://fetch.spec.whatwg.org/#http-redirect-fetch.
func TestRedirects(t *testing.T) {
	a, b, c := newSite(t), newSite(t), newSite(t)
	final := func(s *site) seen { r := s.requests(); return r[len(r)-1] }

	t.Run("301/302 POST becomes GET without body headers; 307/308 keep it", func(t *testing.T) {
		for _, tc := range []struct {
			status     int
			method     string
			wantMethod string
			wantBody   string
		}{
			{301, "POST", "GET", ""},
			{302, "POST", "GET", ""},
			{303, "POST", "GET", ""},
			{303, "PUT", "GET", ""},
			{301, "PUT", "PUT", "data"},
			{307, "POST", "POST", "data"},
			{308, "PUT", "PUT", "data"},
			{303, "HEAD", "HEAD", ""},
		} {
			tr := &Transport{Origin: a.origin()}
			body := "data"
			if tc.method == "HEAD" {
				body = ""
			}
			hdr := http.Header{"Content-Type": {"text/plain"}, "Content-Language": {"en"}}
			_, _, err := do(t, tr, tc.method, a.URL+"/r?"+redirectTo(a.URL+"/final", tc.status, ""), Options{}, hdr, body)
			if err != nil {
				t.Fatalf("%d %s: %v", tc.status, tc.method, err)
			}
			got := final(a)
			if got.Path != "/final" || got.Method != tc.wantMethod || got.Body != tc.wantBody {
				t.Errorf("%d %s: followed with %s %s body %q", tc.status, tc.method, got.Method, got.Path, got.Body)
			}
			if rewritten := tc.wantMethod == "GET" && tc.method != "GET"; rewritten == (got.Header.Get("Content-Type") != "") {
				t.Errorf("%d %s: Content-Type %q after the rewrite", tc.status, tc.method, got.Header.Get("Content-Type"))
			}
		}
	})

	t.Run("307 without GetBody fails", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		req, _ := http.NewRequest("POST", a.URL+"/r?"+redirectTo(a.URL+"/final", 307, ""), io.MultiReader(strings.NewReader("x")))
		_, err := tr.RoundTrip(req)
		if networkKind(err) != KindBodyNotReplayable {
			t.Fatalf("err = %v, want KindBodyNotReplayable", err)
		}
		// 303 drops the body: fine.
		req, _ = http.NewRequest("POST", a.URL+"/r?"+redirectTo(a.URL+"/final", 303, ""), io.MultiReader(strings.NewReader("x")))
		if resp, err := tr.RoundTrip(req); err != nil {
			t.Fatal(err)
		} else {
			resp.Body.Close()
		}
	})

	t.Run("20 redirects followed, the 21st fails", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		if _, _, err := do(t, tr, "GET", a.URL+"/hops?hops=20", Options{}, nil, ""); err != nil {
			t.Fatal(err)
		}
		_, _, err := do(t, tr, "GET", a.URL+"/hops?hops=21", Options{}, nil, "")
		if networkKind(err) != KindTooManyRedirects {
			t.Fatalf("err = %v, want KindTooManyRedirects", err)
		}
		tr.MaxRedirects = 2
		if _, _, err := do(t, tr, "GET", a.URL+"/hops?hops=3", Options{}, nil, ""); networkKind(err) != KindTooManyRedirects {
			t.Fatalf("MaxRedirects 2: err = %v", err)
		}
	})

	t.Run("CORS check on every hop", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		// b redirects to c without ACAO on the redirect: blocked.
		_, _, err := do(t, tr, "GET", b.URL+"/r?"+redirectTo(c.URL+"/?acao=*", 302, ""), Options{}, nil, "")
		if corsReason(err) != cors.MissingAllowOriginHeader {
			t.Fatalf("err = %v", err)
		}
		if len(c.requests()) != 0 {
			t.Error("followed a blocked redirect")
		}
	})

	t.Run("taint: Origin null after a cross-origin hop from another origin", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		// a -> b (same as request origin? no: from a's page to b) -> c.
		// Hop b -> c: c differs from b and the page (a) differs from b: tainted.
		resp, _, err := do(t, tr, "GET", b.URL+"/r?"+redirectTo(c.URL+"/?acao=null", 302, "acao=*"), Options{}, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := final(c).Header.Get("Origin"); got != "null" {
			t.Errorf("Origin on the tainted hop %q, want null", got)
		}
		if TypeOf(resp) != ResponseCORS {
			t.Errorf("type %v", TypeOf(resp))
		}
		// ACAO naming the page no longer matches.
		_, _, err = do(t, tr, "GET", b.URL+"/r?"+redirectTo(c.URL+"/?acao="+url.QueryEscape(a.origin()), 302, "acao=*"), Options{}, nil, "")
		if corsReason(err) != cors.AllowOriginMismatch {
			t.Errorf("err = %v, want AllowOriginMismatch", err)
		}
	})

	t.Run("no taint: page -> other origin -> same other origin", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		_, _, err := do(t, tr, "GET", a.URL+"/r?"+redirectTo(b.URL+"/r2?"+redirectTo(b.URL+"/?acao=echo", 302, "acao=echo"), 302, ""), Options{}, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := final(b).Header.Get("Origin"); got != a.origin() {
			t.Errorf("Origin %q, want %q", got, a.origin())
		}
	})

	t.Run("same-origin redirected back to same-origin stays cors", func(t *testing.T) {
		// cors/redirect-origin.htm: a -> b -> a; the last hop is tainted.
		tr := &Transport{Origin: a.origin()}
		resp, _, err := do(t, tr, "GET", b.URL+"/r?"+redirectTo(a.URL+"/?acao=null", 302, "acao=*"), Options{}, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		if TypeOf(resp) != ResponseCORS || final(a).Header.Get("Origin") != "null" {
			t.Errorf("type %v Origin %q", TypeOf(resp), final(a).Header.Get("Origin"))
		}
	})

	t.Run("Authorization removed on a cross-origin hop", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		hdr := http.Header{"Authorization": {"Bearer x"}}
		_, _, err := do(t, tr, "GET", a.URL+"/r?"+redirectTo(a.URL+"/same", 302, ""), Options{}, hdr, "")
		if err != nil || final(a).Header.Get("Authorization") != "Bearer x" {
			t.Fatalf("same-origin hop: err %v, Authorization %q", err, final(a).Header.Get("Authorization"))
		}
		n := len(b.requests())
		_, _, err = do(t, tr, "GET", a.URL+"/r?"+redirectTo(b.URL+"/?acao=*", 302, ""), Options{}, hdr, "")
		if err != nil {
			t.Fatal(err)
		}
		if reqs := b.requests()[n:]; len(reqs) != 1 || reqs[0].Header.Get("Authorization") != "" {
			t.Errorf("cross-origin hop: %v", reqs)
		}
	})

	t.Run("userinfo in the Location", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		withCreds := strings.Replace(b.URL, "http://", "http://u:p@", 1) + "/?acao=*"
		_, _, err := do(t, tr, "GET", a.URL+"/r?"+redirectTo(withCreds, 302, ""), Options{}, nil, "")
		if corsReason(err) != cors.RedirectContainsCredentials {
			t.Fatalf("cors mode, cross-origin: err = %v", err)
		}
		sameCreds := strings.Replace(a.URL, "http://", "http://u:p@", 1) + "/final"
		if _, _, err := do(t, tr, "GET", a.URL+"/r?"+redirectTo(sameCreds, 302, ""), Options{}, nil, ""); err != nil {
			t.Errorf("cors mode, same-origin, basic tainting: %v", err)
		}
		if _, _, err := do(t, tr, "GET", b.URL+"/r?"+redirectTo(sameCreds, 302, "acao=*"), Options{}, nil, ""); corsReason(err) != cors.RedirectContainsCredentials {
			t.Errorf("cors tainting back to same-origin: err = %v", err)
		}
		if _, _, err := do(t, tr, "GET", b.URL+"/r?"+redirectTo(withCreds, 302, ""), Options{Mode: ModeNoCORS}, nil, ""); err != nil {
			t.Errorf("no-cors: %v", err)
		}
	})

	t.Run("bad Location", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		for _, tc := range []struct {
			loc  string
			want NetworkKind
		}{
			{"ftp://127.0.0.1/x", KindRedirectScheme},
			{"data:,x", KindRedirectScheme},
			{"http://[::1", KindBadLocation},
		} {
			_, _, err := do(t, tr, "GET", a.URL+"/r?"+redirectTo(tc.loc, 302, ""), Options{}, nil, "")
			if networkKind(err) != tc.want {
				t.Errorf("Location %q: err = %v, want %v", tc.loc, err, tc.want)
			}
		}
	})

	t.Run("no Location: the 3xx is the response", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		resp, _, err := do(t, tr, "GET", a.URL+"/?status=302", Options{}, nil, "")
		if err != nil || resp.StatusCode != 302 {
			t.Fatalf("err %v", err)
		}
	})

	t.Run("redirect modes", func(t *testing.T) {
		tr := &Transport{Origin: a.origin()}
		nc := len(c.requests())
		target := b.URL + "/r?" + redirectTo(c.URL+"/?acao=*", 301, "acao=*")
		_, _, err := do(t, tr, "GET", target, Options{Redirect: RedirectError}, nil, "")
		if networkKind(err) != KindRedirectMode {
			t.Fatalf("error mode: %v", err)
		}
		resp, body, err := do(t, tr, "GET", target, Options{Redirect: RedirectManual}, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		if TypeOf(resp) != ResponseOpaqueRedirect || resp.StatusCode != 0 || len(resp.Header) != 0 || body != "" {
			t.Errorf("manual: type %v status %d headers %v body %q", TypeOf(resp), resp.StatusCode, resp.Header, body)
		}
		// Manual mode still CORS-checks the redirect.
		if _, _, err := do(t, tr, "GET", b.URL+"/r?"+redirectTo(c.URL, 301, ""), Options{Redirect: RedirectManual}, nil, ""); corsReason(err) != cors.MissingAllowOriginHeader {
			t.Errorf("manual without ACAO: %v", err)
		}
		if len(c.requests()) != nc {
			t.Error("a redirect was followed")
		}
	})

	t.Run("http.Client never sees a 3xx", func(t *testing.T) {
		client := &http.Client{Transport: &Transport{Origin: a.origin()}}
		resp, err := client.Get(a.URL + "/r?" + redirectTo(b.URL+"/?acao=*", 302, ""))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || TypeOf(resp) != ResponseCORS || resp.Request.URL.Host != strings.TrimPrefix(b.URL, "http://") {
			t.Errorf("status %d type %v last URL %v", resp.StatusCode, TypeOf(resp), resp.Request.URL)
		}
	})

	t.Run("a fresh preflight per hop", func(t *testing.T) {
		// fetch/api/cors/cors-preflight-redirect.any.js, redirect-preflight.
		tr := &Transport{Origin: a.origin()}
		nb, nc := b.count("OPTIONS"), c.count("OPTIONS")
		target := b.URL + "/r?" + redirectTo(c.URL+"/?acao=*&acam=PUT", 307, "acao=*&acam=PUT")
		if _, _, err := do(t, tr, "PUT", target, Options{}, nil, "x"); err != nil {
			t.Fatal(err)
		}
		if b.count("OPTIONS")-nb != 1 || c.count("OPTIONS")-nc != 1 {
			t.Errorf("preflights: b %d, c %d; want 1 each", b.count("OPTIONS")-nb, c.count("OPTIONS")-nc)
		}
		for _, r := range c.requests() {
			if r.Method == "OPTIONS" && r.Header.Get("Origin") != "null" {
				t.Errorf("preflight after a tainting hop has Origin %q, want null", r.Header.Get("Origin"))
			}
		}
		if got := final(c); got.Method != "PUT" || got.Body != "x" {
			t.Errorf("actual request %s %q", got.Method, got.Body)
		}
	})

	t.Run("Referrer-Policy on a redirect applies to the next hop", func(t *testing.T) {
		tr := &Transport{Origin: a.origin(), Referrer: a.URL + "/page?secret"}
		_, _, err := do(t, tr, "GET", a.URL+"/r?"+redirectTo(a.URL+"/final", 302, "rp=no-referrer"), Options{}, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		reqs := a.requests()
		if reqs[len(reqs)-2].Header.Get("Referer") != a.URL+"/page?secret" || final(a).Header.Get("Referer") != "" {
			t.Errorf("Referer before %q after %q", reqs[len(reqs)-2].Header.Get("Referer"), final(a).Header.Get("Referer"))
		}
	})
}

// Cookies come from Transport.Jar per credentials mode, never on a
// preflight. WPT fetch/api/cors/cors-cookies.any.js, cors/credentials-flag.htm,
// fetch/api/credentials/cookies.any.js. See https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch.
func TestCredentialsAndCookies(t *testing.T) {
	a, b := newSite(t), newSite(t)
	tests := []struct {
		name      string
		target    *site
		query     string
		method    string
		cred      Credentials
		sent      bool // the jar's cookie is sent
		stored    bool // the response's Set-Cookie is stored
		preflight bool
	}{
		{"same-origin, same-origin mode", a, "", "GET", CredentialsSameOrigin, true, true, false},
		{"same-origin, omit", a, "", "GET", CredentialsOmit, false, false, false},
		{"cross-origin, same-origin mode", b, "acao=*", "GET", CredentialsSameOrigin, false, false, false},
		{"cross-origin, include", b, "acao=echo&acac=1", "GET", CredentialsInclude, true, true, false},
		{"cross-origin, include, preflighted", b, "acao=echo&acac=1&acam=PUT", "PUT", CredentialsInclude, true, true, true},
		{"cross-origin, omit", b, "acao=*", "GET", CredentialsOmit, false, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			jar, _ := cookiejar.New(nil)
			u, _ := url.Parse(tc.target.URL)
			jar.SetCookies(u, []*http.Cookie{{Name: "old", Value: "1"}})
			tr := &Transport{Origin: a.origin(), Jar: jar}
			n := len(tc.target.requests())
			_, _, err := do(t, tr, tc.method, tc.target.URL+"/?setcookie=new%3D2&"+tc.query, Options{Credentials: tc.cred}, nil, "")
			if err != nil {
				t.Fatal(err)
			}
			reqs := tc.target.requests()[n:]
			if tc.preflight {
				if len(reqs) != 2 || reqs[0].Header.Get("Cookie") != "" {
					t.Fatalf("preflight %v", reqs)
				}
			}
			got := reqs[len(reqs)-1].Header.Get("Cookie")
			if (got == "old=1") != tc.sent || (got != "" && got != "old=1") {
				t.Errorf("Cookie %q, want sent %v", got, tc.sent)
			}
			stored := false
			for _, c := range jar.Cookies(u) {
				stored = stored || c.Name == "new"
			}
			if stored != tc.stored {
				t.Errorf("Set-Cookie stored = %v, want %v", stored, tc.stored)
			}
		})
	}
}

// A no-cors response's body is replaced by an empty one and the real body
// drained; big bodies are not read past the bound.
func TestOpaqueBodyDiscarded(t *testing.T) {
	a := newSite(t)
	big := bytes.Repeat([]byte("x"), 1<<20)
	srv := newSite(t)
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(big) })
	tr := &Transport{Origin: a.origin()}
	resp, body, err := do(t, tr, "GET", srv.URL+"/", Options{Mode: ModeNoCORS}, nil, "")
	if err != nil || body != "" || resp.Body != http.NoBody {
		t.Fatalf("err %v body %d bytes", err, len(body))
	}
}

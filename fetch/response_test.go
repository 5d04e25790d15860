package fetch

import (
	"context"
	"net/http"
	"testing"
)

// TypeOf reads the type from resp.Request and is 0 for anything else.
func TestTypeOf(t *testing.T) {
	if TypeOf(nil) != 0 || TypeOf(&http.Response{}) != 0 {
		t.Error("TypeOf of a foreign response is not 0")
	}
	a := newSite(t)
	resp, err := http.Get(a.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if TypeOf(resp) != 0 {
		t.Errorf("plain http.Transport response has type %v", TypeOf(resp))
	}
	for rt, want := range map[ResponseType]string{ResponseBasic: "basic", ResponseCORS: "cors", ResponseOpaque: "opaque", ResponseOpaqueRedirect: "opaqueredirect", 0: ""} {
		if rt.String() != want {
			t.Errorf("%d.String() = %q, want %q", rt, rt.String(), want)
		}
	}
}

// Trace hooks fire in order and compose with hooks already in the context.
func TestClientTrace(t *testing.T) {
	a, b := newSite(t), newSite(t)
	var events []string
	inner := &ClientTrace{
		PreflightStart: func(r *http.Request) { events = append(events, "start "+r.Method) },
		PreflightDone: func(r *http.Response, err error) {
			if err == nil && r != nil {
				events = append(events, "done ok")
			} else {
				events = append(events, "done err")
			}
		},
		CacheHit:  func(string) { events = append(events, "hit") },
		CacheMiss: func(string) { events = append(events, "miss") },
		Redirect:  func(from, to string, status int) { events = append(events, "redirect") },
		Blocked:   func(error) { events = append(events, "blocked") },
	}
	outerCalls := 0
	ctx := WithClientTrace(context.Background(), inner)
	ctx = WithClientTrace(ctx, &ClientTrace{CacheMiss: func(string) { outerCalls++ }})
	tr := &Transport{Origin: a.origin()}
	send := func(url string) {
		req, _ := http.NewRequestWithContext(ctx, "PUT", url, nil)
		if resp, err := tr.RoundTrip(req); err == nil {
			resp.Body.Close()
		}
	}
	send(b.URL + "/?acao=*&acam=PUT&maxage=60&status=307&location=" + "%2Fx%3Facao%3D*%26acam%3DPUT%26maxage%3D60")
	send(b.URL + "/?acao=*&acam=PUT&maxage=60&status=307&location=" + "%2Fx%3Facao%3D*%26acam%3DPUT%26maxage%3D60")
	send(b.URL + "/?acao=*")
	want := []string{
		"miss", "start OPTIONS", "done ok", "redirect", "miss", "start OPTIONS", "done ok",
		"hit", "redirect", "hit",
		"miss", "start OPTIONS", "done err", "blocked",
	}
	if len(events) != len(want) {
		t.Fatalf("events %q\nwant   %q", events, want)
	}
	for i := range want {
		if events[i] != want[i] {
			t.Fatalf("events %q\nwant   %q", events, want)
		}
	}
	if outerCalls != 3 {
		t.Errorf("outer CacheMiss called %d times, want 3", outerCalls)
	}
	if WithClientTrace(ctx, nil) != ctx || ContextClientTrace(context.Background()) != nil {
		t.Error("nil trace handling")
	}
}

// ContextOptions returns what WithOptions stored.
func TestContextOptions(t *testing.T) {
	if _, ok := ContextOptions(context.Background()); ok {
		t.Error("options in an empty context")
	}
	o := Options{Mode: ModeNoCORS, Referrer: "https://a.example/"}
	got, ok := ContextOptions(WithOptions(context.Background(), o))
	if !ok || got != o {
		t.Errorf("got %+v", got)
	}
	for _, s := range []interface{ String() string }{ModeNavigate, CredentialsInclude, RedirectManual, Mode(9), KindCORS, ForbiddenMethod} {
		if s.String() == "" {
			t.Errorf("%T has no name", s)
		}
	}
}

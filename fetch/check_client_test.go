package fetch

import (
	"errors"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"sync"
	"testing"
)

// A Client.Jar's cookies reach the Transport as a Cookie header, which the
// header guard drops (https://fetch.spec.whatwg.org/#forbidden-request-header):
// CheckClient says so up front and ClientTrace.DroppedHeader when it happens.
func TestClientJarIsVisible(t *testing.T) {
	s := newSite(t)
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(s.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: "session", Value: "1"}})
	tr := &Transport{Origin: s.origin()}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Jar: jar}

	if err := CheckClient(client); !errors.Is(err, ErrClientJar) {
		t.Errorf("CheckClient = %v, want ErrClientJar", err)
	}
	for _, ok := range []*http.Client{nil, {Transport: tr}, {Jar: jar}, {Transport: http.DefaultTransport, Jar: jar}} {
		if err := CheckClient(ok); err != nil {
			t.Errorf("CheckClient(%+v) = %v", ok, err)
		}
	}

	var mu sync.Mutex
	var dropped []string
	ctx := WithClientTrace(t.Context(), &ClientTrace{DroppedHeader: func(name string) {
		mu.Lock()
		dropped = append(dropped, name)
		mu.Unlock()
	}})
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL+"/a", nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	log := s.requests()
	if c := log[len(log)-1].Header.Get("Cookie"); c != "" {
		t.Errorf("Cookie %q reached the server", c)
	}
	if !slices.Equal(dropped, []string{"Cookie"}) {
		t.Errorf("DroppedHeader calls %q, want [Cookie]", dropped)
	}
}

// DroppedHeader sees the no-cors guard too, and not what is kept.
func TestDroppedHeaderTrace(t *testing.T) {
	s := newSite(t)
	tests := []struct {
		name string
		o    Options
		keep bool
		hdr  http.Header
		want []string
	}{
		{"no-cors drops an unsafe header", Options{Mode: ModeNoCORS}, false, http.Header{"X-Custom": {"1"}, "Accept": {"a"}}, []string{"X-Custom"}},
		{"kept forbidden headers are not dropped", Options{}, true, http.Header{"Cookie": {"a=b"}}, nil},
		{"nothing dropped on the fast path", Options{}, false, http.Header{"X-Custom": {"1"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			tr := &Transport{Origin: s.origin(), KeepForbiddenHeaders: tt.keep}
			defer tr.CloseIdleConnections()
			ctx := WithClientTrace(WithOptions(t.Context(), tt.o), &ClientTrace{DroppedHeader: func(n string) { got = append(got, n) }})
			req, _ := http.NewRequestWithContext(ctx, "GET", s.URL+"/a", nil)
			req.Header = tt.hdr
			resp, err := tr.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if !slices.Equal(got, tt.want) {
				t.Errorf("dropped %q, want %q", got, tt.want)
			}
		})
	}
}

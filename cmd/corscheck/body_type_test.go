package main

import (
	"context"
	"testing"

	"github.com/corsfetch/corsfetch/corstest"
	"github.com/corsfetch/corsfetch/fetch"
)

// In no-cors mode the header guard drops -H 'Content-Type: application/json'
// and fetch() then adds the string body's text/plain;charset=UTF-8, as
// Chromium sends it (https://fetch.spec.whatwg.org/#dom-request).
func TestNoCORSBodyType(t *testing.T) {
	cfg := cfgFor(t, "POST", "https://api.example/x", map[string]string{"Content-Type": "application/json"}, func(c *config) {
		c.Mode = fetch.ModeNoCORS
		c.HasBody, c.Body = true, "{}"
	})
	rep := check(context.Background(), cfg, &corstest.HandlerTransport{Handler: &server{}}, nil)
	if len(rep.Exchanges) != 1 {
		t.Fatalf("exchanges %+v", rep.Exchanges)
	}
	if got := rep.Exchanges[0].RequestHeaders.Values("Content-Type"); len(got) != 1 || got[0] != fetch.BodyTypeText {
		t.Errorf("sent Content-Type %q, want [%s]", got, fetch.BodyTypeText)
	}
}

package fetch

import (
	"errors"
	"net/http"
)

// ErrClientJar is what CheckClient returns for an http.Client with a Jar.
var ErrClientJar = errors.New("fetch: http.Client.Jar is set: its cookies arrive as a Cookie header, " +
	"a forbidden request header the Transport drops, and the Set-Cookie it would store is filtered out; " +
	"set Transport.Jar instead and leave Client.Jar nil")

// CheckClient reports the http.Client settings that silently defeat a
// Transport: a Client.Jar (ErrClientJar). A Client adds its Jar's cookies
// to the request as a Cookie header, indistinguishable from one the caller
// set, so the Transport can only drop it (ClientTrace.DroppedHeader sees
// it); cookies work through Transport.Jar, per credentials mode. It
// returns nil when c's Transport is not a *Transport.
func CheckClient(c *http.Client) error {
	if c == nil {
		return nil
	}
	if _, ok := c.Transport.(*Transport); ok && c.Jar != nil {
		return ErrClientJar
	}
	return nil
}

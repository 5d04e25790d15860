package main

import (
	"crypto/tls"
	"fmt"
	"net/http/httptrace"
	"sync"
)

// connTrace prints, for -v, the connection each request goes over and its
// TLS session, between the request's lines and the response's.
func connTrace(mu *sync.Mutex, tw *textWriter) *httptrace.ClientTrace {
	printf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(tw.w, format, args...)
	}
	return &httptrace.ClientTrace{
		GotConn: func(info httptrace.GotConnInfo) {
			how := "new connection"
			if info.Reused {
				how = "reused connection"
			}
			printf("  * %s to %s\n", how, info.Conn.RemoteAddr())
		},
		TLSHandshakeDone: func(st tls.ConnectionState, err error) {
			if err != nil {
				printf("  * TLS handshake failed: %v\n", err)
				return
			}
			peer := "no certificate"
			if len(st.PeerCertificates) > 0 {
				c := st.PeerCertificates[0]
				peer = fmt.Sprintf("certificate for %q issued by %q", c.Subject.String(), c.Issuer.String())
			}
			printf("  * %s, %s, ALPN %q, %s\n", tls.VersionName(st.Version), tls.CipherSuiteName(st.CipherSuite), st.NegotiatedProtocol, peer)
		},
	}
}

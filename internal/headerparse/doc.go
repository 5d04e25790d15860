// Package headerparse holds the byte-level parsers that the Fetch Standard
// and MIME Sniffing define over header values: HTTP whitespace, quoted
// strings, "get, decode, and split", header-list values (RFC 9110 #list),
// MIME types, single range values and delta-seconds.
//
// It knows nothing of CORS policy or HTTP messages; fetch/safelist and
// fetch/cors call it. Everything here is allocation-free on valid input.
package headerparse

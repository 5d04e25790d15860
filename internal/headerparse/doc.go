// Package headerparse holds the byte-level parsers that the Fetch Standard
// and MIME Sniffing define over header values: HTTP whitespace, tokens and
// header values, byte-case-insensitive comparison, HTTP quoted strings,
// "get, decode, and split" (SplitIter), the RFC 9110 #list tokenizer under
// "extract header list values" (ListIter), "parse a MIME type"
// (ParseMIMEType), "parse a single range header value" (ParseSingleRange)
// and delta-seconds (ParseDeltaSeconds).
//
// Header values are byte sequences; a Go string read byte by byte is their
// isomorphic decoding, so nothing here decodes UTF-8. Results are
// sub-slices of the input and iterators are values, so valid input
// allocates nothing (unescaping a quoted string with backslashes is the one
// exception). Token validity comes from golang.org/x/net/http/httpguts, the
// table net/http itself uses; header-value validity is Fetch's own rule.
//
// It knows nothing of CORS policy or HTTP messages; fetch/safelist and
// fetch/cors call it.
package headerparse

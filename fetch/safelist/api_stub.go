package safelist

import "net/http"

// STUB FILE: public contract (issue 2); the owner replaces this file.

func IsCORSSafelistedMethod(m string) bool                                  { panic("not implemented") }
func IsForbiddenMethod(m string) bool                                       { panic("not implemented") }
func NormalizeMethod(m string) string                                       { panic("not implemented") }
func IsCORSSafelistedRequestHeader(name, value string) bool                 { panic("not implemented") }
func CORSUnsafeRequestHeaderNames(h http.Header) []string                   { panic("not implemented") }
func IsNoCORSSafelistedRequestHeader(name, value string) bool               { panic("not implemented") }
func IsPrivilegedNoCORSRequestHeaderName(name string) bool                  { panic("not implemented") }
func IsForbiddenRequestHeader(name, value string) bool                      { panic("not implemented") }
func IsForbiddenResponseHeaderName(name string) bool                        { panic("not implemented") }
func IsCORSSafelistedResponseHeaderName(name string, exposed []string) bool { panic("not implemented") }
func IsRequestBodyHeaderName(name string) bool                              { panic("not implemented") }
func IsCORSNonWildcardRequestHeaderName(name string) bool                   { panic("not implemented") }

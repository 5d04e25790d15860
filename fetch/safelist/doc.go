// Package safelist holds the Fetch Standard's fixed tables and
// classifications: CORS-safelisted and forbidden methods, CORS-safelisted,
// no-CORS-safelisted, privileged, forbidden and request-body request headers,
// the CORS-unsafe request-header names of a request, and CORS-safelisted and
// forbidden response header names.
//
// Every function is spec-exact. Browser deviations belong to fetch/cors's
// Policy; the building blocks it needs live here so that no table exists
// twice: IsCORSUnsafeRequestHeaderByte, IsForbiddenRequestHeaderName,
// IsMethodOverrideHeaderName, IsNoCORSSafelistedRequestHeaderName,
// SortedLowercaseSet, CORSUnsafeRequestHeaderNamesFunc (a different
// per-header test) and CORSUnsafeRequestHeaderNamesJoinedFunc (values of a
// name joined before judging, as Chromium and WebKit do).
//
// Names compare byte-case-insensitively (ASCII letters only: U+212A KELVIN
// SIGN is not "k"). Nothing allocates, except the unsafe-names functions
// when they have names to return and the joined variant when it joins.
package safelist

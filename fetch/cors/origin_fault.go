package cors

import "strings"

// The functions below name what makes a string that ParseOrigin rejects
// not a serialized origin, for its error: the common mistakes first (a
// trailing slash, upper case, a path, userinfo, whitespace), then the
// grammar rule.

// schemeFault says what is wrong with the scheme part of s.
func schemeFault(s string) string {
	if t := strings.TrimSpace(s); t != s {
		return "leading or trailing whitespace"
	}
	i := strings.Index(s, "://")
	if i < 0 {
		if strings.Contains(s, ":") {
			return `the scheme must be followed by "://"`
		}
		return `no scheme: an origin is scheme "://" host [":" port], e.g. "https://app.example"`
	}
	scheme := s[:i]
	if lower := strings.ToLower(scheme); lower != scheme && isSchemeLike(lower) {
		return "the scheme must be lowercase (" + quote(lower) + ", not " + quote(scheme) + ")"
	}
	if scheme == "" || !isLowerAlpha(scheme[0]) {
		return "the scheme must start with a lowercase letter"
	}
	return "the scheme may hold only lowercase letters, digits, \"+\", \"-\" and \".\""
}

func isSchemeLike(s string) bool {
	if s == "" || !isLowerAlpha(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isLowerAlpha(c) && !isDigit(c) && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// afterHostFault says what is wrong with rest, the bytes after an origin's
// host (and port, if any), or "" when rest does not show a common mistake.
func afterHostFault(rest string) string {
	switch {
	case rest == "/":
		return "an origin has no path: remove the trailing slash"
	case strings.HasPrefix(rest, "/"):
		return "an origin has no path"
	case strings.HasPrefix(rest, "?"):
		return "an origin has no query"
	case strings.HasPrefix(rest, "#"):
		return "an origin has no fragment"
	case strings.TrimSpace(rest) == "":
		return "trailing whitespace"
	}
	return ""
}

// hostFault says what is wrong with h, everything between "://" and the
// first ":" (so it may hold a path).
func hostFault(h string) string {
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		if f := afterHostFault(h[i:]); f != "" {
			return f
		}
		h = h[:i]
	}
	switch {
	case h == "":
		return "the host is empty"
	case strings.Contains(h, "@"):
		return "an origin has no username or password"
	case strings.TrimSpace(h) != h || strings.ContainsAny(h, " \t\r\n"):
		return "whitespace in the host"
	case strings.HasSuffix(h, "."):
		return "the host ends with a dot"
	case strings.Contains(h, "%"):
		return "the host must not be percent-encoded"
	}
	if lower := strings.ToLower(h); lower != h && isSerializedDomain(lower) {
		return "the host must be lowercase (" + quote(lower) + ", not " + quote(h) + ")"
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; c >= 0x80 {
			return "the host must be ASCII: write an internationalized name as punycode (\"xn--\")"
		}
	}
	return "the host must be lowercase letter-digit-hyphen labels separated by dots"
}

// portFault says what is wrong with port, everything after the host's ":".
func portFault(port string) string {
	if i := strings.IndexAny(port, "/?#"); i >= 0 {
		if f := afterHostFault(port[i:]); f != "" {
			return f
		}
	}
	return "the port must be 1 to 5 digits"
}

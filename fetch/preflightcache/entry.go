package preflightcache

// entry is one cache entry of the spec, less the key fields its state's Key
// already holds: a method or a header name, its credentials flag and when
// it stops matching. See https://fetch.spec.whatwg.org/#cache-entry.
type entry struct {
	name    string // the method (exact bytes) or header name, or "*"
	expires int64  // clock nanoseconds; the entry matches while now < expires
	cred    bool   // created for a request whose credentials mode is "include"
}

// state is the immutable set of entries of one Key. Writers build a new
// state and publish it whole; readers never see one change.
type state struct {
	methods []entry
	headers []entry
	bytes   int // stateBytes of the entries, counted against Options.MaxBytes
}

// matches reports whether e has a cache entry match with a request whose
// credentials mode is include (cred) or not, given the key already matched:
// a credentialed entry serves both, an uncredentialed one only requests
// without credentials. See https://fetch.spec.whatwg.org/#concept-cache-match.
func (e *entry) matches(now int64, cred bool) bool {
	return now < e.expires && (e.cred || !cred)
}

// methodMatches reports whether e is a method cache entry match for method:
// its method is method byte for byte, or "*" acting as a wildcard. "*" is a
// wildcard only for a request whose credentials mode is not include, as in
// the CORS-preflight fetch's own method check; for a credentialed request it
// matches the method "*" literally. See
// https://fetch.spec.whatwg.org/#concept-cache-match-method.
func (e *entry) methodMatches(now int64, cred bool, method string) bool {
	return e.matches(now, cred) && (e.name == method || (e.name == "*" && !cred))
}

// headerMatches reports whether e is a header-name cache entry match for
// name: a byte-case-insensitive match, or "*" acting as a wildcard for any
// name but Authorization, and (as for methods) only for a request whose
// credentials mode is not include. See
// https://fetch.spec.whatwg.org/#concept-cache-match-header.
func (e *entry) headerMatches(now int64, cred bool, name string) bool {
	if !e.matches(now, cred) {
		return false
	}
	if equalFoldASCII(e.name, name) {
		return true
	}
	return e.name == "*" && !cred && !isAuthorization(name)
}

// matchMethod reports whether s holds a method cache entry match for method.
func (s *state) matchMethod(now int64, cred bool, method string) bool {
	for i := range s.methods {
		if s.methods[i].methodMatches(now, cred, method) {
			return true
		}
	}
	return false
}

// matchHeader reports whether s holds a header-name cache entry match for name.
func (s *state) matchHeader(now int64, cred bool, name string) bool {
	for i := range s.headers {
		if s.headers[i].headerMatches(now, cred, name) {
			return true
		}
	}
	return false
}

// live reports whether any entry of s can still match at now.
func (s *state) live(now int64) bool {
	for i := range s.methods {
		if now < s.methods[i].expires {
			return true
		}
	}
	for i := range s.headers {
		if now < s.headers[i].expires {
			return true
		}
	}
	return false
}

// size returns the number of entries in s.
func (s *state) size() int { return len(s.methods) + len(s.headers) }

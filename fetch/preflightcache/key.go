package preflightcache

// Key identifies the entries of one (network partition key, origin, URL): the
// fields a cache entry match compares before credentials, method and header
// name. See https://fetch.spec.whatwg.org/#concept-cache-match.
type Key struct {
	Partition string // the network partition key, serialized; "" for null
	Origin    string // the byte-serialized request origin ("null" when tainted)
	URL       string // the request's current URL, serialized
}

// clone returns k with strings that do not alias the caller's, so a stored
// key never pins a caller's larger buffer. The partition and origin, shared
// by many keys, are interned; the URL is copied.
func (k Key) clone() Key {
	return Key{Partition: intern(k.Partition), Origin: intern(k.Origin), URL: cloneString(k.URL)}
}

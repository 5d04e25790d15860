package preflightcache

// Key identifies the entries of one (network partition key, origin, URL): the
// fields a cache entry match compares before credentials, method and header
// name. See https://fetch.spec.whatwg.org/#concept-cache-match.
type Key struct {
	Partition string // the network partition key, serialized; "" for null
	Origin    string // the byte-serialized request origin ("null" when tainted)
	URL       string // the request's current URL, serialized
}

// clone returns k with its own copies of the strings, so a stored key never
// pins a caller's larger buffer.
func (k Key) clone() Key {
	return Key{Partition: cloneString(k.Partition), Origin: cloneString(k.Origin), URL: cloneString(k.URL)}
}

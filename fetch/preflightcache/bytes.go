package preflightcache

import "unsafe"

// The bytes a Cache counts against Options.MaxBytes: the lengths of every
// key's partition, origin and URL and of every cached name, plus a fixed
// overhead per key and per entry for the structures that hold them. A
// string interned and shared by several keys is counted for each.
const (
	// entryOverhead is one entry's struct.
	entryOverhead = int(unsafe.Sizeof(entry{}))
	// keyOverhead is one key's slot, index node, state and ring pointer.
	keyOverhead = int(unsafe.Sizeof(slot{}) + unsafe.Sizeof(node{}) + unsafe.Sizeof(state{}) + unsafe.Sizeof((*slot)(nil)))
)

// keyBytes is what k costs with no entries.
func keyBytes(k Key) int {
	return len(k.Partition) + len(k.Origin) + len(k.URL) + keyOverhead
}

// stateBytes is what the entries es cost.
func stateBytes(es []entry) int {
	n := 0
	for i := range es {
		n += len(es[i].name) + entryOverhead
	}
	return n
}

// heldBytes is what sl costs, key and entries. c.mu must be held.
func heldBytes(sl *slot) int {
	n := keyBytes(sl.key)
	if s := sl.st.Load(); s != nil {
		n += s.bytes
	}
	return n
}

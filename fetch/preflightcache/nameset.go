package preflightcache

// nameSet is a list of method or header names with membership tests: a
// scan while the list is short, a map once it is long, so that n tests
// against n names cost O(n), not O(n²). With fold, names compare
// byte-case-insensitively (as header names match); else byte for byte.
type nameSet struct {
	list []string
	m    map[string]struct{} // keys lowercased when fold; nil while short
	fold bool
}

// nameSetMapThreshold is the list length past which a nameSet uses a map.
// A variable so that tests can run the map path on short lists.
var nameSetMapThreshold = 16

func (s *nameSet) len() int { return len(s.list) }

// add appends name, which s must not hold.
func (s *nameSet) add(name string) {
	s.list = append(s.list, name)
	if s.m != nil {
		s.m[s.mapKey(name)] = struct{}{}
		return
	}
	if len(s.list) > nameSetMapThreshold {
		s.m = make(map[string]struct{}, 2*len(s.list))
		for _, n := range s.list {
			s.m[s.mapKey(n)] = struct{}{}
		}
	}
}

// has reports whether s holds name.
func (s *nameSet) has(name string) bool {
	if s.m != nil {
		_, ok := s.m[s.mapKey(name)]
		return ok
	}
	for _, n := range s.list {
		if n == name || (s.fold && equalFoldASCII(n, name)) {
			return true
		}
	}
	return false
}

func (s *nameSet) mapKey(name string) string {
	if s.fold {
		return lowerASCII(name)
	}
	return name
}

// lowerASCII maps A-Z in s to a-z, returning s itself when it has none.
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

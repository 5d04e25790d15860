package preflightcache

import (
	"time"

	"github.com/corsfetch/corsfetch/fetch/cors"
)

// prepared is a preflight result made ready for the cache, before the
// cache's lock is taken: each list cut at the per-key bound, names that can
// never be cached left out, duplicates removed (methods byte for byte,
// header names byte-case-insensitively, as they match). Preparing costs
// time linear in the part of each list it keeps.
type prepared struct {
	methods, headers nameSet // the names to store, first spellings, in order
	// anyMethod and anyHeader report whether the cut lists hold a name
	// that a live "*" entry of the key would match (every method; every
	// header name but Authorization), cacheable or not: such a name
	// refreshes that entry.
	anyMethod, anyHeader bool
	maxAge               time.Duration
	cred                 bool
}

// testHookPrepare, when set, runs halfway through prepare (methods done,
// header names not yet): a test pauses a Store there to show that it holds
// no lock while preparing.
var testHookPrepare func()

// prepare makes r ready for a Store of at most maxNames names per key. A
// key holds at most maxNames entries, so at most that many names of each
// list are read: a hostile result of a million names costs what a full key
// costs. The names past the bound create no entry and refresh none, which
// the standard allows (a cache may skip entries); a request that needs one
// preflights again. See issue 10, defect 7.
func prepare(r *cors.PreflightResult, maxNames int) prepared {
	methods, headers := r.Methods, r.Headers
	if len(methods) > maxNames {
		methods = methods[:maxNames]
	}
	if len(headers) > maxNames {
		headers = headers[:maxNames]
	}
	p := prepared{maxAge: r.MaxAge, cred: r.Credentials}
	p.anyMethod = len(methods) > 0
	buf := make([]string, 0, len(methods)+len(headers)) // one allocation for both lists
	p.methods = dedup(buf[:0:len(methods)], methods, false)
	if testHookPrepare != nil {
		testHookPrepare()
	}
	for _, h := range headers {
		if !isAuthorization(h) {
			p.anyHeader = true
			break
		}
	}
	p.headers = dedup(buf[len(methods):len(methods)], headers, true)
	return p
}

// dedup returns, in a set whose list is out, the cacheable names of list
// without the ones that equal an earlier name (byte-case-insensitively when
// fold). They are interned only when they create an entry, so a Store that
// only refreshes interns nothing.
func dedup(out, list []string, fold bool) nameSet {
	s := nameSet{list: out, fold: fold}
	for _, n := range list {
		if cacheableName(n) && !s.has(n) {
			s.add(n)
		}
	}
	return s
}

// merge returns the entries that follow from storing p over old at now,
// with new and refreshed entries expiring at exp: old's live entries, each
// refreshed where a name of p has a cache entry match with it, then a new
// entry for each name of p that matched none, while the key holds fewer
// than maxNames. This is the standard's name-by-name loop (see Store) in
// time linear in the sizes of old and p. It returns nil when no entry is
// left. old is not modified.
func (p *prepared) merge(old *state, now, exp int64, maxNames int) *state {
	// One array for both lists (a lookup then touches fewer cache lines),
	// with room for the new names: methods first, header names after.
	var oldM, oldH []entry
	if old != nil {
		oldM, oldH = old.methods, old.headers
	}
	liveM, liveH := countLive(oldM, now), countLive(oldH, now)
	roomM := liveM + min(p.methods.len(), maxNames)
	n := roomM + liveH + min(p.headers.len(), maxNames)
	if n == 0 {
		return nil
	}
	buf := make([]entry, 0, n)
	ms := appendLive(buf[:0:roomM], oldM, now)
	hs := appendLive(buf[roomM:roomM], oldH, now)
	size := len(ms) + len(hs)
	create := exp > now
	cred := p.cred
	// A "*" entry is a wildcard only for a request without credentials
	// (see entry.methodMatches); Authorization is never covered by one.
	wild := func(n string, header bool) bool { return !cred && (!header || !isAuthorization(n)) }

	lists := [2]*[]entry{&ms, &hs}
	names := [2]*nameSet{&p.methods, &p.headers}
	anyName := [2]bool{p.anyMethod, p.anyHeader}
	for li, es := range lists {
		header := li == 1
		// Refresh the old entries a name matches; note the names they
		// answer for (in a set only when there are many).
		nOld := len(*es)
		var held nameSet
		held.fold = header
		star := false
		for i := range nOld {
			e := &(*es)[i]
			if !e.matches(now, cred) {
				continue
			}
			isStar := e.name == "*" && !cred
			if names[li].has(e.name) || (isStar && anyName[li]) {
				e.expires = exp
			}
			if nOld > nameSetMapThreshold {
				held.add(e.name)
			}
			star = star || isStar
		}
		// Create entries for the names no entry matched.
		for _, n := range names[li].list {
			if !create || size >= maxNames {
				break
			}
			if star && wild(n, header) {
				continue
			}
			if nOld > nameSetMapThreshold {
				if held.has(n) {
					continue
				}
			} else if heldBy((*es)[:nOld], now, cred, n, header) {
				continue
			}
			*es = append(*es, entry{name: intern(n), expires: exp, cred: cred})
			size++
			star = star || (n == "*" && !cred)
		}
	}
	if !create {
		// Refreshing to a max-age of zero expired the matching entries.
		ms = appendLive(ms[:0], ms, now)
		hs = appendLive(hs[:0], hs, now)
	}
	if len(ms)+len(hs) == 0 {
		return nil
	}
	all := append(ms, hs...) // moves hs down next to ms: copy handles the overlap
	m := len(ms)
	s := &state{methods: all[:m:m], headers: all[m:]}
	s.bytes = stateBytes(all)
	return s
}

// heldBy reports whether an entry of es with a cache entry match for a
// request whose credentials mode is include (cred) or not has the name n
// (byte-case-insensitively for a header name).
func heldBy(es []entry, now int64, cred bool, n string, header bool) bool {
	for i := range es {
		e := &es[i]
		if e.matches(now, cred) && (e.name == n || (header && equalFoldASCII(e.name, n))) {
			return true
		}
	}
	return false
}

// countLive returns the number of entries of es not expired at now.
func countLive(es []entry, now int64) int {
	n := 0
	for i := range es {
		if now < es[i].expires {
			n++
		}
	}
	return n
}

// appendLive appends to dst the entries of es not expired at now. dst may
// be es[:0].
func appendLive(dst, es []entry, now int64) []entry {
	for _, e := range es {
		if now < e.expires {
			dst = append(dst, e)
		}
	}
	return dst
}

// cacheableName reports whether a method or header name is worth an entry:
// not empty, and not longer than maxNameLength.
func cacheableName(name string) bool {
	return name != "" && len(name) <= maxNameLength
}

package headerparse

import "strings"

// MIMEType is the result of "parse a MIME type". Type and Subtype are
// sub-slices of the input in their original case: compare them with
// EqualFoldASCII or use HasEssence (the spec lowercases them). Parameters
// are read with Params.
type MIMEType struct {
	Type, Subtype string
	params        string // from the ';' after the subtype to the end; may be ""
}

// isQuotedStringTokenByte reports whether the code point b (an isomorphic
// decoded byte) is an HTTP quoted-string token code point: U+0009,
// U+0020–007E or U+0080–00FF.
func isQuotedStringTokenByte(b byte) bool {
	return b == '\t' || (b >= 0x20 && b != 0x7f)
}

// ParseMIMEType runs WHATWG MIME Sniffing's "parse a MIME type" on the
// isomorphic decoding of s. Only the type and subtype can make it fail:
// malformed parameters are skipped, as the algorithm does. It does not
// allocate. It is not mime.ParseMediaType, whose grammar differs.
// See https://mimesniff.spec.whatwg.org/#parse-a-mime-type.
func ParseMIMEType(s string) (m MIMEType, ok bool) {
	// n counts the steps; the parameter section counts when Params walks it.
	s, n := trimHTTPWhitespace(s)
	slash := -1
	for i := 0; i < len(s); i++ {
		n++
		if s[i] == '/' {
			slash = i
			break
		}
	}
	if slash < 0 {
		step(n)
		return MIMEType{}, false
	}
	ok, t := isToken(s[:slash])
	if n += t; !ok {
		step(n)
		return MIMEType{}, false
	}
	rest := s[slash+1:]
	end := len(rest)
	for i := 0; i < len(rest); i++ {
		n++
		if rest[i] == ';' {
			end = i
			break
		}
	}
	subtype, t := trimTrailingHTTPWhitespace(rest[:end])
	n += t
	ok, t = isToken(subtype)
	step(n + t)
	if !ok {
		return MIMEType{}, false
	}
	return MIMEType{Type: s[:slash], Subtype: subtype, params: rest[end:]}, true
}

// trimTrailingHTTPWhitespace removes trailing HTTP whitespace and returns
// the steps it took.
func trimTrailingHTTPWhitespace(s string) (string, int) {
	j := len(s)
	for j > 0 && isHTTPWhitespace(s[j-1]) {
		j--
	}
	return s[:j], 1 + len(s) - j
}

// HasEssence reports whether m's essence ("type/subtype", lowercased) equals
// essence, which must be given in lowercase.
// See https://mimesniff.spec.whatwg.org/#mime-type-essence.
func (m MIMEType) HasEssence(essence string) bool {
	n := len(m.Type)
	return len(essence) == n+1+len(m.Subtype) && essence[n] == '/' &&
		EqualFoldASCII(m.Type, essence[:n]) && EqualFoldASCII(m.Subtype, essence[n+1:])
}

// Params returns an iterator over m's parameters in the order the parser
// stores them: invalid ones are skipped and only the first of a name
// (byte-case-insensitively) is kept.
func (m MIMEType) Params() ParamIter { return ParamIter{all: m.params} }

// ParamIter walks the parameters of a MIMEType.
type ParamIter struct {
	all string // the whole parameter section
	pos int
	// The names returned so far, for the duplicate rule: the first few in
	// seen, the rest lowercased in more, so a hostile run of distinct
	// names costs linear time (rescanning the section for each name was
	// quadratic) and only such a run allocates.
	seen  [4]string
	nseen int
	more  map[string]struct{}
}

// Next returns the next parameter. name is in its original case (the spec
// lowercases it); value is unescaped when it was a quoted string, which
// allocates only if it holds a backslash escape.
func (it *ParamIter) Next() (name, value string, ok bool) {
	for {
		name, value, ok = nextRawParam(it.all, &it.pos)
		if !ok {
			return "", "", false
		}
		if it.remember(name) {
			return name, value, true
		}
	}
}

// remember records name and reports whether it is new: no name returned
// before is a byte-case-insensitive match for it.
func (it *ParamIter) remember(name string) bool {
	for _, s := range it.seen[:it.nseen] {
		if EqualFoldASCII(s, name) {
			return false
		}
	}
	if it.nseen < len(it.seen) {
		it.seen[it.nseen] = name
		it.nseen++
		return true
	}
	step(2 * len(name))          // lowercasing and hashing
	key := strings.ToLower(name) // name is a token: ASCII only
	if _, dup := it.more[key]; dup {
		return false
	}
	if it.more == nil {
		it.more = make(map[string]struct{})
	}
	it.more[key] = struct{}{}
	return true
}

// nextRawParam runs the parameter loop of "parse a MIME type" from *pos
// (which indexes a ';' or the end) until it finds a parameter that passes
// the validity checks, ignoring the duplicate rule.
func nextRawParam(s string, pos *int) (name, value string, ok bool) {
	p := *pos
	n := 0 // steps besides the bytes p moves over
	defer func() {
		step(n + p - *pos)
		*pos = p
	}()
	for p < len(s) {
		p++ // skip ';'
		for p < len(s) && isHTTPWhitespace(s[p]) {
			p++
		}
		ns := p
		for p < len(s) && s[p] != ';' && s[p] != '=' {
			p++
		}
		name = s[ns:p]
		if p < len(s) {
			if s[p] == ';' {
				continue
			}
			p++ // skip '='
		}
		if p >= len(s) {
			break
		}
		if s[p] == '"' {
			value, p = CollectHTTPQuotedString(s, p, true)
			for p < len(s) && s[p] != ';' {
				p++
			}
		} else {
			vs := p
			for p < len(s) && s[p] != ';' {
				p++
			}
			var t int
			value, t = trimTrailingHTTPWhitespace(s[vs:p])
			if n += t; value == "" {
				continue
			}
		}
		okName, t := isToken(name)
		n += t
		if !okName {
			continue
		}
		okValue, t := isQuotedStringTokenString(value)
		if n += t; okValue {
			return name, value, true
		}
	}
	return "", "", false
}

// isQuotedStringTokenString reports whether every byte of s is an HTTP
// quoted-string token code point, and returns the steps it took.
func isQuotedStringTokenString(s string) (ok bool, steps int) {
	for i := 0; i < len(s); i++ {
		if !isQuotedStringTokenByte(s[i]) {
			return false, i + 1
		}
	}
	return true, len(s) + 1
}

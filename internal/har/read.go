package har

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Limits bound what Read accepts. The zero value means the defaults.
type Limits struct {
	// EntryBytes is the most JSON one entry (or one page, or the creator)
	// may take; default 64 MiB. A larger one ends the read: the decoder
	// cannot skip it without reading it.
	EntryBytes int64
	// HeaderBytes is the most an entry's request or response headers may
	// add up to (names and values); default 256 KiB, Chromium's own limit
	// on a response's headers. A larger entry is reported and skipped.
	HeaderBytes int
	// Entries is the most entries kept; default 1 000 000.
	Entries int
}

func (l Limits) withDefaults() Limits {
	if l.EntryBytes <= 0 {
		l.EntryBytes = 64 << 20
	}
	if l.HeaderBytes <= 0 {
		l.HeaderBytes = 256 << 10
	}
	if l.Entries <= 0 {
		l.Entries = 1_000_000
	}
	return l
}

// ErrNotHAR is returned when the input is JSON but has no "log" object.
var ErrNotHAR = errors.New(`not a HAR file: no "log" object`)

// Read reads a HAR from r. It returns the entries it could read even when
// it also returns an error (truncated or malformed JSON after them).
func Read(r io.Reader, lim Limits) (*Log, error) {
	lim = lim.withDefaults()
	lr := &windowReader{r: r, max: lim.EntryBytes}
	d := &reader{dec: json.NewDecoder(lr), lr: lr, lim: lim, log: &Log{}}
	err := d.top()
	if lr.over {
		err = fmt.Errorf("%s is larger than %d bytes: stopped reading there", d.where, lim.EntryBytes)
	}
	return d.log, err
}

type reader struct {
	dec   *json.Decoder
	lr    *windowReader
	lim   Limits
	log   *Log
	where string // what is being read, for errors
	found bool   // a "log" object was seen
}

func (d *reader) top() error {
	d.where = "the file"
	if err := d.delim('{'); err != nil {
		return d.wrap(err)
	}
	for d.dec.More() {
		key, err := d.key()
		if err != nil {
			return d.wrap(err)
		}
		if key != "log" {
			if err := d.skip(); err != nil {
				return d.wrap(err)
			}
			continue
		}
		d.found = true
		if err := d.logObject(); err != nil {
			return err
		}
	}
	if !d.found {
		return ErrNotHAR
	}
	return nil
}

func (d *reader) logObject() error {
	d.where = "log"
	if err := d.delim('{'); err != nil {
		return d.wrap(err)
	}
	for d.dec.More() {
		key, err := d.key()
		if err != nil {
			return d.wrap(err)
		}
		d.lr.mark()
		switch key {
		case "version":
			d.where = "log.version"
			var v any
			if err := d.dec.Decode(&v); err != nil {
				return d.wrap(err)
			}
			d.log.Version, _ = v.(string)
		case "creator", "browser":
			d.where = "log." + key
			var c Creator
			if err := d.dec.Decode(&c); err != nil {
				var te *json.UnmarshalTypeError
				if !errors.As(err, &te) {
					return d.wrap(err)
				}
			}
			if key == "creator" {
				d.log.Creator = c
			} else {
				d.log.Browser = c
			}
		case "pages":
			if err := d.array("log.pages", d.page); err != nil {
				return err
			}
		case "entries":
			if err := d.array("log.entries", d.entry); err != nil {
				return err
			}
		default:
			d.where = "log." + key
			if err := d.skip(); err != nil {
				return d.wrap(err)
			}
		}
	}
	_, err := d.dec.Token() // '}'
	return d.wrap(err)
}

// array reads a JSON array element by element, calling each for every one.
// null counts as an empty array.
func (d *reader) array(name string, each func(i int) error) error {
	d.where = name
	t, err := d.dec.Token()
	if err != nil {
		return d.wrap(err)
	}
	if t == nil {
		return nil
	}
	if t != json.Delim('[') {
		return fmt.Errorf("%s is not an array", name)
	}
	for i := 0; d.dec.More(); i++ {
		d.lr.mark()
		d.where = fmt.Sprintf("%s[%d]", name, i)
		if err := each(i); err != nil {
			return err
		}
	}
	_, err = d.dec.Token() // ']'
	return d.wrap(err)
}

func (d *reader) page(int) error {
	var p struct {
		ID    any `json:"id"`
		Title any `json:"title"`
	}
	if err := d.dec.Decode(&p); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil // not an object: no page
		}
		return d.wrap(err)
	}
	id, _ := p.ID.(string)
	title, _ := p.Title.(string)
	d.log.Pages = append(d.log.Pages, Page{ID: id, Title: title})
	return nil
}

func (d *reader) entry(i int) error {
	d.log.Total++
	var w wireEntry
	if err := d.dec.Decode(&w); err != nil {
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			return d.wrap(err)
		}
		d.log.Errors = append(d.log.Errors, EntryError{Index: i, Err: describeTypeError(te)})
		return nil
	}
	if len(d.log.Entries) >= d.lim.Entries {
		d.log.Errors = append(d.log.Errors, EntryError{Index: i, Err: fmt.Sprintf("more than %d entries: not read", d.lim.Entries)})
		return nil
	}
	e, err := w.entry(i, d.lim)
	if err != nil {
		d.log.Errors = append(d.log.Errors, EntryError{Index: i, Err: err.Error()})
		return nil
	}
	d.log.Entries = append(d.log.Entries, e)
	return nil
}

func describeTypeError(te *json.UnmarshalTypeError) string {
	if te.Field != "" {
		return fmt.Sprintf("%s is a JSON %s, not a %s", te.Field, te.Value, goTypeName(te))
	}
	return fmt.Sprintf("the entry is a JSON %s, not an object", te.Value)
}

func goTypeName(te *json.UnmarshalTypeError) string {
	switch te.Type.Kind().String() {
	case "int", "int64":
		return "number"
	case "string":
		return "string"
	case "slice":
		return "array"
	case "struct", "map":
		return "object"
	}
	return te.Type.String()
}

func (d *reader) delim(want json.Delim) error {
	t, err := d.dec.Token()
	if err != nil {
		return err
	}
	if t != want {
		return fmt.Errorf("expected %q, found %v", string(want), t)
	}
	return nil
}

func (d *reader) key() (string, error) {
	t, err := d.dec.Token()
	if err != nil {
		return "", err
	}
	s, _ := t.(string)
	return s, nil
}

// skip reads past one value of any depth without keeping it.
func (d *reader) skip() error {
	depth := 0
	for {
		t, err := d.dec.Token()
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

func (d *reader) wrap(err error) error {
	switch {
	case err == nil:
		return nil
	case d.lr.over:
		return err // Read replaces it
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("the file ends in the middle of %s (truncated?)", d.where)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("invalid JSON in %s at byte %d: %v", d.where, se.Offset, err)
	}
	return fmt.Errorf("reading %s: %w", d.where, err)
}

// windowReader fails once more than max bytes have been read since the
// last mark: it bounds what the decoder buffers for one value.
type windowReader struct {
	r      io.Reader
	max    int64
	n      int64
	marked int64
	over   bool
}

func (w *windowReader) mark() { w.marked = w.n }

func (w *windowReader) Read(p []byte) (int, error) {
	if w.n-w.marked > w.max {
		w.over = true
		return 0, errors.New("value too large")
	}
	n, err := w.r.Read(p)
	w.n += int64(n)
	return n, err
}

package state

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes"
)

// Bounds on what is kept. A state.json outside them was not written by
// this package and is treated as corrupt.
const (
	// MaxSize is the largest state.json read or written, in bytes.
	MaxSize = 1 << 20
	// MaxFiles is the number of notes files remembered; the least
	// recently changed are forgotten first.
	MaxFiles = 100
	// MaxTalks is the number of talks remembered per notes file.
	MaxTalks = 10000

	maxPath    = 4096
	maxHash    = 128
	maxSlug    = 256
	maxSection = 256
	maxQuery   = 256
	maxSort    = 32
	maxLine    = 1 << 20
	maxRating  = notes.MaxStars
)

// version is the format written. A file with a higher version comes from
// a newer golanguk: it is left alone and this session is not remembered.
const version = 1

// document is state.json. Times are Unix milliseconds of the change, taken
// from Options.Now; merging keeps the newer of two values.
type document struct {
	Version int                   `json:"version"`
	Files   map[string]*fileEntry `json:"files"`
}

// fileEntry is one notes file, keyed in document.Files by its path.
type fileEntry struct {
	Hash string `json:"hash"`
	// Used is when anything in the entry last changed, for forgetting the
	// least recently used files and for choosing the newer hash.
	Used int64 `json:"used"`

	Talk   string `json:"talk,omitempty"`
	TalkAt int64  `json:"talk_at,omitempty"`

	List listEntry `json:"list"`

	Talks map[string]talkEntry `json:"talks,omitempty"`
}

type listEntry struct {
	Query  string `json:"query,omitempty"`
	Rating int    `json:"rating,omitempty"`
	Sort   string `json:"sort,omitempty"`
	At     int64  `json:"at,omitempty"`
}

// talkEntry is one talk of a file. Read false with ReadAt set is an
// unmark, kept so that merging does not bring an older mark back.
type talkEntry struct {
	Read    bool   `json:"read,omitempty"`
	ReadAt  int64  `json:"read_at,omitempty"`
	Section string `json:"section,omitempty"`
	Line    int    `json:"line,omitempty"`
	PosAt   int64  `json:"pos_at,omitempty"`
}

func (t talkEntry) recent() int64 { return max(t.ReadAt, t.PosAt) }

func newDocument() *document {
	return &document{Version: version, Files: map[string]*fileEntry{}}
}

// errNewer is returned by decode for a file of a later format.
var errNewer = errors.New("written by a newer golanguk")

// decode parses and checks state.json. Any error but errNewer means the
// file is corrupt.
func decode(b []byte) (*document, error) {
	if len(b) > MaxSize {
		return nil, fmt.Errorf("larger than %d bytes", MaxSize)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, errors.New("empty")
	}
	var d document
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	switch {
	case d.Version > version:
		return nil, errNewer
	case d.Version != version:
		return nil, fmt.Errorf("version %d, want %d", d.Version, version)
	}
	if d.Files == nil {
		d.Files = map[string]*fileEntry{}
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	return &d, nil
}

// check reports the first value out of bounds.
func (d *document) check() error {
	if len(d.Files) > MaxFiles {
		return fmt.Errorf("%d files, at most %d", len(d.Files), MaxFiles)
	}
	for _, path := range slices.Sorted(maps.Keys(d.Files)) {
		if err := d.Files[path].check(path); err != nil {
			return fmt.Errorf("file %s: %w", quote(path), err)
		}
	}
	return nil
}

func (e *fileEntry) check(path string) error {
	if e == nil {
		return errors.New("null")
	}
	if err := checkString("path", path, maxPath, false); err != nil {
		return err
	}
	if err := checkString("hash", e.Hash, maxHash, true); err != nil {
		return err
	}
	if e.Talk != "" {
		if err := checkString("talk", e.Talk, maxSlug, false); err != nil {
			return err
		}
	}
	if err := checkString("query", e.List.Query, maxQuery, true); err != nil {
		return err
	}
	if err := checkString("sort", e.List.Sort, maxSort, true); err != nil {
		return err
	}
	if e.List.Rating < 0 || e.List.Rating > maxRating {
		return fmt.Errorf("rating %d out of 0..%d", e.List.Rating, maxRating)
	}
	if e.Used < 0 || e.TalkAt < 0 || e.List.At < 0 {
		return errors.New("negative time")
	}
	if len(e.Talks) > MaxTalks {
		return fmt.Errorf("%d talks, at most %d", len(e.Talks), MaxTalks)
	}
	for _, slug := range slices.Sorted(maps.Keys(e.Talks)) {
		t := e.Talks[slug]
		if err := checkString("slug", slug, maxSlug, false); err != nil {
			return err
		}
		if err := checkString("section", t.Section, maxSection, true); err != nil {
			return fmt.Errorf("talk %s: %w", quote(slug), err)
		}
		if t.Line < 0 || t.Line > maxLine {
			return fmt.Errorf("talk %s: line %d out of 0..%d", quote(slug), t.Line, maxLine)
		}
		if t.ReadAt < 0 || t.PosAt < 0 {
			return fmt.Errorf("talk %s: negative time", quote(slug))
		}
	}
	return nil
}

// checkString wants s to be printable UTF-8 of at most max bytes.
func checkString(what, s string, max int, empty bool) error {
	switch {
	case s == "" && !empty:
		return fmt.Errorf("empty %s", what)
	case len(s) > max:
		return fmt.Errorf("%s longer than %d bytes", what, max)
	case !printable(s):
		return fmt.Errorf("%s %s is not printable", what, quote(s))
	}
	return nil
}

// printable reports whether s is valid UTF-8 made of graphic characters
// and spaces only: nothing that could drive a terminal.
func printable(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsGraphic(r) {
			return false
		}
	}
	return true
}

// clean makes s printable and at most max bytes, dropping what is not and
// cutting at a rune boundary.
func clean(s string, max int) string {
	if len(s) <= max && printable(s) {
		return s
	}
	var b []byte
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsGraphic(r) {
			continue
		}
		if len(b)+utf8.RuneLen(r) > max {
			break
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// quote shows s in a message: quoted, with anything unprintable escaped.
func quote(s string) string {
	const max = 80
	if len(s) > max {
		s = s[:max] + "..."
	}
	return strconv.QuoteToGraphic(s)
}

// encode is the inverse of decode.
func (d *document) encode() ([]byte, error) {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// clone is a deep copy.
func (e *fileEntry) clone() *fileEntry {
	c := *e
	c.Talks = maps.Clone(e.Talks)
	return &c
}

// merge returns the union of two entries for the same path, the newer
// value of each field winning; on a tie, ours. If slugs is not nil and
// the merged hash is ours, talks not among slugs are dropped: they are
// gone from the version of the file we know to be the newest.
func merge(disk, ours *fileEntry, slugs map[string]bool) *fileEntry {
	if disk == nil {
		disk = &fileEntry{}
	}
	m := ours.clone()
	if disk.Used > ours.Used {
		m.Hash = disk.Hash
	}
	m.Used = max(disk.Used, ours.Used)
	if disk.TalkAt > ours.TalkAt {
		m.Talk, m.TalkAt = disk.Talk, disk.TalkAt
	}
	if disk.List.At > ours.List.At {
		m.List = disk.List
	}
	if m.Talks == nil {
		m.Talks = map[string]talkEntry{}
	}
	for slug, dt := range disk.Talks {
		t, ok := m.Talks[slug]
		if !ok {
			m.Talks[slug] = dt
			continue
		}
		if dt.ReadAt > t.ReadAt {
			t.Read, t.ReadAt = dt.Read, dt.ReadAt
		}
		if dt.PosAt > t.PosAt {
			t.Section, t.Line, t.PosAt = dt.Section, dt.Line, dt.PosAt
		}
		m.Talks[slug] = t
	}
	if slugs != nil && m.Hash == ours.Hash {
		m.keepOnly(slugs)
	}
	return m
}

// keepOnly drops the talks not among slugs, and the current talk if it
// is gone.
func (e *fileEntry) keepOnly(slugs map[string]bool) {
	maps.DeleteFunc(e.Talks, func(slug string, _ talkEntry) bool { return !slugs[slug] })
	if e.Talk != "" && !slugs[e.Talk] {
		e.Talk = ""
	}
}

// bound trims d to MaxFiles files of at most MaxTalks talks, forgetting
// the least recently used first, then encodes it; while the result is
// larger than MaxSize it forgets more. Files in keep go last.
func (d *document) bound(keep map[string]bool) ([]byte, error) {
	for _, e := range d.Files {
		e.trimTalks(MaxTalks)
	}
	// Oldest first: the files to forget.
	order := slices.SortedFunc(maps.Keys(d.Files), func(a, b string) int {
		if keep[a] != keep[b] {
			if keep[a] {
				return 1
			}
			return -1
		}
		if c := cmp.Compare(d.Files[a].Used, d.Files[b].Used); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for len(order) > MaxFiles {
		delete(d.Files, order[0])
		order = order[1:]
	}
	for {
		b, err := d.encode()
		if err != nil || len(b) <= MaxSize {
			return b, err
		}
		if len(order) > 1 {
			delete(d.Files, order[0])
			order = order[1:]
			continue
		}
		// One file left, too big: keep its newer half.
		e := d.Files[order[0]]
		if len(e.Talks) == 0 {
			return nil, errors.New("state too large")
		}
		e.trimTalks(len(e.Talks) / 2)
	}
}

// trimTalks keeps the n most recently changed talks.
func (e *fileEntry) trimTalks(n int) {
	if len(e.Talks) <= n {
		return
	}
	slugs := slices.SortedFunc(maps.Keys(e.Talks), func(a, b string) int {
		if c := cmp.Compare(e.Talks[b].recent(), e.Talks[a].recent()); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for _, slug := range slugs[n:] {
		delete(e.Talks, slug)
	}
}

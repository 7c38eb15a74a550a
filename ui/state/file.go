package state

import (
	"crypto/sha256"
	"encoding/hex"
)

// ContentHash is the hash File wants for a notes file's content.
func ContentHash(content []byte) string {
	sum := sha256.Sum256(content)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// FileState is the state of one notes file, from Store.File. Setters that
// change nothing do not count as changes; a slug that is not one of the
// file's is ignored.
type FileState struct {
	s      *Store
	path   string
	e      *fileEntry // guarded by s.mu
	keep   bool       // saved; false for a path or hash that cannot be stored
	slugs  map[string]bool
	edited bool
}

// Position is where a talk is scrolled to: the nearest section above the
// top line (its anchor or title, as the caller likes; "" before the first
// section) and the number of lines below the section's heading, so that
// the place survives a change of width.
type Position struct {
	Section string
	Line    int
}

// ListView is the list's query, rating filter and sort.
type ListView struct {
	Query  string
	Rating int
	Sort   string
}

// Edited reports that the file's content changed since its state was last
// stored.
func (f *FileState) Edited() bool { return f.edited }

// Talk is the slug of the talk being read, or "".
func (f *FileState) Talk() string {
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	return f.e.Talk
}

// SetTalk records the talk being read; "" for none.
func (f *FileState) SetTalk(slug string) {
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	if slug != "" && !f.slugs[slug] || slug == f.e.Talk {
		return
	}
	f.e.Talk = slug
	f.e.TalkAt = f.stamp(f.e.TalkAt)
}

// Position is where the talk was left; the zero Position is its top.
func (f *FileState) Position(slug string) Position {
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	t := f.e.Talks[slug]
	return Position{Section: t.Section, Line: t.Line}
}

// SetPosition records where the talk is scrolled to. A section is cut to
// 256 bytes and cleaned of unprintable characters; the line is clamped to
// 0..2^20.
func (f *FileState) SetPosition(slug string, p Position) {
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	if !f.slugs[slug] {
		return
	}
	p.Section = clean(p.Section, maxSection)
	p.Line = min(max(p.Line, 0), maxLine)
	t := f.e.Talks[slug]
	if t.PosAt != 0 && t.Section == p.Section && t.Line == p.Line {
		return
	}
	t.Section, t.Line = p.Section, p.Line
	t.PosAt = f.stamp(t.PosAt)
	f.setTalk(slug, t)
}

// List is the list's query, rating filter and sort.
func (f *FileState) List() ListView {
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	l := f.e.List
	return ListView{Query: l.Query, Rating: l.Rating, Sort: l.Sort}
}

// SetList records the list's query, rating filter and sort. Strings are
// cut and cleaned as in SetPosition (query 256 bytes, sort 32); the
// rating is clamped to 0..notes.MaxStars.
func (f *FileState) SetList(v ListView) {
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	l := listEntry{
		Query:  clean(v.Query, maxQuery),
		Rating: min(max(v.Rating, 0), maxRating),
		Sort:   clean(v.Sort, maxSort),
	}
	old := f.e.List
	if old.Query == l.Query && old.Rating == l.Rating && old.Sort == l.Sort {
		return
	}
	l.At = f.stamp(old.At)
	f.e.List = l
}

// IsRead reports whether the talk has been read.
func (f *FileState) IsRead(slug string) bool {
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	return f.e.Talks[slug].Read
}

// ReadCount is the number of talks read.
func (f *FileState) ReadCount() int {
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	n := 0
	for _, t := range f.e.Talks {
		if t.Read {
			n++
		}
	}
	return n
}

// MarkRead marks the talk read.
func (f *FileState) MarkRead(slug string) { f.setRead(slug, func(bool) bool { return true }) }

// MarkUnread marks the talk not read.
func (f *FileState) MarkUnread(slug string) { f.setRead(slug, func(bool) bool { return false }) }

// ToggleRead flips the talk's mark and returns the new one.
func (f *FileState) ToggleRead(slug string) bool {
	return f.setRead(slug, func(read bool) bool { return !read })
}

func (f *FileState) setRead(slug string, to func(bool) bool) bool {
	f.s.mu.Lock()
	defer f.s.mu.Unlock()
	t := f.e.Talks[slug]
	read := to(t.Read)
	if !f.slugs[slug] || read == t.Read {
		return t.Read
	}
	t.Read = read
	t.ReadAt = f.stamp(t.ReadAt)
	f.setTalk(slug, t)
	return read
}

// setTalk stores t, forgetting the oldest talks beyond MaxTalks.
func (f *FileState) setTalk(slug string, t talkEntry) {
	if f.e.Talks == nil {
		f.e.Talks = map[string]talkEntry{}
	}
	f.e.Talks[slug] = t
	if len(f.e.Talks) > MaxTalks {
		f.e.trimTalks(MaxTalks)
	}
}

// stamp records a change to a field last changed at prev and returns its
// new time: now, but always after prev, so that a change made here wins a
// merge against what it replaced even if the clock went back.
func (f *FileState) stamp(prev int64) int64 {
	at := max(f.s.opts.Now().UnixMilli(), prev+1)
	f.e.Used = max(at, f.e.Used)
	f.s.gen++
	if f.keep {
		f.s.dirty[f.path] = f.s.gen
	}
	return at
}

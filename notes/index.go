package notes

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// index holds what Search precomputes over a document's talks. It is built
// once, on the first search, and never changes afterwards, so searches may
// run from several goroutines at once. A Document's Talks must not change
// after its first search.
type index struct {
	once sync.Once
	s    *searchIndex
}

// searchIndex is the built index.
type searchIndex struct {
	talks    []talkIndex
	maxRunes int // the most runes of any title, speaker or body
}

// talkIndex is one talk's text, prepared for matching.
type talkIndex struct {
	title   foldedText
	speaker foldedText
	body    foldedText
}

// foldedText is a text with accents folded (fold) and, in addition,
// lowercased (lower). Both have the same byte layout: a byte offset in one
// is the same byte offset in the other, and rune positions in either are
// rune positions in the original text.
type foldedText struct {
	fold  string
	lower string
	ascii bool   // fold is ASCII: byte offsets are rune positions
	chars uint64 // charBit of every rune of lower
}

func newFoldedText(s string) foldedText {
	f := Fold(s)
	return foldedText{fold: f, lower: lowerSameLen(f), ascii: isASCII(f), chars: charMask(lowerSameLen(f))}
}

// searchIndex returns the document's index, building it on first use.
func (d *Document) searchIndex() *searchIndex {
	d.index.once.Do(func() {
		s := &searchIndex{talks: make([]talkIndex, len(d.Talks))}
		for i, t := range d.Talks {
			s.talks[i] = talkIndex{
				title:   newFoldedText(t.Title),
				speaker: newFoldedText(t.Speaker),
				body:    newFoldedText(t.Body),
			}
			s.maxRunes = max(s.maxRunes, utf8.RuneCountInString(t.Title), utf8.RuneCountInString(t.Speaker), utf8.RuneCountInString(t.Body))
		}
		d.index.s = s
	})
	return d.index.s
}

// lowerSameLen lowercases s rune for rune where that keeps the rune's
// encoded length, so the result has the byte layout of s. Invalid UTF-8
// bytes become U+FFFD, as Fold does. (After Fold, the few runes whose
// lowercase has another length are exotic: they stay as they are.)
func lowerSameLen(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
			r = l
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// charBit maps a rune to a bit: ASCII letters and digits get their own
// bit (case folded), everything else shares bit 63. A text whose charMask
// lacks a bit of a term's mask cannot contain the term, not even as a
// scattered subsequence.
func charBit(r rune) uint64 {
	switch {
	case r >= 'a' && r <= 'z':
		return 1 << (r - 'a')
	case r >= 'A' && r <= 'Z':
		return 1 << (r - 'A')
	case r >= '0' && r <= '9':
		return 1 << (26 + r - '0')
	}
	return 1 << 63
}

func charMask(s string) uint64 {
	var m uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			m |= charBit(rune(c))
		} else {
			m |= 1 << 63
		}
	}
	return m
}

package index

import (
	"context"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes/internal/fold"
)

// This file serves queries in the extended syntax (notes.ParseQuery),
// which notes evaluates talk by talk: the index narrows the talks a term
// can match, cheaply and soundly, so that the exact evaluation runs on
// few of them.

// Rated returns the talks rated minStars to maxStars, in schedule order.
func (ix *Index) Rated(minStars, maxStars int) []int32 {
	var out []int32
	for i, s := range ix.stars {
		if int(s) >= minStars && int(s) <= maxStars {
			out = append(out, int32(i))
		}
	}
	return out
}

// Where says which fields a term looks at.
type Where struct{ Title, Speaker, Notes bool }

// MayContain sets may[i] for every talk i whose fields in w may hold key,
// a term's text folded (and lowercased unless sensitive), as a substring
// or as a subsequence in title or speaker: every talk that does is set,
// and some that do not may be. In the notes, each piece of ASCII letters
// and digits of key must be inside a word of the body; a key without
// such a piece sets every talk.
func (ix *Index) MayContain(ctx context.Context, key string, sensitive bool, w Where, may []bool) error {
	if w.Title || w.Speaker {
		chars := charMask(fold.Lower(key))
		for i := range ix.talks {
			if w.Title && chars&^ix.titleChars[i] == 0 || w.Speaker && chars&^ix.speakerChars[i] == 0 {
				may[i] = true
			}
		}
	}
	if !w.Notes {
		return nil
	}
	var pieces []string
	for i := 0; i < len(key); {
		j, ascii := i, true
		for j < len(key) {
			r, size := utf8.DecodeRuneInString(key[j:])
			if !fold.IsWordRune(r) {
				break
			}
			ascii = ascii && r < utf8.RuneSelf
			j += size
		}
		if j > i && ascii {
			pieces = append(pieces, key[i:j])
		}
		if j == len(key) {
			break
		}
		_, size := utf8.DecodeRuneInString(key[j:])
		i = j + size
	}
	if len(pieces) == 0 {
		for i := range may {
			may[i] = true
		}
		return nil
	}
	ix.notes()
	var cand []uint8
	for _, p := range pieces {
		tiers := make([]uint8, len(ix.talks))
		if err := ix.vocabTiers(ctx, p, sensitive, false, false, tiers); err != nil {
			return err
		}
		if cand == nil {
			cand = tiers
			continue
		}
		for i, t := range tiers {
			if t == tierNone {
				cand[i] = tierNone
			}
		}
	}
	for i, t := range cand {
		if t != tierNone {
			may[i] = true
		}
	}
	return nil
}

// Ranks returns, per talk, its place in title order (SortTitle) or
// speaker order (SortSpeaker): folded, case-insensitive, ties in schedule
// order.
func (ix *Index) Ranks(s Sort) []int32 {
	byTitle, bySpeaker := ix.orders()
	perm := byTitle
	if s == SortSpeaker {
		perm = bySpeaker
	}
	rank := make([]int32, len(ix.talks))
	for r, t := range perm {
		rank[t] = int32(r)
	}
	return rank
}

// The tiers NotesTiers reports: a word holds the key inside, at its
// start, or is the key.
const (
	NotesInner  uint8 = tierInner
	NotesPrefix uint8 = tierPrefix
	NotesWord   uint8 = tierWord
)

// NotesTiers returns, per talk, how key (ASCII letters and digits,
// folded, lowercased unless sensitive) is in its notes: the best of
// NotesInner, NotesPrefix and NotesWord over the body's words, or 0 when
// no word holds it. With whole, only words that are the key count. Such
// a key is in a body exactly when it is in one of its words, so this
// answers without reading the notes.
func (ix *Index) NotesTiers(ctx context.Context, key string, sensitive, whole bool) ([]uint8, error) {
	ix.notes()
	tiers := make([]uint8, len(ix.talks))
	if err := ix.vocabTiers(ctx, key, sensitive, whole, whole, tiers); err != nil {
		return nil, err
	}
	return tiers, nil
}

// FoldedText is a text folded (Fold) and folded and lowercased (Lower),
// as the index keeps titles and speakers; ASCII says Fold is ASCII.
type FoldedText struct {
	Fold, Lower string
	ASCII       bool
}

// FoldedFields returns talk i's title and speaker as the index keeps them.
func (ix *Index) FoldedFields(i int) (title, speaker FoldedText) {
	t := &ix.talks[i]
	ti, sp := t.titleText(0), t.speakerText(0)
	return FoldedText{ti.fold, ti.lower, ti.ascii}, FoldedText{sp.fold, sp.lower, sp.ascii}
}

// SnippetSet makes the snippets of a query's terms, sharing them.
type SnippetSet struct{ terms *searchTerms }

// NewSnippetSet returns the SnippetSet of keys (terms' texts folded, and
// lowercased unless sensitive[k]).
func NewSnippetSet(keys []string, sensitive []bool) SnippetSet {
	st := &searchTerms{terms: make([]term, len(keys))}
	for k, key := range keys {
		st.terms[k] = term{text: key, sensitive: sensitive[k], runes: utf8.RuneCountInString(key), ascii: fold.IsASCII(key)}
	}
	return SnippetSet{st}
}

// Of returns the Snippet of the keys with bit k set in bits (bit 63: the
// 64th key and every later one).
func (s SnippetSet) Of(bits uint64) Snippet {
	if bits == 0 || s.terms == nil {
		return Snippet{}
	}
	return Snippet{terms: s.terms, bits: bits}
}

package notes

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/golanguk/golanguk/notes/internal/index"
)

// Field names the part of a talk a query matched.
type Field int

const (
	FieldNone    Field = iota // no query: every talk is a hit
	FieldTitle                // the strongest match was in the title
	FieldSpeaker              // ... in the speaker's name
	FieldNotes                // ... only in the notes body
	FieldLink                 // ... only in a URL of the talk (link:)
)

func (f Field) String() string {
	switch f {
	case FieldTitle:
		return "title"
	case FieldSpeaker:
		return "speaker"
	case FieldNotes:
		return "notes"
	case FieldLink:
		return "link"
	}
	return ""
}

// Sort is an order for listed talks.
type Sort int

const (
	SortSchedule  Sort = iota // file order
	SortStars                 // most stars first, then schedule
	SortTitle                 // by title, case- and accent-insensitive
	SortSpeaker               // by speaker, then schedule
	SortRelevance             // best match first (only with a query)
)

var sortNames = [...]string{
	SortSchedule:  "schedule",
	SortStars:     "stars",
	SortTitle:     "title",
	SortSpeaker:   "speaker",
	SortRelevance: "relevance",
}

// String returns the name ParseSort accepts for s.
func (s Sort) String() string {
	if s < 0 || int(s) >= len(sortNames) {
		return fmt.Sprintf("Sort(%d)", int(s))
	}
	return sortNames[s]
}

// ParseSort returns the Sort named s: "schedule", "stars", "title",
// "speaker" or "relevance" (case-insensitive).
func ParseSort(s string) (Sort, error) {
	for i, name := range sortNames {
		if strings.EqualFold(s, name) {
			return Sort(i), nil
		}
	}
	return 0, fmt.Errorf("notes: unknown sort %q (want schedule, stars, title, speaker or relevance)", s)
}

// Query selects and orders talks.
type Query struct {
	// Text is the search, in the syntax ParseQuery reads: space-separated
	// terms, all of which must match, with fzf's extended syntax and
	// fields. A plain word means what it always has.
	Text string
	// MinStars keeps only talks with at least this rating (0: all). The
	// stars: terms of Text apply as well.
	MinStars int
	// Sort orders the hits. With a Text and SortSchedule unset callers
	// usually pass SortRelevance.
	Sort Sort
}

// Hit is one talk selected by a Query, with what matched. A hit is a
// value: Search shares nothing with it that can change.
type Hit struct {
	Talk *Talk
	// Field is the strongest field matched: title over speaker over notes.
	Field Field
	// TitlePos and SpeakerPos are the matched rune positions in Talk.Title
	// and Talk.Speaker, for highlighting. Scattered letters of a term are
	// left out when the term matched better in another field.
	TitlePos   []int
	SpeakerPos []int
	// Score ranks hits; higher is better.
	Score int

	snippet index.Snippet
	query   *ParsedQuery // for Marks
}

// Snippet returns one line of the notes around the first notes match, and
// the matched rune positions inside it. It is made, when asked for, for
// the terms whose best match is in the notes (a term found in the title
// needs no snippet): it is empty when there are none, and never empty when
// Field is FieldNotes. Its cost is that of reading the notes up to the
// match.
func (h Hit) Snippet() (text string, pos []int) {
	if h.Talk == nil {
		return "", nil
	}
	return h.snippet.Make(h.Talk.Body)
}

// searchIndex holds the index Search builds on first use. A Document's
// Talks must not change after its first search.
type searchIndex struct {
	once sync.Once
	ix   *index.Index

	fieldsOnce sync.Once
	fields     []TalkFields // see queryFields
}

// searchIndex returns the document's index, building it on first use.
func (d *Document) searchIndex() *index.Index {
	d.search.once.Do(func() {
		d.search.ix = index.NewOf(len(d.Talks), func(i int) index.Talk {
			t := d.Talks[i]
			return index.Talk{Title: t.Title, Speaker: t.Speaker, Body: t.Body, Stars: t.Stars}
		})
	})
	return d.search.ix
}

// PrepareSearch builds the search index now rather than at the first
// search. Building it takes time proportional to the size of the notes
// (a few hundred milliseconds at 100,000 talks), so an interactive caller
// may run this in the background after loading a large document. Safe to
// call from several goroutines and more than once.
func (d *Document) PrepareSearch() { d.searchIndex().Prepare() }

// Search returns the talks selected by q: those rated at least q.MinStars
// and, when q.Text is not empty, matched by the query it holds, in the
// order q.Sort asks for. q.Text is read by ParseQuery (fzf's extended
// syntax with title:, speaker:, notes:, link:, stars: and has:) and means
// what ParsedQuery.MatchTalk says; a query ParseQuery rejects finds
// nothing, and Query.Check reports why.
//
// A plain word matches as it always has: case-insensitively unless it
// holds an upper-case letter (smart case, per term as in fzf), and accents
// never matter: "patan" and "Patan" find "Pățan". Title and speaker are
// matched fuzzily (the letters of the term in order: contiguous, or each
// piece on a word start, or close together); the notes body by substring.
// With SortRelevance the best matches come first: a clean match in the
// title (a whole word, a word start, inside a word, or a title word of the
// term's stem: "profile" for "profiling") over one in the speaker, over a
// whole word in the notes, over letters on word starts in a title ("gc"
// in "Go & C"), over a word start or an inside in the notes, over
// scattered letters; then schedule order. Exact, boundary and anchored
// terms rank as whole words; an OR group by its best branch; excluded
// terms and filters do not rank.
//
// With an empty Text every talk that passes MinStars is a hit with Field
// FieldNone and SortRelevance means schedule order.
func (d *Document) Search(q Query) []Hit {
	hits, _ := d.SearchContext(context.Background(), q)
	return hits
}

// SearchContext is Search, abandoned with ctx.Err() soon after ctx is
// cancelled, so an interactive caller can supersede a stale search.
// A query that Check rejects finds nothing.
func (d *Document) SearchContext(ctx context.Context, q Query) ([]Hit, error) {
	pq, err := ParseQuery(q.Text)
	if err != nil {
		return nil, ctx.Err()
	}
	if strings.TrimSpace(q.Text) == "" && (q.Sort == SortSchedule || q.Sort == SortRelevance) {
		// Every talk rated high enough, in file order: no index needed
		// (list of 1,000,000 talks built one of 230 MB to answer it).
		hits := make([]Hit, 0, len(d.Talks))
		for i, t := range d.Talks {
			if i%1024 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if t.Stars >= q.MinStars {
				hits = append(hits, Hit{Talk: t, query: pq})
			}
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return hits, nil
	}
	terms, ok := engineTerms(pq)
	if !ok {
		return d.searchParsed(ctx, q, pq)
	}
	// Plain words, exact and boundary words, and stars: bounds: the
	// engine's own terms.
	iq := index.Query{Terms: terms, MinStars: max(q.MinStars, pq.MinStars), Sort: index.Sort(q.Sort)}
	hits, err := index.Search(ctx, d.searchIndex(), iq, func(m index.Match) Hit {
		return Hit{
			Talk:       d.Talks[m.Talk],
			Field:      Field(m.Field),
			TitlePos:   m.TitlePos,
			SpeakerPos: m.SpeakerPos,
			Score:      m.Score,
			snippet:    m.Snippet,
			query:      pq,
		}
	})
	if pq.MaxStars < MaxStars {
		hits = slices.DeleteFunc(hits, func(h Hit) bool { return h.Talk.Stars > pq.MaxStars })
	}
	if err == nil && q.Sort == SortRelevance {
		rankByMentions(hits, pq)
	}
	return hits, err
}

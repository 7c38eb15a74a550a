// Package index is the search engine behind notes.Document.Search, built
// for the 100,000-talk target. Its files, by role:
//
//	index.go    the index: folded titles and speakers, and the notes'
//	            vocabulary with the talks holding each word (New, Prepare)
//	terms.go    a query's terms, and how each is looked up in the vocabulary
//	match.go    matching the terms against one talk: tiers, fuzzy alignment
//	search.go   Search: the talks in parts at once, the matches put in
//	            order by a counting sort
//	snippet.go  snippets, made on demand (Snippet.Make)
//	filter.go   what notes asks of the index for queries in the extended
//	            syntax it evaluates itself: ratings, candidates, notes tiers
//
// BenchmarkSearch here measures the engine alone; the notes package's
// BenchmarkSearch and BenchmarkSearchIndex measure it through its API.
package index

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Field names the part of a talk a query matched.
type Field int

const (
	FieldNone    Field = iota // no query: every talk is a hit
	FieldTitle                // the strongest match was in the title
	FieldSpeaker              // ... in the speaker's name
	FieldNotes                // ... only in the notes body
)

// Sort is an order for the matches, as notes.Sort.
type Sort int

const (
	SortSchedule  Sort = iota // file order
	SortStars                 // most stars first, then schedule
	SortTitle                 // by title, case- and accent-insensitive
	SortSpeaker               // by speaker, then schedule
	SortRelevance             // best match first (only with a query)
)

// Query selects and orders talks, as notes.Query.
type Query struct {
	Text     string
	MinStars int
	Sort     Sort
	// Terms, when not nil, are the terms, in place of Text's words.
	Terms []Term
}

// Term is one term of a query, all of which must match.
type Term struct {
	Text string
	Kind Kind
}

// Kind is how a term matches, as notes.MatchKind: fuzzy, or (for a text
// of ASCII letters and digits only) exact or at word boundaries. Exact
// and boundary terms rank as whole words wherever they are found.
type Kind int

const (
	KindFuzzy Kind = iota
	KindExact
	KindBoundary
)

// Match is one talk selected by a Query, with what matched.
type Match struct {
	Talk  int // index of the talk in those given to New
	Field Field
	// TitlePos and SpeakerPos are the matched rune positions in the
	// talk's title and speaker.
	TitlePos, SpeakerPos []int
	Score                int
	// Snippet makes the match's snippet, on demand.
	Snippet Snippet
}

// Snippet makes a match's snippet: it holds the query's terms whose best
// match is in the notes. The zero Snippet makes none.
type Snippet struct {
	terms *searchTerms
	bits  uint64 // bit k: terms[k] is best matched in the notes
}

// Make returns the snippet of body, the notes of the match's talk: one
// line around the first notes match of the terms, and the matched rune
// positions inside it; "" when no term is best matched in the notes. The
// line is that of the body as it is read (SearchText): "**L**iskov" shows
// as "**Liskov", whole.
func (s Snippet) Make(body string) (string, []int) {
	if s.terms == nil || s.bits == 0 {
		return "", nil
	}
	var ts []*term
	for k := range s.terms.terms {
		if k < 64 && s.bits&(1<<k) != 0 || k >= 64 && s.bits&(1<<63) != 0 {
			ts = append(ts, &s.terms.terms[k])
		}
	}
	return snippet(SearchText(body), ts)
}

// ctxCheckEvery is how many talks a search looks at between checks of its
// context.
const ctxCheckEvery = 256

// minPartTalks is the fewest talks worth a goroutine of their own.
const minPartTalks = 2048

// Search returns the matches of q, made into hits by hit, in the order
// q.Sort asks for; see notes.Document.Search for what matches. It is
// abandoned with ctx.Err() soon after ctx is cancelled. hit may be called
// from several goroutines at once.
func Search[H any](ctx context.Context, ix *Index, q Query, hit func(Match) H) ([]H, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	maxRunes := ix.maxRunes
	if strings.TrimSpace(q.Text) != "" || len(q.Terms) > 0 {
		maxRunes = ix.notes()
	}
	terms, ok := parseTerms(q.Text, maxRunes)
	if q.Terms != nil {
		terms, ok = prepareTerms(q.Terms, maxRunes)
	}
	if !ok {
		return nil, nil
	}
	st := &searchTerms{terms: terms}

	// The talks still in the running: rated high enough, then, term by
	// term, those the index says may match it. Terms are prepared one at
	// a time, so a query of many terms stops as soon as nothing is left.
	alive := ix.rated(q.MinStars)
	defer alivePool.Put(&alive)
	for k := range terms {
		tm := &terms[k]
		if err := ix.prepareNotes(ctx, tm); err != nil {
			return nil, err
		}
		n := 0
		for _, i := range alive {
			if mayMatch(ix, tm, int(i)) {
				alive[n] = i
				n++
			}
		}
		if alive = alive[:n]; n == 0 {
			return nil, nil
		}
	}

	parts := make([]part, min(runtime.GOMAXPROCS(0), max(1, len(alive)/minPartTalks)))
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(alive)/len(parts), (p+1)*len(alive)/len(parts)
		wg.Go(func() { parts[p].search(ctx, ix, st, alive[lo:hi]) })
	}
	wg.Wait()
	for _, p := range parts {
		if p.err != nil {
			return nil, p.err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	hits := makeHits(ix, parts, st, q.Sort, hit)
	for _, p := range parts {
		matchPool.Put(&p.matches)
	}
	return hits, nil
}

// A part searches a range of talks. Its results are compact (a hit is
// large, and there may be 100,000 of them) until they are put in order.
type part struct {
	matches []match
	slab    []int // the matches' rune positions
	err     error
}

// match is one talk's match; its positions are in its part's slab.
type match struct {
	order     int32
	score     int32
	snipTerms uint64
	// pos are where its positions are: the title's slab[pos[0]:pos[1]],
	// the speaker's slab[pos[1]:pos[2]]. With field a byte, a match is 32
	// bytes, not 40: 8 MB less at 1,000,000 hits.
	pos   [3]int32
	field int8 // a Field
}

// search matches the talks, given in schedule order.
func (p *part) search(ctx context.Context, ix *Index, st *searchTerms, talks []int32) {
	// Room for every talk: growing by appending would allocate several
	// times as much, and matches hold no pointers, so they cost the
	// garbage collector nothing but their allocation. The buffer goes back
	// to matchPool once the hits are made.
	if b, ok := matchPool.Get().(*[]match); ok && cap(*b) >= len(talks) {
		p.matches = (*b)[:0]
	} else {
		p.matches = make([]match, 0, len(talks))
	}
	if len(st.terms) == 0 {
		for n, i := range talks {
			if n%ctxCheckEvery == ctxCheckEvery-1 {
				if p.err = ctx.Err(); p.err != nil {
					return
				}
			}
			p.matches = append(p.matches, match{order: i})
		}
		return
	}
	p.slab = make([]int, 0, min(2*len(talks), 1<<16))
	m := matcher{terms: st.terms}
	for n, i := range talks {
		if n%ctxCheckEvery == ctxCheckEvery-1 {
			if p.err = ctx.Err(); p.err != nil {
				return
			}
		}
		r := match{order: i}
		if !m.match(&r, ix, int(i)) {
			continue
		}
		at := int32(len(p.slab))
		r.pos = [3]int32{at, at, at}
		if len(m.title) > 0 {
			f := ix.talks[i].titleText(0)
			var rng [2]int32
			rng, p.slab = appendRunePositions(p.slab, &f, m.title)
			r.pos[1], r.pos[2] = rng[1], rng[1]
		}
		if len(m.spk) > 0 {
			f := ix.talks[i].speakerText(0)
			var rng [2]int32
			rng, p.slab = appendRunePositions(p.slab, &f, m.spk)
			r.pos[2] = rng[1]
		}
		p.matches = append(p.matches, r)
	}
}

// alivePool recycles the lists of talks a search keeps in the running.
var alivePool sync.Pool

// rated returns the talks rated at least minStars, in a buffer from
// alivePool.
func (ix *Index) rated(minStars int) []int32 {
	alive, ok := alivePool.Get().(*[]int32)
	var a []int32
	if ok && cap(*alive) >= len(ix.stars) {
		a = (*alive)[:0]
	} else {
		a = make([]int32, 0, len(ix.stars))
	}
	for i, s := range ix.stars {
		if int(s) >= minStars {
			a = append(a, int32(i))
		}
	}
	return a
}

// matchPool recycles the parts' match buffers between searches.
var matchPool sync.Pool

// makeHits makes the hits of the parts' matches (each part in schedule
// order, the parts in order), ordered by s; ties keep schedule order.
func makeHits[H any](ix *Index, parts []part, st *searchTerms, s Sort, hit func(Match) H) []H {
	n := 0
	for _, p := range parts {
		n += len(p.matches)
	}
	out := make([]H, n)
	put := func(i int, p *part, r *match) {
		m := Match{Talk: int(r.order), Field: Field(r.field), Score: int(r.score)}
		if a, b := r.pos[0], r.pos[1]; b > a {
			m.TitlePos = p.slab[a:b:b]
		}
		if a, b := r.pos[1], r.pos[2]; b > a {
			m.SpeakerPos = p.slab[a:b:b]
		}
		if r.snipTerms != 0 {
			m.Snippet = Snippet{terms: st, bits: r.snipTerms}
		}
		out[i] = hit(m)
	}
	var key func(r *match) int // sorts ascending; ties keep schedule order
	switch s {
	case SortStars:
		key = func(r *match) int { return -int(ix.stars[r.order]) }
	case SortRelevance:
		if len(st.terms) > 0 {
			key = func(r *match) int { return -int(r.score) }
		}
	case SortTitle, SortSpeaker:
		byTitle, bySpeaker := ix.orders()
		perm := byTitle
		if s == SortSpeaker {
			perm = bySpeaker
		}
		rank := make([]int32, len(ix.talks))
		for r, t := range perm {
			rank[t] = int32(r)
		}
		key = func(r *match) int { return int(rank[r.order]) }
	}
	// Filling the hits is most of the cost of ordering 100,000 matches:
	// the parts fill theirs at once, each at positions known beforehand.
	var wg sync.WaitGroup
	if key == nil {
		i := 0
		for k := range parts {
			p := &parts[k]
			from := i
			wg.Go(func() {
				for j := range p.matches {
					put(from+j, p, &p.matches[j])
				}
			})
			i += len(p.matches)
		}
		wg.Wait()
		return out
	}
	// A stable counting sort: the keys (stars, scores, ranks) span a
	// small range, at most the number of talks.
	lo, hi := math.MaxInt, math.MinInt
	for _, p := range parts {
		for j := range p.matches {
			k := key(&p.matches[j])
			lo, hi = min(lo, k), max(hi, k)
		}
	}
	if n == 0 {
		return out
	}
	if uint(hi-lo) > uint(max(n, 1<<12)) {
		type ref struct{ p, j int }
		refs := make([]ref, 0, n)
		for k, p := range parts {
			for j := range p.matches {
				refs = append(refs, ref{k, j})
			}
		}
		slices.SortStableFunc(refs, func(a, b ref) int {
			return cmp.Compare(key(&parts[a.p].matches[a.j]), key(&parts[b.p].matches[b.j]))
		})
		for i, r := range refs {
			put(i, &parts[r.p], &parts[r.p].matches[r.j])
		}
		return out
	}
	// next[k][c] is where part k puts its next match of key lo+c: after
	// the matches of smaller keys, and of key lo+c in earlier parts.
	buckets := hi - lo + 1
	next := make([][]int, len(parts))
	for k := range parts {
		next[k] = make([]int, buckets)
		for j := range parts[k].matches {
			next[k][key(&parts[k].matches[j])-lo]++
		}
	}
	at := 0
	for c := range buckets {
		for k := range parts {
			n := next[k][c]
			next[k][c] = at
			at += n
		}
	}
	for k := range parts {
		p, next := &parts[k], next[k]
		wg.Go(func() {
			for j := range p.matches {
				r := &p.matches[j]
				c := key(r) - lo
				put(next[c], p, r)
				next[c]++
			}
		})
	}
	wg.Wait()
	return out
}

// prepareNotes decides how tm is looked up in the notes and does the

package notes

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes/internal/index"
)

// Check reports whether q.Text is a query Search can run: nil, or the
// *QueryError of ParseQuery, one line that says what and where
// ("query: stars:>=11: ratings go from 0 to 10"). Search finds nothing for a query Check rejects, so a
// caller that must tell a bad query from one without matches (the CLI's
// exit status 2, the hint under the browser's search box) asks Check.
func (q Query) Check() error {
	_, err := ParseQuery(q.Text)
	return err
}

// Stars returns the rating bounds q keeps: MinStars and the stars: terms
// of Text that stand alone in their group (see ParsedQuery.MinStars), both
// applied; 0 and MaxStars keep every talk. StarsString shows them as the
// browser header does. A Text that Check rejects adds no bound.
func (q Query) Stars() (minStars, maxStars int) {
	minStars, maxStars = max(q.MinStars, 0), MaxStars
	if pq, err := ParseQuery(q.Text); err == nil {
		minStars, maxStars = max(minStars, pq.MinStars), pq.MaxStars
	}
	return minStars, maxStars
}

// Marks returns the matches of the query's positive terms in the hit's
// talk, as ParsedQuery.MatchTalk makes them: by term (Mark.Term is in the
// hit's query, and its Span names it in Query.Text), in every field the
// term matched, notes and links included, as byte ranges. TitlePos and
// SpeakerPos are the same marks in title and speaker as rune positions,
// all terms together. Marks matches the talk again, so it costs the
// reading of its notes; it is nil for a hit of an empty query.
func (h Hit) Marks() []Mark {
	if h.query == nil || h.Talk == nil || len(h.query.Groups) == 0 {
		return nil
	}
	f := FieldsOf(h.Talk)
	m, _ := h.query.MatchTalk(&f)
	return m.Marks
}

// engineTerms returns the query as the engine's terms, when every group
// of q is one positive term of no field that the engine knows: a plain
// word without white space, or an exact or boundary term of ASCII letters
// and digits; or a stars: bound that q.MinStars and q.MaxStars hold.
func engineTerms(q *ParsedQuery) ([]index.Term, bool) {
	terms := []index.Term{}
	for _, g := range q.Groups {
		if len(g) != 1 {
			return nil, false
		}
		t := &g[0]
		if t.Field == InStars && !t.Negate {
			continue
		}
		if t.Field != InAny || t.Negate {
			return nil, false
		}
		switch t.Kind {
		case KindFuzzy:
			if strings.ContainsAny(t.Text, " \t\n\r\v\f") {
				return nil, false
			}
			terms = append(terms, index.Term{Text: t.Text})
		case KindExact, KindBoundary:
			if !isASCIIWordKey(t.Text) {
				return nil, false
			}
			kind := index.KindExact
			if t.Kind == KindBoundary {
				kind = index.KindBoundary
			}
			terms = append(terms, index.Term{Text: t.Text, Kind: kind})
		default:
			return nil, false
		}
	}
	return terms, true
}

// queryFields returns FieldsOf every talk, made on first use: only link:
// and has: terms need them.
func (d *Document) queryFields() []TalkFields {
	d.search.fieldsOnce.Do(func() {
		fs := make([]TalkFields, len(d.Talks))
		parts := min(runtime.GOMAXPROCS(0), max(1, len(fs)/2048))
		var wg sync.WaitGroup
		for p := range parts {
			lo, hi := p*len(fs)/parts, (p+1)*len(fs)/parts
			wg.Go(func() {
				for i := lo; i < hi; i++ {
					fs[i] = FieldsOf(d.Talks[i])
				}
			})
		}
		wg.Wait()
		d.search.fields = fs
	})
	return d.search.fields
}

// searchParsed runs a query of the extended syntax: the index narrows
// the talks each group of positive text terms can match, then
// ParsedQuery.MatchTalk, the reference meaning, decides on the rest.
func (d *Document) searchParsed(ctx context.Context, q Query, pq *ParsedQuery) ([]Hit, error) {
	ix := d.searchIndex()
	alive := ix.Rated(max(q.MinStars, pq.MinStars), pq.MaxStars)
	plans, err := planNotes(ctx, ix, pq)
	if err != nil {
		return nil, err
	}
	needFields := false
	var may []bool
	for gi, g := range pq.Groups {
		prune := true
		for i := range g {
			switch t := &g[i]; {
			case t.Field == InLinks || t.Field == InHas:
				needFields = true
				prune = false
			case t.Negate || t.Field == InStars || t.key == "":
				prune = false
			}
		}
		if !prune || len(alive) == 0 {
			continue
		}
		if may == nil {
			may = make([]bool, len(d.Talks))
		} else {
			clear(may)
		}
		for i := range g {
			t := &g[i]
			tiers := plans[gi][i]
			w := index.Where{Title: t.In(InTitle), Speaker: t.In(InSpeaker), Notes: t.In(InNotes) && tiers == nil}
			if err := ix.MayContain(ctx, t.key, t.CaseSensitive, w, may); err != nil {
				return nil, err
			}
			for k, tier := range tiers {
				if tier != 0 {
					may[k] = true
				}
			}
		}
		alive = slices.DeleteFunc(alive, func(i int32) bool { return !may[i] })
	}
	var fields []TalkFields
	if needFields && len(alive) > 0 {
		fields = d.queryFields()
	}

	// The snippet of a hit holds the positive terms best matched in its
	// notes: all of the query's positive text terms, one bit each.
	var keys []string
	var sensitive []bool
	for _, g := range pq.Groups {
		for i := range g {
			if t := &g[i]; !t.Negate && t.key != "" && !slices.Contains(keys, t.key) {
				keys = append(keys, t.key)
				sensitive = append(sensitive, t.CaseSensitive)
			}
		}
	}
	snips := index.NewSnippetSet(keys, sensitive)

	parts := make([][]rankedHit, min(runtime.GOMAXPROCS(0), max(1, len(alive)/512)))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(alive)/len(parts), (p+1)*len(alive)/len(parts)
		wg.Go(func() {
			for n, i := range alive[lo:hi] {
				if n%256 == 255 {
					if errs[p] = ctx.Err(); errs[p] != nil {
						return
					}
				}
				tk := d.Talks[i]
				var f TalkFields
				if fields != nil {
					f = fields[i]
				} else {
					f = TalkFields{Title: tk.Title, Speaker: tk.Speaker, Notes: tk.Body, Stars: tk.Stars}
				}
				title, speaker := ix.FoldedFields(int(i))
				pre := [2]foldedField{preFolded(tk.Title, title), preFolded(tk.Speaker, speaker)}
				m, ok := pq.matchTalk(&f, func(gi, ti int) (TermMatch, bool, bool) {
					tiers := plans[gi][ti]
					if tiers == nil {
						return TermMatch{}, false, false
					}
					m, found := notesMatch(&pq.Groups[gi][ti], tiers[i])
					return m, found, true
				}, &pre)
				if ok {
					parts[p] = append(parts[p], rankedHit{i, hitOf(tk, pq, &m, keys, snips)})
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ranked := slices.Concat(parts...)
	sortHits(ranked, q.Sort, ix)
	hits := make([]Hit, len(ranked))
	for k, r := range ranked {
		hits[k] = r.hit
	}
	if q.Sort == SortRelevance {
		rankByMentions(hits, pq)
	}
	return hits, nil
}

// rankedHit is a hit with the index of its talk, for sorting.
type rankedHit struct {
	talk int32
	hit  Hit
}

// preFolded is the foldedField of text, folded by the index as ft.
func preFolded(text string, ft index.FoldedText) foldedField {
	return foldedField{text: text, fold: ft.Fold, lower: ft.Lower, same: ft.ASCII || len(ft.Fold) == len(text) && isSameLayout(text, ft.Fold)}
}

// hitOf makes the hit of talk tk matched by pq as m says; keys are the
// texts snips finds in the notes.
func hitOf(tk *Talk, pq *ParsedQuery, m *TalkMatch, keys []string, snips index.SnippetSet) Hit {
	h := Hit{Talk: tk, Score: m.Score, query: pq}
	var (
		snipBits uint64
		best     = 0
	)
	for from := 0; from < len(m.Marks); {
		// The marks of one term are adjacent: find its best field.
		t := m.Marks[from].Term
		to := from
		score, field := 0, FieldNone
		for ; to < len(m.Marks) && m.Marks[to].Term == t; to++ {
			mk := &m.Marks[to]
			fd := fieldOf(mk.Field)
			if mk.Score > score || mk.Score == score && fd < field {
				score, field = mk.Score, fd
			}
			switch mk.Field {
			case InTitle:
				h.TitlePos = appendRunes(h.TitlePos, tk.Title, mk.Ranges)
			case InSpeaker:
				h.SpeakerPos = appendRunes(h.SpeakerPos, tk.Speaker, mk.Ranges)
			}
		}
		if k := slices.Index(keys, t.key); field == FieldNotes && k >= 0 {
			snipBits |= 1 << min(k, 63)
		}
		if score > best || score == best && field < h.Field {
			best, h.Field = score, field
		}
		from = to
	}
	slices.Sort(h.TitlePos)
	h.TitlePos = slices.Compact(h.TitlePos)
	slices.Sort(h.SpeakerPos)
	h.SpeakerPos = slices.Compact(h.SpeakerPos)
	h.snippet = snips.Of(snipBits)
	return h
}

func fieldOf(f TermField) Field {
	switch f {
	case InTitle:
		return FieldTitle
	case InSpeaker:
		return FieldSpeaker
	case InNotes:
		return FieldNotes
	case InLinks:
		return FieldLink
	}
	return FieldNone
}

// appendRunes appends the rune positions in text of the runes in ranges.
func appendRunes(pos []int, text string, ranges []Range) []int {
	for _, r := range ranges {
		n := utf8.RuneCountInString(text[:r.Start])
		for i := r.Start; i < r.End; {
			_, size := utf8.DecodeRuneInString(text[i:])
			pos = append(pos, n)
			n++
			i += size
		}
	}
	return pos
}

// sortHits orders hits, in schedule order, as s asks; ties keep schedule
// order.
func sortHits(hits []rankedHit, s Sort, ix *index.Index) {
	switch s {
	case SortStars:
		slices.SortStableFunc(hits, func(a, b rankedHit) int { return cmp.Compare(b.hit.Talk.Stars, a.hit.Talk.Stars) })
	case SortRelevance:
		slices.SortStableFunc(hits, func(a, b rankedHit) int { return cmp.Compare(b.hit.Score, a.hit.Score) })
	case SortTitle, SortSpeaker:
		rank := ix.Ranks(index.Sort(s))
		slices.SortStableFunc(hits, func(a, b rankedHit) int { return cmp.Compare(rank[a.talk], rank[b.talk]) })
	}
}

// planNotes returns, per term of pq, the tiers from the index of its text
// in every talk's notes, when the index answers for the notes (see
// index.NotesTiers): a fuzzy, exact or boundary term looking at the notes
// whose text is ASCII letters and digits. Other terms have nil, and the
// notes are read.
func planNotes(ctx context.Context, ix *index.Index, pq *ParsedQuery) ([][][]uint8, error) {
	plans := make([][][]uint8, len(pq.Groups))
	for gi, g := range pq.Groups {
		plans[gi] = make([][]uint8, len(g))
		for ti := range g {
			t := &g[ti]
			if !t.In(InNotes) || t.Kind > KindBoundary || !isASCIIWordKey(t.key) {
				continue
			}
			tiers, err := ix.NotesTiers(ctx, t.key, t.CaseSensitive, t.Kind == KindBoundary)
			if err != nil {
				return nil, err
			}
			plans[gi][ti] = tiers
		}
	}
	return plans, nil
}

func isASCIIWordKey(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return s != ""
}

// notesMatch is t's match in notes where the index found its text at
// tier (0: not found), as Term.find would make it, without ranges.
func notesMatch(t *Term, tier uint8) (TermMatch, bool) {
	var ti Tier
	switch {
	case tier == 0:
		return TermMatch{}, false
	case t.Kind != KindFuzzy || tier == index.NotesWord:
		ti = TierWord
	case tier == index.NotesPrefix:
		ti = TierPrefix
	default:
		ti = TierInner
	}
	return TermMatch{Tier: ti, Score: ti.Score(InNotes)}, true
}

// Mentions break ties among the best hits: mentionsFrom is how far down
// the list a run of equal scores may start, mentionsRun the longest run
// whose notes are read (a person reads the top of the list; reading more
// cost a plain search at 10,000 talks 70%). Past them, ties keep schedule
// order.
const (
	mentionsFrom = 20
	mentionsRun  = 100
)

// rankByMentions orders each run of equal scores at the top of hits,
// sorted by relevance, by how often the notes mention the query's
// ordinary words (positive terms of three or more ASCII letters and digits
// that look at the notes): of two talks that match alike, the one whose
// notes are about the word comes first. Ties keep schedule order.
func rankByMentions(hits []Hit, pq *ParsedQuery) {
	var keys []*Term
	for _, g := range pq.Groups {
		for i := range g {
			if t := &g[i]; !t.Negate && t.In(InNotes) && len(t.key) >= 3 && isASCIIWordKey(t.key) {
				keys = append(keys, t)
			}
		}
	}
	if len(keys) == 0 {
		return
	}
	for from := 0; from < len(hits) && from < mentionsFrom; {
		to := from + 1
		for to < len(hits) && hits[to].Score == hits[from].Score {
			to++
		}
		if run := hits[from:to]; len(run) > 1 && len(run) <= mentionsRun {
			n := make(map[*Talk]int, len(run))
			for _, h := range run {
				body := index.SearchText(h.Talk.Body) // once a hit, not once a key
				for _, t := range keys {
					n[h.Talk] += countMentions(body, t.key, t.CaseSensitive)
				}
			}
			slices.SortStableFunc(run, func(a, b Hit) int { return cmp.Compare(n[b.Talk], n[a.Talk]) })
		}
		from = to
	}
}

// countMentions counts the occurrences of key (ASCII letters and digits,
// lowercase unless sensitive) in body, ASCII case folded unless sensitive,
// without copying it. Accented letters do not count: this only breaks
// ties.
func countMentions(body, key string, sensitive bool) int {
	if sensitive {
		return strings.Count(body, key)
	}
	c0, up := key[0], key[0]
	if 'a' <= c0 && c0 <= 'z' {
		up = c0 - 'a' + 'A'
	}
	n := 0
	for i := 0; i <= len(body)-len(key); i++ {
		if b := body[i]; b != c0 && b != up {
			continue
		}
		if strings.EqualFold(body[i:i+len(key)], key) {
			n++
			i += len(key) - 1
		}
	}
	return n
}

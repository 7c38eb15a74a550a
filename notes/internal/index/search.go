// Package index is the search engine behind notes.Document.Search, built
// for the 100,000-talk target: a vocabulary of the notes' words with the
// talks holding each (postings), talks searched in parts at once, and a
// counting sort of the matches. Its benchmarks (BenchmarkSearch, and
// BenchmarkSearchIndex for building it) are notes' own, beside the API
// they serve; index_test.go tests the parts that have no other witness.
package index

import (
	"cmp"
	"context"
	"encoding/binary"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes/internal/fold"
	"github.com/sahilm/fuzzy"
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
}

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
// positions inside it; "" when no term is best matched in the notes.
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
	return snippet(body, ts)
}

// Match quality of one term in one field, weakest first.
const (
	tierNone      = iota
	tierScattered // a fuzzy subsequence, compact but not on word starts
	tierInner     // contiguous inside a word, or every piece on a word start ("sgd")
	tierPrefix    // contiguous from the start of a word
	tierWord      // a whole word
)

// fieldScores ranks a term's match by field and tier. A clean title match
// beats any speaker match, which beats any notes match: that is the order
// a person reads a list in. A scattered fuzzy match (the letters of "tst"
// spread over "testing") is weak evidence, so it ranks below every clean
// notes match, where the term appears as it was typed.
var fieldScores = [...][5]int{
	FieldTitle:   {tierScattered: 30, tierInner: 90, tierPrefix: 95, tierWord: 100},
	FieldSpeaker: {tierScattered: 25, tierInner: 70, tierPrefix: 75, tierWord: 80},
	FieldNotes:   {tierInner: 40, tierPrefix: 45, tierWord: 50},
}

// How a term is looked up in the notes.
const (
	notesByte  = iota // one ASCII byte: the talk's byte sets answer
	notesVocab        // letters and digits only: tiers, from the vocabulary
	notesScan         // other runes: tiers (if set) marks candidates; scan their bodies
)

// term is one space-separated word of a query, prepared for matching.
type term struct {
	text      string // folded; also lowercased unless sensitive
	sensitive bool   // smart case: the term has an upper-case letter
	chars     uint64 // charMask of the lowercased term
	runes     int    // rune count of text
	ascii     bool   // text is ASCII

	notes     int       // notesByte, notesVocab or notesScan
	anchor    int       // notesScan: offset of the first ASCII non-word byte of text, or -1
	tiers     []uint8   // per talk, see notes
	needASCII [2]uint64 // notesScan: ASCII non-word bytes a body must hold
}

// searchTerms is a query's terms, shared by its matches' snippets.
type searchTerms struct{ terms []term }

// parseTerms splits a query into terms, dropping duplicates. ok is false
// when some term is longer than every text of the document (maxRunes), so
// that nothing can match.
func parseTerms(text string, maxRunes int) (terms []term, ok bool) {
	seen := map[string]bool{}
	for _, f := range strings.Fields(text) {
		if seen[f] {
			continue
		}
		seen[f] = true
		// Folding keeps the rune count: check before the work.
		if utf8.RuneCountInString(f) > maxRunes {
			return nil, false
		}
		t := term{text: fold.String(f)}
		for _, r := range f {
			if unicode.IsUpper(r) {
				t.sensitive = true
				break
			}
		}
		lower := fold.Lower(t.text)
		if !t.sensitive {
			t.text = lower
		}
		t.chars = charMask(lower)
		t.runes = utf8.RuneCountInString(t.text)
		t.ascii = fold.IsASCII(t.text)
		terms = append(terms, t)
	}
	return terms, true
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
	if strings.TrimSpace(q.Text) != "" {
		maxRunes = ix.notes()
	}
	terms, ok := parseTerms(q.Text, maxRunes)
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

// A part searches a range of talks. Its results are compact (a Hit is
// large, and there may be 100,000 of them) until they are put in order.
type part struct {
	matches []match
	slab    []int // the matches' rune positions
	err     error
}

// match is one talk's match; its positions are in its part's slab.
type match struct {
	order          int32
	score          int32
	snipTerms      uint64
	title, speaker [2]int32 // slab[title[0]:title[1]]
	field          Field
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
		if !m.match(&r, ix, int(i), ix.src[i].Body) {
			continue
		}
		if len(m.title) > 0 {
			r.title, p.slab = appendRunePositions(p.slab, &ix.talks[i].title, m.title)
		}
		if len(m.spk) > 0 {
			r.speaker, p.slab = appendRunePositions(p.slab, &ix.talks[i].speaker, m.spk)
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
		m := Match{Talk: int(r.order), Field: r.field, Score: int(r.score)}
		if r.title[1] > r.title[0] {
			m.TitlePos = p.slab[r.title[0]:r.title[1]:r.title[1]]
		}
		if r.speaker[1] > r.speaker[0] {
			m.SpeakerPos = p.slab[r.speaker[0]:r.speaker[1]:r.speaker[1]]
		}
		if r.snipTerms != 0 {
			m.Snippet = Snippet{terms: st, bits: r.snipTerms}
		}
		out[i] = hit(m)
	}
	var key func(r *match) int // sorts ascending; ties keep schedule order
	switch s {
	case SortStars:
		key = func(r *match) int { return -ix.src[r.order].Stars }
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
// vocabulary part of it.
func (ix *Index) prepareNotes(ctx context.Context, tm *term) error {
	if len(tm.text) == 1 {
		tm.notes = notesByte
		return nil
	}
	var pieces []string
	scan := false
	for i := 0; i < len(tm.text); {
		j := i
		for j < len(tm.text) {
			r, size := utf8.DecodeRuneInString(tm.text[j:])
			if !fold.IsWordRune(r) {
				break
			}
			j += size
		}
		if j > i {
			pieces = append(pieces, tm.text[i:j])
		}
		if j == len(tm.text) {
			break
		}
		r, size := utf8.DecodeRuneInString(tm.text[j:])
		if r < utf8.RuneSelf {
			setASCIIBit(&tm.needASCII, byte(r))
		}
		scan = true
		i = j + size
	}
	if !scan {
		tm.notes = notesVocab
		tm.tiers = make([]uint8, len(ix.talks))
		return ix.vocabTiers(ctx, tm.text, tm.sensitive, false, false, tm.tiers)
	}
	// Each piece of letters and digits is in a word of the body; a piece
	// after other runes starts its word, one before them ends it.
	tm.notes = notesScan
	tm.anchor = -1
	for i := 0; i < len(tm.text); i++ {
		if c := tm.text[i]; c < utf8.RuneSelf && !isASCIIWord(c) {
			tm.anchor = i
			break
		}
	}
	var cand []uint8
	for k, p := range pieces {
		mustStart := k > 0 || !strings.HasPrefix(tm.text, p)
		mustEnd := k < len(pieces)-1 || !strings.HasSuffix(tm.text, p)
		tiers := make([]uint8, len(ix.talks))
		if err := ix.vocabTiers(ctx, p, tm.sensitive, mustStart, mustEnd, tiers); err != nil {
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
	tm.tiers = cand
	return nil
}

// vocabTiers records in tiers, for every talk with a word holding t, the
// best tier of t in those words. With mustStart (mustEnd) only words that
// start (end) with t count.
//
// A large vocabulary is searched in parts at once, each part's tiers
// merged into tiers at the end: a short term is in many words, and
// reading their postings is most of the cost of typing its first letters.
func (ix *Index) vocabTiers(ctx context.Context, t string, sensitive, mustStart, mustEnd bool, tiers []uint8) error {
	cat := ix.lowerCat
	if sensitive {
		cat = ix.foldCat
	}
	parts := min(runtime.GOMAXPROCS(0), max(1, len(cat)/minVocabPart))
	if parts == 1 {
		return ix.vocabTiersIn(ctx, cat, 0, len(cat), t, mustStart, mustEnd, tiers)
	}
	partTiers := make([][]uint8, parts)
	errs := make([]error, parts)
	var wg sync.WaitGroup
	for p := range parts {
		// Each part ends at a word's NUL, so no occurrence straddles two.
		lo, hi := vocabCut(cat, p*len(cat)/parts), vocabCut(cat, (p+1)*len(cat)/parts)
		pt := tiers
		if p > 0 {
			pt = make([]uint8, len(tiers))
			partTiers[p] = pt
		}
		wg.Go(func() { errs[p] = ix.vocabTiersIn(ctx, cat, lo, hi, t, mustStart, mustEnd, pt) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for _, pt := range partTiers[1:] {
		for i, tier := range pt {
			tiers[i] = max(tiers[i], tier)
		}
	}
	return nil
}

// minVocabPart is the fewest bytes of vocabulary worth a goroutine.
const minVocabPart = 64 << 10

// vocabCut returns the offset of the first word separator (NUL) of cat at
// or after i, or len(cat).
func vocabCut(cat string, i int) int {
	if i >= len(cat) {
		return len(cat)
	}
	j := strings.IndexByte(cat[i:], 0)
	if j < 0 {
		return len(cat)
	}
	return i + j
}

// vocabTiersIn is vocabTiers for the words of cat[lo:hi] (which start and
// end at word separators or the ends of cat).
func (ix *Index) vocabTiersIn(ctx context.Context, cat string, lo, hi int, t string, mustStart, mustEnd bool, tiers []uint8) error {
	cat = cat[:hi]
	for from, n := lo, 0; ; n++ {
		if n%1024 == 1023 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		i := strings.Index(cat[from:], t)
		if i < 0 {
			return nil
		}
		i += from
		w := ix.wordAt(i)
		ws := int(ix.starts[w])
		word := ix.words[w]
		we := ws + len(word)
		tier := tierNone
		for k := i - ws; k >= 0; {
			end := k + len(t)
			switch {
			case mustStart && k != 0, mustEnd && end != len(word):
			case k == 0 || wordStart(word, k):
				if wordEnd(word, end) {
					tier = tierWord
				} else {
					tier = max(tier, tierPrefix)
				}
			default:
				tier = max(tier, tierInner)
			}
			if tier == tierWord {
				break
			}
			next := strings.Index(cat[ws+k+1:we], t)
			if next < 0 {
				break
			}
			k += 1 + next
		}
		if tier != tierNone {
			// The talks holding w (see searchIndex.postings), decoded here:
			// this loop is the cost of a short term.
			tr := uint8(tier)
			for _, p := range ix.postings[ix.postStart[w]:ix.postStart[w+1]] {
				talk := int32(-1)
				for j := 0; j < len(p); {
					if b := p[j]; b < 0x80 {
						talk += int32(b)
						j++
					} else {
						d, n := binary.Uvarint(p[j:])
						talk += int32(d)
						j += n
					}
					if tiers[talk] < tr {
						tiers[talk] = tr
					}
				}
			}
		}
		from = we
	}
}

// matcher matches terms against talks, reusing its buffers.
type matcher struct {
	terms  []term
	pos    []int      // byte offsets, scratch
	title  []int      // byte offsets matched in the title
	spk    []int      // ... in the speaker
	body   foldedText // the folded body of talk bodyOf-1
	bodyOf int
}

// mayMatch reports whether tm may match talk i, from what the index knows
// without looking at the text.
func mayMatch(ix *Index, tm *term, i int) bool {
	if tm.chars&^ix.titleChars[i] == 0 || tm.chars&^ix.speakerChars[i] == 0 {
		return true
	}
	switch tm.notes {
	case notesByte:
		return byteTier(&ix.talks[i], tm) != tierNone
	case notesVocab:
		return tm.tiers[i] != tierNone
	case notesScan:
		return tm.tiers == nil || tm.tiers[i] != tierNone
	}
	return true
}

// match reports whether every term matches talk i, whose notes are body,
// and fills r; the matched byte offsets are left in m.title and m.spk.
func (m *matcher) match(r *match, ix *Index, i int, body string) bool {
	t := &ix.talks[i]
	m.title, m.spk = m.title[:0], m.spk[:0]
	best := 0
	for k := range m.terms {
		tm := &m.terms[k]
		titleTier, titlePos := m.matchField(&t.title, tm)
		if titleTier != tierNone {
			m.title = append(m.title, titlePos...)
		}
		spkTier, spkPos := m.matchField(&t.speaker, tm)
		if spkTier != tierNone {
			m.spk = append(m.spk, spkPos...)
		}
		ts := fieldScores[FieldTitle][titleTier]
		ss := fieldScores[FieldSpeaker][spkTier]
		score, field := ts, FieldTitle
		if ss > score {
			score, field = ss, FieldSpeaker
		}
		// A clean title or speaker match outranks any notes match, so
		// the notes only need looking at when there is none.
		if titleTier < tierInner && spkTier < tierInner {
			nt := tierNone
			switch tm.notes {
			case notesByte:
				nt = byteTier(t, tm)
			case notesVocab:
				nt = int(tm.tiers[i])
			case notesScan:
				if (tm.tiers == nil || tm.tiers[i] != tierNone) &&
					t.bodyAny[0]&tm.needASCII[0] == tm.needASCII[0] && t.bodyAny[1]&tm.needASCII[1] == tm.needASCII[1] {
					if tm.anchor >= 0 && !t.bodyFoldPunct {
						nt = scanTier(body, tm)
						break
					}
					f := m.foldBody(t, i, body)
					s := f.lower
					if tm.sensitive {
						s = f.fold
					}
					nt, _ = contiguous(&f, s, tm.text)
				}
			}
			if ns := fieldScores[FieldNotes][nt]; ns > score {
				score, field = ns, FieldNotes
				r.snipTerms |= 1 << min(k, 63) // bit 63: every later term too
			}
		}
		if score == 0 {
			return false
		}
		// Scattered letters are highlighted only where they are the
		// term's best match, not next to a better one elsewhere.
		if field != FieldTitle && titleTier == tierScattered {
			m.title = m.title[:len(m.title)-len(titlePos)]
		}
		if field != FieldSpeaker && spkTier == tierScattered {
			m.spk = m.spk[:len(m.spk)-len(spkPos)]
		}
		r.score += int32(score)
		if score > best || score == best && field < r.field {
			best, r.field = score, field
		}
	}
	return true
}

// foldBody returns the folded text of talk i's body, for a scan, made
// once per talk. An ASCII body is its own fold: only its lowercase form is
// made. Few terms need this (see scanTier), so the texts are plain
// strings, made afresh for each talk.
func (m *matcher) foldBody(t *talkIndex, i int, body string) foldedText {
	if m.bodyOf != i+1 {
		m.bodyOf = i + 1
		if t.bodyASCII {
			m.body = foldedText{fold: body, lower: strings.ToLower(body)}
		} else {
			f, l := foldInto(nil, nil, body)
			m.body = foldedText{fold: string(f), lower: string(l)}
		}
	}
	return m.body
}

// scanTier is the tier of scan term tm in body, as contiguous finds it in
// the body's folded (and, unless tm is sensitive, lowercased) text, but
// without making that text: it looks only around the places where the
// body holds tm's anchor byte. That byte is ASCII punctuation, which is in
// the folded text exactly where it is in the body, unless some non-ASCII
// rune folds to punctuation (talkIndex.bodyFoldPunct); the caller checks.
// Folding maps rune to rune, so the runes around an anchor in the body
// are, folded, the runes around it in the folded text.
func scanTier(body string, tm *term) int {
	t, a := tm.text, tm.anchor
	tier := tierNone
	for from := 0; from < len(body); {
		p := strings.IndexByte(body[from:], t[a])
		if p < 0 {
			break
		}
		p += from
		from = p + 1
		start, ok := p, true
		for pre := t[:a]; ok && pre != ""; {
			tr, tsize := utf8.DecodeLastRuneInString(pre)
			pre = pre[:len(pre)-tsize]
			if start == 0 {
				ok = false
				break
			}
			r, size := utf8.DecodeLastRuneInString(body[:start])
			ok = foldLower(r, tm.sensitive) == tr
			start -= size
		}
		end := p + 1
		for _, tr := range t[a+1:] {
			if !ok {
				break
			}
			if end >= len(body) {
				ok = false
				break
			}
			r, size := utf8.DecodeRuneInString(body[end:])
			ok = foldLower(r, tm.sensitive) == tr
			end += size
		}
		if !ok {
			continue
		}
		ti := tierInner
		if foldedWordStart(body, start) {
			ti = tierPrefix
			if foldedWordEnd(body, end) {
				ti = tierWord
			}
		}
		if tier = max(tier, ti); tier == tierWord {
			break
		}
	}
	return tier
}

// foldLower is r as the folded text of a body has it (see foldInto), and
// lowercased unless sensitive.
func foldLower(r rune, sensitive bool) rune {
	if r < utf8.RuneSelf {
		if !sensitive && 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	r = fold.Rune(r)
	if !sensitive {
		r = fold.LowerRune(r)
	}
	return r
}

// foldedWordStart is wordStart(fold.String(s), i) for a byte offset i of s.
func foldedWordStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	cur, _ := utf8.DecodeRuneInString(s[i:])
	prev, cur = fold.Rune(prev), fold.Rune(cur)
	if !fold.IsWordRune(prev) {
		return true
	}
	return isLower(prev) && isUpper(cur)
}

// foldedWordEnd is wordEnd(fold.String(s), i) for a byte offset i of s.
func foldedWordEnd(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(s[i:])
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, prev = fold.Rune(next), fold.Rune(prev)
	if !fold.IsWordRune(next) {
		return true
	}
	return isLower(prev) && isUpper(next)
}

// byteTier is the tier of a one-byte term in a talk's notes.
func byteTier(t *talkIndex, tm *term) int {
	c := tm.text[0]
	if c >= utf8.RuneSelf {
		return tierNone
	}
	in := func(set *[2]uint64) bool {
		if hasASCIIBit(set, c) {
			return true
		}
		if !tm.sensitive && 'a' <= c && c <= 'z' {
			return hasASCIIBit(set, c-'a'+'A')
		}
		return false
	}
	switch {
	case isASCIIWord(c) && in(&t.bodyStart):
		return tierPrefix
	case in(&t.bodyAny):
		return tierInner
	}
	return tierNone
}

// appendRunePositions appends to slab the sorted, unique rune positions
// of the byte offsets into f, and returns where they are.
func appendRunePositions(slab []int, f *foldedText, offsets []int) ([2]int32, []int) {
	slices.Sort(offsets)
	offsets = slices.Compact(offsets)
	at := len(slab)
	if f.ascii {
		slab = append(slab, offsets...)
	} else {
		r, b := 0, 0
		for _, off := range offsets {
			r += utf8.RuneCountInString(f.fold[b:off])
			b = off
			slab = append(slab, r)
		}
	}
	return [2]int32{int32(at), int32(len(slab))}, slab
}

// matchField matches tm against f: a contiguous occurrence if there is
// one, else a fuzzy subsequence. It returns the tier and the byte offsets
// (in f) of the matched runes; the offsets are only valid until the next
// call.
func (m *matcher) matchField(f *foldedText, tm *term) (int, []int) {
	if tm.chars&^f.chars != 0 || len(tm.text) > len(f.lower) {
		return tierNone, nil
	}
	s := f.lower
	if tm.sensitive {
		s = f.fold
	}
	if tier, at := contiguous(f, s, tm.text); tier != tierNone {
		m.pos = m.pos[:0]
		for i := 0; i < len(tm.text); i++ {
			if utf8.RuneStart(tm.text[i]) {
				m.pos = append(m.pos, at+i)
			}
		}
		return tier, m.pos
	}
	if tm.runes < 2 || !isSubsequence(s, tm.text, f.ascii && tm.ascii) {
		return tierNone, nil
	}
	return m.fuzzy(f, s, tm)
}

// contiguous finds the best occurrence of t in s (f.lower or f.fold):
// a whole word, else the start of a word, else the first occurrence.
func contiguous(f *foldedText, s, t string) (tier, at int) {
	at = -1
	for from := 0; from <= len(s)-len(t); {
		i := strings.Index(s[from:], t)
		if i < 0 {
			break
		}
		i += from
		ti := tierInner
		if f.wordStart(i) {
			ti = tierPrefix
			if wordEnd(f.fold, i+len(t)) {
				ti = tierWord
			}
		}
		if ti > tier {
			tier, at = ti, i
			if ti == tierWord {
				break
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		from = i + size
	}
	return tier, at
}

// wordStart reports whether the rune at byte offset i of s starts a word:
// it follows a non-word rune, or is an upper-case letter after a
// lower-case one ("Mobile" in "GoMobile").
func wordStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	if p, c := s[i-1], s[i]; p < utf8.RuneSelf && c < utf8.RuneSelf {
		return !isASCIIWord(p) || 'a' <= p && p <= 'z' && 'A' <= c && c <= 'Z'
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if !fold.IsWordRune(prev) {
		return true
	}
	cur, _ := utf8.DecodeRuneInString(s[i:])
	return isLower(prev) && isUpper(cur)
}

// wordEnd reports whether a word ends at byte offset i of s (i > 0): the
// next rune is not a word rune, or starts a new word ("Go" in "GoMobile").
func wordEnd(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	if p, c := s[i-1], s[i]; p < utf8.RuneSelf && c < utf8.RuneSelf {
		return !isASCIIWord(c) || 'a' <= p && p <= 'z' && 'A' <= c && c <= 'Z'
	}
	next, _ := utf8.DecodeRuneInString(s[i:])
	if !fold.IsWordRune(next) {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return isLower(prev) && isUpper(next)
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

// isSubsequence reports whether the runes of t are in s in order; ascii
// says both are ASCII.
func isSubsequence(s, t string, ascii bool) bool {
	if ascii {
		j := 0
		for i := 0; i < len(s) && j < len(t); i++ {
			if s[i] == t[j] {
				j++
			}
		}
		return j == len(t)
	}
	for _, r := range s {
		tr, size := utf8.DecodeRuneInString(t)
		if r == tr {
			t = t[size:]
			if t == "" {
				return true
			}
		}
	}
	return false
}

// fuzzy matches tm as a scattered subsequence of f, keeping only matches a
// person would call a match: each piece of the term on a word start ("sgd"
// in "SOLID Go design"), or the letters close together, the match at most
// half as long again as the term ("contxt" in "Context", "tstng" in
// "testing"). Letters of a short term spread over a long title are noise:
// "sgd" does not match "beginners guide".
//
// Word starts are what sahilm/fuzzy's scoring favours too, so such a match
// is kept as found. For a compact match of four or more runes sahilm/fuzzy
// chooses the letters to highlight, unless its choice is not compact; a
// shorter term has few ways to fit a window that small, and the leftmost
// is kept (sahilm/fuzzy allocates on every call, which at 100,000 talks
// would double the cost of typing a second letter).
func (m *matcher) fuzzy(f *foldedText, s string, tm *term) (int, []int) {
	if ours := m.chainAlign(f, s, tm.text, f.ascii && tm.ascii); ours != nil {
		return tierInner, ours
	}
	maxSpan := tm.runes + (tm.runes+1)/2
	ours := m.compactAlign(s, tm.text, maxSpan, f.ascii && tm.ascii)
	if ours == nil {
		return tierNone, nil
	}
	if tm.runes < 4 {
		return tierScattered, ours
	}
	found := fuzzy.FindFromIterNoSort(tm.text, func(yield func(string) bool) { yield(f.fold) })
	if len(found) != 1 {
		return tierScattered, ours
	}
	// sahilm/fuzzy folds case itself and stops at a NUL: check its choice.
	if pos := found[0].MatchedIndexes; alignedTo(s, tm.text, pos) && runeSpan(s, pos) <= maxSpan {
		m.pos = append(m.pos[:0], pos...)
	}
	return tierScattered, m.pos
}

// chainAlign aligns t to s (f.lower or f.fold) with each run of adjacent
// runes starting a word, greedily, or returns nil.
func (m *matcher) chainAlign(f *foldedText, s, t string, ascii bool) []int {
	if ascii {
		return m.chainAlignASCII(f, s, t)
	}
	pos := m.pos[:0]
	from := 0
	for k, tr := range t {
		if k > 0 {
			if r, size := utf8.DecodeRuneInString(s[from:]); from < len(s) && r == tr {
				pos = append(pos, from)
				from += size
				continue
			}
		}
		found := false
		for i := from; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == tr && f.wordStart(i) {
				pos = append(pos, i)
				from = i + size
				found = true
				break
			}
			i += size
		}
		if !found {
			m.pos = pos
			return nil
		}
	}
	m.pos = pos
	return pos
}

// compactAlign finds the leftmost alignment of t in s spanning at most
// maxSpan runes, or returns nil. It tries a bounded number of starts.
func (m *matcher) compactAlign(s, t string, maxSpan int, ascii bool) []int {
	if ascii {
		return m.compactAlignASCII(s, t, maxSpan)
	}
	first, _ := utf8.DecodeRuneInString(t)
	tries := 0
	for i, r := range s {
		if r != first {
			continue
		}
		if tries++; tries > 64 {
			break
		}
		pos := m.pos[:0]
		rest, span := t, 0
		for j, r := range s[i:] {
			if span++; span > maxSpan {
				break
			}
			tr, size := utf8.DecodeRuneInString(rest)
			if r == tr {
				pos = append(pos, i+j)
				if rest = rest[size:]; rest == "" {
					break
				}
			}
		}
		m.pos = pos
		if rest == "" {
			return pos
		}
	}
	return nil
}

// chainAlignASCII is chainAlign for ASCII s and t, byte by byte.
func (m *matcher) chainAlignASCII(f *foldedText, s, t string) []int {
	pos := m.pos[:0]
	from := 0
	for k := 0; k < len(t); k++ {
		c := t[k]
		if k > 0 && from < len(s) && s[from] == c {
			pos = append(pos, from)
			from++
			continue
		}
		found := false
		for i := from; i < len(s); i++ {
			j := strings.IndexByte(s[i:], c)
			if j < 0 {
				break
			}
			i += j
			if f.wordStart(i) {
				pos = append(pos, i)
				from = i + 1
				found = true
				break
			}
		}
		if !found {
			m.pos = pos
			return nil
		}
	}
	m.pos = pos
	return pos
}

// compactAlignASCII is compactAlign for ASCII s and t, byte by byte.
func (m *matcher) compactAlignASCII(s, t string, maxSpan int) []int {
	tries := 0
	for i := 0; i < len(s); i++ {
		j := strings.IndexByte(s[i:], t[0])
		if j < 0 {
			break
		}
		i += j
		if tries++; tries > 64 {
			break
		}
		pos := m.pos[:0]
		k := 0 // t[:k] is aligned
		for j := i; j < len(s) && j-i < maxSpan; j++ {
			if s[j] == t[k] {
				pos = append(pos, j)
				if k++; k == len(t) {
					break
				}
			}
		}
		m.pos = pos
		if k == len(t) {
			return pos
		}
	}
	return nil
}

// alignedTo reports whether pos are increasing rune starts of s holding
// the runes of t in order.
func alignedTo(s, t string, pos []int) bool {
	if len(pos) != utf8.RuneCountInString(t) {
		return false
	}
	last := -1
	for _, tr := range t {
		p := pos[0]
		pos = pos[1:]
		if p <= last || p >= len(s) || !utf8.RuneStart(s[p]) {
			return false
		}
		if r, _ := utf8.DecodeRuneInString(s[p:]); r != tr {
			return false
		}
		last = p
	}
	return true
}

// runeSpan is the number of runes from the first to the last position.
func runeSpan(s string, pos []int) int {
	if len(pos) == 0 {
		return 0
	}
	return utf8.RuneCountInString(s[pos[0]:pos[len(pos)-1]]) + 1
}

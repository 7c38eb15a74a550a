package notes

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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

func (f Field) String() string {
	switch f {
	case FieldTitle:
		return "title"
	case FieldSpeaker:
		return "speaker"
	case FieldNotes:
		return "notes"
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
	// Text is the search: space-separated terms, all of which must match.
	Text string
	// MinStars keeps only talks with at least this rating (0: all).
	MinStars int
	// Sort orders the hits. With a Text and SortSchedule unset callers
	// usually pass SortRelevance.
	Sort Sort
}

// Hit is one talk selected by a Query, with what matched.
type Hit struct {
	Talk *Talk
	// Field is the strongest field matched: title over speaker over notes.
	Field Field
	// TitlePos and SpeakerPos are the matched rune positions in Talk.Title
	// and Talk.Speaker, for highlighting.
	TitlePos   []int
	SpeakerPos []int
	// Snippet is one line of the notes around the first notes match, and
	// SnippetPos the matched rune positions inside it. Empty when no term
	// matched the notes.
	Snippet    string
	SnippetPos []int
	// Score ranks hits; higher is better.
	Score int

	order int // position of Talk in Document.Talks
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
// a person reads a list in. A scattered fuzzy match (the letters of "test"
// spread over "Seven ways to profile...") is weak evidence, so it ranks
// below every clean notes match, where the term appears as it was typed.
var fieldScores = [...][5]int{
	FieldTitle:   {tierScattered: 30, tierInner: 90, tierPrefix: 95, tierWord: 100},
	FieldSpeaker: {tierScattered: 25, tierInner: 70, tierPrefix: 75, tierWord: 80},
	FieldNotes:   {tierInner: 40, tierPrefix: 45, tierWord: 50},
}

// term is one space-separated word of a query, prepared for matching.
type term struct {
	text      string // folded; also lowercased unless sensitive
	sensitive bool   // smart case: the term has an upper-case letter
	chars     uint64 // charMask of the lowercased term
	runes     int    // rune count of text
}

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
		t := term{text: Fold(f)}
		for _, r := range f {
			if unicode.IsUpper(r) {
				t.sensitive = true
				break
			}
		}
		lower := lowerSameLen(t.text)
		if !t.sensitive {
			t.text = lower
		}
		t.chars = charMask(lower)
		t.runes = utf8.RuneCountInString(t.text)
		terms = append(terms, t)
	}
	return terms, true
}

// Search returns the talks selected by q: those rated at least q.MinStars
// and, when q.Text is not empty, matched by every term of it, in the order
// q.Sort asks for.
//
// Terms match case-insensitively unless they hold an upper-case letter
// (smart case, per term as in fzf), and accents never matter: "patan" and
// "Patan" find "Pățan". Title and speaker are matched fuzzily (the letters
// of the term in order, contiguous or on word starts or close together);
// the notes body by substring. With SortRelevance the best matches come
// first: title matches over speaker matches over notes matches, whole
// words and word starts over matches inside words over scattered letters,
// then schedule order.
//
// With an empty Text every talk that passes MinStars is a hit with Field
// FieldNone and SortRelevance means schedule order.
func (d *Document) Search(q Query) []Hit {
	hits, _ := d.SearchContext(context.Background(), q)
	return hits
}

// ctxCheckEvery is how many talks a search looks at between checks of its
// context.
const ctxCheckEvery = 256

// SearchContext is Search, abandoned with ctx.Err() soon after ctx is
// cancelled, so an interactive caller can supersede a stale search.
func (d *Document) SearchContext(ctx context.Context, q Query) ([]Hit, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ix := d.searchIndex()
	terms, ok := parseTerms(q.Text, ix.maxRunes)
	if !ok {
		return nil, nil
	}
	var hits []Hit
	var m matcher
	for i, t := range d.Talks {
		if i%ctxCheckEvery == ctxCheckEvery-1 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if t.Stars < q.MinStars {
			continue
		}
		h := Hit{Talk: t, order: i}
		if len(terms) > 0 && !m.match(&h, &ix.talks[i], terms) {
			continue
		}
		hits = append(hits, h)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sortHits(hits, q.Sort, ix)
	return hits, nil
}

// sortHits orders hits by s; ties keep schedule order.
func sortHits(hits []Hit, s Sort, ix *searchIndex) {
	var less func(a, b *Hit) int
	switch s {
	case SortStars:
		less = func(a, b *Hit) int { return cmp.Compare(b.Talk.Stars, a.Talk.Stars) }
	case SortTitle:
		less = func(a, b *Hit) int {
			return strings.Compare(ix.talks[a.order].title.lower, ix.talks[b.order].title.lower)
		}
	case SortSpeaker:
		less = func(a, b *Hit) int {
			return strings.Compare(ix.talks[a.order].speaker.lower, ix.talks[b.order].speaker.lower)
		}
	case SortRelevance:
		less = func(a, b *Hit) int { return cmp.Compare(b.Score, a.Score) }
	default:
		return // hits are built in schedule order
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if c := less(&a, &b); c != 0 {
			return c
		}
		return cmp.Compare(a.order, b.order)
	})
}

// matcher matches terms against talks, reusing its buffers.
type matcher struct {
	pos   []int // byte offsets, scratch
	title []int
	spk   []int
}

// match reports whether every term matches t and fills h.
func (m *matcher) match(h *Hit, t *talkIndex, terms []term) bool {
	m.title, m.spk = m.title[:0], m.spk[:0]
	var notesTerms []*term
	best := 0
	for i := range terms {
		tm := &terms[i]
		titleTier, titlePos := m.matchField(&t.title, tm)
		m.title = appendPos(m.title, titlePos, titleTier)
		spkTier, spkPos := m.matchField(&t.speaker, tm)
		m.spk = appendPos(m.spk, spkPos, spkTier)
		ts := fieldScores[FieldTitle][titleTier]
		ss := fieldScores[FieldSpeaker][spkTier]
		score, field := ts, FieldTitle
		if ss > score {
			score, field = ss, FieldSpeaker
		}
		// A clean title or speaker match outranks any notes match, so
		// the notes only need looking at when there is none.
		if titleTier < tierInner && spkTier < tierInner {
			if nt := notesTier(&t.body, tm); fieldScores[FieldNotes][nt] > score {
				score, field = fieldScores[FieldNotes][nt], FieldNotes
				notesTerms = append(notesTerms, tm)
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
		h.Score += score
		if score > best || score == best && field < h.Field {
			best, h.Field = score, field
		}
	}
	h.TitlePos = runePositions(h.Talk.Title, &t.title, m.title)
	h.SpeakerPos = runePositions(h.Talk.Speaker, &t.speaker, m.spk)
	if len(notesTerms) > 0 {
		h.Snippet, h.SnippetPos = snippet(h.Talk.Body, &t.body, notesTerms)
	}
	return true
}

func appendPos(dst, pos []int, tier int) []int {
	if tier == tierNone {
		return dst
	}
	return append(dst, pos...)
}

// runePositions turns byte offsets into f into sorted, unique rune
// positions in the original text s.
func runePositions(s string, f *foldedText, offsets []int) []int {
	if len(offsets) == 0 {
		return nil
	}
	slices.Sort(offsets)
	offsets = slices.Compact(offsets)
	out := make([]int, len(offsets))
	if f.ascii {
		copy(out, offsets)
		return out
	}
	r, b := 0, 0
	for i, off := range offsets {
		r += utf8.RuneCountInString(f.fold[b:off])
		b = off
		out[i] = r
	}
	return out
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
		for i := range tm.text {
			if tm.text[i] < utf8.RuneSelf || utf8.RuneStart(tm.text[i]) {
				m.pos = append(m.pos, at+i)
			}
		}
		return tier, m.pos
	}
	if tm.runes < 2 || !isSubsequence(s, tm.text) {
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
		if wordStart(f.fold, i) {
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

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// wordStart reports whether the rune at byte offset i of s starts a word:
// it follows a non-word rune, or is an upper-case letter after a
// lower-case one ("Mobile" in "GoMobile").
func wordStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if !isWordRune(prev) {
		return true
	}
	cur, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLower(prev) && unicode.IsUpper(cur)
}

// wordEnd reports whether a word ends at byte offset i of s (i > 0): the
// next rune is not a word rune, or starts a new word ("Go" in "GoMobile").
func wordEnd(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(s[i:])
	if !isWordRune(next) {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLower(prev) && unicode.IsUpper(next)
}

func isSubsequence(s, t string) bool {
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

// fuzzy matches tm as a scattered subsequence of f with sahilm/fuzzy, and
// keeps only matches a person would call a match: each piece on a word
// start ("sgd" in "SOLID Go design"), or the letters close together (the
// span of the match at most half as long again as the term: "contxt" in
// "Context", "tstng" in "testing"). Letters of a short term spread over a
// long title are noise: "sgd" does not match "beginners guide".
func (m *matcher) fuzzy(f *foldedText, s string, tm *term) (int, []int) {
	m.pos = m.pos[:0]
	if found := fuzzy.Find(tm.text, []string{f.fold}); len(found) == 1 {
		m.pos = append(m.pos, found[0].MatchedIndexes...)
	}
	if !alignedTo(s, tm.text, m.pos) {
		// sahilm/fuzzy folds case itself and stops at a NUL; fall back to
		// the leftmost alignment, which exists (isSubsequence said so).
		m.pos = leftmost(m.pos[:0], s, tm.text, 0)
	}
	if onWordStarts(f.fold, m.pos) {
		return tierInner, m.pos
	}
	maxSpan := tm.runes + (tm.runes+1)/2
	if runeSpan(s, m.pos) <= maxSpan {
		return tierScattered, m.pos
	}
	// sahilm/fuzzy prefers word starts; the tightest alignment may be
	// elsewhere. Try each start, on fields short enough for that.
	if len(s) > 512 {
		return tierNone, nil
	}
	first, _ := utf8.DecodeRuneInString(tm.text)
	var best []int
	bestSpan := maxSpan + 1
	for i, r := range s {
		if r != first {
			continue
		}
		cand := leftmost(nil, s, tm.text, i)
		if cand == nil {
			break
		}
		if sp := runeSpan(s, cand); sp < bestSpan {
			best, bestSpan = cand, sp
		}
	}
	if best == nil {
		return tierNone, nil
	}
	m.pos = append(m.pos[:0], best...)
	return tierScattered, m.pos
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

// leftmost appends to dst the byte offsets of the leftmost alignment of t
// in s from byte offset from, or returns nil if there is none.
func leftmost(dst []int, s, t string, from int) []int {
	for i, r := range s[from:] {
		if t == "" {
			break
		}
		tr, size := utf8.DecodeRuneInString(t)
		if r == tr {
			dst = append(dst, from+i)
			t = t[size:]
		}
	}
	if t != "" {
		return nil
	}
	return dst
}

// onWordStarts reports whether every run of adjacent positions starts a
// word of s.
func onWordStarts(s string, pos []int) bool {
	for i, p := range pos {
		if i > 0 {
			_, size := utf8.DecodeRuneInString(s[pos[i-1]:])
			if pos[i-1]+size == p {
				continue
			}
		}
		if !wordStart(s, p) {
			return false
		}
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

// notesTier is the best tier of tm in a talk's notes.
func notesTier(f *foldedText, tm *term) int {
	if tm.chars&^f.chars != 0 {
		return tierNone
	}
	s := f.lower
	if tm.sensitive {
		s = f.fold
	}
	tier, _ := contiguous(f, s, tm.text)
	return tier
}

package notes

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sahilm/fuzzy"

	"github.com/golanguk/golanguk/notes/internal/index"
	"github.com/golanguk/golanguk/notes/internal/stem"
)

// Tier is the quality of a term's match in one field, weakest first.
type Tier int

const (
	TierNone      Tier = iota
	TierScattered      // fuzzy: the letters of the term, close together
	TierChain          // fuzzy: every piece on a word start ("sgd", "gc" in "Go & C")
	TierStem           // fuzzy, in a title the term matches elsewhere: a word of its stem ("profile" for "profiling")
	TierInner          // contiguous inside a word
	TierPrefix         // contiguous from the start of a word
	TierWord           // a whole word; also every exact, boundary and anchored match
)

// tierScores ranks a term's match by field and tier, as Search does
// does: a clean title match beats any speaker match, which beats any
// notes match; a scattered fuzzy match, or pieces on word starts, rank
// below every whole word in the notes; a title word of the term's stem
// ranks with the clean title matches. Links rank as notes.
var tierScores = [...][7]int{
	InTitle:   {TierScattered: 30, TierChain: 48, TierStem: 85, TierInner: 90, TierPrefix: 95, TierWord: 100},
	InSpeaker: {TierScattered: 25, TierChain: 47, TierStem: 65, TierInner: 70, TierPrefix: 75, TierWord: 80},
	InNotes:   {TierInner: 40, TierPrefix: 45, TierWord: 50},
	InLinks:   {TierInner: 40, TierPrefix: 45, TierWord: 50},
}

// Score is the rank score of a match of tier t in field f; higher is
// better, and 0 for no match.
func (t Tier) Score(f TermField) int {
	if f < 0 || int(f) >= len(tierScores) || t < 0 || int(t) >= len(tierScores[f]) {
		return 0
	}
	return tierScores[f][t]
}

// TermMatch is how a term matched one field's text.
type TermMatch struct {
	Tier Tier
	// Score is Tier.Score of the field: exact, boundary and anchored
	// terms rank as whole words.
	Score int
	// Ranges are the matched bytes of the text, sorted and apart, always
	// inside it; nil for a negated term.
	Ranges []Range
}

// Match matches t against text, the text of field f (InTitle,
// InSpeaker, InNotes or InLinks, whose URLs are one per line), which t
// must look at (Term.In); for any other field it reports false. A
// positive term matches when its text is found, and the match has the
// matched ranges and a score; a negated term matches when its text is
// not found, with neither.
//
// Fuzzy terms match title and speaker as Search does: contiguous, or
// each piece on a word start, or the letters close together (sahilm/fuzzy
// chooses those of a longer term); in the notes and links they are a
// substring. Exact terms are a substring; boundary terms a substring that
// cuts no word (a word being letters and digits); prefix, suffix and
// equal terms are anchored at the ends of the field, or of a line of the
// notes or links, ignoring white space there and, in the notes,
// markdown's line markers (#, >, bullets, "1.").
func (t *Term) Match(f TermField, text string) (TermMatch, bool) {
	if !t.In(f) || t.Field == InStars || t.Field == InHas || f == InAny {
		return TermMatch{}, false
	}
	ff := foldField(text)
	if f == InNotes {
		ff = foldNotes(text)
	}
	return t.match(f, &ff)
}

func (t *Term) match(f TermField, ff *foldedField) (TermMatch, bool) {
	m, found := t.find(f, ff)
	if t.Negate {
		return TermMatch{}, !found
	}
	return m, found
}

// find looks for t's text in ff, ignoring t.Negate.
func (t *Term) find(f TermField, ff *foldedField) (TermMatch, bool) {
	s := ff.lower
	if t.CaseSensitive {
		s = ff.fold
	}
	key := t.key
	if key == "" || len(key) > len(s) {
		return TermMatch{}, false
	}
	var (
		tier Tier
		pos  []int // byte offsets of matched runes in s, or
		at   = -1  // one contiguous match at s[at:at+len(key)]
	)
	switch t.Kind {
	case KindFuzzy:
		if f == InTitle || f == InSpeaker {
			tier, at, pos = fuzzyMatch(ff, s, key)
		} else {
			tier, at = bestOccurrence(ff, s, key)
		}
	case KindExact:
		if at = strings.Index(s, key); at >= 0 {
			tier = TierWord
		}
	case KindBoundary:
		if at = boundaryIndex(ff.fold, s, key); at >= 0 {
			tier = TierWord
		}
	case KindPrefix, KindSuffix, KindEqual:
		if at = anchoredIndex(s, key, t.Kind, f == InNotes || f == InLinks, f == InNotes); at >= 0 {
			tier = TierWord
		}
	}
	if tier == TierNone {
		return TermMatch{}, false
	}
	m := TermMatch{Tier: tier, Score: tier.Score(f)}
	if at >= 0 {
		m.Ranges = []Range{ff.orig(at, at+len(key))}
		return m, true
	}
	for _, p := range pos {
		_, size := utf8.DecodeRuneInString(s[p:])
		r := ff.orig(p, p+size)
		if n := len(m.Ranges); n > 0 && m.Ranges[n-1].End == r.Start {
			m.Ranges[n-1].End = r.End
			continue
		}
		m.Ranges = append(m.Ranges, r)
	}
	return m, true
}

// foldedField is a field's text prepared for matching: fold has its
// accents folded, lower is fold lowercased. Both have the same byte
// layout, which is that of text when same; otherwise rune i of fold is
// rune i of text, folded (see orig). For the notes, text is the body as
// it is read (index.SearchText) and raw[k] the offset in the body itself
// of its byte k, when the two differ.
type foldedField struct {
	text, fold, lower string
	same              bool
	raw               []int32
}

// foldNotes is foldField for a notes body: it matches the body as it is
// read, "**L**iskov" as "**Liskov", and orig maps back to the body.
func foldNotes(body string) foldedField {
	text, raw := index.SearchTextMap(body, true)
	ff := foldField(text)
	ff.raw = raw
	return ff
}

func foldField(text string) foldedField {
	if allASCII(text) {
		return foldedField{text: text, fold: text, lower: asciiLower(text), same: true}
	}
	fold := Fold(text)
	return foldedField{text: text, fold: fold, lower: lowerKeepLen(fold), same: len(fold) == len(text) && isSameLayout(text, fold)}
}

// isSameLayout reports whether every rune of fold has the encoded length
// of the rune of text it folds.
func isSameLayout(text, fold string) bool {
	fi := 0
	for ti := range text {
		_, ts := utf8.DecodeRuneInString(text[ti:])
		_, fs := utf8.DecodeRuneInString(fold[fi:])
		if ts != fs {
			return false
		}
		fi += fs
	}
	return true
}

// orig returns the range of text that fold[i:j] comes from (i <= j are
// rune starts of fold, or its end). Fold maps rune to rune, an invalid
// byte to U+FFFD: the two are walked side by side, up to j, so this costs
// the length of the text before the match, only for a match.
func (ff *foldedField) orig(i, j int) Range {
	r := ff.origText(i, j)
	if ff.raw == nil {
		return r
	}
	// The range of the body from the first byte of the match to its last.
	if r.Start == r.End {
		if r.Start < len(ff.raw) {
			return Range{int(ff.raw[r.Start]), int(ff.raw[r.Start])}
		}
		n := int(ff.raw[len(ff.raw)-1]) + 1
		return Range{n, n}
	}
	return Range{int(ff.raw[r.Start]), int(ff.raw[r.End-1]) + 1}
}

// origText is orig in text, before raw.
func (ff *foldedField) origText(i, j int) Range {
	if ff.same {
		return Range{i, j}
	}
	r, fi := Range{len(ff.text), len(ff.text)}, 0
	for ti := range ff.text {
		if fi == i {
			r.Start = ti
		}
		if fi == j {
			r.End = ti
			return r
		}
		_, size := utf8.DecodeRuneInString(ff.fold[fi:])
		fi += size
	}
	return r
}

// foldKey is s folded, and lowercased unless sensitive, as foldField
// prepares the text it is looked for in.
func foldKey(s string, sensitive bool) string {
	if allASCII(s) {
		if sensitive {
			return s
		}
		return asciiLower(s)
	}
	s = Fold(s)
	if sensitive {
		return s
	}
	return lowerKeepLen(s)
}

func allASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// lowerKeepLen lowercases s rune for rune where that keeps the rune's
// encoded length, so that the result has the layout of s.
func lowerKeepLen(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if l := unicode.ToLower(r); utf8.RuneLen(l) == size {
			b.WriteRune(l)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// startsWord reports whether the rune at byte i of s starts a word: it
// follows a rune that is no letter or digit, or is an upper-case letter
// after a lower-case one ("Mobile" in "GoMobile").
func startsWord(s string, i int) bool {
	if i == 0 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	if !isLetterOrDigit(prev) {
		return true
	}
	cur, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLower(prev) && unicode.IsUpper(cur)
}

// endsWord reports whether a word ends at byte i of s: the next rune is
// no letter or digit, or starts a new word ("Go" in "GoMobile").
func endsWord(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(s[i:])
	if !isLetterOrDigit(next) {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLower(prev) && unicode.IsUpper(next)
}

// bestOccurrence finds the best occurrence of key in s (ff.lower or
// ff.fold): a whole word, else the start of a word, else the first.
func bestOccurrence(ff *foldedField, s, key string) (tier Tier, at int) {
	at = -1
	for from := 0; from <= len(s)-len(key); {
		i := strings.Index(s[from:], key)
		if i < 0 {
			break
		}
		i += from
		ti := TierInner
		if startsWord(ff.fold, i) {
			ti = TierPrefix
			if endsWord(ff.fold, i+len(key)) {
				ti = TierWord
			}
		}
		if ti > tier {
			tier, at = ti, i
			if ti == TierWord {
				break
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		from = i + size
	}
	return tier, at
}

// boundaryIndex returns the offset of the first occurrence of key in s
// that cuts no word: neither its first rune nor the one before it, nor
// its last rune and the one after it, are both letters or digits. fold
// gives the runes (s may be lowercased; the classes are the same).
func boundaryIndex(fold, s, key string) int {
	first, _ := utf8.DecodeRuneInString(key)
	last, _ := utf8.DecodeLastRuneInString(key)
	for from := 0; from <= len(s)-len(key); {
		i := strings.Index(s[from:], key)
		if i < 0 {
			return -1
		}
		i += from
		j := i + len(key)
		prev, _ := utf8.DecodeLastRuneInString(fold[:i])
		next, _ := utf8.DecodeRuneInString(fold[j:])
		if (i == 0 || !isLetterOrDigit(prev) || !isLetterOrDigit(first)) &&
			(j == len(s) || !isLetterOrDigit(next) || !isLetterOrDigit(last)) {
			return i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		from = i + size
	}
	return -1
}

// anchoredIndex returns where key is found at the start (KindPrefix),
// the end (KindSuffix) or as the whole (KindEqual) of s, or of a line of
// s with lines, ignoring white space at those ends (unless key has some
// there) and, with markers, markdown's line markers; or -1.
func anchoredIndex(s, key string, kind MatchKind, lines, markers bool) int {
	for ls := 0; ls <= len(s); {
		le := len(s)
		if lines {
			if n := strings.IndexByte(s[ls:], '\n'); n >= 0 {
				le = ls + n
			}
		}
		end := le
		if !isQuerySpace(key[len(key)-1]) {
			for end > ls && isQuerySpace(s[end-1]) {
				end--
			}
		}
		// The candidate starts: the line's, after its white space, and
		// after each markdown marker.
		start := ls
		for {
			if !isQuerySpace(key[0]) {
				for start < end && isQuerySpace(s[start]) {
					start++
				}
			}
			line := s[start:end]
			switch kind {
			case KindPrefix:
				if strings.HasPrefix(line, key) {
					return start
				}
			case KindEqual:
				if line == key {
					return start
				}
			case KindSuffix:
				if strings.HasSuffix(line, key) {
					return end - len(key)
				}
			}
			next := lineMarker(s, start, end)
			if !markers || kind == KindSuffix || next == start {
				break
			}
			start = next
		}
		if le == len(s) {
			break
		}
		ls = le + 1
	}
	return -1
}

// lineMarker returns the offset after the markdown line marker at s[i:]
// (before end): "#"s, ">", a bullet or "1." with the white space after
// it; or i if there is none.
func lineMarker(s string, i, end int) int {
	j := i
	switch {
	case j < end && s[j] == '#':
		for j < end && s[j] == '#' {
			j++
		}
	case j < end && s[j] == '>':
		return j + 1
	case j < end && (s[j] == '-' || s[j] == '*' || s[j] == '+'):
		j++
	case j < end && '0' <= s[j] && s[j] <= '9':
		for j < end && j-i < 9 && '0' <= s[j] && s[j] <= '9' {
			j++
		}
		if j == end || s[j] != '.' && s[j] != ')' {
			return i
		}
		j++
	default:
		return i
	}
	if j < end && !isQuerySpace(s[j]) {
		return i
	}
	return j
}

// fuzzyMatch matches key in title or speaker as Search does: the best
// contiguous occurrence (at), else the runes of key with each run on a
// word start, else close together: the match at most half as long again
// as key. For a compact match of four or more runes sahilm/fuzzy
// chooses the runes to mark, when its choice is compact too.
func fuzzyMatch(ff *foldedField, s, key string) (tier Tier, at int, pos []int) {
	if tier, at = bestOccurrence(ff, s, key); tier != TierNone {
		return tier, at, nil
	}
	runes := utf8.RuneCountInString(key)
	if runes < 2 || !isSubseq(s, key) {
		return TierNone, -1, nil
	}
	if pos = chainAlign(ff.fold, s, key); pos != nil {
		return TierChain, -1, pos
	}
	maxSpan := runes + (runes+1)/2
	if pos = compactAlign(s, key, maxSpan); pos == nil {
		return TierNone, -1, nil
	}
	if runes >= 4 {
		found := fuzzy.FindFromIterNoSort(key, func(yield func(string) bool) { yield(ff.fold) })
		// sahilm/fuzzy folds case itself and stops at a NUL: check its
		// choice against s.
		if len(found) == 1 && index.AlignedTo(s, key, found[0].MatchedIndexes) && index.RuneSpan(s, found[0].MatchedIndexes) <= maxSpan {
			pos = found[0].MatchedIndexes
		}
	}
	return TierScattered, -1, pos
}

// isSubseq reports whether the runes of t are in s in order.
func isSubseq(s, t string) bool {
	for _, r := range s {
		tr, size := utf8.DecodeRuneInString(t)
		if r == tr {
			if t = t[size:]; t == "" {
				return true
			}
		}
	}
	return t == ""
}

// chainAlign aligns t to s greedily, each run of adjacent runes starting
// on a word start of fold, or returns nil.
func chainAlign(fold, s, t string) []int {
	var pos []int
	from := 0
	for k, tr := range t {
		if k > 0 && from < len(s) {
			if r, size := utf8.DecodeRuneInString(s[from:]); r == tr {
				pos = append(pos, from)
				from += size
				continue
			}
		}
		found := false
		for i := from; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == tr && startsWord(fold, i) {
				pos = append(pos, i)
				from, found = i+size, true
				break
			}
			i += size
		}
		if !found {
			return nil
		}
	}
	return pos
}

// compactAlign finds the leftmost alignment of t in s spanning at most
// maxSpan runes, trying at most 64 starts, or returns nil.
func compactAlign(s, t string, maxSpan int) []int {
	first, _ := utf8.DecodeRuneInString(t)
	tries := 0
	for i, r := range s {
		if r != first {
			continue
		}
		if tries++; tries > 64 {
			break
		}
		var pos []int
		rest, span := t, 0
		for j, r := range s[i:] {
			if span++; span > maxSpan {
				break
			}
			tr, size := utf8.DecodeRuneInString(rest)
			if r == tr {
				pos = append(pos, i+j)
				if rest = rest[size:]; rest == "" {
					return pos
				}
			}
		}
	}
	return nil
}

// TalkFields are the texts and facts of one talk a ParsedQuery is
// matched against (see FieldsOf).
type TalkFields struct {
	Title, Speaker, Notes string
	// Links are the talk's URLs: the speaker's page, the header's
	// further links and the links of the notes, images left out.
	Links []string
	Stars int
	// Code, Link and Image answer has:code, has:link and has:image.
	Code, Link, Image bool
}

// The patterns FieldsOf finds URLs with, compiled on first use: nothing
// is built when the program starts.
var (
	mdImageURL = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`) })
	bareURL    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("https?://[^\\s<>()\\[\\]`\"]+") })
)

// FieldsOf returns the fields of t a query looks at. has:code holds for
// notes with a code span or a fenced code block; has:link for a talk with
// a URL besides the speaker's page; has:image for a talk with an image,
// in its header or its notes.
func FieldsOf(t *Talk) TalkFields {
	f := TalkFields{Title: t.Title, Speaker: t.Speaker, Notes: t.Body, Stars: t.Stars, Image: len(t.Images) > 0}
	add := func(u string) {
		u = strings.TrimRight(u, ".,;:!?*_'")
		if u != "" && !slices.Contains(f.Links, u) {
			f.Links = append(f.Links, u)
		}
	}
	if t.SpeakerURL != "" {
		add(t.SpeakerURL)
	}
	for _, l := range t.Links {
		add(l)
	}
	for _, u := range bareURL().FindAllString(mdImageURL().ReplaceAllString(t.Body, " "), -1) {
		add(u)
	}
	f.Link = len(f.Links) > 0 && (t.SpeakerURL == "" || len(f.Links) > 1)
	f.Code = hasCode(t.Body)
	return f
}

// hasCode reports whether markdown body holds a fenced code block or a
// code span: a run of backticks closed by a run as long on its line.
func hasCode(body string) bool {
	for line := range strings.Lines(body) {
		l := strings.TrimLeft(line, " \t")
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~") {
			return true
		}
		for i := 0; i < len(line); {
			j := strings.IndexByte(line[i:], '`')
			if j < 0 {
				break
			}
			i += j
			n := 0
			for i+n < len(line) && line[i+n] == '`' {
				n++
			}
			run := line[i : i+n]
			i += n
			for k := i; k < len(line); {
				m := strings.Index(line[k:], run)
				if m < 0 {
					break
				}
				k += m
				e := k + n
				if e == len(line) || line[e] != '`' {
					return true
				}
				for e < len(line) && line[e] == '`' {
					e++
				}
				k = e
			}
		}
	}
	return false
}

// TalkMatch is how a query matched a talk.
type TalkMatch struct {
	// Score is the sum, over the query's groups, of the best score of a
	// positive term of the group that matched (of the best field it
	// matched). Negated terms and filters add nothing.
	Score int
	// Marks are the matches of the positive terms, by term and field, in
	// query order; a scattered fuzzy match is left out where the term
	// matched better in another field.
	Marks []Mark
}

// Mark is the match of one positive term in one field.
type Mark struct {
	Term  *Term     // in the ParsedQuery's Groups
	Field TermField // InTitle, InSpeaker, InNotes or InLinks
	Link  int       // InLinks: the index in TalkFields.Links
	TermMatch
}

// MatchTalk reports whether the talk with fields f satisfies every group
// of q, and how. It is the reference meaning of a query: it looks at
// every field of the talk, where an engine uses an index.
func (q *ParsedQuery) MatchTalk(f *TalkFields) (TalkMatch, bool) {
	return q.matchTalk(f, nil, nil)
}

// notesFinder answers for term ti of group gi whether its text is in the
// notes, and how, without reading them (see Document.searchParsed); known
// is false when it cannot.
type notesFinder func(gi, ti int) (m TermMatch, found, known bool)

// matchTalk is MatchTalk, asking notes first about the notes, with the
// title and speaker already folded when pre is not nil.
func (q *ParsedQuery) matchTalk(f *TalkFields, notes notesFinder, pre *[2]foldedField) (TalkMatch, bool) {
	var (
		tm     TalkMatch
		folded [3]*foldedField // title, speaker, notes
		links  []*foldedField
	)
	if pre != nil {
		folded[0], folded[1] = &pre[0], &pre[1]
	}
	field := func(of TermField) *foldedField {
		k := int(of - InTitle)
		if folded[k] == nil {
			var ff foldedField
			if of == InNotes {
				ff = foldNotes(f.Notes)
			} else {
				ff = foldField([...]string{f.Title, f.Speaker}[k])
			}
			folded[k] = &ff
		}
		return folded[k]
	}
	link := func(i int) *foldedField {
		if links == nil {
			links = make([]*foldedField, len(f.Links))
		}
		if links[i] == nil {
			ff := foldField(f.Links[i])
			links[i] = &ff
		}
		return links[i]
	}
	for gi := range q.Groups {
		if q.dup != nil && q.dup[gi] {
			continue
		}
		g := q.Groups[gi]
		ok, best := false, 0
		for ti := range g {
			t := &g[ti]
			find := func(of TermField) (TermMatch, bool) {
				if of == InNotes && notes != nil {
					if m, found, known := notes(gi, ti); known {
						return m, found
					}
				}
				return t.find(of, field(of))
			}
			switch t.Field {
			case InStars:
				if in := t.MinStars <= f.Stars && f.Stars <= t.MaxStars; in != t.Negate {
					ok = true
				}
				continue
			case InHas:
				has := t.Has == HasCode && f.Code || t.Has == HasLink && f.Link || t.Has == HasImage && f.Image
				if has != t.Negate {
					ok = true
				}
				continue
			}
			if t.Negate {
				found := false
				for _, of := range []TermField{InTitle, InSpeaker, InNotes} {
					if t.In(of) {
						if _, m := find(of); m {
							found = true
							break
						}
					}
				}
				if t.In(InLinks) {
					for i := range f.Links {
						if _, m := t.find(InLinks, link(i)); m {
							found = true
							break
						}
					}
				}
				ok = ok || !found
				continue
			}
			from := len(tm.Marks)
			score := 0
			for _, of := range []TermField{InTitle, InSpeaker, InNotes} {
				if !t.In(of) {
					continue
				}
				if m, found := find(of); found {
					tm.Marks = append(tm.Marks, Mark{Term: t, Field: of, TermMatch: m})
					score = max(score, m.Score)
				}
			}
			if t.In(InLinks) {
				for i := range f.Links {
					if m, found := t.find(InLinks, link(i)); found {
						tm.Marks = append(tm.Marks, Mark{Term: t, Field: InLinks, Link: i, TermMatch: m})
						score = max(score, m.Score)
					}
				}
			}
			if len(tm.Marks) == from {
				continue
			}
			// A title word of the term's stem ranks a talk the term
			// matches: it stands for the term's title mark, if any.
			if ss := TierStem.Score(InTitle); t.Kind == KindFuzzy && t.In(InTitle) && score < ss {
				if m, ok := t.stemMatch(field(InTitle)); ok {
					marks := slices.DeleteFunc(tm.Marks[from:], func(m Mark) bool { return m.Field == InTitle })
					tm.Marks = append(tm.Marks[:from], append([]Mark{{Term: t, Field: InTitle, TermMatch: m}}, marks...)...)
					score = ss
				}
			}
			// Scattered letters, and pieces on word starts, are marked
			// only where they are the term's best match.
			marks := tm.Marks[from:]
			kept := marks[:0]
			for _, m := range marks {
				if m.Tier > TierChain || m.Score == score {
					kept = append(kept, m)
				}
			}
			tm.Marks = tm.Marks[:from+len(kept)]
			ok, best = true, max(best, score)
		}
		if !ok {
			return TalkMatch{}, false
		}
		tm.Score += best
	}
	return tm, true
}

// stemMatch finds a word of the title ff with the stem of t's text (see
// package stem), and marks what it shares with the text.
func (t *Term) stemMatch(ff *foldedField) (TermMatch, bool) {
	s := ff.lower
	if t.CaseSensitive {
		s = ff.fold
	}
	at, n, ok := stem.Find(s, t.key, stem.Of(t.key))
	if !ok {
		return TermMatch{}, false
	}
	m := TermMatch{Tier: TierStem, Score: TierStem.Score(InTitle)}
	if n > 0 {
		m.Ranges = []Range{ff.orig(at, at+n)}
	}
	return m, true
}

package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes/internal/fold"
	"github.com/golanguk/golanguk/notes/internal/stem"
	"github.com/sahilm/fuzzy"
)

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
		return byteTier(&ix.bodySets[ix.talks[i].body], tm) != tierNone
	case notesVocab:
		return tm.tiers[i] != tierNone
	case notesScan:
		return tm.tiers == nil || tm.tiers[i] != tierNone
	}
	return true
}

// match reports whether every term matches talk i, and fills r; the
// matched byte offsets are left in m.title and m.spk. It reads the talk's
// notes (ix.body) only for a term the index cannot answer.
func (m *matcher) match(r *match, ix *Index, i int) bool {
	t := &ix.talks[i]
	m.title, m.spk = m.title[:0], m.spk[:0]
	best := 0
	for k := range m.terms {
		tm := &m.terms[k]
		titleTier, titlePos := tierNone, []int(nil)
		if tm.chars&^ix.titleChars[i] == 0 { // else matchField would say so
			title := t.titleText(ix.titleChars[i])
			titleTier, titlePos = m.matchField(&title, tm)
		}
		titleAt := len(m.title)
		if titleTier != tierNone {
			m.title = append(m.title, titlePos...)
		}
		spkTier, spkPos := tierNone, []int(nil)
		if tm.chars&^ix.speakerChars[i] == 0 {
			speaker := t.speakerText(ix.speakerChars[i])
			spkTier, spkPos = m.matchField(&speaker, tm)
		}
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
				nt = byteTier(&ix.bodySets[t.body], tm)
			case notesVocab:
				if nt = int(tm.tiers[i]); nt != tierNone && tm.kind != KindFuzzy {
					nt = tierWord
				}
			case notesScan:
				if (tm.tiers == nil || tm.tiers[i] != tierNone) &&
					hasASCIIBits(&ix.bodySets[t.body].any, &tm.needASCII) {
					if tm.anchor >= 0 && !t.bodyFoldPunct {
						nt = scanTier(ix.body(i), tm)
						break
					}
					f := m.foldBody(t, i, ix)
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
		// A title word of the term's stem says what the talk is about;
		// it ranks a talk the term matches, and matches none itself.
		if titleTier < tierStem && tm.stem != "" && fieldScores[FieldTitle][tierStem] > score {
			title := t.titleText(ix.titleChars[i])
			if pos := m.stemAlign(&title, tm); pos != nil {
				m.title = append(m.title[:titleAt], pos...)
				titleTier, titlePos = tierStem, m.title[titleAt:]
				score, field = fieldScores[FieldTitle][tierStem], FieldTitle
				if k < 63 {
					r.snipTerms &^= 1 << k
				}
			}
		}
		// Scattered letters are highlighted only where they are the
		// term's best match, not next to a better one elsewhere.
		if field != FieldTitle && titleTier <= tierChain {
			m.title = m.title[:len(m.title)-len(titlePos)]
		}
		if field != FieldSpeaker && spkTier <= tierChain {
			m.spk = m.spk[:len(m.spk)-len(spkPos)]
		}
		r.score += int32(score)
		if score > best || score == best && field < Field(r.field) {
			best, r.field = score, int8(field)
		}
	}
	return true
}

// foldBody returns the folded text of talk i's body, for a scan, made
// once per talk. An ASCII body is its own fold: only its lowercase form is
// made. Few terms need this (see scanTier), so the texts are plain
// strings, made afresh for each talk.
func (m *matcher) foldBody(t *talkIndex, i int, ix *Index) foldedText {
	if m.bodyOf != i+1 {
		body := ix.body(i)
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
func byteTier(t *bodyBytes, tm *term) int {
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
	case in(&t.word):
		return tierWord
	case in(&t.start):
		return tierPrefix
	case in(&t.any):
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
	if tm.kind != KindFuzzy {
		// The first occurrence (that cuts no word), as a whole word.
		at := strings.Index(s, tm.text)
		if tm.kind == KindBoundary {
			at = boundaryIndex(f.fold, s, tm.text)
		}
		if at < 0 {
			return tierNone, nil
		}
		m.pos = m.pos[:0]
		for i := 0; i < len(tm.text); i++ {
			if utf8.RuneStart(tm.text[i]) {
				m.pos = append(m.pos, at+i)
			}
		}
		return tierWord, m.pos
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
		return tierChain, ours
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
	if pos := found[0].MatchedIndexes; AlignedTo(s, tm.text, pos) && RuneSpan(s, pos) <= maxSpan {
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

// AlignedTo reports whether pos are increasing rune starts of s holding
// the runes of t in order.
func AlignedTo(s, t string, pos []int) bool {
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

// RuneSpan is the number of runes from the first to the last position.
func RuneSpan(s string, pos []int) int {
	if len(pos) == 0 {
		return 0
	}
	return utf8.RuneCountInString(s[pos[0]:pos[len(pos)-1]]) + 1
}

// stemAlign finds a word of f (split at runes that are no letter or digit)
// that has tm's stem, or is it ("log" for "logging"), and returns the
// byte offsets of its runes up to where it and tm part, or nil.
func (m *matcher) stemAlign(f *foldedText, tm *term) []int {
	s := f.lower
	if tm.sensitive {
		s = f.fold
	}
	at, n, ok := stem.Find(s, tm.text, tm.stem)
	if !ok {
		return nil
	}
	pos := m.pos[:0]
	for k := at; k < at+n; {
		pos = append(pos, k)
		_, size := utf8.DecodeRuneInString(s[k:])
		k += size
	}
	m.pos = pos
	return pos
}

// boundaryIndex returns the offset of the first occurrence of t in s
// (fold, or fold lowercased) that cuts no word: the runes either side of
// it are no letters or digits. t is ASCII letters and digits.
func boundaryIndex(folded, s, t string) int {
	for from := 0; from <= len(s)-len(t); {
		i := strings.Index(s[from:], t)
		if i < 0 {
			return -1
		}
		i += from
		j := i + len(t)
		prev, _ := utf8.DecodeLastRuneInString(folded[:i])
		next, _ := utf8.DecodeRuneInString(folded[j:])
		if (i == 0 || !fold.IsWordRune(prev)) && (j == len(s) || !fold.IsWordRune(next)) {
			return i
		}
		from = i + 1
	}
	return -1
}

package index

import (
	"context"
	"encoding/binary"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes/internal/fold"
	"github.com/golanguk/golanguk/notes/internal/stem"
)

// Match quality of one term in one field, weakest first.
const (
	tierNone      = iota
	tierScattered // a fuzzy subsequence, compact but not on word starts
	tierChain     // every piece on a word start ("sgd", "gc" in "Go & C")
	tierStem      // title only: a word of the same stem ("profiling", "profile")
	tierInner     // contiguous inside a word
	tierPrefix    // contiguous from the start of a word
	tierWord      // a whole word
)

// fieldScores ranks a term's match by field and tier. A clean title match
// beats any speaker match, which beats any notes match: that is the order
// a person reads a list in. A scattered fuzzy match (the letters of "tst"
// spread over "testing") is weak evidence, so it ranks below every clean
// notes match, where the term appears as it was typed, and so are pieces
// on word starts ("gc" in "guide to Context" or "Go & C") below a whole
// word in the notes ("GC"). A title word of the term's stem ("profile"
// for "profiling") says what the talk is about: it ranks with the clean
// title matches, above every speaker and notes match.
var fieldScores = [...][7]int{
	FieldTitle:   {tierScattered: 30, tierChain: 48, tierStem: 85, tierInner: 90, tierPrefix: 95, tierWord: 100},
	FieldSpeaker: {tierScattered: 25, tierChain: 47, tierStem: 65, tierInner: 70, tierPrefix: 75, tierWord: 80},
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
	kind      Kind
	stem      string // stem.Of(text), for a title word of the same stem

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
	var qs []Term
	for _, f := range strings.Fields(text) {
		qs = append(qs, Term{Text: f})
	}
	return prepareTerms(qs, maxRunes)
}

// prepareTerms prepares the terms of a query, dropping duplicates, as
// parseTerms.
func prepareTerms(qs []Term, maxRunes int) (terms []term, ok bool) {
	seen := map[Term]bool{}
	for _, q := range qs {
		f := q.Text
		if seen[q] || f == "" {
			continue
		}
		seen[q] = true
		// Folding keeps the rune count: check before the work.
		if utf8.RuneCountInString(f) > maxRunes {
			return nil, false
		}
		t := term{text: fold.String(f), kind: q.Kind}
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
		if t.kind == KindFuzzy {
			t.stem = stem.Of(t.text)
		}
		terms = append(terms, t)
	}
	return terms, true
}

// vocabulary part of it.
func (ix *Index) prepareNotes(ctx context.Context, tm *term) error {
	if tm.kind != KindFuzzy {
		// Letters and digits only (see Term): a word holds it, or is it.
		whole := tm.kind == KindBoundary
		tm.notes = notesVocab
		tm.tiers = make([]uint8, len(ix.talks))
		return ix.vocabTiers(ctx, tm.text, tm.sensitive, whole, whole, tm.tiers)
	}
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

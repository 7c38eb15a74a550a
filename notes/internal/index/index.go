package index

import (
	"cmp"
	"encoding/binary"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes/internal/fold"
)

// Index is what Search precomputes over the talks. It is built by New
// and, for the notes, on first use; it never changes afterwards, so
// searches may run from several goroutines at once.
//
// Titles and speakers are kept folded and lowercased, for fuzzy matching.
// Notes bodies are not kept a second time (at 100,000 talks that would be
// hundreds of megabytes): they are indexed by word. The exception is a
// body with emphasis inside a word ("**L**iskov"): it is kept once more as
// it is read (SearchText), and that is what is indexed and matched. Every
// maximal run of letters and digits of a folded body is a word of the
// vocabulary, with the talks holding it (its postings). A term made of
// letters and digits occurs in a body exactly when it is a substring of
// one of the body's words, so a term is looked up by scanning the
// vocabulary, not the bodies.
type Index struct {
	// src returns talk i; the index keeps no copy of the talks' texts
	// (at 1,000,000 talks a slice of them was 53 MB).
	src      func(i int) Talk
	talks    []talkIndex
	maxRunes int // the most runes of any title or speaker
	// What a search looks at first for every talk, packed together so a
	// talk that cannot match costs a few nanoseconds.
	stars                    []int32
	titleChars, speakerChars []uint64

	// The rest is built by notes, once.
	notesOnce sync.Once
	// bodySets are the distinct bodyBytes of the talks' bodies: talks of
	// a few words share theirs (1,000,000 tiny talks have a handful),
	// where a bodyBytes in every talkIndex took 48 MB.
	bodySets     []bodyBytes
	bodyMaxRunes int // the most runes of any body
	// readBodies holds the bodies that SearchText changes, as it reads
	// them, by talk: what the notes are matched in (see body). The rest
	// are their Talk's Body; a slice of every body was 16 MB at 1,000,000
	// talks.
	readBodies map[int32]string

	// The vocabulary: words[i] is a folded word (case kept); lowerCat and
	// foldCat hold all words lowercased and as they are, each after a NUL,
	// words[i] at starts[i]. Both have the same byte layout.
	words    []string
	starts   []int32
	lowerCat string
	foldCat  string
	// postings[postStart[i]:postStart[i+1]] are blocks holding the talks
	// of words[i], in ascending order, each as the uvarint of its distance
	// from the one before (the first of a block: from -1). Most distances
	// take one byte, a quarter of an int32 per talk. The blocks are those
	// the vocabulary was built in (see vocabChunk), not copied.
	postings  [][]byte
	postStart []int32

	orderOnce sync.Once
	byTitle   []int32 // talk indexes in title order
	bySpeaker []int32 // talk indexes in speaker order
}

// talkIndex is one talk's text, prepared for matching. Its title and
// speaker are kept packed (see titleText): at 1,000,000 talks two
// foldedTexts were 112 MB, these fields 50.
type talkIndex struct {
	// title and speaker are each a text folded then the same lowercased
	// (see foldedText), one after the other; titleStarts and
	// speakerStarts are their foldedText.starts.
	title, speaker             string
	titleStarts, speakerStarts uint64
	// Set by notes: which ASCII bytes the folded body holds, as
	// Index.bodySets[body].
	body uint32
	// The title and speaker are ASCII (as foldedText.ascii).
	titleASCII, speakerASCII bool
	bodyASCII                bool // the body is ASCII: its folded form is itself
	// Some non-ASCII rune of the body folds to an ASCII rune that is no
	// word rune ("≠" to "="): its ASCII punctuation is not all in the body
	// as it is (see scanTier).
	bodyFoldPunct bool
}

// bodyBytes are the ASCII bytes a folded body holds: anywhere and at the
// start of a word (a one-byte term needs no vocabulary), and as a whole
// word of one rune ("a", "I", the "i" of "iOS").
type bodyBytes struct {
	any, start, word [2]uint64
}

// titleText returns the talk's title as a foldedText whose chars are
// chars (the index's titleChars), speakerText its speaker.
func (t *talkIndex) titleText(chars uint64) foldedText {
	return unpack(t.title, t.titleStarts, t.titleASCII, chars)
}

func (t *talkIndex) speakerText(chars uint64) foldedText {
	return unpack(t.speaker, t.speakerStarts, t.speakerASCII, chars)
}

// titleLower and speakerLower are the title and speaker, folded and
// lowercased.
func (t *talkIndex) titleLower() string   { return t.title[len(t.title)/2:] }
func (t *talkIndex) speakerLower() string { return t.speaker[len(t.speaker)/2:] }

// unpack makes the foldedText of s, a text folded then lowercased.
func unpack(s string, starts uint64, ascii bool, chars uint64) foldedText {
	n := len(s) / 2
	return foldedText{fold: s[:n], lower: s[n:], ascii: ascii, chars: chars, starts: starts}
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
	// starts has bit i set when byte i (< 64) of fold starts a word.
	starts uint64
}

// foldedTexts makes the foldedTexts of texts, all in one string: the texts
// of consecutive talks lie one after the other, so that a search reading
// them all reads memory in order, and the string is made once. The fold
// and lower of each are consecutive in that string: packed[k] is both, as
// talkIndex keeps them.
func foldedTexts(texts []string) (out []foldedText, packed []string) {
	n := 0
	for _, s := range texts {
		n += 2 * len(s)
	}
	buf := make([]byte, 0, n)
	ends := make([]int, len(texts)) // texts[k] is fold then lower, up to ends[k]
	for k, s := range texts {
		start := len(buf)
		buf = appendFold(buf, s)
		// foldInto's lowercasing is fold.Lower's; do it in place on a copy.
		buf = append(buf, buf[start:]...)
		lowerInPlace(buf[start+(len(buf)-start)/2:])
		ends[k] = len(buf)
	}
	all := string(buf)
	out = make([]foldedText, len(texts))
	packed = make([]string, len(texts))
	start := 0
	for k, end := range ends {
		packed[k] = all[start:end]
		mid := start + (end-start)/2
		f, l := all[start:mid], all[mid:end]
		t := foldedText{fold: f, lower: l, ascii: fold.IsASCII(f), chars: charMask(l)}
		for i := 0; i < min(len(f), 64); i++ {
			if utf8.RuneStart(f[i]) && wordStart(f, i) {
				t.starts |= 1 << i
			}
		}
		out[k] = t
		start = end
	}
	return out, packed
}

// lowerInPlace lowercases folded UTF-8 text b as lowerSameLen does.
func lowerInPlace(b []byte) {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if l := fold.LowerRune(r); l != r {
			utf8.EncodeRune(b[i:], l)
		}
		i += size
	}
}

// wordStart reports whether byte offset i of f.fold starts a word.
func (f *foldedText) wordStart(i int) bool {
	if i < 64 && f.starts != 0 {
		return f.starts&(1<<i) != 0
	}
	return wordStart(f.fold, i)
}

// vocabChunk is the vocabulary of a range of talks lo..hi-1, with each
// word's postings in that range, encoded as in searchIndex.postings.
// A table of every talk's words, turned into postings at merge time, took
// several times the postings' size, and so did a byte slice per word grown
// by append: postings are written to blocks carved from large slabs, and
// the blocks become the index's.
type vocabChunk struct {
	ids   map[string]int32
	words []string
	last  []int32    // per word, the last talk holding it, +1
	post  []postList // per word, its postings
	slab  []byte     // where the next block is carved from
	word  []byte     // scratch: a word with non-ASCII runes, folded
}

// postList is a word's postings in a chunk: its full blocks, then cur.
// A uvarint never straddles two blocks.
type postList struct {
	full [][]byte
	cur  []byte
}

// Posting blocks double in size from minBlock to maxBlock bytes.
const (
	minBlock  = 16
	maxBlock  = 4096
	slabBlock = 256 << 10
)

// addBody adds the words of a talk's body to the vocabulary, records its
// bytes in bb (and whether all are ASCII in ti) and returns its length in
// runes.
func (c *vocabChunk) addBody(talk int32, body string, ti *talkIndex, bb *bodyBytes) int {
	n := 0
	ti.bodyASCII = true
	start := -1     // the current word is body[start:j], while ASCII
	folded := false // the current word is in c.word
	// ASCII punctuation after a non-word rune (or none) is a word of its
	// own before another ("*" in "a * b"), and starts one before a word
	// rune ("#" in "#tag"): punct is such a byte, waiting for the next.
	punct := -1
	for j := 0; j < len(body); {
		end := j // where the current word ends, if this rune is no word rune
		b := body[j]
		n++
		if punct >= 0 {
			word := isASCIIWord(b)
			if b >= utf8.RuneSelf {
				r, _ := utf8.DecodeRuneInString(body[j:])
				word = fold.IsWordRune(fold.Rune(r))
			}
			if word {
				setASCIIBit(&bb.start, byte(punct))
			} else {
				setASCIIBit(&bb.word, byte(punct))
			}
			punct = -1
		}
		if b < utf8.RuneSelf && !isASCIIWord(b) && start < 0 && !folded { // after no word rune
			punct = int(b)
		}
		if b < utf8.RuneSelf {
			setASCIIBit(&bb.any, b)
			j++
			if isASCIIWord(b) {
				switch {
				case folded:
					if 'A' <= b && b <= 'Z' {
						if r, _ := utf8.DecodeLastRune(c.word); isLower(r) {
							setASCIIBit(&bb.start, b) // "G" in "errGroup"
						}
					}
					c.word = append(c.word, b)
				case start < 0:
					start = end
					setASCIIBit(&bb.start, b)
				case 'A' <= b && b <= 'Z' && 'a' <= body[end-1] && body[end-1] <= 'z':
					setASCIIBit(&bb.start, b) // "G" in "errGroup"
				}
				continue
			}
		} else {
			ti.bodyASCII = false
			r, size := utf8.DecodeRuneInString(body[j:])
			r = fold.Rune(r)
			j += size
			if r < utf8.RuneSelf { // "é" folds to "e"
				setASCIIBit(&bb.any, byte(r))
				if !isASCIIWord(byte(r)) {
					ti.bodyFoldPunct = true
				}
				if start < 0 && !folded && fold.IsWordRune(r) {
					setASCIIBit(&bb.start, byte(r))
				}
			}
			if fold.IsWordRune(r) {
				if !folded {
					c.word = c.word[:0]
					if start >= 0 {
						c.word = append(c.word, body[start:end]...)
					}
					folded = true
				}
				c.word = utf8.AppendRune(c.word, r)
				continue
			}
		}
		// A non-word rune ends the word, if any.
		if folded {
			c.addFolded(talk)
			markSingles(bb, string(c.word))
		} else if start >= 0 {
			c.add(talk, body[start:end])
			markSingles(bb, body[start:end])
		}
		start, folded = -1, false
	}
	if folded {
		c.addFolded(talk)
		markSingles(bb, string(c.word))
	} else if start >= 0 {
		c.add(talk, body[start:])
		markSingles(bb, body[start:])
	}
	if punct >= 0 {
		setASCIIBit(&bb.word, byte(punct))
	}
	return n
}

// markSingles records in bb.word the ASCII runes of word w (folded)
// that are a word of their own: w itself, or a piece of it that case
// makes a word (see wordStart, wordEnd): only its first rune, lower-case
// before an upper-case one ("i" in "iOS"), or its last, upper-case after
// a lower-case one ("B" in "aB"), can be.
func markSingles(bb *bodyBytes, w string) {
	if len(w) == 1 {
		setASCIIBit(&bb.word, w[0])
		return
	}
	if c := w[0]; 'a' <= c && c <= 'z' {
		if r, _ := utf8.DecodeRuneInString(w[1:]); isUpper(r) {
			setASCIIBit(&bb.word, c)
		}
	}
	if c := w[len(w)-1]; 'A' <= c && c <= 'Z' {
		if r, _ := utf8.DecodeLastRuneInString(w[:len(w)-1]); isLower(r) {
			setASCIIBit(&bb.word, c)
		}
	}
}

// addFolded records that talk holds the word in c.word. Looking a []byte
// up as string(b) makes no string; only a new word is copied.
func (c *vocabChunk) addFolded(talk int32) {
	id, ok := c.ids[string(c.word)]
	if !ok {
		id = c.newWord(string(c.word))
	}
	c.addID(talk, id)
}

// add records that talk holds word w. A new word that is a piece of a
// body is copied, so the vocabulary does not pin bodies.
func (c *vocabChunk) add(talk int32, w string) {
	id, ok := c.ids[w]
	if !ok {
		id = c.newWord(strings.Clone(w))
	}
	c.addID(talk, id)
}

// newWord adds w to the chunk's vocabulary and returns its id.
func (c *vocabChunk) newWord(w string) int32 {
	id := int32(len(c.words))
	c.ids[w] = id
	c.words = append(c.words, w)
	c.last = append(c.last, 0)
	c.post = append(c.post, postList{})
	return id
}

func (c *vocabChunk) addID(talk, id int32) {
	last := c.last[id] // the previous talk + 1
	if last == talk+1 {
		return
	}
	c.last[id] = talk + 1
	l := &c.post[id]
	x := uint64(talk + 1 - last)
	if cap(l.cur)-len(l.cur) < binary.MaxVarintLen32 {
		n := min(maxBlock, max(minBlock, 2*cap(l.cur)))
		if len(l.cur) > 0 {
			l.full = append(l.full, l.cur)
		}
		if len(c.slab) < n {
			c.slab = make([]byte, slabBlock)
		}
		l.cur = c.slab[:0:n]
		c.slab = c.slab[n:]
		x = uint64(talk + 1) // a block counts from -1
	}
	l.cur = binary.AppendUvarint(l.cur, x)
}

// Talk is what the index knows of a talk.
type Talk struct {
	Title, Speaker, Body string
	Stars                int
}

// New prepares what every search needs: titles, speakers, ratings. The
// notes are indexed later, when a query first needs them (or Prepare is
// called), so that listing the talks of a large file does not wait for it.
func New(talks []Talk) *Index {
	return NewOf(len(talks), func(i int) Talk { return talks[i] })
}

// NewOf is New for the n talks talk(0) to talk(n-1), read when the index
// needs them, without a copy: talk must return the same for the life of
// the index, and be safe to call from several goroutines.
func NewOf(n int, talk func(i int) Talk) *Index {
	s := &Index{
		src:          talk,
		talks:        make([]talkIndex, n),
		stars:        make([]int32, n),
		titleChars:   make([]uint64, n),
		speakerChars: make([]uint64, n),
	}
	maxRunes := inParts(n, func(p, lo, hi int) int {
		// In blocks, so that what is made on the way (the texts and their
		// foldedTexts, 72 bytes a talk) is not made for all at once.
		const block = 4096
		texts := make([]string, 0, 2*min(block, hi-lo))
		n := 0
		for b := lo; b < hi; b += block {
			texts = texts[:0]
			for i := b; i < min(hi, b+block); i++ {
				t := talk(i)
				texts = append(texts, t.Title, t.Speaker)
			}
			folded, packed := foldedTexts(texts)
			for i := b; i < min(hi, b+block); i++ {
				k := 2 * (i - b)
				t := talk(i)
				ti := &s.talks[i]
				title, speaker := &folded[k], &folded[k+1]
				ti.title, ti.titleStarts, ti.titleASCII = packed[k], title.starts, title.ascii
				ti.speaker, ti.speakerStarts, ti.speakerASCII = packed[k+1], speaker.starts, speaker.ascii
				s.stars[i] = int32(max(math.MinInt32, min(math.MaxInt32, t.Stars)))
				s.titleChars[i], s.speakerChars[i] = title.chars, speaker.chars
				n = max(n, utf8.RuneCountInString(t.Title), utf8.RuneCountInString(t.Speaker))
			}
		}
		return n
	})
	s.maxRunes = slices.Max(append(maxRunes, 0))
	return s
}

// Prepare indexes the talks' notes now rather than at the first search
// that needs them: it takes time proportional to their size (a few hundred
// milliseconds at 100,000 talks). Safe to call from several goroutines
// and more than once.
func (s *Index) Prepare() { s.notes() }

// Folded returns the title and speaker of talk i, folded and lowercased.
func (s *Index) Folded(i int) (title, speaker string) {
	return s.talks[i].titleLower(), s.talks[i].speakerLower()
}

// notes indexes the talks' notes on first use, and returns the most runes
// of any title, speaker or body.
func (s *Index) notes() (maxRunes int) {
	s.notesOnce.Do(func() {
		n := len(s.talks)
		chunks := make([]vocabChunk, partsFor(n))
		sets := make([][]bodyBytes, len(chunks))      // each part's bodySets
		read := make([]map[int32]string, len(chunks)) // ... and readBodies
		maxRunes := inParts(n, func(p, lo, hi int) int {
			c := &chunks[p]
			c.ids = map[string]int32{}
			ids := map[bodyBytes]uint32{}
			n := 0
			for i := lo; i < hi; i++ {
				ti := &s.talks[i]
				body := s.src(i).Body
				if r := SearchText(body); r != body {
					if read[p] == nil {
						read[p] = map[int32]string{}
					}
					read[p][int32(i)] = r
					body = r
				}
				var bb bodyBytes
				n = max(n, c.addBody(int32(i), body, ti, &bb))
				id, ok := ids[bb]
				if !ok {
					id = uint32(len(sets[p]))
					ids[bb] = id
					sets[p] = append(sets[p], bb)
				}
				ti.body = id
			}
			return n
		})
		// The parts' sets one after the other: a talk's id moves by the
		// sets of the parts before its own.
		for p := range sets {
			lo, hi := partRange(p, len(sets), n)
			for i := lo; i < hi; i++ {
				s.talks[i].body += uint32(len(s.bodySets))
			}
			s.bodySets = append(s.bodySets, sets[p]...)
			for i, r := range read[p] {
				if s.readBodies == nil {
					s.readBodies = map[int32]string{}
				}
				s.readBodies[i] = r
			}
		}
		s.mergeVocab(chunks)
		s.bodyMaxRunes = slices.Max(append(maxRunes, 0))
	})
	return max(s.maxRunes, s.bodyMaxRunes)
}

// body returns the body of talk i as it is read (SearchText), once the
// notes are indexed.
func (s *Index) body(i int) string {
	if r, ok := s.readBodies[int32(i)]; ok {
		return r
	}
	return s.src(i).Body
}

// partsFor is how many goroutines index n talks.
func partsFor(n int) int { return min(runtime.GOMAXPROCS(0), max(1, n/1024)) }

// inParts runs f on partsFor(n) consecutive ranges of 0..n-1 at once, and
// returns what each returned.
func inParts(n int, f func(part, lo, hi int) int) []int {
	parts := partsFor(n)
	out := make([]int, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := partRange(p, parts, n)
		wg.Go(func() { out[p] = f(p, lo, hi) })
	}
	wg.Wait()
	return out
}

// partRange is the range of 0..n-1 that part p of parts covers.
func partRange(p, parts, n int) (lo, hi int) { return p * n / parts, (p + 1) * n / parts }

// mergeVocab joins the chunks' vocabularies and postings. Chunks cover
// ascending ranges of the talks, so a word's postings are its blocks in
// each chunk in turn.
func (s *Index) mergeVocab(chunks []vocabChunk) {
	ids := chunks[0].ids
	s.words = chunks[0].words
	remap := make([][]int32, len(chunks))
	for c := range chunks {
		remap[c] = make([]int32, len(chunks[c].words))
		for i, w := range chunks[c].words {
			id, ok := ids[w]
			if c == 0 {
				id = int32(i)
			} else if !ok {
				id = int32(len(s.words))
				ids[w] = id
				s.words = append(s.words, w)
			}
			remap[c][i] = id
		}
	}
	// Each word's blocks are one run: count them, then fill word by
	// word, chunk by chunk.
	count := make([]int32, len(s.words)+1)
	for c := range chunks {
		for i, p := range chunks[c].post {
			count[remap[c][i]+1] += int32(len(p.full) + 1)
		}
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	s.postStart = count
	s.postings = make([][]byte, count[len(count)-1])
	fill := slices.Clone(count[:len(count)-1])
	for c := range chunks {
		for i, p := range chunks[c].post {
			g := remap[c][i]
			fill[g] += int32(copy(s.postings[fill[g]:], p.full))
			s.postings[fill[g]] = p.cur
			fill[g]++
		}
		chunks[c] = vocabChunk{}
	}

	var lower, folded strings.Builder
	n := len(s.words)
	for _, w := range s.words {
		n += len(w)
	}
	lower.Grow(n)
	folded.Grow(n)
	s.starts = make([]int32, len(s.words))
	for i, w := range s.words {
		lower.WriteByte(0)
		folded.WriteByte(0)
		s.starts[i] = int32(folded.Len())
		lower.WriteString(fold.Lower(w))
		folded.WriteString(w)
	}
	s.lowerCat, s.foldCat = lower.String(), folded.String()
}

// wordAt returns the index of the vocabulary word holding byte offset off
// of lowerCat or foldCat.
func (s *Index) wordAt(off int) int {
	i, _ := slices.BinarySearch(s.starts, int32(off)+1)
	return i - 1
}

// orders returns the talk indexes in title and in speaker order (folded,
// case-insensitive; ties in schedule order), computing them on first use.
func (s *Index) orders() (byTitle, bySpeaker []int32) {
	s.orderOnce.Do(func() {
		by := func(key func(*talkIndex) string) []int32 {
			o := make([]int32, len(s.talks))
			for i := range o {
				o[i] = int32(i)
			}
			slices.SortStableFunc(o, func(a, b int32) int {
				return cmp.Compare(key(&s.talks[a]), key(&s.talks[b]))
			})
			return o
		}
		s.byTitle = by((*talkIndex).titleLower)
		s.bySpeaker = by((*talkIndex).speakerLower)
	})
	return s.byTitle, s.bySpeaker
}

// appendFold appends s folded to dst.
func appendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			dst = append(dst, s[i])
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		dst = utf8.AppendRune(dst, fold.Rune(r))
	}
	return dst
}

// foldInto appends s folded to dst, and to low s folded and lowercased
// (as lowerSameLen), and returns both: the foldedText of a body, built
// only when it is needed.
func foldInto(dst, low []byte, s string) ([]byte, []byte) {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf { // a run of ASCII, copied whole
			j := i + 1
			for j < len(s) && s[j] < utf8.RuneSelf {
				j++
			}
			dst = append(dst, s[i:j]...)
			n := len(low)
			low = append(low, s[i:j]...)
			for k := n; k < len(low); k++ {
				if c := low[k]; 'A' <= c && c <= 'Z' {
					low[k] = c + 'a' - 'A'
				}
			}
			i = j
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		r = fold.Rune(r)
		dst = utf8.AppendRune(dst, r)
		low = utf8.AppendRune(low, fold.LowerRune(r))
	}
	return dst, low
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// setASCIIBit records byte c (< 128) in a 128-bit set.
func setASCIIBit(set *[2]uint64, c byte) { set[c>>6] |= 1 << (c & 63) }

func hasASCIIBit(set *[2]uint64, c byte) bool { return set[c>>6]&(1<<(c&63)) != 0 }

// hasASCIIBits reports whether set holds every byte of need.
func hasASCIIBits(set, need *[2]uint64) bool {
	return set[0]&need[0] == need[0] && set[1]&need[1] == need[1]
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

package notes

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// index holds what Search precomputes over a document's talks. It is built
// once, on the first search, and never changes afterwards, so searches may
// run from several goroutines at once. A Document's Talks must not change
// after its first search.
type index struct {
	once sync.Once
	s    *searchIndex
}

// searchIndex is the built index.
//
// Titles and speakers are kept folded and lowercased, for fuzzy matching.
// Notes bodies are not kept a second time (at 100,000 talks that would be
// hundreds of megabytes): they are indexed by word. Every maximal run of
// letters and digits of a folded body is a word of the vocabulary, with
// the talks holding it (its postings). A term made of letters and digits
// occurs in a body exactly when it is a substring of one of the body's
// words, so a term is looked up by scanning the vocabulary, not the bodies.
type searchIndex struct {
	talks    []talkIndex
	maxRunes int // the most runes of any title, speaker or body
	// What a search looks at first for every talk, packed together so a
	// talk that cannot match costs a few nanoseconds.
	stars                    []int32
	titleChars, speakerChars []uint64

	// The vocabulary: words[i] is a folded word (case kept); lowerCat and
	// foldCat hold all words lowercased and as they are, each after a NUL,
	// words[i] at starts[i]. Both have the same byte layout.
	words    []string
	starts   []int32
	lowerCat string
	foldCat  string
	// postings[postStart[i]:postStart[i+1]] are the talks holding words[i],
	// in ascending order.
	postings  []int32
	postStart []int32

	orderOnce sync.Once
	byTitle   []int32 // talk indexes in title order
	bySpeaker []int32 // talk indexes in speaker order
}

// talkIndex is one talk's text, prepared for matching.
type talkIndex struct {
	title   foldedText
	speaker foldedText
	// Which ASCII bytes the folded body holds (asciiBits), anywhere and
	// at the start of a word: a one-byte term needs no vocabulary.
	bodyAny, bodyStart [2]uint64
	bodyASCII          bool // the body is ASCII: its folded form is itself
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

func newFoldedText(s string) foldedText {
	var a arena
	return a.foldedText(s)
}

// An arena lays out the texts of consecutive talks one after the other
// in large blocks, so that a search reading them all reads memory in
// order.
type arena struct {
	buf []byte
}

const arenaBlock = 64 << 10

// foldedText returns the foldedText of s, its strings in the arena.
func (a *arena) foldedText(s string) foldedText {
	need := 2 * (len(s) + 2*utf8.UTFMax)
	if cap(a.buf)-len(a.buf) < need {
		a.buf = make([]byte, 0, max(arenaBlock, need))
	}
	start := len(a.buf)
	a.buf, _ = foldInto(a.buf, nil, s)
	n := len(a.buf) - start
	// foldInto's lowercasing is lowerSameLen's; do it in place on a copy.
	a.buf = append(a.buf, a.buf[start:start+n]...)
	lowerInPlace(a.buf[start+n:])
	whole := unsafe.String(unsafe.SliceData(a.buf[start:]), 2*n)
	f, l := whole[:n], whole[n:]
	t := foldedText{fold: f, lower: l, ascii: isASCII(f), chars: charMask(l)}
	for i := 0; i < min(len(f), 64); i++ {
		if utf8.RuneStart(f[i]) && wordStart(f, i) {
			t.starts |= 1 << i
		}
	}
	return t
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
		if l := unicode.ToLower(r); utf8.RuneLen(l) == size {
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

// searchIndex returns the document's index, building it on first use.
func (d *Document) searchIndex() *searchIndex {
	d.index.once.Do(func() { d.index.s = buildIndex(d.Talks) })
	return d.index.s
}

// PrepareSearch builds the search index now rather than at the first
// search. Building it takes time proportional to the size of the notes
// (a few hundred milliseconds at 100,000 talks), so an interactive caller
// may run this in the background after loading a large document. Safe to
// call from several goroutines and more than once.
func (d *Document) PrepareSearch() { d.searchIndex() }

// vocabChunk is the vocabulary of a range of talks.
type vocabChunk struct {
	ids      map[string]int32
	words    []string
	postings [][]int32
}

func buildIndex(talks []*Talk) *searchIndex {
	s := &searchIndex{
		talks:        make([]talkIndex, len(talks)),
		stars:        make([]int32, len(talks)),
		titleChars:   make([]uint64, len(talks)),
		speakerChars: make([]uint64, len(talks)),
	}
	parts := min(runtime.GOMAXPROCS(0), max(1, len(talks)/1024))
	chunks := make([]vocabChunk, parts)
	maxRunes := make([]int, parts)
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*len(talks)/parts, (p+1)*len(talks)/parts
		wg.Go(func() {
			c := &chunks[p]
			c.ids = map[string]int32{}
			var last []int32 // last talk seen per word id, +1
			var word []byte
			var texts arena
			for i := lo; i < hi; i++ {
				t := talks[i]
				ti := &s.talks[i]
				ti.title = texts.foldedText(t.Title)
				ti.speaker = texts.foldedText(t.Speaker)
				s.stars[i] = int32(max(math.MinInt32, min(math.MaxInt32, t.Stars)))
				s.titleChars[i], s.speakerChars[i] = ti.title.chars, ti.speaker.chars
				maxRunes[p] = max(maxRunes[p], utf8.RuneCountInString(t.Title), utf8.RuneCountInString(t.Speaker))
				n := 0
				flush := func() {
					if len(word) == 0 {
						return
					}
					id, ok := c.ids[string(word)]
					if !ok {
						id = int32(len(c.words))
						w := string(word)
						c.ids[w] = id
						c.words = append(c.words, w)
						c.postings = append(c.postings, nil)
						last = append(last, 0)
					}
					if last[id] != int32(i)+1 {
						last[id] = int32(i) + 1
						c.postings[id] = append(c.postings[id], int32(i))
					}
					word = word[:0]
				}
				body := t.Body
				ti.bodyASCII = isASCII(body)
				for j := 0; j < len(body); {
					r, size := rune(body[j]), 1
					if r >= utf8.RuneSelf {
						r, size = utf8.DecodeRuneInString(body[j:])
						r = fastFold(r)
					}
					j += size
					n++
					if r < utf8.RuneSelf {
						setASCIIBit(&ti.bodyAny, byte(r))
						if isASCIIWord(byte(r)) {
							if len(word) == 0 {
								setASCIIBit(&ti.bodyStart, byte(r))
							}
							word = append(word, byte(r))
							continue
						}
					} else if isWordRune(r) {
						word = utf8.AppendRune(word, r)
						continue
					}
					flush()
				}
				flush()
				maxRunes[p] = max(maxRunes[p], n)
			}
		})
	}
	wg.Wait()
	s.maxRunes = slices.Max(append(maxRunes, 0))
	s.mergeVocab(chunks)
	return s
}

// mergeVocab joins the chunks' vocabularies; chunks cover ascending talk
// ranges, so appending their postings in order keeps postings sorted.
func (s *searchIndex) mergeVocab(chunks []vocabChunk) {
	ids := chunks[0].ids
	s.words = chunks[0].words
	remap := make([][]int32, len(chunks))
	for c := 1; c < len(chunks); c++ {
		remap[c] = make([]int32, len(chunks[c].words))
		for i, w := range chunks[c].words {
			id, ok := ids[w]
			if !ok {
				id = int32(len(s.words))
				ids[w] = id
				s.words = append(s.words, w)
			}
			remap[c][i] = id
		}
	}
	count := make([]int32, len(s.words)+1)
	for c := range chunks {
		for i, p := range chunks[c].postings {
			id := int32(i)
			if c > 0 {
				id = remap[c][i]
			}
			count[id+1] += int32(len(p))
		}
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	s.postStart = count
	s.postings = make([]int32, count[len(count)-1])
	fill := slices.Clone(count[:len(count)-1])
	for c := range chunks {
		for i, p := range chunks[c].postings {
			id := int32(i)
			if c > 0 {
				id = remap[c][i]
			}
			fill[id] += int32(copy(s.postings[fill[id]:], p))
		}
		chunks[c] = vocabChunk{}
	}

	var lower, fold strings.Builder
	size := len(s.words)
	for _, w := range s.words {
		size += len(w)
	}
	lower.Grow(size)
	fold.Grow(size)
	s.starts = make([]int32, len(s.words))
	for i, w := range s.words {
		lower.WriteByte(0)
		fold.WriteByte(0)
		s.starts[i] = int32(fold.Len())
		lower.WriteString(lowerSameLen(w))
		fold.WriteString(w)
	}
	s.lowerCat, s.foldCat = lower.String(), fold.String()
}

// wordAt returns the index of the vocabulary word holding byte offset off
// of lowerCat or foldCat.
func (s *searchIndex) wordAt(off int) int {
	i, _ := slices.BinarySearch(s.starts, int32(off)+1)
	return i - 1
}

// talkPostings returns the talks holding vocabulary word w.
func (s *searchIndex) talkPostings(w int) []int32 {
	return s.postings[s.postStart[w]:s.postStart[w+1]]
}

// orders returns the talk indexes in title and in speaker order (folded,
// case-insensitive; ties in schedule order), computing them on first use.
func (s *searchIndex) orders() (byTitle, bySpeaker []int32) {
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
		s.byTitle = by(func(t *talkIndex) string { return t.title.lower })
		s.bySpeaker = by(func(t *talkIndex) string { return t.speaker.lower })
	})
	return s.byTitle, s.bySpeaker
}

// foldTable caches foldRune for the runes of the alphabets notes are
// written in; foldRune itself normalises, which is slow.
var foldTable struct {
	once sync.Once
	t    []rune
}

const foldTableSize = 0x2500

func fastFold(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	if r >= foldTableSize {
		return foldRune(r)
	}
	foldTable.once.Do(func() {
		foldTable.t = make([]rune, foldTableSize)
		for i := range foldTable.t {
			foldTable.t[i] = foldRune(rune(i))
		}
	})
	return foldTable.t[r]
}

// foldString is Fold, faster.
func foldString(s string) string {
	if isASCII(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = utf8.AppendRune(b, fastFold(r))
	}
	return string(b)
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
		r = fastFold(r)
		dst = utf8.AppendRune(dst, r)
		if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
			r = l
		}
		low = utf8.AppendRune(low, r)
	}
	return dst, low
}

// lowerSameLen lowercases s rune for rune where that keeps the rune's
// encoded length, so the result has the byte layout of s. Invalid UTF-8
// bytes become U+FFFD, as Fold does. (After Fold, the few runes whose
// lowercase has another length are exotic: they stay as they are.)
func lowerSameLen(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
			r = l
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isASCIIWord(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// setASCIIBit records byte c (< 128) in a 128-bit set.
func setASCIIBit(set *[2]uint64, c byte) { set[c>>6] |= 1 << (c & 63) }

func hasASCIIBit(set *[2]uint64, c byte) bool { return set[c>>6]&(1<<(c&63)) != 0 }

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

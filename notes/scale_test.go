package notes_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/golanguk/golanguk/notes"
)

// Hostile input must cost time and memory in proportion to its size. The
// tests below grow an input 4x and check that the work grows about 4x, not
// 16x as a quadratic would: work is counted as bytes allocated, which,
// unlike a clock, does not depend on what else the machine is doing.

// allocated returns the bytes f allocates: the least of three runs, as
// what else runs in the test binary (a goroutine left by an earlier test)
// can only add to the count.
func allocated(f func()) uint64 {
	least := uint64(math.MaxUint64)
	for range 3 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		f()
		runtime.ReadMemStats(&after)
		least = min(least, after.TotalAlloc-before.TotalAlloc)
	}
	return least
}

// growth returns how many times more work f(4n) allocates than f(n).
func growth(n int, f func(n int)) float64 {
	f(n) // warm up: tables built once (folding) do not count
	small := allocated(func() { f(n) })
	large := allocated(func() { f(4 * n) })
	return float64(large) / float64(max(small, 1))
}

// ratingNotes is a notes file whose one talk has a rating line of n
// ":one:" words and one :star:.
func ratingNotes(n int) string {
	return "# T\n\n## Talk\n> Ann - https://a.example\n\n" + strings.Repeat(":one: ", n) + ":star:\n\nnotes\n"
}

// TestParseRatingLineWithManyNumberWords: a rating line of 150,000 ":one:"
// words once took 8 s to parse (the words were joined one by one) and its
// warning repeated the whole 900 KB list on stderr.
func TestParseRatingLineWithManyNumberWords(t *testing.T) {
	doc, err := notes.Parse(strings.NewReader(ratingNotes(150000)))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Talks) != 1 || doc.Talks[0].Stars != 1 {
		t.Fatalf("talks %d, stars %d; want one talk of 1 star", len(doc.Talks), doc.Talks[0].Stars)
	}
	if len(doc.Warnings) != 1 {
		t.Fatalf("warnings %d, want 1", len(doc.Warnings))
	}
	const want = "notes: 6: rating line says :one::one::one::one:… (150000 number words) but has 1 :star:; using 1"
	if got := doc.Warnings[0].String(); got != want {
		t.Errorf("warning = %.300q\nwant %q", got, want)
	}
}

// TestParseRatingLineScales: parsing a rating line of number words is
// linear in its length.
func TestParseRatingLineScales(t *testing.T) {
	g := growth(4000, func(n int) {
		if _, err := notes.Parse(strings.NewReader(ratingNotes(n))); err != nil {
			t.Fatal(err)
		}
	})
	if g > 6 {
		t.Errorf("4x the number words allocate %.1fx the bytes, want about 4x", g)
	}
}

// hugeTitleNotes is a notes file with a talk on context and a talk whose
// title is one word of n letters.
func hugeTitleNotes(n int) string {
	return "# T\n\n## A beginners guide to Context\n> Ann - https://a.example\n\n:two: :star: :star:\n\nnotes\n\n" +
		"## " + strings.Repeat("q", n) + "\n> Bob - https://b.example\n\n:one: :star:\n\nnotes\n"
}

// eightLongWords are the words "did you mean" is asked about: typos of
// nothing, 60 letters each, as many as Suggest reads.
var eightLongWords = strings.TrimSpace(strings.Repeat(strings.Repeat("x", 59)+"y ", 7)) + " contxt"

// TestSuggestHugeTitle: "did you mean" for 8 unknown 60-letter words
// against a 10 MB one-word title took 18 s and 412 MB, comparing each word
// with the whole title. Only the title's first runes can be near a word.
func TestSuggestHugeTitle(t *testing.T) {
	const n = 1 << 20
	doc, err := notes.Parse(strings.NewReader(hugeTitleNotes(n)))
	if err != nil {
		t.Fatal(err)
	}
	doc.PrepareSearch()
	var got []*notes.Talk
	bytes := allocated(func() { got = doc.Suggest(eightLongWords, 3) })
	if len(got) != 1 || got[0].Title != "A beginners guide to Context" {
		t.Errorf("Suggest = %v, want the talk on context", got)
	}
	if bytes > n/4 {
		t.Errorf("Suggest allocated %d bytes for a %d-byte title", bytes, n)
	}
}

// TestSuggestScales: "did you mean" grows with the titles at most
// linearly.
func TestSuggestScales(t *testing.T) {
	docs := map[int]*notes.Document{}
	for _, n := range []int{1 << 16, 1 << 18} {
		doc, err := notes.Parse(strings.NewReader(hugeTitleNotes(n)))
		if err != nil {
			t.Fatal(err)
		}
		doc.PrepareSearch()
		docs[n] = doc
	}
	if g := growth(1<<16, func(n int) { docs[n].Suggest(eightLongWords, 3) }); g > 6 {
		t.Errorf("titles 4x as long allocate %.1fx the bytes, want at most about 4x", g)
	}
}

// TestSearchOneLongLine: a search over notes of one 1 MB line ("gopher
// gopher ...") took 52 s: the snippet code counted runes from the line
// start for every match. A snippet now costs what its window does. The
// snippets follow the cutting rules: about 80 runes, 24 of them before
// the match when there is room, cut at a space when one is near.
func TestSearchOneLongLine(t *testing.T) {
	tests := []struct {
		name, body, query, snippet string
	}{
		{"match at the start", strings.Repeat("gopher ", 150000), "gopher",
			"gopher gopher gopher gopher gopher gopher gopher gopher gopher gopher gopher…"},
		{"match in the middle", strings.Repeat("x ", 300000) + "needle" + strings.Repeat(" y", 300000), "needle",
			"…" + strings.Repeat("x ", 11) + "needle" + strings.Repeat(" y", 24) + "…"},
		{"match at the end", strings.Repeat("é ", 400000) + "Ünïcode", "unicode",
			"…" + strings.Repeat("é ", 36) + "Ünïcode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := handDoc(&notes.Talk{Title: "Long", Body: "intro\n" + tt.body + "\noutro"})
			hits := d.Search(notes.Query{Text: tt.query, Sort: notes.SortRelevance})
			if len(hits) != 1 || hits[0].Field != notes.FieldNotes {
				t.Fatalf("Search(%q) = %d hits, want one notes hit", tt.query, len(hits))
			}
			var snippet string
			var pos []int
			bytes := allocated(func() { snippet, pos = hits[0].Snippet() })
			if snippet != tt.snippet {
				t.Errorf("snippet\n %q\nwant %q", snippet, tt.snippet)
			}
			var want strings.Builder
			for range strings.Count(notes.Fold(strings.ToLower(snippet)), tt.query) {
				want.WriteString(tt.query)
			}
			if got := strings.ToLower(marked(snippet, pos)); got != want.String() {
				t.Errorf("snippet marks %q, want %q", got, want.String())
			}
			if bytes > 64<<10 {
				t.Errorf("Snippet allocated %d bytes for a line of %d", bytes, len(tt.body))
			}
		})
	}
}

// TestSnippetScales: with the only match at the end of a line, a line 4x
// as long takes about 4x as long to make a snippet of (ratios of the time
// per snippet, each measured over about 1 s under -long, testing.Benchmark's
// default, and 150 ms otherwise), not 16x.
func TestSnippetScales(t *testing.T) {
	if testing.Short() {
		t.Skip("two benchmarks: a few seconds")
	}
	hit := func(n int) notes.Hit {
		d := handDoc(&notes.Talk{Title: "Long", Body: strings.Repeat("go ", n) + "gopher"})
		return d.Search(notes.Query{Text: "gopher"})[0]
	}
	small, large := hit(20000), hit(80000)
	measure := time.Duration(sizeFor(150, 1000)) * time.Millisecond
	ns := func(h notes.Hit) float64 {
		// As testing.Benchmark does: more runs each round until they
		// take the time to measure.
		for n := 1; ; n *= 2 {
			start := time.Now()
			for range n {
				h.Snippet()
			}
			if d := time.Since(start); d >= measure || n >= 1<<30 {
				return float64(d.Nanoseconds()) / float64(n)
			}
		}
	}
	// A loaded machine can only make one measure or the other slower, at
	// random; a quadratic snippet is 16x slower every time.
	var ratios []float64
	for range 3 {
		ratio := ns(large) / ns(small)
		if ratio <= 8 {
			break
		}
		ratios = append(ratios, ratio)
	}
	if len(ratios) == 3 {
		t.Errorf("a line 4x as long takes %.1f times as long, want about 4x", ratios)
	}
	// Memory does not grow with the line at all.
	if g := growth(20000, func(n int) {
		if n == 20000 {
			small.Snippet()
		} else {
			large.Snippet()
		}
	}); g > 2 {
		t.Errorf("a line 4x as long allocates %.1fx the bytes", g)
	}
}

// writeSizes records the size of every Write.
type writeSizes struct {
	bytes.Buffer
	largest int
}

func (w *writeSizes) Write(p []byte) (int, error) {
	w.largest = max(w.largest, len(p))
	return w.Buffer.Write(p)
}

// TestListJSONHoldsOneTalkAtATime: list --json -q on 100,000 talks
// peaked at 1.4 GB against 352 MB for list -q: WriteJSON built every
// talk's JSON value, then encoded the whole array in one buffer before
// writing it. It now writes the array a talk at a time, so no write is
// much larger than one talk's JSON, and the output is the same array,
// indented as before.
func TestListJSONHoldsOneTalkAtATime(t *testing.T) {
	var talks []*notes.Talk
	for i := range 200 {
		talks = append(talks, &notes.Talk{Title: fmt.Sprintf("Talk %d", i), Speaker: "Ann", Body: strings.Repeat("gopher notes ", 2000)})
	}
	d := handDoc(talks...)
	hits := d.Search(notes.Query{Text: "gopher"})
	var w writeSizes
	if err := notes.WriteJSON(&w, hits, true); err != nil {
		t.Fatal(err)
	}
	var one bytes.Buffer
	if err := notes.WriteTalkJSON(&one, hits[0], true); err != nil {
		t.Fatal(err)
	}
	if w.largest > 2*one.Len()+64<<10 {
		t.Errorf("largest write %d bytes for %d talks of %d bytes of JSON each: the array is built whole", w.largest, len(hits), one.Len())
	}
	// The same bytes as encoding the whole array at once.
	all := make([]notes.TalkJSON, len(hits))
	for i, h := range hits {
		all[i] = notes.NewTalkJSON(h, true)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(all); err != nil {
		t.Fatal(err)
	}
	if w.String() != want.String() {
		t.Errorf("WriteJSON differs from the array encoded whole:\n%.300s\nwant\n%.300s", w.String(), want.String())
	}
}

// TestListJSONScales: JSON output grows with the talks linearly.
func TestListJSONScales(t *testing.T) {
	docs := map[int][]notes.Hit{}
	for _, n := range []int{50, 200} {
		var talks []*notes.Talk
		for i := range n {
			talks = append(talks, &notes.Talk{Title: fmt.Sprintf("Talk %d", i), Body: strings.Repeat("gopher ", 300)})
		}
		docs[n] = handDoc(talks...).Search(notes.Query{Text: "gopher"})
	}
	if g := growth(50, func(n int) { _ = notes.WriteJSON(io.Discard, docs[n], true) }); g > 6 {
		t.Errorf("4x the talks allocate %.1fx the bytes in WriteJSON, want about 4x", g)
	}
}

// TestParseRefusesMoreThanMaxSections: 1,000,000 tiny talks needed
// 911 MB, and a file of MaxSize in talks of 12 bytes would need 13 GB.
// Past MaxSections "## " sections Parse refuses the file, in one line,
// before it builds any talk.
func TestParseRefusesMoreThanMaxSections(t *testing.T) {
	src := "# Tiny\n\n" + strings.Repeat("## a\n:star:\n", notes.MaxSections+1)
	var err error
	bytes := allocated(func() { _, err = notes.ParseNamed("tiny.md", strings.NewReader(src)) })
	if !errors.Is(err, notes.ErrTooManySections) {
		t.Fatalf("ParseNamed = %v, want ErrTooManySections", err)
	}
	const want = `notes: tiny.md: 1048577 "## " sections, more than 1048576; is it a notes file?`
	if err.Error() != want {
		t.Errorf("error %q\nwant  %q", err, want)
	}
	if bytes > uint64(2*len(src)) {
		t.Errorf("refusing the file allocated %d bytes for a %d-byte file", bytes, len(src))
	}
}

// TestListWithoutQueryBuildsNoIndex: list of 1,000,000 talks took
// 990 MB, 230 MB of it a search index built to answer a query with no
// text. Such a query is every talk rated high enough, in file order,
// found without the index: its cost is the hits'.
func TestListWithoutQueryBuildsNoIndex(t *testing.T) {
	var talks []*notes.Talk
	for i := range 20000 {
		talks = append(talks, &notes.Talk{Title: fmt.Sprintf("Talk %d on things", i), Speaker: "Ann Example", Stars: i % 11, Body: "some notes on things"})
	}
	handDoc(talks...) // numbers them
	for _, q := range []notes.Query{{}, {MinStars: 5}, {Text: "  ", Sort: notes.SortRelevance}} {
		var hits []notes.Hit
		// A new document each time: an index, once built, is kept.
		bytes := allocated(func() { hits = (&notes.Document{Talks: talks}).Search(q) })
		want := 0
		for _, tk := range talks {
			if tk.Stars >= q.MinStars {
				if want < len(hits) && hits[want].Talk != tk {
					t.Fatalf("%+v: hit %d is talk %d, want %d (schedule order)", q, want, hits[want].Talk.Number, tk.Number)
				}
				want++
			}
		}
		if len(hits) != want {
			t.Errorf("%+v: %d hits, want %d", q, len(hits), want)
		}
		if limit := 2 * uint64(len(talks)) * uint64(reflect.TypeFor[notes.Hit]().Size()); bytes > limit {
			t.Errorf("%+v: allocated %d bytes, more than twice the hits' %d: an index was built", q, bytes, limit/2)
		}
	}
}

// TestParseManyTalksScales: parsing 4x the talks allocates about 4x the
// bytes, and so does the first search (which builds the index).
func TestParseManyTalksScales(t *testing.T) {
	src := func(n int) string {
		var b strings.Builder
		b.WriteString("# Many\n\n")
		for i := range n {
			fmt.Fprintf(&b, "## Talk %d\n> Speaker %d - https://e.example/%d\n\n:two: :star: :star:\n\n- notes on go %d\n\n", i, i, i, i)
		}
		return b.String()
	}
	srcs := map[int]string{2000: src(2000), 8000: src(8000)}
	if g := growth(2000, func(n int) {
		doc, err := notes.Parse(strings.NewReader(srcs[n]))
		if err != nil {
			t.Fatal(err)
		}
		doc.Search(notes.Query{Text: "notes go"})
	}); g > 5 {
		t.Errorf("4x the talks allocate %.1fx the bytes, want about 4x", g)
	}
}

// tinyTalks is a notes file of n tiny talks, 46 bytes each, as in the
// 1,000,000-talk file that needed 911 MB.
func tinyTalks(n int) string {
	var b strings.Builder
	b.WriteString("# Tiny\n\n")
	for i := range n {
		fmt.Fprintf(&b, "## Talk %d\n> Ann - https://e.com\n\n:star:\n\n- x\n\n", i)
	}
	return b.String()
}

// TestMemoryAtScaleTinyTalks: list -q x over 1,000,000 tiny talks (a 46
// MB file) peaked at 911 MB, nearly all of it live: each talk held 658
// bytes of heap once parsed and searched (this count), and main held the
// file's bytes beside the parsed string too. A Talk was 240 bytes, plus a
// slice of its speaker line and a copy of its speaker's name (32); the
// index's per-talk record was 168, its copy of the talk's texts 56 and
// its slice of the bodies as read 16.
//
// The budget is what a parsed and indexed tiny talk needs now, with room
// for a word more here and there: its share of the source (about 45
// bytes), its Talk (208, and 8 for its pointer), slug (16), the index's
// record (56, and 20 of rating and letter masks), folded title and
// speaker (about 26), and the postings of its words (a few bytes): 408
// bytes measured. A budget of 470 leaves about 15% for growth, and fails
// if any one of the costs above comes back. The hits of the search are
// not counted: they are the answer.
func TestMemoryAtScaleTinyTalks(t *testing.T) {
	const n = 20000
	const budget = 470 // bytes a talk
	src := tinyTalks(n)
	// The least of three runs, as what else runs in the test binary can
	// only add to the count.
	least := int64(math.MaxInt64)
	for range 3 {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		doc, err := notes.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if hits := doc.Search(notes.Query{Text: "x"}); len(hits) != n {
			t.Fatalf("%d hits for x, want every one of the %d talks", len(hits), n)
		}
		// Twice: the search's buffers are pooled (sync.Pool), and a pool
		// is emptied in two collections.
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(doc)
		// The document's copy of the source is counted: Body and header
		// are pieces of it.
		least = min(least, int64(after.HeapAlloc)-int64(before.HeapAlloc))
	}
	if per := least / n; per > budget {
		t.Errorf("a parsed and searched tiny talk holds %d bytes of heap, want at most %d", per, budget)
	}
}

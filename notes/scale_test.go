package notes_test

import (
	"runtime"
	"strings"
	"testing"

	"github.com/golanguk/golanguk/notes"
)

// Hostile input must cost time and memory in proportion to its size. The
// tests below grow an input 4x and check that the work grows about 4x, not
// 16x as a quadratic would: work is counted as bytes allocated, which,
// unlike a clock, does not depend on what else the machine is doing.

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
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

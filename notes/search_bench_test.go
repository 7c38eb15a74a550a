package notes_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/notestest"
)

// benchQueries are what a person types in the search box, one keystroke at
// a time ("c", "co", "con", ...) and whole: 1 to 10 characters, names
// without accents, words of the notes, two terms, smart case, a miss.
var benchQueries = []string{
	"c", "co", "con", "cont", "conte", "context",
	"g", "go", "gor", "goroutine",
	"t", "te", "tes", "test",
	"patan", "bjorn", "cheney", "dave chen",
	"Go", "io.Reader", "channels", "interface", "sgd", "contxt",
	"micro", "kubernetes", "xyzzy",
}

// BenchmarkSearch measures one search (one keystroke) with relevance
// order, averaged over benchQueries, on the embedded notes and on
// generated files of 10,000 and 100,000 talks. The index is built before
// the clock starts; BenchmarkSearchIndex measures building it.
func BenchmarkSearch(b *testing.B) {
	for _, n := range []int{21, 10000, 100000} {
		b.Run(fmt.Sprintf("talks=%d", n), func(b *testing.B) {
			d := benchDoc(b, n)
			d.Search(notes.Query{Text: "warm up the index"})
			b.ReportAllocs()
			b.ResetTimer()
			hits := 0
			for i := 0; b.Loop(); i++ {
				hits += len(d.Search(notes.Query{Text: benchQueries[i%len(benchQueries)], Sort: notes.SortRelevance}))
			}
			b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
		})
	}
}

// benchWords are whole words of the query forms below: common and rare
// words of the notes, a name, a miss.
var benchWords = []string{"context", "goroutine", "interface", "channels", "kubernetes", "micro", "cheney", "xyzzy"}

// benchSyntax are the forms of the query language, each made of
// benchWords ("%s" is the word). fuzzy is a plain word, today's search.
var benchSyntax = []struct{ name, form string }{
	{"fuzzy", "%s"},
	{"exact", "'%s"},
	{"boundary", "'%s'"},
	{"prefix", "^%s"},
	{"suffix", "%s$"},
	{"exclude", "go !%s"},
	{"or", "%s | goroutine"},
	{"title", "title:%s"},
	{"notes", "notes:'%s"},
	{"stars", "%s stars:>=7"},
	{"has", "%s has:code"},
}

// BenchmarkSearchSyntax measures one search in each form of the query
// language at 100,000 talks, averaged over benchWords: compare each with
// syntax=fuzzy, today's plain search.
func BenchmarkSearchSyntax(b *testing.B) {
	const n = 100000
	d := benchDoc(b, n)
	d.Search(notes.Query{Text: "warm up the index"})
	d.Search(notes.Query{Text: "has:link warm up the fields"})
	for _, syn := range benchSyntax {
		queries := make([]string, len(benchWords))
		for i, w := range benchWords {
			queries[i] = fmt.Sprintf(syn.form, w)
		}
		b.Run(fmt.Sprintf("syntax=%s/talks=%d", syn.name, n), func(b *testing.B) {
			b.ReportAllocs()
			hits := 0
			for i := 0; b.Loop(); i++ {
				hits += len(d.Search(notes.Query{Text: queries[i%len(queries)], Sort: notes.SortRelevance}))
			}
			b.ReportMetric(float64(hits)/float64(b.N), "hits/op")
		})
	}
}

// BenchmarkSearchIndex measures the first search of a document, which
// builds its index.
func BenchmarkSearchIndex(b *testing.B) {
	for _, n := range []int{21, 10000, 100000} {
		b.Run(fmt.Sprintf("talks=%d", n), func(b *testing.B) {
			src := benchSource(b, n)
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				d, err := notes.Parse(bytes.NewReader(src))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				d.Search(notes.Query{Text: "x"})
			}
		})
	}
}

func benchSource(b *testing.B, n int) []byte {
	if n == 21 {
		return data.Notes()
	}
	return notestest.Bytes(n, 1)
}

func benchDoc(b *testing.B, n int) *notes.Document {
	d, err := notes.Parse(bytes.NewReader(benchSource(b, n)))
	if err != nil {
		b.Fatal(err)
	}
	if len(d.Talks) != n {
		b.Fatalf("%d talks, want %d", len(d.Talks), n)
	}
	return d
}

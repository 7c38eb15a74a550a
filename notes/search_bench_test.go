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

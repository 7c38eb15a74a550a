package index_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/internal/index"
	"github.com/golanguk/golanguk/notes/notestest"
)

// many returns n talks, each with a word of its own ("own17") and a word
// they share ("shared"); talk i has i%7 stars.
func many(n int) []index.Talk {
	talks := make([]index.Talk, n)
	for i := range talks {
		talks[i] = index.Talk{
			Title:   fmt.Sprintf("Talk %d", i),
			Speaker: "Ann Lee",
			Body:    fmt.Sprintf("intro\n- the shared word and own%dx\n", i),
			Stars:   i % 7,
		}
	}
	return talks
}

func search(t *testing.T, ix *index.Index, q index.Query) []index.Match {
	t.Helper()
	ms, err := index.Search(context.Background(), ix, q, func(m index.Match) index.Match { return m })
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// TestSearchInParts searches more talks than one goroutine takes, so the
// talks and the vocabulary are searched in parts and the matches put in
// order by the counting sort; the result is what one pass would give.
func TestSearchInParts(t *testing.T) {
	const n = 9000
	ix := index.New(many(n))
	ms := search(t, ix, index.Query{Text: "shared", Sort: index.SortStars})
	if len(ms) != n {
		t.Fatalf("%d matches of a word every talk holds, want %d", len(ms), n)
	}
	// Most stars first, ties in schedule order.
	var want []int
	for stars := 6; stars >= 0; stars-- {
		for i := stars; i < n; i += 7 {
			want = append(want, i)
		}
	}
	var got []int
	for _, m := range ms {
		got = append(got, m.Talk)
		if m.Field != index.FieldNotes {
			t.Fatalf("talk %d: field %v, want notes", m.Talk, m.Field)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("SortStars order differs from stars then schedule; first: %v, want %v", got[:10], want[:10])
	}

	// A word of one talk, at both ends and in the middle of the talks.
	for _, i := range []int{0, 1, n / 2, n - 1} {
		ms := search(t, ix, index.Query{Text: fmt.Sprintf("own%dx", i), Sort: index.SortRelevance})
		if len(ms) != 1 || ms[0].Talk != i {
			t.Errorf("own%dx: %d matches, want talk %d alone", i, len(ms), i)
			continue
		}
		body := fmt.Sprintf("intro\n- the shared word and own%dx\n", i)
		if s, _ := ms[0].Snippet.Make(body); s != fmt.Sprintf("the shared word and own%dx", i) {
			t.Errorf("own%d: snippet %q", i, s)
		}
	}
}

// TestSearchCancelled: a cancelled search returns the context's error.
func TestSearchCancelled(t *testing.T) {
	ix := index.New(many(5000))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := index.Search(ctx, ix, index.Query{Text: "shared"}, func(m index.Match) int { return m.Talk }); err != context.Canceled {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// BenchmarkSearch measures the engine alone at 100,000 talks: one search
// per query of a person typing, matches made into the smallest hits (their
// talk number), so what is left is the search itself. The notes package's
// BenchmarkSearch measures the same through notes.Document.Search.
func BenchmarkSearch(b *testing.B) {
	d, err := notes.Parse(bytes.NewReader(notestest.Bytes(100000, 1)))
	if err != nil {
		b.Fatal(err)
	}
	talks := make([]index.Talk, len(d.Talks))
	for i, t := range d.Talks {
		talks[i] = index.Talk{Title: t.Title, Speaker: t.Speaker, Body: t.Body, Stars: t.Stars}
	}
	ix := index.New(talks)
	ix.Prepare()
	queries := []string{"c", "co", "con", "context", "g", "go", "goroutine", "patan", "io.Reader", "sgd", "xyzzy"}
	talk := func(m index.Match) int32 { return int32(m.Talk) }
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		q := index.Query{Text: queries[i%len(queries)], Sort: index.SortRelevance}
		if _, err := index.Search(context.Background(), ix, q, talk); err != nil {
			b.Fatal(err)
		}
	}
}

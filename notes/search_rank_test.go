package notes_test

import (
	"slices"
	"testing"

	"github.com/golanguk/golanguk/notes"
)

// TestSearchRankingAPersonExpects: for an ordinary word the talk about
// it comes first, the one whose title holds the word or a form of it;
// a whole word anywhere ranks above letters scattered over a title. The
// expected talks were chosen by reading data/golanguk-2016.md (talk 1 is
// the keynote, 21 "Real-Time Go"), not by running the search.
func TestSearchRankingAPersonExpects(t *testing.T) {
	d := searchDoc(t)
	tests := []struct {
		query string
		top   []int // the first hits, in any order
	}{
		// GC is in the notes of the Grand Treatise (14), of "Seven ways to
		// profile" (19, "internal/gc", "gctrace") and of Real-Time Go (21,
		// "GC-based"); "guide to Context" (7) and "Go & C" (13) only hold
		// the letters on word starts.
		{"gc", []int{14, 19, 21}},
		// "Seven ways to profile Go applications"; Dev to Prod only
		// mentions "profiling:" in its notes.
		{"profiling", []int{19}},
		{"profile", []int{19}},
		{"logging", []int{12}},
		{"context", []int{7}},
		{"testing", []int{5}},
		// "Advanced testing concepts": "tests" is all over its notes, and
		// in the Cloud talk's and the profiling talk's.
		{"tests", []int{5}},
		{"deadlock", []int{10}},
		{"deadlocks", []int{10}},
		{"solid", []int{1}},
		{"gilmour", []int{9}},
		{"instrumentation", []int{14}},
		{"queue", []int{20}},
		{"tricks", []int{3}},
		{"machines", []int{13}},
		{"sdk", []int{18}},
		{"pipelines", []int{16}},
		// No title holds these: of the talks with the whole word in
		// their notes, the one that mentions it most. "goroutine": the
		// deadlock talk (10) three times, the Context (7) and profiling
		// (19) talks twice, the Grand Treatise (14) once. "channel": the
		// Data Pipelines talk (16) three times, Context (7) and the log-based
		// queue (20) once.
		{"goroutine", []int{10}},
		{"channel", []int{16}},
		// The query language ranks the same way: exact and anchored terms
		// as words, OR by its best branch.
		{"'deadlock", []int{10}},
		{"^static", []int{10}},
		{"kafka | deadlock", []int{10}},
		{"'gc'", []int{14, 19, 21}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits := d.Search(notes.Query{Text: tt.query, Sort: notes.SortRelevance})
			if len(hits) < len(tt.top) {
				t.Fatalf("%d hits, want at least %d", len(hits), len(tt.top))
			}
			var got []int
			for _, h := range hits[:len(tt.top)] {
				got = append(got, h.Talk.Number)
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.top) {
				var all []int
				for _, h := range hits {
					all = append(all, h.Talk.Number)
				}
				t.Errorf("top %v, want %v (all %v)", got, tt.top, all)
			}
		})
	}
	// The title-fuzzy hits of gc follow the talks that mention GC.
	hits := d.Search(notes.Query{Text: "gc", Sort: notes.SortRelevance})
	for _, n := range []int{7, 13} {
		i := slices.IndexFunc(hits, func(h notes.Hit) bool { return h.Talk.Number == n })
		if i < 3 {
			t.Errorf("gc: talk %d at %d, want a hit after the three that mention GC", n, i)
		}
	}
}

package notes_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/notestest"
)

// searchDoc parses the embedded notes afresh (a fresh index each time).
func searchDoc(t testing.TB) *notes.Document {
	t.Helper()
	d, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
	if err != nil {
		t.Fatalf("parsing the embedded notes: %v", err)
	}
	return d
}

func titles(hits []notes.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Talk.Title)
	}
	return out
}

// checkHit checks the invariants every hit must hold: positions sorted,
// unique and inside the field they name; a one-line snippet.
func checkHit(t testing.TB, q string, h notes.Hit) {
	t.Helper()
	check := func(field, text string, pos []int) {
		t.Helper()
		n := utf8.RuneCountInString(text)
		for i, p := range pos {
			if p < 0 || p >= n {
				t.Errorf("query %q, talk %q: %s position %d outside %q (%d runes)", q, h.Talk.Title, field, p, text, n)
			}
			if i > 0 && p <= pos[i-1] {
				t.Errorf("query %q, talk %q: %s positions not sorted and unique: %v", q, h.Talk.Title, field, pos)
			}
		}
	}
	check("title", h.Talk.Title, h.TitlePos)
	check("speaker", h.Talk.Speaker, h.SpeakerPos)
	snippet, snippetPos := h.Snippet()
	check("snippet", snippet, snippetPos)
	if strings.ContainsAny(snippet, "\n\r") {
		t.Errorf("query %q, talk %q: snippet is not one line: %q", q, h.Talk.Title, snippet)
	}
	if snippet == "" && len(snippetPos) > 0 {
		t.Errorf("query %q, talk %q: snippet positions %v without a snippet", q, h.Talk.Title, snippetPos)
	}
	if h.Field == notes.FieldNotes && snippet == "" {
		t.Errorf("query %q, talk %q: a notes hit without a snippet", q, h.Talk.Title)
	}
	if again, againPos := h.Snippet(); again != snippet || !slices.Equal(againPos, snippetPos) {
		t.Errorf("query %q, talk %q: Snippet() = %q %v, then %q %v", q, h.Talk.Title, snippet, snippetPos, again, againPos)
	}
}

// marked returns the runes of s at pos, folded, as one string.
func marked(s string, pos []int) string {
	r := []rune(s)
	var b strings.Builder
	for _, p := range pos {
		if p >= 0 && p < len(r) {
			b.WriteRune(r[p])
		}
	}
	return notes.Fold(b.String())
}

func TestSearchRealNotes(t *testing.T) {
	d := searchDoc(t)
	tests := []struct {
		name  string
		query string
		// first hits, in order (all hits when exact)
		want  []string
		exact bool
		field notes.Field // of the first hit
		// what the first hit highlights, folded
		titleMarks, speakerMarks string
		// the first hit's snippet holds this, and marks snippetMarks
		snippet, snippetMarks string
	}{
		{
			name: "speaker typed without accents", query: "patan",
			want: []string{"Go from Dev to Prod"}, exact: true,
			field: notes.FieldSpeaker, speakerMarks: "Patan",
		},
		{
			name: "speaker typed with other accents", query: "pätân",
			want: []string{"Go from Dev to Prod"}, exact: true,
			field: notes.FieldSpeaker, speakerMarks: "Patan",
		},
		{
			name: "umlaut typed plain", query: "bjorn",
			want: []string{"Grand Treatise of Modern Instrumentation and Orchestration"}, exact: true,
			field: notes.FieldSpeaker, speakerMarks: "Bjorn",
		},
		{
			name: "word only in the notes", query: "interfacer",
			want: []string{"Keynote: SOLID Go design"}, exact: true,
			field: notes.FieldNotes, snippet: "Related tool https://github.com/mvdan/interfacer", snippetMarks: "interfacer",
		},
		{
			name: "notes word with punctuation", query: "io.reader",
			want:  []string{"Keynote: SOLID Go design", "Building your own log-based message queue in Go", "Advanced Patterns with io.ReadWriter"},
			exact: true, field: notes.FieldNotes, snippet: "(e.g io.Reader)", snippetMarks: "io.Reader",
		},
		{
			name: "two terms with punctuation, of both cases", query: "e.g io.Reader",
			want: []string{"Keynote: SOLID Go design"}, exact: true,
			field: notes.FieldNotes, snippet: "(e.g io.Reader)", snippetMarks: "e.gio.Reader",
		},
		{
			name: "two terms in two fields", query: "cheney solid",
			want: []string{"Keynote: SOLID Go design"}, exact: true,
			field: notes.FieldTitle, titleMarks: "SOLID", speakerMarks: "Cheney",
		},
		{
			name: "two terms both required", query: "cheney profile",
			want: []string{"Seven ways to profile Go applications"}, exact: true,
			field: notes.FieldTitle, titleMarks: "profile", speakerMarks: "Cheney",
		},
		{
			name: "one term alone matches more", query: "cheney",
			want:  []string{"Keynote: SOLID Go design", "Seven ways to profile Go applications"},
			exact: true, field: notes.FieldSpeaker, speakerMarks: "Cheney",
		},
		{
			name: "title and notes terms", query: "deadlock goroutines",
			want: []string{"static deadlock detection"}, exact: true,
			field: notes.FieldTitle, titleMarks: "deadlock", snippet: "goroutines", snippetMarks: "goroutines",
		},
		{
			name: "title hit above notes hits", query: "context",
			want:  []string{"A beginners guide to Context", "Applied Go kit"},
			field: notes.FieldTitle, titleMarks: "Context",
		},
		{
			name: "whole word above word inside", query: "mobile",
			want:  []string{"Developing Apps for Developing Countries with go-mobile", "Building Mobile SDKs with GoMobile"},
			field: notes.FieldTitle, titleMarks: "mobile",
		},
		{
			name: "word starts", query: "sgd",
			want: []string{"Keynote: SOLID Go design"}, exact: true,
			field: notes.FieldTitle, titleMarks: "SGd",
		},
		{
			name: "fuzzy typo in a title", query: "contxt",
			want: []string{"A beginners guide to Context"}, exact: true,
			field: notes.FieldTitle, titleMarks: "Contxt",
		},
		{
			name: "smart case: upper case is exact", query: "SOLID",
			want: []string{"Keynote: SOLID Go design"}, exact: true,
			field: notes.FieldTitle, titleMarks: "SOLID",
		},
		{
			name: "lower case ignores case", query: "gobridge",
			want: []string{"GoBridge and the Go Community: Initiatives and Opportunities"}, exact: true,
			field: notes.FieldTitle, titleMarks: "GoBridge",
		},
		{
			name: "smart case: wrong case does not match", query: "GOBRIDGE",
			exact: true,
		},
		{name: "no match", query: "rustacean", exact: true},
		{name: "one term of two fails", query: "cheney kubernetes", exact: true},
		{name: "letters scattered over a title are no match", query: "sgdx", exact: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := d.Search(notes.Query{Text: tt.query, Sort: notes.SortRelevance})
			for _, h := range hits {
				checkHit(t, tt.query, h)
			}
			got := titles(hits)
			if tt.exact && !slices.Equal(got, tt.want) || len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) {
				t.Fatalf("Search(%q) = %q, want first %q (exact %v)", tt.query, got, tt.want, tt.exact)
			}
			if len(hits) == 0 {
				return
			}
			h := hits[0]
			if h.Field != tt.field {
				t.Errorf("Search(%q)[0].Field = %v, want %v", tt.query, h.Field, tt.field)
			}
			if got := marked(h.Talk.Title, h.TitlePos); got != tt.titleMarks {
				t.Errorf("Search(%q)[0] marks %q in title %q, want %q", tt.query, got, h.Talk.Title, tt.titleMarks)
			}
			if got := marked(h.Talk.Speaker, h.SpeakerPos); got != tt.speakerMarks {
				t.Errorf("Search(%q)[0] marks %q in speaker %q, want %q", tt.query, got, h.Talk.Speaker, tt.speakerMarks)
			}
			snippet, snippetPos := h.Snippet()
			if !strings.Contains(snippet, tt.snippet) || (tt.snippet == "") != (snippet == "") {
				t.Errorf("Search(%q)[0].Snippet() = %q, want it to hold %q", tt.query, snippet, tt.snippet)
			}
			if got := marked(snippet, snippetPos); got != tt.snippetMarks {
				t.Errorf("Search(%q)[0] marks %q in snippet %q, want %q", tt.query, got, snippet, tt.snippetMarks)
			}
		})
	}
}

// TestSearchSmartCase: "go" finds the talk whose title says "go-mobile" by
// its title; "Go" does not match that title, only its notes ("Google").
func TestSearchSmartCase(t *testing.T) {
	d := searchDoc(t)
	const title = "Developing Apps for Developing Countries with go-mobile"
	find := func(q string) notes.Hit {
		for _, h := range d.Search(notes.Query{Text: q, Sort: notes.SortRelevance}) {
			if h.Talk.Title == title {
				return h
			}
		}
		t.Fatalf("Search(%q) misses %q", q, title)
		return notes.Hit{}
	}
	if h := find("go"); h.Field != notes.FieldTitle {
		t.Errorf(`Search("go"): field %v, want title`, h.Field)
	}
	h := find("Go")
	if h.Field != notes.FieldNotes || len(h.TitlePos) != 0 {
		t.Errorf(`Search("Go"): field %v, title marks %v; want notes, none`, h.Field, h.TitlePos)
	}
	if snippet, pos := h.Snippet(); marked(snippet, pos) != "Go" {
		t.Errorf(`Search("Go"): snippet %q marks %q, want "Go"`, snippet, marked(snippet, pos))
	}
}

func TestSearchEmptyQuery(t *testing.T) {
	d := searchDoc(t)
	for _, text := range []string{"", "   ", "\t\n"} {
		hits := d.Search(notes.Query{Text: text, Sort: notes.SortRelevance})
		if len(hits) != len(d.Talks) {
			t.Fatalf("Search(%q): %d hits, want all %d talks", text, len(hits), len(d.Talks))
		}
		for i, h := range hits {
			if snippet, _ := h.Snippet(); h.Talk != d.Talks[i] || h.Field != notes.FieldNone || h.TitlePos != nil || snippet != "" {
				t.Errorf("Search(%q)[%d] = %+v, want talk %d in schedule order with no match", text, i, h, i+1)
			}
		}
	}
}

func TestSearchMinStars(t *testing.T) {
	d := searchDoc(t)
	tests := []struct {
		name string
		q    notes.Query
		want []string
	}{
		{"eight or more", notes.Query{MinStars: 8}, []string{
			"Keynote: SOLID Go design",
			"static deadlock detection",
			"Advanced Patterns with io.ReadWriter",
			"Seven ways to profile Go applications",
			"Building your own log-based message queue in Go",
		}},
		{"nine or more", notes.Query{MinStars: 9}, []string{"static deadlock detection"}},
		{"above the scale", notes.Query{MinStars: notes.MaxStars + 1}, nil},
		{"with a query", notes.Query{Text: "cheney", MinStars: 8, Sort: notes.SortRelevance}, []string{
			"Keynote: SOLID Go design",
			"Seven ways to profile Go applications",
		}},
		{"query and filter exclude", notes.Query{Text: "patan", MinStars: 4}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := titles(d.Search(tt.q)); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%+v) = %q, want %q", tt.q, got, tt.want)
			}
		})
	}
}

func TestSearchSort(t *testing.T) {
	d := searchDoc(t)
	tests := []struct {
		name string
		q    notes.Query
		want []string
	}{
		{"stars, ties in schedule order", notes.Query{MinStars: 7, Sort: notes.SortStars}, []string{
			"static deadlock detection",                       // 9
			"Keynote: SOLID Go design",                        // 8
			"Advanced Patterns with io.ReadWriter",            // 8
			"Seven ways to profile Go applications",           // 8
			"Building your own log-based message queue in Go", // 8
			"Implementing software machines in Go & C",        // 7
			"Building Cloud Native applications with Go",      // 7
			"Building Mobile SDKs with GoMobile",              // 7
		}},
		{"title", notes.Query{MinStars: 8, Sort: notes.SortTitle}, []string{
			"Advanced Patterns with io.ReadWriter",
			"Building your own log-based message queue in Go",
			"Keynote: SOLID Go design",
			"Seven ways to profile Go applications",
			"static deadlock detection", // not after all upper-case titles
		}},
		{"speaker", notes.Query{MinStars: 8, Sort: notes.SortSpeaker}, []string{
			"Keynote: SOLID Go design",                        // Dave Cheney
			"Seven ways to profile Go applications",           // Dave Cheney
			"static deadlock detection",                       // Nicholas Ng
			"Advanced Patterns with io.ReadWriter",            // Paul Bellamy
			"Building your own log-based message queue in Go", // Victor Ruiz
		}},
		{"schedule with a query", notes.Query{Text: "context", Sort: notes.SortSchedule}, []string{
			"Applied Go kit",
			"A beginners guide to Context",
			"Managing and scaling Real-time Data Pipelines using Go",
			"Real-Time Go",
		}},
		{"stars with a query", notes.Query{Text: "context", Sort: notes.SortStars}, []string{
			"Applied Go kit", // 6
			"Managing and scaling Real-time Data Pipelines using Go", // 6
			"A beginners guide to Context",                           // 4
			"Real-Time Go",                                           // 4
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := titles(d.Search(tt.q)); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%+v) =\n%q\nwant\n%q", tt.q, got, tt.want)
			}
		})
	}
}

// handDoc builds a document by hand, for cases the real notes lack.
func handDoc(talks ...*notes.Talk) *notes.Document {
	for i, t := range talks {
		t.Number = i + 1
	}
	return &notes.Document{Name: "hand.md", Talks: talks}
}

func TestSearchSortFoldsAccents(t *testing.T) {
	d := handDoc(
		&notes.Talk{Title: "Zebra", Speaker: "Zed Zimmer"},
		&notes.Talk{Title: "Étoile", Speaker: "Émile Ávila"},
		&notes.Talk{Title: "delta", Speaker: "dan Dorn"},
	)
	if got, want := titles(d.Search(notes.Query{Sort: notes.SortTitle})), []string{"delta", "Étoile", "Zebra"}; !slices.Equal(got, want) {
		t.Errorf("by title: %q, want %q", got, want)
	}
	if got, want := titles(d.Search(notes.Query{Sort: notes.SortSpeaker})), []string{"delta", "Étoile", "Zebra"}; !slices.Equal(got, want) {
		t.Errorf("by speaker: %q, want %q", got, want)
	}
}

func TestSearchRunePositions(t *testing.T) {
	d := handDoc(
		&notes.Talk{Title: "Ünïcödé ümläüts für Gophers", Speaker: "Jōsé Nuñez-Čapek", Body: "Intro\n\n- **Ærøskøbing** ist schön\n"},
		&notes.Talk{Title: "日本語 and Go", Speaker: "山田 太郎", Body: "見る go"},
	)
	tests := []struct {
		query          string
		title, speaker string // expected marked text, folded
		titlePos       []int
	}{
		{query: "umlauts", title: "umlauts", titlePos: []int{8, 9, 10, 11, 12, 13, 14}},
		{query: "fur", title: "fur", titlePos: []int{16, 17, 18}},
		{query: "capek", speaker: "Capek"},
		{query: "nunez", speaker: "Nunez"},
		{query: "jose gophers", title: "Gophers", speaker: "Jose"},
		{query: "go", title: "Go", titlePos: []int{8, 9}},
		{query: "山田", speaker: "山田"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits := d.Search(notes.Query{Text: tt.query, Sort: notes.SortRelevance})
			if len(hits) == 0 {
				t.Fatalf("Search(%q): no hits", tt.query)
			}
			h := hits[0]
			checkHit(t, tt.query, h)
			if got := marked(h.Talk.Title, h.TitlePos); got != tt.title {
				t.Errorf("title marks %q (%v), want %q", got, h.TitlePos, tt.title)
			}
			if got := marked(h.Talk.Speaker, h.SpeakerPos); got != tt.speaker {
				t.Errorf("speaker marks %q (%v), want %q", got, h.SpeakerPos, tt.speaker)
			}
			if tt.titlePos != nil && !slices.Equal(h.TitlePos, tt.titlePos) {
				t.Errorf("TitlePos = %v, want %v", h.TitlePos, tt.titlePos)
			}
		})
	}
}

// TestSearchNotesRanking: among notes hits, a whole word beats the start
// of a word, which beats the inside of one; ties keep schedule order. A
// word inside a camel-case word counts as a word, as in titles. (Titles are
// digits, so only the notes match.)
func TestSearchNotesRanking(t *testing.T) {
	d := handDoc(
		&notes.Talk{Title: "1", Body: "a subcontext here"},
		&notes.Talk{Title: "2", Body: "all the contexts"},
		&notes.Talk{Title: "3", Body: "use withContext"},
		&notes.Talk{Title: "4", Body: "the context, again"},
		&notes.Talk{Title: "5", Body: "nothing"},
		&notes.Talk{Title: "6", Body: "Context!"},
	)
	tests := []struct {
		query string
		want  []string
	}{
		{"context", []string{"3", "4", "6", "2", "1"}},
		{"Context", []string{"3", "6"}},
		{"t", []string{"2", "4", "1", "3", "5", "6"}}, // one byte: word starts first
		{"x", []string{"1", "2", "3", "4", "6"}},
		{"xt,", []string{"4"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits := d.Search(notes.Query{Text: tt.query, Sort: notes.SortRelevance})
			if got := titles(hits); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %q, want %q", tt.query, got, tt.want)
			}
			for _, h := range hits {
				if h.Field != notes.FieldNotes {
					t.Errorf("Search(%q): talk %s matched in %v", tt.query, h.Talk.Title, h.Field)
				}
			}
		})
	}
}

func TestSearchSnippet(t *testing.T) {
	long := "The quick brown fox jumps over the lazy dog while the needle waits in a haystack of words that goes on and on well past eighty runes"
	d := handDoc(
		&notes.Talk{Title: "One", Body: "### Heading\n- **Ærøskøbing** is a `town`\n"},
		&notes.Talk{Title: "Two", Body: "first line\n\t- " + long + "\nlast needle line\n"},
		&notes.Talk{Title: "Three", Body: "1. numbered item with a needle and another needle\n"},
		&notes.Talk{Title: "Four", Body: "> quoted **wisdom** here"},
	)
	tests := []struct {
		query, snippet, marks string
	}{
		{"roskobing", "Ærøskøbing is a town", "roskobing"}, // rune for rune: Æ folds to A
		{"town", "Ærøskøbing is a town", "town"},
		{"heading", "Heading", "Heading"},
		{"wisdom", "quoted wisdom here", "wisdom"},
		{"numbered needle", "numbered item with a needle and another needle", "numberedneedleneedle"},
		{"haystack", "…the needle waits in a haystack of words that goes on and on well past eighty…", "haystack"},
		{"quick", "The quick brown fox jumps over the lazy dog while the needle waits in a…", "quick"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits := d.Search(notes.Query{Text: tt.query, Sort: notes.SortRelevance})
			if len(hits) == 0 {
				t.Fatalf("Search(%q): no hits", tt.query)
			}
			h := hits[0]
			checkHit(t, tt.query, h)
			if h.Field != notes.FieldNotes {
				t.Errorf("Field = %v, want notes", h.Field)
			}
			snippet, snippetPos := h.Snippet()
			if snippet != tt.snippet {
				t.Errorf("Snippet() = %q, want %q", snippet, tt.snippet)
			}
			if got := marked(snippet, snippetPos); got != tt.marks {
				t.Errorf("snippet marks %q (%v), want %q", got, snippetPos, tt.marks)
			}
			if n := utf8.RuneCountInString(snippet); n > 82 {
				t.Errorf("snippet is %d runes long", n)
			}
		})
	}
}

func TestSearchContextCancelled(t *testing.T) {
	d := searchDoc(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	hits, err := d.SearchContext(ctx, notes.Query{Text: "go"})
	if !errors.Is(err, context.Canceled) || hits != nil {
		t.Errorf("SearchContext(cancelled) = %d hits, %v; want none, context.Canceled", len(hits), err)
	}
}

// countingCtx is cancelled after its Err has been asked n times.
type countingCtx struct {
	context.Context
	mu sync.Mutex
	n  int
}

func (c *countingCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n--
	if c.n < 0 {
		return context.Canceled
	}
	return nil
}

// TestSearchContextCancelledMidway checks a long search looks at its
// context while it runs, not only before and after.
func TestSearchContextCancelledMidway(t *testing.T) {
	var talks []*notes.Talk
	for i := range 5000 {
		talks = append(talks, &notes.Talk{Title: fmt.Sprintf("Talk %d about go", i), Body: "some go notes"})
	}
	d := handDoc(talks...)
	for _, text := range []string{"", "go", "notes"} {
		ctx := &countingCtx{Context: context.Background(), n: 2}
		hits, err := d.SearchContext(ctx, notes.Query{Text: text})
		if !errors.Is(err, context.Canceled) || hits != nil {
			t.Errorf("SearchContext(%q) = %d hits, %v; want none, context.Canceled", text, len(hits), err)
		}
		if ctx.n > -1 {
			t.Errorf("SearchContext(%q) did not notice the cancellation soon: %d more checks", text, -ctx.n)
		}
	}
}

// TestSearchConcurrent runs first searches from many goroutines at once;
// with -race it shows building the index lazily is safe.
func TestSearchConcurrent(t *testing.T) {
	d := searchDoc(t)
	want := titles(d.Search(notes.Query{Text: "cheney"}))
	d = searchDoc(t)
	var wg sync.WaitGroup
	wg.Go(d.PrepareSearch)
	for range 8 {
		wg.Go(func() {
			got := titles(d.Search(notes.Query{Text: "cheney"}))
			if !slices.Equal(got, want) {
				t.Errorf("concurrent Search = %q, want %q", got, want)
			}
		})
		// An empty query needs no notes index: it runs while that is built.
		wg.Go(func() {
			if got := d.Search(notes.Query{MinStars: 8}); len(got) != 5 {
				t.Errorf("concurrent Search(min 8 stars) = %d hits, want 5", len(got))
			}
		})
	}
	wg.Wait()
}

func TestParseSort(t *testing.T) {
	for _, s := range []notes.Sort{notes.SortSchedule, notes.SortStars, notes.SortTitle, notes.SortSpeaker, notes.SortRelevance} {
		got, err := notes.ParseSort(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSort(%q) = %v, %v; want %v", s.String(), got, err, s)
		}
	}
	if got, err := notes.ParseSort("Stars"); err != nil || got != notes.SortStars {
		t.Errorf(`ParseSort("Stars") = %v, %v; want stars`, got, err)
	}
	for _, bad := range []string{"", "rating", "star", "schedule "} {
		if _, err := notes.ParseSort(bad); err == nil || !strings.HasPrefix(err.Error(), "notes: ") || !strings.Contains(err.Error(), "schedule, stars") {
			t.Errorf("ParseSort(%q) error = %v, want a notes: error listing the sorts", bad, err)
		}
	}
}

func TestSuggest(t *testing.T) {
	d := searchDoc(t)
	tests := []struct {
		query string
		n     int
		want  []string
	}{
		{"contxt", 1, []string{"A beginners guide to Context"}},
		{"cheny", 3, []string{"Keynote: SOLID Go design", "Seven ways to profile Go applications"}},
		{"deadlok detecton", 2, []string{"static deadlock detection"}},
		{"gobrige", 3, []string{"GoBridge and the Go Community: Initiatives and Opportunities"}},
		{"zzzzqqqq", 3, nil},
		{"contxt", 0, nil},
		{"", 3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var got []string
			for _, talk := range d.Suggest(tt.query, tt.n) {
				got = append(got, talk.Title)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Suggest(%q, %d) = %q, want %q", tt.query, tt.n, got, tt.want)
			}
		})
	}
}

func ExampleDocument_Search() {
	d, err := notes.Parse(bytes.NewReader(data.Notes()))
	if err != nil {
		panic(err)
	}
	for _, q := range []string{"patan", "interfacer"} {
		for _, h := range d.Search(notes.Query{Text: q, Sort: notes.SortRelevance}) {
			snippet, _ := h.Snippet()
			fmt.Printf("%s: %d %s (%s) %v %q\n", q, h.Talk.Number, h.Talk.Title, h.Field, h.SpeakerPos, snippet)
		}
	}
	// Output:
	// patan: 8 Go from Dev to Prod (speaker) [7 8 9 10 11] ""
	// interfacer: 1 Keynote: SOLID Go design (notes) [] "Related tool https://github.com/mvdan/interfacer"
}

// TestSearchNotesOracle checks the notes index against the plain
// definition: a term matches a talk's notes when it is a substring of the
// folded body as it is read (asRead: "**L**iskov" is "**Liskov";
// lowercased unless the term has an upper-case letter). Every
// such talk is a hit, and every hit found through its notes holds the term,
// for words, pieces of words, punctuation and mixed case, on the real
// notes and on generated ones.
func TestSearchNotesOracle(t *testing.T) {
	t.Parallel() // CPU only, and the package's longest
	gen, err := notes.Parse(bytes.NewReader(notestest.Bytes(300, 7)))
	if err != nil {
		t.Fatal(err)
	}
	tricky := handDoc(
		&notes.Talk{Title: "1", Body: "word→next naïve—done"},
		&notes.Talk{Title: "2", Body: "mixedÜber→end, Ærø… 日本語テキスト"},
		&notes.Talk{Title: "3", Body: "tail→"},
		&notes.Talk{Title: "4", Body: "über"},
		&notes.Talk{Title: "5", Body: "word"},
		&notes.Talk{Title: "6", Body: "- **L**iskov, ~~cr~~ossed, a*b*c, É**t**é, snake_case, **bold** 2 * 3"},
	)
	for _, d := range []*notes.Document{tricky, searchDoc(t), gen} {
		folded := make([]string, len(d.Talks))
		lowered := make([]string, len(d.Talks))
		for i, talk := range d.Talks {
			folded[i] = notes.Fold(asRead(talk.Body))
			lowered[i] = strings.ToLower(folded[i])
		}
		// Terms: pieces of the bodies at pseudo-random places, of 1 to 9
		// bytes, cut at spaces, plus some fixed ones.
		terms := []string{"liskov", "Liskov", "'liskov'", "crossed", "abc", "ete", "Été", "snake_case", "**bold**", "2 * 3", "L**", "word", "next", "naive", "done", "uber", "Uber", "mixeduber", "end", "aro", "本語", "tail", "→", "…", "ail→",
			"go", "Go", "GO", "io.Reader", "e.g", "**", "`", "-", "(", "c++", "net/http", "x", "Z", "ß", "→", "é", "1.7", "a", "I"}
		seed := uint32(1)
		for len(terms) < 400 {
			seed = seed*1664525 + 1013904223
			body := d.Talks[int(seed>>8)%len(d.Talks)].Body
			if body == "" {
				continue
			}
			at := int(seed>>4) % len(body)
			n := 1 + int(seed>>20)%9
			w := strings.Fields(body[at:min(len(body), at+n)])
			if len(w) == 0 || !utf8.ValidString(w[0]) {
				continue
			}
			terms = append(terms, w[0])
		}
		for _, term := range terms {
			want := map[*notes.Talk]bool{}
			ft := notes.Fold(term)
			hay := lowered
			if strings.ToLower(term) != term {
				hay = folded
			} else {
				ft = strings.ToLower(ft)
			}
			for i, talk := range d.Talks {
				if strings.Contains(hay[i], ft) {
					want[talk] = true
				}
			}
			got := map[*notes.Talk]bool{}
			for _, h := range d.Search(notes.Query{Text: plainQuery(t, term), Sort: notes.SortRelevance}) {
				got[h.Talk] = true
				if h.Field == notes.FieldNotes && !want[h.Talk] {
					t.Errorf("term %q: talk %q is a notes hit but its notes lack it", term, h.Talk.Title)
				}
				if snippet, _ := h.Snippet(); h.Field == notes.FieldNotes && !strings.Contains(strings.ToLower(notes.Fold(snippet)), strings.ToLower(ft)) {
					t.Errorf("term %q: snippet %q of talk %q lacks it", term, snippet, h.Talk.Title)
				}
			}
			for talk := range want {
				if !got[talk] {
					t.Errorf("term %q: talk %q has it in its notes but is no hit", term, talk.Title)
				}
			}
		}
	}
}

// TestSearchSnippetsOfEveryHit: every hit found in the notes has its
// snippet, the last as the first (Search once made the first 100 only, and
// left the rest for the caller to fill), and a hit made by hand has none.
func TestSearchSnippetsOfEveryHit(t *testing.T) {
	var talks []*notes.Talk
	for i := range 150 {
		talks = append(talks, &notes.Talk{Title: fmt.Sprintf("Talk %d", i), Body: fmt.Sprintf("intro\n- the **needle** of talk %d\n", i)})
	}
	d := handDoc(talks...)
	d.PrepareSearch()
	hits := d.Search(notes.Query{Text: "needle", Sort: notes.SortSchedule})
	if len(hits) != len(talks) {
		t.Fatalf("%d hits, want %d", len(hits), len(talks))
	}
	for i, h := range hits {
		want := fmt.Sprintf("the needle of talk %d", i)
		snippet, pos := h.Snippet()
		if snippet != want || marked(snippet, pos) != "needle" {
			t.Errorf("hit %d: snippet %q marks %q, want %q marking needle", i, snippet, marked(snippet, pos), want)
		}
	}
	h := notes.Hit{Talk: talks[0]}
	if snippet, pos := h.Snippet(); snippet != "" || pos != nil {
		t.Errorf("a hand-made hit has snippet %q %v", snippet, pos)
	}
	if snippet, pos := (notes.Hit{}).Snippet(); snippet != "" || pos != nil {
		t.Errorf("the zero hit has snippet %q %v", snippet, pos)
	}
}

// plainQuery returns the query that searches for word as a plain word,
// its sigils escaped (a piece of the notes such as "'s" or "$x" would
// otherwise be read as the query syntax), as Term.String writes it.
func plainQuery(t testing.TB, word string) string {
	t.Helper()
	q := (&notes.Term{Text: word}).String()
	pq, err := notes.ParseQuery(q)
	if err != nil || len(pq.Groups) != 1 || len(pq.Groups[0]) != 1 || pq.Groups[0][0].Text != word || pq.Groups[0][0].Kind != notes.KindFuzzy || pq.Groups[0][0].Negate {
		t.Fatalf("%q, escaped as %q, does not read back as a plain word: %v %v", word, q, pq, err)
	}
	return q
}

// asRead is body as the search reads it, written out plainly: a run of
// "*" (one to three) or "~~" between two letters or digits is left out.
func asRead(body string) string {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	rs := []rune(body)
	var out []rune
	for i := 0; i < len(rs); i++ {
		j := i
		for j < len(rs) && (rs[j] == '*' || rs[j] == '~') {
			j++
		}
		run := string(rs[i:j])
		if j > i && i > 0 && j < len(rs) && word(rs[i-1]) && word(rs[j]) &&
			(run == "*" || run == "**" || run == "***" || run == "~~") {
			i = j - 1
			continue
		}
		out = append(out, rs[i:max(j, i+1)]...)
		i = max(j, i+1) - 1
	}
	return string(out)
}

// TestSearchEmphasisInWords: talk 1 lists SOLID as "**S**ingle
// Responsability", "**L**iskov substitution principle" and so on; a
// reader reads "Liskov", so the search finds it as a whole word.
func TestSearchEmphasisInWords(t *testing.T) {
	d := searchDoc(t)
	tests := []struct {
		name    string
		query   string
		want    []int // exactly these talks, in this order (nil: see has)
		has     []int // ... or at least these
		hasNot  []int
		wordHit bool // talk 1 ranks as a whole word of its notes
	}{
		{name: "word split by bold", query: "liskov", want: []int{1}, wordHit: true},
		{name: "exact term", query: "'liskov", want: []int{1}, wordHit: true},
		{name: "boundary term", query: "'liskov'", want: []int{1}, wordHit: true},
		{name: "notes field", query: "notes:liskov", want: []int{1}, wordHit: true},
		{name: "or group", query: "liskov | zzzz", want: []int{1}, wordHit: true},
		{name: "common word", query: "single", has: []int{1, 2, 3}, wordHit: true},
		{name: "excluded", query: "solid !liskov", hasNot: []int{1}},
		{name: "excluded alone", query: "!liskov", hasNot: []int{1}, has: []int{2, 3}},
		// "**U**tilization" in talk 14 (Grand Treatise of Modern Instrumentation and Orchestration).
		{name: "another talk", query: "utilization", want: []int{14}},
	}
	// "substitution" is a plain whole word of the same line of talk 1.
	word := d.Search(notes.Query{Text: "substitution", Sort: notes.SortRelevance})
	if len(word) == 0 || word[0].Talk.Number != 1 {
		t.Fatalf("substitution: want talk 1 first, got %v", word)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits := d.Search(notes.Query{Text: tt.query, Sort: notes.SortRelevance})
			var got []int
			var one *notes.Hit
			for i, h := range hits {
				got = append(got, h.Talk.Number)
				if h.Talk.Number == 1 {
					one = &hits[i]
				}
			}
			if tt.want != nil && !slices.Equal(got, tt.want) {
				t.Errorf("talks %v, want %v", got, tt.want)
			}
			for _, n := range tt.has {
				if !slices.Contains(got, n) {
					t.Errorf("talks %v lack %d", got, n)
				}
			}
			for _, n := range tt.hasNot {
				if slices.Contains(got, n) {
					t.Errorf("talks %v hold %d", got, n)
				}
			}
			if !tt.wordHit {
				return
			}
			if one == nil {
				t.Fatalf("talk 1 is no hit")
			}
			if one.Field != notes.FieldNotes || one.Score != word[0].Score {
				t.Errorf("talk 1: field %v score %d, want notes and %d (a whole word of the notes)", one.Field, one.Score, word[0].Score)
			}
		})
	}
}

// TestSearchEmphasisMarks: the snippet of "liskov" shows the word whole,
// and its marks (the JSON "match" ranges) cover it in the talk's body.
func TestSearchEmphasisMarks(t *testing.T) {
	d := searchDoc(t)
	hits := d.Search(notes.Query{Text: "liskov", Sort: notes.SortRelevance})
	if len(hits) != 1 || hits[0].Talk.Number != 1 {
		t.Fatalf("liskov: want talk 1 alone, got %d hits", len(hits))
	}
	h := hits[0]
	snippet, pos := h.Snippet()
	var marked []rune
	for _, p := range pos {
		marked = append(marked, []rune(snippet)[p])
	}
	if !strings.Contains(snippet, "Liskov substitution principle") || string(marked) != "Liskov" {
		t.Errorf("snippet %q marks %q, want the line with Liskov marked", snippet, string(marked))
	}
	marks := h.Marks()
	if len(marks) != 1 || marks[0].Field != notes.InNotes || len(marks[0].Ranges) != 1 {
		t.Fatalf("marks %+v, want one range in the notes", marks)
	}
	r := marks[0].Ranges[0]
	if got, at := h.Talk.Body[r.Start:r.End], strings.Index(h.Talk.Body, "**L**iskov")+2; got != "L**iskov" || r.Start != at {
		t.Errorf("range %v is %q, want %q at %d", r, got, "L**iskov", at)
	}
}

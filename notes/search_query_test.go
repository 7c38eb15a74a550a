package notes_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/notestest"
)

// searchNumbers returns the numbers of the talks Search finds, in
// schedule order.
func searchNumbers(d *notes.Document, q notes.Query) []int {
	var got []int
	for _, h := range d.Search(q) {
		got = append(got, h.Talk.Number)
	}
	return got
}

// TestSearchQueryRealNotes runs every form of the tables
// (realNotesQueries, read from the notes) through Document.Search.
func TestSearchQueryRealNotes(t *testing.T) {
	d := searchDoc(t)
	for _, tt := range realNotesQueries {
		t.Run(tt.name, func(t *testing.T) {
			if got := searchNumbers(d, notes.Query{Text: tt.query}); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%s) finds talks %v, want %v", tt.query, got, tt.want)
			}
			for _, h := range d.Search(notes.Query{Text: tt.query, Sort: notes.SortRelevance}) {
				if n := utf8.RuneCountInString(h.Talk.Title); len(h.TitlePos) > 0 && h.TitlePos[len(h.TitlePos)-1] >= n {
					t.Errorf("talk %d: title positions %v past its %d runes", h.Talk.Number, h.TitlePos, n)
				}
				for _, m := range h.Marks() {
					if m.Term.Negate || m.Term.Field == notes.InStars || m.Term.Field == notes.InHas {
						t.Errorf("talk %d: %s marks", h.Talk.Number, m.Term.String())
					}
				}
			}
		})
	}
}

// TestSearchQueryEquivalences: stars:>=N lists what MinStars N lists, and
// both apply together; a | b is the union of a and b; a !b is a minus b.
func TestSearchQueryEquivalences(t *testing.T) {
	d := searchDoc(t)
	for n := 0; n <= notes.MaxStars; n++ {
		want := searchNumbers(d, notes.Query{MinStars: n})
		if got := searchNumbers(d, notes.Query{Text: fmt.Sprintf("stars:>=%d", n)}); !slices.Equal(got, want) {
			t.Errorf("stars:>=%d finds %v; MinStars %d keeps %v", n, got, n, want)
		}
	}
	// Rated 7 (13, 17, 18), or 8 and more (1, 10, 11, 19, 20).
	if got := searchNumbers(d, notes.Query{Text: "stars:<=7", MinStars: 7}); !slices.Equal(got, []int{13, 17, 18}) {
		t.Errorf("stars:<=7 with MinStars 7 finds %v, want [13 17 18]", got)
	}
	if got := searchNumbers(d, notes.Query{Text: "go stars:<=7", MinStars: 7}); !slices.Equal(got, []int{13, 17, 18}) {
		t.Errorf("go stars:<=7 with MinStars 7 finds %v, want [13 17 18]", got)
	}
	pairs := []struct{ a, b, notB string }{
		{"go", "context", "!context"},
		{"title:go", "'context", "!context"},
		{"has:image", "speaker:paul", "speaker:!'paul"},
		{"has:link", "^static", "!^static"},
		{"go", "stars:>=7", "!stars:>=7"},
		{"logging", "link:'github", "!link:github"},
		{"cloud", "title:'native'", "!title:'native'"},
		{"has:code", "has:link", "has:!link"},
	}
	for _, p := range pairs {
		a, b := searchNumbers(d, notes.Query{Text: p.a}), searchNumbers(d, notes.Query{Text: p.b})
		union := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(a), b...))))
		if got := searchNumbers(d, notes.Query{Text: p.a + " | " + p.b}); !slices.Equal(got, union) {
			t.Errorf("%s | %s finds %v, want the union %v", p.a, p.b, got, union)
		}
		var minus []int
		for _, n := range a {
			if !slices.Contains(b, n) {
				minus = append(minus, n)
			}
		}
		if got := searchNumbers(d, notes.Query{Text: p.a + " " + p.notB}); !slices.Equal(got, minus) {
			t.Errorf("%s %s finds %v, want %v minus %v", p.a, p.notB, got, a, b)
		}
		if len(minus) == 0 || len(minus) == len(a) {
			t.Errorf("%s and %s: a pair that proves little (%v, %v)", p.a, p.b, a, b)
		}
	}
}

// TestSearchQueryCheck: a query no talk can match, or that cannot be
// read, is a one-line error from Check and finds nothing; any other
// query, plain words included, passes Check.
func TestSearchQueryCheck(t *testing.T) {
	d := searchDoc(t)
	for _, text := range []string{"stars:>=11", "stars:abc", "go stars:>=7 stars:<4", "has:x", "stars:7..3"} {
		q := notes.Query{Text: text}
		err := q.Check()
		var qe *notes.QueryError
		if !errors.As(err, &qe) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Check(%q) = %v, want a one-line *QueryError", text, err)
		}
		if hits := d.Search(q); len(hits) != 0 {
			t.Errorf("Search(%q) finds %d talks", text, len(hits))
		}
	}
	for _, text := range []string{"", "go", "err != nil", "foo!", "golang.org/x", "err:", "stars:7", "!", "'", "a | b"} {
		if err := (notes.Query{Text: text}).Check(); err != nil {
			t.Errorf("Check(%q) = %v", text, err)
		}
	}
	// The stars: terms and MinStars together, for the header.
	for _, tt := range []struct {
		q        notes.Query
		min, max int
	}{
		{notes.Query{}, 0, notes.MaxStars},
		{notes.Query{MinStars: 7}, 7, notes.MaxStars},
		{notes.Query{Text: "go stars:5..7", MinStars: 6}, 6, 7},
		{notes.Query{Text: "stars:<4 | has:code"}, 0, notes.MaxStars}, // not alone in its group
		{notes.Query{Text: "stars:abc", MinStars: 3}, 3, notes.MaxStars},
	} {
		if lo, hi := tt.q.Stars(); lo != tt.min || hi != tt.max {
			t.Errorf("%+v: Stars() = %d, %d, want %d, %d", tt.q, lo, hi, tt.min, tt.max)
		}
	}
}

// TestSearchQueryMarks: a hit's marks name the positive terms they
// belong to, by their span in the query, and TitlePos holds them.
func TestSearchQueryMarks(t *testing.T) {
	d := searchDoc(t)
	// Talk 4, "Cloud in your Cloud"; it has no Kafka.
	text := "cloud !kafka your | zzz stars:6"
	hits := d.Search(notes.Query{Text: text})
	i := slices.IndexFunc(hits, func(h notes.Hit) bool { return h.Talk.Number == 4 })
	if i < 0 {
		t.Fatalf("%s does not find talk 4", text)
	}
	h := hits[i]
	named := map[string]bool{}
	for _, m := range h.Marks() {
		named[text[m.Term.Span.Start:m.Term.Span.End]] = true
	}
	if !named["cloud"] || !named["your"] || len(named) != 2 {
		t.Errorf("marks name %v, want cloud and your", named)
	}
	// "Cloud in your Cloud": C-l-o-u-d at 0..4, y-o-u-r at 9..12, and
	// the second Cloud is not the best occurrence.
	if want := []int{0, 1, 2, 3, 4, 9, 10, 11, 12}; !slices.Equal(h.TitlePos, want) {
		t.Errorf("title positions %v, want %v", h.TitlePos, want)
	}
	if h.Field != notes.FieldTitle {
		t.Errorf("field %v, want title", h.Field)
	}
	// A notes-only term has a snippet holding it.
	hits = d.Search(notes.Query{Text: "'dingo-hunter"})
	if len(hits) != 1 || hits[0].Talk.Number != 10 {
		t.Fatalf("'dingo-hunter finds %v, want talk 10", titles(hits))
	}
	if s, pos := hits[0].Snippet(); !strings.Contains(s, "dingo-hunter") || len(pos) == 0 || hits[0].Field != notes.FieldNotes {
		t.Errorf("snippet %q %v, field %v", s, pos, hits[0].Field)
	}
}

// randomQuery makes a query of one to four groups over words of the
// notes, in every form of the syntax.
func randomQuery(r *rand.Rand, words []string) string {
	term := func() string {
		w := words[r.IntN(len(words))]
		if r.IntN(4) == 0 && len(w) > 3 {
			w = w[:1+r.IntN(len(w)-1)]
		}
		if r.IntN(5) == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		}
		switch r.IntN(9) {
		case 0:
			w = "'" + w
		case 1:
			w = "'" + w + "'"
		case 2:
			w = "^" + w
		case 3:
			w += "$"
		case 4:
			w = "^" + w + "$"
		}
		if r.IntN(6) == 0 {
			w = "!" + w
		}
		switch r.IntN(12) {
		case 0:
			w = "title:" + w
		case 1:
			w = "speaker:" + w
		case 2:
			w = "notes:" + w
		case 3:
			w = "link:" + w
		case 4:
			return []string{"stars:>=5", "stars:<4", "stars:6..8", "!stars:7", "has:code", "has:link", "!has:image"}[r.IntN(7)]
		}
		return w
	}
	var groups []string
	for range 1 + r.IntN(4) {
		g := term()
		for r.IntN(4) == 0 {
			g += " | " + term()
		}
		groups = append(groups, g)
	}
	return strings.Join(groups, " ")
}

// TestSearchAgreesWithMatchTalk: on generated notes, for random queries
// in every form, Search finds exactly the talks ParsedQuery.MatchTalk
// matches, with its score; and the properties hold: a positive
// term or an exclusion never adds a result, and a | b finds all a finds.
func TestSearchAgreesWithMatchTalk(t *testing.T) {
	t.Parallel() // CPU only, and the package's longest
	d, err := notes.Parse(bytes.NewReader(notestest.Bytes(400, 3)))
	if err != nil {
		t.Fatal(err)
	}
	fields := make([]notes.TalkFields, len(d.Talks))
	for i, tk := range d.Talks {
		fields[i] = notes.FieldsOf(tk)
	}
	var words []string
	for _, tk := range d.Talks[:40] {
		words = append(words, strings.Fields(tk.Title+" "+tk.Speaker)...)
		body := strings.Fields(tk.Body)
		words = append(words, body[:min(len(body), 30)]...)
	}
	oracle := func(text string) (map[*notes.Talk]int, bool) {
		q, err := notes.ParseQuery(text)
		if err != nil {
			return nil, false
		}
		out := map[*notes.Talk]int{}
		for i, tk := range d.Talks {
			if m, ok := q.MatchTalk(&fields[i]); ok {
				out[tk] = m.Score
			}
		}
		return out, true
	}
	set := func(text string) map[*notes.Talk]bool {
		out := map[*notes.Talk]bool{}
		for _, h := range d.Search(notes.Query{Text: text}) {
			out[h.Talk] = true
		}
		return out
	}
	subset := func(a, b map[*notes.Talk]bool) bool {
		for tk := range a {
			if !b[tk] {
				return false
			}
		}
		return true
	}
	r := rand.New(rand.NewPCG(1, 2))
	// 300 queries under -long (about 7 s); 60 otherwise.
	n := sizeFor(60, 300)
	for range n {
		text := randomQuery(r, words)
		want, ok := oracle(text)
		if !ok {
			if (notes.Query{Text: text}).Check() == nil {
				t.Errorf("%q: ParseQuery fails, Check passes", text)
			}
			continue
		}
		hits := d.Search(notes.Query{Text: text, Sort: notes.SortRelevance})
		if len(hits) != len(want) {
			t.Errorf("%q: Search finds %d talks, MatchTalk %d", text, len(hits), len(want))
		}
		for k, h := range hits {
			score, ok := want[h.Talk]
			switch {
			case !ok:
				t.Errorf("%q: Search finds %q, MatchTalk does not", text, h.Talk.Title)
			case score != h.Score:
				t.Errorf("%q: %q scores %d, MatchTalk %d", text, h.Talk.Title, h.Score, score)
			case k > 0 && hits[k-1].Score < h.Score:
				t.Errorf("%q: hits out of order", text)
			}
		}
		base := set(text)
		extra := randomQuery(r, words)
		if (notes.Query{Text: extra}).Check() == nil && !strings.Contains(extra, "|") {
			if more := set(text + " " + extra); !subset(more, base) {
				t.Errorf("%q then %q adds results", text, extra)
			}
		}
		w := words[r.IntN(len(words))]
		if not := set(text + " !" + w); !subset(not, base) {
			t.Errorf("%q !%s adds results", text, w)
		}
		if or := set(text + " | " + w); !subset(base, or) && !strings.Contains(text, " ") {
			t.Errorf("%q | %s finds less", text, w)
		}
	}
}

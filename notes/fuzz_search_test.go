package notes_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes"
)

// FuzzSearch runs arbitrary queries (invalid UTF-8, huge, odd runes)
// against the real notes: no panic, every hit passes the filter, every
// reported position lies inside the field it names, snippets are one line,
// and the hits come in the order asked for.
func FuzzSearch(f *testing.F) {
	seeds := []string{
		"", "go", "Go", "patan", "Pățan", "bjorn", "cheney solid", "io.Reader", "sgd", "contxt",
		"**", "`", "- ", "#", ":star:", "http://", "\xff\xfe", "a\x00b", "é\u0301", "ǅ", "İ", "ß", "ﬁ",
		"日本", "\u202e", "\t\n \r", strings.Repeat("go ", 2000), strings.Repeat("x", 100000),
		strings.Repeat("ab", 5000) + " solid",
	}
	for i, s := range seeds {
		f.Add(s, i%11, i%5)
	}
	d := searchDoc(f)
	f.Fuzz(func(t *testing.T, text string, minStars, sort int) {
		q := notes.Query{Text: text, MinStars: minStars, Sort: notes.Sort(sort % 6)}
		hits := d.Search(q)
		seen := map[*notes.Talk]bool{}
		for i, h := range hits {
			checkHit(t, text, h)
			if h.Talk.Stars < minStars {
				t.Errorf("query %q: talk %q has %d stars, below %d", text, h.Talk.Title, h.Talk.Stars, minStars)
			}
			if seen[h.Talk] {
				t.Errorf("query %q: talk %q twice", text, h.Talk.Title)
			}
			seen[h.Talk] = true
			if strings.TrimSpace(text) == "" && h.Field != notes.FieldNone {
				t.Errorf("empty query %q: field %v", text, h.Field)
			}
			if snippet, _ := h.Snippet(); utf8.RuneCountInString(snippet) > 90 {
				t.Errorf("query %q: snippet of %d runes", text, utf8.RuneCountInString(snippet))
			}
			if i == 0 {
				continue
			}
			p := hits[i-1]
			switch q.Sort {
			case notes.SortSchedule:
				if p.Talk.Number >= h.Talk.Number {
					t.Errorf("query %q: schedule order broken at %d", text, i)
				}
			case notes.SortStars:
				if p.Talk.Stars < h.Talk.Stars {
					t.Errorf("query %q: stars order broken at %d", text, i)
				}
			case notes.SortRelevance:
				if p.Score < h.Score {
					t.Errorf("query %q: relevance order broken at %d", text, i)
				}
			}
		}
		d.Suggest(text, 3)
	})
}

// FuzzSearchAgreesWithMatchTalk: for any query, Search on the real notes
// finds exactly the talks ParsedQuery.MatchTalk matches, with its scores,
// and finds nothing for a query ParseQuery rejects.
func FuzzSearchAgreesWithMatchTalk(f *testing.F) {
	for _, s := range querySeeds {
		f.Add(s)
	}
	for _, tt := range realNotesQueries {
		f.Add(tt.query)
	}
	d := searchDoc(f)
	fields := make([]notes.TalkFields, len(d.Talks))
	for i, tk := range d.Talks {
		fields[i] = notes.FieldsOf(tk)
	}
	f.Fuzz(func(t *testing.T, text string) {
		hits := d.Search(notes.Query{Text: text, Sort: notes.SortRelevance})
		pq, err := notes.ParseQuery(text)
		if err != nil {
			if len(hits) > 0 {
				t.Errorf("%q: %v, yet %d hits", text, err, len(hits))
			}
			return
		}
		want := map[*notes.Talk]int{}
		for i, tk := range d.Talks {
			if m, ok := pq.MatchTalk(&fields[i]); ok {
				want[tk] = m.Score
			}
		}
		if len(hits) != len(want) {
			t.Errorf("%q: Search finds %d talks, MatchTalk %d", text, len(hits), len(want))
		}
		for _, h := range hits {
			if score, ok := want[h.Talk]; !ok || score != h.Score {
				t.Errorf("%q: talk %d scores %d; MatchTalk: %d, %v", text, h.Talk.Number, h.Score, score, ok)
			}
		}
	})
}

package notes_test

import (
	"bytes"
	"testing"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/notestest"
)

// queryBenchWords are typed in every form: whole words, a word start, a
// name typed without its accents, scattered letters, a miss.
var queryBenchWords = []string{"go", "context", "cheney", "patan", "interface", "inter", "sgd", "contxt", "xyzzy"}

// queryBenchForms turn a word into a term of each kind.
var queryBenchForms = []struct{ kind, prefix, suffix string }{
	{"fuzzy", "", ""},
	{"exact", "'", ""},
	{"boundary", "'", "'"},
	{"prefix", "^", ""},
	{"suffix", "", "$"},
	{"equal", "^", "$"},
}

func queryBenchDoc(b *testing.B) *notes.Document {
	b.Helper()
	d, err := notes.Parse(bytes.NewReader(notestest.Bytes(2000, 1)))
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkTermMatch matches single terms of each kind against the
// titles, the speakers or the notes of 2,000 generated talks, one op
// being one word against every talk. An exact term must cost no more
// than a fuzzy one.
func BenchmarkTermMatch(b *testing.B) {
	d := queryBenchDoc(b)
	fields := []struct {
		name  string
		field notes.TermField
		text  func(*notes.Talk) string
	}{
		{"title", notes.InTitle, func(t *notes.Talk) string { return t.Title }},
		{"speaker", notes.InSpeaker, func(t *notes.Talk) string { return t.Speaker }},
		{"notes", notes.InNotes, func(t *notes.Talk) string { return t.Body }},
	}
	for _, f := range fields {
		texts := make([]string, len(d.Talks))
		for i, t := range d.Talks {
			texts[i] = f.text(t)
		}
		for _, form := range queryBenchForms {
			terms := make([]*notes.Term, len(queryBenchWords))
			for i, w := range queryBenchWords {
				q, err := notes.ParseQuery(form.prefix + w + form.suffix)
				if err != nil {
					b.Fatal(err)
				}
				terms[i] = &q.Groups[0][0]
			}
			b.Run("field="+f.name+"/kind="+form.kind, func(b *testing.B) {
				b.ReportAllocs()
				matches := 0
				for i := 0; b.Loop(); i++ {
					t := terms[i%len(terms)]
					for _, text := range texts {
						if _, ok := t.Match(f.field, text); ok {
							matches++
						}
					}
				}
				b.ReportMetric(float64(matches)/float64(b.N), "matches/op")
			})
		}
	}
}

// BenchmarkMatchTalk evaluates whole queries against the 2,000 talks,
// every field of each, as ParsedQuery.MatchTalk does.
func BenchmarkMatchTalk(b *testing.B) {
	d := queryBenchDoc(b)
	fields := make([]notes.TalkFields, len(d.Talks))
	for i, t := range d.Talks {
		fields[i] = notes.FieldsOf(t)
	}
	for _, form := range queryBenchForms[:2] {
		var qs []*notes.ParsedQuery
		for _, w := range queryBenchWords {
			q, err := notes.ParseQuery(form.prefix + w + form.suffix)
			if err != nil {
				b.Fatal(err)
			}
			qs = append(qs, q)
		}
		b.Run("kind="+form.kind, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				q := qs[i%len(qs)]
				for j := range fields {
					q.MatchTalk(&fields[j])
				}
			}
		})
	}
}

// BenchmarkParseQuery parses a query of every form.
func BenchmarkParseQuery(b *testing.B) {
	const query = `speaker:cheney 'solid | ^seven !profiling\ go stars:>=7 has:code title:'go' link:^https:// err != nil Pățan`
	b.ReportAllocs()
	for b.Loop() {
		if _, err := notes.ParseQuery(query); err != nil {
			b.Fatal(err)
		}
	}
}

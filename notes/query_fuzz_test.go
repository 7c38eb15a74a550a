package notes_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/notestest"
)

var querySeeds = []string{
	"", "go", "Go", "'go", "'go'", "^go", "go$", "^go$", "!go", "!'go", "a | b", "| a", "a |", "a | | b",
	`go\ kit`, `\!x`, `x\$`, `\|`, `\\`, `\`, "err != nil", "foo!", "!", "'", "^", "$", "''", "'''", "!'", "!^$",
	"title:", "!title:", "title:'go", "speaker:^dave\\ cheney$", "notes:!generics", "!notes:!x", "link:^https://",
	"stars:7", "stars:>=7", "stars:<4", "stars:5..7", "stars:>=11", "stars:abc", "stars:7..3", "stars:..", "stars:!",
	"has:code", "has:x", "has:", "!has:!link", "golang.org/x", "http://", "err:", "TITLE:Go", "title\\:go",
	"pățan", "'Pățan'", "İstanbul", "\xff\xfe", "a\x00b", "ß", "ﬁ", "\u202e", "\t\n \r", "é\u0301",
	strings.Repeat("a | ", 200), strings.Repeat("'", 1000), strings.Repeat("x", 5000),
}

// FuzzParseQuery: the parser never panics; its errors are one-line
// *QueryErrors that say where; spans lie in the query, in order; String
// reads back to the same query; and matching the real notes marks only
// bytes inside the fields, for positive terms only.
func FuzzParseQuery(f *testing.F) {
	for _, s := range querySeeds {
		f.Add(s)
	}
	d := queryDoc(f)
	fields := make([]notes.TalkFields, len(d.Talks))
	for i, tk := range d.Talks {
		fields[i] = notes.FieldsOf(tk)
	}
	f.Fuzz(func(t *testing.T, text string) {
		q, err := notes.ParseQuery(text)
		if err != nil {
			var qe *notes.QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("%q: error %T %v", text, err, err)
			}
			if qe.Pos < 0 || qe.Pos > len(text) || strings.ContainsAny(err.Error(), "\n\r") || !strings.HasPrefix(err.Error(), "query: ") {
				t.Errorf("%q: error at %d: %q", text, qe.Pos, err)
			}
			return
		}
		last, stars := 0, false
		for _, g := range q.Groups {
			if len(g) == 0 {
				t.Fatalf("%q: an empty group", text)
			}
			for _, term := range g {
				if sp := term.Span; sp.Start < last || sp.End <= sp.Start || sp.End > len(text) {
					t.Fatalf("%q: span %v after %d", text, sp, last)
				}
				last = term.Span.End
				switch term.Field {
				case notes.InStars:
					stars = true
					if term.MinStars < 0 || term.MaxStars > notes.MaxStars || term.MinStars > term.MaxStars {
						t.Errorf("%q: stars %d..%d", text, term.MinStars, term.MaxStars)
					}
				case notes.InHas:
				default:
					if term.Text == "" {
						t.Errorf("%q: a term with no text: %+v", text, term)
					}
				}
			}
		}
		if !stars {
			again, err := notes.ParseQuery(q.String())
			if err != nil {
				t.Fatalf("%q: String %q does not parse: %v", text, q.String(), err)
			}
			if a, b := describeQuery(q), describeQuery(again); a != b {
				t.Errorf("%q reads as %s, its String %q as %s", text, a, q.String(), b)
			}
		}
		for i := range fields {
			m, ok := q.MatchTalk(&fields[i])
			if !ok {
				continue
			}
			checkMarks(t, text, &fields[i], m)
		}
	})
}

// checkMarks checks that every mark is of a positive text term and
// lies inside its field, on rune boundaries, sorted and apart.
func checkMarks(t *testing.T, query string, f *notes.TalkFields, m notes.TalkMatch) {
	t.Helper()
	for _, mk := range m.Marks {
		if mk.Term.Negate || mk.Term.Field == notes.InStars || mk.Term.Field == notes.InHas {
			t.Errorf("%q: term %+v marks", query, mk.Term)
		}
		if !mk.Term.In(mk.Field) {
			t.Errorf("%q: term %+v marks field %v", query, mk.Term, mk.Field)
		}
		var text string
		switch mk.Field {
		case notes.InTitle:
			text = f.Title
		case notes.InSpeaker:
			text = f.Speaker
		case notes.InNotes:
			text = f.Notes
		case notes.InLinks:
			text = f.Links[mk.Link]
		default:
			t.Fatalf("%q: a mark in field %v", query, mk.Field)
		}
		if len(mk.Ranges) == 0 {
			t.Errorf("%q: a mark without ranges", query)
		}
		end := 0
		for _, r := range mk.Ranges {
			if r.Start < end || r.End <= r.Start || r.End > len(text) {
				t.Fatalf("%q: range %v after %d, outside %d bytes of %q", query, r, end, len(text), text)
			}
			if !utf8.RuneStart(text[r.Start]) || r.End < len(text) && !utf8.RuneStart(text[r.End]) {
				t.Errorf("%q: range %v cuts a rune of %q", query, r, text)
			}
			end = r.End
		}
	}
}

// queryToken makes s one positive query word: no white space, no
// trailing backslash (which would escape the space after it), no leading
// bang, and no lone |.
func queryToken(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimRight(strings.TrimLeft(s, "!"), "\\")
	if s == "|" {
		return ""
	}
	return s
}

// FuzzQueryProperties checks, over random queries and generated notes
// (and the real ones), that adding a positive term never adds a match,
// nor does adding !x, which does not change the score either; and that
// a | b matches all that a matches, ranked no lower.
func FuzzQueryProperties(f *testing.F) {
	for i, s := range querySeeds {
		f.Add(s, querySeeds[(i*7+3)%len(querySeeds)], uint8(i))
	}
	docs := []*notes.Document{queryDoc(f)}
	for seed := range int64(3) {
		d, err := notes.Parse(bytes.NewReader(notestest.Bytes(40, seed+1)))
		if err != nil {
			f.Fatal(err)
		}
		docs = append(docs, d)
	}
	f.Fuzz(func(t *testing.T, a, b string, which uint8) {
		d := docs[int(which)%len(docs)]
		x := queryToken(b)
		if x == "" {
			return
		}
		qa, err := notes.ParseQuery(a)
		if err != nil || len(qa.Groups) == 0 {
			return
		}
		parse := func(s string) *notes.ParsedQuery {
			q, err := notes.ParseQuery(s)
			if err != nil {
				return nil
			}
			return q
		}
		and, not, or := parse(a+" "+x), parse(a+" !"+x), parse(a+" | "+x)
		// Only where the text reads as meant: one more group, or one more
		// alternative in the last group.
		if and != nil && len(and.Groups) != len(qa.Groups)+1 {
			and = nil
		}
		// "!=" and the like read literally, as a positive term: only a
		// real exclusion is held to the rule.
		if not != nil && (len(not.Groups) != len(qa.Groups)+1 || !not.Groups[len(not.Groups)-1][0].Negate) {
			not = nil
		}
		if or != nil && (len(or.Groups) != len(qa.Groups) || len(or.Groups[len(or.Groups)-1]) != len(qa.Groups[len(qa.Groups)-1])+1) {
			or = nil
		}
		for _, tk := range d.Talks {
			fields := notes.FieldsOf(tk)
			ma, oka := qa.MatchTalk(&fields)
			if and != nil {
				if m, ok := and.MatchTalk(&fields); ok {
					checkMarks(t, a+" "+x, &fields, m)
					if !oka {
						t.Errorf("talk %q: %q matches, %q does not", tk.Title, a+" "+x, a)
					}
				}
			}
			if not != nil {
				if m, ok := not.MatchTalk(&fields); ok {
					if !oka {
						t.Errorf("talk %q: %q matches, %q does not", tk.Title, a+" !"+x, a)
					} else if m.Score != ma.Score {
						t.Errorf("talk %q: %q scores %d, %q %d", tk.Title, a+" !"+x, m.Score, a, ma.Score)
					}
				}
			}
			if or != nil && oka {
				m, ok := or.MatchTalk(&fields)
				if !ok {
					t.Errorf("talk %q: %q matches, %q does not", tk.Title, a, a+" | "+x)
				} else if m.Score < ma.Score {
					t.Errorf("talk %q: %q scores %d, below %q's %d", tk.Title, a+" | "+x, m.Score, a, ma.Score)
				}
			}
		}
	})
}

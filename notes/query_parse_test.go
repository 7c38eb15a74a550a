package notes_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/golanguk/golanguk/notes"
)

// describeQuery writes a parsed query compactly: groups joined by " & ",
// alternatives by " | ", each term "[!]field:kind(text)", "stars(a..b)"
// or "has(what)"; a case-sensitive term is marked "/C".
func describeQuery(q *notes.ParsedQuery) string {
	var groups []string
	for _, g := range q.Groups {
		var alts []string
		for _, t := range g {
			alts = append(alts, describeTerm(t))
		}
		groups = append(groups, strings.Join(alts, " | "))
	}
	return strings.Join(groups, " & ")
}

func describeTerm(t notes.Term) string {
	neg := ""
	if t.Negate {
		neg = "!"
	}
	switch t.Field {
	case notes.InStars:
		return fmt.Sprintf("%sstars(%d..%d)", neg, t.MinStars, t.MaxStars)
	case notes.InHas:
		return fmt.Sprintf("%shas(%v)", neg, t.Has)
	}
	field := t.Field.String()
	if t.Field == notes.InAny {
		field = "any"
	}
	cs := ""
	if t.CaseSensitive {
		cs = "/C"
	}
	return fmt.Sprintf("%s%s:%v(%s)%s", neg, field, t.Kind, t.Text, cs)
}

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name, query, want string
	}{
		// The first table, row by row.
		{"space is AND", "go context", "any:fuzzy(go) & any:fuzzy(context)"},
		{"bar is OR", "mobile | context", "any:fuzzy(mobile) | any:fuzzy(context)"},
		{"OR binds tighter than AND", "go mobile | context", "any:fuzzy(go) & any:fuzzy(mobile) | any:fuzzy(context)"},
		{"OR of three, then AND", "a | b | c d", "any:fuzzy(a) | any:fuzzy(b) | any:fuzzy(c) & any:fuzzy(d)"},
		{"word is fuzzy", "word", "any:fuzzy(word)"},
		{"quote is exact", "'exact", "any:exact(exact)"},
		{"quotes at both ends are word boundaries", "'go'", "any:boundary(go)"},
		{"caret is prefix", "^static", "any:prefix(static)"},
		{"dollar is suffix", "go$", "any:suffix(go)"},
		{"caret and dollar are equality", "^real-time\\ go$", "any:equal(real-time go)"},
		{"bang excludes an exact match", "!logging", "!any:exact(logging)"},
		{"bang quote excludes a fuzzy match", "!'logging", "!any:fuzzy(logging)"},
		{"bang caret excludes a prefix", "!^go", "!any:prefix(go)"},
		{"bang dollar excludes a suffix", "!go$", "!any:suffix(go)"},
		{"bang caret dollar excludes equality", "!^go$", "!any:equal(go)"},
		{"bang quotes exclude a boundary match", "!'go'", "!any:boundary(go)"},
		{"backslash space is a literal space", "go\\ kit", "any:fuzzy(go kit)"},
		{"white space of any kind separates", " go\t\tkit \n", "any:fuzzy(go) & any:fuzzy(kit)"},
		{"empty", "", ""},
		{"blank", "   \t ", ""},

		// Smart case.
		{"lower case is insensitive", "go", "any:fuzzy(go)"},
		{"an upper-case letter makes it sensitive", "Go", "any:fuzzy(Go)/C"},
		{"accented upper case", "'Pățan", "any:exact(Pățan)/C"},
		{"smart case ignores the field name", "Title:go", "title:fuzzy(go)"},

		// Fields.
		{"speaker", "speaker:cheney", "speaker:fuzzy(cheney)"},
		{"title exact", "title:'go", "title:exact(go)"},
		{"notes negated after the colon", "notes:!generics", "!notes:exact(generics)"},
		{"negated before the field", "!title:go", "!title:exact(go)"},
		{"negated fuzzy before the field", "!title:'go", "!title:fuzzy(go)"},
		{"link", "link:github", "link:fuzzy(github)"},
		{"link prefix", "link:^https://github.com/", "link:prefix(https://github.com/)"},
		{"field equality with a space", "speaker:^dave\\ cheney$", "speaker:equal(dave cheney)"},
		{"stars exact", "stars:7", "stars(7..7)"},
		{"stars equals", "stars:=7", "stars(7..7)"},
		{"stars at least", "stars:>=7", "stars(7..10)"},
		{"stars more than", "stars:>7", "stars(8..10)"},
		{"stars below", "stars:<4", "stars(0..3)"},
		{"stars at most", "stars:<=4", "stars(0..4)"},
		{"stars range", "stars:5..7", "stars(5..7)"},
		{"stars open range up", "stars:5..", "stars(5..10)"},
		{"stars open range down", "stars:..5", "stars(0..5)"},
		{"stars zero keeps all", "stars:>=0", "stars(0..10)"},
		{"stars negated", "!stars:>=7", "!stars(7..10)"},
		{"stars negated after the colon", "stars:!7", "!stars(7..7)"},
		{"has code", "has:code", "has(code)"},
		{"has link", "has:link", "has(link)"},
		{"has image", "has:image", "has(image)"},
		{"has negated", "!has:code", "!has(code)"},
		{"has negated after the colon", "has:!image", "!has(image)"},
		{"field names are case-insensitive", "SPEAKER:cheney HAS:Code", "speaker:fuzzy(cheney) & has(code)"},
		{"fields in an OR group", "stars:>=9 | speaker:cheney", "stars(9..10) | speaker:fuzzy(cheney)"},
		{"a field with no value is no term yet", "title: go", "any:fuzzy(go)"},
		{"a negated field with no value", "!notes:", ""},

		// A word before a colon that is no field is plain text.
		{"import path", "golang.org/x", "any:fuzzy(golang.org/x)"},
		{"scheme", "http://", "any:fuzzy(http://)"},
		{"trailing colon", "err:", "any:fuzzy(err:)"},
		{"URL", "https://github.com/mvdan/interfacer", "any:fuzzy(https://github.com/mvdan/interfacer)"},
		{"unknown field", "author:cheney", "any:fuzzy(author:cheney)"},
		{"leading colon", ":star:", "any:fuzzy(:star:)"},
		{"escaped colon", "title\\:go", "any:fuzzy(title:go)"},
		{"only the first colon names a field", "notes:title:go", "notes:fuzzy(title:go)"},
		{"negated plain text with a colon", "!err:", "!any:exact(err:)"},
		{"sigils on plain text with a colon", "^http:$", "any:equal(http:)"},

		// A lone sigil, a term without letters or digits, or an escaped
		// sigil is literal.
		{"not-equals between words", "err != nil", "any:fuzzy(err) & any:fuzzy(!=) & any:fuzzy(nil)"},
		{"bang at the end", "foo!", "any:fuzzy(foo!)"},
		{"lone bang", "!", "any:fuzzy(!)"},
		{"lone quote", "'", "any:fuzzy(')"},
		{"two quotes", "''", "any:fuzzy('')"},
		{"lone caret", "^", "any:fuzzy(^)"},
		{"lone dollar", "$", "any:fuzzy($)"},
		{"lone bar", "|", "any:fuzzy(|)"},
		{"bar first", "| go", "any:fuzzy(|) & any:fuzzy(go)"},
		{"bar after bar", "a | | b", "any:fuzzy(a) | any:fuzzy(|) & any:fuzzy(b)"},
		{"bar at the end is ignored", "mobile |", "any:fuzzy(mobile)"},
		{"double bar", "a || b", "any:fuzzy(a) & any:fuzzy(||) & any:fuzzy(b)"},
		{"escaped bar", "a \\| b", "any:fuzzy(a) & any:fuzzy(|) & any:fuzzy(b)"},
		{"escaped bang", "\\!important", "any:fuzzy(!important)"},
		{"escaped quote", "\\'go", "any:fuzzy('go)"},
		{"escaped caret", "\\^go", "any:fuzzy(^go)"},
		{"escaped dollar", "go\\$", "any:fuzzy(go$)"},
		{"escaped closing quote", "'go\\'", "any:exact(go')"},
		{"escaped backslash", "a\\\\b", "any:fuzzy(a\\b)"},
		{"backslash before a letter stays", "C:\\Users", "any:fuzzy(C:\\Users)/C"},
		{"bang then punctuation is literal", "!=", "any:fuzzy(!=)"},
		{"sigils around punctuation", "^**$", "any:fuzzy(^**$)"},
		{"negated literal after a field", "!title:!", "!title:exact(!)"},

		// fzf's quirks, kept.
		{"quote wins over dollar", "'go$", "any:exact(go)"},
		{"boundary wins over dollar", "'go'$", "any:boundary(go)"},
		{"caret then quote is a prefix with a quote", "^'go", "any:prefix('go)"},
		{"quote in the middle is text", "don't", "any:fuzzy(don't)"},
		{"bang in the middle is text", "a!b", "any:fuzzy(a!b)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := notes.ParseQuery(tt.query)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.query, err)
			}
			if got := describeQuery(q); got != tt.want {
				t.Errorf("ParseQuery(%q)\n got %s\nwant %s", tt.query, got, tt.want)
			}
			if q.Text != tt.query {
				t.Errorf("Text = %q, want %q", q.Text, tt.query)
			}
		})
	}
}

func TestParseQuerySpans(t *testing.T) {
	tests := []struct {
		name, query string
		want        []string // each term's span, in order
	}{
		{"words", "go  context", []string{"go", "context"}},
		{"sigils and fields are in the span", "!title:'go ^static$", []string{"!title:'go", "^static$"}},
		{"OR bars are not", "a | b", []string{"a", "b"}},
		{"escapes are", `go\ kit \!x`, []string{`go\ kit`, `\!x`}},
		{"filters", "stars:>=7 has:code", []string{"stars:>=7", "has:code"}},
		{"non-ASCII", "pățan 'ß", []string{"pățan", "'ß"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := notes.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, g := range q.Groups {
				for _, term := range g {
					got = append(got, tt.query[term.Span.Start:term.Span.End])
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("spans of %q = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestParseQueryStarsBounds(t *testing.T) {
	tests := []struct {
		query    string
		min, max int
		header   string
	}{
		{"go", 0, 10, ""},
		{"stars:>=7", 7, 10, "★≥7"},
		{"stars:<4", 0, 3, "★≤3"},
		{"stars:5..7", 5, 7, "★5–7"},
		{"stars:7", 7, 7, "★7"},
		{"stars:>=5 stars:<=7 go", 5, 7, "★5–7"},
		{"stars:>=5 stars:>=7", 7, 10, "★≥7"},
		// Neither an OR nor a negation bounds the query.
		{"stars:>=7 | go", 0, 10, ""},
		{"!stars:>=7", 0, 3 + 7, ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := notes.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			if q.MinStars != tt.min || q.MaxStars != tt.max {
				t.Errorf("bounds %d..%d, want %d..%d", q.MinStars, q.MaxStars, tt.min, tt.max)
			}
			if tt.header != "" {
				if got := notes.StarsString(q.MinStars, q.MaxStars); got != tt.header {
					t.Errorf("StarsString = %q, want %q", got, tt.header)
				}
			}
		})
	}
}

func TestParseQueryString(t *testing.T) {
	tests := []struct{ query, want string }{
		{"stars:>=7", "★≥7"},
		{"stars:<4", "★≤3"},
		{"stars:5..7", "★5–7"},
		{"!stars:7", "!★7"},
		{"speaker:cheney   title:'go", "speaker:cheney title:'go"},
		{"mobile|x  mobile   |   context", "mobile|x mobile | context"},
		{"!'logging !logging", "!'logging !logging"},
		{"notes:!generics", "!notes:generics"},
		{"go\\ kit 'go' ^a$ b$ ^c", "go\\ kit 'go' ^a$ b$ ^c"},
		{"\\!important foo\\$ \\|", "\\!important foo\\$ \\|"},
		{"err != nil", "err != nil"},
		{"title\\:go HAS:Code", "title\\:go has:code"},
		{"a\\\\b", "a\\\\b"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := notes.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			if got := q.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		name, query string
		pos         int    // of the error
		msg         string // the whole Error()
	}{
		{"above the top rating", "go stars:>=11", 11, "query: stars:>=11: ratings go from 0 to 10"},
		{"above the top rating, exact", "stars:11", 6, "query: stars:11: ratings go from 0 to 10"},
		{"more than the top", "stars:>10", 7, "query: stars:>10: ratings go from 0 to 10"},
		{"below zero", "stars:<0", 7, "query: stars:<0: ratings go from 0 to 10"},
		{"a huge number", "stars:99999999999999999999", 6, "query: stars:99999999999999999999: ratings go from 0 to 10"},
		{"range above the top", "stars:5..11", 9, "query: stars:5..11: ratings go from 0 to 10"},
		{"letters", "stars:abc", 6, "query: stars:abc: not a rating; write stars:7, stars:>=7, stars:<4 or stars:5..7"},
		{"negative", "stars:-1", 6, "query: stars:-1: not a rating; write stars:7, stars:>=7, stars:<4 or stars:5..7"},
		{"operator without a number", "stars:>=", 8, "query: stars:>=: not a rating; write stars:7, stars:>=7, stars:<4 or stars:5..7"},
		{"empty range", "stars:7..3", 6, "query: stars:7..3: 7 is more than 3"},
		{"range without bounds", "stars:..", 6, "query: stars:..: a range needs a bound; write stars:7, stars:>=7, stars:<4 or stars:5..7"},
		{"nothing after stars", "stars:", 6, "query: stars:: a rating is missing; write stars:7, stars:>=7, stars:<4 or stars:5..7"},
		{"contradicting bounds", "stars:>=7 go stars:<4", 13, "query: stars:>=7 and stars:<4: no rating is both"},
		{"unknown has", "has:video", 4, "query: has:video: unknown; write has:code, has:link or has:image"},
		{"nothing after has", "x has:", 6, "query: has: what? write has:code, has:link or has:image"},
		{"negated twice", "!notes:!generics", 7, "query: !notes:!generics: negated twice"},
		{"stars negated twice", "!stars:!7", 7, "query: !stars:!7: negated twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := notes.ParseQuery(tt.query)
			if err == nil {
				t.Fatalf("ParseQuery(%q) = %s, want an error", tt.query, describeQuery(q))
			}
			var qe *notes.QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("error %T %v, want a *QueryError", err, err)
			}
			if qe.Pos != tt.pos {
				t.Errorf("Pos = %d, want %d (%q)", qe.Pos, tt.pos, tt.query[min(qe.Pos, len(tt.query)):])
			}
			if err.Error() != tt.msg {
				t.Errorf("Error() = %q\n           want %q", err.Error(), tt.msg)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

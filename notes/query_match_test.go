package notes_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
)

// queryDoc parses the embedded notes.
func queryDoc(t testing.TB) *notes.Document {
	t.Helper()
	d, err := notes.Parse(bytes.NewReader(data.Notes()))
	if err != nil {
		t.Fatalf("parsing the embedded notes: %v", err)
	}
	return d
}

// matchingTalks returns the numbers of the talks of d that query matches,
// by ParsedQuery.MatchTalk.
func matchingTalks(t testing.TB, d *notes.Document, query string) []int {
	t.Helper()
	q, err := notes.ParseQuery(query)
	if err != nil {
		t.Fatalf("ParseQuery(%q): %v", query, err)
	}
	var got []int
	for _, tk := range d.Talks {
		f := notes.FieldsOf(tk)
		if _, ok := q.MatchTalk(&f); ok {
			got = append(got, tk.Number)
		}
	}
	return got
}

func allTalksBut(n int, but ...int) []int {
	var out []int
	for i := 1; i <= n; i++ {
		if !slices.Contains(but, i) {
			out = append(out, i)
		}
	}
	return out
}

// realNotesQueries are every form of the tables, with the talks
// of the embedded notes each matches. The talk numbers were written by
// reading data/golanguk-2016.md (talk 1 is the keynote, 21 "Real-Time Go").
var realNotesQueries = []struct {
	name, query string
	want        []int
}{
	// Every title holding "go", "GoBridge" and "GoMobile" included.
	{"exact", "title:'go", []int{1, 2, 3, 5, 6, 8, 13, 15, 16, 17, 18, 19, 20, 21}},
	// "GoBridge" has "the Go Community" too; "GoMobile" cuts a word.
	{"word boundaries", "title:'go'", []int{1, 2, 3, 5, 6, 8, 13, 15, 16, 17, 19, 20, 21}},
	// And "Grand Treatise of ...": G, then o of "of", on word starts.
	{"fuzzy", "title:go", []int{1, 2, 3, 5, 6, 8, 13, 14, 15, 16, 17, 18, 19, 20, 21}},
	{"prefix", "title:^go", []int{8, 15}},
	{"suffix", "title:go$", []int{16, 17, 20, 21}},
	{"equality", `title:^real-time\ go$`, []int{21}},
	{"equality, smart case", `title:^Real-Time\ Go$`, []int{21}},
	{"equality, wrong case", `title:^REAL-TIME\ GO$`, nil},
	{"exclude an exact match", "title:!go", []int{4, 7, 9, 10, 11, 12, 14}},
	{"exclude a fuzzy match", "title:!'go", []int{4, 7, 9, 10, 11, 12}},
	{"exact minus suffix", "title:'go !title:go$", []int{1, 2, 3, 5, 6, 8, 13, 15, 18, 19}},
	{"OR", "title:mobile | title:context", []int{6, 7, 18}},
	{"OR and AND", "title:mobile | title:context stars:<=4", []int{6, 7}},
	{"AND of fields", "speaker:cheney title:solid", []int{1}},

	{"speaker", "speaker:cheney", []int{1, 19}},
	{"speaker prefix", "speaker:^paul", []int{7, 11}},
	{"speaker without accents", "speaker:patan", []int{8}},
	{"speaker with accents, smart case", "speaker:Pățan", []int{8}},
	{"speaker, wrong case", "speaker:PATAN", nil},
	{"umlaut typed plain, smart case", "speaker:Bjorn", []int{14}},
	// Ban, Pățan, Eleanor, Mandy, Andreas.
	{"speaker exact inside words", "speaker:'an", []int{5, 8, 13, 17, 21}},
	{"speaker boundary inside words", "speaker:'an'", nil},
	{"speaker boundary", "speaker:'ng'", []int{10}},
	{"speaker equality", `speaker:^dave\ cheney$`, []int{1, 19}},

	{"stars exact", "stars:7", []int{13, 17, 18}},
	{"stars at least", "stars:>=7", []int{1, 10, 11, 13, 17, 18, 19, 20}},
	{"stars below", "stars:<4", []int{8, 12}},
	{"stars range", "stars:5..7", []int{2, 4, 5, 13, 15, 16, 17, 18}},
	{"stars negated", "!stars:>=4", []int{8, 12}},
	{"stars with fields", "speaker:cheney stars:>=8 has:image", []int{1}},

	{"has image", "has:image", []int{1, 2, 4, 5, 7, 9, 11, 12, 16, 17, 18}},
	{"has code", "has:code", []int{1, 2, 3, 5, 7, 8, 10, 11, 12, 13, 16, 18, 19, 20, 21}},
	{"has no code", "!has:code", []int{4, 6, 9, 14, 15, 17}},
	// Talk 10's github.com/nickng/dingo-hunter has no scheme: no link.
	{"has link", "has:link", []int{1, 2, 4, 6, 8, 9, 12, 13, 14, 15, 17, 18, 19, 20, 21}},

	{"link", "link:github", []int{1, 2, 8, 9, 17, 18, 19, 20}},
	{"link prefix", "link:^https://github.com/", []int{1, 2, 8, 9, 17, 19, 20}},
	{"link of the speaker", "link:matryer", []int{3}},
	// Florin Pățan's page is Marcel's in the notes.
	{"link of a wrong speaker page", "link:marcel", []int{5, 8}},

	{"prefix of a notes line, or of the title", "^static", []int{10, 17}},
	{"prefix of a notes line past its bullet", "notes:^testing", []int{2, 8}},
	{"equality with a heading line", "notes:^summary$", []int{1, 3}},
	{"word in title or notes", "logging", []int{2, 4, 8, 12}},
	{"word at boundaries", "'logging'", []int{2, 4, 8, 12}},
	{"exclude a word", "!logging", allTalksBut(21, 2, 4, 8, 12)},

	{"plain text with a colon", "ops:", []int{2, 13}},
	{"a path", "x/net/trace", []int{8}},
	{"a URL", "http://gokit.io", []int{2}},
	{"a bang at the end", "help!", []int{15}},
	{"a term of punctuation", ":-|", []int{5}},
	{"exact, with punctuation", "'>=1.7", []int{19}},
	// Rows of the tables the ones above leave out: an escaped
	// space, and a sigil after a word.
	{"a literal space", `go\ kit`, []int{2}},
	{"a bang after a word", "not!", []int{13}},
}

// TestMatchTalkRealNotes runs every form of the tables against
// the embedded notes. The talk numbers were written by reading
// data/golanguk-2016.md (talk 1 is the keynote, 21 "Real-Time Go").
func TestMatchTalkRealNotes(t *testing.T) {
	d := queryDoc(t)
	tests := realNotesQueries
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := matchingTalks(t, d, tt.query); !slices.Equal(got, tt.want) {
				t.Errorf("%s matches talks %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

// TestMatchTalkEquivalences checks the equivalences on the real
// notes: stars:>=N keeps what Query.MinStars keeps, a | b is the union of
// a and b, and a !b is a minus b.
func TestMatchTalkEquivalences(t *testing.T) {
	d := queryDoc(t)
	for n := 0; n <= notes.MaxStars; n++ {
		var want []int
		for _, h := range d.Search(notes.Query{MinStars: n}) {
			want = append(want, h.Talk.Number)
		}
		if got := matchingTalks(t, d, fmt.Sprintf("stars:>=%d", n)); !slices.Equal(got, want) {
			t.Errorf("stars:>=%d matches %v; MinStars %d keeps %v", n, got, n, want)
		}
	}
	// b, and a form of b's negation that excludes just what b matches.
	pairs := []struct{ a, b, notB string }{
		{"title:go", "'context", "!context"},
		{"has:image", "speaker:paul", "speaker:!'paul"},
		{"has:link", "^static", "!^static"},
		{"has:image", "stars:>=7", "!stars:>=7"},
		{"logging", "link:'github", "!link:github"},
		{"speaker:cheney", "title:'solid'", "!title:'solid'"},
		{"has:code", "has:link", "has:!link"},
	}
	for _, p := range pairs {
		a, b := matchingTalks(t, d, p.a), matchingTalks(t, d, p.b)
		union := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(a), b...))))
		if got := matchingTalks(t, d, p.a+" | "+p.b); !slices.Equal(got, union) {
			t.Errorf("%s | %s matches %v, want the union %v", p.a, p.b, got, union)
		}
		var minus []int
		for _, n := range a {
			if !slices.Contains(b, n) {
				minus = append(minus, n)
			}
		}
		if got := matchingTalks(t, d, p.a+" "+p.notB); !slices.Equal(got, minus) {
			t.Errorf("%s %s matches %v, want %v minus %v", p.a, p.notB, got, a, b)
		}
		if len(minus) == 0 || len(minus) == len(a) {
			t.Errorf("%s and %s: a pair that proves little (%v, %v)", p.a, p.b, a, b)
		}
	}
}

// TestMatchTalkAgreesWithSearch: a plain word means what it means to
// Search today, in the talks matched and the title and speaker runes
// marked.
func TestMatchTalkAgreesWithSearch(t *testing.T) {
	d := queryDoc(t)
	words := []string{
		"go", "gc", "io", "sgd", "contxt", "patan", "Pățan", "bjorn", "Go", "cheney", "tstng", "context",
		"mobile", "reader", "io.reader", "e.g", "logging", "kafka", "ß", "grand", "gomobile", "x/net", "#", "c",
	}
	for _, w := range words {
		t.Run(w, func(t *testing.T) {
			q, err := notes.ParseQuery(w)
			if err != nil {
				t.Fatal(err)
			}
			hits := d.Search(notes.Query{Text: w})
			var got []int
			for _, tk := range d.Talks {
				f := notes.FieldsOf(tk)
				m, ok := q.MatchTalk(&f)
				if !ok {
					continue
				}
				got = append(got, tk.Number)
				i := slices.IndexFunc(hits, func(h notes.Hit) bool { return h.Talk == tk })
				if i < 0 {
					continue
				}
				h := hits[i]
				if tp, sp := runePositions(tk.Title, m, notes.InTitle), runePositions(tk.Speaker, m, notes.InSpeaker); !slices.Equal(tp, h.TitlePos) || !slices.Equal(sp, h.SpeakerPos) {
					t.Errorf("talk %d: marks title %v speaker %v; Search marks %v %v", tk.Number, tp, sp, h.TitlePos, h.SpeakerPos)
				}
			}
			var want []int
			for _, h := range hits {
				want = append(want, h.Talk.Number)
			}
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%q matches %v; Search finds %v", w, got, want)
			}
		})
	}
}

// runePositions returns the rune positions in text of m's marks in field.
func runePositions(text string, m notes.TalkMatch, field notes.TermField) []int {
	var pos []int
	for _, mk := range m.Marks {
		if mk.Field != field {
			continue
		}
		for _, r := range mk.Ranges {
			for i := range text[r.Start:r.End] {
				pos = append(pos, utf8.RuneCountInString(text[:r.Start+i]))
			}
		}
	}
	return pos
}

// marked returns the marked parts of text, joined by "|".
func markedRanges(text string, rs []notes.Range) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, text[r.Start:r.End])
	}
	return strings.Join(parts, "|")
}

func TestTermMatch(t *testing.T) {
	d := queryDoc(t)
	body := func(n int) string { return d.Talks[n-1].Body }
	tests := []struct {
		name  string
		query string
		field notes.TermField
		text  string
		ok    bool
		marks string     // the marked parts, "|" between ranges
		tier  notes.Tier // when ok and not negated
		at    int        // the first range's start, when not -1
	}{
		{"boundary skips a word it would cut", "'go'", notes.InTitle, "GoBridge and the Go Community: Initiatives and Opportunities", true, "Go", notes.TierWord, 17},
		{"fuzzy finds a camel-case word", "go", notes.InTitle, "Building Mobile SDKs with GoMobile", true, "Go", notes.TierWord, 26},
		{"accents are folded", "patan", notes.InSpeaker, "Florin Pățan", true, "Pățan", notes.TierWord, 7},
		{"smart case over folded accents", "Patan", notes.InSpeaker, "Florin Pățan", true, "Pățan", notes.TierWord, 7},
		{"smart case refuses another case", "PATAN", notes.InSpeaker, "Florin Pățan", false, "", 0, -1},
		{"accented term, exact", "'ățan", notes.InSpeaker, "Florin Pățan", true, "ățan", notes.TierWord, 8},
		// Pieces on word starts rank below a whole word in the notes (issue 12: "gc").
		{"pieces on word starts", "sgd", notes.InTitle, "Keynote: SOLID Go design", true, "S|G|d", notes.TierChain, 9},
		// The only way to align c-n-t-x-t in "Context".
		{"compact letters", "cntxt", notes.InTitle, "A beginners guide to Context", true, "C|nt|xt", notes.TierScattered, 21},
		{"letters too far apart", "sgd", notes.InTitle, "A beginners guide to Context", false, "", 0, -1},
		{"exact ranks as a word", "'oud", notes.InTitle, "Cloud in your Cloud", true, "oud", notes.TierWord, 2},
		{"fuzzy inside a word", "oud", notes.InTitle, "Cloud in your Cloud", true, "oud", notes.TierInner, 2},
		{"prefix", "^static", notes.InTitle, "static deadlock detection", true, "static", notes.TierWord, 0},
		{"prefix is of the field", "^deadlock", notes.InTitle, "static deadlock detection", false, "", 0, -1},
		{"suffix", "go$", notes.InTitle, "Real-Time Go", true, "Go", notes.TierWord, 10},
		{"equality", `^real-time\ go$`, notes.InTitle, "Real-Time Go", true, "Real-Time Go", notes.TierWord, 0},
		{"equality ignores white space at the ends", `^real-time\ go$`, notes.InTitle, "  Real-Time Go \t", true, "Real-Time Go", notes.TierWord, 2},
		{"negated, found", "!go", notes.InTitle, "Real-Time Go", false, "", 0, -1},
		{"negated, not found: no marks", "!go", notes.InTitle, "static deadlock detection", true, "", 0, -1},
		{"negated fuzzy, not found", "!'sgd", notes.InTitle, "A beginners guide to Context", true, "", 0, -1},
		{"a field the term does not look at", "speaker:cheney", notes.InTitle, "Dave Cheney", false, "", 0, -1},
		{"line prefix past a bullet", "notes:^testing", notes.InNotes, body(2), true, "testing", notes.TierWord, strings.Index(body(2), "testing becomes")},
		{"line prefix past a heading marker", "^the", notes.InNotes, body(1), true, "The", notes.TierWord, 4},
		{"line suffix", "principles$", notes.InNotes, body(1), true, "principles", notes.TierWord, strings.Index(body(1), "principles")},
		{"line prefix past bullet and quote", `^helm\ is`, notes.InNotes, body(17), true, "Helm is", notes.TierWord, strings.Index(body(17), "Helm is")},
		{"line equality", "^summary$", notes.InNotes, body(1), true, "Summary", notes.TierWord, strings.Index(body(1), "Summary")},
		{"notes word", "interfacer", notes.InNotes, body(1), true, "interfacer", notes.TierWord, strings.Index(body(1), "interfacer")},
		// "interfaces" and "interfacer" come first, and "**I**nterface" is
		// read "Interface": the first whole word wins.
		{"notes word, best of several", "interface", notes.InNotes, body(1), true, "I**nterface", notes.TierWord, strings.Index(body(1), "I**nterface segregation")},
		// Emphasis inside a word does not split it; the mark covers the
		// word in the body, markers between its letters included.
		{"notes word split by emphasis", "liskov", notes.InNotes, body(1), true, "L**iskov", notes.TierWord, strings.Index(body(1), "L**iskov")},
		{"boundary term split by emphasis", "'liskov'", notes.InNotes, body(1), true, "L**iskov", notes.TierWord, strings.Index(body(1), "L**iskov")},
		{"notes word start split by emphasis", "sing", notes.InNotes, body(1), true, "S**ing", notes.TierPrefix, strings.Index(body(1), "S**ingle")},
		{"strikethrough inside a word", "crossed", notes.InNotes, "a ~~cr~~ossed line", true, "cr~~ossed", notes.TierWord, 4},
		{"underscore inside a word is no emphasis", "snakecase", notes.InNotes, "snake_case", false, "", 0, -1},
		{"markers between words still split", "23", notes.InNotes, "2 * 3", false, "", 0, -1},
		{"notes word start", "interfa", notes.InNotes, body(1), true, "interfa", notes.TierPrefix, strings.Index(body(1), "interfaces.")},
		{"notes are no fuzzy field", "sgd", notes.InNotes, "single go design", false, "", 0, -1},
		{"link prefix", "link:^https://github.com/", notes.InLinks, "http://x.io\nhttps://github.com/mvdan/interfacer", true, "https://github.com/", notes.TierWord, 12},
		{"boundary term edged with punctuation", "'.go'", notes.InNotes, "see main.go here", true, ".go", notes.TierWord, 8},
		{"boundary term cutting a word", "'.go'", notes.InNotes, "see main.gopher here", false, "", 0, -1},
		{"a rune whose lower case is shorter", "istanbul", notes.InNotes, "in İstanbul", true, "İstanbul", notes.TierWord, 3},
		{"invalid UTF-8 before the match", "'go", notes.InNotes, "a\xffgo", true, "go", notes.TierWord, 2},
		{"accent folded in the notes", "hernan", notes.InNotes, "- Hernán Kleiman", true, "Hernán", notes.TierWord, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := notes.ParseQuery(tt.query)
			if err != nil || len(q.Groups) != 1 || len(q.Groups[0]) != 1 {
				t.Fatalf("ParseQuery(%q) = %v, %v: want one term", tt.query, q, err)
			}
			term := &q.Groups[0][0]
			m, ok := term.Match(tt.field, tt.text)
			if ok != tt.ok {
				t.Fatalf("Match(%v, %q) ok = %v, want %v", tt.field, tt.text, ok, tt.ok)
			}
			if got := markedRanges(tt.text, m.Ranges); got != tt.marks {
				t.Errorf("marks %q (%v), want %q", got, m.Ranges, tt.marks)
			}
			if !ok || term.Negate {
				if m.Score != 0 || m.Ranges != nil {
					t.Errorf("a failed or negated match has score %d and ranges %v", m.Score, m.Ranges)
				}
				return
			}
			if m.Tier != tt.tier {
				t.Errorf("tier %d, want %d", m.Tier, tt.tier)
			}
			if m.Score != m.Tier.Score(tt.field) || m.Score == 0 {
				t.Errorf("score %d for tier %d in %v", m.Score, m.Tier, tt.field)
			}
			if tt.at >= 0 && (len(m.Ranges) == 0 || m.Ranges[0].Start != tt.at) {
				t.Errorf("ranges %v, want the first at %d", m.Ranges, tt.at)
			}
		})
	}
}

// TestQueryRanking checks the issue's ranking rules on the talk "Cloud in
// your Cloud" (4): title words score 100, word starts 95, insides 90.
func TestQueryRanking(t *testing.T) {
	d := queryDoc(t)
	f := notes.FieldsOf(d.Talks[3])
	score := func(query string) int {
		t.Helper()
		q, err := notes.ParseQuery(query)
		if err != nil {
			t.Fatal(err)
		}
		m, ok := q.MatchTalk(&f)
		if !ok {
			t.Fatalf("%s does not match %q", query, f.Title)
		}
		return m.Score
	}
	tests := []struct {
		name, query string
		want        int
	}{
		{"fuzzy inside a word", "oud", 90},
		{"exact ranks as a word", "'oud", 100},
		{"boundary ranks as a word", "'cloud'", 100},
		{"prefix ranks as a word", "^clo", 100},
		{"fuzzy word start", "clo", 95},
		{"OR ranks by its best branch", "clo | cloud", 100},
		{"OR ranks by its best branch, in either order", "cloud | clo", 100},
		{"OR with a branch that fails", "clo | zzzz", 95},
		{"excluded terms do not rank", "clo !kafka", 95},
		{"an OR of an excluded term ranks by the other", "!kafka | clo", 95},
		{"filters do not rank", "clo stars:>=0 has:image", 95},
		{"AND adds", "clo your", 95 + 100},
		{"speaker ranks below title", "speaker:'cambell", 80},
		{"notes rank below speaker", "notes:digitalocean", 50},
		{"a title word beats the same in the notes", "cloud", 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := score(tt.query); got != tt.want {
				t.Errorf("score of %s = %d, want %d", tt.query, got, tt.want)
			}
		})
	}
	// Only positive terms mark.
	q, _ := notes.ParseQuery("cloud !kafka | !zzz stars:6 has:image")
	m, _ := q.MatchTalk(&f)
	for _, mk := range m.Marks {
		if mk.Term.Negate || mk.Term.Field == notes.InStars || mk.Term.Field == notes.InHas {
			t.Errorf("a negated term or filter marks: %+v", mk)
		}
	}
	if len(m.Marks) == 0 {
		t.Errorf("cloud marks nothing")
	}
}

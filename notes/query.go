package notes

import (
	"strconv"
	"strings"
)

// ParsedQuery is a search query in the extended syntax (see ParseQuery):
// an AND of groups, each an OR of terms.
type ParsedQuery struct {
	// Text is the query as it was given; the terms' spans index it.
	Text string
	// Groups must all match. A query without groups matches every talk.
	Groups []Group
	// MinStars and MaxStars bound the rating, from the stars: terms that
	// stand alone in their group and are not negated: a talk outside
	// them cannot match. Without such terms they are 0 and MaxStars. The
	// engine may use them to skip talks; the browser header shows them
	// (see StarsString).
	MinStars, MaxStars int

	// dup[i]: Groups[i] is an earlier group again ("go go"): it matches
	// where that one does and adds neither score nor marks, as a repeated
	// word never did in Search.
	dup []bool
}

// Group is an OR of terms: it matches when one of them does.
type Group []Term

// TermField is the part of a talk a term looks at.
type TermField int

const (
	InAny     TermField = iota // title, speaker and notes
	InTitle                    // title:
	InSpeaker                  // speaker:
	InNotes                    // notes:
	InLinks                    // link: the talk's URLs, one per line
	InStars                    // stars: the rating, a filter
	InHas                      // has: what the notes contain, a filter
)

var fieldNames = [...]string{
	InTitle:   "title",
	InSpeaker: "speaker",
	InNotes:   "notes",
	InLinks:   "link",
	InStars:   "stars",
	InHas:     "has",
}

// String returns the field's name as a query writes it before its colon,
// or "" for InAny.
func (f TermField) String() string {
	if f < 0 || int(f) >= len(fieldNames) {
		return "TermField(" + strconv.Itoa(int(f)) + ")"
	}
	return fieldNames[f]
}

// MatchKind is how a term's text is matched.
type MatchKind int

const (
	KindFuzzy    MatchKind = iota // word: fuzzy in title and speaker, word or substring in notes and links
	KindExact                     // 'word: substring
	KindBoundary                  // 'word': substring that cuts no word
	KindPrefix                    // ^word: start of the field, or of a line of the notes
	KindSuffix                    // word$: end of the field, or of a line
	KindEqual                     // ^word$: the whole field, or a whole line
)

var kindNames = [...]string{"fuzzy", "exact", "boundary", "prefix", "suffix", "equal"}

func (k MatchKind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "MatchKind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Content is what a has: term asks the notes to contain.
type Content int

const (
	HasCode  Content = iota + 1 // a code span or a fenced code block
	HasLink                     // a URL besides the speaker's page
	HasImage                    // an image, in the header or the notes
)

var contentNames = [...]string{HasCode: "code", HasLink: "link", HasImage: "image"}

func (c Content) String() string {
	if c <= 0 || int(c) >= len(contentNames) {
		return "Content(" + strconv.Itoa(int(c)) + ")"
	}
	return contentNames[c]
}

// Range is a span of bytes, [Start, End).
type Range struct{ Start, End int }

// Term is one term of a query, as ParseQuery makes it (it prepares the
// text for matching; a Term made otherwise matches nothing).
type Term struct {
	// Field is what the term looks at. InStars and InHas terms are
	// filters: they have no Text and never rank or highlight.
	Field TermField
	// Kind is how Text is matched (KindFuzzy for filters).
	Kind MatchKind
	// Negate: the term matches the talks in which its text is not found
	// (or, for a filter, that fail it). A negated term never ranks and
	// never highlights.
	Negate bool
	// Text is what to look for, as typed but without field, sigils and
	// escapes: `title:'go\ kit` has Text "go kit".
	Text string
	// CaseSensitive is smart case: Text has an upper-case letter.
	CaseSensitive bool
	// MinStars and MaxStars are the bounds of an InStars term, inclusive.
	MinStars, MaxStars int
	// Has is what an InHas term asks for.
	Has Content
	// Span is where the term stands in ParsedQuery.Text, field and sigils
	// included, so that the browser can underline it and JSON name it.
	Span Range

	key string // Text folded, and lowercased unless CaseSensitive
}

// In reports whether t looks at field f: an InAny term at the title, the
// speaker and the notes; any other term at its own field only.
//
// A positive term matches a talk when it matches one of the fields it
// looks at; a negated one when its text is found in none of them (so
// Term.Match of a negated term must hold for every such field).
func (t *Term) In(f TermField) bool {
	if t.Field == InAny {
		return f == InTitle || f == InSpeaker || f == InNotes
	}
	return t.Field == f
}

// String returns the query in a canonical form: groups separated by
// spaces, alternatives by " | ", each term in the syntax ParseQuery
// reads, except that a rating filter is shown as the browser header shows
// it ("★≥7", "★5–7").
func (q *ParsedQuery) String() string {
	var b strings.Builder
	for i, g := range q.Groups {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(g.String())
	}
	return b.String()
}

// String returns the group's terms separated by " | ".
func (g Group) String() string {
	var b strings.Builder
	for i := range g {
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(g[i].String())
	}
	return b.String()
}

// String returns t in the query syntax ("!title:'go", "speaker:^dave$"),
// its text escaped so that ParseQuery reads it back, or, for a rating
// filter, as StarsString shows it.
func (t *Term) String() string {
	var b strings.Builder
	if t.Negate {
		b.WriteByte('!')
	}
	switch t.Field {
	case InStars:
		b.WriteString(StarsString(t.MinStars, t.MaxStars))
		return b.String()
	case InHas:
		b.WriteString("has:" + t.Has.String())
		return b.String()
	case InAny:
	default:
		b.WriteString(t.Field.String() + ":")
	}
	if !hasWordRune(t.Text) {
		// A term without letters or digits is read literally: no sigils,
		// but a lone | is OR.
		if t.Text == "|" {
			b.WriteByte('\\')
		}
		b.WriteString(escapeTermText(t.Text, false, false))
		return b.String()
	}
	text := escapeTermText(t.Text, true, t.Field == InAny)
	switch t.Kind {
	case KindFuzzy:
		if t.Negate {
			b.WriteByte('\'')
		}
		b.WriteString(text)
	case KindExact:
		if !t.Negate {
			b.WriteByte('\'')
		}
		b.WriteString(text)
	case KindBoundary:
		b.WriteString("'" + text + "'")
	case KindPrefix:
		b.WriteString("^" + text)
	case KindSuffix:
		b.WriteString(text + "$")
	case KindEqual:
		b.WriteString("^" + text + "$")
	}
	return b.String()
}

// escapeTermText escapes what ParseQuery would otherwise read as syntax:
// spaces, tabs, backslashes, with ends the sigils at either end, and, for a
// term of no field, a colon after a field name.
func escapeTermText(s string, ends, noField bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\\':
			b.WriteByte('\\')
		case ends && (i == 0 || i == len(s)-1) && strings.IndexByte(sigils, c) >= 0:
			b.WriteByte('\\')
		case c == ':' && noField && i == strings.IndexByte(s, ':') && isFieldName(s[:i]):
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}

// StarsString shows a rating bound as the browser header does: "★≥7",
// "★≤3", "★7", "★5–7"; a bound of 0 to MaxStars, which keeps every
// talk, is "★≥0".
func StarsString(minStars, maxStars int) string {
	switch {
	case minStars <= 0 && maxStars >= MaxStars:
		return "★≥0"
	case minStars == maxStars:
		return "★" + strconv.Itoa(minStars)
	case maxStars >= MaxStars:
		return "★≥" + strconv.Itoa(minStars)
	case minStars <= 0:
		return "★≤" + strconv.Itoa(maxStars)
	}
	return "★" + strconv.Itoa(minStars) + "–" + strconv.Itoa(maxStars)
}

// QueryError is a query ParseQuery cannot read, or that no talk can
// match ("stars:>=11"). Pos is the byte offset in the query of what is
// wrong, for a caret under the search box.
type QueryError struct {
	Pos int
	Msg string
}

func (e *QueryError) Error() string { return "query: " + e.Msg }

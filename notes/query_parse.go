package notes

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sigils are the bytes that change a term's meaning at its ends.
const sigils = "!'^$|"

// escapable are the bytes a backslash makes literal.
const escapable = " \t!'^$|\\:"

// ParseQuery reads a search query in fzf's extended-search syntax, with
// fields:
//
//	go context     both terms (space is AND)
//	mobile | ctx   either term (| alone between terms is OR, and binds
//	               tighter than AND: "a b | c" is a AND (b OR c))
//	word           fuzzy in title and speaker, word or substring in notes
//	'word          exact substring
//	'word'         exact substring that cuts no word (at word boundaries)
//	^word          prefix of the field, or of a line of the notes
//	word$          suffix of the field, or of a line of the notes
//	^word$         the whole field, or a whole line of the notes
//	!word          exclude talks holding word (exact substring); also
//	               !^word, !word$, !^word$, !'word' (exact forms)
//	!'word         exclude talks matching word fuzzily
//	go\ kit        a backslash makes a space, a sigil (! ' ^ $ |), a
//	               colon or a backslash literal
//
//	title:, speaker:, notes:   limit a term to one field: speaker:cheney,
//	               title:'go, notes:!generics; !title:go also negates
//	link:          a URL of the talk (the speaker's page, header links,
//	               links in the notes; not images), one URL per line
//	stars:7, stars:>=7, stars:>7, stars:<=4, stars:<4, stars:5..7,
//	stars:5.., stars:..7       the rating filter, 0 to MaxStars
//	has:code, has:link, has:image   what the talk contains
//
// Smart case and accent folding apply to every form: a term with an
// upper-case letter is case-sensitive, and accents never matter. Field
// names are case-insensitive. A word before a colon that is no field name
// is plain text: golang.org/x, http:// and err: search for themselves. A
// term without a letter or a digit is plain text too, sigils included, so
// "err != nil" and "foo!" search for what they say.
//
// Where this differs from fzf (src/pattern.go, man page "EXTENDED SEARCH
// MODE"):
//   - fzf drops a term that is nothing but sigils ("!", "'", "^", "!="
//     excludes "="); here a term without a letter or digit is literal.
//   - fzf knows only the escape "\ "; here a backslash also makes a sigil,
//     a colon or a backslash literal ("\!important", "foo\$", "\|").
//   - Fields, stars: and has: are ours.
//   - fzf folds accents only when the term has none; here terms and
//     texts are always folded, so "Pățan" also finds "Patan".
//   - fzf's prefix and suffix skip white space at the ends of the line;
//     in the notes we also skip markdown's line markers (#, >, list
//     bullets, "1."), so ^testing finds "### Testing".
//   - fzf stops at the first alternative of an OR group that matches;
//     here every matching alternative is highlighted, and the group ranks
//     by its best.
//   - fzf's quirks are kept: "'word$" is an exact term for "word" (the $
//     is dropped), "!'word" is a negated fuzzy term while "!'word'" is a
//     negated boundary term, a | at the start or after another | is a
//     literal term, and a | at the end is ignored, so the list does not
//     empty while the next alternative is typed.
//
// The error, when not nil, is a *QueryError: a malformed stars: or has:
// term, or a rating no talk can have (stars:>=11, or stars:>=7 stars:<4).
// An empty or blank query has no groups.
func ParseQuery(text string) (*ParsedQuery, error) {
	q := &ParsedQuery{Text: text, MaxStars: MaxStars}
	var cur Group
	afterBar, newGroup := false, false
	for _, tok := range lexQuery(text) {
		if tok.text == "|" && !tok.lit[0] {
			if len(cur) > 0 && !afterBar {
				newGroup, afterBar = false, true
				continue
			}
		}
		afterBar = false
		t, ok, err := parseTerm(tok)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if newGroup {
			q.Groups = append(q.Groups, cur)
			cur = nil
		}
		cur = append(cur, t)
		newGroup = true
	}
	if len(cur) > 0 {
		q.Groups = append(q.Groups, cur)
	}
	seen := map[string]bool{}
	for i, g := range q.Groups {
		k := g.String()
		if seen[k] {
			if q.dup == nil {
				q.dup = make([]bool, len(q.Groups))
			}
			q.dup[i] = true
		}
		seen[k] = true
	}
	var first *Term // the stars: term that set MinStars or MaxStars
	for _, g := range q.Groups {
		if t := &g[0]; len(g) == 1 && t.Field == InStars && !t.Negate {
			q.MinStars, q.MaxStars = max(q.MinStars, t.MinStars), min(q.MaxStars, t.MaxStars)
			if q.MinStars > q.MaxStars {
				return nil, &QueryError{Pos: t.Span.Start, Msg: text[first.Span.Start:first.Span.End] + " and " +
					text[t.Span.Start:t.Span.End] + ": no rating is both"}
			}
			if first == nil {
				first = t
			}
		}
	}
	return q, nil
}

// token is one space-separated word of a query, its escapes undone.
type token struct {
	text string
	lit  []bool // lit[i]: text[i] was escaped
	at   []int  // at[i]: offset in the query of text[i] (of its backslash)
	span Range  // in the query
}

// sigil reports whether text[i] is the unescaped byte c.
func (t *token) sigil(i int, c byte) bool {
	return i >= 0 && i < len(t.text) && t.text[i] == c && !t.lit[i]
}

// from returns the token's text from byte i on.
func (t *token) from(i int) token {
	return token{text: t.text[i:], lit: t.lit[i:], at: t.at[i:], span: t.span}
}

// pos is the query offset of text[i], or of the token's end.
func (t *token) pos(i int) int {
	if i < len(t.at) {
		return t.at[i]
	}
	return t.span.End
}

func isQuerySpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// lexQuery splits s at runs of white space that no backslash escapes.
func lexQuery(s string) []token {
	var toks []token
	for i := 0; i < len(s); {
		if isQuerySpace(s[i]) {
			i++
			continue
		}
		tok := token{span: Range{Start: i}}
		var b []byte
		for i < len(s) && !isQuerySpace(s[i]) {
			c, at, lit := s[i], i, false
			if c == '\\' && i+1 < len(s) && strings.IndexByte(escapable, s[i+1]) >= 0 {
				c, lit = s[i+1], true
				i++
			}
			b = append(b, c)
			tok.lit = append(tok.lit, lit)
			tok.at = append(tok.at, at)
			i++
		}
		tok.text, tok.span.End = string(b), i
		toks = append(toks, tok)
	}
	return toks
}

// isFieldName reports whether s names a field.
func isFieldName(s string) bool {
	_, ok := lookupField(s)
	return ok
}

func lookupField(s string) (TermField, bool) {
	for f, name := range fieldNames {
		if name != "" && strings.EqualFold(s, name) {
			return TermField(f), true
		}
	}
	return InAny, false
}

// parseTerm reads one token. ok is false for a token that is no term: a
// text field with nothing after its colon ("title:", typed on the way to
// "title:go").
func parseTerm(tok token) (t Term, ok bool, err error) {
	t = Term{Span: tok.span}
	val, neg := tok, false
	if colon := unescapedIndex(&tok, ':'); colon > 0 {
		name := tok.text[:colon]
		named := tok.sigil(0, '!')
		if named {
			name = name[1:]
		}
		if f, found := lookupField(name); found {
			t.Field, neg, val = f, named, tok.from(colon+1)
		}
	}
	switch t.Field {
	case InStars:
		return parseStars(t, val, neg)
	case InHas:
		return parseHas(t, val, neg)
	}
	if t.Field != InAny && val.text == "" {
		return t, false, nil
	}
	t.Negate = neg
	if neg {
		t.Kind = KindExact
	}
	text := val.text
	if hasWordRune(text) {
		lo, hi := 0, len(text)
		if val.sigil(lo, '!') {
			if neg {
				return t, false, &QueryError{Pos: val.pos(0), Msg: tok.String() + ": negated twice"}
			}
			t.Negate, t.Kind = true, KindExact
			lo++
		}
		if val.sigil(hi-1, '$') {
			t.Kind = KindSuffix
			hi--
		}
		switch {
		case hi-lo > 2 && val.sigil(lo, '\'') && val.sigil(hi-1, '\''):
			t.Kind = KindBoundary
			lo, hi = lo+1, hi-1
		case val.sigil(lo, '\''):
			// As in fzf, the quote flips exactness: exact for a positive
			// term, fuzzy for a negated one.
			t.Kind = KindExact
			if t.Negate {
				t.Kind = KindFuzzy
			}
			lo++
		case val.sigil(lo, '^'):
			if t.Kind == KindSuffix {
				t.Kind = KindEqual
			} else {
				t.Kind = KindPrefix
			}
			lo++
		}
		text = text[lo:hi]
	}
	t.Text = text
	for _, r := range text {
		if unicode.IsUpper(r) {
			t.CaseSensitive = true
			break
		}
	}
	t.key = foldKey(text, t.CaseSensitive)
	return t, true, nil
}

// String returns the token as typed.
func (t *token) String() string {
	var b strings.Builder
	for i := range len(t.text) {
		if t.lit[i] {
			b.WriteByte('\\')
		}
		b.WriteByte(t.text[i])
	}
	return b.String()
}

func unescapedIndex(t *token, c byte) int {
	for i := range len(t.text) {
		if t.sigil(i, c) {
			return i
		}
	}
	return -1
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if isLetterOrDigit(r) {
			return true
		}
	}
	return false
}

func isLetterOrDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

const starsForms = "write stars:7, stars:>=7, stars:<4 or stars:5..7"

// parseStars reads the value of a stars: term.
func parseStars(t Term, val token, neg bool) (Term, bool, error) {
	whole := val.String()
	if val.sigil(0, '!') {
		if neg {
			return t, false, &QueryError{Pos: val.pos(0), Msg: "!stars:" + whole + ": negated twice"}
		}
		neg, val = true, val.from(1)
	}
	t.Negate = neg
	term := "stars:" + whole
	bad := func(i int, msg string) (Term, bool, error) {
		return t, false, &QueryError{Pos: val.pos(i), Msg: term + ": " + msg}
	}
	v := val.text
	if v == "" {
		return bad(0, "a rating is missing; "+starsForms)
	}
	// number reads digits at v[i:], or returns -1.
	number := func(s string) int {
		if s == "" || !isDigits(s) {
			return -1
		}
		if len(s) > 4 {
			return 10000 // out of range, and no overflow
		}
		n, _ := strconv.Atoi(s)
		return n
	}
	outside := func(i int) (Term, bool, error) {
		return bad(i, "ratings go from 0 to "+strconv.Itoa(MaxStars))
	}
	lo, hi := 0, MaxStars
	if dots := strings.Index(v, ".."); dots >= 0 {
		a, b := v[:dots], v[dots+2:]
		if a == "" && b == "" {
			return bad(0, "a range needs a bound; "+starsForms)
		}
		if a != "" {
			if lo = number(a); lo < 0 {
				return bad(0, "not a rating; "+starsForms)
			}
		}
		if b != "" {
			if hi = number(b); hi < 0 {
				return bad(dots+2, "not a rating; "+starsForms)
			}
		}
		if lo > MaxStars {
			return outside(0)
		}
		if hi > MaxStars {
			return outside(dots + 2)
		}
		if lo > hi {
			return bad(0, a+" is more than "+b)
		}
		t.MinStars, t.MaxStars = lo, hi
		return t, true, nil
	}
	op := ""
	for _, o := range []string{">=", "<=", ">", "<", "="} {
		if strings.HasPrefix(v, o) {
			op = o
			break
		}
	}
	n := number(v[len(op):])
	if n < 0 {
		return bad(len(op), "not a rating; "+starsForms)
	}
	switch op {
	case "", "=":
		lo, hi = n, n
	case ">=":
		lo = n
	case ">":
		lo = n + 1
	case "<=":
		hi = n
	case "<":
		hi = n - 1
	}
	if lo > MaxStars || hi < 0 || n > MaxStars && op != "<" && op != "<=" {
		return outside(len(op))
	}
	t.MinStars, t.MaxStars = max(lo, 0), min(hi, MaxStars)
	return t, true, nil
}

// parseHas reads the value of a has: term.
func parseHas(t Term, val token, neg bool) (Term, bool, error) {
	whole := val.String()
	if val.sigil(0, '!') {
		if neg {
			return t, false, &QueryError{Pos: val.pos(0), Msg: "!has:" + whole + ": negated twice"}
		}
		neg, val = true, val.from(1)
	}
	t.Negate = neg
	for c, name := range contentNames {
		if name != "" && strings.EqualFold(val.text, name) {
			t.Has = Content(c)
			return t, true, nil
		}
	}
	msg := "has:" + whole + ": unknown; write has:code, has:link or has:image"
	if val.text == "" {
		msg = "has: what? write has:code, has:link or has:image"
	}
	return t, false, &QueryError{Pos: val.pos(0), Msg: msg}
}

package notes

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// OutlineEntry is a "###" or "####" heading of a talk's notes, as the
// outline of the talk lists it. Its JSON form is an item of the "sections"
// of a talk.
type OutlineEntry struct {
	// Level is 3 for "###", 4 for "####".
	Level int `json:"level"`
	// Title is the heading as plain text: markup removed
	// ("### The **SOLID** principles" is "The SOLID principles"), emoji
	// shortcodes as emoji, white space collapsed, and no control or
	// format characters.
	Title string `json:"title"`
	// Anchor is a GitHub-style slug of Title ("the-solid-principles"),
	// unique within the talk: a repeat gets "-1", "-2", ... as GitHub
	// gives it. A title with nothing to slug is "section".
	Anchor string `json:"anchor"`
	// Line is the 1-based line of the heading in the talk's Body.
	Line int `json:"line"`
}

// Outline returns the "###" and "####" headings of the talk's notes (its
// Body) in reading order, or nil when there are none.
//
// The notes are read as the renderers read them (CommonMark with GFM): a
// "###" line inside fenced or indented code is not a heading, and one inside
// a list item or a block quote is. Setext headings (a line underlined with
// "===" or "---") are levels 1 and 2 and so never in the outline. Anchors are
// made unique over every heading of the notes, of any level, so they are
// the ones GitHub gives the notes rendered on their own.
//
// Its cost is linear in the size of the notes, but for the few hostile
// shapes that goldmark itself parses in quadratic time (see maxAidsLine):
// thousands of lines of one paragraph of link reference definitions cost
// what they cost PlainText. The Headings field, which the parser fills from
// the lines of the file, holds levels 3 to 6, the source text of each
// heading and its line in the file.
func (t *Talk) Outline() []OutlineEntry {
	if !strings.Contains(t.Body, "#") {
		return nil // no ATX heading, and setext headings are never level 3
	}
	doc, src := parseBody(t.Body)
	lines := newLineCursor(src)
	var slugs slugger
	var out []OutlineEntry
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		h, ok := n.(*ast.Heading)
		switch {
		case !ok && n.Type() == ast.TypeInline:
			return ast.WalkSkipChildren, nil
		case !ok:
			return ast.WalkContinue, nil
		}
		title := flatText(src, h)
		anchor := slugs.anchor(title)
		if h.Level == 3 || h.Level == 4 {
			out = append(out, OutlineEntry{
				Level:  h.Level,
				Title:  title,
				Anchor: anchor,
				Line:   lines.at(nodeOffset(h)),
			})
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// slugger makes anchors unique as github-slugger does: the first "summary"
// stays "summary", the next is "summary-1", and a later heading whose own
// slug is taken gets the next free suffix of that slug.
type slugger struct {
	seen map[string]int // anchor -> suffixes given to it as a base
}

// anchor returns the unique anchor for a heading titled title.
func (s *slugger) anchor(title string) string {
	if s.seen == nil {
		s.seen = make(map[string]int)
	}
	base := githubSlug(title)
	if base == "" {
		base = "section"
	}
	a := base
	for {
		if _, taken := s.seen[a]; !taken {
			break
		}
		s.seen[base]++
		a = base + "-" + strconv.Itoa(s.seen[base])
	}
	s.seen[a] = 0
	return a
}

// githubSlug is the slug GitHub gives a heading: lowercase, spaces as '-',
// and nothing but letters, digits, marks, '-' and '_' kept
// ("Initatives to improve Africa's situation" is
// "initatives-to-improve-africas-situation", "a & b" is "a--b").
func githubSlug(title string) string {
	var b strings.Builder
	b.Grow(len(title))
	for _, r := range strings.ToLower(title) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

package notes

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// This file holds what Outline and AllLinks share: the notes parsed as the
// renderers see them, byte offsets turned into lines, and the plain text of
// inline markdown.

// maxAidsLine is the longest line parseBody reads, in bytes; the rest of a
// longer line is not read. goldmark takes time quadratic in the length of
// a line for some shapes of line ("[a](" repeated: 3.5 s for 128 KB, the
// longest line SafeMarkdown keeps); cut at 4 KB, such a line costs a few
// milliseconds. The lines of real notes are under 400 bytes. Shapes that
// are quadratic over the lines of one paragraph (thousands of "[a]: url"
// lines, or of "[a](" lines) remain: 16,000 such lines take 70 to 90 ms,
// as long as PlainText takes, and four times as many sixteen times that.
const maxAidsLine = 4 << 10

// parseBody parses the markdown of a talk's notes with the goldmark set-up
// of PlainText (GFM, so bare URLs are links, and emoji), after SafeMarkdown
// and with lines cut at maxAidsLine, which bound the cost of parsing and
// keep every line where it was.
func parseBody(body string) (ast.Node, []byte) {
	src := cutLongLines([]byte(SafeMarkdown(body)), maxAidsLine)
	return plainMarkdown().Parser().Parse(text.NewReader(src)), src
}

// cutLongLines cuts every line of b longer than most bytes at the last rune
// start that keeps it within most, in place.
func cutLongLines(b []byte, most int) []byte {
	w := 0
	for r := 0; r < len(b); {
		end := bytes.IndexByte(b[r:], '\n')
		if end < 0 {
			end = len(b)
		} else {
			end += r
		}
		keep := end
		if end-r > most {
			keep = r + most
			for keep > r && !utf8.RuneStart(b[keep]) {
				keep--
			}
		}
		w += copy(b[w:], b[r:keep])
		if end < len(b) {
			b[w] = '\n'
			w++
		}
		r = end + 1
	}
	return b[:w]
}

// lineCursor turns byte offsets of src into 1-based line numbers. It
// remembers the last offset asked for, so offsets asked for in order cost
// what lies between them: a walk of the whole document is linear.
type lineCursor struct {
	src  []byte
	off  int // src[:off] holds line-1 newlines
	line int
}

func newLineCursor(src []byte) lineCursor { return lineCursor{src: src, line: 1} }

// at returns the line of offset off; a negative off (goldmark does not know
// where a node is) gives the line of the offset asked for last.
func (c *lineCursor) at(off int) int {
	switch {
	case off < 0:
	case off > len(c.src):
		return c.at(len(c.src))
	case off >= c.off:
		c.line += bytes.Count(c.src[c.off:off], []byte{'\n'})
		c.off = off
	default:
		c.line -= bytes.Count(c.src[off:c.off], []byte{'\n'})
		c.off = off
	}
	return c.line
}

// nodeOffset is where n starts in the source, or -1 when goldmark does not
// say.
func nodeOffset(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	return -1
}

// inlineText writes the plain text of the inline children of n: text
// without markup, code spans as their code, links as their text, images as
// their alt text, autolinks as their label, emoji as emoji, raw HTML left
// out. Each piece is passed to emit with its byte offset (-1 when not
// known); a line break inside n is a " " at the offset of the line that
// ends.
func inlineText(src []byte, n ast.Node, emit func(off int, s []byte)) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if _, code := n.(*ast.CodeSpan); !code && !c.IsRaw() {
				v = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
			}
			emit(c.Segment.Start, v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				emit(c.Segment.Start, []byte{' '})
			}
		case *ast.String:
			emit(-1, c.Value)
		case *ast.AutoLink:
			emit(nodeOffset(c), c.Label(src))
		case *ast.RawHTML:
		case *emojiast.Emoji:
			if c.Value != nil && len(c.Value.Unicode) > 0 {
				emit(nodeOffset(c), []byte(string(c.Value.Unicode)))
			} else {
				emit(nodeOffset(c), []byte(":"+string(c.ShortName)+":"))
			}
		default: // emphasis, code spans, links, images, strikethrough
			inlineText(src, c, emit)
		}
	}
}

// flatText is the plain text of the inline children of n on one line,
// cleaned with cleanField.
func flatText(src []byte, n ast.Node) string {
	var b []byte
	inlineText(src, n, func(_ int, s []byte) { b = append(b, s...) })
	return cleanField(b)
}

// cleanField makes one line of plain text of s: control and format
// characters (C0, C1, DEL, bidi controls, zero-width characters) removed,
// every run of white space one space, trimmed, invalid UTF-8 as U+FFFD. So
// whatever the markdown holds, a Title or Text cannot drive a terminal nor
// break a tab-separated line.
func cleanField(s []byte) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		s = s[size:]
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
		case unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r):
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r) // RuneError for invalid bytes
		}
	}
	return b.String()
}

package notes

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// NumberedBody returns the talk's notes (its Body, through SafeMarkdown)
// with the number AllLinks gives each link and image written after it, as
// "\[3\]" (escaped, so it can never become a link of its own). Rendered,
// "see [the paper](https://...)" reads "see the paper https://... [3]": a
// reader types 3 in a list of the links. A URL linked again later is
// marked with the same number. Links in tables are not marked. It returns
// the notes as SafeMarkdown makes them when no link of the notes has a
// number.
func (t *Talk) NumberedBody() string {
	safe := SafeMarkdown(t.Body)
	links := t.AllLinks()
	nums := make(map[string]int, len(links))
	for _, l := range links {
		nums[l.URL] = l.Number // a header's too: marked where the notes link it again
	}
	if len(links) == 0 {
		return safe
	}
	doc, src := parseBody(t.Body)
	type mark struct{ off, num int }
	var marks []mark
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var u string
		switch n := n.(type) {
		case *ast.Link:
			u = destination(n.Destination)
		case *ast.Image:
			u = destination(n.Destination)
		case *ast.AutoLink:
			u = string(n.URL(src))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
				u = "mailto:" + u
			}
		case *ast.CodeSpan, *ast.Text, *ast.String:
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		if num := nums[cleanURL(u)]; num > 0 {
			if off := linkEnd(src, n); off >= 0 {
				marks = append(marks, mark{off, num})
			}
		}
		if _, img := n.(*ast.Image); img {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(marks) == 0 {
		return safe
	}
	slices.SortStableFunc(marks, func(a, b mark) int { return a.off - b.off })
	toSafe := offsetMap(src, []byte(safe))
	var b strings.Builder
	b.Grow(len(safe) + 8*len(marks))
	last := 0
	for _, m := range marks {
		off := toSafe(m.off)
		if off < last || off > len(safe) {
			continue
		}
		b.WriteString(safe[last:off])
		b.WriteString(` \[` + strconv.Itoa(m.num) + `\]`)
		last = off
	}
	b.WriteString(safe[last:])
	return b.String()
}

// linkEnd is the offset in src just after the link, image or autolink n:
// where the next inline after it starts, or its block's text ends, less
// the white space before that. It is -1 when goldmark does not say, and
// for links in table cells, whose text is no line of the block.
func linkEnd(src []byte, n ast.Node) int {
	start := nodeOffset(n)
	for c := n; c != nil; c = c.Parent() {
		if c.Type() == ast.TypeBlock {
			lines := c.Lines()
			if lines == nil || lines.Len() == 0 {
				return -1
			}
			return trimSpaceBack(src, lines.At(lines.Len()-1).Stop, start)
		}
		if next := c.NextSibling(); next != nil {
			off := nodeOffset(next)
			if off < 0 {
				return -1
			}
			return trimSpaceBack(src, off, start)
		}
	}
	return -1
}

// trimSpaceBack moves off back over spaces, tabs and line ends, not before
// floor; it is -1 when off is not after floor.
func trimSpaceBack(src []byte, off, floor int) int {
	off = min(off, len(src))
	for off > 0 && off > floor && bytes.IndexByte([]byte(" \t\r\n"), src[off-1]) >= 0 {
		off--
	}
	if off <= floor {
		return -1
	}
	return off
}

// offsetMap maps offsets of cut (parseBody's source: safe with its long
// lines cut) to offsets of safe: the same line, the same column.
func offsetMap(cut, safe []byte) func(int) int {
	if len(cut) == len(safe) {
		return func(off int) int { return off }
	}
	starts := func(b []byte) []int {
		s := []int{0}
		for i, c := range b {
			if c == '\n' {
				s = append(s, i+1)
			}
		}
		return s
	}
	cs, ss := starts(cut), starts(safe)
	return func(off int) int {
		l, found := slices.BinarySearch(cs, off)
		if !found {
			l--
		}
		if l < 0 || l >= len(ss) {
			return -1
		}
		return ss[l] + off - cs[l]
	}
}

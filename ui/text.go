package ui

// Drawing of the text every view shares: a rating as stars, and a string
// with the runes a query matched highlighted.

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui/internal/cells"
)

// starPaints are the paints of a rating: filled stars, empty stars and the
// number.
type starPaints struct{ filled, empty, number paint }

// starsView draws rating n as stars ("★★★★★★☆☆☆☆", then " 6/10" with
// number) or, compact, as "★6", and returns its width.
func starsView(n int, compact, number bool, p starPaints) (string, int) {
	n = max(0, min(n, notes.MaxStars))
	num := strconv.Itoa(n)
	if compact {
		return p.filled.render("★") + p.number.render(num), 1 + len(num)
	}
	filled, empty := notes.StarRuns(n)
	s := p.filled.render(filled) + p.empty.render(empty)
	if !number {
		return s, notes.MaxStars
	}
	num = " " + num + "/" + strconv.Itoa(notes.MaxStars)
	return s + p.number.render(num), notes.MaxStars + len(num)
}

// highlight draws s in at most w cells, the runes at positions pos (rune
// indexes, in any order; those past the end are ignored) in the match
// paint and the others in base. A cut string ends with "…", never drawn as
// a match.
func highlight(s string, pos []int, w int, base, match paint) string {
	out, _ := highlightW(s, pos, w, base, match)
	return out
}

// highlightW is highlight, also returning the width drawn.
func highlightW(s string, pos []int, w int, base, match paint) (string, int) {
	if w <= 0 {
		return "", 0
	}
	t := truncate(s, w)
	tw := cells.Width(t)
	if len(pos) == 0 {
		return base.render(t), tw
	}
	n := utf8.RuneCountInString(t)
	if t != s {
		n-- // the "…" is not a match
	}
	matched := make([]bool, n)
	for _, p := range pos {
		if p >= 0 && p < n {
			matched[p] = true
		}
	}
	var b strings.Builder
	b.Grow(len(t) + 16*len(pos))
	start, ri, on := 0, 0, false
	for bi := range t {
		m := ri < n && matched[ri]
		if m != on && bi > start {
			if on {
				b.WriteString(match.render(t[start:bi]))
			} else {
				b.WriteString(base.render(t[start:bi]))
			}
			start = bi
		}
		on = m
		ri++
	}
	if on {
		b.WriteString(match.render(t[start:]))
	} else {
		b.WriteString(base.render(t[start:]))
	}
	return b.String(), tw
}

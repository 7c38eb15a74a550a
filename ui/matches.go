package ui

// Matches of the query in the rendered notes: found once per rendering
// and query, drawn on the lines in view.

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui/internal/cells"
)

// match is a query match in the rendered notes: line and cell columns.
type match struct{ line, start, end int }

// maxMatches bounds the highlighted matches of one page (a one-letter query
// matches everywhere).
const maxMatches = 5000

// findMatches finds the terms in the rendered lines.
func (d *detailModel) findMatches() {
	d.matches = d.matches[:0]
	if len(d.terms) > 0 {
		if d.text == nil {
			d.text = new(pageText)
		}
		folded, lower := d.text.of(d.content)
		for i := range folded {
			d.matches = appendLineMatches(d.matches, i, d.content[i], folded[i], lower[i], d.terms)
			if len(d.matches) >= maxMatches {
				break
			}
		}
	}
	if d.cur >= len(d.matches) {
		d.cur = 0
	}
}

// pageText is the text of a page's lines as the notes pane's search reads
// them: without escapes, accents folded, and that lower-cased. It is made
// when a query first needs it, once for every browser that shows the page
// (serve's sessions share pages).
type pageText struct {
	once          sync.Once
	folded, lower []string
}

// of returns the text of lines, which must be the page's lines on every
// call.
func (t *pageText) of(lines []string) (folded, lower []string) {
	t.once.Do(func() {
		t.folded = make([]string, len(lines))
		t.lower = make([]string, len(lines))
		for i, l := range lines {
			t.folded[i] = notes.Fold(ansi.Strip(l))
			t.lower[i] = strings.ToLower(t.folded[i])
		}
	})
	return t.folded, t.lower
}

// appendLineMatches appends the matches of terms in one line, merged where
// they overlap. folded is the stripped line with accents folded, lower the
// same lower-cased: a term with an upper-case letter matches case
// sensitively (smart case), as the search does. Folding and lower-casing
// map rune to rune, so rune positions are the same in all three.
func appendLineMatches(ms []match, line int, styled, folded, lower string, terms []string) []match {
	type span struct{ start, end int } // runes
	var spans []span
	for _, t := range terms {
		text := folded
		if strings.ToLower(t) == t {
			text = lower
		}
		for from := 0; from < len(text); {
			j := strings.Index(text[from:], t)
			if j < 0 {
				break
			}
			b := from + j
			s := utf8.RuneCountInString(text[:b])
			spans = append(spans, span{s, s + utf8.RuneCountInString(t)})
			from = b + len(t)
		}
	}
	if len(spans) == 0 {
		return ms
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	merged := spans[:1]
	for _, s := range spans[1:] {
		last := &merged[len(merged)-1]
		if s.start <= last.end {
			last.end = max(last.end, s.end)
			continue
		}
		merged = append(merged, s)
	}
	plain := []rune(ansi.Strip(styled))
	col := func(r int) int { return cells.Width(string(plain[:min(r, len(plain))])) }
	for _, s := range merged {
		start, end := col(s.start), col(s.end)
		if end > start {
			ms = append(ms, match{line, start, end})
		}
	}
	return ms
}

// highlightView styles the matches on lines, the lines in view, lines[0]
// being line off of the notes.
func (d detailModel) highlightView(lines []string, off int) {
	hl, cur := paintOf(d.styles.Highlight), paintOf(d.styles.Current)
	i := sort.Search(len(d.matches), func(i int) bool { return d.matches[i].line >= off })
	var ranges []paintRange
	for i < len(d.matches) && d.matches[i].line < off+len(lines) {
		line := d.matches[i].line
		ranges = ranges[:0]
		for ; i < len(d.matches) && d.matches[i].line == line; i++ {
			p := hl
			if i == d.cur {
				p = cur
			}
			if m := d.matches[i]; m.start < d.width {
				ranges = append(ranges, paintRange{m.start, min(m.end, d.width), p})
			}
		}
		lines[line-off] = paintRanges(lines[line-off], ranges)
	}
}

// paintRange is cells start to end of a line, to be drawn in p.
type paintRange struct {
	start, end int
	p          paint
}

// paintRanges draws the cells of styled line s that ranges cover (in
// order, not overlapping) in their paints instead of their own style,
// and the others as they are; hyperlinks are kept. It reads s once:
// lipgloss.StyleRanges, which it replaces, cut s from its start again for
// every range, and a one-letter query has dozens on a line.
func paintRanges(s string, ranges []paintRange) string {
	if len(ranges) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(ranges)*24)
	var style strings.Builder // the style set since the last reset, to restore after a range
	col, ri, in := 0, 0, false
	var state byte
	for len(s) > 0 {
		seq, width, n, newState := ansi.DecodeSequence(s, state, nil)
		state = newState
		switch {
		case width > 0:
			for !in && ri < len(ranges) && ranges[ri].end <= col {
				ri++ // empty, or behind
			}
			if !in && ri < len(ranges) && col >= ranges[ri].start {
				b.WriteString(ansi.ResetStyle + ranges[ri].p.open)
				in = true
			}
			b.WriteString(seq)
			col += width
			if in && col >= ranges[ri].end {
				b.WriteString(ranges[ri].p.close + ansi.ResetStyle + style.String())
				in = false
				ri++
			}
		case strings.HasSuffix(seq, "m") && sgrStart(seq) == 0: // a style
			if seq == ansi.ResetStyle || seq == "\x1b[0m" {
				style.Reset()
			} else {
				style.WriteString(seq)
			}
			if !in {
				b.WriteString(seq)
			}
		default:
			b.WriteString(seq) // text of no width, a hyperlink
		}
		s = s[n:]
	}
	if in {
		b.WriteString(ranges[ri].p.close + ansi.ResetStyle + style.String())
	}
	return b.String()
}

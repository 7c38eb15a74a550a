package ui

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/notes"
)

// MSG

// renderKey names one rendering: a talk's notes (or the about page, talk
// nil) at a width in a glamour style.
type renderKey struct {
	talk  *notes.Talk
	about bool
	width int
	style string
}

// renderedMsg carries a finished rendering back to Update.
type renderedMsg struct {
	key renderKey
	out string
	err error
}

// MODEL

// headerHeight is the number of lines above the notes: title, speaker and
// rating, and a rule with the position.
const headerHeight = 3

// detailModel is the notes pane: a header drawn from the talk and the
// glamour rendering of its notes, scrolled like less, with the query's
// matches highlighted.
type detailModel struct {
	keys   *DetailKeyMap
	styles *Styles

	talk     *notes.Talk // the talk shown; nil when none
	about    bool        // the about page instead of a talk
	docTitle string

	width, height int
	focused       bool

	// want is the rendering the pane needs; have the one in content. When
	// they differ for the same page (a resize, a new style) the old one
	// stays on screen until the new one arrives; for another page the pane
	// says it is rendering.
	want, have renderKey
	content    []string // rendered lines
	fitted     []string // the same cut or padded to the width
	folded     []string // the same lines without escapes, accents folded; nil until a query needs them
	lower      []string // folded and lower-cased
	lines      []string // content with the matches highlighted
	err        error

	terms   []string // query terms, accents folded; smart case as in notes.Search
	matches []match
	cur     int // current match

	offset int // first line of content shown

	hdr *headerCache
}

// headerCache keeps the pane's header between frames.
type headerCache struct {
	key   detailHeaderKey
	lines []string
}

type detailHeaderKey struct {
	talk           *notes.Talk
	about, focused bool
	width, gen     int
	cur, n         int
	rule           string
}

// match is a query match in the rendered notes: line and cell columns.
type match struct{ line, start, end int }

func newDetail(keys *DetailKeyMap, styles *Styles) detailModel {
	return detailModel{keys: keys, styles: styles, hdr: &headerCache{}}
}

func (d *detailModel) setSize(w, h int) {
	w, h = max(0, w), max(0, h)
	if w != d.width {
		d.width = w
		d.refit()
	}
	d.height = h
	d.clampOffset()
}

// refit cuts or pads the content to the pane's width, once, so that a
// frame only slices it, and highlights the matches again.
func (d *detailModel) refit() {
	d.fit()
	d.highlight()
}

// fit cuts or pads the content to the pane's width.
func (d *detailModel) fit() {
	d.fitted = make([]string, len(d.content))
	for i, l := range d.content {
		d.fitted[i] = fitLine(l, d.width)
	}
}

func (d detailModel) bodyHeight() int { return max(0, d.height-headerHeight) }

// showing reports whether content is a rendering of the current page.
func (d detailModel) showing() bool {
	return d.content != nil && d.have.talk == d.talk && d.have.about == d.about
}

// setPage switches the pane to a talk or the about page. The content of
// another page is never shown for it.
func (d *detailModel) setPage(t *notes.Talk, about bool) {
	if t == d.talk && about == d.about {
		return
	}
	d.talk, d.about = t, about
	d.want = renderKey{}
	d.offset = 0
	d.err = nil
	d.matches, d.cur = nil, 0
}

// setWant records the rendering the pane needs now.
func (d *detailModel) setWant(k renderKey) { d.want = k }

// setContent shows a rendering if it is the one wanted. A rendering of the same page at another width or style (a late
// message) is not shown once a newer one is wanted.
func (d *detailModel) setContent(k renderKey, out string, err error) {
	if k != d.want {
		return
	}
	samePage := d.showing()
	var ratio float64
	if samePage {
		if n := len(d.content) - d.bodyHeight(); n > 0 {
			ratio = float64(d.offset) / float64(n)
		}
	}
	d.have = k
	d.err = err
	if err != nil {
		out = ""
	}
	out = strings.TrimRight(out, "\n ")
	out = strings.TrimLeft(out, "\n")
	d.content = strings.Split(out, "\n")
	d.folded, d.lower = nil, nil // made when a query needs them
	if !samePage {
		d.cur = 0
	}
	d.fit()
	d.findMatches() // and highlights them
	switch {
	case samePage:
		n := len(d.content) - d.bodyHeight()
		d.offset = int(ratio*float64(max(0, n)) + 0.5)
		if len(d.matches) > 0 {
			d.ensureMatchVisible()
		}
	case len(d.matches) > 0:
		d.scrollToMatch()
	default:
		d.offset = 0
	}
	d.clampOffset()
}

// setTerms sets the query whose matches are highlighted and, if the query
// changed, scrolls to its first match.
func (d *detailModel) setTerms(text string) {
	terms := strings.Fields(notes.Fold(text))
	if strings.Join(terms, " ") == strings.Join(d.terms, " ") {
		return
	}
	d.terms = terms
	if !d.showing() {
		return
	}
	d.cur = 0
	d.findMatches()
	if len(d.matches) > 0 {
		d.scrollToMatch()
	}
}

// maxMatches bounds the highlighted matches of one page (a one-letter query
// matches everywhere).
const maxMatches = 5000

// findMatches finds the terms in the rendered lines and highlights them.
func (d *detailModel) findMatches() {
	d.matches = d.matches[:0]
	if len(d.terms) > 0 {
		if d.folded == nil {
			d.folded = make([]string, len(d.content))
			d.lower = make([]string, len(d.content))
			for i, l := range d.content {
				d.folded[i] = notes.Fold(ansi.Strip(l))
				d.lower[i] = strings.ToLower(d.folded[i])
			}
		}
		for i := range d.folded {
			d.matches = appendLineMatches(d.matches, i, d.content[i], d.folded[i], d.lower[i], d.terms)
			if len(d.matches) >= maxMatches {
				break
			}
		}
	}
	if d.cur >= len(d.matches) {
		d.cur = 0
	}
	d.highlight()
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
	col := func(r int) int { return ansi.StringWidth(string(plain[:min(r, len(plain))])) }
	for _, s := range merged {
		start, end := col(s.start), col(s.end)
		if end > start {
			ms = append(ms, match{line, start, end})
		}
	}
	return ms
}

// highlight redraws the lines with the matches styled.
func (d *detailModel) highlight() {
	if len(d.matches) == 0 {
		d.lines = d.fitted
		return
	}
	d.lines = make([]string, len(d.fitted))
	copy(d.lines, d.fitted)
	for i := 0; i < len(d.matches); {
		line := d.matches[i].line
		var ranges []lipgloss.Range
		for ; i < len(d.matches) && d.matches[i].line == line; i++ {
			st := d.styles.Highlight
			if i == d.cur {
				st = d.styles.Current
			}
			ranges = append(ranges, lipgloss.NewRange(d.matches[i].start, d.matches[i].end, st))
		}
		d.lines[line] = fitLine(lipgloss.StyleRanges(d.content[line], ranges...), d.width)
	}
}

func (d *detailModel) clampOffset() {
	d.offset = max(0, min(d.offset, len(d.lines)-d.bodyHeight()))
}

// scrollToMatch puts the current match a third down the pane.
func (d *detailModel) scrollToMatch() {
	if len(d.matches) == 0 {
		return
	}
	d.offset = d.matches[d.cur].line - d.bodyHeight()/3
	d.clampOffset()
}

func (d *detailModel) ensureMatchVisible() {
	if len(d.matches) == 0 {
		return
	}
	l := d.matches[d.cur].line
	if l < d.offset || l >= d.offset+d.bodyHeight() {
		d.scrollToMatch()
	}
}

// moveMatch goes to the next (+1) or previous (-1) match, wrapping.
func (d *detailModel) moveMatch(delta int) {
	n := len(d.matches)
	if n == 0 {
		return
	}
	d.cur = ((d.cur+delta)%n + n) % n
	d.highlight()
	d.ensureMatchVisible()
}

func (d *detailModel) scroll(n int) {
	d.offset += n
	d.clampOffset()
}

// UPDATE

// Update scrolls the pane and moves between matches.
func (d detailModel) Update(msg tea.Msg) (detailModel, tea.Cmd) {
	page := max(1, d.bodyHeight())
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, d.keys.Up):
			d.scroll(-1)
		case key.Matches(msg, d.keys.Down):
			d.scroll(1)
		case key.Matches(msg, d.keys.PageDown):
			d.scroll(page)
		case key.Matches(msg, d.keys.PageUp):
			d.scroll(-page)
		case key.Matches(msg, d.keys.HalfPageDown):
			d.scroll(max(1, page/2))
		case key.Matches(msg, d.keys.HalfPageUp):
			d.scroll(-max(1, page/2))
		case key.Matches(msg, d.keys.Top):
			d.offset = 0
		case key.Matches(msg, d.keys.Bottom):
			d.offset = len(d.lines)
			d.clampOffset()
		case key.Matches(msg, d.keys.NextMatch):
			d.moveMatch(1)
		case key.Matches(msg, d.keys.PrevMatch):
			d.moveMatch(-1)
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			d.scroll(-3)
		case tea.MouseWheelDown:
			d.scroll(3)
		}
	}
	return d, nil
}

// VIEW

// View draws the header and the visible notes: exactly height lines of
// exactly width cells.
func (d detailModel) View() string {
	if d.width <= 0 || d.height <= 0 {
		return ""
	}
	lines := make([]string, 0, d.height+2)
	lines = append(lines, d.cachedHeader()...)
	body := d.bodyHeight()
	switch {
	case d.talk == nil && !d.about:
		lines = append(lines, fitLine(d.styles.Loading.Render(truncate("  Nothing selected.", d.width)), d.width))
	case d.showing() && d.err != nil:
		for _, l := range strings.Split(ansi.Wordwrap(d.err.Error(), max(1, d.width-2), " "), "\n") {
			lines = append(lines, fitLine("  "+d.styles.Error.Render(truncate(l, d.width-2)), d.width))
		}
	case d.showing():
		lines = append(lines, d.lines[d.offset:min(len(d.lines), d.offset+body)]...)
	default:
		lines = append(lines, "", fitLine(d.styles.Loading.Render(truncate("  Rendering…", d.width)), d.width))
	}
	if len(lines) > d.height {
		lines = lines[:d.height]
	}
	blank := strings.Repeat(" ", d.width)
	for i, l := range lines {
		if l == "" {
			lines[i] = blank
		}
	}
	for len(lines) < d.height {
		lines = append(lines, blank)
	}
	return strings.Join(lines, "\n")
}

// cachedHeader returns the header drawn, from the cache when nothing it
// shows changed.
func (d detailModel) cachedHeader() []string {
	k := detailHeaderKey{talk: d.talk, about: d.about, focused: d.focused, width: d.width,
		gen: d.styles.gen, cur: d.cur, n: len(d.matches), rule: d.ruleLabel()}
	if k == d.hdr.key && d.hdr.lines != nil {
		return d.hdr.lines
	}
	lines := d.header()
	for i, l := range lines {
		lines[i] = fitLine(l, d.width)
	}
	d.hdr.key, d.hdr.lines = k, lines
	return lines
}

// header draws the title, the speaker line with the rating, and a rule
// carrying the match counter and the scroll position.
func (d detailModel) header() []string {
	st := d.styles
	w := d.width
	var title, info string
	switch {
	case d.about:
		title = st.DetailTitle.Render(truncate(" About", w))
		info = " " + st.DetailInfo.Render(truncate(d.docTitle, max(0, w-1)))
	case d.talk != nil:
		t := d.talk
		title = st.DetailTitle.Render(truncate(" "+t.Title, w))
		info = d.speakerLine(t)
	}
	return []string{title, info, d.rule()}
}

// speakerLine is " Speaker · Affiliation        ★★★★★★★★☆☆ 8/10", the
// speaker a hyperlink when the link is http(s) or mailto.
func (d detailModel) speakerLine(t *notes.Talk) string {
	st := d.styles
	w := d.width - 1
	sp := starPaints{filled: paintOf(st.Stars), empty: paintOf(st.NoStars), number: paintOf(st.DetailInfo)}
	rating, ratingW := starsView(t.Stars, false, true, sp)
	if ratingW+1 > w {
		rating, ratingW = starsView(t.Stars, true, false, sp)
	}
	if ratingW+1 > w {
		rating, ratingW = "", 0
	}
	left := max(0, w-ratingW-1)
	name := t.Speaker
	if name == "" {
		name = "unknown speaker"
	}
	name = truncate(name, left)
	speakerStyle := st.DetailSpeaker
	if u := t.SpeakerURL; linkable(u) {
		speakerStyle = speakerStyle.Hyperlink(u)
	} else {
		speakerStyle = speakerStyle.UnsetUnderline()
	}
	s := speakerStyle.Render(name)
	used := ansi.StringWidth(name)
	if t.Affiliation != "" && left-used > 4 {
		a := truncate(" · "+t.Affiliation, left-used)
		s += st.DetailInfo.Render(a)
		used += ansi.StringWidth(a)
	}
	return " " + s + strings.Repeat(" ", max(0, w-used-ratingW)) + rating
}

// rule is a line across the pane ending in "3/11 · 42%".
func (d detailModel) rule() string {
	st := d.styles
	label := d.ruleLabel()
	ch := st.RuleChar
	if d.focused {
		ch = st.FocusedRuleChar
	}
	lw := ansi.StringWidth(label)
	if lw+2 > d.width {
		return st.Rule.Render(strings.Repeat(ch, d.width))
	}
	left := d.width - lw - 2
	return st.Rule.Render(strings.Repeat(ch, left)) + st.DetailInfo.Render(label) + st.Rule.Render(ch+ch)
}

// ruleLabel is " 3/11 · 42% ".
func (d detailModel) ruleLabel() string {
	var parts []string
	if len(d.matches) > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d", d.cur+1, len(d.matches)))
	}
	if d.showing() && d.err == nil {
		parts = append(parts, d.position())
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + strings.Join(parts, " · ") + " "
}

// position is the scroll position: "top", "42%", "end" or "all".
func (d detailModel) position() string {
	n := len(d.lines) - d.bodyHeight()
	switch {
	case n <= 0:
		return "all"
	case d.offset <= 0:
		return "top"
	case d.offset >= n:
		return "end"
	}
	return strconv.Itoa(d.offset*100/n) + "%"
}

package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui/internal/cells"
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

// renderedMsg carries a finished rendering back to Update. The render
// command makes its page too (page), so Update does not split and fit a
// long rendering's lines; a message without one gets it made in Update.
type renderedMsg struct {
	key  renderKey
	out  string
	err  error
	page *page
}

// maxPageLines bounds the lines of the notes pane: a rendering past it
// shows its first maxPageLines lines and a line saying how to read the
// rest. Each line the pane holds costs Update time when it arrives and on
// every query (the viewport measures every line, the matches are searched
// in all): for a talk of 8 MB, 320,000 lines, that was a second a key.
// The GolangUK notes' longest talk renders to under 200 lines.
const maxPageLines = 10000

// page is a rendering made ready for the pane at its width: its lines,
// and the same cut or padded to the width. The browser keeps pages, so
// that showing one again costs no more than a look-up.
type page struct {
	key    renderKey
	lines  []string
	fitted []string
	err    error
	aids   pageAids // where its headings and link numbers stand
	text   *pageText
}

// newPage makes the page of a rendering: its lines, cut at maxPageLines,
// fitted to the width, and where its headings and link numbers stand.
func newPage(msg renderedMsg) page {
	p := page{key: msg.key, lines: pageLines(msg), err: msg.err, text: new(pageText)}
	p.fitted = fitLines(p.lines, msg.key.width)
	if msg.err == nil {
		p.aids = newPageAids(msg.key.talk, p.lines)
	}
	return p
}

// pageLines are the lines of a rendering, without the blank lines glamour
// puts around it, cut at maxPageLines with a line that says so.
func pageLines(msg renderedMsg) []string {
	out := msg.out
	if msg.err != nil {
		out = ""
	}
	out = strings.TrimRight(out, "\n ")
	out = strings.TrimLeft(out, "\n")
	lines := strings.SplitN(out, "\n", maxPageLines+1)
	if len(lines) > maxPageLines {
		rest := 1 + strings.Count(lines[maxPageLines], "\n")
		lines = append(lines[:maxPageLines:maxPageLines], "")
		for l := range strings.SplitSeq(strings.TrimRight(notes.PlainTextWidth(cutNote(msg.key, rest), max(msg.key.width-2, 1)), "\n"), "\n") {
			lines = append(lines, "  "+l)
		}
	}
	return lines
}

// cutNote is the last line of a page cut at maxPageLines, rest lines
// short.
func cutNote(k renderKey, rest int) string {
	where := "the about page"
	if k.talk != nil {
		where = "golanguk show " + strconv.Itoa(k.talk.Number) + " --format plain"
	}
	return "(" + strconv.Itoa(rest) + " more lines are not shown here: " + where + " prints them all.)"
}

// fitLines cuts or pads lines to w cells.
func fitLines(lines []string, w int) []string {
	fitted := make([]string, len(lines))
	for i, l := range lines {
		fitted[i] = fitLine(l, w)
	}
	return fitted
}

// MODEL

// headerHeight is the number of lines above the notes: title, speaker and
// rating, and a rule with the position.
const headerHeight = 3

// detailModel is the notes pane: a header drawn from the talk (title,
// speaker, rating, match count and position) over a bubbles viewport of
// the glamour rendering of its notes, scrolled like less, with the query's
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
	content    []string  // rendered lines
	text       *pageText // their text as searched: the page's, shared
	err        error
	aids       pageAids // of content

	terms   []string // query terms, accents folded; smart case as in notes.Search
	matches []match
	cur     int // current match
	// landLast puts the next page shown on its last match rather than
	// its first: N went back into the previous talk.
	landLast bool
	// findAt, findOf: the talk is the findAt-th of findOf listed talks
	// holding the search of the notes; 0 when there is none.
	findAt, findOf int

	// vp scrolls the lines, cut or padded to the width; redraw
	// highlights the matches in view (highlightView). Its own
	// SetHighlights is not used: in bubbles v2.2.1 it misplaces ranges in
	// content carrying escape sequences (charmbracelet/bubbles#1049), and
	// the header needs the index of the current match, which it keeps to
	// itself.
	vp viewport.Model
	// lines are the viewport's content, each cut or padded to the width:
	// the pane draws those in its window itself (visible).
	lines []string

	// body is the pane as drawn for the state above. The methods that
	// change the state mark it dirty, and redraw, which the root model
	// calls once at the end of its Update, draws it again; View only
	// shows it.
	body  string
	dirty bool

	// restore is where to scroll the next rendering of this page to: the
	// notes were reloaded, and the reader's place is kept (live.go).
	restore *scrollAnchor
}

func newDetail(keys *DetailKeyMap, styles *Styles, docTitle string) detailModel {
	vp := viewport.New()
	vp.SetHorizontalStep(0) // lines are cut to the width: nothing to scroll to
	vp.MouseWheelDelta = 3
	vp.KeyMap = keys.viewportKeyMap()
	return detailModel{keys: keys, styles: styles, docTitle: docTitle, vp: vp, dirty: true}
}

func (d *detailModel) setSize(w, h int) {
	w, h = max(0, w), max(0, h)
	if w == d.width && h == d.height {
		return
	}
	if w != d.width {
		d.width = w
		// Shown cut or padded to the new width until the rendering
		// made for it arrives.
		d.setLines(fitLines(d.content, w))
	}
	d.height = h
	d.vp.SetWidth(w)
	d.vp.SetHeight(d.bodyHeight())
	d.vp.SetYOffset(d.vp.YOffset()) // within the new height
	d.dirty = true
}

func (d *detailModel) setFocused(on bool) {
	if on != d.focused {
		d.focused = on
		d.dirty = true
	}
}

// setStyles draws the pane again in new styles.
func (d *detailModel) setStyles(st *Styles) {
	d.styles = st
	d.dirty = true
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
	d.restore = nil
	d.want = renderKey{}
	d.vp.GotoTop()
	d.err = nil
	d.matches, d.cur = nil, 0
	d.dirty = true
}

// setWant records the rendering the pane needs now.
func (d *detailModel) setWant(k renderKey) { d.want = k }

// setContent shows a rendering if it is the one wanted. A rendering of the same page at another width or style (a late
// message) is not shown once a newer one is wanted.
func (d *detailModel) setContent(p page) {
	if p.key != d.want {
		return
	}
	if d.showing() && p.key == d.have && len(p.lines) == len(d.content) {
		// Shown already (renderCmds after each key): setting the same
		// lines again measured every line's width, a second a key for
		// a talk of 8 MB, inside Update.
		return
	}
	samePage := d.showing()
	var ratio float64
	if samePage {
		if n := len(d.content) - d.bodyHeight(); n > 0 {
			ratio = float64(d.vp.YOffset()) / float64(n)
		}
	}
	d.have = p.key
	d.err = p.err
	d.content = p.lines
	d.aids = p.aids
	d.text = p.text
	if !samePage {
		d.cur = 0
	}
	last := d.landLast && !samePage
	if !samePage {
		d.landLast = false
	}
	if p.key.width == d.width {
		d.setLines(p.fitted)
	} else {
		d.setLines(fitLines(p.lines, d.width))
	}
	d.findMatches()
	switch {
	case d.restore != nil:
		d.restoreScroll()
	case samePage:
		n := len(d.content) - d.bodyHeight()
		d.vp.SetYOffset(int(ratio*float64(max(0, n)) + 0.5))
		if len(d.matches) > 0 {
			d.ensureMatchVisible()
		}
	case len(d.matches) > 0:
		if last {
			d.cur = len(d.matches) - 1
		}
		d.scrollToMatch()
	default:
		d.vp.GotoTop()
	}
	d.dirty = true
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
	d.dirty = true
}

// setTermsFrom sets the terms highlighted and goes to the first match at
// or below line off, as less searches forward from the screen.
func (d *detailModel) setTermsFrom(text string, off int) {
	d.terms = strings.Fields(notes.Fold(text))
	d.dirty = true
	if !d.showing() {
		return
	}
	d.cur = 0
	d.findMatches()
	if i := slices.IndexFunc(d.matches, func(m match) bool { return m.line >= off }); i > 0 {
		d.cur = i
	}
	d.ensureMatchVisible()
}

// setTermsKeep sets the terms highlighted, leaving the notes where they
// are.
func (d *detailModel) setTermsKeep(text string) {
	d.terms = strings.Fields(notes.Fold(text))
	d.cur = 0
	d.dirty = true
	if d.showing() {
		d.findMatches()
	}
}

// setFindPosition records where the talk stands among those holding the
// search of the notes.
func (d *detailModel) setFindPosition(at, of int) {
	if at != d.findAt || of != d.findOf {
		d.findAt, d.findOf = at, of
		d.dirty = true
	}
}

// stepMatch goes to the next (+1) or previous (-1) match without
// wrapping; it reports false, and stays, past the last or first.
func (d *detailModel) stepMatch(delta int) bool {
	i := d.cur + delta
	if i < 0 || i >= len(d.matches) {
		return false
	}
	d.cur = i
	d.ensureMatchVisible()
	d.dirty = true
	return true
}

// scrollToMatch puts the current match a third down the pane.
func (d *detailModel) scrollToMatch() {
	if len(d.matches) == 0 {
		return
	}
	d.vp.SetYOffset(d.matches[d.cur].line - d.bodyHeight()/3)
}

func (d *detailModel) ensureMatchVisible() {
	if len(d.matches) == 0 {
		return
	}
	l := d.matches[d.cur].line
	if off := d.vp.YOffset(); l < off || l >= off+d.bodyHeight() {
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
	d.ensureMatchVisible()
	d.dirty = true
}

// UPDATE

// Update scrolls the pane, with the viewport's keys and wheel, and moves
// between matches.
func (d detailModel) Update(msg tea.Msg) (detailModel, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, d.keys.Top):
			d.vp.GotoTop()
		case key.Matches(msg, d.keys.Bottom):
			d.vp.GotoBottom()
		default:
			d.vp.KeyMap = d.keys.viewportKeyMap() // enabled as the keys are now
			d.vp, cmd = d.vp.Update(msg)
		}
	case tea.MouseWheelMsg:
		d.vp, cmd = d.vp.Update(msg)
	}
	d.dirty = true
	d.redraw()
	return d, cmd
}

// VIEW

// View is the pane as last drawn: exactly height lines of exactly width
// cells.
func (d detailModel) View() string {
	if d.width <= 0 || d.height <= 0 {
		return ""
	}
	return d.body
}

// setLines gives the viewport its content, lines cut or padded to the
// width.
func (d *detailModel) setLines(lines []string) {
	d.lines = lines
	d.vp.SetContentLines(lines)
}

// visible is the viewport's window on its lines, a new slice of
// bodyHeight lines. It is what the viewport's View shows, without the two
// passes of lipgloss View makes to cut and pad lines that are already
// cut and padded: with 100 sessions typing, those were a sixth of what a
// key cost golanguk serve.
func (d detailModel) visible() []string {
	view := make([]string, d.bodyHeight())
	off := min(max(0, d.vp.YOffset()), len(d.lines))
	n := copy(view, d.lines[off:])
	if n < len(view) {
		blank := strings.Repeat(" ", d.width)
		for i := n; i < len(view); i++ {
			view[i] = blank
		}
	}
	return view
}

// redraw draws the pane for its state, if it changed: the header, then
// the notes in the viewport, or what stands in for them.
func (d *detailModel) redraw() {
	if !d.dirty {
		return
	}
	d.body, d.dirty = "", false
	if d.width <= 0 || d.height <= 0 {
		return
	}
	lines := make([]string, 0, d.height+2)
	for _, l := range d.headerLines() {
		lines = append(lines, fitLine(l, d.width))
	}
	switch {
	case d.talk == nil && !d.about:
		lines = append(lines, fitLine(d.styles.Loading.Render(truncate("  Nothing selected.", d.width)), d.width))
	case d.showing() && d.err != nil:
		for _, l := range strings.Split(ansi.Wordwrap(d.err.Error(), max(1, d.width-2), " "), "\n") {
			lines = append(lines, fitLine("  "+d.styles.Error.Render(truncate(l, d.width-2)), d.width))
		}
	case d.showing() && d.bodyHeight() > 0:
		view := d.visible()
		d.highlightView(view, d.vp.YOffset())
		lines = append(lines, view...)
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
	d.body = strings.Join(lines, "\n")
}

// headerLines draws the title, the speaker line with the rating, and a
// rule carrying the match counter and the scroll position.
func (d detailModel) headerLines() []string {
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
	used := cells.Width(name)
	if t.Affiliation != "" && left-used > 4 {
		a := truncate(" · "+t.Affiliation, left-used)
		s += st.DetailInfo.Render(a)
		used += cells.Width(a)
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
	lw := cells.Width(label)
	if lw+2 > d.width {
		return st.Rule.Render(strings.Repeat(ch, d.width))
	}
	left := d.width - lw - 2
	// The section the top line is in: "━━ § Summary ━━━━━ 42% ━━".
	if sec := d.sectionLabel(left - 3); sec != "" {
		sw := cells.Width(sec)
		return st.Rule.Render(ch+ch) + sec + st.Rule.Render(strings.Repeat(ch, left-2-sw)) +
			st.DetailInfo.Render(label) + st.Rule.Render(ch+ch)
	}
	return st.Rule.Render(strings.Repeat(ch, left)) + st.DetailInfo.Render(label) + st.Rule.Render(ch+ch)
}

// ruleLabel is " 3/11 · 42% ".
func (d detailModel) ruleLabel() string {
	var parts []string
	if len(d.matches) > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d", d.cur+1, len(d.matches)))
	}
	if d.findAt > 0 {
		parts = append(parts, fmt.Sprintf("talk %d of %d", d.findAt, d.findOf))
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
	n := d.vp.TotalLineCount() - d.bodyHeight()
	off := d.vp.YOffset()
	switch {
	case n <= 0:
		return "all"
	case off <= 0:
		return "top"
	case off >= n:
		return "end"
	}
	return strconv.Itoa(off*100/n) + "%"
}

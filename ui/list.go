package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui/internal/cells"
)

// MODEL

// listModel is the talk list: the hits of the current query, one selected.
// Rows are two lines (title; speaker and rating), three for a talk that
// matched only in its notes (a snippet of the match).
type listModel struct {
	keys   *ListKeyMap
	styles *Styles

	hits   []notes.Hit
	sel    int // index into hits; 0 when empty
	offset int // first row drawn

	width, height int
	focused       bool
	searching     bool   // a search is under way: an empty list is not an answer yet
	problem       string // why the query cannot run (stars:>=11), shown instead of "No talks match."
	// marked are the talks marked in pick mode; marks counts the
	// changes to it, for redraw.
	marked   map[*notes.Talk]bool
	marks    int
	markable bool // pick mode: rows keep a cell for the mark
	// changed are the talks that changed in a reload since they were
	// last shown, by slug: "new" or "changed" (live.go); changes counts
	// the changes to it, for redraw.
	changed map[string]string
	changes int
	// isRead tells the talks read (a dim check after the title); readGen
	// counts the changes to the marks, for redraw.
	isRead  func(slug string) bool
	readGen int

	paints *rowPaints // the styles as paints, made once per style

	// drawn is the list as drawn for the state in drawnFor: every method
	// that changes the state draws it again if it changed (redraw). rows
	// are its rows, which redraw keeps when only the selection or the
	// scroll moved: styling a row costs more than a frame can spend on
	// every row of a tall list.
	drawn    string
	drawnFor listState
	rows     []drawnRow
}

// drawnRow is row i as drawn, selected or not.
type drawnRow struct {
	i        int
	selected bool
	lines    []string
}

// listState is what the drawn list shows.
type listState struct {
	hits                    *notes.Hit // the first hit: a new search makes a new slice
	n, sel, offset          int
	width, height           int
	focused, searching, ok  bool
	marks, changes, readGen int
	problem                 string
}

// rowPaints are the row styles as paints.
type rowPaints struct {
	title, speaker, snippet    [2]paint // [selected]
	titleM, speakerM, snippetM [2]paint // matched letters
	marker, read               paint
	stars                      starPaints
}

func newRowPaints(st *Styles) *rowPaints {
	p := &rowPaints{
		marker: paintOf(st.Marker),
		read:   paintOf(st.HeaderDim),
		stars:  starPaints{filled: paintOf(st.Stars), empty: paintOf(st.NoStars), number: paintOf(st.Stars)},
	}
	for i, base := range [2][3]lipgloss.Style{
		{st.ItemTitle, st.ItemSpeaker, st.ItemSnippet},
		{st.SelectedTitle, st.SelectedSpeaker, st.SelectedSnippet},
	} {
		p.title[i], p.speaker[i], p.snippet[i] = paintOf(base[0]), paintOf(base[1]), paintOf(base[2])
		p.titleM[i] = paintOf(st.Match.Inherit(base[0]))
		p.speakerM[i] = paintOf(st.Match.Inherit(base[1]))
		p.snippetM[i] = paintOf(st.Match.Inherit(base[2]))
	}
	return p
}

func newList(keys *ListKeyMap, styles *Styles) listModel {
	l := listModel{keys: keys}
	l.setStyles(styles)
	return l
}

// setStyles draws the list again in new styles.
func (l *listModel) setStyles(st *Styles) {
	l.styles = st
	l.paints = newRowPaints(st)
	l.drawnFor = listState{}
	l.redraw()
}

func (l *listModel) setFocused(on bool) {
	l.focused = on
	l.redraw()
}

func (l *listModel) setSearching(on bool) {
	l.searching = on
	l.redraw()
}

// Selected returns the selected talk, or nil when the list is empty.
func (l listModel) Selected() *notes.Talk {
	if l.sel < 0 || l.sel >= len(l.hits) {
		return nil
	}
	return l.hits[l.sel].Talk
}

// setHits replaces the hits. The selection stays on keep if it is still
// listed, else it goes to the first hit.
func (l *listModel) setHits(hits []notes.Hit, keep *notes.Talk) {
	l.hits = hits
	l.sel = 0
	if keep != nil {
		for i := range hits {
			if hits[i].Talk == keep {
				l.sel = i
				break
			}
		}
	}
	if l.sel == 0 {
		l.offset = 0
	}
	l.ensureVisible()
	l.redraw()
}

// toggleMark marks the selected talk, or unmarks it.
func (l *listModel) toggleMark() {
	t := l.Selected()
	if t == nil {
		return
	}
	// A new map: models are values, and an older copy keeps its marks.
	marked := make(map[*notes.Talk]bool, len(l.marked)+1)
	for k := range l.marked {
		marked[k] = true
	}
	if marked[t] {
		delete(marked, t)
	} else {
		marked[t] = true
	}
	l.marked = marked
	l.marks++
	l.redraw()
}

// setRead draws the read marks again.
func (l *listModel) setRead(isRead func(slug string) bool, gen int) {
	l.isRead, l.readGen = isRead, gen
	l.redraw()
}

// indexOf is the index of t among the hits, or 0.
func (l listModel) indexOf(t *notes.Talk) int {
	for i := range l.hits {
		if l.hits[i].Talk == t {
			return i
		}
	}
	return 0
}

func (l *listModel) setSize(w, h int) {
	l.width, l.height = max(0, w), max(0, h)
	l.ensureVisible()
	l.redraw()
}

// selectIndex moves the selection to i, clamped.
func (l *listModel) selectIndex(i int) {
	if len(l.hits) == 0 {
		l.sel, l.offset = 0, 0
		return
	}
	l.sel = max(0, min(i, len(l.hits)-1))
	l.ensureVisible()
	l.redraw()
}

func (l listModel) rowHeight(i int) int {
	if hasSnippet(&l.hits[i]) {
		return 3
	}
	return 2
}

// hasSnippet reports whether hit h is drawn with a line of its notes: a
// hit found in the notes always has a snippet, made when drawn (see row),
// so the row's height is known without making it.
func hasSnippet(h *notes.Hit) bool {
	return h.Field == notes.FieldNotes
}

// ensureVisible scrolls so that the selected row is drawn whole (or, in a
// pane shorter than a row, drawn first).
func (l *listModel) ensureVisible() {
	if len(l.hits) == 0 {
		l.sel, l.offset = 0, 0
		return
	}
	l.sel = max(0, min(l.sel, len(l.hits)-1))
	l.offset = max(0, min(l.offset, len(l.hits)-1))
	if l.sel < l.offset {
		l.offset = l.sel
		return
	}
	used := 0
	for i := l.offset; i <= l.sel; i++ {
		used += l.rowHeight(i)
	}
	for l.offset < l.sel && used > l.height {
		used -= l.rowHeight(l.offset)
		l.offset++
	}
	// Fill the pane: do not leave empty space below the last row when
	// rows above the offset could be shown.
	for l.offset > 0 {
		total := 0
		for i := l.offset - 1; i < len(l.hits) && total <= l.height; i++ {
			total += l.rowHeight(i)
		}
		if total > l.height {
			break
		}
		l.offset--
	}
}

// pageSize is how many rows a page key moves.
func (l listModel) pageSize() int {
	return max(1, l.height/2-1)
}

// rowAt returns the index of the hit drawn at line y of the list, or -1.
func (l listModel) rowAt(y int) int {
	if y < 0 {
		return -1
	}
	line := 0
	for i := l.offset; i < len(l.hits) && line < l.height; i++ {
		h := l.rowHeight(i)
		if y < line+h {
			return i
		}
		line += h
	}
	return -1
}

// UPDATE

// Update handles the list's keys and wheel.
func (l listModel) Update(msg tea.Msg) (listModel, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, l.keys.Up):
			l.selectIndex(l.sel - 1)
		case key.Matches(msg, l.keys.Down):
			l.selectIndex(l.sel + 1)
		case key.Matches(msg, l.keys.PageUp):
			l.selectIndex(l.sel - l.pageSize())
		case key.Matches(msg, l.keys.PageDown):
			l.selectIndex(l.sel + l.pageSize())
		case key.Matches(msg, l.keys.Home):
			l.selectIndex(0)
		case key.Matches(msg, l.keys.End):
			l.selectIndex(len(l.hits) - 1)
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			l.selectIndex(l.sel - 1)
		case tea.MouseWheelDown:
			l.selectIndex(l.sel + 1)
		}
	}
	l.redraw()
	return l, nil
}

// VIEW

// View is the list as last drawn: exactly height lines of exactly width
// cells.
func (l listModel) View() string { return l.drawn }

// redraw draws the rows in view, if what they show changed.
func (l *listModel) redraw() {
	st := listState{n: len(l.hits), sel: l.sel, offset: l.offset, width: l.width, height: l.height,
		focused: l.focused, searching: l.searching, ok: true, marks: l.marks, changes: l.changes, readGen: l.readGen, problem: l.problem}
	if len(l.hits) > 0 {
		st.hits = &l.hits[0]
	}
	if st == l.drawnFor {
		return
	}
	old := l.rows
	if d := l.drawnFor; st.hits != d.hits || st.n != d.n || st.width != d.width || st.focused != d.focused || st.marks != d.marks || st.changes != d.changes || st.readGen != d.readGen || !d.ok {
		old = nil // drawn for other hits, or differently
	}
	l.drawnFor, l.drawn, l.rows = st, "", nil
	if l.height <= 0 || l.width <= 0 {
		return
	}
	lines := make([]string, 0, l.height+2)
	if len(l.hits) == 0 {
		msg := "  No talks match."
		switch {
		case l.problem != "":
			msg = "  " + l.problem
		case l.searching:
			msg = "  Searching…"
		}
		lines = append(lines, fitLine(l.styles.Empty.Render(truncate(msg, l.width)), l.width))
	}
	for i := l.offset; i < len(l.hits) && len(lines) < l.height; i++ {
		r := drawnRow{i: i, selected: i == l.sel}
		if j := i - firstRow(old); j >= 0 && j < len(old) && old[j].selected == r.selected {
			r.lines = old[j].lines
		} else {
			r.lines = l.row(i, l.paints)
			for k := range r.lines {
				r.lines[k] = fitLine(r.lines[k], l.width)
			}
		}
		l.rows = append(l.rows, r)
		lines = append(lines, r.lines...)
	}
	if len(lines) > l.height {
		lines = lines[:l.height]
	}
	blank := strings.Repeat(" ", l.width)
	for len(lines) < l.height {
		lines = append(lines, blank)
	}
	l.drawn = strings.Join(lines, "\n")
}

// firstRow is the index of the first of rows, which are consecutive.
func firstRow(rows []drawnRow) int {
	if len(rows) == 0 {
		return 0
	}
	return rows[0].i
}

// row draws hit i.
func (l listModel) row(i int, p *rowPaints) []string {
	h := &l.hits[i]
	t := h.Talk
	sel := 0
	bar, mark := " ", " "
	if i == l.sel {
		sel = 1
		if l.focused {
			bar = p.marker.render("▌")
		} else {
			bar = p.marker.render("│")
		}
	}
	if l.marked[t] {
		mark = p.marker.render("•") // as fzf marks a pick on the second cell
	}
	marker, cont := bar+" ", bar+" " // cont: the row's next lines
	if l.markable {
		marker, cont = bar+mark+" ", bar+"  "
	}
	// One cell stays blank before the border: "★★☆ │", not "★★☆│".
	avail := l.width - cells.Width(cont) - 1
	if avail <= 0 {
		return []string{""}
	}

	out := make([]string, 0, 3)
	out = append(out, marker+l.titleLine(h, avail, p, sel))

	// Speaker left, rating right.
	rating, ratingW := starsView(t.Stars, false, false, p.stars)
	speaker := t.Speaker
	if speaker == "" {
		speaker = "unknown speaker"
	}
	speakerW := cells.Width(speaker)
	if speakerW+1+ratingW > avail {
		rating, ratingW = starsView(t.Stars, true, false, p.stars)
	}
	if ratingW+1 > avail {
		rating, ratingW = "", 0
	}
	sw := max(0, avail-ratingW-1)
	sp, spW := highlightW(speaker, h.SpeakerPos, sw, p.speaker[sel], p.speakerM[sel])
	pad := max(0, avail-spW-ratingW)
	out = append(out, cont+sp+strings.Repeat(" ", pad)+rating)

	if hasSnippet(h) {
		snippet, pos := h.Snippet()
		out = append(out, cont+highlight(snippet, pos, avail, p.snippet[sel], p.snippetM[sel]))
	}
	return out
}

// truncate cuts plain text s to w cells, ending a cut with "…".
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if cells.Width(s) <= w {
		return s
	}
	return cut(s, w, "…")
}

package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/notes"
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
}

func newList(keys *ListKeyMap, styles *Styles) listModel {
	return listModel{keys: keys, styles: styles}
}

// Selected returns the selected talk, or nil when the list is empty.
func (l listModel) Selected() *notes.Talk {
	if l.sel < 0 || l.sel >= len(l.hits) {
		return nil
	}
	return l.hits[l.sel].Talk
}

// selectedHit returns the selected hit, or nil.
func (l listModel) selectedHit() *notes.Hit {
	if l.sel < 0 || l.sel >= len(l.hits) {
		return nil
	}
	return &l.hits[l.sel]
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
}

func (l *listModel) setSize(w, h int) {
	l.width, l.height = max(0, w), max(0, h)
	l.ensureVisible()
}

// selectIndex moves the selection to i, clamped.
func (l *listModel) selectIndex(i int) {
	if len(l.hits) == 0 {
		l.sel, l.offset = 0, 0
		return
	}
	l.sel = max(0, min(i, len(l.hits)-1))
	l.ensureVisible()
}

// indexOf returns the index of t in the list, or -1.
func (l listModel) indexOf(t *notes.Talk) int {
	for i := range l.hits {
		if l.hits[i].Talk == t {
			return i
		}
	}
	return -1
}

func (l listModel) rowHeight(i int) int {
	if hasSnippet(&l.hits[i]) {
		return 3
	}
	return 2
}

func hasSnippet(h *notes.Hit) bool {
	return h.Field == notes.FieldNotes && h.Snippet != ""
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
	return l, nil
}

// VIEW

// View draws the rows, exactly height lines of at most width cells.
func (l listModel) View() string {
	if l.height <= 0 || l.width <= 0 {
		return ""
	}
	lines := make([]string, 0, l.height)
	if len(l.hits) == 0 {
		lines = append(lines, l.styles.Empty.Render(truncate("  No talks match.", l.width)))
	}
	for i := l.offset; i < len(l.hits) && len(lines) < l.height; i++ {
		lines = append(lines, l.row(i)...)
	}
	if len(lines) > l.height {
		lines = lines[:l.height]
	}
	for len(lines) < l.height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// row draws hit i.
func (l listModel) row(i int) []string {
	h := &l.hits[i]
	t := h.Talk
	st := l.styles
	selected := i == l.sel

	titleStyle, speakerStyle, snippetStyle := st.ItemTitle, st.ItemSpeaker, st.ItemSnippet
	marker := "  "
	if selected {
		titleStyle, speakerStyle, snippetStyle = st.SelectedTitle, st.SelectedSpeaker, st.SelectedSnippet
		if l.focused {
			marker = st.Marker.Render("▌") + " "
		} else {
			marker = st.Marker.Render("│") + " "
		}
	}
	avail := l.width - 2
	if avail <= 0 {
		return []string{marker[:0] + strings.Repeat(" ", l.width)}
	}

	out := make([]string, 0, 3)
	out = append(out, marker+highlight(t.Title, h.TitlePos, avail, titleStyle, st.Match.Inherit(titleStyle)))

	// Speaker left, rating right.
	full := strings.Repeat("★", t.Stars)
	empty := strings.Repeat("☆", max(0, notes.MaxStars-t.Stars))
	rating := st.Stars.Render(full) + st.NoStars.Render(empty)
	ratingW := notes.MaxStars
	speaker := t.Speaker
	if speaker == "" {
		speaker = "unknown speaker"
	}
	speakerW := ansi.StringWidth(speaker)
	if speakerW+1+ratingW > avail {
		rating = st.Stars.Render("★" + strconv.Itoa(t.Stars))
		ratingW = 1 + len(strconv.Itoa(t.Stars))
	}
	if ratingW+1 > avail {
		rating, ratingW = "", 0
	}
	sw := max(0, avail-ratingW-1)
	sp := highlight(speaker, h.SpeakerPos, sw, speakerStyle, st.Match.Inherit(speakerStyle))
	pad := max(0, avail-ansi.StringWidth(sp)-ratingW)
	out = append(out, marker+sp+strings.Repeat(" ", pad)+rating)

	if hasSnippet(h) {
		out = append(out, marker+highlight(h.Snippet, h.SnippetPos, avail, snippetStyle, st.Match.Inherit(snippetStyle)))
	}
	return out
}

// highlight draws s in at most w cells, the runes at positions pos in the
// match style. A cut string ends with "…".
func highlight(s string, pos []int, w int, base, match lipgloss.Style) string {
	if w <= 0 {
		return ""
	}
	t := truncate(s, w)
	if t != s {
		n := utf8.RuneCountInString(t) - 1 // the "…"
		keep := pos[:0:0]
		for _, p := range pos {
			if p < n {
				keep = append(keep, p)
			}
		}
		pos = keep
	}
	if len(pos) == 0 {
		return base.Render(t)
	}
	return lipgloss.StyleRunes(t, pos, match, base)
}

// truncate cuts plain text s to w cells, ending a cut with "…".
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

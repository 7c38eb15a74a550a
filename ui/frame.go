package ui

// The screen: the root model's layout and View. The panes draw lines of
// exactly their width; the header and the help line are drawn by Update
// (layout) when what they show changes, and View only puts them together.

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui/internal/cells"
)

// frameLines are the header and the help line as drawn for the state in
// their keys. Drawing them costs more than the rest of a frame and they
// rarely change, so layout draws them again only when their key changes;
// the zero value is drawn on the next layout.
type frameLines struct {
	headerKey headerKey
	header    string
	footerKey footerKey
	footer    string
}

type headerKey struct {
	listed, width, minStars int
	read                    int
	text                    string
	sort                    notes.Sort
	busy                    bool
	note                    string // what a reload changed, how old a cached copy is
}

type footerKey struct {
	ks            keyState
	width, height int
	status        string
	problem       string // why the notes were not reloaded
	showHelp      bool
	helpOff       int
}

// LAYOUT

func (m Model) listWidth() int {
	if m.wide() {
		return m.width * 2 / 5
	}
	return m.width
}

func (m Model) detailWidth() int {
	if m.wide() {
		return m.width - m.listWidth() - 1
	}
	return m.width
}

func (m Model) footerHeight() int {
	if !m.showHelp {
		return 1
	}
	n := strings.Count(m.frame.footer, "\n") + 1
	return max(1, min(n, m.height-1-minBody))
}

func (m Model) bodyHeight() int { return max(0, m.height-1-m.footerHeight()) }

// layout draws the header and the footer if what they show changed, and
// gives the panes their sizes.
func (m *Model) layout() {
	q := m.query()
	if k := (headerKey{listed: len(m.list.hits), width: m.width, minStars: q.MinStars, read: m.place.readN,
		text: q.Text, sort: m.sort, busy: m.busy, note: m.headerNote()}); k != m.frame.headerKey || m.frame.header == "" {
		m.frame.headerKey, m.frame.header = k, fitLine(m.drawHeader(q), m.width)
	}
	if k := (footerKey{ks: m.ks, width: m.width, height: m.height, status: m.status, problem: m.live.problem,
		showHelp: m.showHelp, helpOff: m.helpOff}); k != m.frame.footerKey || m.frame.footer == "" {
		// Before bodyHeight, which measures it.
		lines := strings.Split(m.drawFooter(), "\n")
		for i, l := range lines {
			lines[i] = truncateStyled(l, m.width)
		}
		m.frame.footerKey, m.frame.footer = k, strings.Join(lines, "\n")
	}
	body := m.bodyHeight()
	m.search.setWidth(m.listWidth())
	m.findInput.setWidth(m.width)
	m.list.setSize(m.listWidth(), body-1)
	m.detail.setSize(m.detailWidth(), body-m.aidBelow())
	m.layoutAid()
}

// VIEW

// View draws the whole screen, never wider or taller than the window.
func (m Model) View() tea.View {
	v := tea.NewView(m.view())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

func (m Model) view() string {
	if m.panicInView {
		panic(testPanicMsg + " in View")
	}
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.tooSmall() {
		msg := fmt.Sprintf("Terminal too small: make it at least %d×%d", minWidth, minHeight)
		lines := strings.Split(ansi.Wordwrap(msg, m.width, ""), "\n")
		for i, l := range lines {
			lines[i] = m.styles.TooSmall.Render(truncate(l, m.width))
		}
		if len(lines) > m.height {
			lines = lines[:m.height]
		}
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, strings.Join(lines, "\n"))
	}
	body := m.bodyHeight()
	var b strings.Builder
	b.Grow((m.width + 40) * m.height)
	b.WriteString(m.frame.header)
	b.WriteByte('\n')

	// The panes draw lines of exactly their width.
	switch {
	case m.wide():
		left := strings.Split(m.leftPaneView(), "\n")
		right := strings.Split(m.detail.View(), "\n")
		sep := m.styles.Separator.Render("│")
		if m.focus == focusDetail && !m.searching {
			sep = m.styles.FocusedSep.Render("│")
		}
		for i := range body {
			b.WriteString(at(left, i))
			b.WriteString(sep)
			b.WriteString(at(right, i))
			b.WriteByte('\n')
		}
	case m.narrowPreview():
		b.WriteString(m.detail.View())
		b.WriteByte('\n')
	case m.aid.open(): // under the notes
		b.WriteString(m.detail.View())
		b.WriteByte('\n')
		b.WriteString(m.aidView())
		b.WriteByte('\n')
	case m.focus == focusList || m.searching:
		b.WriteString(m.listPaneView())
		b.WriteByte('\n')
	default:
		b.WriteString(m.detail.View())
		b.WriteByte('\n')
	}
	if m.find.typing {
		b.WriteString(m.findInput.View())
		return b.String()
	}
	footer := strings.Split(m.frame.footer, "\n")
	for i, l := range footer[:min(len(footer), m.footerHeight())] {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return b.String()
}

func (m Model) listPaneView() string {
	return m.search.View() + "\n" + m.list.View()
}

// drawHeader is "GolangUK talks notes        7 of 21 talks · /ctx · ★≥5 · sort: stars".
// On a narrow terminal its parts shorten, rather than being cut: "7/21",
// a shorter query, "stars" without "sort:", and the title goes first.
func (m Model) drawHeader(q notes.Query) string {
	st := m.styles
	title := m.doc.Title
	if title == "" {
		title = "golanguk"
	}
	for level := range headerLevels {
		right := m.headerRight(q, level)
		rw := cells.Width(right)
		if level < 2 {
			if avail := m.width - rw - 2; avail >= 8 {
				left := " " + st.Title.Render(truncate(title, avail-1))
				return left + strings.Repeat(" ", max(1, m.width-cells.Width(left)-rw)) + right
			}
			continue
		}
		if rw <= m.width {
			return strings.Repeat(" ", m.width-rw) + right
		}
	}
	return truncateStyled(m.headerRight(q, headerLevels-1), m.width)
}

// headerLevels is the number of ever shorter forms of the header.
const headerLevels = 5

// headerRight is the header's right part in its level-th shortest form:
// 0 "7 of 21 talks · /query · ★≥5 · sort: stars", 1 "7/21 talks" and
// the query cut to 12 cells, 2 the same without the title, 3 "7/21",
// the query to 8 cells and "stars", 4 without the sort.
func (m Model) headerRight(q notes.Query, level int) string {
	st := m.styles
	sep := st.HeaderDim.Render(" · ")
	count := fmt.Sprintf("%d of %d talks", len(m.list.hits), len(m.doc.Talks))
	queryW := 24
	switch {
	case level >= 3:
		count, queryW = fmt.Sprintf("%d/%d", len(m.list.hits), len(m.doc.Talks)), 8
	case level >= 1:
		count, queryW = fmt.Sprintf("%d/%d talks", len(m.list.hits), len(m.doc.Talks)), 12
	}
	if m.busy {
		count = "searching…"
	}
	parts := []string{st.HeaderDim.Render(count)}
	if note := m.headerNote(); note != "" && level < 4 {
		parts = append([]string{st.HeaderOn.Render(note)}, parts...)
	}
	if n := m.place.readN; n > 0 {
		read := fmt.Sprintf("%d read", n)
		if level >= 3 {
			read = fmt.Sprintf("%d✓", n)
		}
		parts = append(parts, st.HeaderDim.Render(read))
	}
	if q.Text != "" {
		parts = append(parts, st.HeaderOn.Render("/"+truncate(q.Text, queryW)))
	}
	// The rating filter, from the digit keys and the query's stars:
	// terms together: ★≥7, ★≤3, ★5–7.
	if lo, hi := q.Stars(); lo > 0 || hi < notes.MaxStars {
		parts = append(parts, st.HeaderOn.Render(notes.StarsString(lo, hi)))
	}
	sortStyle := st.HeaderDim
	if m.sort != notes.SortRelevance {
		sortStyle = st.HeaderOn
	}
	switch {
	case level < 3:
		parts = append(parts, sortStyle.Render("sort: "+sortName(q.Sort)))
	case level == 3:
		parts = append(parts, sortStyle.Render(sortName(q.Sort)))
	}
	return strings.Join(parts, sep) + " "
}

func (m Model) drawFooter() string {
	if m.status != "" && !m.showHelp {
		return m.styles.Status.Render(truncate(" "+m.status, m.width))
	}
	if m.live.problem != "" && !m.showHelp {
		return m.styles.Error.Render(truncate(" "+m.live.problem, m.width))
	}
	if m.showHelp {
		lines := m.fullHelpLines()
		room := m.helpRoom()
		if len(lines) <= room {
			return strings.Join(lines, "\n")
		}
		// It does not fit: a window of it, and a line saying how to scroll.
		off := m.helpOffset(len(lines))
		shown := lines[off : off+room-1]
		hint := fmt.Sprintf(" %s · %s · %d–%d/%d", helpScrollHint, helpCloseHint,
			off+1, off+len(shown), len(lines))
		return strings.Join(shown, "\n") + "\n" + m.styles.Status.Render(truncate(hint, m.width))
	}
	return " " + m.helpModel().ShortHelpView(m.keys.ShortHelp())
}

// helpModel is the help bubble at the window's width in the browser's
// styles. It is made when the footer is drawn rather than kept in Model:
// its styles are 4.5 KB, which every Update would copy.
func (m *Model) helpModel() help.Model {
	h := help.New()
	h.Styles = m.styles.Help
	h.SetWidth(m.width)
	return h
}

// at returns lines[i], or "" past the end.
func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return ""
}

// fitLine pads or cuts a styled line to exactly w cells.
func fitLine(s string, w int) string {
	n := cells.Width(s)
	switch {
	case n == w:
		return s
	case n < w:
		return s + strings.Repeat(" ", w-n)
	}
	s = cut(s, w, "")
	return s + strings.Repeat(" ", max(0, w-cells.Width(s)))
}

// truncateStyled cuts a styled string to w cells.
func truncateStyled(s string, w int) string {
	if cells.Width(s) <= w {
		return s
	}
	return cut(s, w, "")
}

// cut cuts s, styled or not, to at most w cells, ending a cut with tail.
// ansi.Truncate measures some text narrower than ansi.StringWidth does (a
// variation selector after a character with no emoji form: "[\ufe0f"), so
// it cuts shorter until the line fits as StringWidth measures it.
func cut(s string, w int, tail string) string {
	for n := w; n > 0; n-- {
		if t := ansi.Truncate(s, n, tail); cells.Width(t) <= w {
			return t
		}
	}
	return ""
}

package ui

// Reading aids: the outline of the talk being read (t, outline.go) and its
// links (L, links.go). An aid takes the place of the list on a wide
// terminal and the lower part of the screen, under the notes, on a narrow
// one, so the notes stay in sight while it moves them. This file holds
// what both share: their styles, where the headings and the link numbers
// stand in the rendered notes, the section line of the notes pane, and
// opening and closing.

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/escape"
)

// AidStyles are the styles of the outline and links views, and of the
// section the notes pane shows in its rule. What carries meaning also
// carries an attribute, for NO_COLOR.
type AidStyles struct {
	Title    lipgloss.Style // "Outline · 2 of 5"
	Item     lipgloss.Style
	Selected lipgloss.Style // the selected entry, also marked with Marker
	Marker   lipgloss.Style // "▌" left of the selected entry
	Number   lipgloss.Style // a link's number
	URL      lipgloss.Style
	Note     lipgloss.Style // "speaker", "not opened"
	Section  lipgloss.Style // "§ The SOLID principles" in the notes pane's rule
}

// DefaultAidStyles returns the aid styles for a dark or a light background.
func DefaultAidStyles(dark bool) AidStyles {
	ld := lipgloss.LightDark(dark)
	accent := ld(lipgloss.Color("#007D9C"), lipgloss.Color("#00ADD8"))
	accent2 := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B39DFF"))
	fg := ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#E8E8E8"))
	dim := ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A"))
	s := lipgloss.NewStyle
	return AidStyles{
		Title:    s().Bold(true).Foreground(accent),
		Item:     s().Foreground(fg),
		Selected: s().Bold(true).Foreground(accent),
		Marker:   s().Bold(true).Foreground(accent),
		Number:   s().Foreground(accent2),
		URL:      s().Foreground(dim).Underline(true),
		Note:     s().Foreground(dim).Italic(true),
		Section:  s().Foreground(dim),
	}
}

// aidMarker marks the selected entry of an aid.
const aidMarker = "▌"

// PAGE

// pageAids is where the aids stand in a rendering of a talk's notes.
type pageAids struct {
	// sections are the rendered lines of the talk's outline entries, in
	// order, as many as Talk.Outline returns; -1 for one not found.
	sections []int
	entries  []notes.OutlineEntry // the outline sections are of
	titles   []string             // the entries' titles, escaped
	// links maps a link's number to the first rendered line showing it
	// ("[3]").
	links map[int]int
}

// newPageAids finds the headings and link numbers of t in its rendered
// lines.
func newPageAids(t *notes.Talk, lines []string) pageAids {
	if t == nil {
		return pageAids{}
	}
	plain := make([]string, len(lines))
	for i, l := range lines {
		plain[i] = strings.Join(strings.Fields(ansi.Strip(l)), " ")
	}
	var a pageAids
	entries := t.Outline()
	a.entries = entries
	a.sections = headingLines(plain, entries)
	for _, e := range entries {
		a.titles = append(a.titles, escape.String(e.Title))
	}
	a.links = numberLines(plain)
	return a
}

// headingLines finds each entry's heading in the rendered lines, stripped
// of escapes and with white space collapsed, in order: the first line at
// or after the last heading found that reads as the heading ("### Title",
// the title alone, a title cut by wrapping, or one with a link's number
// after it), else the first that holds the title. Missing ones are -1.
func headingLines(plain []string, entries []notes.OutlineEntry) []int {
	out := make([]int, len(entries))
	from := 0
	for i, e := range entries {
		title := strings.Join(strings.Fields(e.Title), " ")
		out[i] = -1
		for j := from; j < len(plain) && out[i] < 0; j++ {
			l := plain[j]
			text := strings.TrimSpace(strings.TrimLeft(l, "#"))
			heading := strings.HasPrefix(l, "#")
			switch {
			case text == title && text != "",
				heading && text != "" && (strings.HasPrefix(text, title) || strings.HasPrefix(title, text)):
				out[i] = j
			}
		}
		for j := from; j < len(plain) && out[i] < 0 && title != ""; j++ {
			if strings.Contains(plain[j], title) {
				out[i] = j
			}
		}
		if out[i] >= 0 {
			from = out[i] + 1
		}
	}
	return out
}

// numberLines maps each link number shown ("[3]", after a space or at the
// start of a line) to the first line showing it.
func numberLines(plain []string) map[int]int {
	out := map[int]int{}
	for i, l := range plain {
		for rest, at := l, 0; ; {
			j := strings.Index(rest, "[")
			if j < 0 {
				break
			}
			k := strings.IndexByte(rest[j:], ']')
			if k < 0 {
				break
			}
			if n, err := strconv.Atoi(rest[j+1 : j+k]); err == nil && n > 0 && (at+j == 0 || l[at+j-1] == ' ') {
				if _, ok := out[n]; !ok {
					out[n] = i
				}
			}
			rest, at = rest[j+1:], at+j+1
		}
	}
	return out
}

// sectionAt is the index of the section the notes are in at line off:
// the last heading at or above it, -1 above the first.
func (a pageAids) sectionAt(off int) int {
	cur := -1
	for i, l := range a.sections {
		if l >= 0 && l <= off {
			cur = i
		}
	}
	return cur
}

// section is the index of the section being read: the last heading at or
// above the top line of the pane; once scrolled to the end, the last
// heading in view, as the outline's last sections can never reach the top.
// It is -1 above the first heading.
func (d detailModel) section() int {
	if !d.showing() {
		return -1
	}
	off := d.vp.YOffset()
	if off > 0 && d.vp.AtBottom() {
		return d.aids.sectionAt(off + d.bodyHeight() - 1)
	}
	return d.aids.sectionAt(off)
}

// sectionLabel is "§ Title" for the section being read, cut to w cells,
// or "".
func (d detailModel) sectionLabel(w int) string {
	i := d.section()
	if i < 0 || w < 4 {
		return ""
	}
	return d.styles.Aids.Section.Render(truncate(" § "+d.aids.titles[i]+" ", w))
}

// scrollTo puts rendered line l at the top of the notes pane.
func (d *detailModel) scrollTo(l int) {
	if l < 0 || !d.showing() {
		return
	}
	d.vp.SetYOffset(l)
	d.dirty = true
}

// showLine scrolls so that line l is in view, a third down the pane if it
// was not.
func (d *detailModel) showLine(l int) {
	if l < 0 || !d.showing() {
		return
	}
	if off := d.vp.YOffset(); l < off || l >= off+d.bodyHeight() {
		d.vp.SetYOffset(l - d.bodyHeight()/3)
		d.dirty = true
	}
}

// MODEL

type aidKind int

const (
	aidNone aidKind = iota
	aidOutline
	aidLinks
)

// aidState is the aid open, if any, and where the reader was when it
// opened, to go back to.
type aidState struct {
	kind    aidKind
	talk    *notes.Talk
	outline outlineModel
	links   linksModel

	focus   focus     // the pane that had the keyboard
	key     renderKey // the rendering the notes showed
	off     int       // their offset in it
	section int       // the section they were in, -1 for none
	delta   int       // and how far below its heading
}

func (a aidState) open() bool { return a.kind != aidNone }

// aidMode is the key map's mode for the aid open, if one is.
func (m Model) aidMode() (mode, bool) {
	switch m.aid.kind {
	case aidOutline:
		return modeOutline, true
	case aidLinks:
		return modeLinks, true
	}
	return 0, false
}

// aidBelow is the height of the aid under the notes on a narrow terminal,
// 0 when it is not there.
func (m Model) aidBelow() int {
	if !m.aid.open() || m.wide() {
		return 0
	}
	body := m.bodyHeight()
	var want int
	switch m.aid.kind {
	case aidOutline:
		want = 1 + len(m.aid.outline.entries)
	case aidLinks:
		want = 1 + 2*len(m.aid.links.links)
	}
	return max(3, min(want, body/2))
}

// layoutAid gives the aid its size: the list's place, or under the notes.
func (m *Model) layoutAid() {
	if !m.aid.open() {
		return
	}
	w, h := m.listWidth(), m.bodyHeight()
	if !m.wide() {
		w, h = m.width, m.aidBelow()
	}
	m.aid.outline.styles, m.aid.links.styles = m.styles, m.styles // the background may have changed them
	m.aid.outline.setSize(w, h)
	m.aid.links.setSize(w, h)
}

// aidView is the aid as drawn in its place.
func (m Model) aidView() string {
	if m.aid.kind == aidLinks {
		return m.aid.links.View()
	}
	return m.aid.outline.View()
}

// leftPaneView is the left pane of a wide screen: the aid, else the list.
func (m Model) leftPaneView() string {
	if m.aid.open() {
		return m.aidView()
	}
	return m.listPaneView()
}

// UPDATE

// openAid opens the outline or the links of the talk being read, or says
// why not.
func (m Model) openAid(kind aidKind) (Model, tea.Cmd) {
	t := m.detail.talk
	if t == nil || m.detail.about {
		return m, nil
	}
	if m.searching {
		m.stopSearch()
	}
	m.showHelp = false
	d := &m.detail
	m.aid = aidState{kind: kind, talk: t, focus: m.focus, key: d.have, off: d.vp.YOffset(), section: -1}
	if i := d.section(); i >= 0 {
		m.aid.section, m.aid.delta = i, d.vp.YOffset()-d.aids.sections[i]
	}
	switch kind {
	case aidOutline:
		entries := t.Outline()
		if len(entries) == 0 {
			m.aid = aidState{}
			return m, m.setStatus("No sections in this talk: its notes have no ### or #### headings")
		}
		m.aid.outline = newOutline(&m.keys.Outline, m.styles, entries, max(0, m.aid.section))
	case aidLinks:
		links := t.AllLinks()
		if len(links) == 0 {
			m.aid = aidState{}
			return m, m.setStatus("No links in this talk")
		}
		m.aid.links = newLinks(&m.keys.Links, m.styles, links, m.firstLinkInView(links))
	}
	m.setFocus(focusDetail)
	m.layout()
	return m, m.renderCmds()
}

// firstLinkInView is the index of the first link whose number the notes
// pane shows, else 0.
func (m Model) firstLinkInView(links []notes.Link) int {
	d := m.detail
	if !d.showing() {
		return 0
	}
	off := d.vp.YOffset()
	for i, l := range links {
		if line, ok := d.aids.links[l.Number]; ok && line >= off && line < off+d.bodyHeight() {
			return i
		}
	}
	return 0
}

// closeAid closes the aid; back puts the notes and the focus where they
// were when it opened.
func (m *Model) closeAid(back bool) {
	a := m.aid
	m.aid = aidState{}
	if !back {
		return
	}
	m.setFocus(a.focus)
	d := &m.detail
	switch {
	case !d.showing():
	case d.have == a.key:
		d.vp.SetYOffset(a.off)
	case a.section >= 0 && a.section < len(d.aids.sections) && d.aids.sections[a.section] >= 0:
		// Rendered again (a resize): the same place in its section.
		d.vp.SetYOffset(d.aids.sections[a.section] + a.delta)
	default:
		d.vp.SetYOffset(a.off)
	}
	d.dirty = true
}

// syncAid closes an aid whose talk the notes pane no longer shows.
func (m *Model) syncAid() {
	if m.aid.open() && (m.detail.talk != m.aid.talk || m.detail.about) {
		m.closeAid(false)
	}
}

// handleAidKey hands a key to the aid open.
func (m Model) handleAidKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	g := &m.keys.Global
	switch {
	case key.Matches(msg, g.Quit):
		return m, m.quit()
	case key.Matches(msg, g.Help):
		m.showHelp = !m.showHelp
		m.helpOff = 0
		return m, nil
	}
	if m.aid.kind == aidLinks {
		return m.handleLinksKey(msg)
	}
	k := &m.keys.Outline
	switch {
	case key.Matches(msg, k.Close):
		m.closeAid(true)
		return m, nil
	case key.Matches(msg, k.Jump):
		m.detail.scrollTo(m.sectionLine(m.aid.outline.sel))
		m.closeAid(false)
		return m, nil
	}
	before := m.aid.outline.sel
	m.aid.outline, _ = m.aid.outline.Update(msg)
	if m.aid.outline.sel != before {
		m.detail.scrollTo(m.sectionLine(m.aid.outline.sel))
	}
	return m, nil
}

// sectionLine is the rendered line of outline entry i, -1 when unknown.
func (m Model) sectionLine(i int) int {
	s := m.detail.aids.sections
	if !m.detail.showing() || i < 0 || i >= len(s) {
		return -1
	}
	return s[i]
}

// handleLinksKey opens, copies and picks links.
func (m Model) handleLinksKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := &m.keys.Links
	lv := &m.aid.links
	switch {
	case key.Matches(msg, k.Close):
		m.closeAid(true)
		return m, nil
	case key.Matches(msg, k.Open):
		return m, m.openLink(lv.selected())
	case key.Matches(msg, k.Copy):
		l := lv.selected()
		return m, tea.Batch(tea.SetClipboard(l.URL),
			m.setStatus("Copied link "+strconv.Itoa(l.Number)+": "+escape.String(l.URL)))
	}
	before := lv.sel
	var cmd tea.Cmd
	m.aid.links, cmd = m.aid.links.Update(msg)
	if lv.sel != before {
		if line, ok := m.detail.aids.links[lv.selected().Number]; ok {
			m.detail.showLine(line)
		}
	}
	return m, cmd
}

// openLink opens l as o opens the speaker's link: only http, https and
// mailto, and in a remote session not at all but shown.
func (m *Model) openLink(l notes.Link) tea.Cmd {
	u := escape.String(l.URL)
	if !l.Openable() || !linkable(l.URL) {
		return m.setStatus("Not opened: " + notOpenedWhy(l.URL) + " (" + u + ")")
	}
	if m.opts.Remote { // nothing runs on the server: the reader opens it
		return m.setStatus("Open the link shown: " + u)
	}
	return tea.Batch(openCmd(m.opts.Terminal.Env, l.URL), m.setStatus("Opening "+u+" …"))
}

// notOpenedWhy says why a link is not opened: "scheme javascript".
func notOpenedWhy(u string) string {
	scheme, _, ok := strings.Cut(u, ":")
	switch {
	case !ok || scheme == "" || strings.ContainsAny(scheme, "/?#"):
		return "no scheme (a relative link)"
	case slices.Contains([]string{"http", "https", "mailto"}, strings.ToLower(scheme)):
		return "not a complete " + strings.ToLower(scheme) + " link"
	}
	return "scheme " + escape.String(strings.ToLower(scheme))
}

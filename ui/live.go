package ui

// Live notes: the notes read again while the browser runs — when they
// change (Options.Changes, --watch), on r, and after e — keeping the
// reader's place, and saying in the header what changed.

import (
	"fmt"
	"maps"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/escape"
	"github.com/golanguk/golanguk/notes/source"
	"github.com/golanguk/golanguk/ui/internal/cells"
)

// Loaded is the notes read again: a new document, or why there is none.
type Loaded struct {
	// Doc is the notes; nil when Err is set.
	Doc *notes.Document
	// Err says why the notes could not be read or parsed. The browser
	// keeps the notes it has and shows Err, on one line, until the next
	// reload.
	Err error
	// CachedAt, when set, says Doc is the cached copy of a URL's notes
	// as of then, the server having failed (Stale says how): the header
	// says how old.
	CachedAt time.Time
	Stale    error
}

// MSG

// loadedMsg carries notes read again to Update. watched: they came on
// Options.Changes, which is waited on again; manual: r or e asked.
type loadedMsg struct {
	Loaded
	watched, manual bool
	gen             int // of the notes when a manual reload was asked for
}

// editedMsg says the editor exited.
type editedMsg struct{ err error }

// clearNoticeMsg ends the header's notice of what a reload changed.
type clearNoticeMsg struct{ id int }

// clockMsg moves the browser's clock on, for "cached 12 min ago".
type clockMsg struct{ now time.Time }

// MODEL

// liveState is what the browser knows of reloads.
type liveState struct {
	notice   string // "+1 talk · 2 changed", for a few seconds
	noticeID int
	problem  string    // why the last reload kept the old notes, until the next one
	cachedAt time.Time // the notes are a cached copy as of then; zero: fresh
	now      time.Time // the clock, moved on by clockMsg
	ticking  bool      // a clockMsg is on its way
	// gen counts the notes taken; a manual reload that answers after
	// other notes were taken (a watch's, newer) is dropped.
	gen int
}

// noticeTime is how long the header says what a reload changed.
const noticeTime = 5 * time.Second

// clockTick is how often the clock moves on while a cached copy is shown.
const clockTick = 30 * time.Second

func newLiveState(opts Options) liveState {
	s := liveState{cachedAt: opts.CachedAt}
	if !s.cachedAt.IsZero() {
		s.now = opts.now()
		s.ticking = true // Init starts the clock
	}
	return s
}

// now is the Options' clock, time.Now if none.
func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// INIT

// liveInit waits for the first change of watched notes, and starts the
// clock for a cached copy's age.
func (m Model) liveInit() tea.Cmd {
	var cmds []tea.Cmd
	if m.opts.Changes != nil {
		cmds = append(cmds, waitChanges(m.opts.Changes))
	}
	if !m.live.cachedAt.IsZero() {
		cmds = append(cmds, tickCmd())
	}
	return tea.Batch(cmds...)
}

// UPDATE

// updateLive handles the messages of live notes; ok is false for others.
func (m Model) updateLive(msg tea.Msg) (Model, tea.Cmd, bool) {
	switch msg := msg.(type) {
	case loadedMsg:
		cmd := m.applyLoaded(msg)
		if msg.watched {
			cmd = tea.Batch(cmd, waitChanges(m.opts.Changes))
		}
		return m, cmd, true
	case editedMsg:
		var status tea.Cmd
		if msg.err != nil {
			status = m.setStatus("The editor failed: " + oneLine(msg.err.Error()))
		}
		return m, tea.Batch(status, m.reloadCmd()), true
	case clearNoticeMsg:
		if msg.id == m.live.noticeID {
			m.live.notice = ""
		}
		return m, nil, true
	case clockMsg:
		m.live.ticking = false
		m.live.now = msg.now
		return m, m.tick(), true
	}
	return m, nil, false
}

// reloadNow is r: the notes read again, in a command.
func (m *Model) reloadNow() tea.Cmd {
	if m.opts.Reload == nil {
		return m.setStatus("Nothing to reload: standard input and the built-in notes are read once")
	}
	return tea.Batch(m.setStatus("Reloading the notes…"), m.reloadCmd())
}

// reloadCmd reads the notes again with Options.Reload.
func (m Model) reloadCmd() tea.Cmd {
	reload, ctx, gen := m.opts.Reload, m.ctx, m.live.gen
	if reload == nil {
		return nil
	}
	return func() tea.Msg { return loadedMsg{Loaded: reload(ctx), manual: true, gen: gen} }
}

// waitChanges waits for the next notes on ch; nil when it is closed.
func waitChanges(ch <-chan Loaded) tea.Cmd {
	return func() tea.Msg {
		l, ok := <-ch
		if !ok {
			return nil
		}
		return loadedMsg{Loaded: l, watched: true}
	}
}

// tick moves the clock on later, while a cached copy's age is shown.
func (m *Model) tick() tea.Cmd {
	if m.live.cachedAt.IsZero() || m.live.ticking {
		return nil
	}
	m.live.ticking = true
	return tickCmd()
}

func tickCmd() tea.Cmd {
	return tea.Tick(clockTick, func(t time.Time) tea.Msg { return clockMsg{now: t} })
}

// applyLoaded takes notes read again. New notes replace the old, and the
// reader keeps their place: the selected talk (by slug), the line read in
// it (by the heading above it), the query, rating filter and sort, whose
// search runs again. Notes that could not be read, or hold no talks (a
// file caught half written), leave the old notes and say why.
func (m *Model) applyLoaded(msg loadedMsg) tea.Cmd {
	if m.status == "Reloading the notes…" {
		m.status = ""
	}
	if msg.manual && msg.gen != m.live.gen {
		return nil // other notes came meanwhile
	}
	l := msg.Loaded
	if l.Err == nil && (l.Doc == nil || len(l.Doc.Talks) == 0) {
		l.Err = fmt.Errorf("the notes hold no talks")
	}
	if l.Err != nil {
		m.live.problem = "Kept the notes as they were: " + oneLine(l.Err.Error())
		return nil
	}
	m.live.gen++
	m.live.problem = ""
	if l.Stale != nil {
		m.live.problem = "Showing the cached copy: " + oneLine(l.Stale.Error())
	}
	m.live.cachedAt = l.CachedAt
	if !l.CachedAt.IsZero() {
		m.live.now = m.opts.now()
	}
	old, doc := m.doc, l.Doc
	ch := diffDocs(old, doc)

	// The talk selected, and the place read in it.
	sel := m.list.Selected()
	keep := sameTalk(doc, sel)
	anchor := m.detail.anchor()

	m.cancelSearch() // an answer on its way is of the old notes
	m.doc = doc
	m.bgSearch = searchInBackground(doc) // the new notes may be larger
	m.detail.docTitle = doc.Title
	m.pages.clear()
	m.inflight = nil
	// The search of the notes' text runs again over the new talks.
	m.find.over, m.find.found, m.find.pending = nil, nil, 0

	// Marks of what changed since it was last shown.
	changed := make(map[string]string, len(m.list.changed)+len(ch.added)+len(ch.changed))
	for slug, v := range m.list.changed {
		if bySlug(doc, slug) != nil {
			changed[slug] = v
		}
	}
	for _, s := range ch.added {
		changed[s] = "new"
	}
	for _, s := range ch.changed {
		if changed[s] != "new" {
			changed[s] = "changed"
		}
	}
	m.list.changed = changed
	m.list.changes++
	if len(m.list.marked) > 0 { // pick mode's marks, by slug
		marked := make(map[*notes.Talk]bool, len(m.list.marked))
		for t := range m.list.marked {
			if n := bySlug(doc, t.Slug); n != nil {
				marked[n] = true
			}
		}
		m.list.marked = marked
		m.list.marks++
	}

	// The list as it was, of the new talks, until the search answers
	// (at once but for a large document).
	interim := make([]notes.Hit, 0, len(m.list.hits))
	for _, h := range m.list.hits {
		if t := bySlug(doc, h.Talk.Slug); t != nil {
			interim = append(interim, notes.Hit{Talk: t})
		}
	}
	if keep != nil && !m.about {
		m.detail.reloadTalk(keep, anchor)
	}
	m.list.setHits(interim, keep)
	cmd := m.runQueryKeeping(keep)
	if m.about {
		m.detail.docTitle = doc.Title
		m.detail.dirty = true
	}
	return tea.Batch(cmd, m.setNotice(ch.String(), msg.manual), m.tick())
}

// setNotice puts what a reload changed in the header for a few seconds.
// "no changes" is said only when the reader asked (r, e), and not over
// the notice of a change just seen (a watch that saw the editor's save
// before the editor's own reload).
func (m *Model) setNotice(s string, manual bool) tea.Cmd {
	if s == "" {
		if !manual {
			return nil
		}
		if m.live.notice != "" && m.live.notice != "no changes" {
			return nil
		}
		s = "no changes"
	}
	m.live.noticeID++
	m.live.notice = s
	id := m.live.noticeID
	return tea.Tick(noticeTime, func(time.Time) tea.Msg { return clearNoticeMsg{id} })
}

// seeChanged takes the mark off a changed talk once its notes are shown.
func (m *Model) seeChanged() {
	t := m.detail.talk
	if t == nil || m.about || m.tooSmall() || m.list.changed[t.Slug] == "" {
		return
	}
	if !m.wide() && (m.focus != focusDetail || m.searching) {
		return
	}
	changed := maps.Clone(m.list.changed) // models are values: a new map
	delete(changed, t.Slug)
	m.list.changed = changed
	m.list.changes++
	m.list.redraw()
}

// VIEW

// headerNote is what the header says of live notes: what the last reload
// changed, and how old a cached copy is.
func (m Model) headerNote() string {
	var parts []string
	if m.live.notice != "" {
		parts = append(parts, m.live.notice)
	}
	if !m.live.cachedAt.IsZero() {
		parts = append(parts, "cached "+source.Ago(max(0, m.live.now.Sub(m.live.cachedAt))))
	}
	return strings.Join(parts, " · ")
}

// titleLine is a row's first line: the title, and at the right "new" or
// "changed" for a talk that changed since it was last shown, and a dim
// check for a talk read.
func (l listModel) titleLine(h *notes.Hit, avail int, p *rowPaints, sel int) string {
	t := h.Talk
	tag := l.changed[t.Slug]
	read := l.isRead != nil && l.isRead(t.Slug)
	tw := cells.Width(tag)
	if tag != "" && avail < tw+8 {
		tag, tw = "", 0 // too narrow to say: the header counted it
	}
	if read && avail > tw+2 {
		tw += 2 // " ✓"
	} else {
		read = false
	}
	if tag == "" && !read {
		return highlight(t.Title, h.TitlePos, avail, p.title[sel], p.titleM[sel])
	}
	title, w := highlightW(t.Title, h.TitlePos, avail-tw-1, p.title[sel], p.titleM[sel])
	var tags string
	if tag != "" {
		tags = p.marker.render(tag)
	}
	if read {
		tags += " " + p.read.render("✓")
	}
	return title + strings.Repeat(" ", max(1, avail-w-cells.Width(ansi.Strip(tags)))) + tags
}

// oneLine is s made safe for the status line: one line, escaped.
func oneLine(s string) string { return escape.Line(s, 1000) }

// CHANGES

// changes is what a reload changed, by slug.
type changes struct {
	added, removed, changed []string
}

// diffDocs compares the talks of two documents by slug: those only in
// the new one, only in the old, and in both with other markdown. A talk
// only in the new one at the place in the schedule of one only in the old
// is that talk retitled (its slug follows its title): changed.
func diffDocs(old, doc *notes.Document) changes {
	var c changes
	before := make(map[string]*notes.Talk, len(old.Talks))
	for _, t := range old.Talks {
		before[t.Slug] = t
	}
	after := make(map[string]bool, len(doc.Talks))
	for _, t := range doc.Talks {
		after[t.Slug] = true
	}
	for i, t := range doc.Talks {
		o, ok := before[t.Slug]
		switch {
		case ok && o.Markdown() != t.Markdown():
			c.changed = append(c.changed, t.Slug)
		case ok:
		case i < len(old.Talks) && !after[old.Talks[i].Slug]:
			c.changed = append(c.changed, t.Slug) // retitled
			delete(before, old.Talks[i].Slug)
		default:
			c.added = append(c.added, t.Slug)
		}
		delete(before, t.Slug)
	}
	for _, t := range old.Talks {
		if _, gone := before[t.Slug]; gone {
			c.removed = append(c.removed, t.Slug)
		}
	}
	return c
}

// String is "+1 talk · −2 talks · 3 changed"; "" when nothing changed.
func (c changes) String() string {
	var parts []string
	talks := func(n int) string {
		if n == 1 {
			return "1 talk"
		}
		return fmt.Sprintf("%d talks", n)
	}
	if n := len(c.added); n > 0 {
		parts = append(parts, "+"+talks(n))
	}
	if n := len(c.removed); n > 0 {
		parts = append(parts, "−"+talks(n))
	}
	if n := len(c.changed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d changed", n))
	}
	return strings.Join(parts, " · ")
}

// bySlug is doc's talk with that slug, nil if none.
func bySlug(doc *notes.Document, slug string) *notes.Talk {
	for _, t := range doc.Talks {
		if t.Slug == slug {
			return t
		}
	}
	return nil
}

// sameTalk is doc's talk for t of the old notes: the one with its slug,
// else (its title was edited) the one at its place in the schedule; nil
// if t is nil.
func sameTalk(doc *notes.Document, t *notes.Talk) *notes.Talk {
	if t == nil {
		return nil
	}
	if n := bySlug(doc, t.Slug); n != nil {
		return n
	}
	if i := t.Number - 1; i >= 0 && i < len(doc.Talks) {
		return doc.Talks[i]
	}
	return nil
}

// THE PLACE READ

// scrollAnchor is the place read in a talk's notes, so that it survives
// a reload: the nearest heading at or above the top line (its anchor,
// unique in the talk), and how far below it the top line is; with no
// heading above, the line itself.
type scrollAnchor struct {
	section string
	delta   int
	offset  int // the top line, if the heading is gone
}

// anchor is the place read now.
func (d *detailModel) anchor() scrollAnchor {
	off := d.vp.YOffset()
	a := scrollAnchor{delta: off, offset: off}
	if !d.showing() || d.talk == nil {
		return a
	}
	for _, h := range d.headings() {
		if h.line > off {
			break
		}
		a.section, a.delta = h.anchor, off-h.line
	}
	return a
}

// reloadTalk shows t, the reloaded notes of the talk shown, at the place
// a. The old rendering stays on screen until t's arrives.
func (d *detailModel) reloadTalk(t *notes.Talk, a scrollAnchor) {
	showing := d.showing()
	d.talk, d.about = t, false
	if showing {
		d.have.talk = t
	}
	d.want = renderKey{}
	d.restore = &a
	d.dirty = true
}

// restoreScroll scrolls a new rendering to the place kept in restore.
func (d *detailModel) restoreScroll() {
	a := *d.restore
	d.restore = nil
	off := a.offset
	if a.section == "" {
		off = a.delta
	}
	for _, h := range d.headings() {
		if a.section != "" && h.anchor == a.section {
			off = h.line + a.delta
			break
		}
	}
	d.vp.SetYOffset(off)
}

// renderedHeading is a heading of the outline of the talk shown: its
// anchor, and its line in the rendering.
type renderedHeading struct {
	anchor string
	line   int
}

// headings are the headings of the outline of the talk shown, in order,
// on the lines the page's aids found them (newPageAids, in the render
// command). A heading not found is left out.
func (d *detailModel) headings() []renderedHeading {
	var out []renderedHeading
	for i, e := range d.aids.entries {
		if line := d.aids.sections[i]; line >= 0 {
			out = append(out, renderedHeading{anchor: e.Anchor, line: line})
		}
	}
	return out
}

// sourceLine is the line of the notes file where the place read starts,
// for an editor's +N: the heading above the top line of the notes shown,
// else the talk's own heading; 0 when no talk is shown.
func (m Model) sourceLine() int {
	t := m.detail.talk
	if t == nil || m.about {
		return 0
	}
	a := m.detail.anchor()
	if a.section == "" {
		return t.Line
	}
	var hs []notes.Heading
	for _, h := range t.Headings {
		if h.Level == 3 || h.Level == 4 {
			hs = append(hs, h)
		}
	}
	out := m.detail.aids.entries
	if len(hs) != len(out) {
		return t.Line // the file's headings and the outline disagree
	}
	for i, e := range out {
		if e.Anchor == a.section {
			return hs[i].Line
		}
	}
	return t.Line
}

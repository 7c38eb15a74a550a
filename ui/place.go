package ui

// Your place, kept: the browser remembers, per notes file, the talk being
// read, the place in each talk, the list's query, rating filter and sort,
// and which talks have been read (package ui/state keeps them on disk).
//
// The state is read in a command, so the first frame never waits for the
// disk; when it arrives it is applied only if the reader has not acted
// yet (read marks always are). Changes are saved in a command, at most
// once a second (Store.Save throttles, a tick waits), and Browse flushes
// them once the program has stopped.

import (
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui/state"
)

// StateOptions say where and whether the browser keeps the reader's place.
type StateOptions struct {
	// Dir is the state directory ($XDG_STATE_HOME/golanguk, which main
	// works out); "" keeps nothing between runs.
	Dir string
	// Path names the notes file (an absolute path, a URL, or a fixed
	// name for the built-in notes) and Hash returns the hash of its
	// content (state.ContentHash), called in a command: together they
	// are the file's identity in the state. A function, so that the
	// caller may hash in the background and let the bytes go.
	Path string
	Hash func() string
	// Fresh (--fresh) starts clean, at the first talk, at the top, with
	// no query, without forgetting: read marks still show, and this
	// session is remembered as usual.
	Fresh bool
	// Off (--no-state) neither reads nor writes the state: marks last
	// for this session only.
	Off bool
	// Warn, if set, is given the one-line warning of a final save that
	// failed, once the screen is the terminal's again (while the browser
	// runs, warnings go to its status line).
	Warn func(msg string)
}

// MSG

// stateLoadedMsg carries the state read from disk.
type stateLoadedMsg struct {
	store    *state.Store
	file     *state.FileState
	warnings []string
}

// stateSavedMsg says a save ended: wait > 0 asks for another save after
// that long (the throttle, or a change made meanwhile).
type stateSavedMsg struct {
	wait time.Duration
	err  error
}

// stateSaveMsg says the throttle's wait is over: save again.
type stateSaveMsg struct{}

// MODEL

// placeState is the browser's side of the state: the store, and what it
// last saw of the model, to tell a change.
type placeState struct {
	store *state.Store
	file  *state.FileState

	loaded  bool // the stored state is here (or none will come)
	touched bool // the reader acted before it came
	writes  bool // saves reach the disk
	restore bool // positions are restored (not --fresh, not pick mode)
	saving  bool // a save, or its throttle's wait, is under way
	pending bool // a change since that save began
	warned  string

	readN, readGen int // talks read; changes to the marks

	talk *notes.Talk    // the selection last seen
	list state.ListView // the list last seen

	// The talk whose place is tracked, whether its place was restored,
	// the offset last seen, and whether its end was in view.
	shown    *notes.Talk
	restored bool
	off      int
	atEnd    bool
}

// memoryFile is a state kept in memory only: for marks made before the
// stored one arrives, and for a browser that keeps nothing (a remote
// session, --no-state). It is made when first needed: it knows every
// slug, which costs on a large document.
func memoryFile(doc *notes.Document) (*state.Store, *state.FileState) {
	st, _ := state.Open("", state.Options{ReadOnly: true}) // no directory: no IO
	return st, st.File("memory", "", slugs(doc))
}

func slugs(doc *notes.Document) []string {
	out := make([]string, len(doc.Talks))
	for i, t := range doc.Talks {
		out[i] = t.Slug
	}
	return out
}

// fileState is the state being kept, a memory one if there is none yet.
func (m *Model) fileState() *state.FileState {
	if m.place.file == nil {
		m.place.store, m.place.file = memoryFile(m.doc)
	}
	return m.place.file
}

func newPlace(m *Model) placeState {
	p := placeState{talk: m.list.Selected()}
	p.list = m.listView()
	so := m.opts.State
	p.loaded = m.opts.Remote || so.Off || so.Dir == ""
	p.restore = !so.Fresh && !m.opts.Pick
	return p
}

// listView is the list's query, rating filter and sort, as stored.
func (m Model) listView() state.ListView {
	return state.ListView{Query: m.search.value(), Rating: m.minStars, Sort: sortName(m.sort)}
}

// INIT

// loadState reads the state in a command; nil when nothing is kept.
func (m Model) loadState() tea.Cmd {
	if m.place.loaded {
		return nil
	}
	so, doc, ro := m.opts.State, m.doc, m.opts.Pick
	return func() tea.Msg {
		st, warnings := state.Open(so.Dir, state.Options{ReadOnly: ro})
		hash := ""
		if so.Hash != nil {
			hash = so.Hash()
		}
		return stateLoadedMsg{st, st.File(so.Path, hash, slugs(doc)), warnings}
	}
}

// UPDATE

// noteInput records that the reader acted before the state arrived: then
// it does not move them.
func (p *placeState) noteInput(msg tea.Msg) {
	switch msg.(type) {
	case tea.KeyPressMsg, tea.MouseClickMsg, tea.MouseWheelMsg, tea.PasteMsg:
		if !p.loaded {
			p.touched = true
		}
	}
}

func (m Model) placeUpdate(msg tea.Msg) (Model, tea.Cmd) {
	p := &m.place
	switch msg := msg.(type) {
	case stateLoadedMsg:
		return m.stateLoaded(msg)
	case stateSaveMsg:
		return m, m.saveNow()
	case stateSavedMsg:
		var cmds []tea.Cmd
		if msg.err != nil && msg.err.Error() != p.warned {
			p.warned = msg.err.Error()
			cmds = append(cmds, m.setStatus(p.warned))
		}
		switch {
		case msg.wait > 0:
			cmds = append(cmds, tea.Tick(msg.wait, func(time.Time) tea.Msg { return stateSaveMsg{} }))
		case p.pending:
			cmds = append(cmds, m.saveNow())
		default:
			p.saving = false
		}
		return m, tea.Batch(cmds...)
	}
	return m, nil
}

func (m Model) stateLoaded(msg stateLoadedMsg) (Model, tea.Cmd) {
	p := &m.place
	old := p.file
	p.store, p.file, p.loaded = msg.store, msg.file, true
	p.writes = !msg.store.ReadOnly()
	var cmds []tea.Cmd
	// Marks made before it came are kept.
	carried := false
	if old != nil && old.ReadCount() > 0 {
		for _, t := range m.doc.Talks {
			if old.IsRead(t.Slug) {
				p.file.MarkRead(t.Slug)
				carried = true
			}
		}
	}
	if !p.touched && p.restore {
		cmds = append(cmds, m.applyStored())
	}
	if p.touched {
		// The page shown stays where the reader put it.
		p.shown, p.restored, p.off = m.detail.talk, true, m.detail.vp.YOffset()
	}
	p.talk, p.list = m.list.Selected(), m.listView()
	if p.readN > 0 || p.file.ReadCount() > 0 {
		m.readChanged() // else the list, drawn without marks, stays as it is
	} else {
		m.list.setRead(p.file.IsRead, p.readGen) // for marks to come; the same rows
	}
	if len(msg.warnings) > 0 {
		cmds = append(cmds, m.setStatus(strings.Join(msg.warnings, "; ")))
	}
	if carried {
		cmds = append(cmds, m.saveState())
	}
	return m, tea.Batch(cmds...)
}

// applyStored puts the list and the selection where they were left. A
// query, filter or sort given on the command line wins over the stored
// one; nothing stored searches nothing again.
func (m *Model) applyStored() tea.Cmd {
	f := m.place.file
	t := talkBySlug(m.doc, f.Talk())
	before := m.list.Selected()
	if t != nil {
		m.list.selectIndex(m.list.indexOf(t))
	}
	o := m.opts
	lv := f.List()
	if o.Query != "" || o.MinStars > 0 || o.SortSet || lv == (state.ListView{}) || lv == m.listView() {
		return m.selectionMoved(before)
	}
	m.search.setValue(lv.Query)
	m.minStars = max(0, min(lv.Rating, notes.MaxStars))
	if s, err := notes.ParseSort(lv.Sort); err == nil && lv.Sort != "" {
		m.sort = s
	}
	m.about = false
	cmd := m.runQuery(true)
	return tea.Batch(cmd, m.selectionMoved(before))
}

// talkBySlug is the talk of doc with this slug, or nil.
func talkBySlug(doc *notes.Document, slug string) *notes.Talk {
	for _, t := range doc.Talks {
		if slug != "" && t.Slug == slug {
			return t
		}
	}
	return nil
}

// toggleRead is m: the selected talk read, or not.
func (m *Model) toggleRead() tea.Cmd {
	t := m.list.Selected()
	if t == nil {
		return nil
	}
	read := m.fileState().ToggleRead(t.Slug)
	m.readChanged()
	msg := fmt.Sprintf("Marked “%s” read", t.Title)
	if !read {
		msg = fmt.Sprintf("Marked “%s” not read", t.Title)
	}
	return tea.Batch(m.setStatus(msg), m.saveState())
}

// readChanged shows a change of the read marks.
func (m *Model) readChanged() {
	p := &m.place
	p.readGen++
	if p.file == nil {
		p.readN = 0
		m.list.setRead(nil, p.readGen)
		return
	}
	p.readN = p.file.ReadCount()
	m.list.setRead(p.file.IsRead, p.readGen)
}

// trackPlace records what changed since the last look (the selection,
// the list, the place in the notes, a talk read to its end), restores the
// place of a talk shown for the first time, and returns the save.
func (m *Model) trackPlace() tea.Cmd {
	p := &m.place
	if !p.loaded {
		return nil // what changes now is not kept: the stored state is to come
	}
	f := m.fileState()
	changed := false
	if t := m.list.Selected(); t != p.talk {
		p.talk = t
		if t != nil {
			f.SetTalk(t.Slug)
			changed = true
		}
	}
	if lv := m.listView(); lv != p.list {
		p.list = lv
		f.SetList(lv)
		changed = true
	}
	d := &m.detail
	if d.talk != p.shown || d.about {
		p.shown, p.restored, p.atEnd = d.talk, false, false
	}
	// While the outline or the links view is open the notes move to
	// show where a choice would go, not where the reader is: esc puts
	// them back, and only what the reader then does counts.
	if d.talk != nil && !d.about && d.showing() && d.err == nil && !m.aid.open() {
		slug := d.talk.Slug
		if !p.restored {
			p.restored = true
			if p.restore && len(d.matches) == 0 {
				m.goToPosition(f.Position(slug))
			}
			p.off = d.vp.YOffset()
		}
		if off := d.vp.YOffset(); off != p.off {
			p.off = off
			f.SetPosition(slug, m.positionAt(off))
			changed = true
		}
		// Read once its end has been in view in the focused pane.
		end := m.focus == focusDetail && d.vp.AtBottom()
		if end && !p.atEnd && !f.IsRead(slug) {
			f.MarkRead(slug)
			m.readChanged()
			changed = true
		}
		p.atEnd = end
	}
	if !changed {
		return nil
	}
	return m.saveState()
}

// positionAt is offset off of the shown page as a place: the nearest
// heading at or above it, and the lines below that heading.
func (m *Model) positionAt(off int) state.Position {
	var pos state.Position
	pos.Line = off
	for _, h := range m.detail.headings() {
		if h.line > off {
			break
		}
		pos = state.Position{Section: h.anchor, Line: off - h.line}
	}
	return pos
}

// goToPosition scrolls the shown page to a place; a heading no longer
// there means the top.
func (m *Model) goToPosition(pos state.Position) {
	line := pos.Line
	if pos.Section != "" {
		line = 0
		for _, h := range m.detail.headings() {
			if h.anchor == pos.Section {
				line = h.line + pos.Line
				break
			}
		}
	}
	if line > 0 {
		m.detail.vp.SetYOffset(line)
		m.detail.dirty = true
	}
}

// saveState saves the changes in a command, unless a save (or its wait)
// is under way: that one saves them too.
func (m *Model) saveState() tea.Cmd {
	p := &m.place
	if !p.writes {
		return nil
	}
	if p.saving {
		p.pending = true
		return nil
	}
	p.saving = true
	return m.saveNow()
}

func (m *Model) saveNow() tea.Cmd {
	m.place.pending = false
	st := m.place.store
	return func() tea.Msg {
		wait, err := st.Save()
		return stateSavedMsg{wait, err}
	}
}

// flushTimeout bounds the final save: the store waits for another
// golanguk's lock for two seconds at most, and a disk may hang.
const flushTimeout = 5 * time.Second

// FlushState writes what the browser has not saved yet; Browse calls it
// once the program has stopped. The error is a one-line warning: the
// state never fails the program.
func (m Model) FlushState() error {
	if !m.place.writes {
		return nil
	}
	st := m.place.store
	done := make(chan error, 1)
	go func() { done <- st.Flush() }()
	select {
	case err := <-done:
		return err
	case <-time.After(flushTimeout):
		return errors.New("state: not saved: the disk did not answer")
	}
}

// ReadCount is the number of talks marked read.
func (m Model) ReadCount() int { return m.place.readN }

// IsRead reports whether the talk is marked read.
func (m Model) IsRead(t *notes.Talk) bool {
	return t != nil && m.place.file != nil && m.place.file.IsRead(t.Slug)
}

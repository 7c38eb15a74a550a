package ui

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/notes"
)

// Layout bounds.
const (
	// wideWidth is the narrowest terminal that shows list and notes side
	// by side; narrower ones show one pane at a time.
	wideWidth = 100
	// minWidth and minHeight: below them the browser only says so.
	minWidth  = 30
	minHeight = 8
	// minBody is the fewest body lines the full help leaves.
	minBody = 4
)

// MSG

type statusMsg struct{ text string }

type clearStatusMsg struct{ id int }

type openedMsg struct {
	url string
	err error
}

// MODEL

type focus int

const (
	focusList focus = iota
	focusDetail
)

// Model is the browser: a header, the talk list with its search line, the
// notes pane, and a help line. It owns the state of the query (text,
// minimum rating, sort) and hands keys to the focused pane.
type Model struct {
	doc  *notes.Document
	opts Options
	ctx  context.Context

	keys     *KeyMap
	styles   *Styles
	renderer *Renderer

	// pages are the renderings the browser has received, made ready for
	// the notes pane, the least recently shown first to go; inflight
	// those asked for and not yet back, so that no rendering is asked for
	// twice. Both change only in Update, by copy.
	pages    lru[renderKey, page]
	inflight []renderKey

	width, height int
	dark          bool   // background, as the terminal reported it
	style         string // glamour style

	focus     focus
	searching bool // the search line has the keyboard
	about     bool // the notes pane shows the about page
	showHelp  bool
	helpOff   int // first line of the full help shown, when it scrolls

	minStars int
	sort     notes.Sort
	seq      int                // of the latest search
	cancel   context.CancelFunc // of the running asynchronous search
	busy     bool               // an asynchronous search is running
	bgSearch bool               // searches run in a command (searchInBackground)
	keep     *notes.Talk        // the talk to keep selected when it answers

	list   listModel
	detail detailModel
	search searchModel

	find      findState   // the search of the notes being read
	findInput searchModel // its line, at the bottom while typed

	status    string
	statusID  int
	statusFor time.Duration // how long a status line stays: statusTime

	chosen      *notes.Talk   // pick mode: the first talk picked
	picks       []*notes.Talk // pick mode: every talk picked, in list order
	previewFlip bool          // pick mode: ctrl+/ hid the notes (or, narrow, showed them)

	place placeState // the reader's place, kept (place.go)

	panicInView bool // test hook, see testPanic

	aid aidState // the outline or the links of the talk being read, if open
	// goPanics carries panics of Browse's goroutines (goSafely); nil for
	// a model that Browse does not run.
	goPanics chan<- goPanicMsg

	ks    keyState   // what the enabled bindings were last set for
	frame frameLines // header and footer as drawn by Update

	live liveState // reloads, the editor, the cached notice (live.go)
}

// keptPages bounds the renderings the browser keeps: the talks around the
// selection and those visited last, not every talk scrolled through.
const keptPages = 32

// New returns the browser over doc. The list shows every talk in
// schedule order; nothing is rendered before the first window size.
func New(doc *notes.Document, opts Options) Model {
	keys := DefaultKeyMap()
	styles := DefaultStyles(true)
	m := Model{
		doc:      doc,
		opts:     opts,
		ctx:      context.Background(),
		keys:     &keys,
		styles:   &styles,
		renderer: NewRenderer(),
		pages:    newLRU[renderKey, page](keptPages),
		dark:     true,
		style:    ResolveStyle(opts.Style, opts.Terminal.Env, true, true),
		sort:     notes.SortRelevance,
		bgSearch: searchInBackground(doc),

		statusFor: statusTime,
	}
	if opts.Renderer != nil {
		m.renderer = opts.Renderer
	}
	m.list = newList(&m.keys.List, m.styles)
	m.detail = newDetail(&m.keys.Detail, m.styles, doc.Title)
	m.search = newSearch(m.styles, "search titles, speakers, notes")
	m.findInput = newSearch(m.styles, "search these notes (enter searches, esc cancels)")
	m.list.setFocused(true)
	if opts.Pick {
		// As fzf: the query box has the keyboard from the start.
		m.searching = true
		m.search.focus()
		m.list.markable = true
	}
	m.list.setHits(scheduleHits(doc, 0), nil)
	if opts.Query != "" || opts.MinStars > 0 || opts.SortSet {
		m.search.setValue(opts.Query)
		m.minStars = max(0, min(opts.MinStars, notes.MaxStars))
		if opts.SortSet {
			m.sort = opts.Sort
		}
		if !m.bgSearch {
			// Found before the first frame, so it never shows the
			// whole list first; a large document's is found in a
			// command (Init).
			m.applyHits(doc.Search(m.query()), nil)
		}
	}
	m.detail.setPage(m.list.Selected(), false)
	m.live = newLiveState(opts)
	m.place = newPlace(&m)
	m.readChanged()
	m.syncKeys()
	return m
}

// initialQueryMsg starts the search Options asked for, on a document too
// large to search inside New.
type initialQueryMsg struct{}

// Selected returns the selected talk, nil when the list is empty.
func (m Model) Selected() *notes.Talk { return m.list.Selected() }

// Listed returns the talks listed, in list order.
func (m Model) Listed() []*notes.Talk {
	out := make([]*notes.Talk, len(m.list.hits))
	for i := range m.list.hits {
		out[i] = m.list.hits[i].Talk
	}
	return out
}

// Query returns the query the list shows.
func (m Model) Query() notes.Query { return m.query() }

// Shown returns the talk whose notes the notes pane shows, and whether
// they are rendered (false while rendering). It is nil for the about page.
func (m Model) Shown() (*notes.Talk, bool) { return m.detail.talk, m.detail.showing() }

// DetailFocused reports whether the notes pane has the keyboard.
func (m Model) DetailFocused() bool { return m.focus == focusDetail && !m.searching }

// Searching reports whether the search line has the keyboard.
func (m Model) Searching() bool { return m.searching }

// Chosen returns the first talk picked in pick mode, or nil.
func (m Model) Chosen() *notes.Talk { return m.chosen }

// ChosenTalks returns the talks picked in pick mode, in list order: the
// marked talks, or else the selected one; nil if the user aborted.
func (m Model) ChosenTalks() []*notes.Talk { return slices.Clone(m.picks) }

// KeyMap returns the key bindings, enabled as they are in the current
// mode.
func (m Model) KeyMap() KeyMap { return *m.keys }

// ShortHelp and FullHelp are the help of the current mode, drawn from the
// key map.
func (m Model) ShortHelp() []key.Binding  { return m.keys.ShortHelp() }
func (m Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// query is the search the list shows: best match first while there is a
// text, schedule order otherwise, unless a sort was chosen.
func (m Model) query() notes.Query {
	q := notes.Query{Text: strings.TrimSpace(m.search.value()), MinStars: m.minStars, Sort: m.sort}
	if q.Sort == notes.SortRelevance && q.Text == "" {
		q.Sort = notes.SortSchedule
	}
	return q
}

// wide reports whether the list and the notes stand side by side.
func (m Model) wide() bool { return m.width >= wideWidth && !(m.opts.Pick && m.previewFlip) }

// narrowPreview reports whether, in pick mode on a narrow terminal, the
// notes stand in place of the list (ctrl+/).
func (m Model) narrowPreview() bool {
	return m.opts.Pick && m.previewFlip && m.width < wideWidth
}

func (m Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// INIT

// Init asks the terminal for its background, reads the state, and
// starts following the notes when they are watched.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.init(), m.loadState(), m.liveInit())
}

func (m Model) init() tea.Cmd {
	if m.bgSearch {
		// A large document's search index takes a while to build: start
		// it now, so the first query the user types does not wait for it.
		cmds := []tea.Cmd{tea.RequestBackgroundColor, prepareSearchCmd(m.doc)}
		if m.opts.Query != "" || m.opts.MinStars > 0 || m.opts.SortSet {
			cmds = append(cmds, func() tea.Msg { return initialQueryMsg{} })
		}
		return tea.Batch(cmds...)
	}
	return tea.RequestBackgroundColor
}

// UPDATE

// Update handles global messages (window size, background, quit) and
// results of commands, then hands keys and mouse to the focused pane.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.place.noteInput(msg)
	m, cmd := m.update(msg)
	m.syncAid()
	if c := m.refind(); c != nil {
		cmd = tea.Batch(cmd, c)
	}
	m.detail.setFindPosition(m.findPosition())
	m.seeChanged()
	m.list.setSearching(m.busy)
	if c := m.trackPlace(); c != nil {
		cmd = tea.Batch(cmd, c)
	}
	m.syncKeys()
	m.layout()
	m.detail.redraw()
	return m, cmd
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	if m, cmd, ok := m.updateLive(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		oldW := m.detailWidth()
		m.width, m.height = max(0, msg.Width), max(0, msg.Height)
		m.layout()
		if m.detailWidth() != oldW {
			m.pages.clear() // other widths are not needed again soon
		}
		return m, m.renderCmds()

	case goPanicMsg:
		// A goroutine of ours panicked: panic here, where Bubble Tea
		// hands the terminal back before it prints the panic.
		panic(msg.String())

	case suspendMsg:
		return m, m.suspend()

	case initialQueryMsg:
		return m, m.runQuery(false)

	case resumedMsg:
		// Back from a suspend: the shell drew over the screen, and the
		// terminal may have another size now. Draw it all again.
		m.frame = frameLines{}
		m.detail.dirty = true
		return m, tea.Batch(tea.ClearScreen, tea.RequestWindowSize)

	case tea.BackgroundColorMsg:
		m.dark = msg.IsDark()
		st := DefaultStyles(m.dark)
		m.styles = &st
		m.search.setStyles(m.styles)
		m.findInput.setStyles(m.styles)
		m.list.setStyles(m.styles)
		m.detail.setStyles(m.styles)
		m.frame = frameLines{} // drawn in the old styles
		if s := ResolveStyle(m.opts.Style, m.opts.Terminal.Env, true, m.dark); s != m.style {
			m.style = s
			m.pages.clear()
		}
		return m, m.renderCmds()

	case renderedMsg:
		m.inflight = withoutKey(m.inflight, msg.key)
		keep := msg.key.width == m.detailWidth() && msg.key.style == m.style
		if !keep && msg.key != m.detail.want {
			return m, m.renderCmds() // late: neither kept nor shown
		}
		p := msg.page
		if p == nil {
			np := newPage(msg)
			p = &np
		}
		if keep {
			m.pages.put(msg.key, *p)
		}
		m.detail.setContent(*p)
		return m, m.renderCmds()

	case aheadMsg:
		return m, m.renderAhead(msg.key)

	case linkDigitsMsg:
		m.aid.links, _ = m.aid.links.Update(msg)
		return m, nil

	case foundMsg:
		return m.found(msg)

	case searchedMsg:
		if msg.seq != m.seq {
			return m, nil // superseded
		}
		m.busy, m.cancel = false, nil
		m.applyHits(msg.hits, m.keep)
		return m, m.renderCmds()

	case statusMsg:
		return m, m.setStatus(msg.text)

	case stateLoadedMsg, stateSavedMsg, stateSaveMsg:
		return m.placeUpdate(msg)

	case clearStatusMsg:
		if msg.id == m.statusID {
			m.status = ""
		}
		return m, nil

	case openedMsg:
		if msg.err != nil {
			return m, m.setStatus("Could not open " + msg.url + ": " + msg.err.Error())
		}
		return m, m.setStatus("Opened " + msg.url)

	case tea.KeyPressMsg:
		if testPanic != "" {
			if cmd := m.armTestPanic(); cmd != nil {
				return m, cmd
			}
		}
		return m.handleKey(msg)

	case tea.PasteMsg:
		if m.find.typing {
			var cmd tea.Cmd
			m.findInput, cmd = m.findInput.Update(msg)
			return m, cmd
		}
		if !m.searching {
			return m, nil
		}
		return m.editQuery(msg)

	case tea.MouseMsg:
		return m.handleMouse(msg)
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	g := &m.keys.Global
	if key.Matches(msg, g.ForceQuit) {
		return m, m.quit()
	}
	if key.Matches(msg, g.Suspend) {
		return m, m.suspend() // as less: fg brings it back
	}
	if m.opts.Pick {
		return m.handlePickKey(msg)
	}
	if m.find.typing {
		return m.handleFindKey(msg)
	}
	if m.showHelp && len(m.fullHelpLines()) > m.helpRoom() {
		if m, ok := m.scrollHelp(msg); ok {
			return m, nil
		}
	}
	if m.aid.open() {
		return m.handleAidKey(msg)
	}
	if m.searching {
		return m.handleSearchKey(msg)
	}
	switch {
	case key.Matches(msg, g.Quit):
		return m, m.quit()
	case key.Matches(msg, g.Help):
		m.showHelp = !m.showHelp
		m.helpOff = 0
		return m, nil
	case key.Matches(msg, g.Search):
		return m, m.startSearch()
	case key.Matches(msg, g.Focus):
		m.setFocus(focusDetail)
		return m, m.renderCmds()
	case key.Matches(msg, g.FocusBack):
		m.setFocus(focusList)
		return m, nil
	case key.Matches(msg, g.Rating):
		n, _ := strconv.Atoi(msg.String())
		if n == m.minStars {
			n = 0
		}
		m.minStars = n
		return m, m.runQuery(true)
	case key.Matches(msg, g.Sort):
		m.sort = nextSort(m.sort, m.query().Text != "")
		return m, m.runQuery(true)
	case key.Matches(msg, g.Open):
		if u := linkOf(m.list.Selected()); u != "" {
			if m.opts.Remote { // nothing runs on the server: the reader opens it
				return m, m.setStatus("Open the link shown: " + u)
			}
			return m, tea.Batch(openCmd(m.opts.Terminal.Env, u), m.setStatus("Opening "+u+" …"))
		}
		return m, nil
	case key.Matches(msg, g.Copy):
		t := m.list.Selected()
		return m, tea.Batch(tea.SetClipboard(t.Markdown()),
			m.setStatus(fmt.Sprintf("Copied the notes of “%s” as markdown", t.Title)))
	case key.Matches(msg, g.About):
		m.setAbout(!m.about)
		return m, m.renderCmds()
	case key.Matches(msg, g.Outline):
		return m.openAid(aidOutline)
	case key.Matches(msg, g.Links):
		return m.openAid(aidLinks)
	case key.Matches(msg, g.Edit):
		return m, m.edit()
	case key.Matches(msg, g.Reload):
		return m, m.reloadNow()
	case key.Matches(msg, g.ToggleRead):
		return m, m.toggleRead()
	}

	if m.focus == focusList {
		return m.handleListKey(msg)
	}
	return m.handleDetailKey(msg)
}

func (m Model) handleListKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	l := &m.keys.List
	switch {
	case key.Matches(msg, l.Enter):
		m.setFocus(focusDetail)
		return m, m.renderCmds()
	case key.Matches(msg, l.Clear):
		m.minStars = 0
		m.search.setValue("")
		return m, m.runQuery(true)
	}
	before := m.list.Selected()
	m.list, _ = m.list.Update(msg)
	return m, m.selectionMoved(before)
}

func (m Model) handleDetailKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	d := &m.keys.Detail
	switch {
	case key.Matches(msg, d.Back):
		if m.find.text != "" {
			m.clearFind()
			return m, nil
		}
		if m.about {
			m.setAbout(false)
			return m, m.renderCmds()
		}
		m.setFocus(focusList)
		return m, nil
	case key.Matches(msg, d.Find):
		return m, m.startFind()
	case key.Matches(msg, d.NextMatch):
		return m.nextMatch(1)
	case key.Matches(msg, d.PrevMatch):
		return m.nextMatch(-1)
	case key.Matches(msg, d.NextTalk):
		return m.moveSelection(1)
	case key.Matches(msg, d.PrevTalk):
		return m.moveSelection(-1)
	}
	var cmd tea.Cmd
	m.detail, cmd = m.detail.Update(msg)
	return m, cmd
}

// moveSelection moves the list's selection by delta talks, from the notes
// pane or while typing a query.
func (m Model) moveSelection(delta int) (Model, tea.Cmd) {
	before := m.list.Selected()
	m.list.selectIndex(m.list.sel + delta)
	return m, m.selectionMoved(before)
}

func (m Model) handleSearchKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	s := &m.keys.Search
	switch {
	case key.Matches(msg, s.Up):
		return m.moveSelection(-1)
	case key.Matches(msg, s.Down):
		return m.moveSelection(1)
	case key.Matches(msg, s.Accept):
		m.stopSearch()
		return m, nil
	case key.Matches(msg, s.Complete):
		v, ok := completeQuery(m.search.value(), m.doc)
		if !ok {
			return m, nil
		}
		m.search.setValue(v)
		return m, m.runQuery(false)
	case key.Matches(msg, s.Cancel):
		m.stopSearch()
		if m.search.value() == "" {
			return m, nil
		}
		m.search.setValue("")
		return m, m.runQuery(false)
	}
	return m.editQuery(msg)
}

// editQuery hands a key or a paste to the search line and searches again
// if the text changed.
func (m Model) editQuery(msg tea.Msg) (Model, tea.Cmd) {
	before := m.search.value()
	var cmd tea.Cmd
	m.search, cmd = m.search.Update(msg)
	if m.search.value() == before {
		return m, cmd
	}
	return m, tea.Batch(cmd, m.runQuery(false))
}

func (m Model) handleMouse(msg tea.MouseMsg) (Model, tea.Cmd) {
	if m.aid.open() {
		return m, nil // the aid has the keyboard; the mouse waits for it to close
	}
	m, cmd := m.mouse(msg)
	if m.opts.Pick && !m.searching {
		// The query box keeps the keyboard in pick mode.
		m.searching = true
		m.setFocus(focusList)
		cmd = tea.Batch(cmd, m.search.focus())
	}
	return m, cmd
}

func (m Model) mouse(msg tea.MouseMsg) (Model, tea.Cmd) {
	if m.tooSmall() {
		return m, nil
	}
	mouse := msg.Mouse()
	pane, y := m.paneAt(mouse.X, mouse.Y)
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch pane {
		case paneList:
			before := m.list.Selected()
			m.list, _ = m.list.Update(msg)
			return m, m.selectionMoved(before)
		case paneDetail:
			m.detail, _ = m.detail.Update(msg)
		}
	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft {
			return m, nil
		}
		if m.find.typing {
			m.find.typing = false
			m.findInput.blur()
		}
		switch pane {
		case paneSearch:
			return m, m.startSearch()
		case paneList:
			if m.searching {
				m.stopSearch()
			}
			m.setFocus(focusList)
			if i := m.list.rowAt(y); i >= 0 {
				before := m.list.Selected()
				m.list.selectIndex(i)
				return m, m.selectionMoved(before)
			}
		case paneDetail:
			if m.searching {
				m.stopSearch()
			}
			m.setFocus(focusDetail)
			return m, m.renderCmds()
		}
	}
	return m, nil
}

type pane int

const (
	paneNone pane = iota
	paneSearch
	paneList
	paneDetail
)

// paneAt returns the pane at screen cell (x, y) and the line of the cell
// inside it (for the list, below its search line).
func (m Model) paneAt(x, y int) (pane, int) {
	if y < 1 || y > m.bodyHeight() {
		return paneNone, 0
	}
	y-- // the header
	switch {
	case m.wide() && x > m.listWidth():
		return paneDetail, y
	case m.wide() && x == m.listWidth():
		return paneNone, 0 // the separator
	case !m.wide() && (m.focus == focusDetail && !m.searching || m.narrowPreview()):
		return paneDetail, y
	case y == 0:
		return paneSearch, 0
	}
	return paneList, y - 1
}

// selectionMoved follows a move of the list's selection: the notes pane
// shows the newly selected talk (closing the about page).
func (m *Model) selectionMoved(before *notes.Talk) tea.Cmd {
	if m.list.Selected() == before {
		return nil
	}
	m.about = false
	m.detail.setPage(m.list.Selected(), false)
	return m.renderCmds()
}

func (m *Model) setFocus(f focus) {
	m.focus = f
	m.list.setFocused(f == focusList)
	m.detail.setFocused(f == focusDetail)
}

func (m *Model) setAbout(on bool) {
	m.about = on
	if on {
		m.detail.setPage(nil, true)
		m.setFocus(focusDetail)
		return
	}
	m.detail.setPage(m.list.Selected(), false)
}

func (m *Model) startSearch() tea.Cmd {
	m.searching = true
	m.setFocus(focusList)
	if m.about {
		m.setAbout(false)
	}
	return tea.Batch(m.search.focus(), m.renderCmds())
}

func (m *Model) stopSearch() {
	m.searching = false
	m.search.blur()
}

func (m *Model) quit() tea.Cmd {
	m.cancelSearch()
	return tea.Quit
}

// nextSort cycles schedule, stars, title, speaker; while there is a query
// text "relevance" (best match first) comes first.
func nextSort(s notes.Sort, hasText bool) notes.Sort {
	if !hasText && s == notes.SortRelevance {
		s = notes.SortSchedule
	}
	switch s {
	case notes.SortRelevance:
		return notes.SortSchedule
	case notes.SortSchedule:
		return notes.SortStars
	case notes.SortStars:
		return notes.SortTitle
	case notes.SortTitle:
		return notes.SortSpeaker
	}
	if hasText {
		return notes.SortRelevance
	}
	return notes.SortSchedule
}

// sortName is the sort's name as the command line spells it (--sort),
// so that a sort has one name everywhere.
func sortName(s notes.Sort) string { return s.String() }

// runQuery searches again after the query changed. With keep the selected
// talk stays selected if it is still listed; otherwise the best hit is.
func (m *Model) runQuery(keep bool) tea.Cmd {
	var k *notes.Talk
	if keep {
		k = m.list.Selected()
	}
	return m.runQueryKeeping(k)
}

// runQueryKeeping searches again, keeping k selected if it is listed.
func (m *Model) runQueryKeeping(k *notes.Talk) tea.Cmd {
	q := m.query()
	// An impossible query (stars:>=11) finds nothing: the list says why.
	m.list.problem = ""
	if err := q.Check(); err != nil {
		m.list.problem = strings.TrimPrefix(err.Error(), "query: ")
	}
	if q.Text == "" && q.Sort == notes.SortSchedule {
		// Every talk rated high enough, in file order: what Search
		// answers, without waiting for its index of a large document.
		m.cancelSearch()
		m.applyHits(scheduleHits(m.doc, q.MinStars), k)
		return m.renderCmds()
	}
	if m.bgSearch {
		return m.startAsync(q, k)
	}
	m.applyHits(m.doc.Search(q), k)
	return m.renderCmds()
}

// scheduleHits is every talk rated at least min, in schedule order.
func scheduleHits(doc *notes.Document, min int) []notes.Hit {
	hits := make([]notes.Hit, 0, len(doc.Talks))
	for _, t := range doc.Talks {
		if t.Stars >= min {
			hits = append(hits, notes.Hit{Talk: t})
		}
	}
	return hits
}

// cancelSearch abandons the running asynchronous search: its answer, if
// it comes, is stale.
func (m *Model) cancelSearch() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.seq++
	m.busy = false
}

// startAsync starts a search in a command, cancelling the one running.
func (m *Model) startAsync(q notes.Query, keep *notes.Talk) tea.Cmd {
	if m.cancel != nil {
		m.cancel()
	}
	ctx, cancel := context.WithCancel(m.ctx)
	m.cancel = cancel
	m.seq++
	m.busy = true
	m.keep = keep
	return searchCmd(ctx, m.doc, q, m.seq)
}

// applyHits shows new hits and keeps the notes pane on the selection.
func (m *Model) applyHits(hits []notes.Hit, keep *notes.Talk) {
	before := m.list.Selected()
	m.list.setHits(hits, keep)
	if m.list.Selected() != before {
		m.about = false
	}
	if !m.about {
		m.detail.setPage(m.list.Selected(), false)
	}
	m.detail.setTerms(m.highlightText())
}

// statusTime is how long the status line says what a key did.
const statusTime = 4 * time.Second

func (m *Model) setStatus(s string) tea.Cmd {
	m.statusID++
	m.status = s
	id := m.statusID
	return tea.Tick(m.statusFor, func(time.Time) tea.Msg { return clearStatusMsg{id} })
}

// syncKeys enables the bindings that apply now.
func (m *Model) syncKeys() {
	md := modeList
	switch {
	case m.find.typing:
		md = modeFind
	case m.searching:
		md = modeSearch
	case m.focus == focusDetail:
		md = modeDetail
	}
	if am, ok := m.aidMode(); ok {
		md = am
	}
	t := m.list.Selected()
	m.ks = keyState{
		mode:     md,
		pick:     m.opts.Pick,
		wide:     m.wide(),
		hasTalk:  t != nil,
		hasLink:  linkOf(t) != "",
		filtered: m.search.value() != "" || m.minStars > 0,
		about:    m.about,
		matches:  len(m.detail.matches) > 0,
		finding:  m.find.text != "",
		suspend:  m.opts.Stop != nil,
	}
	m.keys.setMode(m.ks)
}

// COMMANDS

// renderCmds asks for what the notes pane needs: its page at its width
// and style, from the cache or rendered in a command; once that is there,
// the neighbours of the selection, so that the next move is instant.
func (m *Model) renderCmds() tea.Cmd {
	k, ok := m.pageKey()
	if !ok {
		return nil
	}
	m.detail.setWant(k)
	r, ok := m.pages.get(k)
	if !ok {
		// Another browser sharing the renderer (serve's sessions) may
		// have made the page: shown at once, with no command, no frame
		// saying "Rendering…" and no second frame.
		p, shared := m.renderer.keptPage(k)
		if !shared {
			return m.render(k)
		}
		r = *p
		m.pages.put(k, r)
	}
	m.pages.touch(k)
	m.detail.setContent(r)
	if len(m.aheadKeys(k)) == 0 {
		return nil
	}
	// The neighbours wait for the frame that shows this page to be drawn:
	// rendering them at once would compete with drawing it, on a machine
	// of two cores, and delay it by a frame or more.
	return tea.Tick(aheadDelay, func(time.Time) tea.Msg { return aheadMsg{key: k} })
}

// aheadDelay is how long the renderings of the selection's neighbours wait:
// two frames, time for the frame showing the selection to reach the
// terminal.
const aheadDelay = 2 * time.Second / frameRate

// aheadMsg asks for the renderings of the neighbours of the selection,
// if the page wanted is still key.
type aheadMsg struct{ key renderKey }

// renderAhead renders the neighbours of the selection not yet rendered,
// so that the next move is instant.
func (m *Model) renderAhead(k renderKey) tea.Cmd {
	if k != m.detail.want {
		return nil // the selection moved on; its own renderCmds take over
	}
	var cmds []tea.Cmd
	for _, nk := range m.aheadKeys(k) {
		cmds = append(cmds, m.render(nk))
	}
	return tea.Batch(cmds...)
}

// aheadKeys are the neighbours of the selection, shown at k's width and
// style, that are neither rendered nor being rendered. A page that another
// browser sharing the renderer made is rendered already: renderCmds
// takes it when the selection gets there.
func (m *Model) aheadKeys(k renderKey) []renderKey {
	var keys []renderKey
	for _, d := range []int{1, -1} {
		i := m.list.sel + d
		if i < 0 || i >= len(m.list.hits) {
			continue
		}
		nk := renderKey{talk: m.list.hits[i].Talk, width: k.width, style: k.style}
		if _, ok := m.pages.get(nk); ok || slices.Contains(m.inflight, nk) {
			continue
		}
		if _, shared := m.renderer.keptPage(nk); shared {
			continue
		}
		keys = append(keys, nk)
	}
	return keys
}

// prerender returns the rendering of the page the first frame shows on a
// terminal of width x height, for Browse to run while Bubble Tea starts:
// Bubble Tea takes a few milliseconds to start and to report the size, and
// the rendering, which takes longer, runs meanwhile on another core. The
// command that asks for the page when the size arrives then finds it in the
// renderer's cache, or waits for it there. It returns nil when the first
// frame shows no notes. Nothing of the model changes: m is a copy, and the
// renderer is safe for concurrent use.
func (m Model) prerender(width, height int) func() {
	m.width, m.height = width, height
	k, ok := m.pageKey()
	if !ok || k.about {
		return nil
	}
	r := m.renderer
	return func() { _, _ = r.Body(k.talk, k.width, k.style) }
}

// pageKey is the rendering the notes pane shows now: its page at its width
// and style. ok is false when it shows none (no talk, a window too small).
func (m Model) pageKey() (k renderKey, ok bool) {
	if m.tooSmall() || (m.detail.talk == nil && !m.detail.about) {
		return renderKey{}, false
	}
	return renderKey{talk: m.detail.talk, about: m.detail.about, width: m.detailWidth(), style: m.style}, true
}

// render returns the command rendering k, or nil if it is under way.
func (m *Model) render(k renderKey) tea.Cmd {
	if slices.Contains(m.inflight, k) {
		return nil
	}
	m.inflight = append(m.inflight[:len(m.inflight):len(m.inflight)], k) // a copy: see pages
	r := m.renderer
	if k.about {
		md := m.doc.AboutMarkdown()
		return func() tea.Msg {
			out, err := r.Markdown(md, k.width, k.style)
			return renderedPage(r, k, out, err)
		}
	}
	return func() tea.Msg {
		out, err := r.Body(k.talk, k.width, k.style)
		return renderedPage(r, k, out, err)
	}
}

// renderedPage is the message of a render command, with its page made
// there rather than in Update, or the one r keeps.
func renderedPage(r *Renderer, k renderKey, out string, err error) renderedMsg {
	msg := renderedMsg{key: k, out: out, err: err}
	if p, ok := r.keptPage(k); ok && err == nil {
		msg.page = p
		return msg
	}
	p := newPage(msg)
	msg.page = r.keepPage(k, &p)
	return msg
}

// withoutKey returns keys without k, in a new slice.
func withoutKey(keys []renderKey, k renderKey) []renderKey {
	out := make([]renderKey, 0, len(keys))
	for _, o := range keys {
		if o != k {
			out = append(out, o)
		}
	}
	return out
}

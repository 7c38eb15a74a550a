package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
)

// KeyMap is every key binding of the browser, grouped by where it applies.
// Bindings that do not apply in the current mode are disabled, so the help
// drawn from the key map is always accurate.
type KeyMap struct {
	Global GlobalKeyMap
	List   ListKeyMap
	Search SearchKeyMap
	Detail DetailKeyMap
	Pick   PickKeyMap

	// The reading aids (aids.go): the outline (t) and the links (L).
	Outline OutlineKeyMap
	Links   LinksKeyMap
}

// DefaultKeyMap returns the browser's default key bindings: vim keys and
// arrows, "/" to search, "?" for help, "q" to quit, as in less, fzf and glow.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Global: DefaultGlobalKeyMap(),
		List:   DefaultListKeyMap(),
		Search: DefaultSearchKeyMap(),
		Detail: DefaultDetailKeyMap(),
		Pick:   DefaultPickKeyMap(),

		Outline: DefaultOutlineKeyMap(),
		Links:   DefaultLinksKeyMap(),
	}
}

// PickKeyMap holds the bindings of pick mode, those of fzf: the query box
// has the keyboard from the start, every other printable key is text.
type PickKeyMap struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Mark     key.Binding // and move down
	MarkUp   key.Binding // and move up
	Accept   key.Binding
	Abort    key.Binding
	Preview  key.Binding
}

// DefaultPickKeyMap returns the default pick-mode bindings. ctrl+/
// arrives as ctrl+_ from a terminal without the kitty keyboard protocol
// (both send 0x1f), so both are bound.
func DefaultPickKeyMap() PickKeyMap {
	return PickKeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "ctrl+p", "ctrl+k"), key.WithHelp("↑/ctrl+p/ctrl+k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "ctrl+n", "ctrl+j"), key.WithHelp("↓/ctrl+n/ctrl+j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Mark:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "mark")),
		MarkUp:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "mark, up")),
		Accept:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "pick")),
		Abort:    key.NewBinding(key.WithKeys("esc", "ctrl+c", "ctrl+g", "ctrl+q"), key.WithHelp("esc", "abort")),
		Preview:  key.NewBinding(key.WithKeys("ctrl+/", "ctrl+_"), key.WithHelp("ctrl+/", "toggle preview")),
	}
}

// GlobalKeyMap holds the bindings that work in the list and in the detail.
type GlobalKeyMap struct {
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
	Suspend   key.Binding
	Search    key.Binding
	Focus     key.Binding // tab: list -> detail
	FocusBack key.Binding // shift+tab: detail -> list
	Rating    key.Binding // 0-9
	Sort      key.Binding
	Open      key.Binding
	Copy      key.Binding
	About     key.Binding
	Outline   key.Binding // t: the outline of the talk being read
	Links     key.Binding // L: its links
	Edit      key.Binding // the notes file in $VISUAL or $EDITOR
	Reload    key.Binding
	// ToggleRead marks the selected talk read, or not; scrolling a talk
	// to its end marks it too.
	ToggleRead key.Binding
}

// DefaultGlobalKeyMap returns the default global bindings.
func DefaultGlobalKeyMap() GlobalKeyMap {
	return GlobalKeyMap{
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "toggle help")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Suspend:   key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "suspend")),
		Search:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		Focus:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "focus notes")),
		FocusBack: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "focus list")),
		Rating: key.NewBinding(
			key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9", "0"),
			key.WithHelp("1-9", "min ★ (0 clears)")),
		Sort:  key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "cycle sort")),
		Open:  key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open speaker link")),
		Copy:  key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy markdown")),
		About: key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "about")),

		Outline:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "outline")),
		Links:      key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "links")),
		Edit:       key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit notes")),
		Reload:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload notes")),
		ToggleRead: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark read/unread")),
	}
}

// ListKeyMap holds the bindings of the talk list.
type ListKeyMap struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Home     key.Binding
	End      key.Binding
	Enter    key.Binding
	Clear    key.Binding
}

// DefaultListKeyMap returns the default list bindings.
func DefaultListKeyMap() ListKeyMap {
	return ListKeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Home:     key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		End:      key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
		Enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read notes")),
		Clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear query/filter")),
	}
}

// SearchKeyMap holds the bindings active while typing a query. Every other
// printable key is text.
type SearchKeyMap struct {
	Up       key.Binding
	Down     key.Binding
	Accept   key.Binding
	Cancel   key.Binding
	Complete key.Binding // field names, has: values and speakers (not in pick mode, where tab marks)
}

// DefaultSearchKeyMap returns the default search-input bindings.
func DefaultSearchKeyMap() SearchKeyMap {
	return SearchKeyMap{
		Up:       key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑/ctrl+p", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓/ctrl+n", "down")),
		Accept:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep query")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear query")),
		Complete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete field or speaker")),
	}
}

// DetailKeyMap holds the bindings of the notes pane.
type DetailKeyMap struct {
	Up           key.Binding
	Down         key.Binding
	PageDown     key.Binding
	PageUp       key.Binding
	HalfPageDown key.Binding
	HalfPageUp   key.Binding
	Top          key.Binding
	Bottom       key.Binding
	NextTalk     key.Binding
	PrevTalk     key.Binding
	NextMatch    key.Binding
	PrevMatch    key.Binding
	Back         key.Binding

	// Searching the notes, as less does; esc (Back) clears the search
	// first, and cancels it while it is typed.
	Find       key.Binding
	FindAccept key.Binding
}

// DefaultDetailKeyMap returns the default detail bindings, those of less.
func DefaultDetailKeyMap() DetailKeyMap {
	return DetailKeyMap{
		Up:           key.NewBinding(key.WithKeys("up", "k", "ctrl+y"), key.WithHelp("↑/k/ctrl+y", "line up")),
		Down:         key.NewBinding(key.WithKeys("down", "j", "ctrl+e"), key.WithHelp("↓/j/ctrl+e", "line down")),
		PageDown:     key.NewBinding(key.WithKeys("space", "pgdown", "f", "ctrl+f"), key.WithHelp("space/f/ctrl+f", "page down")),
		PageUp:       key.NewBinding(key.WithKeys("b", "pgup", "ctrl+b"), key.WithHelp("b/ctrl+b", "page up")),
		HalfPageDown: key.NewBinding(key.WithKeys("ctrl+d", "d"), key.WithHelp("ctrl+d", "½ page down")),
		HalfPageUp:   key.NewBinding(key.WithKeys("ctrl+u", "u"), key.WithHelp("ctrl+u", "½ page up")),
		Top:          key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		NextTalk:     key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next talk")),
		PrevTalk:     key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous talk")),
		NextMatch:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch:    key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Back:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to list")),
		Find:         key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search the notes")),
		FindAccept:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search")),
	}
}

// viewportKeyMap is the scrolling part of k, for the notes pane's
// viewport. It scrolls vertically only: the notes are wrapped to the pane.
func (k DetailKeyMap) viewportKeyMap() viewport.KeyMap {
	return viewport.KeyMap{
		Up:           k.Up,
		Down:         k.Down,
		PageDown:     k.PageDown,
		PageUp:       k.PageUp,
		HalfPageDown: k.HalfPageDown,
		HalfPageUp:   k.HalfPageUp,
	}
}

// mode is what the keyboard is driving.
type mode int

const (
	modeList    mode = iota // browsing the list
	modeDetail              // reading a talk's notes (or the about page)
	modeSearch              // typing a query
	modeFind                // typing a search of the notes
	modeOutline             // the outline of the talk being read
	modeLinks               // its links
)

// keyState is what the enabled bindings depend on.
type keyState struct {
	mode     mode
	pick     bool // pick mode: the keys of fzf
	wide     bool // two panes side by side
	hasTalk  bool // a talk is selected
	hasLink  bool // the selected talk has an http(s)/mailto link
	filtered bool // a query or a rating filter is active
	about    bool // the detail shows the about page
	matches  bool // the detail has query matches
	finding  bool // a search of the notes is in force
	suspend  bool // the process may be stopped (not in a remote session)
}

// setMode enables exactly the bindings that apply in s.
func (k *KeyMap) setMode(s keyState) {
	browsing := s.mode == modeList || s.mode == modeDetail
	aid := s.mode == modeOutline || s.mode == modeLinks
	list := s.mode == modeList
	detail := s.mode == modeDetail

	g := &k.Global
	g.Help.SetEnabled(browsing || aid)
	g.Quit.SetEnabled(browsing || aid)
	g.ForceQuit.SetEnabled(true)
	g.Suspend.SetEnabled(s.suspend)
	g.Search.SetEnabled(browsing && !(detail && !s.about)) // in the notes, / searches them
	g.Focus.SetEnabled(list && s.hasTalk)
	g.FocusBack.SetEnabled(detail)
	g.Rating.SetEnabled(browsing)
	g.Sort.SetEnabled(browsing)
	g.Open.SetEnabled(browsing && s.hasLink && !(detail && s.about))
	g.Copy.SetEnabled(browsing && s.hasTalk && !(detail && s.about))
	g.About.SetEnabled(browsing)
	g.Outline.SetEnabled(browsing && s.hasTalk && !s.about) // of the talk being read
	g.Links.SetEnabled(browsing && s.hasTalk && !s.about)
	k.Outline.setEnabled(s.mode == modeOutline)
	k.Links.setEnabled(s.mode == modeLinks)
	g.Edit.SetEnabled(browsing)
	g.Reload.SetEnabled(browsing)
	g.ToggleRead.SetEnabled(browsing && s.hasTalk && !(detail && s.about))

	p := &k.Pick
	for _, b := range []*key.Binding{&p.Up, &p.Down, &p.PageUp, &p.PageDown, &p.Mark, &p.MarkUp, &p.Accept, &p.Abort, &p.Preview} {
		b.SetEnabled(s.pick)
	}
	if s.pick {
		k.disableAllBut(p)
		return
	}

	l := &k.List
	for _, b := range []*key.Binding{&l.Up, &l.Down, &l.PageUp, &l.PageDown, &l.Home, &l.End} {
		b.SetEnabled(list)
	}
	l.Enter.SetEnabled(list && !s.pick && s.hasTalk)
	l.Clear.SetEnabled(list && s.filtered)

	for _, b := range []*key.Binding{&k.Search.Up, &k.Search.Down, &k.Search.Accept, &k.Search.Cancel} {
		b.SetEnabled(s.mode == modeSearch)
	}
	k.Search.Complete.SetEnabled(s.mode == modeSearch && !s.pick)

	d := &k.Detail
	for _, b := range []*key.Binding{&d.Up, &d.Down, &d.PageDown, &d.PageUp, &d.HalfPageDown, &d.HalfPageUp, &d.Top, &d.Bottom, &d.Back} {
		b.SetEnabled(detail)
	}
	d.NextTalk.SetEnabled(detail && !s.about && s.hasTalk)
	d.PrevTalk.SetEnabled(detail && !s.about && s.hasTalk)
	d.NextMatch.SetEnabled(detail && !s.about && (s.matches || s.finding))
	d.PrevMatch.SetEnabled(detail && !s.about && (s.matches || s.finding))
	d.Find.SetEnabled(detail && !s.about)
	d.Back.SetEnabled(detail || s.mode == modeFind)
	d.FindAccept.SetEnabled(s.mode == modeFind)
	if detail {
		// less scrolls a line up on y; here y copies, and ctrl+y scrolls.
		g.Copy.SetHelp("y", "copy markdown (ctrl+y: line up)")
	} else {
		g.Copy.SetHelp("y", "copy markdown")
	}
	switch {
	case s.mode == modeFind:
		d.Back.SetHelp("esc", "cancel")
	case s.finding:
		d.Back.SetHelp("esc", "clear search")
	case s.about:
		d.Back.SetHelp("esc", "close about")
	default:
		d.Back.SetHelp("esc", "back to list")
	}
	if s.wide {
		g.Focus.SetHelp("tab", "focus notes")
	} else {
		g.Focus.SetHelp("tab", "read notes")
	}
}

// disableAllBut disables every binding outside group p: in pick mode
// every printable key is text.
func (k *KeyMap) disableAllBut(p *PickKeyMap) {
	g, l, s, d := &k.Global, &k.List, &k.Search, &k.Detail
	for _, b := range []*key.Binding{
		&g.Help, &g.Quit, &g.ForceQuit, &g.Suspend, &g.Search, &g.Focus, &g.FocusBack, &g.Rating, &g.Sort, &g.Open, &g.Copy, &g.About,
		&g.Outline, &g.Links, &g.Edit, &g.Reload, &g.ToggleRead,
		&l.Up, &l.Down, &l.PageUp, &l.PageDown, &l.Home, &l.End, &l.Enter, &l.Clear,
		&s.Up, &s.Down, &s.Accept, &s.Cancel, &s.Complete,
		&d.Up, &d.Down, &d.PageDown, &d.PageUp, &d.HalfPageDown, &d.HalfPageUp, &d.Top, &d.Bottom,
		&d.NextTalk, &d.PrevTalk, &d.NextMatch, &d.PrevMatch, &d.Back, &d.Find, &d.FindAccept,
	} {
		b.SetEnabled(false)
	}
}

// ShortHelp is the one-line help for the current mode: its main keys, "?"
// for the rest.
func (k KeyMap) ShortHelp() []key.Binding {
	g, l, s, d, p := k.Global, k.List, k.Search, k.Detail, k.Pick
	if p.Accept.Enabled() {
		return enabled(p.Accept, p.Mark, p.Down, p.Up, p.Preview, p.Abort)
	}
	if k.Outline.Down.Enabled() {
		return append(k.Outline.ShortHelp(), enabled(g.Help, g.Quit)...)
	}
	if k.Links.Down.Enabled() {
		return append(k.Links.ShortHelp(), enabled(g.Help, g.Quit)...)
	}
	if d.Down.Enabled() { // reading notes
		return enabled(d.Down, d.NextTalk, d.Back, g.Help, g.Quit, g.Outline, g.Links, d.Find, d.NextMatch)
	}
	return enabled(
		d.FindAccept, d.Back,
		s.Up, s.Down, s.Accept, s.Cancel, s.Complete,
		l.Up, l.Down, l.Enter, g.Search, g.Help, g.Quit, g.Rating, g.Sort,
	)
}

// FullHelp is every binding enabled in the current mode, in columns.
func (k KeyMap) FullHelp() [][]key.Binding {
	g, l, s, d, p := k.Global, k.List, k.Search, k.Detail, k.Pick
	cols := [][]key.Binding{
		enabled(p.Accept, p.Mark, p.MarkUp, p.Abort),
		enabled(p.Up, p.Down, p.PageUp, p.PageDown, p.Preview),
		enabled(s.Up, s.Down, s.Accept, s.Cancel, s.Complete, d.FindAccept),
		enabled(l.Up, l.Down, l.PageUp, l.PageDown, l.Home, l.End),
		enabled(l.Enter, l.Clear, g.Focus, g.FocusBack),
		enabled(d.Up, d.Down, d.PageDown, d.PageUp, d.HalfPageDown, d.HalfPageUp),
		enabled(d.Top, d.Bottom, d.NextTalk, d.PrevTalk, d.Back),
		enabled(d.Find, d.NextMatch, d.PrevMatch),
		enabled(g.Search, g.Rating, g.Sort, g.About, g.Outline, g.Links),
		enabled(g.ToggleRead, g.Edit, g.Reload),
		enabled(g.Open, g.Copy, g.Help, g.Quit, g.ForceQuit, g.Suspend),
	}
	cols = append(cols, k.Outline.FullHelp()...)
	cols = append(cols, k.Links.FullHelp()...)
	out := cols[:0]
	for _, c := range cols {
		if len(c) > 0 {
			out = append(out, c)
		}
	}
	return out
}

func enabled(bs ...key.Binding) []key.Binding {
	out := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if b.Enabled() {
			out = append(out, b)
		}
	}
	return out
}

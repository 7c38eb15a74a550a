package ui

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/golanguk/golanguk/notes"
)

// MSG

// searchedMsg carries the hits of an asynchronous search. seq tells a
// stale answer (the user typed on) from the current one.
type searchedMsg struct {
	seq  int
	hits []notes.Hit
}

// searchPreparedMsg says that the document's search index is built.
type searchPreparedMsg struct{}

// MODEL

// maxQuery bounds the query's length in runes; a paste of a whole file is
// cut, not searched.
const maxQuery = 200

// searchModel is the query input line above the list.
//
// Its textinput is behind a pointer and copied before each change, never
// changed in place: a searchModel is copied with the browser's Model on
// every Update, and a textinput is nearly 8 KB, which made the Model 25 KB
// to copy at each call of its update path and to grow goroutine stacks
// for. Copies share the input until one of them changes it.
type searchModel struct {
	input  *textinput.Model
	styles *Styles
	width  int
	line   string // the line as drawn for the state above (redraw)
}

func newSearch(styles *Styles, placeholder string) searchModel {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = placeholder
	in.CharLimit = maxQuery
	s := searchModel{input: &in, styles: styles}
	s.setStyles(styles)
	return s
}

func (s *searchModel) setStyles(st *Styles) {
	s.styles = st
	ts := textinput.DefaultStyles(true)
	for _, state := range []*textinput.StyleState{&ts.Focused, &ts.Blurred} {
		state.Prompt = st.Prompt
		state.Placeholder = st.Placeholder
		state.Text = lipgloss.NewStyle()
	}
	ts.Blurred.Prompt = st.Placeholder
	ts.Cursor.Blink = false
	s.edit().SetStyles(ts)
	s.redraw()
}

// edit gives s an input of its own to change, a copy of the one it had.
func (s *searchModel) edit() *textinput.Model {
	in := *s.input
	s.input = &in
	return s.input
}

func (s *searchModel) setWidth(w int) {
	if w = max(0, w); w == s.width {
		return
	}
	s.width = w
	s.edit().SetWidth(max(1, w-3)) // prompt and the cursor cell
	s.redraw()
}

func (s *searchModel) focus() tea.Cmd {
	cmd := s.edit().Focus()
	s.redraw()
	return cmd
}

func (s *searchModel) blur() {
	s.edit().Blur()
	s.redraw()
}

func (s searchModel) value() string { return s.input.Value() }

func (s *searchModel) setValue(v string) {
	in := s.edit()
	in.SetValue(v)
	in.CursorEnd()
	s.redraw()
}

// UPDATE

// Update edits the query text. Keys the root model binds (enter, esc,
// up/down) never arrive here.
func (s searchModel) Update(msg tea.Msg) (searchModel, tea.Cmd) {
	// One line of printable text: a pasted newline, an escape or a
	// bidirectional override must not end up in the query.
	switch m := msg.(type) {
	case tea.PasteMsg:
		msg = tea.PasteMsg{Content: cleanQuery(m.Content)}
	case tea.KeyPressMsg:
		if key.Matches(m, s.input.KeyMap.DeleteWordForward) {
			// bubbles' textinput indexes past the end when the word
			// deleted is the last one (alt+d on "go|"): do it here.
			s.deleteWordForward()
			s.redraw()
			return s, nil
		}
		if m.Text != "" {
			if m.Text = cleanQuery(m.Text); strings.TrimSpace(m.Text) == "" && m.Code != ' ' && m.Code != tea.KeySpace {
				return s, nil
			}
			msg = m
		}
	}
	in, cmd := s.input.Update(msg)
	s.input = &in
	s.redraw()
	return s, cmd
}

// deleteWordForward deletes from the cursor to the end of the next word,
// spaces before it included, as shells and textinput do.
func (s *searchModel) deleteWordForward() {
	v := []rune(s.input.Value())
	pos := min(max(s.input.Position(), 0), len(v))
	end := pos
	for end < len(v) && unicode.IsSpace(v[end]) {
		end++
	}
	for end < len(v) && !unicode.IsSpace(v[end]) {
		end++
	}
	in := s.edit()
	in.SetValue(string(v[:pos]) + string(v[end:]))
	in.SetCursor(pos)
}

// cleanQuery turns control characters (newlines, tabs, escapes) into
// spaces and drops the characters that reorder or hide text on a
// terminal (bidirectional controls, invalid UTF-8).
func cleanQuery(q string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), r == '\u2028', r == '\u2029':
			return ' '
		case unicode.Is(unicode.Bidi_Control, r), r == utf8.RuneError:
			return -1
		}
		return r
	}, q)
}

// VIEW

// View is the line as last drawn, exactly width cells.
func (s searchModel) View() string { return s.line }

// redraw draws the line for the input's state.
func (s *searchModel) redraw() {
	s.line = ""
	if s.width > 0 {
		s.line = fitLine(s.input.View(), s.width)
	}
}

// COMMANDS

// syncSearchLimit and syncSearchBytes bound a document searched inside
// Update: within both, a search takes well under a millisecond, so the
// list answers in the same frame as the keystroke; past either, searches
// run in a command. The bytes count too: a search reads the text, and
// a document of a few talks with 10 MB of notes took a second a key,
// the first building the index, inside Update, where no key, ctrl+c or
// signal is answered.
const (
	syncSearchLimit = 2000
	syncSearchBytes = 1 << 20
)

// searchInBackground reports whether doc is too large to search inside
// Update (see syncSearchLimit).
func searchInBackground(doc *notes.Document) bool {
	if len(doc.Talks) > syncSearchLimit {
		return true
	}
	n := 0
	for _, t := range doc.Talks {
		n += len(t.Title) + len(t.Speaker) + len(t.Body)
		if n > syncSearchBytes {
			return true
		}
	}
	return false
}

// prepareSearchCmd builds doc's search index in the background. A search
// started meanwhile waits for the same index, so nothing waits for its
// message.
func prepareSearchCmd(doc *notes.Document) tea.Cmd {
	return func() tea.Msg {
		doc.PrepareSearch()
		return searchPreparedMsg{}
	}
}

// searchCmd runs a search outside Update; ctx is cancelled when a newer
// query supersedes it.
func searchCmd(ctx context.Context, doc *notes.Document, q notes.Query, seq int) tea.Cmd {
	return func() tea.Msg {
		hits, err := doc.SearchContext(ctx, q)
		if err != nil {
			return nil // superseded; the newer search answers
		}
		return searchedMsg{seq: seq, hits: hits}
	}
}

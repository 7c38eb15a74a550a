package ui

// Searching the notes being read, as less does: "/" in the notes pane
// opens a search line at the bottom; n and N go through the matches and,
// past the last (first) one, on into the next (previous) talk in the list
// that matches. The list and its query stay as they were.

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/notes"
)

// MSG

// foundMsg carries the listed talks whose notes hold the search, in list
// order. seq tells a stale answer from the current one.
type foundMsg struct {
	seq   int
	talks []*notes.Talk
}

// MODEL

// findState is the search of the notes: the text typed and accepted, the
// listing it was run over and the talks of that listing that match.
type findState struct {
	typing bool   // the search line has the keyboard
	text   string // the search accepted; "" when none
	seq    int    // of the latest search of the other talks
	over   []*notes.Talk
	found  []*notes.Talk // nil until the search of the talks answers
	// pending is the n (+1) or N (-1) that went past the talk's matches
	// before the search of the talks answered; it goes on when it does.
	pending int
}

// Finding reports whether the notes' search line has the keyboard.
func (m Model) Finding() bool { return m.find.typing }

// FindText returns the search of the notes in force, "" when none.
func (m Model) FindText() string { return m.find.text }

// highlightText is what the notes pane highlights: the search of the
// notes while there is one, the list's query otherwise.
func (m Model) highlightText() string {
	if m.find.text != "" {
		return m.find.text
	}
	return noteTerms(m.query().Text)
}

// noteTerms are the texts of the query's positive terms that look in the
// notes, without fields and sigils: what the notes pane highlights.
// Excluded terms and filters (stars:, has:) are never highlighted.
func noteTerms(q string) string {
	pq, err := notes.ParseQuery(q)
	if err != nil {
		return ""
	}
	var words []string
	for _, g := range pq.Groups {
		for _, t := range g {
			if !t.Negate && (t.Field == notes.InAny || t.Field == notes.InNotes) {
				words = append(words, t.Text)
			}
		}
	}
	return strings.Join(words, " ")
}

// UPDATE

// startFind opens the search line of the notes.
func (m *Model) startFind() tea.Cmd {
	m.find.typing = true
	m.showHelp = false
	m.findInput.setValue("")
	return m.findInput.focus()
}

// handleFindKey edits the search of the notes: enter searches, esc leaves
// the search as it was.
func (m Model) handleFindKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	d := &m.keys.Detail
	switch {
	case key.Matches(msg, d.FindAccept):
		m.find.typing = false
		m.findInput.blur()
		text := strings.TrimSpace(m.findInput.value())
		if text == "" {
			return m, nil
		}
		m.find.text = text
		m.find.found, m.find.over = nil, nil
		m.detail.setTermsFrom(text, m.detail.vp.YOffset())
		return m, tea.Batch(m.refind(), m.renderCmds())
	case key.Matches(msg, d.Back):
		m.find.typing = false
		m.findInput.blur()
		return m, nil
	}
	var cmd tea.Cmd
	m.findInput, cmd = m.findInput.Update(msg)
	return m, cmd
}

// clearFind ends the search of the notes; the notes stay where they are.
func (m *Model) clearFind() {
	m.find = findState{seq: m.find.seq + 1}
	m.detail.setTermsKeep(m.query().Text)
}

// nextMatch goes to the next (+1) or previous (-1) match. While a search
// of the notes is in force, past the last match of the talk it goes on
// into the next listed talk that matches, as less goes on into the next
// file; without one it wraps in the talk, as before.
func (m Model) nextMatch(delta int) (Model, tea.Cmd) {
	if m.find.text == "" {
		m.detail.moveMatch(delta)
		return m, nil
	}
	if !m.detail.showing() {
		// Its matches are not known until it is rendered: going on now
		// would skip the talk.
		return m, nil
	}
	if m.detail.stepMatch(delta) {
		return m, nil
	}
	if m.find.found == nil {
		m.find.pending = delta
		return m, nil
	}
	t := m.neighbourFound(delta)
	if t == nil {
		where := "after"
		if delta < 0 {
			where = "before"
		}
		return m, m.setStatus("No talk " + where + " this one holds “" + m.find.text + "”")
	}
	before := m.list.Selected()
	m.list.selectIndex(slices.IndexFunc(m.list.hits, func(h notes.Hit) bool { return h.Talk == t }))
	m.detail.landLast = delta < 0
	return m, m.selectionMoved(before)
}

// found takes the answer of the search of the talks, and goes on with an
// n or N that waited for it.
func (m Model) found(msg foundMsg) (Model, tea.Cmd) {
	if msg.seq != m.find.seq {
		return m, nil // superseded
	}
	m.find.found = msg.talks
	if d := m.find.pending; d != 0 {
		m.find.pending = 0
		return m.nextMatch(d)
	}
	return m, nil
}

// neighbourFound is the next (delta > 0) or previous listed talk holding
// the search, from the selection, or nil.
func (m Model) neighbourFound(delta int) *notes.Talk {
	pos := func(t *notes.Talk) int {
		return slices.IndexFunc(m.list.hits, func(h notes.Hit) bool { return h.Talk == t })
	}
	sel := m.list.sel
	if delta > 0 {
		for _, t := range m.find.found {
			if p := pos(t); p > sel {
				return t
			}
		}
		return nil
	}
	for _, t := range slices.Backward(m.find.found) {
		if p := pos(t); p >= 0 && p < sel {
			return t
		}
	}
	return nil
}

// refind searches the listed talks for the search of the notes again if
// the listing changed since it last did.
func (m *Model) refind() tea.Cmd {
	if m.find.text == "" {
		return nil
	}
	listed := m.Listed()
	if m.find.found != nil || m.find.over != nil {
		if slices.Equal(listed, m.find.over) {
			return nil
		}
	}
	m.find.seq++
	m.find.over, m.find.found = listed, nil
	return findCmd(listed, m.find.text, m.find.seq)
}

// findPosition is "talk 2 of 5": where the talk shown stands among the
// listed talks holding the search; "" when it holds none or the search of
// the talks has not answered.
func (m Model) findPosition() (i, n int) {
	if m.find.text == "" || m.find.found == nil {
		return 0, 0
	}
	i = slices.Index(m.find.found, m.detail.talk)
	return i + 1, len(m.find.found)
}

// COMMANDS

// findCmd searches the notes of talks, outside Update, for text as the
// notes pane does: any of its words, accents folded, smart case.
func findCmd(talks []*notes.Talk, text string, seq int) tea.Cmd {
	terms := strings.Fields(notes.Fold(text))
	return func() tea.Msg {
		found := []*notes.Talk{}
		for _, t := range talks {
			if holds(notes.Fold(notes.PlainText(t.Body)), terms) {
				found = append(found, t)
			}
		}
		return foundMsg{seq: seq, talks: found}
	}
}

// holds reports whether folded text holds any of terms; a term with an
// upper-case letter matches case sensitively.
func holds(text string, terms []string) bool {
	var lower string
	for _, t := range terms {
		s := text
		if strings.ToLower(t) == t {
			if lower == "" {
				lower = strings.ToLower(text)
			}
			s = lower
		}
		if strings.Contains(s, t) {
			return true
		}
	}
	return false
}

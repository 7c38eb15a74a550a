package ui

// Pick mode, as fzf: the query box has the keyboard, every printable key
// is text, and the keys that act are control keys.

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/notes"
)

// UPDATE

func (m Model) handlePickKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	p := &m.keys.Pick
	switch {
	case key.Matches(msg, p.Abort):
		m.chosen, m.picks = nil, nil
		return m, m.quit()
	case key.Matches(msg, p.Accept):
		if m.picks = m.picked(); len(m.picks) == 0 {
			return m, nil // nothing listed, nothing marked: fzf waits too
		}
		m.chosen = m.picks[0]
		return m, m.quit()
	case key.Matches(msg, p.Up):
		return m.moveSelection(-1)
	case key.Matches(msg, p.Down):
		return m.moveSelection(1)
	case key.Matches(msg, p.PageUp):
		return m.moveSelection(-m.list.pageSize())
	case key.Matches(msg, p.PageDown):
		return m.moveSelection(m.list.pageSize())
	case key.Matches(msg, p.Mark):
		m.list.toggleMark()
		return m.moveSelection(1)
	case key.Matches(msg, p.MarkUp):
		m.list.toggleMark()
		return m.moveSelection(-1)
	case key.Matches(msg, p.Preview):
		m.previewFlip = !m.previewFlip
		m.layout()
		return m, m.renderCmds()
	}
	return m.editQuery(msg)
}

// picked is what enter picks: the marked talks in list order (marked talks
// the query no longer lists after them, in schedule order), or else the
// selected talk.
func (m Model) picked() []*notes.Talk {
	if len(m.list.marked) == 0 {
		if t := m.list.Selected(); t != nil {
			return []*notes.Talk{t}
		}
		return nil
	}
	var out []*notes.Talk
	for _, h := range m.list.hits {
		if m.list.marked[h.Talk] {
			out = append(out, h.Talk)
		}
	}
	for _, t := range m.doc.Talks {
		if m.list.marked[t] && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

package ui

// The full help on a terminal too short for it: a window of it that the
// arrows scroll, and a hint line.

import (
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpKeys scroll the full help while it does not fit. They are not part
// of the KeyMap: the help they scroll is the KeyMap's, whose own up and
// down bindings they stand in for meanwhile; the hint line names them.
// Made on first use: nothing is built when the program starts.
var helpKeys = sync.OnceValue(func() helpScrollKeys {
	return helpScrollKeys{
		Up:       key.NewBinding(key.WithKeys("up", "k")),
		Down:     key.NewBinding(key.WithKeys("down", "j")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space", "f")),
		Close:    key.NewBinding(key.WithKeys("esc")),
	}
})

type helpScrollKeys struct {
	Up, Down, PageUp, PageDown, Close key.Binding
}

const (
	helpScrollHint = "↑/↓ scroll help"
	helpCloseHint  = "? close"
)

// fullHelpLines is the full help of the current mode, as lines.
func (m Model) fullHelpLines() []string {
	return strings.Split(strings.TrimRight(fullHelpView(m.helpModel(), m.keys, m.width), "\n"), "\n")
}

// helpRoom is the most lines the help may take: the rest is the header
// and minBody lines of the panes.
func (m Model) helpRoom() int { return max(1, m.height-1-minBody) }

// helpOffset is helpOff clamped to a help of n lines shown in the room,
// less the hint line.
func (m Model) helpOffset(n int) int {
	return max(0, min(m.helpOff, n-(m.helpRoom()-1)))
}

// scrollHelp scrolls the full help with msg, if it is one of helpKeys.
func (m Model) scrollHelp(msg tea.KeyPressMsg) (Model, bool) {
	n := len(m.fullHelpLines())
	page := max(1, m.helpRoom()-1)
	switch {
	case key.Matches(msg, helpKeys().Up):
		m.helpOff = m.helpOffset(n) - 1
	case key.Matches(msg, helpKeys().Down):
		m.helpOff = m.helpOffset(n) + 1
	case key.Matches(msg, helpKeys().PageUp):
		m.helpOff = m.helpOffset(n) - page
	case key.Matches(msg, helpKeys().PageDown):
		m.helpOff = m.helpOffset(n) + page
	case key.Matches(msg, helpKeys().Close):
		m.showHelp, m.helpOff = false, 0
		return m, true
	default:
		return m, false
	}
	m.helpOff = m.helpOffset(n)
	return m, true
}

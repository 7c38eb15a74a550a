package ui

// The outline of the talk being read: its "###" and "####" headings,
// indented by level. Moving through it scrolls the notes to the section
// (the root model does, on each move); enter stays there, esc goes back.

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/escape"
)

// OutlineKeyMap holds the bindings of the outline view.
type OutlineKeyMap struct {
	Up     key.Binding
	Down   key.Binding
	Top    key.Binding
	Bottom key.Binding
	Jump   key.Binding
	Close  key.Binding
}

// DefaultOutlineKeyMap returns the default outline bindings.
func DefaultOutlineKeyMap() OutlineKeyMap {
	return OutlineKeyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous section")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next section")),
		Top:    key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first section")),
		Bottom: key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last section")),
		Jump:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read from there")),
		Close:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to where you were")),
	}
}

func (k *OutlineKeyMap) setEnabled(on bool) {
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.Top, &k.Bottom, &k.Jump, &k.Close} {
		b.SetEnabled(on)
	}
}

// ShortHelp is the outline's line of help.
func (k OutlineKeyMap) ShortHelp() []key.Binding {
	return enabled(k.Down, k.Up, k.Jump, k.Close)
}

// FullHelp is every outline binding, in columns.
func (k OutlineKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{enabled(k.Up, k.Down, k.Top, k.Bottom), enabled(k.Jump, k.Close)}
}

// MODEL

// outlineModel is the list of a talk's headings, one selected.
type outlineModel struct {
	keys    *OutlineKeyMap
	styles  *Styles
	entries []notes.OutlineEntry
	sel     int
	top     int // first entry shown

	width, height int
}

// newOutline returns the outline of entries, sel selected.
func newOutline(keys *OutlineKeyMap, styles *Styles, entries []notes.OutlineEntry, sel int) outlineModel {
	o := outlineModel{keys: keys, styles: styles, entries: entries}
	o.sel = max(0, min(sel, len(entries)-1))
	return o
}

func (o *outlineModel) setSize(w, h int) {
	o.width, o.height = max(0, w), max(0, h)
	o.scroll()
}

// rows is the number of entries in view, under the title line.
func (o outlineModel) rows() int { return max(1, o.height-1) }

// scroll keeps the selection in view.
func (o *outlineModel) scroll() {
	n := o.rows()
	o.top = max(0, min(o.top, o.sel, len(o.entries)-n))
	if o.sel >= o.top+n {
		o.top = o.sel - n + 1
	}
}

// UPDATE

// Update moves the selection.
func (o outlineModel) Update(msg tea.Msg) (outlineModel, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return o, nil
	}
	switch {
	case key.Matches(km, o.keys.Up):
		o.sel = max(0, o.sel-1)
	case key.Matches(km, o.keys.Down):
		o.sel = min(len(o.entries)-1, o.sel+1)
	case key.Matches(km, o.keys.Top):
		o.sel = 0
	case key.Matches(km, o.keys.Bottom):
		o.sel = len(o.entries) - 1
	}
	o.scroll()
	return o, nil
}

// VIEW

// View draws the outline in exactly height lines of width cells: a title
// line, then the headings, "####" indented under "###".
func (o outlineModel) View() string {
	if o.width <= 0 || o.height <= 0 {
		return ""
	}
	st := o.styles.Aids
	lines := make([]string, 0, o.height)
	title := fmt.Sprintf(" Outline · %d of %d", o.sel+1, len(o.entries))
	lines = append(lines, fitLine(st.Title.Render(truncate(title, o.width)), o.width))
	for i := o.top; i < len(o.entries) && len(lines) < o.height; i++ {
		e := o.entries[i]
		text := strings.Repeat("  ", max(0, e.Level-3)) + escape.String(e.Title)
		var l string
		if i == o.sel {
			l = st.Marker.Render(aidMarker) + " " + st.Selected.Render(truncate(text, o.width-2))
		} else {
			l = "  " + st.Item.Render(truncate(text, o.width-2))
		}
		lines = append(lines, fitLine(l, o.width))
	}
	blank := strings.Repeat(" ", o.width)
	for len(lines) < o.height {
		lines = append(lines, blank)
	}
	return strings.Join(lines, "\n")
}

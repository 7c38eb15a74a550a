package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/notes"
)

// Reload is the message that puts doc in place of the notes a running
// browser shows, for a caller that loaded them again (golanguk serve on
// SIGHUP sends it to every session: p.Send(ui.Reload(doc))). It takes the
// path of every reload (see Loaded): the reader keeps their place, the
// list is searched again with the query in force, and the header says
// what changed. A nil doc changes nothing.
func Reload(doc *notes.Document) tea.Msg {
	if doc == nil {
		return nil
	}
	return loadedMsg{Loaded: Loaded{Doc: doc}}
}

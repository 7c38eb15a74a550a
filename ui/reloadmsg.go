package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/notes"
)

// reloadMsg gives a running browser new notes: see Reload.
type reloadMsg struct{ doc *notes.Document }

// Reload is the message that puts doc in place of the notes a running
// browser shows, for a caller that loaded them again (golanguk serve on
// SIGHUP sends it to every session: p.Send(ui.Reload(doc))). The list is
// searched again with the query in force, the talk selected stays
// selected if doc still has it (by slug), and the status line says how
// many talks there are now. A nil doc changes nothing.
func Reload(doc *notes.Document) tea.Msg { return reloadMsg{doc: doc} }

// reload is Update's answer to a reloadMsg.
func (m Model) reload(doc *notes.Document) (Model, tea.Cmd) {
	if doc == nil || doc == m.doc {
		return m, nil
	}
	var keep *notes.Talk
	if sel := m.list.Selected(); sel != nil {
		for _, t := range doc.Talks {
			if t.Slug == sel.Slug {
				keep = t
				break
			}
		}
	}
	m.cancelSearch()
	m.doc = doc
	m.detail.docTitle = doc.Title
	m.frame = frameLines{} // the header counts the talks of the old notes
	// Renderings of the old talks are never wanted again; the about page
	// (the same key in both) must be made again from the new notes.
	m.pages.clear()
	m.inflight = nil
	// The search of the notes' text runs again over the new talks (refind).
	m.find.over, m.find.found, m.find.pending = nil, nil, 0
	// Picks and marks name talks of the old notes.
	m.chosen, m.picks = nil, nil
	m.list.marked = nil

	q := m.query()
	var cmd tea.Cmd
	switch {
	case q.Text == "" && q.Sort == notes.SortSchedule:
		m.applyHits(scheduleHits(doc, q.MinStars), keep)
		cmd = m.renderCmds()
	case len(doc.Talks) > syncSearchLimit:
		cmd = m.startAsync(q, keep)
	default:
		m.applyHits(doc.Search(q), keep)
		cmd = m.renderCmds()
	}
	return m, tea.Batch(cmd, m.setStatus(fmt.Sprintf("Notes reloaded: %d talks", len(doc.Talks))))
}

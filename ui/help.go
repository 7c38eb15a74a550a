package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/golanguk/golanguk/ui/internal/cells"
)

// fullHelpView draws the full help of km, its columns packed into as many
// rows of columns as the width needs, so that no binding is cut off on a
// narrow terminal.
func fullHelpView(h help.Model, km help.KeyMap, width int) string {
	cols := km.FullHelp()
	if len(cols) == 0 {
		return ""
	}
	sepW := cells.Width(h.FullSeparator)
	var rows []string
	var row [][]key.Binding
	rowW := 0
	flush := func() {
		if len(row) > 0 {
			rows = append(rows, h.FullHelpView(row))
		}
		row, rowW = nil, 0
	}
	unlimited := h
	unlimited.SetWidth(0)
	for _, c := range cols {
		w := lipgloss.Width(unlimited.FullHelpView([][]key.Binding{c}))
		if len(row) > 0 && rowW+sepW+w > width {
			flush()
		}
		if len(row) > 0 {
			rowW += sepW
		}
		row = append(row, c)
		rowW += w
	}
	flush()
	return strings.Join(rows, "\n\n")
}

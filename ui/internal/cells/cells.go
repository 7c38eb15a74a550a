// Package cells measures strings in terminal cells, as
// [ansi.StringWidth] does, faster for the mostly-ASCII text the browser
// draws.
package cells

import (
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/ansi/parser"
)

// Width returns the cells s takes in a terminal: the width of its grapheme
// clusters, leaving out escape sequences. It equals ansi.StringWidth(s)
// for every s.
//
// ansi.StringWidth segments the text at every printable byte, which is
// most of a frame's cost to measure. A printable ASCII byte followed by
// another ASCII byte (or by nothing) is a cluster of its own and one cell
// wide, so Width counts it without segmenting; everything else takes
// ansi's own path.
func Width(s string) int {
	state := parser.GroundState
	w := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		if state == parser.GroundState && b >= ' ' && b < 0x7f && (i+1 == len(s) || s[i+1] < 0x80) {
			w++
			continue
		}
		next, action := parser.Table.Transition(state, b)
		if action == parser.PrintAction || next == parser.Utf8State {
			cluster, cw := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			w += cw
			i += len(cluster) - 1
			state = parser.GroundState
			continue
		}
		state = next
	}
	return w
}

package ui

import (
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
)

// TestPaintOf checks that a paint draws text as the style does: the same
// cells with the same attributes and colours on a terminal.
func TestPaintOf(t *testing.T) {
	t.Parallel() // CPU work only: it overlaps the screens' waiting
	for _, dark := range []bool{true, false} {
		st := DefaultStyles(dark)
		cases := map[string]lipgloss.Style{
			"match":          st.Match,
			"match selected": st.Match.Inherit(st.SelectedTitle),
			"selected":       st.SelectedTitle,
			"snippet":        st.ItemSnippet,
			"stars":          st.Stars,
			"plain":          lipgloss.NewStyle(),
		}
		for name, s := range cases {
			t.Run(name, func(t *testing.T) {
				for _, text := range []string{"Cont", "Pățan", "★★★"} {
					got, want := paintOf(s).render(text), s.Render(text)
					if ansi.Strip(got) != text {
						t.Fatalf("paint drew %q for %q", got, text)
					}
					g, w := vt.NewEmulator(20, 1), vt.NewEmulator(20, 1)
					g.WriteString(got)
					w.WriteString(want)
					for x := range ansi.StringWidth(text) {
						gc, wc := g.CellAt(x, 0), w.CellAt(x, 0)
						if gc.Content != wc.Content || !gc.Style.Equal(&wc.Style) {
							t.Errorf("%q cell %d: paint %q %+v, style %q %+v", text, x, gc.Content, gc.Style, wc.Content, wc.Style)
						}
					}
				}
			})
		}
	}
}

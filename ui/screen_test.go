package ui_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/golanguk/golanguk/ui"
)

// TestScreen compares whole screens, read through a terminal emulator in
// a colourless profile, with the goldens in testdata/TestScreen. After a
// change, regenerate them with `go test ./ui -run TestScreen -update` and
// look at the diff.
func TestScreen(t *testing.T) {
	doc := realNotes(t)
	first := firstWords(doc.Talks[0].Body)
	type step struct {
		keys []tea.Msg
		wait []string // the next step (or the comparison) waits for these
	}
	cases := []struct {
		name  string
		w, h  int
		steps []step
	}{
		{"80x24", 80, 24, []step{{nil, []string{"21 of 21 talks", "Keynote: SOLID Go design"}}}},
		{"80x24-notes", 80, 24, []step{{[]tea.Msg{keyEnter}, []string{first, "top"}}}},
		{"80x24-notes-scrolled", 80, 24, []step{{[]tea.Msg{keyEnter}, []string{first}}, {runes("jjjj"), []string{"%"}}}},
		{"80x24-search", 80, 24, []step{{runes("/patan"), []string{"/ patan", "1 of 21 talks", "Go from Dev to Prod"}}}},
		{"80x24-help", 80, 24, []step{{runes("?"), []string{"ctrl+c"}}}},
		{"120x40", 120, 40, []step{{nil, []string{"21 of 21 talks", first}}}},
		{"120x40-search-notes", 120, 40, []step{
			{append(runes("/context"), keyEnter, keyTab), []string{"1/"}},
			{runes("n"), []string{"2/"}},
		}},
		{"120x40-filter-sort", 120, 40, []step{{runes("7s"), []string{"sort: stars", "★≥7", first}}}},
		{"120x40-about", 120, 40, []step{{runes("i"), []string{"About", "Sponsored by Social Point"}}}},
		{"120x40-help-notes", 120, 40, []step{{append([]tea.Msg{keyTab}, runes("?")...), []string{"previous talk", first}}}},
		{"120x40-no-match", 120, 40, []step{{runes("/zzzzqqq"), []string{"/ zzzzqqq", "0 of 21 talks", "No talks match."}}}},
		{"200x60", 200, 60, []step{{nil, []string{"21 of 21 talks", first}}}},
		{"200x60-end", 200, 60, []step{{runes("G"), []string{firstWords(doc.Talks[len(doc.Talks)-1].Body)}}}},
		// Talk 13 has five ### sections and four links (lines 532-604 of
		// the notes): the outline on its second, "Memory", and the links
		// on the one typed, 3.
		{"120x40-outline", 120, 40, []step{{append(runes("jjjjjjjjjjjj"), keyTab), []string{"virtual machines"}}, {runes("tj"), []string{"Outline · 2 of 5", "§ Memory"}}}},
		{"80x24-outline", 80, 24, []step{{append(runes("jjjjjjjjjjjj"), keyEnter), []string{"virtual machines"}}, {runes("tj"), []string{"Outline · 2 of 5", "§ Memory"}}}},
		{"120x40-links", 120, 40, []step{{append(runes("jjjjjjjjjjjj"), keyTab), []string{"virtual machines"}}, {runes("L3"), []string{"Links · 3 of 4", "[3]"}}}},
		{"80x24-links", 80, 24, []step{{append(runes("jjjjjjjjjjjj"), keyEnter), []string{"virtual machines"}}, {runes("L3"), []string{"Links · 3 of 4", "[3]"}}}},
		{"too-small", 29, 10, []step{{nil, []string{"too small"}}}},
		{"too-short", 80, 7, []step{{nil, []string{"too small"}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel() // an independent program each; the waits overlap
			// The browser on a local terminal, as a user sees it: its
			// process may be stopped (ctrl+z is in the help).
			s := newScreen(t, doc, c.w, c.h, ui.Options{Stop: func() error { return nil }})
			var scr string
			for _, st := range c.steps {
				s.send(st.keys...)
				scr = s.waitForText(st.wait...)
			}
			s.quit()
			checkSize(t, scr, c.w, c.h)
			golden.RequireEqual(t, scr+"\n")
		})
	}
}

// checkSize fails if a screen has more lines or wider lines than the
// terminal: the emulator would have wrapped or scrolled them.
func checkSize(t *testing.T, scr string, w, h int) {
	t.Helper()
	lines := strings.Split(scr, "\n")
	if len(lines) > h {
		t.Errorf("screen has %d lines, terminal %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d cells wide, terminal %d: %q", i, n, w, l)
		}
	}
}

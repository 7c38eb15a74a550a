package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// TestLessKeys scrolls the notes with less's keys and checks the offset
// each one leaves, from a known place.
func TestLessKeys(t *testing.T) {
	m, doc := testModel(t, Options{Style: "dark"}, 120, 18)
	m = step(m, tea.KeyPressMsg{Code: tea.KeyTab}) // focus the notes
	m = rendered(m, doc.Talks[0], m.detailWidth())
	if _, ok := m.Shown(); !ok {
		t.Fatal("talk 1 is not shown")
	}
	page := m.detail.bodyHeight()
	if total := m.detail.vp.TotalLineCount(); total < 3*page {
		t.Fatalf("talk 1 has %d lines, too few to page through %d-line pages", total, page)
	}
	ctrl := func(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Mod: tea.ModCtrl} }
	cases := []struct {
		name string
		from int
		key  tea.KeyPressMsg
		want int
	}{
		{"ctrl+f pages down", 0, ctrl('f'), page},
		{"ctrl+b pages up", 2 * page, ctrl('b'), page},
		{"space pages down", 0, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}, page},
		{"b pages up", 2 * page, tea.KeyPressMsg{Code: 'b', Text: "b"}, page},
		{"ctrl+e scrolls a line down", 5, ctrl('e'), 6},
		{"ctrl+y scrolls a line up", 5, ctrl('y'), 4},
		{"ctrl+d scrolls half a page down", 0, ctrl('d'), page / 2},
		{"ctrl+u scrolls half a page up", page, ctrl('u'), page - page/2},
		{"g goes to the top", page, tea.KeyPressMsg{Code: 'g', Text: "g"}, 0},
		{"G goes to the end", 0, tea.KeyPressMsg{Code: 'G', Text: "G"},
			m.detail.vp.TotalLineCount() - page},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := m
			m.detail.vp.SetYOffset(c.from)
			m = step(m, c.key)
			if got := m.detail.vp.YOffset(); got != c.want {
				t.Errorf("from line %d, %s left line %d, want %d", c.from, c.key, got, c.want)
			}
			if m.Chosen() != nil || !m.DetailFocused() {
				t.Errorf("%s did more than scroll", c.key)
			}
		})
	}
}

// TestFindEscKeepsPlace: esc ends the search of the notes where they
// are, and the list's query is untouched.
func TestFindEscKeepsPlace(t *testing.T) {
	m, doc := testModel(t, Options{Style: "dark"}, 120, 18)
	m = step(m, tea.KeyPressMsg{Code: tea.KeyTab})
	m = rendered(m, doc.Talks[0], m.detailWidth())
	for _, r := range "/interface" {
		m = step(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	m = step(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if m.FindText() != "interface" || len(m.detail.matches) == 0 {
		t.Fatalf("search %q with %d matches in talk 1; want interface, some", m.FindText(), len(m.detail.matches))
	}
	m = step(m, tea.KeyPressMsg{Code: 'n', Text: "n"})
	off := m.detail.vp.YOffset()
	if off == 0 {
		t.Fatal("n did not scroll to a match further down")
	}
	m = step(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if m.FindText() != "" || len(m.detail.matches) != 0 {
		t.Errorf("esc left search %q, %d matches", m.FindText(), len(m.detail.matches))
	}
	if got := m.detail.vp.YOffset(); got != off {
		t.Errorf("esc moved the notes from line %d to %d", off, got)
	}
	if !m.DetailFocused() || m.Query().Text != "" {
		t.Errorf("after esc: notes focused %v, list query %q; want true, none", m.DetailFocused(), m.Query().Text)
	}
}

// TestSuspendResume: ctrl+z suspends as in less, in every mode but pick
// (where fzf's keys rule), and coming back draws the whole screen again.
func TestSuspendResume(t *testing.T) {
	ctrlZ := tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl}
	for _, c := range []struct {
		name string
		keys []tea.Msg
	}{
		{"list", nil},
		{"notes", []tea.Msg{tea.KeyPressMsg{Code: tea.KeyTab}}},
		{"search", []tea.Msg{tea.KeyPressMsg{Code: '/', Text: "/"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, _ := testModel(t, Options{Style: "dark", Stop: func() error { return nil }}, 120, 40)
			for _, k := range c.keys {
				m = step(m, k)
			}
			_, cmd := m.Update(ctrlZ)
			// The command hands the terminal to Stop through tea.Exec
			// (TestSuspendRestoresTerminal in main runs it for real).
			if cmd == nil || cmd() == nil {
				t.Fatal("ctrl+z returned no command")
			}
		})
	}
	// A browser that may not stop its process (a remote session) does
	// nothing on ctrl+z, and does not offer it in help.
	remote, _ := testModel(t, Options{Style: "dark"}, 120, 40)
	if _, cmd := remote.Update(ctrlZ); cmd != nil {
		t.Errorf("ctrl+z without Stop returned a command: %T", cmd())
	}
	if remote.KeyMap().Global.Suspend.Enabled() {
		t.Error("ctrl+z is offered in help without Stop")
	}
	m, _ := testModel(t, Options{Style: "dark"}, 120, 40)
	header := m.frame.header
	tm, cmd := m.Update(resumedMsg{})
	if cmd == nil {
		t.Fatal("resuming asks for nothing: the shell's lines stay on the screen")
	}
	msgs := batchMsgs(cmd)
	var cleared, sized bool
	for _, msg := range msgs {
		switch fmt.Sprintf("%T", msg) {
		case fmt.Sprintf("%T", tea.ClearScreen()):
			cleared = true
		case fmt.Sprintf("%T", tea.RequestWindowSize()):
			sized = true
		}
	}
	if !cleared || !sized {
		t.Errorf("on resume: clear screen %v, ask the size %v; want both (%T)", cleared, sized, msgs)
	}
	if got := tm.(Model).frame.header; got != header {
		t.Errorf("the header drawn again differs:\n%q\n%q", got, header)
	}
}

// batchMsgs runs cmd and, if it is a batch, the commands in it.
func batchMsgs(cmd tea.Cmd) []tea.Msg {
	msg := cmd()
	b, ok := msg.(tea.BatchMsg)
	if !ok {
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for _, c := range b {
		if c != nil {
			out = append(out, c())
		}
	}
	return out
}

// TestPickModeDoesNotSuspend: in pick mode ctrl+z is not bound, as fzf
// leaves it; it is no text either.
func TestPickModeDoesNotSuspend(t *testing.T) {
	m, _ := testModel(t, Options{Style: "dark", Pick: true}, 120, 40)
	tm, cmd := m.Update(tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl})
	if cmd != nil {
		if _, ok := cmd().(tea.SuspendMsg); ok {
			t.Error("ctrl+z suspends pick mode")
		}
	}
	if q := tm.(Model).Query().Text; q != "" {
		t.Errorf("ctrl+z typed %q", q)
	}
}

// TestFindNextWaitsForRendering: an n pressed while the talk it went to
// is still rendering does not skip that talk.
func TestFindNextWaitsForRendering(t *testing.T) {
	m, doc := testModel(t, Options{Style: "dark"}, 120, 40)
	m = step(m, tea.KeyPressMsg{Code: tea.KeyTab})
	m = rendered(m, doc.Talks[0], m.detailWidth())
	for _, r := range "/trace" {
		m = step(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	tm, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	m = tm.(Model)
	for _, msg := range batchMsgs(cmd) {
		if f, ok := msg.(foundMsg); ok {
			m = step(m, f)
		}
	}
	if _, n := m.findPosition(); n != 3 {
		t.Fatalf("%d talks hold trace, want 3 (talks 2, 8 and 19)", n)
	}
	m = step(m, tea.KeyPressMsg{Code: 'n', Text: "n"}) // to talk 2, not rendered here
	m = step(m, tea.KeyPressMsg{Code: 'n', Text: "n"})
	if got := m.Selected(); got != doc.Talks[1] {
		t.Fatalf("n, n before talk 2 is rendered went to talk %d, want 2", got.Number)
	}
	m = rendered(m, doc.Talks[1], m.detailWidth())
	if at, _ := m.findPosition(); at != 1 || len(m.detail.matches) != 1 {
		t.Errorf("talk 2: talk %d of the found, %d matches; want 1, 1", at, len(m.detail.matches))
	}
}

// TestHeaderShortens: on a narrow terminal the header's parts shorten
// rather than being cut off (issue 12: "sort:" with no value at 40x12).
func TestHeaderShortens(t *testing.T) {
	cases := []struct {
		name string
		w    int
		keys string
		want string // the header, spaces trimmed
	}{
		{"wide", 120, "", "GolangUK talks notes 21 of 21 talks · sort: schedule"},
		{"80 with a query", 80, "/context\r", "GolangUK talks notes %d of 21 talks · /context · sort: relevance"},
		{"40", 40, "", "GolangU… 21/21 talks · sort: schedule"},
		{"40 with a query", 40, "/context\r", "%d/21 talks · /context · sort: relevance"},
		{"40 with a query and stars", 40, "/context\r5", "%d/21 · /context · ★≥5 · relevance"},
		{"30 with a long query", 30, "/microservices\r5s", "%d/21 · /microse… · ★≥5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, _ := testModel(t, Options{Style: "dark"}, c.w, 12)
			for _, r := range c.keys {
				k := tea.KeyPressMsg{Code: r, Text: string(r)}
				if r == '\r' {
					k = tea.KeyPressMsg{Code: tea.KeyEnter}
				}
				m = step(m, k)
			}
			h := ansi.Strip(m.frame.header)
			if w := ansi.StringWidth(h); w != c.w {
				t.Errorf("header %d cells wide, want %d", w, c.w)
			}
			want := c.want // the count is the list's: the header's form is what is tested
			if strings.Contains(want, "%d") {
				want = fmt.Sprintf(want, len(m.Listed()))
			}
			if got := strings.Join(strings.Fields(h), " "); got != want {
				t.Errorf("header %q, want %q", got, want)
			}
		})
	}
}

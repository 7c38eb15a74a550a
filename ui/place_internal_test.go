package ui

import (
	"bytes"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui/state"
)

// The stored state is applied when it arrives only if the reader has not
// acted yet; read marks are applied either way.
func TestPlaceDoesNotYank(t *testing.T) {
	doc, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
	if err != nil {
		t.Fatal(err)
	}
	const path = "/notes/golanguk-2016.md"
	dir := t.TempDir()
	st, _ := state.Open(dir, state.Options{})
	f := st.File(path, state.ContentHash(data.Notes()), slugs(doc))
	f.MarkRead("applied-go-kit")
	f.SetTalk("developing-apps-for-developing-countries-with-go-mobile")
	f.SetList(state.ListView{Query: "africa", Sort: "title"})
	if err := st.Flush(); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name      string
		before    []tea.Msg // before the state arrives
		wantTitle string
		wantQuery string
	}{
		{"untouched", nil, "Developing Apps for Developing Countries with go-mobile", "africa"},
		{"moved", []tea.Msg{press("j")}, "Applied Go kit", ""},
		{"typed", []tea.Msg{press("/"), press("k"), press("i"), press("t")}, "Applied Go kit", "kit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := New(doc, Options{State: StateOptions{Dir: dir, Path: path, Hash: hashOf(data.Notes())}})
			load := m.loadState()
			if load == nil {
				t.Fatal("no command reads the state")
			}
			step := func(msg tea.Msg) {
				next, _ := m.Update(msg)
				m = next.(Model)
			}
			step(tea.WindowSizeMsg{Width: 120, Height: 40})
			for _, msg := range tc.before {
				step(msg)
			}
			step(load())
			if got := m.Selected(); got == nil || got.Title != tc.wantTitle {
				t.Errorf("selected %q, want %q", titleOf(got), tc.wantTitle)
			}
			if got := m.Query().Text; got != tc.wantQuery {
				t.Errorf("query %q, want %q", got, tc.wantQuery)
			}
			if got := m.ReadCount(); got != 1 {
				t.Errorf("%d read, want 1 (Applied Go kit)", got)
			}
		})
	}
}

func press(s string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: rune(s[0]), Text: s} }

func titleOf(t *notes.Talk) string {
	if t == nil {
		return "<none>"
	}
	return t.Title
}

// headingLines finds a heading in the rendered lines, escapes removed and
// white space collapsed as newPageAids does: whole, or the first line of a
// wrapped one. It is what the place kept, the outline and a reload all
// find headings with.
func TestHeadingLines(t *testing.T) {
	for _, tc := range []struct {
		name, line, title string
		want              bool
	}{
		{"glamour dark", "  ### Introduction to Africa  ", "Introduction to Africa", true},
		{"no hashes", "  Introduction to Africa", "Introduction to Africa", true},
		{"wrapped", "  ### Initatives to improve", "Initatives to improve Africa's situation", true},
		{"a short start of a heading line", "  ### Init", "Initatives to improve Africa's situation", true},
		{"a short start of another line", "  Init", "Initatives to improve Africa's situation", false},
		{"another line", "  • Africa is BIG", "Introduction to Africa", false},
		{"blank", "   ", "Summary", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plain := strings.Join(strings.Fields(tc.line), " ")
			got := headingLines([]string{plain}, []notes.OutlineEntry{{Level: 3, Title: tc.title}})[0] >= 0
			if got != tc.want {
				t.Errorf("headingLines(%q, %q) found it: %v, want %v", tc.line, tc.title, got, tc.want)
			}
		})
	}
}

func hashOf(b []byte) func() string { return func() string { return state.ContentHash(b) } }

package ui_test

import (
	"strings"
	"testing"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui"
)

// reloadedNotes is the notes file as it might read after a SIGHUP in the
// middle of the conference: a talk kept, with more notes, and one added.
const reloadedNotes = `# GolangUK talks notes

## Idiomatic Go Tricks
> Mat Ryer - http://matryer.com

:four: :star: :star: :star: :star:

- Reloaded: the notes taken after the break.

## Lightning talks
> Many speakers

:three: :star: :star: :star:

- Five minutes each.
`

func TestFlowReload(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	next, err := notes.ParseNamed("reloaded.md", strings.NewReader(reloadedNotes))
	if err != nil {
		t.Fatal(err)
	}
	s := newScreen(t, doc, 120, 30, ui.Options{})
	s.waitForText("21 of 21 talks")
	// The third talk in the schedule, which the new notes keep.
	s.send(keyDown, keyDown)
	s.waitForText("Mat Ryer")

	s.send(ui.Reload(next))
	scr := s.waitForText("2 of 2 talks", "Lightning talks", "Reloaded: the notes taken after the break.")
	// Idiomatic Go Tricks has new notes; Lightning talks stands where
	// Applied Go kit stood, which is gone, so it reads as that talk
	// retitled; the 19 others are gone.
	if !strings.Contains(scr, "−19 talks · 2 changed") {
		t.Errorf("the header does not say what the reload changed:\n%s", scr)
	}
	if strings.Contains(scr, "SOLID") {
		t.Errorf("a talk of the old notes is still listed:\n%s", scr)
	}
	m := s.quit()
	if got := m.Selected(); got != next.Talks[0] {
		t.Errorf("selected %v after the reload, want the new notes' Idiomatic Go Tricks", got)
	}
	if got := titles(m.Listed()); len(got) != 2 {
		t.Errorf("listed %q, want the 2 talks of the new notes", got)
	}
}

func TestFlowReloadKeepsQuery(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	next, err := notes.ParseNamed("reloaded.md", strings.NewReader(reloadedNotes))
	if err != nil {
		t.Fatal(err)
	}
	s := newScreen(t, doc, 120, 30, ui.Options{})
	s.send(runes("/minutes")...)
	s.waitForText("0 of 21 talks")
	s.send(ui.Reload(next))
	s.waitForText("1 of 2 talks", "Lightning talks")
	m := s.quit()
	if got := m.Query().Text; got != "minutes" {
		t.Errorf("query %q after the reload, want minutes", got)
	}
	if got := titles(m.Listed()); len(got) != 1 || got[0] != "Lightning talks" {
		t.Errorf("listed %q, want [Lightning talks]", got)
	}
}

// A reload that leaves the list as it was still counts the new notes'
// talks in the header.
func TestFlowReloadSameHits(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	next, err := notes.ParseNamed("reloaded.md", strings.NewReader(strings.Replace(string(data.Notes()),
		"## Real-Time Go", "## Closing remarks\n> The organisers\n\n:one: :star:\n\n- Thanks\n\n## Real-Time Go", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if len(next.Talks) != len(doc.Talks)+1 {
		t.Fatalf("the new notes have %d talks, want %d", len(next.Talks), len(doc.Talks)+1)
	}
	s := newScreen(t, doc, 120, 30, ui.Options{})
	s.send(runes("/profile")...)
	s.send(keyEnter)
	s.waitForText("2 of 21 talks")
	s.send(ui.Reload(next))
	s.waitForText("2 of 22 talks", "+1 talk")
	s.quit()
}

package ui_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui"
)

// linksNotes is a talk whose links are, in reading order: 1 the speaker's
// page, 2 a javascript: link, 3 an https link, 4 a relative link, 5 an
// e-mail address.
const linksNotes = "# T\n\n## Links talk\n> Ann - https://ann.example/\n\n:five: :star: :star: :star: :star: :star:\n\n" +
	"Try [x](javascript:alert(1)) and [ok](https://ok.example/) and [rel](../z.md) and mail <ann@example.com>.\n"

func linksDoc(t *testing.T) *notes.Document {
	t.Helper()
	doc, err := notes.Parse(strings.NewReader(linksNotes))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// recordingBrowser is a $BROWSER that appends each URL it is given to a
// file, whose path it returns.
func recordingBrowser(t *testing.T) (script, opened string) {
	t.Helper()
	dir := t.TempDir()
	opened = filepath.Join(dir, "opened")
	script = filepath.Join(dir, "browser")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$1\" >> "+opened+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return script, opened
}

// TestLinksOpen: in the links view, enter opens only http, https and
// mailto links, with $BROWSER; the others say why not.
func TestLinksOpen(t *testing.T) {
	t.Parallel()
	script, opened := recordingBrowser(t)
	s := newScreen(t, linksDoc(t), 120, 40, ui.Options{Terminal: ui.Terminal{Env: ui.Env{"BROWSER=" + script}}})
	s.waitForText("Try x")
	s.send(append([]tea.Msg{keyTab}, runes("L")...)...)
	// Link 1 is in the pane's header, not in the notes: the view opens on
	// the first link the notes show.
	scr := s.waitForText("Links · 2 of 5")
	for _, want := range []string{"x javascript:alert(1) [2]", "ok https://ok.example/ [3]", "z.md [4]", "ann@example.com [5]"} {
		if !strings.Contains(scr, want) {
			t.Errorf("the notes do not show %q:\n%s", want, scr)
		}
	}
	s.send(append(runes("2"), keyEnter)...)
	s.waitForText("Not opened: scheme javascript")
	s.send(append(runes("4"), keyEnter)...)
	s.waitForText("Not opened: no scheme")
	s.send(append(runes("3"), keyEnter)...)
	var got []byte
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if b, err := os.ReadFile(opened); err == nil && len(b) > 0 {
			got = b
			break
		}
	}
	if string(got) != "https://ok.example/\n" {
		t.Errorf("the browser was given %q, want only the https link", got)
	}
	s.quit()
}

// TestLinksRemote: in a remote session enter shows the link to open and
// runs nothing.
func TestLinksRemote(t *testing.T) {
	t.Parallel()
	script, opened := recordingBrowser(t)
	s := newScreen(t, linksDoc(t), 120, 40, ui.Options{Remote: true, Terminal: ui.Terminal{Env: ui.Env{"BROWSER=" + script}}})
	s.waitForText("Try x")
	s.send(append([]tea.Msg{keyTab}, runes("L3")...)...)
	s.send(keyEnter)
	s.waitForText("Open the link shown: https://ok.example/")
	s.send(append(runes("5"), keyEnter)...)
	s.waitForText("Open the link shown: mailto:ann@example.com")
	s.quit()
	if _, err := os.Stat(opened); err == nil {
		t.Error("a remote session ran the browser")
	}
}

// TestOutlineScreenRoundTrip: t, moves, esc: the screen is the one
// before t, and t j shows the second section's heading under the rule.
func TestOutlineScreenRoundTrip(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	s := newScreen(t, doc, 80, 24, ui.Options{})
	s.send(runes("jjjjjj")...) // talk 7, "A beginners guide to Context"
	s.send(keyEnter)
	s.waitForText("A beginners guide to Context", "problems") // rendered: now it scrolls
	s.send(runes("jjj")...)
	before := s.waitForText("%")
	s.send(runes("tj")...)
	scr := s.waitForText("Outline · 2 of 3")
	lines := strings.Split(scr, "\n")
	if len(lines) < 5 || strings.TrimSpace(lines[4]) != "### more" || !strings.Contains(lines[3], "§ more") {
		t.Errorf("t j: the notes do not start at ### more under a rule naming it:\n%s", scr)
	}
	s.send(runes("j")...)
	s.waitForText("Outline · 3 of 3", "#### demo")
	s.send(keyEsc)
	if after := s.waitFor("the outline closed", func(scr string) bool { return !strings.Contains(scr, "Outline ·") }); after != before {
		t.Errorf("esc did not bring back the screen of before:\n%s\nwant\n%s", after, before)
	}
	s.quit()
}

package ui_test

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui"
	"github.com/golanguk/golanguk/ui/state"
)

// The talks these tests read, by slug, from data/golanguk-2016.md.
const (
	solidSlug   = "keynote-solid-go-design"
	gokitSlug   = "applied-go-kit"
	africaSlug  = "developing-apps-for-developing-countries-with-go-mobile"
	testingSlug = "advanced-testing-concepts-for-go-1-7"
	notesName   = "/notes/golanguk-2016.md"
)

var keyCtrlD = tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}

// placeOpts keeps the state of the embedded notes, named notesName, in dir.
func placeOpts(dir string) ui.Options {
	return ui.Options{State: ui.StateOptions{Dir: dir, Path: notesName, Hash: hashOf(data.Notes())}}
}

func slugsOf(doc *notes.Document) []string {
	var out []string
	for _, t := range doc.Talks {
		out = append(out, t.Slug)
	}
	return out
}

// seed stores read marks for the notes, as an earlier run would have.
func seed(t *testing.T, dir string, doc *notes.Document, set func(f *state.FileState)) {
	t.Helper()
	st, warnings := state.Open(dir, state.Options{})
	if len(warnings) > 0 {
		t.Fatalf("seed: %q", warnings)
	}
	set(st.File(notesName, state.ContentHash(data.Notes()), slugsOf(doc)))
	if err := st.Flush(); err != nil {
		t.Fatal(err)
	}
}

// stored is the state on disk now, read as the next run would.
func stored(t *testing.T, dir string, doc *notes.Document, content []byte) *state.FileState {
	t.Helper()
	st, warnings := state.Open(dir, state.Options{ReadOnly: true})
	if len(warnings) > 0 {
		t.Fatalf("stored: %q", warnings)
	}
	return st.File(notesName, state.ContentHash(content), slugsOf(doc))
}

// quitAndFlush ends the program as Browse does: quit, then the final save.
func quitAndFlush(t *testing.T, s *screen) ui.Model {
	t.Helper()
	m := s.quit()
	if err := m.FlushState(); err != nil {
		t.Fatal(err)
	}
	return m
}

// notesPane is the notes pane of a wide screen: what is right of the
// separator, trimmed.
func notesPane(scr string, width int) []string {
	var out []string
	cut := width*2/5 + 1
	for _, l := range strings.Split(scr, "\n")[1:] {
		r := []rune(l)
		if len(r) > cut {
			out = append(out, strings.TrimSpace(string(r[cut:])))
		}
	}
	return out
}

// A talk read half way, quit, and started again: the same talk, at the
// same place; at another size, the same section on screen.
func TestPlaceRoundTrip(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	dir := filepath.Join(t.TempDir(), "golanguk")
	seed(t, dir, doc, func(f *state.FileState) { f.MarkRead(solidSlug) })

	s := newScreen(t, doc, 120, 40, placeOpts(dir))
	s.waitForText("1 read") // the state arrived
	s.send(runes("jjjjj")...)
	s.send(keyTab)
	s.waitForText("Developing Apps for Developing Countries", "Africa is BIG", "top")
	s.send(keyCtrlD)
	before := s.waitForText("phone types distribution", "%")
	quitAndFlush(t, s)

	f := stored(t, dir, doc, data.Notes())
	if got := f.Talk(); got != africaSlug {
		t.Errorf("stored talk %q, want %q", got, africaSlug)
	}
	if got := f.Position(africaSlug); got.Section != "introduction-to-africa" {
		t.Errorf("stored position %+v, want a line of section introduction-to-africa", got)
	}

	s = newScreen(t, doc, 120, 40, placeOpts(dir))
	after := s.waitForText("1 read", "phone types distribution", "%")
	m := s.quit()
	if got := m.Selected(); got == nil || got.Slug != africaSlug {
		t.Fatalf("selected %v, want %s", got, africaSlug)
	}
	// The notes, below the rule (focused or not) and above the help line.
	b, a := notesPane(before, 120), notesPane(after, 120)
	if b, a = b[3:len(b)-1], a[3:len(a)-1]; !slices.Equal(b, a) {
		t.Errorf("notes pane differs after a restart:\nbefore:\n%s\nafter:\n%s", strings.Join(b, "\n"), strings.Join(a, "\n"))
	}

	// Narrow: the list first; enter opens the notes at the same section.
	s = newScreen(t, doc, 80, 24, placeOpts(dir))
	s.waitForText("1 read", "Developing Apps for Developing Countries")
	s.send(keyEnter)
	scr := s.waitForText("Natalie Pistunovich", "%")
	s.quit()
	// The second line of the notes at 120x40 (the first is the end of a
	// line wrapped otherwise at 80 columns).
	top := notesPane(before, 120)[4]
	if !strings.Contains(scr, top) {
		t.Errorf("at 80x24 the notes do not show %q, second from the top at 120x40:\n%s", top, scr)
	}
}

// m marks the selected talk read and again not read: the list shows a
// check, the header counts, and the marks reach the disk.
func TestPlaceMarkRead(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	dir := t.TempDir()
	seed(t, dir, doc, func(f *state.FileState) { f.MarkRead(testingSlug) })
	s := newScreen(t, doc, 120, 40, placeOpts(dir))
	s.waitForText("1 read")
	s.send(runes("m")...) // the keynote
	scr := s.waitForText("2 read", "Marked “Keynote: SOLID Go design” read")
	if !strings.Contains(scr, "Keynote: SOLID Go design ") || strings.Count(scr, "✓") != 2 {
		t.Errorf("want a check after each of the two read talks:\n%s", scr)
	}
	s.send(runes("jm")...) // Applied Go kit
	s.waitForText("3 read")
	s.send(runes("km")...) // the keynote again: not read
	s.waitForText("2 read", "not read")
	quitAndFlush(t, s)

	f := stored(t, dir, doc, data.Notes())
	for slug, want := range map[string]bool{solidSlug: false, gokitSlug: true, testingSlug: true, africaSlug: false} {
		if got := f.IsRead(slug); got != want {
			t.Errorf("%s read %v, want %v", slug, got, want)
		}
	}
}

// A talk scrolled to its end in the notes pane is read.
func TestPlaceReadAtEnd(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	dir := t.TempDir()
	seed(t, dir, doc, func(f *state.FileState) { f.MarkRead(africaSlug) })
	s := newScreen(t, doc, 120, 40, placeOpts(dir))
	s.waitForText("1 read")
	s.send(keyTab)
	s.waitForText("Objective: design good programs", "top")
	s.send(runes("G")...)
	s.waitForText("2 read", "end")
	quitAndFlush(t, s)
	if !stored(t, dir, doc, data.Notes()).IsRead(solidSlug) {
		t.Error("the keynote, scrolled to its end, is not read")
	}
}

// --fresh starts at the first talk with no query, shows the marks, and
// forgets nothing.
func TestPlaceFresh(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	dir := t.TempDir()
	seed(t, dir, doc, func(f *state.FileState) {
		f.MarkRead(gokitSlug)
		f.SetTalk(africaSlug)
		f.SetPosition(africaSlug, state.Position{Section: "app-store-stats"})
		f.SetList(state.ListView{Query: "africa", Sort: "title"})
	})
	opts := placeOpts(dir)
	opts.State.Fresh = true
	s := newScreen(t, doc, 120, 40, opts)
	scr := s.waitForText("1 read", "21 of 21 talks")
	if strings.Contains(scr, "africa") || strings.Contains(scr, "sort: title") {
		t.Errorf("--fresh shows the stored query or sort:\n%s", scr)
	}
	m := quitAndFlush(t, s)
	if got := m.Selected(); got != doc.Talks[0] {
		t.Errorf("selected %q, want the first talk", got.Title)
	}
	f := stored(t, dir, doc, data.Notes())
	if !f.IsRead(gokitSlug) || f.Talk() != africaSlug || f.List().Query != "africa" {
		t.Errorf("--fresh forgot: read %v, talk %q, list %+v", f.IsRead(gokitSlug), f.Talk(), f.List())
	}
}

// The command line's query wins over the stored one; the stored talk is
// selected if the query lists it.
func TestPlaceQueryFlagWins(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	dir := t.TempDir()
	seed(t, dir, doc, func(f *state.FileState) {
		f.MarkRead(gokitSlug)
		f.SetList(state.ListView{Query: "africa"})
	})
	opts := placeOpts(dir)
	opts.Query = "kit"
	s := newScreen(t, doc, 120, 40, opts)
	scr := s.waitForText("1 read", "/kit")
	s.quit()
	if strings.Contains(scr, "/africa") {
		t.Errorf("the stored query replaced the command line's:\n%s", scr)
	}
}

// --no-state, pick mode and a remote session write nothing, not even the
// directory.
func TestPlaceWritesNothing(t *testing.T) {
	doc := realNotes(t)
	for _, tc := range []struct {
		name string
		set  func(*ui.Options)
	}{
		{"no-state", func(o *ui.Options) { o.State.Off = true }},
		{"pick", func(o *ui.Options) { o.Pick = true }},
		{"remote", func(o *ui.Options) { o.Remote = true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "golanguk")
			opts := placeOpts(dir)
			tc.set(&opts)
			s := newScreen(t, doc, 120, 40, opts)
			s.waitForText("21 of 21 talks")
			keys := append(runes("jjm"), keyTab, keyCtrlD)
			if opts.Pick {
				keys = []tea.Msg{keyDown, keyDown}
			}
			s.send(keys...)
			s.waitForText("Applied Go kit")
			quitAndFlush(t, s)
			if _, err := os.Lstat(dir); !os.IsNotExist(err) {
				t.Errorf("%s exists (lstat: %v)", dir, err)
			}
		})
	}
}

// In a remote session m marks in memory.
func TestPlaceRemoteMarksInMemory(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	opts := placeOpts(filepath.Join(t.TempDir(), "golanguk"))
	opts.Remote = true
	s := newScreen(t, doc, 120, 40, opts)
	s.waitForText("21 of 21 talks")
	s.send(runes("m")...)
	s.waitForText("1 read")
	if m := s.quit(); m.ReadCount() != 1 || !m.IsRead(doc.Talks[0]) {
		t.Errorf("read %d talks, keynote %v; want the keynote", m.ReadCount(), m.IsRead(doc.Talks[0]))
	}
}

// A corrupt state file: a one-line warning in the status line, a fresh
// start, and the next save in its place.
func TestPlaceCorrupt(t *testing.T) {
	doc := realNotes(t)
	garbage := make([]byte, 10<<20)
	rand.NewChaCha8([32]byte{7}).Read(garbage)
	good := func(t *testing.T) []byte {
		dir := t.TempDir()
		seed(t, dir, doc, func(f *state.FileState) { f.MarkRead(gokitSlug) })
		b, err := os.ReadFile(filepath.Join(dir, "state.json"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tc := range []struct {
		name  string
		write func(t *testing.T, path string)
	}{
		{"truncated JSON", func(t *testing.T, path string) {
			b := good(t)
			write(t, path, b[:len(b)/2])
		}},
		{"a directory", func(t *testing.T, path string) {
			if err := os.MkdirAll(filepath.Join(path, "x"), 0o700); err != nil {
				t.Fatal(err)
			}
		}},
		{"0 bytes", func(t *testing.T, path string) { write(t, path, nil) }},
		{"10 MB of garbage", func(t *testing.T, path string) { write(t, path, garbage) }},
		{"an escape in the query", func(t *testing.T, path string) {
			write(t, path, []byte(`{"version": 1, "files": {"/a.md": {"list": {"query": "\u001b]52;c;aGk=\u0007"}}}}`))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			tc.write(t, filepath.Join(dir, "state.json"))
			s := newScreen(t, doc, 120, 40, placeOpts(dir))
			scr := s.waitForText("is corrupt")
			if strings.Contains(scr, "read ·") || strings.ContainsRune(scr, '\x1b') {
				t.Errorf("not a fresh start, or an escape on screen:\n%s", scr)
			}
			s.send(runes("m")...)
			s.waitForText("1 read")
			quitAndFlush(t, s)
			if !stored(t, dir, doc, data.Notes()).IsRead(solidSlug) {
				t.Error("the fresh state was not saved")
			}
		})
	}
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// A state directory that cannot be written: a warning, the stored marks
// shown, and nothing written.
func TestPlaceReadOnlyDir(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("root writes anywhere")
	}
	doc := realNotes(t)
	dir := t.TempDir()
	seed(t, dir, doc, func(f *state.FileState) { f.MarkRead(gokitSlug) })
	before, err := os.ReadFile(filepath.Join(dir, "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	s := newScreen(t, doc, 120, 40, placeOpts(dir))
	s.waitForText("1 read", "state: cannot write in") // the status line, cut at 120 columns
	s.send(runes("m")...)
	s.waitForText("2 read")
	quitAndFlush(t, s)
	after, err := os.ReadFile(filepath.Join(dir, "state.json"))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("state.json changed (%v)", err)
	}
}

// Two browsers at once on the same state: neither loses the other's
// marks.
func TestPlaceTwoBrowsers(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	dir := t.TempDir()
	seed(t, dir, doc, func(f *state.FileState) { f.MarkRead(testingSlug) })
	a := newScreen(t, doc, 120, 40, placeOpts(dir))
	b := newScreen(t, doc, 120, 40, placeOpts(dir))
	a.waitForText("1 read")
	b.waitForText("1 read")
	a.send(runes("m")...)   // the keynote
	b.send(runes("jm")...)  // Applied Go kit
	a.waitForText("2 read") // each sees its own mark
	b.waitForText("2 read")
	quitAndFlush(t, a)
	quitAndFlush(t, b)
	f := stored(t, dir, doc, data.Notes())
	for _, slug := range []string{testingSlug, solidSlug, gokitSlug} {
		if !f.IsRead(slug) {
			t.Errorf("%s lost its mark", slug)
		}
	}
}

// An edited notes file keeps the marks of the talks whose slugs remain.
func TestPlaceEditedNotes(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	dir := t.TempDir()
	seed(t, dir, doc, func(f *state.FileState) {
		f.MarkRead(solidSlug)
		f.MarkRead(gokitSlug)
	})
	// Applied Go kit gets another title, so another slug; a line is added
	// to the keynote.
	edited := bytes.Replace(data.Notes(), []byte("## Applied Go kit\n"), []byte("## Applied Go kit, again\n"), 1)
	edited = bytes.Replace(edited, []byte("### Summary\n"), []byte("### Summary\n\n* an added line\n"), 1)
	if bytes.Equal(edited, data.Notes()) {
		t.Fatal("the edit changed nothing")
	}
	doc2, err := notes.ParseNamed(data.Name, bytes.NewReader(edited))
	if err != nil {
		t.Fatal(err)
	}
	opts := placeOpts(dir)
	opts.State.Hash = hashOf(edited)
	s := newScreen(t, doc2, 120, 40, opts)
	scr := s.waitForText("1 read", "Applied Go kit, again")
	if strings.Count(scr, "✓") != 1 {
		t.Errorf("want one check, the keynote's:\n%s", scr)
	}
	m := quitAndFlush(t, s)
	if !m.IsRead(doc2.Talks[0]) || m.IsRead(doc2.Talks[1]) {
		t.Errorf("keynote read %v, %q read %v; want true, false", m.IsRead(doc2.Talks[0]), doc2.Talks[1].Slug, m.IsRead(doc2.Talks[1]))
	}
}

func hashOf(b []byte) func() string { return func() string { return state.ContentHash(b) } }

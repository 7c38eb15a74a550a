package ui_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/source"
	"github.com/golanguk/golanguk/ui"
)

// Notes as a conference's are written live: three talks, then a fourth,
// and the second one's notes growing.
const (
	liveV1 = "# Live notes\n\n" +
		"## Opening keynote\n> Ann Speaker - https://example.com/ann\n\n:seven: :star: :star: :star: :star: :star: :star: :star:\n\n- welcome\n\n" +
		"## Testing in Go\n> Bob Speaker - https://example.com/bob\n\n:six: :star: :star: :star: :star: :star: :star:\n\n### Tables\n\n- table-driven tests\n\n" +
		"## Closing talk\n> Cat Speaker - https://example.com/cat\n\n:five: :star: :star: :star: :star: :star:\n\n- goodbye\n"
	liveV2 = liveV1 + "\n## Lightning talks\n> Dan Speaker - https://example.com/dan\n\n:eight: :star: :star: :star: :star: :star: :star: :star: :star:\n\n- five minutes each\n"
)

// loadedFrom parses what the watch read, as main does.
func loadedFrom(src *source.Source, ev source.Event) ui.Loaded {
	if ev.Err != nil {
		return ui.Loaded{Err: ev.Err}
	}
	doc, err := notes.ParseNamed(src.Name(), bytes.NewReader(ev.Snapshot.Data))
	if err != nil {
		return ui.Loaded{Err: err}
	}
	return ui.Loaded{Doc: doc}
}

// watchedBrowser writes liveV1 to a file in a temporary directory, opens
// the browser on it with the file watched, and selects "Testing in Go".
func watchedBrowser(t *testing.T) (path string, s *screen) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "talks.md")
	writeFile(t, path, liveV1)
	src, err := source.New(path, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := src.Load(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := notes.ParseNamed(src.Name(), bytes.NewReader(snap.Data))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	events, err := src.Watch(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan ui.Loaded)
	go func() {
		for ev := range events {
			select {
			case ch <- loadedFrom(src, ev):
			case <-ctx.Done():
				return
			}
		}
	}()
	s = newScreen(t, doc, 100, 30, ui.Options{Changes: ch})
	s.send(keyDown)
	s.waitForText("▌ Testing in Go", "table-driven tests")
	return path, s
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// showsNew waits for the browser to show liveV2, and checks the final
// model has it with "Testing in Go" still selected.
func showsNew(t *testing.T, s *screen) {
	t.Helper()
	s.waitForText("+1 talk", "4 of 4 talks", "Lightning talks", "▌ Testing in Go")
	m := s.quit()
	if got := titles(m.Listed()); strings.Join(got, "|") != "Opening keynote|Testing in Go|Closing talk|Lightning talks" {
		t.Errorf("listed %q, want the four talks of the new notes", got)
	}
	if sel := m.Selected(); sel == nil || sel.Slug != "testing-in-go" {
		t.Errorf("selected %v, want testing-in-go still", sel)
	}
}

func TestWatchedFileReloads(t *testing.T) {
	tests := []struct {
		name string
		save func(t *testing.T, path string, s *screen)
	}{
		{"atomic rename", func(t *testing.T, path string, _ *screen) {
			tmp := filepath.Join(filepath.Dir(path), ".talks.md.tmp")
			writeFile(t, tmp, liveV2)
			if err := os.Rename(tmp, path); err != nil {
				t.Fatal(err)
			}
		}},
		{"vim: backup rename, new file", func(t *testing.T, path string, _ *screen) {
			if err := os.Rename(path, path+"~"); err != nil {
				t.Fatal(err)
			}
			writeFile(t, path, liveV2)
			if err := os.Remove(path + "~"); err != nil {
				t.Fatal(err)
			}
		}},
		{"truncate, then two parts with a gap", func(t *testing.T, path string, _ *screen) {
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			half := len(liveV2) / 2
			if _, err := f.WriteString(liveV2[:half]); err != nil {
				t.Fatal(err)
			}
			time.Sleep(30 * time.Millisecond) // a writer pausing mid-save
			if _, err := f.WriteString(liveV2[half:]); err != nil {
				t.Fatal(err)
			}
		}},
		{"delete and recreate", func(t *testing.T, path string, s *screen) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			s.waitForText("Kept the notes as they were: source: ")
			writeFile(t, path, liveV2)
		}},
		{"half written, then whole", func(t *testing.T, path string, s *screen) {
			writeFile(t, path, "# Live notes\n\n## Opening keyn")
			s.waitForText("Kept the notes as they were: notes: ", "3 of 3 talks", "▌ Testing in Go")
			writeFile(t, path, liveV2)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path, s := watchedBrowser(t)
			tt.save(t, path, s)
			showsNew(t, s)
		})
	}
}

// e runs the editor on the notes file, here a script that adds a talk;
// when it exits the notes are read again.
func TestEditAddsTalk(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "talks.md")
	writeFile(t, path, liveV1)
	script := filepath.Join(dir, "editor.sh")
	add := liveV2[len(liveV1):]
	writeFile(t, script, "#!/bin/sh\necho \"$@\" > \""+dir+"/args\"\nfor f; do :; done\ncat >> \"$f\" <<'EOF'\n"+add+"EOF\n")
	reload := func(context.Context) ui.Loaded {
		b, err := os.ReadFile(path)
		if err != nil {
			return ui.Loaded{Err: err}
		}
		doc, err := notes.ParseNamed("talks.md", bytes.NewReader(b))
		return ui.Loaded{Doc: doc, Err: err}
	}
	doc := reload(context.Background()).Doc
	s := newScreen(t, doc, 100, 30, ui.Options{
		EditFile: path,
		Editor:   "/bin/sh " + script,
		Reload:   reload,
		Terminal: ui.Terminal{Env: ui.Env{"PATH=/usr/bin:/bin"}},
	})
	s.send(keyDown)
	s.waitForText("▌ Testing in Go")
	s.send(tea.KeyPressMsg{Code: 'e', Text: "e"})
	showsNew(t, s)
	args, err := os.ReadFile(filepath.Join(dir, "args"))
	if err != nil || strings.TrimSpace(string(args)) != path {
		t.Errorf("the editor got %q (%v), want the file alone (sh takes no +N)", args, err)
	}
}

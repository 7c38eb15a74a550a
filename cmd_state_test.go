package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/ui/state"
)

// seedState marks talks read in the state under $XDG_STATE_HOME, as the
// browser over the built-in notes would.
func seedState(t *testing.T, slugs ...string) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("XDG_STATE_HOME", home)
	dir := filepath.Join(home, "golanguk")
	st, warnings := state.Open(dir, state.Options{})
	if len(warnings) > 0 {
		t.Fatal(warnings)
	}
	var all []string
	for _, tk := range embedded(t).Talks {
		all = append(all, tk.Slug)
	}
	f := st.File("embedded:"+data.Name, state.ContentHash(data.Notes()), all)
	for _, s := range slugs {
		f.MarkRead(s)
	}
	if err := st.Flush(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestStatePath(t *testing.T) {
	cleanEnv(t)
	home := t.TempDir()
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"XDG_STATE_HOME", map[string]string{"XDG_STATE_HOME": home + "/xdg", "HOME": home}, home + "/xdg/golanguk/state.json"},
		{"HOME", map[string]string{"XDG_STATE_HOME": "", "HOME": home}, home + "/.local/state/golanguk/state.json"},
		{"relative XDG_STATE_HOME", map[string]string{"XDG_STATE_HOME": "state", "HOME": home}, home + "/.local/state/golanguk/state.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			r := cli(t, []string{"state", "--path"})
			if r.code != 0 || r.stdout != tc.want+"\n" || r.stderr != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want %q", r.code, r.stdout, r.stderr, tc.want)
			}
			if _, err := os.Lstat(filepath.Dir(tc.want)); !os.IsNotExist(err) {
				t.Errorf("--path made %s (%v)", filepath.Dir(tc.want), err)
			}
		})
	}
	t.Run("no home", func(t *testing.T) {
		t.Setenv("XDG_STATE_HOME", "")
		t.Setenv("HOME", "")
		if r := cli(t, []string{"state", "--path"}); r.code != 2 || !strings.Contains(r.stderr, "no state directory") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
	t.Run("neither flag", func(t *testing.T) {
		if r := cli(t, []string{"state"}); r.code != 2 {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

// listRead is list --json's read field per slug.
func listRead(t *testing.T, args ...string) map[string]bool {
	t.Helper()
	r := cli(t, append([]string{"list", "--json"}, args...))
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	var talks []struct {
		Slug string `json:"slug"`
		Read *bool  `json:"read"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &talks); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, tk := range talks {
		if tk.Read == nil {
			t.Fatalf("%s has no read field", tk.Slug)
		}
		out[tk.Slug] = *tk.Read
	}
	return out
}

func TestListJSONRead(t *testing.T) {
	cleanEnv(t)
	dir := seedState(t, "applied-go-kit", "static-deadlock-detection")
	before, err := os.ReadFile(filepath.Join(dir, "state.json"))
	if err != nil {
		t.Fatal(err)
	}
	read := listRead(t)
	if len(read) != 21 {
		t.Fatalf("%d talks, want 21", len(read))
	}
	for slug, r := range read {
		want := slug == "applied-go-kit" || slug == "static-deadlock-detection"
		if r != want {
			t.Errorf("%s: read %v, want %v", slug, r, want)
		}
	}
	for slug, r := range listRead(t, "--no-state") {
		if r {
			t.Errorf("--no-state: %s read", slug)
		}
	}
	// The same notes in a file: a copy, whose state is found by its
	// content's hash.
	notesFile := filepath.Join(t.TempDir(), "notes.md")
	if err := os.WriteFile(notesFile, data.Notes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for slug, r := range listRead(t, "--notes", notesFile) {
		if want := slug == "applied-go-kit" || slug == "static-deadlock-detection"; r != want {
			t.Errorf("--notes, a copy: %s read %v, want %v", slug, r, want)
		}
	}
	// Other notes have marks of their own: none yet.
	other := filepath.Join(t.TempDir(), "other.md")
	if err := os.WriteFile(other, append(data.Notes(), "\n## One more talk\n> Someone\n\n:one: :star:\n"...), 0o600); err != nil {
		t.Fatal(err)
	}
	for slug, r := range listRead(t, "--notes", other) {
		if r {
			t.Errorf("--notes, other notes: %s read", slug)
		}
	}
	if after, err := os.ReadFile(filepath.Join(dir, "state.json")); err != nil || string(after) != string(before) {
		t.Errorf("list wrote the state (%v)", err)
	}
}

func TestStateClear(t *testing.T) {
	cleanEnv(t)
	dir := seedState(t, "applied-go-kit")
	r := cli(t, []string{"state", "--clear"})
	if r.code != 0 || !strings.Contains(r.stdout, "Forgot") || r.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Lstat(filepath.Join(dir, "state.json")); !os.IsNotExist(err) {
		t.Errorf("state.json still there (%v)", err)
	}
	if listRead(t)["applied-go-kit"] {
		t.Error("still read after --clear")
	}
}

// A corrupt state never fails a command: a warning, and nothing read.
func TestListJSONCorruptState(t *testing.T) {
	cleanEnv(t)
	dir := seedState(t, "applied-go-kit")
	if err := os.WriteFile(filepath.Join(dir, "state.json"), []byte(`{"version": 1, "fi`), 0o600); err != nil {
		t.Fatal(err)
	}
	r := cli(t, []string{"list", "--json"})
	if r.code != 0 || !strings.Contains(r.stderr, "golanguk: warning: state:") || !strings.Contains(r.stderr, "corrupt") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("want one line of warning: %q", r.stderr)
	}
	if strings.Contains(r.stdout, `"read": true`) {
		t.Error("a talk read from a corrupt state")
	}
	// list reads only: the corrupt file is left for the browser to move.
	if b, err := os.ReadFile(filepath.Join(dir, "state.json")); err != nil || string(b) != `{"version": 1, "fi` {
		t.Errorf("list changed the corrupt file (%v)", err)
	}
}

// The browser, as a person runs it: a talk and a mark kept across runs;
// --fresh starts at the first talk with the mark shown; --no-state
// neither shows nor writes.
func TestBrowserKeepsPlace(t *testing.T) {
	t.Parallel() // it waits on the programs it runs
	bin := golangukBinary(t)
	home := t.TempDir()
	statePath := filepath.Join(home, "golanguk", "state.json")
	run := func(t *testing.T, keys string, ready func(string) bool, args ...string) string {
		t.Helper()
		term, err := startTerm(t, 120, 40, []string{"XDG_STATE_HOME=" + home}, bin, args...)
		if errors.Is(err, errNoPTY) {
			t.Skip(err)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer term.close()
		_, scr, err := term.waitFor(20*time.Second, ready)
		if err != nil {
			t.Fatalf("%v; screen:\n%s", err, term.screen())
		}
		if err := term.send(keys + "q"); err != nil {
			t.Fatal(err)
		}
		select {
		case <-term.exited:
		case <-time.After(20 * time.Second):
			t.Fatal("did not quit")
		}
		return scr
	}
	notesOf := containsAll("21 of 21 talks", "Objective: design good programs")

	t.Run("first", func(t *testing.T) {
		// Down to talk 5; wait for its notes before marking it.
		term, err := startTerm(t, 120, 40, []string{"XDG_STATE_HOME=" + home}, bin)
		if errors.Is(err, errNoPTY) {
			t.Skip(err)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer term.close()
		if _, _, err := term.waitFor(20*time.Second, notesOf); err != nil {
			t.Fatal(err)
		}
		_ = term.send("jjjj")
		if _, _, err := term.waitFor(20*time.Second, containsAll("Go 1.7 is out")); err != nil {
			t.Fatalf("%v:\n%s", err, term.screen())
		}
		_ = term.send("m")
		if _, _, err := term.waitFor(20*time.Second, containsAll("1 read")); err != nil {
			t.Fatalf("%v:\n%s", err, term.screen())
		}
		_ = term.send("q")
		select {
		case <-term.exited:
		case <-time.After(20 * time.Second):
			t.Fatal("did not quit")
		}
	})
	saved, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatalf("nothing saved: %v", err)
	}
	if !strings.Contains(string(saved), `"talk": "advanced-testing-concepts-for-go-1-7"`) {
		t.Errorf("state.json does not hold the talk:\n%s", saved)
	}
	t.Run("again", func(t *testing.T) {
		run(t, "", containsAll("1 read", "▌ Advanced testing concepts for Go 1.7", "Go 1.7 is out"))
	})
	t.Run("fresh", func(t *testing.T) {
		run(t, "", containsAll("1 read", "▌ Keynote: SOLID Go design", "Objective: design good programs"), "--fresh")
	})
	t.Run("no-state", func(t *testing.T) {
		before, _ := os.ReadFile(statePath)
		scr := run(t, "jm", notesOf, "--no-state")
		if strings.Contains(scr, "1 read") {
			t.Errorf("--no-state shows marks:\n%s", scr)
		}
		if after, _ := os.ReadFile(statePath); string(after) != string(before) {
			t.Error("--no-state wrote the state")
		}
	})
}

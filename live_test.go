package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golanguk/golanguk/ui"
)

// screenWait bounds waiting for the browser's screen in a pty: a hang
// guard, not a measure of speed.
const screenWait = 20 * time.Second

func TestWatchFlagErrors(t *testing.T) {
	cleanEnv(t)
	file := filepath.Join(t.TempDir(), "talks.md")
	if err := os.WriteFile(file, []byte(oneTalk), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"stdin", []string{"--notes", "-", "--watch"}, "golanguk: --watch: nothing to watch on standard input, which is read once\n"},
		{"built-in notes", []string{"--watch"}, "golanguk: --watch follows a --notes file or URL; the built-in notes do not change\n"},
		{"below the floor", []string{"--notes", file, "--watch=2s"}, "golanguk: --watch=2s polls too often: at least 5s between polls\n"},
		{"not a duration", []string{"--notes", file, "--watch=soon"}, "golanguk: --watch=soon is not a duration (30s, 2m)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cli(t, tt.args, func(a *app) {
				pr, pw, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { pr.Close() })
				_, _ = pw.WriteString(oneTalk)
				pw.Close()
				a.term.In = pr
				// A terminal to browse on, so that the browser, not the
				// list, is what would run.
				a.term.IsTerminal = true
			})
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) || strings.Count(r.stderr, "\n") != 1 || r.stdout != "" {
				t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one line with %q", tt.args, r.code, r.stdout, r.stderr, tt.want)
			}
		})
	}
}

// TestNotesFromStdinPipe reads the notes from a real pipe, as
// `cat notes.md | golanguk --notes - list` does.
func TestNotesFromStdinPipe(t *testing.T) {
	cleanEnv(t)
	pipe := func(a *app) {
		pr, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { pr.Close() })
		go func() {
			_, _ = pw.WriteString(oneTalk)
			pw.Close()
		}()
		a.term.In = pr
	}
	r := cli(t, []string{"--notes", "-", "list"}, pipe)
	if r.code != 0 || r.stdout != "1\t3\ta-talk-written-live\tA talk written live\tSomeone Speaking\n" {
		t.Errorf("list: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = cli(t, []string{"--notes", "-", "show", "a-talk-written-live", "--format", "markdown"}, pipe)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "# A talk written live\n") || !strings.Contains(r.stdout, "- the first point") {
		t.Errorf("show: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// TestBrowserNotesFromStdin runs the browser on notes piped in: its keys
// come from the terminal (/dev/tty).
func TestBrowserNotesFromStdin(t *testing.T) {
	t.Parallel()
	bin := golangukBinary(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "talks.md")
	if err := os.WriteFile(file, []byte(oneTalk), 0o644); err != nil {
		t.Fatal(err)
	}
	tm, err := startTerm(t, 100, 30, nil, "/bin/sh", "-c", `cat "$1" | exec "$2" --notes -`, "sh", file, bin)
	if err != nil {
		t.Skip(err)
	}
	if _, scr, err := tm.waitFor(screenWait, containsAll("A talk written live", "1 of 1 talks")); err != nil {
		t.Fatal(err, scr)
	}
	if err := tm.send("e"); err != nil {
		t.Fatal(err)
	}
	if _, scr, err := tm.waitFor(screenWait, containsAll("Only files can be edited: these notes are from standard input")); err != nil {
		t.Fatal(err, scr)
	}
	if err := tm.send("q"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(screenWait)
	for !tm.hasExited() {
		if time.Now().After(deadline) {
			t.Fatalf("q did not end the browser; screen:\n%s", tm.screen())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestBrowserWatchAndEdit runs the browser with --watch on a file that a
// script changes, then e with an editor script that adds a talk.
func TestBrowserWatchAndEdit(t *testing.T) {
	t.Parallel()
	bin := golangukBinary(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "talks.md")
	if err := os.WriteFile(file, []byte(oneTalk), 0o644); err != nil {
		t.Fatal(err)
	}
	editor := filepath.Join(dir, "editor")
	script := "#!/bin/sh\nfor f; do :; done\nprintf '\\n## Added in the editor\\n> Ed Itor\\n\\n:two: :star: :star:\\n\\n- edited\\n' >> \"$f\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	tm, err := startTerm(t, 100, 30, []string{"EDITOR=" + editor, "VISUAL="}, bin, "--notes", file, "--watch")
	if err != nil {
		t.Skip(err)
	}
	if _, scr, err := tm.waitFor(screenWait, containsAll("A talk written live", "1 of 1 talks")); err != nil {
		t.Fatal(err, scr)
	}
	// A save by another program: a new file renamed over the old.
	tmp := filepath.Join(dir, ".talks.md.swp")
	second := oneTalk + "\n## Written meanwhile\n> Other Writer\n\n:four: :star: :star: :star: :star:\n\n- more\n"
	if err := os.WriteFile(tmp, []byte(second), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	if _, scr, err := tm.waitFor(screenWait, containsAll("+1 talk", "2 of 2 talks", "Written meanwhile", "▌ A talk written live")); err != nil {
		t.Fatal(err, scr)
	}
	if err := tm.send("e"); err != nil {
		t.Fatal(err)
	}
	if _, scr, err := tm.waitFor(screenWait, containsAll("3 of 3 talks", "Added in the editor", "▌ A talk written live")); err != nil {
		t.Fatal(err, scr)
	}
	b, err := os.ReadFile(file)
	if err != nil || !strings.HasSuffix(string(b), "- edited\n") {
		t.Errorf("the file after the editor: %q, %v", b, err)
	}
	if err := tm.send("q"); err != nil {
		t.Fatal(err)
	}
}

// TestLiveOptions checks what the browser is given to read the notes
// again and edit them: a file can be edited, a URL's reload falls back
// on the cached copy when the server is gone, and saying so.
func TestLiveOptions(t *testing.T) {
	cleanEnv(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/n0tesID/download" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		_, _ = w.Write([]byte(oneTalk))
	}))
	file := filepath.Join(t.TempDir(), "talks.md")
	if err := os.WriteFile(file, []byte(oneTalk), 0o644); err != nil {
		t.Fatal(err)
	}
	newApp := func(notes string, env ...string) *app {
		a := &app{term: ui.Terminal{In: strings.NewReader(oneTalk), Env: append(os.Environ(), env...)}, stderr: io.Discard, notesFile: notes}
		if _, err := a.document(); err != nil {
			t.Fatal(err)
		}
		return a
	}
	ctx := context.Background()

	o, err := newApp(file, "VISUAL=", "EDITOR=nano").liveOptions(ctx, false, 0)
	if err != nil || o.EditFile != file || o.Editor != "nano" || o.Reload == nil || o.Changes != nil {
		t.Errorf("a file: %+v, %v; want it editable in nano, reloadable, not watched", o, err)
	}
	if l := o.Reload(ctx); l.Err != nil || len(l.Doc.Talks) != 1 || !l.CachedAt.IsZero() {
		t.Errorf("a file's reload: %+v", l)
	}
	if o, _ := newApp(file, "VISUAL=vim", "EDITOR=nano").liveOptions(ctx, false, 0); o.Editor != "vim" {
		t.Errorf("editor %q, want VISUAL's vim", o.Editor)
	}

	o, err = newApp(srv.URL+"/n0tesID").liveOptions(ctx, false, 0)
	if err != nil || o.EditFile != "" || o.Reload == nil {
		t.Fatalf("a URL: %+v, %v; want it reloadable, not editable", o, err)
	}
	if l := o.Reload(ctx); l.Err != nil || len(l.Doc.Talks) != 1 || !l.CachedAt.IsZero() {
		t.Errorf("a URL's reload: %+v", l)
	}
	srv.Close()
	l := o.Reload(ctx)
	if l.Err != nil || len(l.Doc.Talks) != 1 || l.CachedAt.IsZero() || l.Stale == nil ||
		!strings.Contains(l.Stale.Error(), srv.URL+"/n0tesID/download") {
		t.Errorf("a URL's reload with the server gone: %+v; want the cached copy, its time and why", l)
	}

	o, err = newApp("-").liveOptions(ctx, false, 0)
	if err != nil || o.Reload != nil || o.EditFile != "" {
		t.Errorf("stdin: %+v, %v; want nothing to reload or edit", o, err)
	}
}

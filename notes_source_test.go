package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

const oneTalk = "# Live notes\n\n## A talk written live\n> Someone Speaking - https://example.com/someone\n\n:three: :star: :star: :star:\n\n- the first point\n"

func TestNotesFromStdin(t *testing.T) {
	cleanEnv(t)
	stdin := func(a *app) { a.term.In = strings.NewReader(oneTalk) }
	r := cli(t, []string{"--notes", "-", "list"}, stdin)
	if r.code != 0 || r.stdout != "1\t3\ta-talk-written-live\tA talk written live\tSomeone Speaking\n" {
		t.Fatalf("list from stdin: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = cli(t, []string{"--notes", "-", "show", "1", "--format", "markdown"}, stdin)
	if r.code != 0 || !strings.Contains(r.stdout, "- the first point") {
		t.Fatalf("show from stdin: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = cli(t, []string{"--notes", "-", "list"}) // an empty stdin
	if r.code != 2 || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.Contains(r.stderr, "stdin") {
		t.Fatalf("empty stdin: exit %d, stderr %q; want exit 2 and one line naming stdin", r.code, r.stderr)
	}
}

// TestNotesFromURL reads a HedgeDoc-shaped note: the note's URL is turned
// into its /download URL, the answer is cached, and when the server is
// gone the cached copy is read with a warning saying so.
func TestNotesFromURL(t *testing.T) {
	cleanEnv(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	var (
		mu    sync.Mutex
		paths []string
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		if r.URL.Path != "/n0tesID/download" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/markdown; charset=utf-8")
		w.Header().Set("ETag", `"v1"`)
		_, _ = w.Write([]byte(oneTalk))
	}))
	note := srv.URL + "/n0tesID#the-first-point"

	r := cli(t, []string{"--notes", note, "list"})
	if r.code != 0 || !strings.Contains(r.stdout, "A talk written live") || r.stderr != "" {
		t.Fatalf("list from %s: exit %d, stdout %q, stderr %q", note, r.code, r.stdout, r.stderr)
	}
	mu.Lock()
	if len(paths) != 1 || paths[0] != "/n0tesID/download" {
		t.Errorf("requests %q, want one for /n0tesID/download", paths)
	}
	mu.Unlock()

	r = cli(t, []string{"--notes", srv.URL + "/missing/download", "list"})
	if r.code != 2 || !strings.Contains(r.stderr, "404") || !strings.Contains(r.stderr, "/missing/download") ||
		strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
		t.Errorf("a missing note: exit %d, stderr %q; want exit 2 and one line with the URL and 404", r.code, r.stderr)
	}

	srv.Close()
	r = cli(t, []string{"--notes", note, "list"})
	if r.code != 0 || !strings.Contains(r.stdout, "A talk written live") {
		t.Fatalf("server gone: exit %d, stdout %q, stderr %q; want the cached copy", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "warning") || !strings.Contains(r.stderr, "cached") {
		t.Errorf("server gone: stderr %q, want a warning that the cached copy is read", r.stderr)
	}
	// A shell's TAB never waits on the network: completion reads the cache.
	r = cli(t, []string{"__complete", "--notes", note, "show", "a-talk"})
	if r.code != 0 || !strings.Contains(r.stdout, "a-talk-written-live") {
		t.Errorf("completion from the cache: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

package state_test

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/golanguk/golanguk/ui/state"
)

// Slugs of the real notes, written by eye.
const (
	solid    = "keynote-solid-go-design"
	gokit    = "applied-go-kit"
	tricks   = "idiomatic-go-tricks"
	cloud    = "cloud-in-your-cloud"
	testing7 = "advanced-testing-concepts-for-go-1-7"
)

var slugs = []string{solid, gokit, tricks, cloud, testing7}

const notesPath = "/home/reader/notes/golanguk-2016.md"

var hash1 = state.ContentHash([]byte("# GolangUK 2016\n\n## Keynote: SOLID Go design\n"))

// clock is an injected clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// open opens the store in dir and fails the test on any warning.
func open(t *testing.T, dir string, opts state.Options) *state.Store {
	t.Helper()
	st, warnings := state.Open(dir, opts)
	if len(warnings) > 0 {
		t.Fatalf("Open(%s) warnings: %q", dir, warnings)
	}
	return st
}

func flush(t *testing.T, st *state.Store) {
	t.Helper()
	if err := st.Flush(); err != nil {
		t.Fatalf("Flush: %v", err)
	}
}

func stat(t *testing.T, path string) fs.FileInfo {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// assertPrintable fails if s could drive a terminal or is not one line.
func assertPrintable(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Errorf("not UTF-8: %q", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Errorf("unprintable %U in %q", r, s)
			return
		}
	}
}

// names lists dir, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func withPrefix(list []string, prefix string) []string {
	var out []string
	for _, n := range list {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	return out
}

// The helper processes: the test binary run again with helperEnv set.
const helperEnv = "GOLANGUK_STATE_TEST_HELPER"

func TestMain(m *testing.M) {
	if mode := os.Getenv(helperEnv); mode != "" {
		if err := helper(mode, os.Getenv("STATE_DIR"), os.Getenv("STATE_PREFIX"), os.Getenv("STATE_N")); err != nil {
			fmt.Fprintln(os.Stderr, "helper:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// helperSlugs are the talks of the helpers' notes file.
func helperSlugs(n int) []string {
	out := []string{"shared"}
	for _, p := range []string{"a", "b"} {
		for k := range n {
			out = append(out, p+"-"+strconv.Itoa(k))
		}
	}
	return out
}

func helper(mode, dir, prefix, ns string) error {
	n, _ := strconv.Atoi(ns)
	switch mode {
	case "mark":
		// Wait for the go (stdin closed), so both helpers run at once.
		bufio.NewReader(os.Stdin).ReadByte()
		// A store per mark, as many short sessions: a write that lost
		// the race loses its mark for good.
		for k := range n {
			st, warnings := state.Open(dir, state.Options{LockTimeout: 10 * time.Second})
			if len(warnings) > 0 {
				return fmt.Errorf("warnings: %q", warnings)
			}
			f := st.File(notesPath, hash1, helperSlugs(n))
			f.MarkRead(prefix + "-" + strconv.Itoa(k))
			f.SetPosition("shared", state.Position{Section: prefix, Line: k})
			if err := st.Flush(); err != nil {
				return err
			}
		}
		return nil
	case "crash":
		st, warnings := state.Open(dir, state.Options{})
		if len(warnings) > 0 {
			return fmt.Errorf("warnings: %q", warnings)
		}
		st.File(notesPath, hash1, slugs).MarkRead(gokit)
		state.SetBeforeRename(func() {
			fmt.Println("renaming")
			select {} // killed here
		})
		return st.Flush()
	}
	return fmt.Errorf("unknown mode %q", mode)
}

// startHelper runs the test binary as a helper.
func startHelper(t *testing.T, mode, dir, prefix string, n int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "STATE_DIR="+dir, "STATE_PREFIX="+prefix, "STATE_N="+strconv.Itoa(n))
	cmd.Stderr = &strings.Builder{}
	return cmd
}

func helperStderr(cmd *exec.Cmd) string { return cmd.Stderr.(*strings.Builder).String() }

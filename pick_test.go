//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// pickRun runs golanguk with stdout to a file and a pseudo-terminal as
// its controlling terminal, types keys once the list shows want, and
// returns what it wrote to stdout and its exit status.
func pickRun(t *testing.T, keys, want string, args ...string) (string, int) {
	t.Helper()
	out, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	cmd := exec.Command(golangukBinary(t), args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TERM=xterm-256color", "LANG=C.UTF-8"}
	cmd.Stdout = out
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 120, Rows: 40})
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	go func() {
		var seen strings.Builder
		buf := make([]byte, 32<<10)
		sent := false
		for {
			n, err := ptmx.Read(buf)
			seen.Write(buf[:n])
			if !sent && strings.Contains(seen.String(), want) {
				sent = true
				time.Sleep(50 * time.Millisecond) // the frame is drawn whole
				_, _ = ptmx.Write([]byte(keys))
			}
			if err != nil {
				return
			}
		}
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(time.Minute): // a hang guard
		_ = cmd.Process.Kill()
		t.Fatalf("pick mode never ended")
	}
	b, err := os.ReadFile(out.Name())
	if err != nil {
		t.Fatal(err)
	}
	return string(b), cmd.ProcessState.ExitCode()
}

// TestPickMode drives pick mode as fzf is driven: stdout is the file the
// picks go to, the keys come from the terminal.
func TestPickMode(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		keys string
		want string
		code int
	}{
		{"-q and --print slug", []string{"-q", "profile", "--print", "slug"}, "\r", "seven-ways-to-profile-go-applications\n", 0},
		{"tab marks two, numbers", []string{"--print", "number"}, "\t\t\r", "1\n2\n", 0},
		{"-m 9 keeps the one talk rated 9", []string{"-m", "9", "--print", "slug"}, "\r", "static-deadlock-detection\n", 0},
		{"typed letters are the query", []string{"--print", "number"}, "gomobile\r", "18\n", 0},
		{"esc aborts and writes nothing", nil, "\x1b", "", 130},
		{"ctrl+g aborts", []string{"--print", "slug"}, "sol\x07", "", 130},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			out, code := pickRun(t, c.keys, "of 21 talks", c.args...)
			if code != c.code || out != c.want {
				t.Errorf("golanguk %s, keys %q: exit %d, wrote %q; want exit %d, %q", strings.Join(c.args, " "), c.keys, code, out, c.code, c.want)
			}
		})
	}
}

// TestPickMarkdown: two talks picked are written as markdown, in list
// order, separated by one blank line.
func TestPickMarkdown(t *testing.T) {
	doc := embedded(t)
	out, code := pickRun(t, "\t\t\r", "of 21 talks")
	want := doc.Talks[0].Markdown() + "\n" + doc.Talks[1].Markdown()
	if code != 0 || out != want {
		t.Errorf("exit %d, wrote %d bytes starting %.80q; want talks 1 and 2, %d bytes", code, len(out), out, len(want))
	}
}

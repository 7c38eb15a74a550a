package main

import (
	"strings"
	"syscall"
	"testing"
)

// fullWriter fails every write as /dev/full does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// TestWriteErrors is the failure of the reliability review: `show 1 >
// /dev/full` added "Run 'golanguk --help' for usage." to the error, and
// `--help > /dev/full` exited 0. A failed write is an error of its own,
// exit status 2, one line, no usage hint.
func TestWriteErrors(t *testing.T) {
	cleanEnv(t)
	full := func(a *app) { a.term.Out = fullWriter{} }
	for _, args := range [][]string{
		{"show", "1"},
		{"list"},
		{"list", "--json"},
		{"about"},
		{"--help"},
		{"--version"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := cli(t, args, full)
			if r.code != 2 {
				t.Errorf("exit %d, want 2", r.code)
			}
			if r.stderr != "golanguk: writing standard output: no space left on device\n" {
				t.Errorf("stderr %q, want one line saying the write failed", r.stderr)
			}
		})
	}
}

// TestErrorsEscaped is the failure of the reliability review: an unknown
// flag, a talk or a notes file name holding escape sequences reached the
// terminal raw through the error (golanguk --$'\e]0;X\a' retitled it).
func TestErrorsEscaped(t *testing.T) {
	cleanEnv(t)
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"--\x1b]0;X\a"}, `unknown flag: --\x1b]0;X\a`},
		{"talk", []string{"show", "\x1b[2Jnope"}, `"\x1b[2Jnope"`},
		{"notes file", []string{"--notes", "/nonexistent/\x1b]52;c;UFdORUQ=\a\n.md", "list"}, `\x1b]52;c;UFdORUQ=\a\n.md`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := cli(t, c.args)
			if r.code == 0 {
				t.Fatalf("exit 0, want an error")
			}
			if strings.ContainsAny(r.stderr, "\x1b\a") || strings.Count(r.stderr, "\n") > 2 {
				t.Errorf("stderr holds raw control characters or extra lines: %q", r.stderr)
			}
			if !strings.Contains(r.stderr, c.want) {
				t.Errorf("stderr %q, want it to show %s escaped", r.stderr, c.want)
			}
		})
	}
}

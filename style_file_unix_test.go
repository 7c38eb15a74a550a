//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStyleFileFIFODoesNotHang: GLAMOUR_STYLE or --style naming a FIFO
// hung show and the browser for ever: opening a FIFO waits for a writer.
// The style is looked at before it is opened, and refused in one line.
func TestStyleFileFIFODoesNotHang(t *testing.T) {
	cleanEnv(t)
	fifo := filepath.Join(t.TempDir(), "style.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFO:", err)
	}
	for _, c := range []struct {
		name string
		env  string
		args []string
		want string
	}{
		{"GLAMOUR_STYLE for show", fifo, []string{"show", "1", "--format", "ansi"}, `GLAMOUR_STYLE "` + fifo + `": not a regular file`},
		{"GLAMOUR_STYLE for the browser", fifo, nil, `GLAMOUR_STYLE "` + fifo + `": not a regular file`},
		{"--style for about", "", []string{"about", "--format", "ansi", "--style", fifo}, `--style "` + fifo + `": not a regular file`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GLAMOUR_STYLE", c.env)
			done := make(chan cliResult, 1)
			go func() { done <- cli(t, c.args) }()
			var r cliResult
			select {
			case r = <-done:
			case <-time.After(20 * time.Second): // a hang, not a timing
				t.Fatal("still waiting on the FIFO")
			}
			if r.code != 2 || !strings.Contains(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want exit 2 and one line saying %q", r.code, r.stderr, c.want)
			}
		})
	}
}

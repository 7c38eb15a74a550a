//go:build unix

package source_test

import (
	"context"
	"errors"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/golanguk/golanguk/notes/source"
)

// A pipe given by name, as bash's <(cmd) gives one, has no saves to
// follow.
func TestWatchPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "notes.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	s, err := source.New(fifo, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Watch(context.Background(), 0)
	if want := "source: " + fifo + ": is not a regular file; there is nothing to watch"; !errors.Is(err, source.ErrNotWatchable) || err.Error() != want {
		t.Errorf("Watch(fifo) = %v, want %s", err, want)
	}
}

//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package state_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/golanguk/golanguk/ui/state"
)

// TestLockTimeout: while another process holds the lock (here, this one
// on another open file), Flush gives up after LockTimeout with a warning
// and keeps the change for the next try.
func TestLockTimeout(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{LockTimeout: 20 * time.Millisecond})
	f := st.File(notesPath, hash1, slugs)
	f.MarkRead(solid)

	held, err := os.OpenFile(filepath.Join(dir, "state.lock"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if err := syscall.Flock(int(held.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	wait, err := st.Save()
	if err == nil || !strings.Contains(err.Error(), "locked by another golanguk") {
		t.Fatalf("Save under a held lock = %v, want a warning that it is locked", err)
	}
	if wait != time.Second {
		t.Errorf("Save under a held lock asks to wait %v, want a second", wait)
	}
	if _, err := os.Stat(st.Path()); !os.IsNotExist(err) {
		t.Fatal("written without the lock")
	}

	syscall.Flock(int(held.Fd()), syscall.LOCK_UN)
	flush(t, st)
	if !open(t, dir, state.Options{}).File(notesPath, hash1, slugs).IsRead(solid) {
		t.Error("the change was not written once the lock was free")
	}
}

// TestNotARegularFile: a FIFO, or a link to a device, in place of
// state.json is moved aside without being read (reading would block or
// never end).
func TestNotARegularFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(path string) error
	}{
		{"fifo", func(path string) error { return syscall.Mkfifo(path, 0o600) }},
		{"link to /dev/zero", func(path string) error { return os.Symlink("/dev/zero", path) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := tc.make(filepath.Join(dir, "state.json")); err != nil {
				t.Skip(err)
			}
			_, warnings := state.Open(dir, state.Options{})
			if len(warnings) != 1 || !strings.Contains(warnings[0], "not a regular file") || !strings.Contains(warnings[0], "moved aside") {
				t.Fatalf("warnings = %q, want one: not a regular file, moved aside", warnings)
			}
			if _, err := os.Lstat(filepath.Join(dir, "state.json")); !os.IsNotExist(err) {
				t.Errorf("still in place (lstat: %v)", err)
			}
		})
	}
}

//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || windows)

package state

import (
	"os"
	"path/filepath"
	"time"
)

// haveLock is false: a temporary file may be another process's write
// in progress, so none is removed.
const haveLock = false

// lock only checks that state.lock can be opened: this platform has no
// flock in package syscall. Writes still merge with the file they
// replace, so two browsers lose each other's changes only when their
// writes overlap.
func lock(dir string, _ time.Duration) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	return func() { f.Close() }, nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// canWrite leaves it to the first write to find out.
func canWrite(string) error { return nil }

func readOnlyFS(error) bool { return false }

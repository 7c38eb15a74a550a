//go:build windows

package state

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/windows"
)

const haveLock = true

// lock takes an exclusive LockFileEx lock on state.lock in dir, trying
// until timeout. Windows drops it when the process dies.
func lock(dir string, timeout time.Duration) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	h := windows.Handle(f.Fd())
	deadline := time.Now().Add(timeout)
	for {
		ol := new(windows.Overlapped)
		err := windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
		if err == nil {
			return func() {
				windows.UnlockFileEx(h, 0, 1, 0, new(windows.Overlapped))
				f.Close()
			}, nil
		}
		if !errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
			f.Close()
			return nil, err
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, errLocked
		}
		time.Sleep(time.Millisecond)
	}
}

// syncDir does nothing: Windows cannot fsync a directory (NTFS journals
// the rename itself).
func syncDir(string) {}

// canWrite leaves it to the first write to find out.
func canWrite(string) error { return nil }

func readOnlyFS(error) bool { return false }

//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package state

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// haveLock: lock excludes other processes, so a temporary file found
// while holding it is stale.
const haveLock = true

// lock takes the exclusive advisory lock on state.lock in dir, trying
// until timeout. The kernel drops the lock when the process dies, so a
// crash never leaves the state locked.
func lock(dir string, timeout time.Duration) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	fd := int(f.Fd())
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(fd, syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() {
				syscall.Flock(fd, syscall.LOCK_UN)
				f.Close()
			}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
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

// canWrite asks the kernel whether files can be made in dir (a directory
// may be read-only with an old lock file in it).
func canWrite(dir string) error {
	if err := syscall.Access(dir, 2 /* W_OK */); err != nil {
		return &os.PathError{Op: "access", Path: dir, Err: err}
	}
	return nil
}

// readOnlyFS reports an error from writing on a read-only file system.
func readOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }

// syncDir makes a rename in dir durable.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

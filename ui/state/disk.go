package state

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Names in the state directory.
const (
	fileName   = "state.json"
	lockName   = "state.lock"
	tempPrefix = "state.json.tmp-"
	badPrefix  = "state.json.bad-"
	// keepBad is how many moved-aside files are kept; older ones that are
	// regular files are removed, so a state that keeps breaking does not
	// fill the disk.
	keepBad = 3
)

// beforeRename, if set (by a test, through export_test.go), runs between
// writing the temporary file and renaming it over state.json.
var beforeRename func()

// errCorrupt wraps the reason a state file is not usable.
type errCorrupt struct{ reason string }

func (e *errCorrupt) Error() string { return e.reason }

// load reads and decodes the state file at path. A missing file is an
// empty document. The error is an *errCorrupt, errNewer, or one from the
// file system (the file cannot be read).
func load(path string) (*document, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return newDocument(), nil
	}
	if err != nil {
		return nil, err
	}
	switch {
	case fi.IsDir():
		return nil, &errCorrupt{"a directory"}
	case !fi.Mode().IsRegular():
		return nil, &errCorrupt{"not a regular file"}
	case fi.Size() > MaxSize:
		return nil, &errCorrupt{fmt.Sprintf("larger than %d bytes", MaxSize)}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	d, err := decode(b)
	if err != nil && !errors.Is(err, errNewer) {
		return nil, &errCorrupt{err.Error()}
	}
	return d, err
}

// moveAside renames the state file in dir to state.json.bad-TIMESTAMP and
// returns the new name.
func moveAside(dir string, now time.Time) (string, error) {
	stamp := badPrefix + now.UTC().Format("20060102T150405.000Z")
	name := stamp
	for i := 1; ; i++ {
		if _, err := os.Lstat(filepath.Join(dir, name)); errors.Is(err, fs.ErrNotExist) {
			break
		}
		if i == 100 {
			return "", errors.New("too many moved-aside state files")
		}
		name = stamp + "-" + strconv.Itoa(i)
	}
	if err := os.Rename(filepath.Join(dir, fileName), filepath.Join(dir, name)); err != nil {
		return "", err
	}
	syncDir(dir)
	removeOldBad(dir, name)
	return name, nil
}

// removeOldBad removes moved-aside regular files beyond the keepBad
// newest, never the one just made.
func removeOldBad(dir, newest string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	var bad []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), badPrefix) && e.Name() != newest {
			bad = append(bad, e.Name())
		}
	}
	slices.Sort(bad)
	for len(bad) > keepBad-1 {
		p := filepath.Join(dir, bad[0])
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() {
			os.Remove(p)
		}
		bad = bad[1:]
	}
}

// removeTemps removes temporary files left by a write that did not reach
// its rename (a crash). Call it holding the lock: then no temporary file
// belongs to a live write.
func removeTemps(dir string) {
	if !haveLock {
		return
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), tempPrefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// hasTemps reports whether removeTemps has anything to do.
func hasTemps(dir string) bool {
	ents, _ := os.ReadDir(dir)
	return slices.ContainsFunc(ents, func(e fs.DirEntry) bool { return strings.HasPrefix(e.Name(), tempPrefix) })
}

// writeAtomic replaces state.json in dir with b: a temporary file in the
// same directory, fsync, rename, fsync of the directory. A crash at any
// point leaves either the old file or the new one, never a torn file.
func writeAtomic(dir string, b []byte) (err error) {
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if beforeRename != nil {
		beforeRename()
	}
	if err := os.Rename(tmp, filepath.Join(dir, fileName)); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

package state

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/golanguk/golanguk/notes/escape"
)

// Options say how a Store behaves. The zero value reads and writes, with
// the defaults below.
type Options struct {
	// ReadOnly writes nothing at all: no directory, no lock file, no
	// state.json, no moving a corrupt file aside (pick mode, --no-state).
	// The session's changes are kept in memory only.
	ReadOnly bool
	// Fresh ignores what is stored (--fresh) without forgetting it: the
	// store starts empty, and a save merges this session's changes into
	// state.json as usual.
	Fresh bool
	// MinInterval is the least time between two writes by Save; 0 means
	// one second. Flush ignores it.
	MinInterval time.Duration
	// LockTimeout bounds the wait for another golanguk's write; 0 means
	// two seconds.
	LockTimeout time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Store is the remembered state of every notes file. Its methods, and
// those of the FileStates it returns, are safe for concurrent use.
type Store struct {
	dir  string
	opts Options

	saveMu sync.Mutex // one write at a time; taken before mu

	mu       sync.Mutex
	writable bool
	doc      *document                  // as read at Open, with this session's changes
	slugs    map[string]map[string]bool // per path given to File: its talks
	dirty    map[string]uint64          // path -> gen of its last unsaved change
	gen      uint64
	saved    bool      // a write was attempted
	lastSave time.Time // when
}

var errLocked = errors.New("locked by another golanguk for too long")

// Open returns the store kept in dir, and warnings to show the reader,
// one line each. It never fails: on any problem the store starts empty
// or writes nothing, and a warning says so (see the package comment).
// Unless opts.ReadOnly, it creates dir and its lock file, but writes
// state.json only when something changes.
func Open(dir string, opts Options) (*Store, []string) {
	if opts.MinInterval == 0 {
		opts.MinInterval = time.Second
	}
	if opts.LockTimeout == 0 {
		opts.LockTimeout = 2 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Store{
		dir:      filepath.Clean(dir),
		opts:     opts,
		writable: !opts.ReadOnly,
		doc:      newDocument(),
		slugs:    map[string]map[string]bool{},
		dirty:    map[string]uint64{},
	}
	if dir == "" {
		s.dir, s.writable = "", false
		return s, []string{"state: no state directory; this session will not be remembered"}
	}
	var warnings []string
	say := func(format string, args ...any) {
		warnings = append(warnings, sanitize(fmt.Sprintf(format, args...)))
	}
	if s.writable {
		if err := probe(s.dir); err != nil {
			s.writable = false
			say("state: cannot write in %s: %v; this session will not be remembered", s.dir, err)
		}
	}
	if s.writable && hasTemps(s.dir) {
		if unlock, err := lock(s.dir, s.opts.LockTimeout); err == nil {
			removeTemps(s.dir)
			unlock()
		}
	}
	if opts.Fresh {
		return s, warnings
	}
	d, err := load(s.Path())
	var corrupt *errCorrupt
	switch {
	case err == nil:
		s.doc = d
	case errors.Is(err, errNewer):
		s.writable = false
		say("state: %s was written by a newer golanguk; this session will not be remembered", s.Path())
	case errors.As(err, &corrupt):
		if !s.writable {
			say("state: %s is corrupt (%s); starting fresh", s.Path(), corrupt.reason)
			break
		}
		d, moved, err := s.recover()
		switch {
		case err != nil:
			say("state: %s is corrupt (%s); starting fresh: %v", s.Path(), corrupt.reason, err)
		case d != nil: // replaced by another golanguk meanwhile
			s.doc = d
		default:
			say("state: %s is corrupt (%s); moved aside to %s, starting fresh", s.Path(), corrupt.reason, moved)
		}
	default:
		if s.writable || opts.ReadOnly { // else the cannot-write warning said it
			say("state: %v; this session will not be remembered", err)
		}
		s.writable = false
	}
	return s, warnings
}

// probe makes dir and its lock file, to learn whether writes can work.
func probe(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return canWrite(dir)
}

// recover moves a corrupt state.json aside, under the lock. If another
// golanguk replaced it by a good file meanwhile, it returns that instead.
func (s *Store) recover() (good *document, moved string, err error) {
	unlock, err := lock(s.dir, s.opts.LockTimeout)
	if err != nil {
		return nil, "", err
	}
	defer unlock()
	d, err := load(s.Path())
	var corrupt *errCorrupt
	if !errors.As(err, &corrupt) {
		return d, "", err
	}
	moved, err = moveAside(s.dir, s.opts.Now())
	return nil, moved, err
}

// Path is the state file, for `golanguk state --path`.
func (s *Store) Path() string {
	if s.dir == "" {
		return ""
	}
	return filepath.Join(s.dir, fileName)
}

// ReadOnly reports whether the store writes nothing, by choice or because
// it cannot.
func (s *Store) ReadOnly() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.writable
}

// File returns the state of the notes file at path (best absolute, or a
// fixed name such as "embedded:golanguk2016" for the built-in notes) whose
// content hashes to contentHash (see ContentHash); slugs are the slugs of
// all its talks. Stored talks not among them are forgotten (unless slugs
// is empty: then nothing is forgotten, and nothing can be set). A path or hash
// that is not printable, or too long, gets a state kept in memory only.
func (s *Store) File(path, contentHash string, slugs []string) *FileState {
	s.mu.Lock()
	defer s.mu.Unlock()
	set := make(map[string]bool, len(slugs))
	for _, slug := range slugs {
		if checkString("slug", slug, maxSlug, false) == nil {
			set[slug] = true
		}
	}
	keep := checkString("path", path, maxPath, false) == nil &&
		checkString("hash", contentHash, maxHash, true) == nil
	e := s.doc.Files[path]
	if e == nil {
		e = s.byHash(contentHash)
		if keep {
			s.doc.Files[path] = e
		}
	}
	edited := e.Hash != "" && e.Hash != contentHash
	e.Hash = contentHash
	if len(set) > 0 { // no slugs is more likely a mistake than a file without talks
		e.keepOnly(set)
		if keep {
			s.slugs[path] = set
		}
	}
	return &FileState{s: s, path: path, e: e, keep: keep, slugs: set, edited: edited}
}

// byHash returns a copy of the most recently used entry with this hash,
// or a new entry: a moved or copied file keeps its state.
func (s *Store) byHash(hash string) *fileEntry {
	var best *fileEntry
	for _, e := range s.doc.Files {
		if hash != "" && e.Hash == hash && (best == nil || e.Used > best.Used) {
			best = e
		}
	}
	if best == nil {
		return &fileEntry{Hash: hash}
	}
	return best.clone()
}

// Save writes this session's changes, merged into what is on disk, unless
// nothing changed. It writes at most once per Options.MinInterval: when
// called sooner it writes nothing and returns how long to wait before
// calling again. After a failed write it also asks to be called again.
// The error is a one-line warning, never fatal.
func (s *Store) Save() (wait time.Duration, err error) { return s.save(false) }

// Flush is Save without the wait, for quitting.
func (s *Store) Flush() error {
	_, err := s.save(true)
	return err
}

func (s *Store) save(force bool) (time.Duration, error) {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()

	s.mu.Lock()
	if !s.writable || len(s.dirty) == 0 {
		s.mu.Unlock()
		return 0, nil
	}
	now := s.opts.Now()
	if !force && s.saved {
		if wait := s.lastSave.Add(s.opts.MinInterval).Sub(now); wait > 0 {
			s.mu.Unlock()
			return wait, nil
		}
	}
	snap := make(map[string]*fileEntry, len(s.dirty))
	slugs := make(map[string]map[string]bool, len(s.dirty))
	for path := range s.dirty {
		snap[path] = s.doc.Files[path].clone()
		slugs[path] = s.slugs[path]
	}
	gen := s.gen
	s.saved, s.lastSave = true, now
	s.mu.Unlock()

	warning, err := s.write(snap, slugs, now)

	s.mu.Lock()
	defer s.mu.Unlock()
	if err != nil {
		switch {
		case errors.Is(err, errNewer):
			s.writable = false
			return 0, warn("state: %s was written by a newer golanguk; this session will not be remembered", s.Path())
		case errors.Is(err, fs.ErrPermission) || readOnlyFS(err):
			s.writable = false
			return 0, warn("state: cannot write in %s: %v; this session will not be remembered", s.dir, err)
		}
		return s.opts.MinInterval, warn("state: not saved: %v", err)
	}
	for path, g := range s.dirty {
		if g <= gen {
			delete(s.dirty, path)
		}
	}
	var wait time.Duration
	if len(s.dirty) > 0 {
		wait = s.opts.MinInterval
	}
	if warning != "" {
		return wait, &Warning{msg: sanitize(warning)}
	}
	return wait, nil
}

// write merges snap into state.json under the lock. A corrupt file is
// moved aside first, and the warning says so.
func (s *Store) write(snap map[string]*fileEntry, slugs map[string]map[string]bool, now time.Time) (warning string, err error) {
	unlock, err := lock(s.dir, s.opts.LockTimeout)
	if err != nil {
		return "", err
	}
	defer unlock()
	removeTemps(s.dir)
	d, err := load(s.Path())
	var corrupt *errCorrupt
	if errors.As(err, &corrupt) {
		moved, err := moveAside(s.dir, now)
		if err != nil {
			return "", err
		}
		warning = fmt.Sprintf("state: %s was corrupt (%s); moved aside to %s", s.Path(), corrupt.reason, moved)
		d = newDocument()
	} else if err != nil {
		return "", err
	}
	keep := make(map[string]bool, len(snap))
	for path, e := range snap {
		d.Files[path] = merge(d.Files[path], e, slugs[path])
		keep[path] = true
	}
	b, err := d.bound(keep)
	if err != nil {
		return "", err
	}
	return warning, writeAtomic(s.dir, b)
}

// Clear forgets everything stored (`golanguk state --clear`): it removes
// state.json, and empties this store. Moved-aside files are kept. A
// browser still running keeps what it holds and saves its next change.
func (s *Store) Clear() error {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	if s.ReadOnly() {
		return warn("state: %s is read-only here; nothing cleared", s.Path())
	}
	unlock, err := lock(s.dir, s.opts.LockTimeout)
	if err != nil {
		return warn("state: not cleared: %v", err)
	}
	defer unlock()
	if err := os.Remove(s.Path()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return warn("state: not cleared: %v", err)
	}
	removeTemps(s.dir)
	syncDir(s.dir)

	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.doc.Files { // in place: FileStates point at them
		*e = fileEntry{Hash: e.Hash}
	}
	clear(s.dirty)
	return nil
}

// Warning is an error of this package: one printable line.
type Warning struct {
	msg string
	err error
}

func (w *Warning) Error() string { return w.msg }
func (w *Warning) Unwrap() error { return w.err }

// warn makes a Warning, wrapping the first error among args.
func warn(format string, args ...any) error {
	w := &Warning{msg: sanitize(fmt.Sprintf(format, args...))}
	for _, a := range args {
		if err, ok := a.(error); ok {
			w.err = err
			break
		}
	}
	return w
}

// sanitize makes msg one printable line of at most 512 bytes: control
// characters, invalid UTF-8 and other unprintable runes are escaped
// (escape.Line).
func sanitize(msg string) string { return escape.Line(msg, 512) }

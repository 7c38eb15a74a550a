// Package source reads notes from where the user keeps them: a file,
// standard input, or a HedgeDoc, CodiMD or HackMD note (or any other
// markdown) over HTTP(S), with a cache for when the server cannot be
// reached, and follows a file or a URL while it changes.
//
// The package reads no process globals: standard input, the cache
// directory, the version for the User-Agent and the clock all come in
// through Options, so it runs the same under test and for every caller.
// It returns bytes; parsing them is notes.ParseNamed's job:
//
//	src, err := source.New(ref, opts)
//	snap, err := src.Load(ctx)
//	doc, err := notes.ParseNamed(src.Name(), bytes.NewReader(snap.Data))
package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/golanguk/golanguk/notes"
)

// Kind says what a Source reads.
type Kind int

const (
	File  Kind = iota + 1 // a file, which can be watched and edited
	Stdin                 // standard input, read once
	URL                   // an http or https URL, cached and polled
)

// String returns "file", "stdin" or "url".
func (k Kind) String() string {
	switch k {
	case File:
		return "file"
	case Stdin:
		return "stdin"
	case URL:
		return "url"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Defaults for Options left zero.
const (
	// DefaultTimeout bounds a whole fetch: connecting, redirects and
	// reading the body.
	DefaultTimeout = 10 * time.Second
	// DefaultPoll is how often Watch asks a server whether a URL's
	// notes changed; MinPoll is the shortest interval it accepts.
	DefaultPoll = 30 * time.Second
	MinPoll     = 5 * time.Second
	// MaxRedirects is how many redirects a fetch follows, all on the
	// same host.
	MaxRedirects = 5
)

// Options is what a Source needs from its caller.
type Options struct {
	// CacheDir is where fetched notes are kept (main passes
	// $XDG_CACHE_HOME/golanguk). It is created, mode 0700, at the first
	// fetch. Empty: no cache, so no conditional requests and no
	// fallback when the server fails.
	CacheDir string
	// Version goes into the User-Agent: "golanguk/VERSION".
	Version string
	// Stdin is read by the source "-".
	Stdin io.Reader
	// Transport makes the HTTP requests; nil: a clone of
	// http.DefaultTransport. The client around it (timeout, redirect
	// policy, size cap) is always this package's own.
	Transport http.RoundTripper
	// Proxy chooses a proxy for a request when Transport is nil; nil:
	// none. main passes http.ProxyFromEnvironment to honour HTTPS_PROXY.
	Proxy func(*http.Request) (*url.URL, error)
	// Timeout bounds one fetch; 0: DefaultTimeout.
	Timeout time.Duration
	// MaxSize is the largest body read, from a file, stdin or a server;
	// 0 or more than notes.MaxSize: notes.MaxSize (256 MiB), the cap
	// notes.ParseNamed puts on a notes file, so that whatever can be
	// read from a file can also be read over HTTP.
	MaxSize int64
	// Now is the clock, for the fetch times kept in the cache; nil:
	// time.Now.
	Now func() time.Time
}

// Source is a place notes are read from. Its methods are safe for
// concurrent use.
type Source struct {
	kind    Kind
	path    string   // File
	url     *url.URL // URL: the download URL
	name    string
	opt     Options
	client  *http.Client
	minPoll time.Duration

	mu        sync.Mutex
	stdin     []byte // Stdin: read once
	stdinErr  error
	stdinRead bool
	seen      [sha256.Size]byte // the content the caller has (lastSeen)
	hasSeen   bool
}

// New returns the source ref names: "-" for standard input, an http or
// https URL (see DownloadURL for what is fetched), or else a file path.
// A ref that starts like a URL ("ftp://...") but is not http or https is
// an error. New does no IO.
func New(ref string, opt Options) (*Source, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxSize <= 0 || opt.MaxSize > notes.MaxSize {
		opt.MaxSize = notes.MaxSize
	}
	s := &Source{opt: opt, minPoll: MinPoll}
	switch {
	case ref == "":
		return nil, errors.New("source: no notes file named")
	case ref == "-":
		s.kind, s.name = Stdin, "stdin"
	case looksLikeURL(ref):
		d, err := DownloadURL(ref)
		if err != nil {
			return nil, err
		}
		given, _ := parseHTTP(ref) // DownloadURL parsed it
		s.url, _ = url.Parse(d)
		s.kind, s.name = URL, displayURL(given)
		s.client = newClient(opt)
	default:
		s.kind, s.path, s.name = File, ref, sanitize(ref)
	}
	return s, nil
}

// Kind says whether s reads a file, standard input or a URL.
func (s *Source) Kind() Kind { return s.kind }

// Name is s made for display and for notes.ParseNamed: the file's path
// as given, "stdin", or the URL as given without user, password, query
// or fragment. Control and format characters in it are escaped ("\x1b"),
// so it is safe on a terminal.
func (s *Source) Name() string { return s.name }

// Path is the file's path as given, for opening it in an editor; "" for
// stdin and URLs. It may hold any byte: show Name instead.
func (s *Source) Path() string { return s.path }

// URL is the URL fetched (the download URL), without user or password
// and made for display as Name is; "" for a file or stdin. Errors about
// a fetch name it.
func (s *Source) URL() string {
	if s.url == nil {
		return ""
	}
	return plainURL(s.url)
}

// plainURL is u without user or password, made for display.
func plainURL(u *url.URL) string {
	v := *u
	v.User = nil
	return sanitize(v.String())
}

// Origin says where a Snapshot's bytes came from.
type Origin int

const (
	// Fresh: read from the file or stdin, fetched, or confirmed
	// current by the server (304 Not Modified).
	Fresh Origin = iota
	// Cached: the server could not be reached or refused; the bytes
	// are the cached copy, as of Snapshot.Time, and Snapshot.Err says
	// what went wrong.
	Cached
)

// Snapshot is the notes as read once.
type Snapshot struct {
	// Data is the notes file's bytes. It may be shared with the
	// source's cache: do not modify it.
	Data []byte
	// Origin says whether Data is fresh or a cached copy.
	Origin Origin
	// Time is when Data was known to be current: the file's
	// modification time, when stdin was read, or when the server last
	// sent or confirmed it.
	Time time.Time
	// Err is why a Cached snapshot is not fresh; nil for a Fresh one.
	Err error
}

// Age is how old the snapshot is at now.
func (snap Snapshot) Age(now time.Time) time.Duration {
	return max(now.Sub(snap.Time), 0)
}

// Notice is the one-line notice for a cached snapshot at now, "cached 12
// min ago", or "" for a fresh one.
func (snap Snapshot) Notice(now time.Time) string {
	if snap.Origin != Cached {
		return ""
	}
	return "cached " + Ago(snap.Age(now))
}

// Ago says how long ago d was, in the largest whole unit: "just now",
// "12 min ago", "3 h ago", "4 days ago".
func Ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	}
	return fmt.Sprintf("%d days ago", int(d/(24*time.Hour)))
}

// Error is a failure to read notes, with the file or URL it is about.
// Its message is one line.
type Error struct {
	Name string // the file or URL, made for display
	Msg  string
	Err  error // the cause, if any
}

func (e *Error) Error() string { return "source: " + e.Name + ": " + e.Msg }

func (e *Error) Unwrap() error { return e.Err }

// ErrNotWatchable is wrapped by the error Watch returns for standard
// input and for a file that is not a regular file.
var ErrNotWatchable = errors.New("nothing to watch")

// Load reads the notes once: the file, standard input (read at the first
// Load; later ones return the same bytes), or the URL. A URL is fetched
// with a conditional request when it is cached; if the fetch fails and a
// cached copy exists, Load returns that copy as a Cached snapshot and no
// error, so the caller can show its Notice.
func (s *Source) Load(ctx context.Context) (Snapshot, error) {
	var snap Snapshot
	var err error
	switch s.kind {
	case File:
		snap, err = s.readFile()
	case Stdin:
		snap, err = s.readStdin()
	case URL:
		snap, _, err = s.fetch(ctx, true)
	}
	if err != nil {
		return Snapshot{}, err
	}
	s.setSeen(sha256.Sum256(snap.Data))
	return snap, nil
}

// lastSeen is the hash of the content the caller has: the one Load last
// returned or a watch last delivered.
func (s *Source) lastSeen() ([sha256.Size]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen, s.hasSeen
}

func (s *Source) setSeen(sum [sha256.Size]byte) {
	s.mu.Lock()
	s.seen, s.hasSeen = sum, true
	s.mu.Unlock()
}

// readFile reads the file, reporting its modification time and whether
// it changed while it was read (a writer in the middle of a save).
func (s *Source) readFile() (Snapshot, error) {
	snap, _, err := s.readFileStable()
	return snap, err
}

func (s *Source) readFileStable() (snap Snapshot, stable bool, err error) {
	f, err := os.Open(s.path)
	if err != nil {
		return Snapshot{}, false, s.fileError(err)
	}
	defer f.Close()
	before, err := f.Stat()
	if err != nil {
		return Snapshot{}, false, s.fileError(err)
	}
	if before.IsDir() {
		return Snapshot{}, false, &Error{Name: s.name, Msg: "is a directory, not a notes file"}
	}
	data, err := readCapped(f, before.Size(), s.opt.MaxSize)
	if err != nil {
		return Snapshot{}, false, s.fileError(err)
	}
	after, err := os.Stat(s.path)
	stable = err == nil && os.SameFile(before, after) &&
		after.Size() == before.Size() && after.ModTime().Equal(before.ModTime()) &&
		int64(len(data)) == after.Size()
	return Snapshot{Data: data, Time: before.ModTime()}, stable, nil
}

// fileError is err without the path it may carry raw.
func (s *Source) fileError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	msg := sanitize(err.Error())
	if errors.Is(err, errTooLarge) {
		msg = fmt.Sprintf("larger than %s; is it a notes file?", size(s.opt.MaxSize))
	}
	return &Error{Name: s.name, Msg: msg, Err: err}
}

func (s *Source) readStdin() (Snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.stdinRead {
		s.stdinRead = true
		if s.opt.Stdin == nil {
			s.stdinErr = &Error{Name: s.name, Msg: "no standard input to read"}
		} else if b, err := readCapped(s.opt.Stdin, 0, s.opt.MaxSize); err != nil {
			s.stdinErr = s.fileError(err)
		} else {
			s.stdin = b
		}
		s.opt.Stdin = nil
	}
	if s.stdinErr != nil {
		return Snapshot{}, s.stdinErr
	}
	return Snapshot{Data: s.stdin, Time: s.opt.Now()}, nil
}

var errTooLarge = errors.New("too large")

// readCapped reads r to the end, at most max bytes; hint is how much r
// is expected to hold (a regular file's size), to size the buffer once.
// With no hint (a pipe, a device) it reads in chunks and joins them once
// at the end, so an endless input (/dev/zero) costs max bytes before it is
// refused, not the three or four times max of a doubling buffer.
func readCapped(r io.Reader, hint, max int64) ([]byte, error) {
	r = io.LimitReader(r, max+1)
	if hint > 0 {
		var buf bytes.Buffer
		buf.Grow(int(min(hint, max)) + bytes.MinRead)
		if _, err := buf.ReadFrom(r); err != nil {
			return nil, err
		}
		if int64(buf.Len()) > max {
			return nil, errTooLarge
		}
		return buf.Bytes(), nil
	}
	var chunks [][]byte
	var total int64
	for size := 64 << 10; ; size = min(size*2, 4<<20) {
		chunk := make([]byte, size)
		n, err := io.ReadFull(r, chunk)
		chunks = append(chunks, chunk[:n])
		total += int64(n)
		if total > max {
			return nil, errTooLarge
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	return bytes.Join(chunks, nil), nil
}

// size writes n bytes for people: "256 MiB", "1 KiB", "100 bytes".
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

package source

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Debounce is how long a watched file must be quiet, after the last
// event about it, before it is read.
const Debounce = 150 * time.Millisecond

// Event is what Watch sends: new notes, or an error. An error does not
// end the watch; the next change may mend it.
type Event struct {
	Snapshot Snapshot // when Err is nil
	Err      error
}

// Watch follows s while it changes, and sends each new content on the
// channel it returns, until ctx is done; then it stops, closes the
// channel and leaves no goroutine behind. Content equal to the last sent
// (at first, to what Load last returned) is not sent again. Watch never
// blocks its caller: while the caller is not receiving, a newer
// snapshot replaces an older one not yet received, so a slow caller
// gets the latest notes, not a backlog. It is safe to call Load while
// watching.
//
// A file is watched through its directory (and, for a symbolic link,
// its target's directory too), so that every way of saving is seen:
// writing in place, truncating and writing, renaming a new file over
// the old one, and vim's rename to a backup and new file. After an
// event, Watch waits until the file has been quiet for Debounce, then
// reads it, and reads it again later if it changed while being read. A
// file caught half written is sent as it is: it is the caller's job to
// keep its old notes when new ones do not parse, and the rest of the
// save comes as another event. A file removed is an error event
// ("no such file or directory") until it is back. After an error event
// the next good read is sent even when its content is unchanged, so
// that the caller can clear the error it shows.
//
// A URL is polled every every (0: DefaultPoll; at least MinPoll) with
// conditional requests, updating the cache; a failed poll is an error
// event, sent once until a poll succeeds again.
//
// Standard input, or a file that is not a regular file (a pipe), cannot
// be watched: Watch returns an error that wraps ErrNotWatchable.
func (s *Source) Watch(ctx context.Context, every time.Duration) (<-chan Event, error) {
	switch s.kind {
	case Stdin:
		return nil, &Error{Name: s.name, Msg: "standard input is read once; there is nothing to watch", Err: ErrNotWatchable}
	case File:
		return s.watchFile(ctx)
	}
	return s.pollURL(ctx, s.pollEvery(every)), nil
}

// pollEvery is how often a URL is polled when every is asked for.
func (s *Source) pollEvery(every time.Duration) time.Duration {
	if every <= 0 {
		every = DefaultPoll
	}
	return max(every, s.minPoll)
}

// outbox holds what is waiting for the caller: at most one snapshot,
// the newest, and after it at most one error, the newest. What the
// caller has is the source's: the content Load last returned or a watch
// last delivered.
type outbox struct {
	src     *Source
	snap    *Snapshot
	snapSum [sha256.Size]byte
	err     error
	lastErr string // the error last queued, not to repeat
	// failed: the caller was last sent an error, so the next good
	// snapshot goes out even if the caller has its content, to say
	// that things work again.
	failed bool
}

// put queues a snapshot unless the caller already has its content.
func (o *outbox) put(snap Snapshot) {
	sum := sha256.Sum256(snap.Data)
	if has, ok := o.src.lastSeen(); ok && sum == has && !o.failed {
		o.snap = nil // it changed and changed back before the caller looked
		return
	}
	o.snap, o.snapSum = &snap, sum
}

// fail queues err, unless it is the one queued last.
func (o *outbox) fail(err error) {
	if msg := err.Error(); msg != o.lastErr {
		o.err, o.lastErr = err, msg
	}
}

// ok says things work again: a pending error is stale, and the next one
// is worth sending.
func (o *outbox) ok() {
	o.err, o.lastErr = nil, ""
}

// next is the channel to send on (nil when nothing waits) and the event.
func (o *outbox) next(ch chan Event) (chan<- Event, Event) {
	if o.snap != nil && !o.failed {
		if has, ok := o.src.lastSeen(); ok && has == o.snapSum {
			o.snap = nil // Load got it meanwhile
		}
	}
	switch {
	case o.snap != nil:
		return ch, Event{Snapshot: *o.snap}
	case o.err != nil:
		return ch, Event{Err: o.err}
	}
	return nil, Event{}
}

// sent records that the event next returned was received.
func (o *outbox) sent() {
	if o.snap != nil {
		o.src.setSeen(o.snapSum)
		o.snap, o.failed = nil, false
		return
	}
	o.err, o.failed = nil, true
}

func (s *Source) watchFile(ctx context.Context) (<-chan Event, error) {
	// A file that is missing now may come back; one that is not a
	// regular file (a pipe from <(cmd), a device) has no saves to follow.
	if fi, err := os.Stat(s.path); err == nil && !fi.Mode().IsRegular() {
		return nil, &Error{Name: s.name, Msg: "is not a regular file; there is nothing to watch", Err: ErrNotWatchable}
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, &Error{Name: s.name, Msg: "cannot watch: " + sanitize(err.Error()), Err: err}
	}
	targets := map[string]bool{filepath.Clean(s.path): true}
	dirs := []string{filepath.Dir(s.path)}
	if fi, err := os.Lstat(s.path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		if real, err := filepath.EvalSymlinks(s.path); err == nil {
			targets[filepath.Clean(real)] = true
			dirs = append(dirs, filepath.Dir(real))
		}
	}
	for _, d := range dirs {
		if err := w.Add(d); err != nil {
			w.Close()
			return nil, &Error{Name: s.name, Msg: "cannot watch its directory: " + sanitize(errMsg(err)), Err: err}
		}
	}
	ch := make(chan Event)
	go s.fileLoop(ctx, w, targets, ch)
	return ch, nil
}

func errMsg(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func (s *Source) fileLoop(ctx context.Context, w *fsnotify.Watcher, targets map[string]bool, ch chan Event) {
	defer close(ch)
	defer w.Close()
	o := &outbox{src: s}
	// Look once at the start: the file may have changed since Load.
	timer := time.NewTimer(0)
	defer timer.Stop()
	const ops = fsnotify.Create | fsnotify.Write | fsnotify.Rename | fsnotify.Remove
	for {
		out, ev := o.next(ch)
		select {
		case <-ctx.Done():
			return
		case e, ok := <-w.Events:
			if !ok {
				return
			}
			if e.Op&ops != 0 && targets[filepath.Clean(e.Name)] {
				timer.Reset(Debounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost; one of them may have been ours.
				timer.Reset(Debounce)
				continue
			}
			o.fail(&Error{Name: s.name, Msg: "watching: " + sanitize(err.Error()), Err: err})
		case <-timer.C:
			snap, stable, err := s.readFileStable()
			switch {
			case err != nil:
				o.fail(err)
			case !stable:
				timer.Reset(Debounce)
			default:
				o.ok()
				o.put(snap)
			}
		case out <- ev:
			o.sent()
		}
	}
}

// pollResult is one poll's answer.
type pollResult struct {
	snap        Snapshot
	withBody    bool // snap.Data is the notes even after a 304
	notModified bool
	err         error
}

func (s *Source) pollURL(ctx context.Context, every time.Duration) <-chan Event {
	ch := make(chan Event)
	go func() {
		defer close(ch)
		var wg sync.WaitGroup
		defer wg.Wait() // the fetch under way ends with ctx
		o := &outbox{src: s}
		ticker := time.NewTicker(every)
		defer ticker.Stop()
		// One fetch at a time, in its own goroutine so that the loop
		// can always hand over what it has; results holds its answer.
		results := make(chan pollResult, 1)
		busy := false
		poll := func() {
			busy = true
			// After a failure the notes go out again when the server
			// is back, even unchanged, so a 304 must bring the body.
			body := o.failed
			wg.Go(func() {
				snap, notModified, err := s.fetch(ctx, body)
				results <- pollResult{snap, body, notModified, err}
			})
		}
		if _, loaded := s.lastSeen(); !loaded {
			poll() // nothing loaded yet: fetch at once
		}
		for {
			out, ev := o.next(ch)
			select {
			case <-ctx.Done():
				return
			case <-ticker.C:
				if !busy {
					poll()
				}
			case r := <-results:
				busy = false
				switch {
				case r.err != nil:
					if ctx.Err() != nil {
						return
					}
					o.fail(r.err)
				case r.notModified:
					o.ok()
					if r.withBody {
						o.put(r.snap)
					}
				case r.snap.Origin == Cached:
					// The cached copy is what the last good poll
					// brought, sent or waiting to be: only the
					// failure is news.
					o.fail(r.snap.Err)
				default:
					o.ok()
					o.put(r.snap)
				}
			case out <- ev:
				o.sent()
			}
		}
	}()
	return ch
}

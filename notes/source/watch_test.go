package source_test

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/golanguk/golanguk/notes/source"
)

// patience bounds how long a test waits for an event that should come;
// it is a guard against hanging, not a measure of speed.
const patience = 5 * time.Second

// next receives the next event, failing the test if none comes.
func next(t *testing.T, ch <-chan source.Event) source.Event {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("watch channel closed")
		}
		return ev
	case <-time.After(patience):
		t.Fatalf("no event within %v", patience)
	}
	panic("unreachable")
}

// waitFor receives events until one carries want, and returns those
// before it.
func waitFor(t *testing.T, ch <-chan source.Event, want string) []source.Event {
	t.Helper()
	var before []source.Event
	for {
		ev := next(t, ch)
		if ev.Err == nil && string(ev.Snapshot.Data) == want {
			return before
		}
		before = append(before, ev)
	}
}

// watched loads a file holding noteV1 and watches it.
func watched(t *testing.T) (path string, ch <-chan source.Event) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "talks.md")
	if err := os.WriteFile(path, []byte(noteV1), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, watch(t, path)
}

func watch(t *testing.T, path string) <-chan source.Event {
	t.Helper()
	s, err := source.New(path, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	ch, err := s.Watch(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// saveAtomic saves as most editors do: a new file renamed over the old.
func saveAtomic(t *testing.T, path, content string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".swp")
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// deliveredOnce checks that the content last received is not sent again:
// after another save, the next snapshot is that save's.
func deliveredOnce(t *testing.T, path string, ch <-chan source.Event) {
	t.Helper()
	const marker = "# marker\n"
	saveAtomic(t, path, marker)
	for {
		ev := next(t, ch)
		if ev.Err != nil {
			t.Errorf("error after the save: %v", ev.Err)
			continue
		}
		if got := string(ev.Snapshot.Data); got != marker {
			t.Fatalf("after the save was delivered, %q came (again) before the next save", got)
		}
		return
	}
}

func TestWatchFile(t *testing.T) {
	write := func(t *testing.T, path, content string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		save func(t *testing.T, path string, ch <-chan source.Event)
		// gone: an error event saying the file is missing may come
		// before the new content.
		gone bool
	}{
		{"atomic rename", func(t *testing.T, path string, _ <-chan source.Event) {
			saveAtomic(t, path, noteV2)
		}, false},
		{"vim backup rename and new file", func(t *testing.T, path string, _ <-chan source.Event) {
			if err := os.Rename(path, path+"~"); err != nil {
				t.Fatal(err)
			}
			write(t, path, noteV2)
			if err := os.Remove(path + "~"); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"in place", func(t *testing.T, path string, _ <-chan source.Event) {
			write(t, path, noteV2)
		}, false},
		{"truncate, then two parts with a gap", func(t *testing.T, path string, _ <-chan source.Event) {
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			half := len(noteV2) / 2
			if _, err := f.WriteString(noteV2[:half]); err != nil {
				t.Fatal(err)
			}
			time.Sleep(30 * time.Millisecond) // a writer pausing mid-save
			if _, err := f.WriteString(noteV2[half:]); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"delete and recreate", func(t *testing.T, path string, ch <-chan source.Event) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			// The watch says the file is gone, and goes on watching.
			if ev := next(t, ch); !errors.Is(ev.Err, fs.ErrNotExist) ||
				ev.Err.Error() != "source: "+path+": no such file or directory" {
				t.Fatalf("after the delete: %+v, want a one-line not-exist error", ev)
			}
			write(t, path, noteV2)
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path, ch := watched(t)
			tt.save(t, path, ch)
			for _, ev := range waitFor(t, ch, noteV2) {
				switch {
				case ev.Err != nil && tt.gone && errors.Is(ev.Err, fs.ErrNotExist):
				case ev.Err == nil && strings.HasPrefix(noteV2, string(ev.Snapshot.Data)) && len(ev.Snapshot.Data) < len(noteV2):
					// the save caught half way, which the caller keeps
					// its old notes through
				default:
					t.Errorf("before the new notes: %q, %v", ev.Snapshot.Data, ev.Err)
				}
			}
			deliveredOnce(t, path, ch)
		})
	}
}

// A file caught half written is delivered as it is; the rest comes next.
func TestWatchFileHalfWritten(t *testing.T) {
	t.Parallel()
	path, ch := watched(t)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	half := noteV2[:len(noteV2)/2]
	if _, err := f.WriteString(half); err != nil {
		t.Fatal(err)
	}
	// The truncated file may be seen first, if the watch's first look
	// comes between the truncation and the write.
	for _, ev := range waitFor(t, ch, half) {
		if ev.Err != nil || !strings.HasPrefix(half, string(ev.Snapshot.Data)) {
			t.Errorf("before the half: %q, %v", ev.Snapshot.Data, ev.Err)
		}
	}
	if _, err := f.WriteString(noteV2[len(half):]); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, ch); ev.Err != nil || string(ev.Snapshot.Data) != noteV2 {
		t.Fatalf("written: %q, %v; want the whole", ev.Snapshot.Data, ev.Err)
	}
}

// Saving the same content again sends nothing.
func TestWatchFileUnchanged(t *testing.T) {
	t.Parallel()
	path, ch := watched(t)
	saveAtomic(t, path, noteV1)
	if err := os.Chtimes(path, time.Now(), time.Now()); err != nil {
		t.Fatal(err)
	}
	deliveredOnce(t, path, ch)
}

// A symbolic link is followed to its target's directory, where the
// editor saves.
func TestWatchFileSymlink(t *testing.T) {
	t.Parallel()
	real := filepath.Join(t.TempDir(), "real.md")
	if err := os.WriteFile(real, []byte(noteV1), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "talks.md")
	if err := os.Symlink(real, link); err != nil {
		t.Skip(err)
	}
	ch := watch(t, link)
	saveAtomic(t, real, noteV2)
	waitFor(t, ch, noteV2)
}

// Other files in the directory are none of the watch's business.
func TestWatchFileOthers(t *testing.T) {
	t.Parallel()
	path, ch := watched(t)
	saveAtomic(t, filepath.Join(filepath.Dir(path), "other.md"), noteV2)
	deliveredOnce(t, path, ch)
}

func TestWatchURL(t *testing.T) {
	t.Parallel()
	h := newHedgeDoc(t)
	s, err := source.New(h.URL+"/abc123", source.Options{CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	source.SetMinPoll(s, time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := s.Watch(ctx, 5*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}

	h.mu.Lock()
	h.note, h.etag = noteV2, `"v2"`
	h.mu.Unlock()
	if before := waitFor(t, ch, noteV2); len(before) != 0 {
		t.Errorf("before the edit came: %+v", before)
	}
	if req, _ := h.last(t); req.Header.Get("If-None-Match") == "" {
		t.Error("polls are not conditional")
	}

	h.mu.Lock()
	h.down = http.StatusInternalServerError
	h.mu.Unlock()
	ev := next(t, ch)
	var se *source.StatusError
	if !errors.As(ev.Err, &se) || se.Code != 500 {
		t.Fatalf("server down: %+v, want a 500 error", ev)
	}
	// The failure is said once: three more failed polls later, the next
	// event is the next edit.
	for deadline := time.Now().Add(patience); h.count(500) < 4; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d polls in %v, want 4", h.count(500), patience)
		}
	}
	// When the server is back, the notes are sent again, unchanged, to
	// say so.
	h.mu.Lock()
	h.down = 0
	h.mu.Unlock()
	if ev := next(t, ch); ev.Err != nil || string(ev.Snapshot.Data) != noteV2 || ev.Snapshot.Origin != source.Fresh {
		t.Fatalf("after the server came back: %q, %v; want the note again, fresh", ev.Snapshot.Data, ev.Err)
	}
	if req, code := h.last(t); req.Header.Get("If-None-Match") != `"v2"` || code != 304 {
		t.Errorf("the poll after the failure sent If-None-Match %q and got %d, want \"v2\" and 304", req.Header.Get("If-None-Match"), code)
	}
	h.mu.Lock()
	h.note, h.etag = noteV1, `"v3"`
	h.mu.Unlock()
	if ev := next(t, ch); ev.Err != nil || string(ev.Snapshot.Data) != noteV1 {
		t.Fatalf("after an edit: %q, %v; want the new note", ev.Snapshot.Data, ev.Err)
	}
}

// A file removed and put back as it was is sent again after the error,
// so the caller can clear it.
func TestWatchFileBack(t *testing.T) {
	t.Parallel()
	path, ch := watched(t)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, ch); !errors.Is(ev.Err, fs.ErrNotExist) {
		t.Fatalf("after the delete: %+v, want a not-exist error", ev)
	}
	saveAtomic(t, path, noteV1)
	if ev := next(t, ch); ev.Err != nil || string(ev.Snapshot.Data) != noteV1 {
		t.Fatalf("put back: %q, %v; want the notes again", ev.Snapshot.Data, ev.Err)
	}
	deliveredOnce(t, path, ch)
}

func TestPollEvery(t *testing.T) {
	s, err := source.New("https://hackmd.io/abc", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ ask, want time.Duration }{
		{0, 30 * time.Second},
		{-time.Second, 30 * time.Second},
		{time.Second, 5 * time.Second},
		{5 * time.Second, 5 * time.Second},
		{2 * time.Minute, 2 * time.Minute},
	} {
		if got := source.PollEvery(s, tt.ask); got != tt.want {
			t.Errorf("asked for %v, polls every %v, want %v", tt.ask, got, tt.want)
		}
	}
}

// Cancelling the context stops the watch: the channel is closed and no
// goroutine of this package or of fsnotify is left, even with an event
// waiting that nobody received.
func TestWatchStops(t *testing.T) {
	h := newHedgeDoc(t)
	path := filepath.Join(t.TempDir(), "talks.md")
	if err := os.WriteFile(path, []byte(noteV1), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{path, h.URL + "/abc123", h.URL + "/slow"} {
		s, err := source.New(ref, source.Options{})
		if err != nil {
			t.Fatal(err)
		}
		source.SetMinPoll(s, time.Millisecond)
		ctx, cancel := context.WithCancel(context.Background())
		// No Load: the first look at the file or the URL finds it new,
		// and its snapshot waits on the channel (the slow URL's fetch is
		// still under way).
		ch, err := s.Watch(ctx, time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		if ref == path {
			saveAtomic(t, path, noteV2)
		}
		time.Sleep(20 * time.Millisecond)
		cancel()
		timeout := time.After(patience)
	drain:
		for {
			select {
			case _, ok := <-ch:
				if !ok {
					break drain
				}
			case <-timeout:
				t.Fatalf("%s: the channel is not closed %v after cancel", ref, patience)
			}
		}
	}
	var stacks string
	for range 100 {
		buf := make([]byte, 1<<20)
		stacks = string(buf[:runtime.Stack(buf, true)])
		if !strings.Contains(stacks, "notes/source.") && !strings.Contains(stacks, "fsnotify") {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Errorf("goroutines left after the watches stopped:\n%s", stacks)
}

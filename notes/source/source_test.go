package source_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/golanguk/golanguk/notes/source"
)

func TestNew(t *testing.T) {
	tests := []struct {
		name, ref string
		kind      source.Kind
		display   string // Name()
		url       string // URL()
		path      string // Path()
	}{
		{"stdin", "-", source.Stdin, "stdin", "", ""},
		{"file", "talks.md", source.File, "talks.md", "", "talks.md"},
		{"file with escapes", "evil\x1b]0;pwned\a\u202e.md", source.File, `evil\x1b]0;pwned\a\u202e.md`, "", "evil\x1b]0;pwned\a\u202e.md"},
		{"file with invalid UTF-8", "caf\xe9.md", source.File, `caf\xe9.md`, "", "caf\xe9.md"},
		{"file with accents", "Pățan notes.md", source.File, "Pățan notes.md", "", "Pățan notes.md"},
		{"path with a colon", "./https://x", source.File, "./https://x", "", "./https://x"},
		{"note", "https://hackmd.io/abc?view#top", source.URL, "https://hackmd.io/abc", "https://hackmd.io/abc/download", ""},
		{"password hidden", "https://ann:secret@hackmd.io/s/abc", source.URL, "https://hackmd.io/s/abc", "https://hackmd.io/s/abc/download", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := source.New(tt.ref, source.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if s.Kind() != tt.kind || s.Name() != tt.display || s.URL() != tt.url || s.Path() != tt.path {
				t.Errorf("New(%q) = %v %q url %q path %q, want %v %q url %q path %q", tt.ref,
					s.Kind(), s.Name(), s.URL(), s.Path(), tt.kind, tt.display, tt.url, tt.path)
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	for _, ref := range []string{"", "ftp://host/x", "HTTPS://", "gopher://\x1b[31m/"} {
		s, err := source.New(ref, source.Options{})
		if err == nil {
			t.Errorf("New(%q) = %v, want an error", ref, s.Kind())
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "source: ") || strings.ContainsAny(msg, "\x1b\n\r") {
			t.Errorf("New(%q) error %q is not one clean line", ref, msg)
		}
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "talks.md")
	if err := os.WriteFile(p, []byte(noteV1), 0o644); err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2016, 8, 18, 17, 0, 0, 0, time.UTC)
	if err := os.Chtimes(p, mtime, mtime); err != nil {
		t.Fatal(err)
	}
	_, snap, err := load(t, p, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if string(snap.Data) != noteV1 || snap.Origin != source.Fresh || !snap.Time.Equal(mtime) {
		t.Errorf("Load = %q origin %v at %v, want the file, fresh, at its mtime %v", snap.Data, snap.Origin, snap.Time, mtime)
	}

	tests := []struct {
		name, ref string
		opt       source.Options
		want      string
	}{
		{"missing", "nope.md", source.Options{}, "source: nope.md: no such file or directory"},
		{"missing, with escapes", "nope\x1b[2J.md", source.Options{}, `source: nope\x1b[2J.md: no such file or directory`},
		{"directory", dir, source.Options{}, "source: " + dir + ": is a directory, not a notes file"},
		{"over the cap", p, source.Options{MaxSize: 16}, "source: " + p + ": larger than 16 bytes; is it a notes file?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.HasPrefix(tt.ref, "nope") {
				t.Chdir(dir) // a relative name, looked for in the test's own directory
			}
			_, snap, err := load(t, tt.ref, tt.opt)
			if err == nil {
				t.Fatalf("Load = %q, want an error", snap.Data)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestLoadStdin(t *testing.T) {
	clk := newClock()
	in := strings.NewReader(noteV1)
	s, err := source.New("-", source.Options{Stdin: in, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 { // read once; the second Load returns the same bytes
		snap, err := s.Load(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if string(snap.Data) != noteV1 || snap.Origin != source.Fresh {
			t.Errorf("Load #%d = %q origin %v, want stdin, fresh", i+1, snap.Data, snap.Origin)
		}
	}
	if in.Len() != 0 {
		t.Errorf("%d bytes of stdin left unread", in.Len())
	}
	if _, err := s.Watch(context.Background(), 0); !errors.Is(err, source.ErrNotWatchable) {
		t.Errorf("Watch(stdin) = %v, want ErrNotWatchable", err)
	}

	s, err = source.New("-", source.Options{Stdin: strings.NewReader(noteV1), MaxSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(context.Background()); err == nil || err.Error() != "source: stdin: larger than 10 bytes; is it a notes file?" {
		t.Errorf("stdin over the cap: %v", err)
	}
	s, err = source.New("-", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(context.Background()); err == nil || err.Error() != "source: stdin: no standard input to read" {
		t.Errorf("no stdin: %v", err)
	}
}

func TestNotice(t *testing.T) {
	now := time.Date(2016, 8, 19, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		origin source.Origin
		age    time.Duration
		want   string
	}{
		{"fresh", source.Fresh, time.Hour, ""},
		{"seconds", source.Cached, 59 * time.Second, "cached just now"},
		{"clock skew", source.Cached, -time.Hour, "cached just now"},
		{"one minute", source.Cached, time.Minute, "cached 1 min ago"},
		{"twelve minutes", source.Cached, 12*time.Minute + 59*time.Second, "cached 12 min ago"},
		{"hours", source.Cached, 3*time.Hour + 10*time.Minute, "cached 3 h ago"},
		{"a day and a half", source.Cached, 36 * time.Hour, "cached 36 h ago"},
		{"days", source.Cached, 5*24*time.Hour + time.Hour, "cached 5 days ago"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap := source.Snapshot{Origin: tt.origin, Time: now.Add(-tt.age)}
			if got := snap.Notice(now); got != tt.want {
				t.Errorf("Notice = %q, want %q", got, tt.want)
			}
		})
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestEndlessStdinIsRefusedAtTheCap is the endless-file failure of the
// reliability review for a pipe: `golanguk --notes - < /dev/zero` took
// about 1 GB to refuse a 256 MiB cap. The input is now read in chunks:
// refusing it costs about the cap, not three or four times it.
func TestEndlessStdinIsRefusedAtTheCap(t *testing.T) {
	const max = 32 << 20
	src, err := source.New("-", source.Options{Stdin: zeros{}, MaxSize: max})
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = src.Load(context.Background())
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "larger than 32 MiB") {
		t.Fatalf("Load = %v, want the cap's error", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > max*3/2 {
		t.Errorf("refusing an endless input allocated %d MiB for a %d MiB cap, want at most 1.5x", got>>20, max>>20)
	}
}

func TestStdinRead(t *testing.T) {
	want := strings.Repeat("0123456789abcdef", 300<<10/16) + "end"
	src, err := source.New("-", source.Options{Stdin: strings.NewReader(want)})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := src.Load(context.Background())
	if err != nil || string(snap.Data) != want {
		t.Fatalf("Load = %d bytes, %v; want the %d bytes given", len(snap.Data), err, len(want))
	}
}

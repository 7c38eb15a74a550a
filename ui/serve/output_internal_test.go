package serve

import (
	"bytes"
	"errors"
	"io"
	"sync"
	"testing"
	"time"
)

// stuckWriter blocks every write until released, as an SSH channel does
// when the client's window is full.
type stuckWriter struct {
	release chan struct{}
	mu      sync.Mutex
	got     bytes.Buffer
}

func (w *stuckWriter) Write(p []byte) (int, error) {
	<-w.release
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.got.Write(p)
}

func TestOutputBufferLimit(t *testing.T) {
	w := &stuckWriter{release: make(chan struct{})}
	cuts := make(chan string, 2)
	o := newOutput(w, 100, time.Hour, func(r string) { cuts <- r })
	// The pump takes the first write and blocks on it; later writes
	// fill the buffer up to its limit, and the one past it fails.
	if _, err := o.Write(make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	n := 0
	var err error
	for err == nil && n < 1000 {
		var m int
		m, err = o.Write(make([]byte, 10))
		n += m
	}
	if !errors.Is(err, errSlowReader) {
		t.Fatalf("write error %v, want errSlowReader", err)
	}
	// At most the limit is held, plus what the pump holds.
	if n > 100 {
		t.Errorf("took %d bytes past the first write, limit 100", n)
	}
	if r := <-cuts; r != "output buffer full" {
		t.Errorf("cut for %q", r)
	}
	if _, err := o.Write([]byte("x")); !errors.Is(err, errSlowReader) {
		t.Errorf("write after the cut: %v", err)
	}
	close(w.release) // the connection closing unblocks the write
	o.Close()
}

func TestOutputStall(t *testing.T) {
	w := &stuckWriter{release: make(chan struct{})}
	cuts := make(chan string, 2)
	o := newOutput(w, 1<<20, 20*time.Millisecond, func(r string) {
		cuts <- r
		close(w.release) // as closing the connection does
	})
	if _, err := o.Write([]byte("hello")); err != nil {
		t.Fatal(err)
	}
	if r := <-cuts; r != "output stalled" {
		t.Errorf("cut for %q", r)
	}
	if err := o.Close(); !errors.Is(err, errSlowReader) {
		t.Errorf("Close: %v, want errSlowReader", err)
	}
}

func TestOutputInOrder(t *testing.T) {
	var got bytes.Buffer
	o := newOutput(&got, 1<<20, time.Hour, func(string) { t.Error("cut") })
	var want bytes.Buffer
	for i := range 1000 {
		p := bytes.Repeat([]byte{byte('a' + i%26)}, i%50)
		want.Write(p)
		if _, err := o.Write(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("sent %d bytes, not the %d written in order", got.Len(), want.Len())
	}
	if o.sent.Load() != int64(want.Len()) {
		t.Errorf("counted %d bytes sent, want %d", o.sent.Load(), want.Len())
	}
	if _, err := o.Write([]byte("x")); !errors.Is(err, io.ErrClosedPipe) {
		t.Errorf("write after Close: %v", err)
	}
}

func TestClampAndEnv(t *testing.T) {
	max := Window{Width: 1000, Height: 500}
	for _, tt := range []struct {
		cols, rows uint32
		want       Window
	}{
		{0, 0, Window{80, 24}},
		{65535, 65535, Window{1000, 500}},
		{1 << 31, 3, Window{1000, 3}},
		{120, 40, Window{120, 40}},
	} {
		if got := max.clamp(tt.cols, tt.rows); got != tt.want {
			t.Errorf("clamp(%d, %d) = %v, want %v", tt.cols, tt.rows, got, tt.want)
		}
	}
	for kv, want := range map[[2]string]bool{
		{"TERM", "xterm"}: true, {"LC_ALL", "C"}: true, {"LC_MESSAGES", "en_GB.UTF-8"}: true,
		{"LANG", "C.UTF-8"}: true, {"NO_COLOR", "1"}: true, {"COLORTERM", "truecolor"}: true,
		{"GLAMOUR_STYLE", "/etc/passwd"}: false, {"LC_", "x"}: true, {"LC_x", "C"}: false,
		{"PATH", "/bin"}: false, {"LD_PRELOAD", "x"}: false, {"LANG", "a\nb"}: false,
		{"TERM", string(bytes.Repeat([]byte("x"), 257))}: false,
	} {
		if got := allowedEnv(kv[0], kv[1]); got != want {
			t.Errorf("allowedEnv(%q, %q) = %v", kv[0], kv[1], got)
		}
	}
}

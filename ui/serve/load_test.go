package serve_test

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"github.com/golanguk/golanguk/ui/serve"
)

var long = flag.Bool("long", false, "run the load test (200 sessions, 100 of them typing)")

// loadTerm is a lighter term for the load test: its reader goroutine
// checks the screen after every chunk, so a key's frame is timed when it
// arrives rather than when a poll sees it.
type loadTerm struct {
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.Writer
	emu    *vt.Emulator

	mu   sync.Mutex
	want string
	seen chan struct{}
}

func openLoadTerm(addr string) (*loadTerm, error) {
	c, err := gossh.Dial("tcp", addr, clientConfig())
	if err != nil {
		return nil, err
	}
	s, err := c.NewSession()
	if err != nil {
		c.Close()
		return nil, err
	}
	lt := &loadTerm{client: c, sess: s, emu: vt.NewEmulator(80, 24), seen: make(chan struct{}, 1), want: "size 80x24"}
	go io.Copy(io.Discard, lt.emu)
	if err := s.RequestPty("xterm-256color", 24, 80, nil); err != nil {
		return nil, err
	}
	out, _ := s.StdoutPipe()
	lt.stdin, _ = s.StdinPipe()
	if err := s.Shell(); err != nil {
		return nil, err
	}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := out.Read(buf)
			lt.mu.Lock()
			lt.emu.Write(buf[:n])
			if lt.want != "" && strings.Contains(lt.emu.String(), lt.want) {
				lt.want = ""
				lt.seen <- struct{}{}
			}
			lt.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return lt, nil
}

func (lt *loadTerm) expect(s string) {
	lt.mu.Lock()
	lt.want = s
	lt.mu.Unlock()
}

func (lt *loadTerm) await() error {
	select {
	case <-lt.seen:
		return nil
	case <-time.After(waitLimit):
		lt.mu.Lock()
		defer lt.mu.Unlock()
		return fmt.Errorf("never saw %q; screen:\n%s", lt.want, lt.emu.String())
	}
}

func (lt *loadTerm) close() {
	lt.client.Close()
	lt.emu.InputPipe().(*io.PipeWriter).Close()
}

func heapInuse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

func peakRSS() string {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:"))
		}
	}
	return "?"
}

// TestLoad opens the default 200 sessions at once and checks the 201st
// is refused with a message, then has 100 of them type 20 keys each, a
// key at a time, and reports the time from a key to the frame that
// shows it. Client and server share the process, so the memory figures
// are for both sides of each session.
func TestLoad(t *testing.T) {
	if !*long {
		t.Skip("load test: run with -long")
	}
	goroutines := runtime.NumGoroutine()
	heap0 := heapInuse()
	ts := startServer(t, serve.Config{MaxPerIP: serve.DefaultMaxSessions, NewConnsPerIPPerSecond: 1000, NewConnsBurst: 300})

	const open, typing, keys = serve.DefaultMaxSessions, 100, 20
	terms := make([]*loadTerm, open)
	var wg sync.WaitGroup
	errs := make(chan error, open)
	for i := range terms {
		wg.Go(func() {
			lt, err := openLoadTerm(ts.addr)
			if err == nil {
				err = lt.await()
			}
			terms[i] = lt
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	heapOpen := heapInuse()
	t.Logf("%d idle sessions: heap in use %.1f MiB more, %.0f KiB a session for the server, the client and its emulator; goroutines %d",
		open, float64(heapOpen-heap0)/(1<<20), float64(heapOpen-heap0)/open/1024, runtime.NumGoroutine())
	// The client's emulators weigh most (x/vt's parser keeps a 4 MiB
	// buffer each): take them out to see the server's share.
	before := heapInuse()
	emus := make([]*vt.Emulator, open)
	for i := range emus {
		emus[i] = vt.NewEmulator(80, 24)
	}
	emuCost := heapInuse() - before
	runtime.KeepAlive(emus)
	emus = nil
	t.Logf("without the client's emulators: %.0f KiB a session (server and SSH client)",
		float64(heapOpen-heap0-emuCost)/open/1024)

	extra := openTerm(t, dial(t, ts.addr), termOpts{w: 80, h: 24})
	if st := extra.wait(); st != 1 || extra.stderrText() != "too many sessions on this server: try again later\r\n" {
		t.Errorf("session %d: exit %d, stderr %q", open+1, st, extra.stderrText())
	}

	for _, lt := range terms[typing:] {
		lt.close()
	}
	var mu sync.Mutex
	var lat []time.Duration
	errs = make(chan error, typing)
	start := time.Now()
	for _, lt := range terms[:typing] {
		wg.Go(func() {
			for k := 1; k <= keys; k++ {
				lt.expect(fmt.Sprintf("keys %d", k))
				t0 := time.Now()
				if _, err := lt.stdin.Write([]byte("k")); err != nil {
					errs <- err
					return
				}
				if err := lt.await(); err != nil {
					errs <- err
					return
				}
				mu.Lock()
				lat = append(lat, time.Since(t0))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	slices.Sort(lat)
	t.Logf("%d sessions typing %d keys each in %v: key-to-frame p50 %v, p99 %v, max %v; peak RSS %s",
		typing, keys, time.Since(start).Round(time.Millisecond),
		lat[len(lat)/2].Round(10*time.Microsecond), lat[len(lat)*99/100].Round(10*time.Microsecond),
		lat[len(lat)-1].Round(10*time.Microsecond), peakRSS())

	for _, lt := range terms[:typing] {
		lt.close()
	}
	extra.closeEmu()
	ts.stop(t)
	deadline := time.Now().Add(waitLimit)
	for runtime.NumGoroutine() > goroutines+2 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	t.Logf("goroutines: %d before, %d after", goroutines, runtime.NumGoroutine())
	if runtime.NumGoroutine() > goroutines+2 {
		t.Errorf("goroutines: %d before, %d after all sessions ended", goroutines, runtime.NumGoroutine())
	}
}

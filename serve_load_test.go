package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"golang.org/x/crypto/ssh"
)

// loadSession is one reader of the load test: a session with a terminal
// whose reader goroutine checks a condition on the screen after each
// chunk of output, so that a key's frame is timed when it arrives rather
// than when a poll sees it.
type loadSession struct {
	client *ssh.Client
	sess   *ssh.Session
	in     io.Writer

	read atomic.Int64 // bytes from the server

	mu    sync.Mutex
	emu   *vt.Emulator
	text  string // the screen's text, if fresh: see screen
	fresh bool   // no output since text was read
	cond  func(string) bool
	met   chan time.Time
}

func openLoadSession(addr string, w, h int, stderr io.Writer) (*loadSession, error) {
	c, err := ssh.Dial("tcp", addr, sshClientConfig())
	if err != nil {
		return nil, err
	}
	s, err := c.NewSession()
	if err != nil {
		c.Close()
		return nil, err
	}
	ls := &loadSession{client: c, sess: s, emu: vt.NewEmulator(w, h), met: make(chan time.Time, 1)}
	go io.Copy(io.Discard, ls.emu)
	if err := s.RequestPty("xterm-256color", h, w, nil); err != nil {
		c.Close()
		return nil, err
	}
	out, _ := s.StdoutPipe()
	ls.in, _ = s.StdinPipe()
	s.Stderr = stderr
	if err := s.Shell(); err != nil {
		c.Close()
		return nil, err
	}
	go func() {
		buf := make([]byte, 32<<10)
		inFrame := false
		for {
			n, err := out.Read(buf)
			now := time.Now()
			ls.read.Add(int64(n))
			ls.mu.Lock()
			ls.emu.Write(buf[:n])
			if n > 0 {
				ls.fresh = false
			}
			// The server wraps each frame in synchronized output, as a
			// terminal that has it paints it: whole, at its end. The
			// screen is looked at then, not halfway through a frame.
			chunk := string(buf[:n])
			if b, e := strings.LastIndex(chunk, syncBegin), strings.LastIndex(chunk, syncEnd); b >= 0 || e >= 0 {
				inFrame = b > e
			}
			if ls.cond != nil && !inFrame && ls.cond(ls.screen()) {
				ls.cond = nil
				ls.met <- now
			}
			ls.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return ls, nil
}

// The sequences that begin and end a frame drawn in synchronized output
// (terminal mode 2026).
const (
	syncBegin = "\x1b[?2026h"
	syncEnd   = "\x1b[?2026l"
)

// screenText is the text of e's screen, a line a row: what the load
// test's conditions read, in half the time of e.String, which the load
// generator, on the server's two cores, spent most of its time in.
func screenText(e *vt.Emulator) string {
	w, h := e.Width(), e.Height()
	var b strings.Builder
	b.Grow((w + 1) * h)
	for y := range h {
		for x := 0; x < w; {
			c := e.CellAt(x, y)
			if c == nil || c.Content == "" {
				b.WriteByte(' ')
				x++
				continue
			}
			b.WriteString(c.Content)
			x += max(1, c.Width)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// screen is the text of the screen (screenText), read again only when
// output came since it was last read: the load generator shares the
// server's two cores, and its emulators are the most of its work. ls.mu
// must be held.
func (ls *loadSession) screen() string {
	if !ls.fresh {
		ls.text, ls.fresh = screenText(ls.emu), true
	}
	return ls.text
}

// key sends k and waits for the screen to satisfy cond; it returns the
// time from the key to the output that did.
func (ls *loadSession) key(k string, cond func(string) bool) (time.Duration, error) {
	ls.mu.Lock()
	if cond(ls.screen()) {
		ls.mu.Unlock()
		return 0, fmt.Errorf("the screen shows what %q should bring before it is sent", k)
	}
	ls.cond = cond
	ls.mu.Unlock()
	t0 := time.Now()
	if _, err := io.WriteString(ls.in, k); err != nil {
		return 0, err
	}
	select {
	case at := <-ls.met:
		return at.Sub(t0), nil
	case <-time.After(sshWait):
		ls.mu.Lock()
		defer ls.mu.Unlock()
		ls.cond = nil
		return 0, fmt.Errorf("after %q the screen never changed as expected:\n%s", k, ls.emu.String())
	}
}

// await waits for the screen to satisfy cond, with no key.
func (ls *loadSession) await(cond func(string) bool) error {
	ls.mu.Lock()
	if cond(ls.screen()) {
		ls.mu.Unlock()
		return nil
	}
	ls.cond = cond
	ls.mu.Unlock()
	select {
	case <-ls.met:
		return nil
	case <-time.After(sshWait):
		ls.mu.Lock()
		defer ls.mu.Unlock()
		ls.cond = nil
		return fmt.Errorf("the screen never showed what was expected:\n%s", ls.emu.String())
	}
}

func (ls *loadSession) close() {
	ls.client.Close()
	ls.emu.InputPipe().(*io.PipeWriter).Close()
}

// notesRule is the notes pane's rule, which says where the page is ("top",
// "23%", "end", "all"): the last words of the line drawn with ─ or ━.
func notesRule(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if _, r, ok := strings.Cut(line, "│"); ok && (strings.Contains(r, "────") || strings.Contains(r, "━━━━")) {
			return strings.Trim(r, " ─━")
		}
	}
	return ""
}

// searchLine is the list's search line as typed, "/ query", without the
// notes pane beside it.
func searchLine(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "/ ") {
			l, _, _ := strings.Cut(line, "│")
			return strings.TrimRight(l, " ")
		}
	}
	return ""
}

// cpuTime is the CPU time process pid has used, user and system.
func cpuTime(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields 14 and 15 (utime, stime), after the command in parentheses.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	var ut, st int64
	fmt.Sscan(f[11], &ut)
	fmt.Sscan(f[12], &st)
	return time.Duration(ut+st) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

// loadAverage is the machine's load over the last minute, from
// /proc/loadavg: other work slows the figures down.
func loadAverage() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}

// selfCPU is the CPU time this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procStatus reads a field of /proc/PID/status in KiB (VmRSS, VmHWM).
func procStatus(pid int, field string) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, field+":"); ok {
			var kb int
			fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kb)
			return kb
		}
	}
	return 0
}

// TestServeLoad is the load figure of golanguk serve: the built binary
// serving on loopback, 200 sessions open at once (its default limit), of
// which 100 sit idle and 100 type a query a key at a time and page
// through the talk it finds; the 201st is refused. It reports key-to-frame
// p50 and p99 over every key, the server's resident memory per idle
// session and its peak. The figures are logged, not asserted: README's
// "Serve over SSH" quotes them.
func TestServeLoad(t *testing.T) {
	skipUnlessLong(t)
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("needs /proc for the server's memory")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(golangukBinary(t), "serve", "--listen", addr, "--max-per-ip", "200", "--conn-rate", "1000")
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "XDG_STATE_HOME=" + t.TempDir()}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	pid := cmd.Process.Pid
	lines := bufio.NewScanner(stderr)
	for lines.Scan() && !strings.Contains(lines.Text(), "msg=listening") {
	}
	var logMu sync.Mutex
	var refusals []string
	go func() {
		for lines.Scan() {
			if strings.Contains(lines.Text(), "msg=refused") {
				logMu.Lock()
				refusals = append(refusals, lines.Text())
				logMu.Unlock()
			}
		}
	}()
	talks := func(s string) bool { return strings.Contains(s, "21 of 21 talks") }

	// One session first, for what the server sets up once (the glamour
	// renderer, the runtime's heap; serve builds the search index before
	// it listens). The talks are rendered for the typists' width as they
	// select them, during the test: as on a server just started.
	warm, err := openLoadSession(addr, 120, 40, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := warm.await(talks); err != nil {
		t.Fatal(err)
	}
	warm.close()
	time.Sleep(500 * time.Millisecond)
	rss0 := procStatus(pid, "VmRSS")

	const idle, typing = 100, 100
	open := func(n, w, h int) []*loadSession {
		t.Helper()
		out := make([]*loadSession, n)
		for i := range out {
			ls, err := openLoadSession(addr, w, h, nil)
			if err != nil {
				t.Fatalf("session %d: %v", i, err)
			}
			if err := ls.await(talks); err != nil {
				t.Fatalf("session %d: %v", i, err)
			}
			out[i] = ls
		}
		return out
	}
	idlers := open(idle, 80, 24)
	time.Sleep(500 * time.Millisecond)
	rss1 := procStatus(pid, "VmRSS")
	t.Logf("%d idle sessions: server RSS %.1f MiB -> %.1f MiB, %.0f KiB a session",
		idle, float64(rss0)/1024, float64(rss1)/1024, float64(rss1-rss0)/idle)

	typers := open(typing, 120, 40)
	// The 201st.
	var errOut strings.Builder
	over, err := openLoadSession(addr, 80, 24, &errOut)
	if err != nil {
		t.Fatal(err)
	}
	if err := over.sess.Wait(); err == nil {
		t.Error("session 201 was not refused")
	} else if ee, ok := err.(*ssh.ExitError); !ok || ee.ExitStatus() != 1 {
		t.Errorf("session 201: %v, want exit status 1", err)
	}
	over.close()
	if got, want := errOut.String(), "too many sessions on this server: try again later\r\n"; got != want {
		t.Errorf("session 201: stderr %q, want %q", got, want)
	}
	deadline := time.Now().Add(sshWait)
	for {
		logMu.Lock()
		n := len(refusals)
		logMu.Unlock()
		if n > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	logMu.Lock()
	if len(refusals) != 1 || !strings.Contains(refusals[0], `reason="sessions: server full"`) {
		t.Errorf("refusals logged: %q, want one for a full server", refusals)
	}
	logMu.Unlock()

	// Open sessions that nobody types in cost nothing: no timers, no
	// frames.
	idle0 := cpuTime(pid)
	time.Sleep(2 * time.Second)
	t.Logf("200 sessions open, none typing: the server used %v of CPU in 2 s", (cpuTime(pid) - idle0).Round(10*time.Millisecond))
	cpu0, self0 := cpuTime(pid), selfCPU()
	var read0 int64
	for _, ls := range typers {
		read0 += ls.read.Load()
	}
	const keyEvery = 250 * time.Millisecond
	queries := []string{"solid", "kit", "testing", "mobile", "profile", "logging", "pipelines", "native"}
	var mu sync.Mutex
	var lat []time.Duration
	var at []time.Duration                 // when each key of lat was sent, from start
	byKind := map[string][]time.Duration{} // by the key's part: "/", a letter, enter, tab, space
	var wg sync.WaitGroup
	errs := make(chan error, typing)
	start := time.Now()
	// The CPU the server and the load generator use, a quarter of a
	// second at a time: where the keys wait, the two cores are busy.
	type window struct{ server, generator time.Duration }
	var windows []window
	stopWindows := make(chan struct{})
	windowsDone := make(chan struct{})
	go func() {
		defer close(windowsDone)
		s0, g0 := cpuTime(pid), selfCPU()
		tick := time.NewTicker(keyEvery)
		defer tick.Stop()
		for {
			select {
			case <-stopWindows:
				return
			case <-tick.C:
			}
			s1, g1 := cpuTime(pid), selfCPU()
			windows = append(windows, window{s1 - s0, g1 - g0})
			s0, g0 = s1, g1
		}
	}()
	for i, ls := range typers {
		q := queries[i%len(queries)]
		wg.Go(func() {
			// A brisk typist: a key every keyEvery at most, the next once
			// the last one's frame has come; the readers start at
			// random moments within the first keyEvery, not all at once.
			time.Sleep(time.Duration(rand.Int64N(int64(keyEvery))))
			last := time.Now() // the first key counts too: the second waits for keyEvery after it
			kind := "/"
			record := func(d time.Duration) {
				mu.Lock()
				lat = append(lat, d)
				at = append(at, time.Since(start)-d)
				byKind[kind] = append(byKind[kind], d)
				mu.Unlock()
				time.Sleep(time.Until(last.Add(keyEvery)))
				last = time.Now()
			}
			d, err := ls.key("/", func(s string) bool { return strings.Contains(s, "enter keep query") })
			if err != nil {
				errs <- err
				return
			}
			record(d)
			kind = "letter"
			for j := 1; j <= len(q); j++ {
				typed := "/ " + q[:j]
				d, err := ls.key(q[j-1:j], func(s string) bool { return searchLine(s) == typed })
				if err != nil {
					errs <- err
					return
				}
				record(d)
			}
			kind = "enter"
			d, err = ls.key("\r", func(s string) bool { return strings.Contains(s, "enter read notes") })
			if err != nil {
				errs <- err
				return
			}
			record(d)
			kind = "tab"
			d, err = ls.key("\t", func(s string) bool { return strings.Contains(s, "next talk") })
			if err != nil {
				errs <- err
				return
			}
			record(d)
			kind = "space"
			for range 10 {
				ls.mu.Lock()
				before := notesRule(ls.screen())
				ls.mu.Unlock()
				if before == "" || strings.HasSuffix(before, "end") || strings.HasSuffix(before, "all") {
					break
				}
				d, err := ls.key(" ", func(s string) bool { r := notesRule(s); return r != "" && r != before })
				if err != nil {
					errs <- err
					return
				}
				record(d)
			}
		})
	}
	wg.Wait()
	close(stopWindows)
	<-windowsDone
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	pctOf := func(lat []time.Duration, p int) time.Duration {
		return lat[min(len(lat)-1, len(lat)*p/100)].Round(100 * time.Microsecond)
	}
	for _, k := range []string{"/", "letter", "enter", "tab", "space"} {
		l := byKind[k]
		slices.Sort(l)
		if len(l) > 0 {
			t.Logf("  %-6s %4d keys: p50 %v, p99 %v", k, len(l), pctOf(l, 50), pctOf(l, 99))
		}
	}
	byWindow := make([][]time.Duration, len(windows))
	for i, d := range lat {
		if w := int(at[i] / keyEvery); w < len(byWindow) {
			byWindow[w] = append(byWindow[w], d)
		}
	}
	for w, l := range byWindow {
		if len(l) == 0 {
			continue
		}
		slices.Sort(l)
		t.Logf("  %4.2f–%4.2f s: %3d keys sent, p50 %v, p99 %v; CPU: server %v, load generator %v", (time.Duration(w) * keyEvery).Seconds(), (time.Duration(w+1) * keyEvery).Seconds(),
			len(l), pctOf(l, 50), pctOf(l, 99), windows[w].server.Round(time.Millisecond), windows[w].generator.Round(time.Millisecond))
	}
	slices.Sort(lat)
	pct := func(p int) time.Duration { return pctOf(lat, p) }
	t.Logf("%d sessions typing and paging at once, a key every %v at most (%d idle beside them): %d keys in %v; key-to-frame p50 %v, p99 %v, max %v",
		typing, keyEvery, idle, len(lat), elapsed.Round(time.Millisecond), pct(50), pct(99), lat[len(lat)-1].Round(100*time.Microsecond))
	var read int64
	for _, ls := range typers {
		read += ls.read.Load()
	}
	t.Logf("bytes to the typing sessions: %.1f KB a key", float64(read-read0)/1000/float64(len(lat)))
	cpu := cpuTime(pid) - cpu0
	t.Logf("CPU while typing: server %v (%.1f ms a key), load generator (clients and their emulators) %v; load average %s",
		cpu.Round(time.Millisecond), float64(cpu.Microseconds())/1000/float64(len(lat)),
		(selfCPU() - self0).Round(time.Millisecond), loadAverage())
	t.Logf("server: RSS now %.1f MiB, peak %.1f MiB", float64(procStatus(pid, "VmRSS"))/1024, float64(procStatus(pid, "VmHWM"))/1024)

	for _, ls := range append(idlers, typers...) {
		ls.close()
	}
	// SIGTERM: the server stops within its 10 s.
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after SIGTERM: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Error("serve did not exit within 15 s of SIGTERM")
	}
}

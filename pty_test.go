package main

// Helpers to run a program in a pseudo-terminal and read its screen
// through a terminal emulator, as a person would see it: for start-up
// benchmarks and for tests of how the program behaves in a terminal.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// errNoPTY reports that the system cannot open pseudo-terminals; callers
// skip rather than fail.
var errNoPTY = errors.New("no pseudo-terminal available")

// termEnv is the environment a program gets in a term, before the
// caller's additions: a 256-colour terminal, a UTF-8 locale, and none of
// the test machine's colour or style preferences.
func termEnv() []string {
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.Getenv("HOME"),
		"TERM=xterm-256color",
		"COLORTERM=truecolor",
		"LANG=C.UTF-8",
	}
}

// term is a program running in a pseudo-terminal whose output is fed to
// a terminal emulator. The emulator's answers to queries (background
// colour, cursor position, device attributes) go back to the program as
// a real terminal's would.
type term struct {
	cmd   *exec.Cmd
	ptmx  *os.File
	start time.Time // when the program was started

	mu      sync.Mutex // guards emu and the fields below
	emu     *vt.Emulator
	written int64             // bytes the program wrote to the terminal
	raw     bytes.Buffer      // the last rawKeep of them
	first   time.Time         // when the first of them arrived
	cond    func(string) bool // checked after each write, see waitFor
	met     chan time.Time    // receives when cond first holds
	readErr error
	done    chan struct{} // closed when the output reader ends
	exited  chan struct{} // closed when the program has exited
	exitErr error
}

// startTerm starts name with args in a pseudo-terminal of w columns and h
// rows, with termEnv plus env (later entries win). The program is killed
// and its terminal closed when the test ends, if not before by close.
func startTerm(tb testing.TB, w, h int, env []string, name string, args ...string) (*term, error) {
	tb.Helper()
	cmd := exec.Command(name, args...)
	// Each program its own state: none remembers another test's place.
	cmd.Env = append(append(termEnv(), "XDG_STATE_HOME="+tb.TempDir()), env...)
	t := &term{
		cmd:    cmd,
		emu:    vt.NewEmulator(w, h),
		done:   make(chan struct{}),
		exited: make(chan struct{}),
	}
	t.start = time.Now()
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, err
		}
		var pe *os.PathError
		if errors.As(err, &pe) && strings.Contains(pe.Path, "ptmx") || strings.Contains(err.Error(), "pty") {
			return nil, fmt.Errorf("%w: %v", errNoPTY, err)
		}
		return nil, err
	}
	t.ptmx = ptmx
	go t.readOutput()
	go io.Copy(ptmx, t.emu) // answers to the program's queries
	go func() {
		t.exitErr = cmd.Wait()
		close(t.exited)
	}()
	tb.Cleanup(t.close)
	return t, nil
}

// readOutput feeds the program's output to the emulator and checks the
// pending condition after each write.
func (t *term) readOutput() {
	defer close(t.done)
	buf := make([]byte, 32<<10)
	for {
		n, err := t.ptmx.Read(buf)
		if n > 0 {
			now := time.Now()
			t.mu.Lock()
			t.emu.Write(buf[:n])
			t.raw.Write(buf[:n])
			if t.raw.Len() > 2*rawKeep {
				t.raw.Next(t.raw.Len() - rawKeep)
			}
			if t.written == 0 {
				t.first = now
			}
			t.written += int64(n)
			if t.cond != nil && t.cond(t.emu.String()) {
				t.met <- now
				t.cond = nil
			}
			t.mu.Unlock()
		}
		if err != nil {
			// EIO when the program has exited and closed its side.
			t.mu.Lock()
			t.readErr = err
			t.mu.Unlock()
			return
		}
	}
}

// rawKeep bounds the output a term keeps as written (rawTail): the
// restoring sequences at the end are what a test looks for.
const rawKeep = 64 << 10

// rawTail is the end of the output as the program wrote it, at least the
// last rawKeep bytes.
func (t *term) rawTail() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.raw.String()
}

// waitFor waits until the screen satisfies cond or timeout passes. It
// returns the time the output that satisfied cond arrived (so the caller's
// clock does not include the polling), and the screen.
func (t *term) waitFor(timeout time.Duration, cond func(screen string) bool) (time.Time, string, error) {
	met := make(chan time.Time, 1)
	t.mu.Lock()
	if scr := t.emu.String(); cond(scr) {
		t.mu.Unlock()
		return time.Now(), scr, nil
	}
	t.cond, t.met = cond, met
	t.mu.Unlock()

	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case at := <-met:
		return at, t.screen(), nil
	case <-timer.C:
	case <-t.done:
		// The program ended; its last output may still have met cond.
		select {
		case at := <-met:
			return at, t.screen(), nil
		default:
		}
	}
	t.mu.Lock()
	t.cond = nil
	t.mu.Unlock()
	return time.Time{}, t.screen(), fmt.Errorf("screen did not show what was expected within %v (exited: %v); screen:\n%s",
		timeout, t.hasExited(), t.screen())
}

// containsAll is a screen condition: every text is on the screen.
func containsAll(texts ...string) func(string) bool {
	return func(scr string) bool {
		for _, s := range texts {
			if !strings.Contains(scr, s) {
				return false
			}
		}
		return true
	}
}

// waitQuiet waits until the program has written nothing for quiet, or
// timeout passes, and returns the screen: for when a condition is met
// before the frame is complete.
func (t *term) waitQuiet(quiet, timeout time.Duration) string {
	deadline := time.Now().Add(timeout)
	last, since := t.bytesWritten(), time.Now()
	for time.Now().Before(deadline) && time.Since(since) < quiet {
		time.Sleep(quiet / 10)
		if n := t.bytesWritten(); n != last {
			last, since = n, time.Now()
		}
	}
	return t.screen()
}

// screen is the text on the emulated screen, rows joined by newlines,
// without colours.
func (t *term) screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.emu.String()
}

// bytesWritten is the number of bytes the program has written to its
// terminal so far.
func (t *term) bytesWritten() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.written
}

// firstByte is when the program's first output arrived; zero if none has.
func (t *term) firstByte() time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.first
}

// send writes s to the program's terminal as typed keys: "j", "\r" for
// enter, "\x1b[B" for down, "\x03" for ctrl+c.
func (t *term) send(s string) error {
	_, err := io.WriteString(t.ptmx, s)
	return err
}

func (t *term) hasExited() bool {
	select {
	case <-t.exited:
		return true
	default:
		return false
	}
}

// peakRSS is the program's peak resident memory so far in bytes (VmHWM
// in /proc), read while it runs; 0 if it has exited or the system has no
// /proc. The rusage of a waited child is no use here: Linux keeps across
// exec the high-water mark of the test process it was forked from.
func (t *term) peakRSS() int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", t.cmd.Process.Pid))
	if err != nil || t.hasExited() {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(v), "%d kB", &kb)
			return kb * 1024
		}
	}
	return 0
}

// close kills the program if it still runs and releases the terminal.
func (t *term) close() {
	if !t.hasExited() {
		t.cmd.Process.Kill()
		<-t.exited
	}
	t.ptmx.Close()
	<-t.done
	// The emulator is left open: vt v0.1.0's Close races with the Read
	// that the answering goroutine is blocked in; that goroutine ends with
	// the test binary.
}

// buildProgram builds the Go package or file src (". " for this module's
// command) into dir and returns the binary's path.
func buildProgram(tb testing.TB, dir, name, src string) string {
	tb.Helper()
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", out, src)
	if b, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("go build %s: %v\n%s", src, err, b)
	}
	return out
}

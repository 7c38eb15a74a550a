//go:build linux

package main

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// stopped reports whether process pid is stopped (state T in
// /proc/PID/stat).
func stopped(t *testing.T, pid int) bool {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		t.Fatal(err)
	}
	// pid (comm) state ...: the state follows the last ')'.
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return len(f) > 0 && f[0] == "T"
}

// TestSuspendRestoresTerminal is the failure of the reliability review:
// after kill -TSTP the shell sat on the alternate screen with mouse
// reporting on, and after fg the terminal was in line mode and nothing was
// repainted. Now SIGTSTP hands the terminal back before the process stops,
// and continuing it takes the terminal again and draws the screen whole.
func TestSuspendRestoresTerminal(t *testing.T) {
	for _, c := range []struct {
		name    string
		suspend func(rt *rawTerm) error
	}{
		{"kill -TSTP", func(rt *rawTerm) error { return rt.cmd.Process.Signal(syscall.SIGTSTP) }},
		{"ctrl+z", func(rt *rawTerm) error { _, err := rt.ptmx.Write([]byte{0x1a}); return err }},
	} {
		t.Run(c.name, func(t *testing.T) { testSuspend(t, c.suspend) })
	}
}

func testSuspend(t *testing.T, suspend func(rt *rawTerm) error) {
	rt := startRawTerm(t, nil)
	rt.waitFor(t, "of 21 talks", "Objective: design good programs")
	pid := rt.cmd.Process.Pid
	if err := suspend(rt); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute) // a hang guard, not a timing bound
	for !stopped(t, pid) {
		if time.Now().After(deadline) {
			t.Fatalf("the browser did not stop; output ends %q", tail(rt.output(), 300))
		}
		time.Sleep(10 * time.Millisecond)
	}
	// The bytes written before the stop may still be on their way through
	// the pty: wait for the alternate screen to be left (a hang guard).
	for on, _ := modesLeftOn(rt.output()); on["1049"] && time.Now().Before(deadline); on, _ = modesLeftOn(rt.output()) {
		time.Sleep(10 * time.Millisecond)
	}
	checkRestored(t, rt.output())
	tio, err := unix.IoctlGetTermios(int(rt.ptmx.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	if tio.Lflag&unix.ICANON == 0 || tio.Lflag&unix.ECHO == 0 {
		t.Errorf("stopped with the terminal in raw mode (lflag %#x): the shell would get no line editing", tio.Lflag)
	}
	if strings.Contains(rt.emu.String(), "of 21 talks") {
		t.Errorf("the browser's screen is still up while stopped:\n%s", rt.emu.String())
	}

	// fg: the shell continues the process.
	if err := rt.cmd.Process.Signal(syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	rt.waitFor(t, "of 21 talks", "Objective: design good programs")
	if _, err := rt.ptmx.Write([]byte("j")); err != nil {
		t.Fatal(err)
	}
	rt.waitFor(t, "http://gokit.io") // the keys reach the browser again: talk 2 is open
	if _, err := rt.ptmx.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	if code, sig := waitExit(t, rt); code != 0 || sig != 0 {
		t.Errorf("after q: exit status %d, signal %v; want 0", code, sig)
	}
	checkRestored(t, rt.output())
}

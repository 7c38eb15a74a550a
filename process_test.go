package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// Process behaviour of the built binary: how it leaves the terminal after
// every kind of exit (read back from the raw output stream through a
// pseudo-terminal), pipes closed early, no terminal at all, and usage
// errors. The pty harness is rawTerm (colour_test.go); the binary is
// golangukBinary's (version_test.go).

// exitGuard bounds waiting for the program to end; a hang guard, not a
// timing assertion.
const exitGuard = time.Minute

// waitExit waits for the program in rt to end and for its last output to
// be read, and returns its exit status (-1 with the signal if killed).
func waitExit(t *testing.T, rt *rawTerm) (code int, sig syscall.Signal) {
	t.Helper()
	exited := make(chan error, 1)
	go func() { exited <- rt.cmd.Wait() }()
	select {
	case <-exited:
	case <-time.After(exitGuard):
		t.Fatalf("still running %v after being told to stop; output tail: %q", exitGuard, tail(rt.output(), 300))
	}
	select {
	case <-rt.done:
	case <-time.After(exitGuard):
		t.Fatal("the terminal's output never ended")
	}
	ws := rt.cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		return -1, ws.Signal()
	}
	return ws.ExitStatus(), 0
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// decModes matches the DEC private mode sets and resets: ESC [ ? 1049 h.
var decModes = regexp.MustCompile(`\x1b\[\?([0-9;]+)([hl])`)

// modesLeftOn returns the DEC private modes whose last change in out is a
// set, and whether each of want was ever set at all.
func modesLeftOn(out string) (on map[string]bool, everSet map[string]bool) {
	on, everSet = map[string]bool{}, map[string]bool{}
	for _, m := range decModes.FindAllStringSubmatch(out, -1) {
		for _, mode := range strings.Split(m[1], ";") {
			on[mode] = m[2] == "h"
			if m[2] == "h" {
				everSet[mode] = true
			}
		}
	}
	for k, v := range on {
		if !v {
			delete(on, k)
		}
	}
	return on, everSet
}

// checkRestored checks the end of the output stream hands the terminal
// back: alternate screen left, cursor shown, mouse reporting off.
func checkRestored(t *testing.T, out string) {
	t.Helper()
	on, ever := modesLeftOn(out)
	if !ever["1049"] {
		t.Fatalf("the browser never entered the alternate screen; output: %q", tail(out, 500))
	}
	names := map[string]string{
		"1049": "alternate screen", "1000": "mouse clicks", "1002": "mouse drag",
		"1003": "mouse motion", "1006": "SGR mouse", "2004": "bracketed paste", "1004": "focus events",
	}
	for mode, name := range names {
		if on[mode] {
			t.Errorf("mode %s (%s) is left set: the output ends %q", mode, name, tail(out, 200))
		}
	}
	// The cursor (mode 25 set means shown): hidden at some point, shown
	// again at the end.
	if strings.Contains(out, "\x1b[?25l") && strings.LastIndex(out, "\x1b[?25h") < strings.LastIndex(out, "\x1b[?25l") {
		t.Errorf("the cursor is left hidden: the output ends %q", tail(out, 200))
	}
	names["25"] = "cursor"
	// Keyboard enhancements: the kitty protocol pushed (ESC [ > flags u) is
	// popped (ESC [ < u); xterm's modifyOtherKeys set (ESC [ > 4 ; n m) is
	// reset (ESC [ > 4 m).
	if last(kittyPush, out) > last(kittyPop, out) {
		t.Errorf("kitty keyboard flags pushed and not popped: the output ends %q", tail(out, 200))
	}
	if last(modKeysSet, out) > last(modKeysReset, out) {
		t.Errorf("modifyOtherKeys left set: the output ends %q", tail(out, 200))
	}
	for mode := range on {
		if _, known := names[mode]; !known {
			t.Logf("note: DEC mode %s left set at exit", mode)
		}
	}
}

var (
	kittyPush    = regexp.MustCompile(`\x1b\[>[0-9]+u`)
	kittyPop     = regexp.MustCompile(`\x1b\[<[0-9]*u`)
	modKeysSet   = regexp.MustCompile(`\x1b\[>4;[1-9]m`)
	modKeysReset = regexp.MustCompile(`\x1b\[>4(;0)?m`)
)

// last returns the offset of the last match of re in s, -1 if none.
func last(re *regexp.Regexp, s string) int {
	m := re.FindAllStringIndex(s, -1)
	if len(m) == 0 {
		return -1
	}
	return m[len(m)-1][0]
}

// TestExitRestoresTerminal ends the browser every way it can end and
// checks the terminal is handed back intact.
func TestExitRestoresTerminal(t *testing.T) {
	t.Parallel() // it waits on the programs it runs
	type ending struct {
		name string
		do   func(rt *rawTerm) error
		// wantCode is the exit status; -1: any status, as long as the
		// program exits by itself rather than being killed.
		wantCode int
	}
	key := func(s string) func(*rawTerm) error {
		return func(rt *rawTerm) error { _, err := rt.ptmx.Write([]byte(s)); return err }
	}
	signal := func(s syscall.Signal) func(*rawTerm) error {
		return func(rt *rawTerm) error { return rt.cmd.Process.Signal(s) }
	}
	endings := []ending{
		{"q", key("q"), 0},
		{"ctrl+c", key("\x03"), -1},
		{"ctrl+c while searching", key("/con\x03"), -1},
		{"SIGINT", signal(syscall.SIGINT), -1},
		{"SIGTERM", signal(syscall.SIGTERM), -1},
		{"SIGHUP", signal(syscall.SIGHUP), -1},
	}
	for _, e := range endings {
		t.Run(e.name, func(t *testing.T) {
			t.Parallel()
			rt := startRawTerm(t, nil)
			rt.waitFor(t, "of 21 talks", "Objective: design good programs")
			// Use the mouse-enabled screen a little: move, open help.
			_, _ = rt.ptmx.Write([]byte("jj?"))
			rt.waitFor(t, "open speaker link") // the full help
			if err := e.do(rt); err != nil {
				t.Fatal(err)
			}
			code, sig := waitExit(t, rt)
			if sig != 0 {
				t.Errorf("killed by %v: the program did not handle it", sig)
			}
			if e.wantCode >= 0 && code != e.wantCode {
				t.Errorf("exit status %d, want %d", code, e.wantCode)
			}
			out := rt.output()
			checkRestored(t, out)
			if strings.Contains(out, "panic:") {
				t.Errorf("the program panicked: %q", tail(out, 2000))
			}
		})
	}
}

// TestPanicRestoresTerminal makes the browser panic (GOLANGUK_TEST_PANIC
// is a test hook the UI honours when built with -tags testhook: "update"
// panics on the next key, "view" in the next View, "cmd" in the next
// rendering command, "goroutine" in a goroutine of ours, outside Bubble
// Tea's reach, which used to end the process with the terminal raw on
// the alternate screen) and checks the terminal is restored and the error
// printed.
func TestPanicRestoresTerminal(t *testing.T) {
	t.Parallel()             // it waits on the programs it runs
	bin := golangukBinary(t) // built with -tags testhook
	for _, where := range []string{"update", "view", "cmd", "goroutine"} {
		t.Run(where, func(t *testing.T) {
			t.Parallel()
			rt := startRawTermOf(t, bin, []string{"GOLANGUK_TEST_PANIC=" + where})
			rt.waitFor(t, "of 21 talks")
			_, _ = rt.ptmx.Write([]byte("j"))
			done := make(chan struct{})
			go func() {
				// A j typed just as the list appears is now and then not
				// read (the run then took the whole 10 s below): type it
				// again each half second until the program ends.
				again := time.NewTicker(500 * time.Millisecond)
				defer again.Stop()
				giveUp := time.After(10 * time.Second)
				for {
					select {
					case <-done:
						return
					case <-again.C:
						_, _ = rt.ptmx.Write([]byte("j"))
					case <-giveUp:
						// Not our hook's doing: the program runs on. Stop
						// it so the test can say so.
						_, _ = rt.ptmx.Write([]byte("q"))
						return
					}
				}
			}()
			code, sig := waitExit(t, rt)
			close(done)
			out := rt.output()
			if !strings.Contains(out, "golanguk test panic") {
				t.Fatalf("the program did not panic with GOLANGUK_TEST_PANIC=%s (exit %d): the test hook is missing", where, code)
			}
			if sig != 0 {
				t.Errorf("killed by %v", sig)
			}
			if code == 0 {
				t.Errorf("exit status 0 after a panic")
			}
			checkRestored(t, out)
			// The message comes after the terminal was restored, so it is
			// readable on the normal screen.
			if i, j := strings.LastIndex(out, "\x1b[?1049l"), strings.LastIndex(out, "golanguk test panic"); j < i {
				t.Errorf("the panic message was written on the alternate screen, before leaving it")
			}
		})
	}
}

// TestPipeClosedEarly checks `golanguk ... | head -1` ends quietly: status
// 0 and nothing on stderr, whether the reader leaves before the first write
// or in the middle of the output.
func TestPipeClosedEarly(t *testing.T) {
	t.Parallel() // it waits on the programs it runs
	bin := golangukBinary(t)
	big := filepath.Join(t.TempDir(), "big.md")
	var b bytes.Buffer
	b.WriteString("# Big\n\n")
	for i := 1; i <= 20000; i++ {
		fmt.Fprintf(&b, "## Talk %d\n> Speaker %d - https://example.com/%d\n\n:two: :star: :star:\n\n%s\n\n", i, i, i, strings.Repeat("Notes. ", 20))
	}
	if err := os.WriteFile(big, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	commands := [][]string{
		{"list"},
		{"list", "--json"},
		{"show", "1"},
		{"show", "1", "--format", "plain"},
		{"show", "1", "--format", "ansi"},
		{"show", "1", "--format", "json"},
		{"about"},
		{"--notes", big, "list"},
		{"--notes", big, "list", "--json"},
		{"--notes", big, "show", "talk", "--all"},
		{},
	}
	for _, args := range commands {
		name := strings.Join(args, " ")
		if name == "" {
			name = "no command"
		}
		name = strings.ReplaceAll(name, big, "big.md")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			t.Run("reader gone before", func(t *testing.T) {
				r, w, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				r.Close()
				code, stderr := runWithStdout(t, bin, w, args)
				w.Close()
				if code != 0 || stderr != "" {
					t.Errorf("exit %d, stderr %q; want 0 and nothing", code, stderr)
				}
			})
			t.Run("head -1", func(t *testing.T) {
				r, w, err := os.Pipe()
				if err != nil {
					t.Fatal(err)
				}
				first := make(chan string, 1)
				go func() {
					line, _ := bufio.NewReader(r).ReadString('\n')
					r.Close() // as head does after its line
					first <- line
				}()
				code, stderr := runWithStdout(t, bin, w, args)
				w.Close()
				if line := <-first; line == "" {
					t.Errorf("no first line")
				}
				if code != 0 || stderr != "" {
					t.Errorf("exit %d, stderr %q; want 0 and nothing", code, stderr)
				}
			})
		})
	}
	t.Run("shell pipeline", func(t *testing.T) {
		if _, err := exec.LookPath("bash"); err != nil {
			t.Skip("no bash")
		}
		if _, err := exec.LookPath("head"); err != nil {
			t.Skip("no head")
		}
		script := `set -o pipefail; "$1" --notes "$2" list | head -1 >/dev/null; echo "list:$?"; "$1" show 1 | head -1 >/dev/null; echo "show:$?"`
		cmd := exec.Command("bash", "-c", script, "bash", bin, big)
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir()}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatal(err)
		}
		if got := stdout.String(); got != "list:0\nshow:0\n" || stderr.Len() > 0 {
			t.Errorf("pipeline statuses %q, stderr %q; want both 0 and nothing", got, stderr.String())
		}
	})
}

// runWithStdout runs the binary with stdout going to w, stdin empty, and
// no controlling terminal.
func runWithStdout(t *testing.T, bin string, w io.Writer, args []string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), exitGuard)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir(), "XDG_STATE_HOME=" + t.TempDir(), "TERM=xterm-256color", "LANG=C.UTF-8"}
	cmd.Stdout = w
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("golanguk %q hung", args)
	}
	ws := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		t.Fatalf("golanguk %q killed by %v (SIGPIPE not handled?)", args, ws.Signal())
	}
	var ee *exec.ExitError
	if err != nil && !isExitError(err, &ee) {
		t.Fatal(err)
	}
	return ws.ExitStatus(), stderr.String()
}

func isExitError(err error, ee **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	*ee = e
	return ok
}

// TestNoTerminal runs `golanguk < /dev/null > out 2>&1` in a new session,
// so with no controlling terminal (cron, CI): it prints the list and
// exits 0 rather than failing to open a terminal.
func TestNoTerminal(t *testing.T) {
	bin := golangukBinary(t)
	want := cli(t, []string{"list"})
	if want.code != 0 {
		t.Fatalf("list: exit %d", want.code)
	}
	for _, args := range [][]string{{}, {"list"}} {
		t.Run(strings.Join(append([]string{"golanguk"}, args...), " "), func(t *testing.T) {
			devnull, err := os.Open(os.DevNull)
			if err != nil {
				t.Fatal(err)
			}
			defer devnull.Close()
			out, err := os.Create(filepath.Join(t.TempDir(), "out"))
			if err != nil {
				t.Fatal(err)
			}
			defer out.Close()
			ctx, cancel := context.WithTimeout(context.Background(), exitGuard)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, args...)
			cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir(), "XDG_STATE_HOME=" + t.TempDir(), "TERM=xterm-256color", "LANG=C.UTF-8"}
			cmd.Stdin, cmd.Stdout, cmd.Stderr = devnull, out, out
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
			err = cmd.Run()
			if ctx.Err() != nil {
				t.Fatal("hung with no terminal")
			}
			got, _ := os.ReadFile(out.Name())
			if err != nil {
				t.Fatalf("%v; output %q", err, got)
			}
			if string(got) != want.stdout {
				t.Errorf("output %q, want the list %q", tail(string(got), 300), tail(want.stdout, 300))
			}
		})
	}
}

// TestUsageErrorsBinary checks usage errors against the built binary, its
// stderr a pipe: exit 2, nothing on stdout, a message that says what is
// wrong, no escape sequences.
func TestUsageErrorsBinary(t *testing.T) {
	t.Parallel() // it waits on the programs it runs
	hostileBinary(t)
	tests := []struct {
		name string
		args []string
		want string // in the message
	}{
		{"unknown flag", []string{"--bogus"}, "--bogus"},
		{"unknown list flag", []string{"list", "--bogus"}, "--bogus"},
		{"unknown show flag", []string{"show", "1", "--frob"}, "--frob"},
		{"unknown shorthand", []string{"list", "-Z"}, "-Z"},
		{"show without a talk", []string{"show"}, "TALK"},
		{"talk past the end", []string{"show", "22"}, "22"},
		{"talk zero", []string{"show", "0"}, "0"},
		{"huge talk number", []string{"show", "99999999999999999999999"}, "99999999999999999999999"},
		{"unknown command", []string{"frobnicate"}, "frobnicate"},
		{"flag without value", []string{"list", "--sort"}, "sort"},
		{"bad min-stars", []string{"list", "-m", "11"}, "min-stars"},
		{"bad format", []string{"about", "--format", "html"}, "html"},
		{"bad width", []string{"show", "1", "--width", "100000"}, "width"},
		{"notes missing value", []string{"--notes"}, "notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runBinary(t, nil, tt.args...)
			if r.code != 2 {
				t.Errorf("%s, want 2; stderr %q", r, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("%s: stdout %q, want nothing", r, trunc(r.stdout))
			}
			if !strings.HasPrefix(r.stderr, "golanguk: ") || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("%s: stderr %q, want a \"golanguk: \" message naming %q", r, r.stderr, tt.want)
			}
			if n := strings.Count(r.stderr, "\n"); n > 2 {
				t.Errorf("%s: %d lines on stderr, want the message and at most a hint: %q", r, n, r.stderr)
			}
			for _, v := range plainViolations(r.stderr) {
				t.Errorf("%s: stderr: %s", r, v)
			}
		})
	}
}

// TestResizeToNothing resizes the browser's terminal to nothing, to one
// cell and to a huge size while it runs: it keeps running, and quits
// cleanly afterwards.
func TestResizeToNothing(t *testing.T) {
	t.Parallel() // it waits on the programs it runs
	rt := startRawTerm(t, nil)
	rt.waitFor(t, "of 21 talks")
	for _, s := range [][2]uint16{{0, 0}, {1, 1}, {0, 40}, {120, 0}, {500, 200}, {29, 7}, {30, 8}, {80, 24}} {
		if err := pty.Setsize(rt.ptmx, &pty.Winsize{Cols: s[0], Rows: s[1]}); err != nil {
			t.Fatal(err)
		}
		_, _ = rt.ptmx.Write([]byte("j"))
		settle(rt)
	}
	_, _ = rt.ptmx.Write([]byte("q"))
	if code, sig := waitExit(t, rt); code != 0 || sig != 0 {
		t.Errorf("exit %d, signal %v after resizes and q", code, sig)
	}
	checkRestored(t, rt.output())
}

// TestKeyFlood types 64 KB of random input into the browser: printable
// text, multi-byte runes, fragments of escape sequences, bracketed pastes
// carrying escapes, mouse reports. It must survive, still answer, quit on
// ctrl+c with the terminal restored, and never echo what it was sent as
// terminal commands (no title change, no clipboard write).
func TestKeyFlood(t *testing.T) {
	skipUnlessLong(t)
	rt := startRawTerm(t, nil)
	rt.waitFor(t, "of 21 talks")
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{
		"j", "k", "/", "\x1b", "\r", "\t", "\x1b[Z", "G", "g", "[", "]", "n", "N", "s", "1", "5", "0", "i", "?",
		"\x1b[3;3~", "\x1bd", "\x1b[D", "\x1b[A", "\x1b[B", "\x1b[5~", "\x1b[6~", "\x1b[", "\x1bO", "\x1b[1;5C", "\x7f", "\x17", "\x15", "\x0b",
		"go", "Pățan", "日本語", "🐹", "e\u0301", "\u202e", "\xff\xfe", "\u009b2J",
		"\x1b[200~\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07paste\x1b[201~",
		"\x1b[<0;10;5M\x1b[<0;10;5m", "\x1b[<64;60;10M", "\x1b[<65;60;10M", "\x1b[<0;999;999M",
	}
	var b strings.Builder
	for b.Len() < 64<<10 {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	flood := b.String()
	for len(flood) > 0 {
		n := min(len(flood), 512)
		if _, err := rt.ptmx.Write([]byte(flood[:n])); err != nil {
			t.Fatalf("writing keys: %v (exited: %v)", err, rt.cmd.ProcessState != nil)
		}
		flood = flood[n:]
	}
	// Leave any search or page, then show it still answers.
	_, _ = rt.ptmx.Write([]byte("\x1b\x1b\x1b"))
	settle(rt)
	_, _ = rt.ptmx.Write([]byte("\x03"))
	code, sig := waitExit(t, rt)
	if sig != 0 || code != 0 && code != 130 {
		t.Errorf("exit %d, signal %v after the flood and ctrl+c", code, sig)
	}
	out := rt.output()
	if i := strings.Index(out, "panic:"); i >= 0 {
		t.Errorf("panicked: %q", out[i:min(len(out), i+1500)])
	}
	checkRestored(t, out)
	for _, p := range terminalStreamProblems(out) {
		t.Error(p)
	}
}

package serve_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"github.com/golanguk/golanguk/ui/serve"
)

// waitLimit bounds every wait in these tests: past it a test fails rather
// than hangs. Nothing is asserted about how fast things happen.
const waitLimit = 10 * time.Second

// The sequences Bubble Tea writes on its way out, which leave the
// client's terminal as it was: main screen, mouse reports off, cursor
// shown.
const (
	altScreenOn  = "\x1b[?1049h"
	altScreenOff = "\x1b[?1049l"
	mouseOff     = "\x1b[?1002l"
	cursorOn     = "\x1b[?25h"
)

// sizeModel is the program the tests serve: it shows its size and how
// many keys it has had, in the alternate screen with the mouse on, and
// quits on q. With tick set it redraws every 10 ms, so it always has
// output.
type sizeModel struct {
	w, h, keys, ticks int
	tick              bool
	note              string // the last noteMsg, shown after the size
	resizes           int    // window sizes had, shown last with showResizes
	showResizes       bool
	bg                string // "dark" or "light", once the terminal has said
}

type tickMsg struct{}

// noteMsg is a message from outside the session (Server.Send).
type noteMsg string

func tickCmd() tea.Cmd {
	return tea.Tick(10*time.Millisecond, func(time.Time) tea.Msg { return tickMsg{} })
}

func (m sizeModel) Init() tea.Cmd {
	if m.tick {
		return tickCmd()
	}
	return nil
}

func (m sizeModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		m.resizes++
	case tea.KeyPressMsg:
		if msg.String() == "q" {
			return m, tea.Quit
		}
		m.keys++
	case tickMsg:
		m.ticks++
		return m, tickCmd()
	case noteMsg:
		m.note = string(msg)
	case tea.BackgroundColorMsg:
		m.bg = "light"
		if msg.IsDark() {
			m.bg = "dark"
		}
	}
	return m, nil
}

func (m sizeModel) View() tea.View {
	s := fmt.Sprintf("size %dx%d keys %d", m.w, m.h, m.keys)
	if m.tick {
		s += fmt.Sprintf(" ticks %d", m.ticks)
	}
	if m.note != "" {
		s += " note " + m.note
	}
	if m.showResizes {
		s += fmt.Sprintf(" resizes %d", m.resizes)
	}
	if m.bg != "" {
		s += " bg " + m.bg
	}
	v := tea.NewView(s)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

func sizeProgram(serve.Session) (tea.Model, []tea.ProgramOption) { return sizeModel{}, nil }

// logBuf is a log the tests can read while the server writes it.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitLog waits for the log to hold every one of parts on one line.
func (l *logBuf) waitLog(t testing.TB, parts ...string) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		for _, line := range strings.Split(l.String(), "\n") {
			if containsAll(line, parts...) {
				return
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("no log line with %q; log:\n%s", parts, l.String())
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

type testServer struct {
	*serve.Server
	addr   string
	log    *logBuf
	served chan error
}

// startServer serves cfg on 127.0.0.1:0; unset fields get a host key in
// a temporary directory and the size program. It is shut down when the
// test ends.
func startServer(t testing.TB, cfg serve.Config) *testServer {
	t.Helper()
	if cfg.HostKeyPath == "" {
		cfg.HostKeyPath = filepath.Join(t.TempDir(), "ssh", "host_key")
	}
	if cfg.Program == nil && cfg.Command == nil {
		cfg.Program = sizeProgram
	}
	lb := &logBuf{}
	cfg.Logger = slog.New(slog.NewTextHandler(lb, nil))
	s, err := serve.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: s, addr: ln.Addr().String(), log: lb, served: make(chan error, 1)}
	go func() { ts.served <- s.Serve(ln) }()
	t.Cleanup(func() { ts.stop(t) })
	return ts
}

// stop shuts the server down and checks Serve's result; it may be
// called more than once.
func (ts *testServer) stop(t testing.TB) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	err := ts.Shutdown(ctx)
	select {
	case serr, ok := <-ts.served:
		if ok && !errors.Is(serr, serve.ErrServerClosed) {
			t.Errorf("Serve returned %v, want ErrServerClosed", serr)
		}
		if ok {
			close(ts.served)
		}
	case <-time.After(waitLimit):
		t.Error("Serve did not return after Shutdown")
	}
	return err
}

func clientConfig() *gossh.ClientConfig {
	return &gossh.ClientConfig{
		User: "root; rm -rf /", // ignored by the server
		Auth: []gossh.AuthMethod{gossh.KeyboardInteractive(
			func(_, _ string, questions []string, _ []bool) ([]string, error) {
				return make([]string, len(questions)), nil
			})},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         waitLimit,
	}
}

func dial(t testing.TB, addr string) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", addr, clientConfig())
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// term is a client session with a terminal: what the server writes goes
// through an x/vt emulator, and is also kept raw.
type term struct {
	t      testing.TB
	sess   *gossh.Session
	stdin  io.WriteCloser
	mu     sync.Mutex
	emu    *vt.Emulator
	raw    bytes.Buffer
	stderr bytes.Buffer
	eof    chan struct{}
	exit   chan error
}

type termOpts struct {
	w, h int
	env  [][2]string // sent before the pty request
}

func openTerm(t testing.TB, c *gossh.Client, o termOpts) *term {
	t.Helper()
	tm, err := tryTerm(t, c, o)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

func tryTerm(t testing.TB, c *gossh.Client, o termOpts) (*term, error) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		return nil, err
	}
	for _, kv := range o.env {
		if err := sess.Setenv(kv[0], kv[1]); err != nil {
			return nil, fmt.Errorf("setenv %s: %w", kv[0], err)
		}
	}
	// The emulator is the client's screen: at most 300x100, whatever
	// the session claims.
	ew, eh := min(max(o.w, 1), 300), min(max(o.h, 1), 100)
	tm := &term{t: t, sess: sess, emu: vt.NewEmulator(ew, eh), eof: make(chan struct{}), exit: make(chan error, 1)}
	if err := sess.RequestPty("xterm-256color", o.h, o.w, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return nil, err
	}
	sess.Stderr = &lockedWriter{mu: &tm.mu, w: &tm.stderr}
	if tm.stdin, err = sess.StdinPipe(); err != nil {
		return nil, err
	}
	// The emulator answers the program's queries on a pipe that blocks
	// until read; these answers are dropped, so they do not count as
	// input. Closing the pipe's writer ends this goroutine.
	go io.Copy(io.Discard, tm.emu)
	t.Cleanup(tm.closeEmu)
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	go func() {
		defer close(tm.eof)
		buf := make([]byte, 32<<10)
		for {
			n, err := stdout.Read(buf)
			tm.mu.Lock()
			tm.raw.Write(buf[:n])
			tm.emu.Write(buf[:n])
			tm.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { tm.exit <- sess.Wait() }()
	return tm, nil
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// closeEmu ends the goroutine that reads the emulator's answers.
func (tm *term) closeEmu() { tm.emu.InputPipe().(*io.PipeWriter).Close() }

func (tm *term) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.emu.String()
}

func (tm *term) waitScreen(texts ...string) string {
	tm.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		s := tm.screen()
		if containsAll(s, texts...) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("screen never showed %q; screen:\n%s\nstderr: %q", texts, s, tm.stderrText())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (tm *term) send(s string) {
	tm.t.Helper()
	if _, err := io.WriteString(tm.stdin, s); err != nil {
		tm.t.Fatalf("send %q: %v", s, err)
	}
}

// wait waits for the session to end and returns its exit status, after
// all its output has been read.
func (tm *term) wait() int {
	tm.t.Helper()
	var err error
	select {
	case err = <-tm.exit:
	case <-time.After(waitLimit):
		tm.t.Fatalf("session did not end; screen:\n%s", tm.screen())
	}
	select {
	case <-tm.eof:
	case <-time.After(waitLimit):
		tm.t.Fatal("no EOF after the session ended")
	}
	return exitStatus(tm.t, err)
}

func exitStatus(t testing.TB, err error) int {
	t.Helper()
	var ee *gossh.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitStatus()
	default:
		t.Fatalf("session ended without an exit status: %v", err)
		return -1
	}
}

// checkRestored checks that the client's terminal was left as it was
// before the program: the restoring sequences came after the program's
// last entry into the alternate screen, and the emulator agrees.
func (tm *term) checkRestored() {
	tm.t.Helper()
	tm.mu.Lock()
	defer tm.mu.Unlock()
	raw := tm.raw.String()
	i := strings.LastIndex(raw, altScreenOn)
	if i < 0 {
		tm.t.Fatalf("the program never entered the alternate screen; output %q", raw)
	}
	tail := raw[i:]
	for _, seq := range []string{altScreenOff, mouseOff, cursorOn} {
		if !strings.Contains(tail, seq) {
			tm.t.Errorf("output after the last frame lacks %q: %q", seq, tail)
		}
	}
	if tm.emu.IsAltScreen() {
		tm.t.Error("client terminal left in the alternate screen")
	}
	if tm.emu.CursorHidden() {
		tm.t.Error("client terminal left with the cursor hidden")
	}
}

// rawTail is the output after the last frame's restoring sequences.
func (tm *term) rawTail() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	raw := tm.raw.String()
	if i := strings.LastIndex(raw, altScreenOff); i >= 0 {
		return raw[i:]
	}
	return raw
}

func (tm *term) stderrText() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.stderr.String()
}

// run runs a command without a terminal and returns its output and exit
// status.
func run(t testing.TB, c *gossh.Client, cmd string) (stdout, stderr string, status int) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var o, e bytes.Buffer
	sess.Stdout, sess.Stderr = &o, &e
	done := make(chan error, 1)
	go func() { done <- sess.Run(cmd) }()
	select {
	case err = <-done:
	case <-time.After(waitLimit):
		t.Fatalf("command %q did not end", cmd)
	}
	return o.String(), e.String(), exitStatus(t, err)
}

// openTermWhenFree opens a terminal session, trying again while the
// server refuses it as full: a closed session's place is given back
// only once its channel has closed on both sides, a little after the
// client saw it end.
func openTermWhenFree(t testing.TB, c *gossh.Client, o termOpts) *term {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		tm := openTerm(t, c, o)
		select {
		case err := <-tm.exit:
			if !strings.Contains(tm.stderrText(), "too many sessions") || time.Now().After(deadline) {
				t.Fatalf("session ended: %v; stderr %q", err, tm.stderrText())
			}
			tm.closeEmu()
			time.Sleep(5 * time.Millisecond)
		case <-time.After(50 * time.Millisecond):
			return tm
		}
	}
}

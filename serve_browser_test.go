package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
	"golang.org/x/crypto/ssh"

	"github.com/golanguk/golanguk/ui"
	"github.com/golanguk/golanguk/ui/serve"
)

// These tests run golanguk serve's own server (newNotesServer: the real
// browser, the session commands) in the test process, on 127.0.0.1:0,
// with golang.org/x/crypto/ssh as the client and an x/vt terminal for
// each session. Every wait is bounded by sshWait; nothing is asserted
// about how fast anything happens.

const sshWait = 15 * time.Second

// The sequences Bubble Tea leaves the client's terminal with on its way
// out: the main screen, mouse reports off, the cursor shown.
const (
	seqAltOn    = "\x1b[?1049h"
	seqAltOff   = "\x1b[?1049l"
	seqMouseOff = "\x1b[?1002l"
	seqCursorOn = "\x1b[?25h"
)

// syncBuf is a log the test reads while the server writes it.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitLine waits for a line of the log holding every one of parts.
func (s *syncBuf) waitLine(t testing.TB, parts ...string) string {
	t.Helper()
	deadline := time.Now().Add(sshWait)
	for {
		for _, line := range strings.Split(s.String(), "\n") {
			if hasAll(line, parts...) {
				return line
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no log line with %q; log:\n%s", parts, s.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func hasAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

type notesTestServer struct {
	*notesServer
	addr   string
	log    *syncBuf
	served chan error
}

// startNotesServer serves a's notes as golanguk serve does, with cfg's
// limits; the host key goes in a temporary directory unless cfg names
// one. The server is shut down when the test ends.
func startNotesServer(t testing.TB, a *app, cfg serve.Config) *notesTestServer {
	t.Helper()
	if a == nil {
		a = &app{term: ui.Terminal{Env: ui.Env{}}, stderr: io.Discard}
	}
	doc, err := a.document()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.HostKeyPath == "" {
		cfg.HostKeyPath = filepath.Join(t.TempDir(), "ssh_host_ed25519_key")
	}
	lb := &syncBuf{}
	cfg.Logger = slog.New(slog.NewTextHandler(lb, nil))
	ns, err := a.newNotesServer(doc, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &notesTestServer{notesServer: ns, addr: ln.Addr().String(), log: lb, served: make(chan error, 1)}
	go func() { ts.served <- ns.srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), sshWait)
		defer cancel()
		_ = ns.srv.Shutdown(ctx)
		select {
		case <-ts.served:
		case <-ctx.Done():
		}
	})
	return ts
}

func sshClientConfig() *ssh.ClientConfig {
	return &ssh.ClientConfig{
		User: "root",
		Auth: []ssh.AuthMethod{ssh.KeyboardInteractive(func(_, _ string, q []string, _ []bool) ([]string, error) {
			return make([]string, len(q)), nil
		})},
		HostKeyCallback: ssh.InsecureIgnoreHostKey(),
		Timeout:         sshWait,
	}
}

func sshDial(t testing.TB, addr string) *ssh.Client {
	t.Helper()
	c, err := ssh.Dial("tcp", addr, sshClientConfig())
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// The emulator, the client's screen, is at most this size, whatever the
// session claims: a larger one is slow to read, and the server draws for
// at most its clamp (TestServeBrowserWindowSizes sets it to this).
const emuMaxW, emuMaxH = 300, 100

// sshTerm is a session with a terminal: the server's output goes through
// an x/vt emulator, the client's screen, and is kept raw too.
type sshTerm struct {
	t    testing.TB
	sess *ssh.Session
	in   io.WriteCloser

	mu     sync.Mutex
	emu    *vt.Emulator
	raw    bytes.Buffer
	stderr bytes.Buffer
	eof    chan struct{}
	exit   chan error
}

// openSSHTerm opens a session of w x h cells on c, sending env first.
func openSSHTerm(t testing.TB, c *ssh.Client, w, h int, env ...[2]string) *sshTerm {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range env {
		_ = sess.Setenv(kv[0], kv[1]) // the server may refuse it
	}
	ew, eh := cmp.Or(w, 80), cmp.Or(h, 24) // 0 means not said: the server takes 80x24
	st := &sshTerm{t: t, sess: sess, emu: vt.NewEmulator(min(ew, emuMaxW), min(eh, emuMaxH)),
		eof: make(chan struct{}), exit: make(chan error, 1)}
	// The emulator's answers to the program's queries are not sent: they
	// would count as input. Closing its pipe ends this goroutine.
	go io.Copy(io.Discard, st.emu)
	t.Cleanup(func() { st.emu.InputPipe().(*io.PipeWriter).Close() })
	if err := sess.RequestPty("xterm-256color", h, w, ssh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	sess.Stderr = writerFunc(func(p []byte) (int, error) {
		st.mu.Lock()
		defer st.mu.Unlock()
		return st.stderr.Write(p)
	})
	if st.in, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(st.eof)
		buf := make([]byte, 32<<10)
		for {
			n, err := out.Read(buf)
			st.mu.Lock()
			st.raw.Write(buf[:n])
			st.emu.Write(buf[:n])
			st.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { st.exit <- sess.Wait() }()
	return st
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func (st *sshTerm) screen() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.emu.String()
}

func (st *sshTerm) rawText() string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.raw.String()
}

// waitScreen waits for the screen to satisfy cond and returns it.
func (st *sshTerm) waitScreen(what string, cond func(string) bool) string {
	st.t.Helper()
	deadline := time.Now().Add(sshWait)
	seen := -1
	for {
		// A large screen takes a while to read: only when output came.
		st.mu.Lock()
		n := st.raw.Len()
		st.mu.Unlock()
		if n == seen && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
			continue
		}
		seen = n
		s := st.screen()
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			st.mu.Lock()
			errs := st.stderr.String()
			st.mu.Unlock()
			st.t.Fatalf("screen never showed %s; screen:\n%s\nstderr %q", what, s, errs)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (st *sshTerm) waitText(texts ...string) string {
	st.t.Helper()
	return st.waitScreen(fmt.Sprintf("%q", texts), func(s string) bool { return hasAll(s, texts...) })
}

func (st *sshTerm) send(s string) {
	st.t.Helper()
	if _, err := io.WriteString(st.in, s); err != nil {
		st.t.Fatalf("send %q: %v", s, err)
	}
}

func (st *sshTerm) resize(w, h int) {
	st.t.Helper()
	st.mu.Lock()
	st.emu.Resize(min(cmp.Or(w, 80), emuMaxW), min(cmp.Or(h, 24), emuMaxH))
	st.mu.Unlock()
	if err := st.sess.WindowChange(h, w); err != nil {
		st.t.Fatal(err)
	}
}

// wait waits for the session to end, and its output with it, and
// returns its exit status.
func (st *sshTerm) wait() int {
	st.t.Helper()
	var err error
	select {
	case err = <-st.exit:
	case <-time.After(sshWait):
		st.t.Fatalf("session did not end; screen:\n%s", st.screen())
	}
	select {
	case <-st.eof:
	case <-time.After(sshWait):
		st.t.Fatal("no EOF after the session ended")
	}
	var ee *ssh.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitStatus()
	}
	st.t.Fatalf("session ended with no exit status: %v", err)
	return -1
}

// checkRestored checks that the restoring sequences came after the last
// frame, and that the emulator, the client's terminal, agrees.
func (st *sshTerm) checkRestored() {
	st.t.Helper()
	raw := st.rawText()
	i := strings.LastIndex(raw, seqAltOn)
	if i < 0 {
		st.t.Fatalf("the browser never took the alternate screen: %.200q", raw)
	}
	for _, seq := range []string{seqAltOff, seqMouseOff, seqCursorOn} {
		if !strings.Contains(raw[i:], seq) {
			st.t.Errorf("no %q after the last frame: %.300q", seq, raw[i:])
		}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.emu.IsAltScreen() || st.emu.CursorHidden() {
		st.t.Error("the client's terminal was left in the alternate screen or with the cursor hidden")
	}
}

// twoPanes reports whether the screen shows the list and the notes side
// by side: a list row, the pane border and notes to its right.
func twoPanes(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		if l, r, ok := strings.Cut(line, "│"); ok && strings.Contains(l, "Idiomatic Go Tricks") && strings.TrimSpace(r) != "" {
			return true
		}
	}
	return false
}

func TestServeBrowser(t *testing.T) {
	ts := startNotesServer(t, nil, serve.Config{})
	tm := openSSHTerm(t, sshDial(t, ts.addr), 80, 24)
	// 80 columns: the list alone.
	scr := tm.waitText("21 of 21 talks", "Keynote: SOLID Go design", "Dave Cheney")
	if twoPanes(scr) {
		t.Errorf("80 columns show two panes:\n%s", scr)
	}
	tm.resize(120, 40)
	tm.waitScreen("the list and the notes side by side", twoPanes)

	// o shows the link rather than opening anything on the server.
	tm.send("o")
	tm.waitText("Open the link shown: http://golanguk.com/speakers/#dave-cheney")
	// y copies the notes with OSC 52, to the client's own clipboard. The
	// sequence is Bubble Tea's to write, on its frame timer (10 times a
	// second in a session), the frame saying so the session's screen's:
	// the two come within 0.1 s, in either order.
	tm.send("y")
	tm.waitText("Copied the notes of")
	for deadline := time.Now().Add(sshWait); !strings.Contains(tm.rawText(), "\x1b]52;c;"); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("y sent no OSC 52 sequence to the client")
		}
	}
	// Typing a query a key at a time narrows the list.
	tm.send("/")
	for _, r := range "gomobile" {
		tm.send(string(r))
	}
	tm.waitText("gomobile", "Building Mobile SDKs with GoMobile")
	tm.send("\r") // enter: the query stays, the list has the keyboard
	tm.send("q")
	if st := tm.wait(); st != 0 {
		t.Errorf("exit status %d after q, want 0", st)
	}
	tm.checkRestored()
	ts.log.waitLine(t, "session end", "kind=pty", "exit=0", "reason=done")
	// The keys and the query typed are nobody's business but the reader's.
	if log := ts.log.String(); strings.Contains(log, "gomobile") || strings.Contains(log, "root") {
		t.Errorf("the log holds the query or the username:\n%s", log)
	}
}

func TestServeBrowserEnv(t *testing.T) {
	ts := startNotesServer(t, nil, serve.Config{})
	env := [][2]string{{"GLAMOUR_STYLE", "/etc/passwd"}, {"NO_COLOR", "1"}, {"LC_ALL", "C"}, {"BROWSER", "/bin/sh -c 'touch /tmp/x'"}}
	for i := range 1000 {
		env = append(env, [2]string{fmt.Sprintf("LC_X%d", i), "C"})
	}
	tm := openSSHTerm(t, sshDial(t, ts.addr), 120, 40, env...)
	// GLAMOUR_STYLE did not reach the renderer: the notes are rendered
	// (with no colour, as NO_COLOR asks) rather than an error about the
	// style.
	tm.send("\t")
	scr := tm.waitText("The SOLID principles")
	if strings.Contains(scr, "passwd") || strings.Contains(scr, "style") {
		t.Errorf("GLAMOUR_STYLE from the client reached the browser:\n%s", scr)
	}
	if hasColour(tm.rawText()) {
		t.Error("NO_COLOR=1 from the client, yet colours were sent")
	}
	tm.send("q")
	if st := tm.wait(); st != 0 {
		t.Errorf("exit %d", st)
	}
	ts.log.waitLine(t, "refused", `reason="environment requests over the limit"`)
}

func TestServeBrowserWindowSizes(t *testing.T) {
	// The clamp at the emulator's size, so the screen shows all the
	// server draws.
	ts := startNotesServer(t, nil, serve.Config{MaxWindow: serve.Window{Width: emuMaxW, Height: emuMaxH}})
	c := sshDial(t, ts.addr)
	tm := openSSHTerm(t, c, 0, 0) // "not said": 80x24
	tm.waitText("21 of 21 talks")
	tm.resize(65535, 65535) // drawn at the clamp
	tm.waitScreen("two panes at the largest size", func(s string) bool {
		return twoPanes(s) && strings.Count(s, "\n") == emuMaxH-1 && strings.Contains(s, "21 of 21 talks")
	})
	tm.resize(0, 0)
	tm.waitScreen("one pane again", func(s string) bool { return strings.Contains(s, "21 of 21 talks") && !twoPanes(s) })
	tm.resize(1, 1)
	tm.resize(120, 40)
	tm.waitScreen("two panes", twoPanes)
	tm.send("q")
	if st := tm.wait(); st != 0 {
		t.Errorf("exit %d", st)
	}
	tm.checkRestored()

	big := openSSHTerm(t, c, 65535, 65535)
	big.waitText("21 of 21 talks")
	big.send("q")
	if st := big.wait(); st != 0 {
		t.Errorf("65535x65535: exit %d", st)
	}

	if !*long {
		return
	}
	// The default clamp, 1000x500: the browser draws it, and quits.
	def := startNotesServer(t, nil, serve.Config{})
	huge := openSSHTerm(t, sshDial(t, def.addr), 65535, 65535)
	// Wider than the emulator: the header, at the right, is seen in the
	// stream rather than on the screen.
	deadline := time.Now().Add(sshWait)
	for !strings.Contains(huge.rawText(), "21 of 21 talks") {
		if time.Now().After(deadline) {
			t.Fatalf("no frame at 1000x500: %.300q", huge.rawText())
		}
		time.Sleep(10 * time.Millisecond)
	}
	huge.send("q")
	if st := huge.wait(); st != 0 {
		t.Errorf("65535x65535 at the default clamp: exit %d", st)
	}
	def.log.waitLine(t, "session end", "kind=pty", "exit=0")
}

func TestServeBrowserDropMidRender(t *testing.T) {
	ts := startNotesServer(t, nil, serve.Config{})
	c := sshDial(t, ts.addr)
	tm := openSSHTerm(t, c, 120, 40)
	tm.waitText("21 of 21 talks")
	// Keys that each draw the notes of another talk, and the client gone
	// while they are drawn.
	tm.send(strings.Repeat("j", 50) + "\t" + strings.Repeat(" ", 20))
	tm.resize(200, 60)
	c.Close()
	ts.log.waitLine(t, "session end", "kind=pty", `reason="client gone"`)
	// The server serves on.
	again := openSSHTerm(t, sshDial(t, ts.addr), 80, 24)
	again.waitText("21 of 21 talks")
	again.send("q")
	if st := again.wait(); st != 0 {
		t.Errorf("exit %d", st)
	}
}

func TestServeBrowserShutdown(t *testing.T) {
	n := 5
	if *long {
		n = 50
	}
	ts := startNotesServer(t, nil, serve.Config{MaxPerIP: 50, NewConnsPerIPPerSecond: 1000, NewConnsBurst: 50})
	terms := make([]*sshTerm, n)
	for i := range terms {
		terms[i] = openSSHTerm(t, sshDial(t, ts.addr), 80, 24)
	}
	for _, tm := range terms {
		tm.waitText("21 of 21 talks")
	}
	// What SIGTERM does, with its 10 s: the sessions end within it.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ts.srv.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown: %v: sessions were still open after 10 s", err)
	}
	for i, tm := range terms {
		if st := tm.wait(); st != 1 {
			t.Errorf("session %d: exit %d, want 1", i, st)
		}
		tm.checkRestored()
		raw := tm.rawText()
		if !strings.Contains(raw[strings.LastIndex(raw, seqAltOff):], "server restarting") {
			t.Errorf("session %d: no \"server restarting\" after the restore", i)
		}
	}
}

func TestServeReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.md")
	write := func(extra string) {
		t.Helper()
		md := "# Live notes\n\n## Opening keynote\n> Ann Speaker\n\n:five: :star: :star: :star: :star: :star:\n\n- notes so far\n" + extra
		if err := os.WriteFile(path, []byte(md), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("")
	a := &app{term: ui.Terminal{Env: ui.Env{}}, stderr: io.Discard, notesFile: path}
	ts := startNotesServer(t, a, serve.Config{})
	var terms []*sshTerm
	for range 3 {
		tm := openSSHTerm(t, sshDial(t, ts.addr), 100, 30)
		tm.waitText("1 of 1 talks", "Opening keynote")
		terms = append(terms, tm)
	}
	write("\n## Lightning talks\n> Many speakers\n\n:three: :star: :star: :star:\n\n- five minutes each\n")
	ts.reload() // what SIGHUP does
	ts.log.waitLine(t, "notes reloaded", "talks=2", "sessions=3")
	for _, tm := range terms {
		tm.waitText("2 of 2 talks", "Lightning talks")
	}
	// The sessions stay, and a new one starts with the new notes.
	terms[0].send("j")
	terms[0].waitText("Many speakers")
	fresh := openSSHTerm(t, sshDial(t, ts.addr), 100, 30)
	fresh.waitText("2 of 2 talks", "Lightning talks")
	out, _, code := sshRun(t, sshDial(t, ts.addr), "list")
	if code != 0 || !strings.Contains(out, "lightning-talks") {
		t.Errorf("list after the reload: exit %d, %q", code, out)
	}
	// Notes that no longer parse leave everyone with the last good ones.
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	ts.reload()
	ts.log.waitLine(t, "reload failed")
	for _, tm := range append(terms, fresh) {
		tm.send("q")
		if st := tm.wait(); st != 0 {
			t.Errorf("exit %d", st)
		}
	}
}

// sshRun runs a command without a terminal.
func sshRun(t testing.TB, c *ssh.Client, cmd string) (stdout, stderr string, code int) {
	t.Helper()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var o, e bytes.Buffer
	s.Stdout, s.Stderr = &o, &e
	err = s.Run(cmd)
	var ee *ssh.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.ExitStatus()
	default:
		t.Fatalf("%s: %v", cmd, err)
	}
	return o.String(), e.String(), code
}

func TestServeHostKeyRestart(t *testing.T) {
	key := filepath.Join(t.TempDir(), "state", "golanguk", "ssh_host_ed25519_key")
	first := startNotesServer(t, nil, serve.Config{HostKeyPath: key})
	seen := func(addr string) string {
		var fp string
		cfg := sshClientConfig()
		cfg.HostKeyCallback = func(_ string, _ net.Addr, k ssh.PublicKey) error { fp = ssh.FingerprintSHA256(k); return nil }
		c, err := ssh.Dial("tcp", addr, cfg)
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
		return fp
	}
	fp := seen(first.addr)
	if fp == "" || fp != first.srv.Fingerprint() {
		t.Fatalf("client saw %q, server says %q", fp, first.srv.Fingerprint())
	}
	first.srv.Shutdown(context.Background())
	second := startNotesServer(t, nil, serve.Config{HostKeyPath: key})
	if got := seen(second.addr); got != fp {
		t.Errorf("after a restart the client sees %s, before %s", got, fp)
	}
}

func TestServeLog(t *testing.T) {
	ts := startNotesServer(t, nil, serve.Config{MaxPerIP: 1})
	c := sshDial(t, ts.addr)
	tm := openSSHTerm(t, c, 80, 24)
	tm.waitText("21 of 21 talks")
	tm.send("/hunter2")
	tm.waitText("hunter2")
	// A second session from the same address, over the limit of 1.
	if _, errs, code := sshRun(t, sshDial(t, ts.addr), "about"); code != 1 || !strings.Contains(errs, "too many sessions from your address") {
		t.Errorf("second session: exit %d, %q", code, errs)
	}
	tm.send("\rq")
	tm.wait()
	// Its place is free once the channel has closed on both sides.
	deadline := time.Now().Add(sshWait)
	for {
		_, errs, code := sshRun(t, c, "list -q secretword")
		if code == 1 && strings.Contains(errs, "no talk matches") {
			break
		}
		if !strings.Contains(errs, "too many sessions") || time.Now().After(deadline) {
			t.Fatalf("list -q secretword: exit %d, %q; want 1 (no talk)", code, errs)
		}
		time.Sleep(10 * time.Millisecond)
	}
	c.Close()

	ts.log.waitLine(t, "msg=connect", "remote=127.0.0.1:")
	ts.log.waitLine(t, "session start", "remote=127.0.0.1:", "kind=command")
	ts.log.waitLine(t, "session end", "kind=command", "exit=1", "duration=", "bytes_out=")
	ts.log.waitLine(t, "session end", "kind=pty", "exit=0", "duration=", "bytes_in=", "bytes_out=")
	ts.log.waitLine(t, "refused", `reason="sessions: client full"`)
	ts.log.waitLine(t, "msg=disconnect", "duration=", "bytes_in=", "bytes_out=")
	log := ts.log.String()
	for _, secret := range []string{"secretword", "hunter2", "root"} {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds %q:\n%s", secret, log)
		}
	}
}

// TestServeOpenSSH is the end-to-end test: the real OpenSSH client
// (Debian's openssh-client; .ci/run installs it) in a pseudo-terminal,
// against golanguk serve's server, as a reader at the conference runs it.
func TestServeOpenSSH(t *testing.T) {
	sshPath, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("no ssh client here (apt-get install openssh-client)")
	}
	ts := startNotesServer(t, nil, serve.Config{})
	_, port, _ := net.SplitHostPort(ts.addr)
	// A home of its own: none of the keys or config of whoever runs this.
	tm, err := startTerm(t, 80, 24, []string{"HOME=" + t.TempDir()}, sshPath, "-tt", "-p", port, "-F", "/dev/null",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "127.0.0.1")
	if errors.Is(err, errNoPTY) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, scr, err := tm.waitFor(sshWait, containsAll("21 of 21 talks", "Keynote: SOLID Go design")); err != nil {
		t.Fatal(err)
	} else if twoPanes(scr) {
		t.Errorf("80 columns show two panes:\n%s", scr)
	}
	tm.mu.Lock()
	tm.emu.Resize(120, 40)
	tm.mu.Unlock()
	if err := pty.Setsize(tm.ptmx, &pty.Winsize{Cols: 120, Rows: 40}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := tm.waitFor(sshWait, twoPanes); err != nil {
		t.Fatal(err)
	}
	if err := tm.send("q"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-tm.exited:
	case <-time.After(sshWait):
		t.Fatalf("ssh did not exit after q; screen:\n%s", tm.screen())
	}
	if tm.exitErr != nil {
		t.Errorf("ssh after q: %v, want exit 0", tm.exitErr)
	}
	<-tm.done
	raw := tm.rawTail()
	i := strings.LastIndex(raw, seqAltOn)
	if i < 0 {
		t.Fatalf("no frame in the last of the output: %.300q", raw)
	}
	for _, seq := range []string{seqAltOff, seqMouseOff, seqCursorOn} {
		if !strings.Contains(raw[i:], seq) {
			t.Errorf("ssh's terminal did not get %q after the last frame: %.300q", seq, raw[i:])
		}
	}
	tm.mu.Lock()
	defer tm.mu.Unlock()
	if tm.emu.IsAltScreen() || tm.emu.CursorHidden() {
		t.Error("ssh's terminal was left in the alternate screen or with the cursor hidden")
	}
	ts.log.waitLine(t, "session end", "kind=pty", "exit=0")
}

// TestServeNoGoroutineLeak counts goroutines before the server starts
// and after it has shut down, with sessions of every kind in between:
// quit with q, dropped by the client mid-render, commands, one refused,
// and some still open at shutdown.
func TestServeNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()
	ts := startNotesServer(t, nil, serve.Config{MaxSessions: 6, MaxPerIP: 6})
	var clients []*ssh.Client
	var terms []*sshTerm
	for range 5 {
		c, err := ssh.Dial("tcp", ts.addr, sshClientConfig())
		if err != nil {
			t.Fatal(err)
		}
		clients = append(clients, c)
		tm := openSSHTerm(t, c, 100, 30)
		tm.waitText("21 of 21 talks")
		terms = append(terms, tm)
	}
	terms[0].send("q")
	terms[0].wait()
	terms[1].send(strings.Repeat("j", 30))
	clients[1].Close() // mid-render
	ts.log.waitLine(t, "session end", `reason="client gone"`)
	if _, _, code := sshRun(t, clients[2], "show 3"); code != 0 {
		t.Errorf("show 3: exit %d", code)
	}
	ts.log.waitLine(t, "session end", "kind=command", "exit=0")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ts.srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-ts.served; !errors.Is(err, serve.ErrServerClosed) {
		t.Errorf("Serve: %v", err)
	}
	ts.served <- serve.ErrServerClosed // for the cleanup
	for _, tm := range terms[2:] {
		tm.wait()
	}
	for _, c := range clients {
		c.Close()
	}
	for _, tm := range terms {
		tm.emu.InputPipe().(*io.PipeWriter).Close()
	}
	deadline := time.Now().Add(sshWait)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			var b strings.Builder
			pprof.Lookup("goroutine").WriteTo(&b, 1)
			t.Fatalf("%d goroutines before, %d after every session ended:\n%s", before, runtime.NumGoroutine(), b.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestServeBrowserGarbage sends the browser random bytes as keys (4 KiB,
// 256 KiB with -long; ui/serve's TestGarbage sends the server 1 MiB),
// none of them q or ctrl+c: whatever they make
// it do (search, scroll, copy, open the help), it must take them all,
// neither panic nor hang, and still quit on ctrl+c.
func TestServeBrowserGarbage(t *testing.T) {
	// The browser, not the input limit (TestInputRate), is under test.
	ts := startNotesServer(t, nil, serve.Config{InputRate: 1 << 30, InputBurst: 1 << 20})
	n := 4 << 10
	if *long {
		n = 256 << 10
	}
	junk := make([]byte, 0, n)
	r := rand.New(rand.NewPCG(1, 2)) // the same bytes every run
	for len(junk) < n {
		if b := byte(r.Uint32()); b != 'q' && b != 0x03 {
			junk = append(junk, b)
		}
	}
	c := sshDial(t, ts.addr)
	tm := openSSHTerm(t, c, 120, 40)
	tm.waitText("21 of 21 talks")
	written := make(chan error, 1)
	go func() { _, err := tm.in.Write(junk); written <- err }()
	select {
	case err := <-written:
		if err != nil {
			t.Fatalf("writing the garbage: %v", err)
		}
	case err := <-tm.exit:
		t.Fatalf("the browser ended on garbage: %v; log:\n%s", err, ts.log.String())
	case <-time.After(2 * time.Minute): // a hang guard
		t.Fatal("the server stopped reading the session's input")
	}
	// Past any half-typed sequence (the reader's 50 ms), ctrl+c quits,
	// once the browser has caught up with the keys before it.
	time.Sleep(100 * time.Millisecond)
	tm.send("\x03")
	select {
	case err := <-tm.exit:
		tm.exit <- err // for wait
	case <-time.After(2 * time.Minute): // a hang guard
		t.Fatalf("ctrl+c after the garbage did not end the session; screen:\n%s", tm.screen())
	}
	if st := tm.wait(); st != 0 {
		t.Errorf("exit %d after ctrl+c, want 0; log:\n%s", st, ts.log.String())
	}
	tm.checkRestored()
	if strings.Contains(ts.log.String(), "panicked") {
		t.Fatalf("the browser panicked on garbage:\n%s", ts.log.String())
	}
}

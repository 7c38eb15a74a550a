package serve_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"github.com/golanguk/golanguk/ui/serve"
)

func TestPTYSession(t *testing.T) {
	ts := startServer(t, serve.Config{})
	tm := openTerm(t, dial(t, ts.addr), termOpts{w: 80, h: 24})
	tm.waitScreen("size 80x24 keys 0")

	if err := tm.sess.WindowChange(30, 100); err != nil {
		t.Fatal(err)
	}
	tm.mu.Lock()
	tm.emu.Resize(100, 30)
	tm.mu.Unlock()
	tm.waitScreen("size 100x30")

	tm.send("ab")
	tm.waitScreen("keys 2")
	tm.send("q")
	if st := tm.wait(); st != 0 {
		t.Errorf("exit status %d after q, want 0", st)
	}
	tm.checkRestored()
	ts.log.waitLog(t, "session end", "kind=pty", "exit=0", "reason=done", "bytes_in=3")
}

// TestBackgroundAsked: a session's program learns the client terminal's
// background. Bubble Tea, which reads no input of its own in a session,
// skips its programs' queries, so the screen asks, once; the answer comes
// back with the keys as a tea.BackgroundColorMsg.
func TestBackgroundAsked(t *testing.T) {
	ts := startServer(t, serve.Config{})
	for _, c := range []struct{ name, answer, want string }{
		{"light", "\x1b]11;rgb:ffff/ffff/ffff\x07", "bg light"},
		{"dark", "\x1b]11;rgb:1e1e/1e1e/2e2e\x1b\\", "bg dark"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tm := openTerm(t, dial(t, ts.addr), termOpts{w: 80, h: 24})
			tm.waitScreen("size 80x24 keys 0")
			tm.mu.Lock()
			asked := strings.Count(tm.raw.String(), "\x1b]11;?\x07")
			tm.mu.Unlock()
			if asked != 1 {
				t.Fatalf("the terminal was asked for its background %d times, want once", asked)
			}
			tm.send(c.answer)
			tm.waitScreen(c.want)
			tm.send("q")
			if st := tm.wait(); st != 0 {
				t.Errorf("exit status %d after q, want 0", st)
			}
		})
	}
}

func TestCommand(t *testing.T) {
	var got struct {
		mu   sync.Mutex
		args []string
		env  []string
	}
	ts := startServer(t, serve.Config{
		Command: func(_ context.Context, args, env []string, stdout, stderr io.Writer) int {
			got.mu.Lock()
			got.args, got.env = args, env
			got.mu.Unlock()
			fmt.Fprintln(stdout, "talks: 3")
			fmt.Fprintln(stderr, "a warning")
			return 3
		},
	})
	out, errOut, status := run(t, dial(t, ts.addr), `list --json "two words"`)
	if out != "talks: 3\n" || errOut != "a warning\n" || status != 3 {
		t.Errorf("got stdout %q, stderr %q, status %d; want %q, %q, 3", out, errOut, status, "talks: 3\n", "a warning\n")
	}
	got.mu.Lock()
	defer got.mu.Unlock()
	if want := []string{"list", "--json", "two words"}; !slices.Equal(got.args, want) {
		t.Errorf("args %q, want %q", got.args, want)
	}
	if len(got.env) != 0 {
		t.Errorf("env %q, want none", got.env)
	}
	ts.log.waitLog(t, "session end", "kind=command", "exit=3")
}

func TestRefusals(t *testing.T) {
	ts := startServer(t, serve.Config{}) // a program and no commands
	c := dial(t, ts.addr)

	t.Run("shell without a terminal", func(t *testing.T) {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		var e strings.Builder
		sess.Stderr = &e
		if err := sess.Shell(); err != nil {
			t.Fatal(err)
		}
		if st := exitStatus(t, sess.Wait()); st != 1 {
			t.Errorf("exit status %d, want 1", st)
		}
		if want := "this server needs a terminal: connect with ssh -t, or give a command\r\n"; e.String() != want {
			t.Errorf("stderr %q, want %q", e.String(), want)
		}
	})
	t.Run("command with no command handler", func(t *testing.T) {
		_, errOut, st := run(t, c, "list")
		if st != 1 || !strings.Contains(errOut, "this server runs no commands") {
			t.Errorf("stderr %q, status %d", errOut, st)
		}
	})
	t.Run("subsystem", func(t *testing.T) {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		if err := sess.RequestSubsystem("sftp"); err == nil {
			t.Error("sftp subsystem accepted")
		}
	})
	t.Run("agent and X11 forwarding", func(t *testing.T) {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		for _, req := range []string{"auth-agent-req@openssh.com", "x11-req"} {
			ok, err := sess.SendRequest(req, true, nil)
			if err != nil || ok {
				t.Errorf("%s: ok %v, err %v; want refused", req, ok, err)
			}
		}
	})
	t.Run("port forwarding", func(t *testing.T) {
		if conn, err := c.Dial("tcp", ts.addr); err == nil {
			conn.Close()
			t.Error("direct-tcpip accepted")
		}
		if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
			ln.Close()
			t.Error("tcpip-forward accepted")
		}
	})
	ts.log.waitLog(t, "refused", "reason=subsystem")
	ts.log.waitLog(t, "refused", "reason=auth-agent-req@openssh.com")
	ts.log.waitLog(t, "refused", "reason=x11-req")
}

func TestMaxSessions(t *testing.T) {
	ts := startServer(t, serve.Config{MaxSessions: 2, MaxPerIP: 2})
	a := openTerm(t, dial(t, ts.addr), termOpts{w: 40, h: 10})
	b := openTerm(t, dial(t, ts.addr), termOpts{w: 40, h: 10})
	a.waitScreen("size 40x10")
	b.waitScreen("size 40x10")

	c := openTerm(t, dial(t, ts.addr), termOpts{w: 40, h: 10})
	if st := c.wait(); st != 1 {
		t.Errorf("third session: exit status %d, want 1", st)
	}
	if got, want := c.stderrText(), "too many sessions on this server: try again later\r\n"; got != want {
		t.Errorf("third session: stderr %q, want %q", got, want)
	}
	ts.log.waitLog(t, "refused", "reason=\"sessions: server full\"")

	a.send("q")
	if st := a.wait(); st != 0 {
		t.Errorf("exit status %d", st)
	}
	// Its place is free again once the channel has closed.
	d := openTermWhenFree(t, dial(t, ts.addr), termOpts{w: 40, h: 10})
	d.waitScreen("size 40x10")
}

// wait2 reports the session's end within d, or nil if it still runs.
func (tm *term) wait2(d time.Duration) error {
	select {
	case err := <-tm.exit:
		if err == nil {
			return errors.New("ended")
		}
		return err
	case <-time.After(d):
		return nil
	}
}

func TestMaxPerIP(t *testing.T) {
	ts := startServer(t, serve.Config{MaxSessions: 10, MaxPerIP: 1})
	c := dial(t, ts.addr)
	a := openTerm(t, c, termOpts{w: 40, h: 10})
	a.waitScreen("size 40x10")
	b := openTerm(t, dial(t, ts.addr), termOpts{w: 40, h: 10})
	if st := b.wait(); st != 1 {
		t.Errorf("second session: exit status %d, want 1", st)
	}
	if got, want := b.stderrText(), "too many sessions from your address (1): close one and try again\r\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
	// A second channel on the same connection counts the same.
	_, errOut, st := run(t, c, "about")
	if st != 1 || !strings.Contains(errOut, "too many sessions from your address") {
		t.Errorf("second channel: stderr %q, status %d", errOut, st)
	}
	ts.log.waitLog(t, "refused", "reason=\"sessions: client full\"")
}

func TestConnectionRate(t *testing.T) {
	ts := startServer(t, serve.Config{NewConnsPerIPPerSecond: 0.001, NewConnsBurst: 2})
	dial(t, ts.addr)
	dial(t, ts.addr)
	conn, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(waitLimit))
	b, err := io.ReadAll(conn)
	if err != nil {
		t.Fatalf("third connection not closed: %v", err)
	}
	if want := "too many new connections from your address: try again later\r\n"; string(b) != want {
		t.Errorf("third connection got %q, want %q", b, want)
	}
	if _, err := gossh.Dial("tcp", ts.addr, clientConfig()); err == nil {
		t.Error("fourth connection shook hands")
	}
	ts.log.waitLog(t, "refused", "reason=\"connection rate\"")
}

func TestConnectionCap(t *testing.T) {
	// Connections are capped at twice the sessions per client.
	ts := startServer(t, serve.Config{MaxPerIP: 1, HandshakeTimeout: waitLimit})
	for range 2 {
		conn, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if line, err := bufio.NewReader(conn).ReadString('\n'); err != nil || !strings.HasPrefix(line, "SSH-2.0-") {
			t.Fatalf("no SSH banner: %q, %v", line, err)
		}
	}
	conn, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(waitLimit))
	b, err := io.ReadAll(conn)
	if err != nil || string(b) != "too many connections: try again later\r\n" {
		t.Errorf("third connection got %q, %v", b, err)
	}
	ts.log.waitLog(t, "refused", "reason=\"connections: client full\"")
}

func TestHandshakeTimeout(t *testing.T) {
	ts := startServer(t, serve.Config{HandshakeTimeout: 50 * time.Millisecond})
	conn, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Never send a banner: the server must hang up.
	conn.SetReadDeadline(time.Now().Add(waitLimit))
	b, err := io.ReadAll(conn)
	if err != nil {
		t.Fatalf("connection still open: %v", err)
	}
	if !strings.HasPrefix(string(b), "SSH-2.0-") {
		t.Errorf("got %q before the close, want the server's banner", b)
	}
	ts.log.waitLog(t, "handshake failed", "remote="+conn.LocalAddr().String())
	ts.log.waitLog(t, "disconnect", "remote="+conn.LocalAddr().String())
}

func TestNoShellInTime(t *testing.T) {
	ts := startServer(t, serve.Config{HandshakeTimeout: 50 * time.Millisecond})
	c := dial(t, ts.addr)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- sess.Wait() }()
	select {
	case <-done:
	case <-time.After(waitLimit):
		t.Fatal("a session that asked for nothing was kept open")
	}
	ts.log.waitLog(t, "refused", "reason=\"no shell or command in time\"")
}

func TestIdleTimeout(t *testing.T) {
	ts := startServer(t, serve.Config{
		IdleTimeout: 500 * time.Millisecond,
		// Output all the time, which must not count as activity.
		Program: func(serve.Session) (tea.Model, []tea.ProgramOption) { return sizeModel{tick: true}, nil },
	})
	tm := openTerm(t, dial(t, ts.addr), termOpts{w: 60, h: 10})
	tm.waitScreen("ticks")
	// Input does count: keys for twice the timeout keep the session.
	for range 100 {
		if _, err := io.WriteString(tm.stdin, "k"); err != nil {
			t.Fatalf("session ended while typing: %v; log:\n%s", err, ts.log)
		}
		time.Sleep(10 * time.Millisecond)
	}
	tm.waitScreen("keys 100")
	if err := tm.wait2(0); err != nil {
		t.Fatalf("session ended while typing: %v", err)
	}
	if st := tm.wait(); st != 1 {
		t.Errorf("exit status %d, want 1", st)
	}
	tm.checkRestored()
	if tail := tm.rawTail(); !strings.Contains(tail, "session closed: no input for 500ms\r\n") {
		t.Errorf("no idle message after the restore: %q", tail)
	}
	ts.log.waitLog(t, "session end", "reason=idle")
}

func TestMaxSessionTime(t *testing.T) {
	ts := startServer(t, serve.Config{MaxSessionTime: 100 * time.Millisecond})
	tm := openTerm(t, dial(t, ts.addr), termOpts{w: 60, h: 10})
	if st := tm.wait(); st != 1 {
		t.Errorf("exit status %d, want 1", st)
	}
	tm.checkRestored()
	if tail := tm.rawTail(); !strings.Contains(tail, "session closed: it reached the time limit of 100ms\r\n") {
		t.Errorf("no time limit message after the restore: %q", tail)
	}
	ts.log.waitLog(t, "session end", "reason=\"session time limit\"")

	// A command's context is done at the limit.
	ts2 := startServer(t, serve.Config{MaxSessionTime: 50 * time.Millisecond,
		Command: func(ctx context.Context, _, _ []string, stdout, _ io.Writer) int {
			<-ctx.Done()
			fmt.Fprintln(stdout, "stopped")
			return 0
		}})
	out, errOut, st := run(t, dial(t, ts2.addr), "wait")
	if out != "stopped\n" || st != 1 || !strings.Contains(errOut, "time limit of 50ms") {
		t.Errorf("stdout %q, stderr %q, status %d", out, errOut, st)
	}
}

func TestWindowClamp(t *testing.T) {
	sizes := make(chan serve.Window, 4)
	ts := startServer(t, serve.Config{
		MaxWindow: serve.Window{Width: 300, Height: 100},
		Program: func(s serve.Session) (tea.Model, []tea.ProgramOption) {
			sizes <- s.Window()
			return sizeModel{}, nil
		},
	})
	c := dial(t, ts.addr)

	tm := openTerm(t, c, termOpts{w: 0, h: 0})
	if got, want := <-sizes, (serve.Window{Width: 80, Height: 24}); got != want {
		t.Errorf("0x0 pty: session window %v, want %v", got, want)
	}
	tm.mu.Lock()
	tm.emu.Resize(300, 100)
	tm.mu.Unlock()
	tm.waitScreen("size 80x24")
	if err := tm.sess.WindowChange(65535, 65535); err != nil {
		t.Fatal(err)
	}
	tm.waitScreen("size 300x100")
	if err := tm.sess.WindowChange(0, 0); err != nil {
		t.Fatal(err)
	}
	tm.waitScreen("size 80x24")
	tm.send("q")
	tm.wait()

	big := openTerm(t, c, termOpts{w: 65535, h: 65535})
	if got, want := <-sizes, (serve.Window{Width: 300, Height: 100}); got != want {
		t.Errorf("65535x65535 pty: session window %v, want %v", got, want)
	}
	big.send("q")
	if st := big.wait(); st != 0 {
		t.Errorf("exit %d", st)
	}
}

func TestEnvAllowList(t *testing.T) {
	sessions := make(chan serve.Session, 1)
	envs := make(chan []string, 1)
	ts := startServer(t, serve.Config{
		MaxEnv: 8,
		Program: func(s serve.Session) (tea.Model, []tea.ProgramOption) {
			sessions <- s
			return sizeModel{}, nil
		},
		Command: func(_ context.Context, _, env []string, _, _ io.Writer) int {
			envs <- env
			return 0
		},
	})
	c := dial(t, ts.addr)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	for _, kv := range [][2]string{
		{"GLAMOUR_STYLE", "/etc/passwd"}, {"HOME", "/"}, {"LD_PRELOAD", "/tmp/x.so"},
		{"LANG", "en_GB.UTF-8"}, {"LC_ALL", "C"}, {"NO_COLOR", "1"}, {"COLORTERM", "truecolor"},
		{"LC_CTYPE", "x\x1b]52;c;AAAA\x07"}, // not printable
	} {
		err := sess.Setenv(kv[0], kv[1])
		if allowed := !strings.ContainsAny(kv[1], "\x1b") && (kv[0] == "LANG" || strings.HasPrefix(kv[0], "LC_") || kv[0] == "NO_COLOR" || kv[0] == "COLORTERM"); allowed != (err == nil) {
			t.Errorf("setenv %s=%q: err %v", kv[0], kv[1], err)
		}
	}
	// The ninth is over MaxEnv, allow-listed or not.
	if err := sess.Setenv("LC_TIME", "C"); err == nil {
		t.Error("env request over MaxEnv accepted")
	}
	if err := sess.RequestPty("xterm-256color", 24, 80, nil); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	s := <-sessions
	want := []string{"LANG=en_GB.UTF-8", "LC_ALL=C", "NO_COLOR=1", "COLORTERM=truecolor", "TERM=xterm-256color"}
	if got := s.Environ(); !slices.Equal(got, want) {
		t.Errorf("Environ %q, want %q", got, want)
	}
	if s.Getenv("GLAMOUR_STYLE") != "" || s.Term() != "xterm-256color" || s.ColorTerm() != "truecolor" {
		t.Errorf("GLAMOUR_STYLE %q, TERM %q, COLORTERM %q", s.Getenv("GLAMOUR_STYLE"), s.Term(), s.ColorTerm())
	}
	ts.log.waitLog(t, "refused", "reason=\"environment requests over the limit\"")

	// Commands get the same list.
	cs, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	cs.Setenv("GLAMOUR_STYLE", "/etc/passwd")
	cs.Setenv("LANG", "C")
	if err := cs.Run("show 3"); err != nil {
		t.Fatal(err)
	}
	if got := <-envs; !slices.Equal(got, []string{"LANG=C"}) {
		t.Errorf("command env %q, want [LANG=C]", got)
	}
}

func TestTermSanitised(t *testing.T) {
	terms := make(chan string, 1)
	ts := startServer(t, serve.Config{Program: func(s serve.Session) (tea.Model, []tea.ProgramOption) {
		terms <- s.Term()
		return sizeModel{}, nil
	}})
	sess, err := dial(t, ts.addr).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := sess.RequestPty("xterm\x1b[31m", 24, 80, nil); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if got := <-terms; got != "dumb" {
		t.Errorf("TERM %q, want dumb", got)
	}
}

func TestSlowReader(t *testing.T) {
	type result struct {
		written int
		err     error
	}
	results := make(chan result, 1)
	ts := startServer(t, serve.Config{
		OutputBuffer: 64 << 10,
		WriteTimeout: 200 * time.Millisecond,
		Command: func(ctx context.Context, _, _ []string, stdout, _ io.Writer) int {
			chunk := make([]byte, 16<<10)
			n := 0
			for n < 64<<20 {
				m, err := stdout.Write(chunk)
				n += m
				if err != nil {
					results <- result{n, err}
					return 1
				}
			}
			results <- result{n, nil}
			return 0
		},
	})
	sess, err := dial(t, ts.addr).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if _, err := sess.StdoutPipe(); err != nil { // and never read
		t.Fatal(err)
	}
	if err := sess.Start("flood"); err != nil {
		t.Fatal(err)
	}
	var r result
	select {
	case r = <-results:
	case <-time.After(waitLimit):
		t.Fatal("the command is still writing to a client that does not read")
	}
	if r.err == nil {
		t.Fatalf("wrote all %d bytes to a client that does not read", r.written)
	}
	// The client's SSH window (2 MiB for x/crypto/ssh) plus the
	// server's buffer, and a chunk or two of slack.
	if limit := 2<<20 + 64<<10 + 32<<10; r.written > limit {
		t.Errorf("buffered %d bytes for a client that does not read, more than %d", r.written, limit)
	}
	ts.log.waitLog(t, "cut off", "reason=")
}

func TestGarbage(t *testing.T) {
	ts := startServer(t, serve.Config{})
	junk := make([]byte, 1<<20)
	rand.Read(junk)

	t.Run("before the handshake", func(t *testing.T) {
		conn, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(waitLimit))
		go conn.Write(junk) // the server may hang up before it is all sent
		if _, err := io.ReadAll(conn); err != nil && !isReset(err) {
			t.Fatalf("connection not closed: %v", err)
		}
	})
	t.Run("as terminal input", func(t *testing.T) {
		c := dial(t, ts.addr)
		tm := openTerm(t, c, termOpts{w: 40, h: 10})
		tm.waitScreen("size 40x10")
		written := make(chan error, 1)
		go func() { _, err := tm.stdin.Write(junk); written <- err }()
		select {
		case <-written: // the program may have quit on a 'q' in it
		case <-time.After(waitLimit):
			t.Fatal("the server stopped reading the session's input")
		}
		c.Close()
		ts.log.waitLog(t, "session end", "kind=pty")
	})
	t.Run("as a command", func(t *testing.T) {
		sess, err := dial(t, ts.addr).NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		if err := sess.Run(string(junk[:200<<10])); err == nil {
			t.Error("a 200 KiB command ran")
		}
	})
	// The server still serves.
	tm := openTerm(t, dial(t, ts.addr), termOpts{w: 40, h: 10})
	tm.waitScreen("size 40x10")
	tm.send("q")
	if st := tm.wait(); st != 0 {
		t.Errorf("exit %d", st)
	}
}

// isReset reports a TCP reset: the server hung up on bytes it had not
// read, which is a close too.
func isReset(err error) bool { return strings.Contains(err.Error(), "connection reset") }

func TestShutdown(t *testing.T) {
	started := make(chan struct{}, 8)
	ts := startServer(t, serve.Config{
		Program: sizeProgram,
		Command: func(ctx context.Context, _, _ []string, stdout, _ io.Writer) int {
			started <- struct{}{}
			<-ctx.Done()
			fmt.Fprintln(stdout, "bye")
			return 0
		},
	})
	var terms []*term
	for range 4 {
		tm := openTerm(t, dial(t, ts.addr), termOpts{w: 50, h: 10})
		tm.waitScreen("size 50x10")
		terms = append(terms, tm)
	}
	cmd := make(chan string, 1)
	go func() {
		c, err := gossh.Dial("tcp", ts.addr, clientConfig())
		if err != nil {
			cmd <- err.Error()
			return
		}
		defer c.Close()
		s, _ := c.NewSession()
		out, err := s.Output("wait")
		cmd <- fmt.Sprintf("%q %v", out, err)
	}()
	<-started
	// A connection that never shakes hands is closed too.
	raw, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	ts.log.waitLog(t, "connect", "remote="+raw.LocalAddr().String())
	// Nor does a session that has not asked for anything yet hold it up.
	if _, err := dial(t, ts.addr).NewSession(); err != nil {
		t.Fatal(err)
	}

	if err := ts.stop(t); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	for i, tm := range terms {
		if st := tm.wait(); st != 1 {
			t.Errorf("session %d: exit %d, want 1", i, st)
		}
		tm.checkRestored()
		if tail := tm.rawTail(); !strings.Contains(tail, "\r\nserver restarting\r\n") {
			t.Errorf("session %d: no restart message after the restore: %q", i, tail)
		}
	}
	if got, want := <-cmd, `"bye\n" Process exited with status 1`; got != want {
		t.Errorf("command: %s, want %s", got, want)
	}
	raw.SetReadDeadline(time.Now().Add(waitLimit))
	if _, err := io.ReadAll(raw); err != nil {
		t.Errorf("unshaken connection still open: %v", err)
	}
	if _, err := gossh.Dial("tcp", ts.addr, clientConfig()); err == nil {
		t.Error("a new connection was accepted after Shutdown")
	}
}

func TestShutdownDeadline(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	ts := startServer(t, serve.Config{
		Command: func(_ context.Context, _, _ []string, _, _ io.Writer) int {
			close(started)
			<-release // ignores its context
			return 0
		},
	})
	c := dial(t, ts.addr)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Start("hang"); err != nil {
		t.Fatal(err)
	}
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := ts.Shutdown(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Shutdown: %v, want the deadline", err)
	}
	done := make(chan error, 1)
	go func() { done <- sess.Wait() }()
	select {
	case <-done:
	case <-time.After(waitLimit):
		t.Error("the session's connection is still open after Shutdown's deadline")
	}
}

func TestHostKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "golanguk")
	path := filepath.Join(dir, "ssh_host_ed25519_key")
	ts := startServer(t, serve.Config{HostKeyPath: path})
	first := ts.Fingerprint()
	if !strings.HasPrefix(first, "SHA256:") {
		t.Errorf("fingerprint %q", first)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s: mode %04o, want %04o", p, fi.Mode().Perm(), want)
		}
	}
	ts.log.waitLog(t, "host key created", "fingerprint="+first)
	ts.log.waitLog(t, "listening", "fingerprint="+first)

	// The client sees that key.
	var seen string
	cfg := clientConfig()
	cfg.HostKeyCallback = func(_ string, _ net.Addr, key gossh.PublicKey) error {
		seen = gossh.FingerprintSHA256(key)
		return nil
	}
	c, err := gossh.Dial("tcp", ts.addr, cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if seen != first || seen == "" {
		t.Errorf("client saw host key %q, server logged %q", seen, first)
	}
	ts.stop(t)

	// A restart keeps it.
	again := startServer(t, serve.Config{HostKeyPath: path})
	if again.Fingerprint() != first {
		t.Errorf("after a restart the fingerprint is %s, was %s", again.Fingerprint(), first)
	}
	if strings.Contains(again.log.String(), "host key created") {
		t.Error("a new key was made on restart")
	}

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = serve.New(serve.Config{HostKeyPath: path, Program: sizeProgram})
	if err == nil || !strings.Contains(err.Error(), "mode 0644, open to group or others") {
		t.Errorf("0644 key: %v", err)
	}

	bad := filepath.Join(t.TempDir(), "bad")
	os.WriteFile(bad, []byte("not a key"), 0o600)
	if _, err := serve.New(serve.Config{HostKeyPath: bad, Program: sizeProgram}); err == nil {
		t.Error("a file that is not a key was taken as one")
	}
}

func TestConfigErrors(t *testing.T) {
	key := filepath.Join(t.TempDir(), "key")
	tests := []struct {
		name string
		cfg  serve.Config
		want string
	}{
		{"no host key", serve.Config{Program: sizeProgram}, "serve: HostKeyPath is empty"},
		{"no handler", serve.Config{HostKeyPath: key}, "serve: neither Program nor Command is set"},
		{"bad listen", serve.Config{HostKeyPath: key, Program: sizeProgram, Listen: "localhost"}, `serve: Listen "localhost"`},
		{"bad port", serve.Config{HostKeyPath: key, Program: sizeProgram, Listen: ":99999"}, `port "99999" is not a number from 0 to 65535`},
		{"negative sessions", serve.Config{HostKeyPath: key, Program: sizeProgram, MaxSessions: -1}, "serve: MaxSessions is -1: it must be positive (0 means 200)"},
		{"negative idle", serve.Config{HostKeyPath: key, Program: sizeProgram, IdleTimeout: -time.Second}, "serve: IdleTimeout is -1s: it must be positive (0 means 15m0s)"},
		{"negative rate", serve.Config{HostKeyPath: key, Program: sizeProgram, NewConnsPerIPPerSecond: -1}, "serve: NewConnsPerIPPerSecond is -1"},
		{"negative input rate", serve.Config{HostKeyPath: key, Program: sizeProgram, InputRate: -1}, "serve: InputRate is -1: it must be positive (0 means 1024)"},
		{"per IP over total", serve.Config{HostKeyPath: key, Program: sizeProgram, MaxSessions: 5, MaxPerIP: 6}, "serve: MaxPerIP (6) is more than MaxSessions (5)"},
		{"huge window", serve.Config{HostKeyPath: key, Program: sizeProgram, MaxWindow: serve.Window{Width: 70000, Height: 10}}, "serve: MaxWindow 70000x10: at most 65535x65535"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := serve.New(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New: %v, want an error with %q", err, tt.want)
			}
		})
	}
	if _, err := os.Stat(key); err == nil {
		t.Error("a bad config still made a host key")
	}
}

// panicModel panics on its first key.
type panicModel struct{ sizeModel }

func (m panicModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		panic("test panic")
	}
	next, cmd := m.sizeModel.Update(msg)
	return panicModel{next.(sizeModel)}, cmd
}

func TestProgramPanic(t *testing.T) {
	ts := startServer(t, serve.Config{Program: func(serve.Session) (tea.Model, []tea.ProgramOption) {
		return panicModel{}, nil
	}})
	c := dial(t, ts.addr)
	tm := openTerm(t, c, termOpts{w: 40, h: 10})
	tm.waitScreen("size 40x10")
	tm.send("x")
	if st := tm.wait(); st != 1 {
		t.Errorf("exit %d after a panic, want 1", st)
	}
	tm.checkRestored()
	ts.log.waitLog(t, "program panicked")
	// The server lives on.
	again := openTerm(t, c, termOpts{w: 40, h: 10})
	again.waitScreen("size 40x10")
}

func TestSend(t *testing.T) {
	ts := startServer(t, serve.Config{})
	if n := ts.Send(noteMsg("nobody")); n != 0 {
		t.Errorf("Send with no sessions went to %d programs", n)
	}
	var terms []*term
	for range 2 {
		tm := openTerm(t, dial(t, ts.addr), termOpts{w: 60, h: 10})
		tm.waitScreen("size 60x10")
		terms = append(terms, tm)
	}
	if n := ts.Send(noteMsg("reloaded")); n != 2 {
		t.Errorf("Send went to %d programs, want 2", n)
	}
	for _, tm := range terms {
		tm.waitScreen("note reloaded")
	}
	// The sessions go on after it.
	terms[0].send("k")
	terms[0].waitScreen("keys 1 note reloaded")
	terms[0].send("q")
	if st := terms[0].wait(); st != 0 {
		t.Errorf("exit %d", st)
	}
	deadline := time.Now().Add(waitLimit)
	for ts.Send(noteMsg("again")) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("a program that quit still gets messages")
		}
		time.Sleep(5 * time.Millisecond)
	}
	terms[1].waitScreen("note again")
}

// floodModel writes 16 KiB to its terminal every 10 ms (a clipboard
// sequence, as y does), and redraws every cell of its screen.
type floodModel struct {
	w, h, n int
}

func (m floodModel) Init() tea.Cmd { return tickCmd() }

var floodClip = strings.Repeat("x", 12<<10) // 16 KiB in base64

func (m floodModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tickMsg:
		m.n++
		return m, tea.Batch(tickCmd(), tea.SetClipboard(floodClip))
	}
	return m, nil
}

func (m floodModel) View() tea.View {
	line := strings.Repeat(string(rune('a'+m.n%26)), m.w)
	v := tea.NewView(strings.TrimSuffix(strings.Repeat(line+"\n", m.h), "\n"))
	v.AltScreen = true
	return v
}

func TestSlowReaderTerminal(t *testing.T) {
	ts := startServer(t, serve.Config{
		OutputBuffer: 64 << 10,
		WriteTimeout: 200 * time.Millisecond,
		Program:      func(serve.Session) (tea.Model, []tea.ProgramOption) { return floodModel{}, nil },
	})
	sess, err := dial(t, ts.addr).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := sess.RequestPty("xterm-256color", 200, 300, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := sess.StdoutPipe(); err != nil { // and never read
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	// 1.6 MiB a second: the client's window is full within seconds, and
	// then the server's buffer.
	ts.log.waitLog(t, "cut off", "reason=")
	ts.log.waitLog(t, "session end", "kind=pty", `reason="slow reader`)
	// What was sent is bounded by the client's SSH window (2 MiB for
	// x/crypto/ssh) and the server's buffer, with a write of slack.
	for _, line := range strings.Split(ts.log.String(), "\n") {
		if !strings.Contains(line, "session end") {
			continue
		}
		out := -1
		for _, f := range strings.Fields(line) {
			if v, ok := strings.CutPrefix(f, "bytes_out="); ok {
				fmt.Sscan(v, &out)
			}
		}
		if limit := 2<<20 + 64<<10 + 64<<10; out < 0 || out > limit {
			t.Errorf("sent %d bytes to a client that does not read, more than %d: %s", out, limit, line)
		}
	}
}

func TestInputRate(t *testing.T) {
	ts := startServer(t, serve.Config{InputRate: 200, InputBurst: 100})
	tm := openTerm(t, dial(t, ts.addr), termOpts{w: 40, h: 10})
	tm.waitScreen("size 40x10")
	start := time.Now()
	tm.send(strings.Repeat("k", 300))
	tm.waitScreen("keys 300")
	// 100 at once, then 200 a second: the 300th key cannot come in
	// under a second, however fast the machine. (A lower bound only: a
	// slow machine makes it later, never sooner.)
	if d := time.Since(start); d < 900*time.Millisecond {
		t.Errorf("300 keys read in %v at 200 a second after a burst of 100", d)
	}
	tm.send("q")
	if st := tm.wait(); st != 0 {
		t.Errorf("exit %d", st)
	}
}

func TestResizeRate(t *testing.T) {
	ts := startServer(t, serve.Config{Program: func(serve.Session) (tea.Model, []tea.ProgramOption) {
		return sizeModel{showResizes: true}, nil
	}})
	tm := openTerm(t, dial(t, ts.addr), termOpts{w: 40, h: 10})
	tm.waitScreen("size 40x10")
	start := time.Now()
	for i := range 200 {
		if err := tm.sess.WindowChange(10, 40+i%2); err != nil {
			t.Fatal(err)
		}
	}
	if err := tm.sess.WindowChange(12, 50); err != nil {
		t.Fatal(err)
	}
	scr := tm.waitScreen("size 50x12")
	elapsed := time.Since(start)
	var resizes int
	if i := strings.Index(scr, "resizes "); i >= 0 {
		fmt.Sscan(scr[i+len("resizes "):], &resizes)
	}
	// At most 20 a second, and the newest: however slow the machine, no
	// more than that many in the time it took (plus the first size).
	if limit := 2 + int(elapsed.Seconds()*20); resizes < 2 || resizes > limit {
		t.Errorf("%d window sizes reached the program in %v, want 2 to %d", resizes, elapsed, limit)
	}
}

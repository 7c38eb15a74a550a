package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	uv "github.com/charmbracelet/ultraviolet"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/time/rate"
)

const (
	// quitGrace is how long a program told to quit has before it is
	// killed (Kill restores the terminal too, without a last frame).
	quitGrace = 2 * time.Second
	// resizeRate is the most window sizes a second a program is given.
	resizeRate = 20
	// closeGrace is how long a client has to close a channel the server
	// has closed before its connection is dropped.
	closeGrace = 5 * time.Second
)

// sessionChannel is the "session" channel handler: it counts the session
// against the limits, refuses it with a message when they are full, and
// otherwise hands it to charm.land/ssh's session loop through the request
// filter.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	key := clientKey(conn.RemoteAddr())
	remote := conn.RemoteAddr().String()
	select {
	case <-s.shutdown:
		s.refuseChannel(conn, nc, remote, "shutting down", "server restarting")
		return
	default:
	}
	if ok, why := s.sessions.acquire(key); !ok {
		msg := "too many sessions on this server: try again later"
		if why == "client full" {
			msg = fmt.Sprintf("too many sessions from your address (%d): close one and try again", s.cfg.MaxPerIP)
		}
		s.refuseChannel(conn, nc, remote, "sessions: "+why, msg)
		return
	}
	defer s.sessions.release(key)

	st := &channelState{
		conn:        conn,
		key:         key,
		remote:      remote,
		resized:     make(chan struct{}, 1),
		closed:      make(chan struct{}),
		handlerDone: make(chan struct{}),
	}
	cctx := &channelContext{Context: ctx, st: st, vals: map[any]any{}}
	ssh.DefaultSessionHandler(srv, conn, &filteredChannel{NewChannel: nc, s: s, st: st}, cctx)
	close(st.closed)
	if st.started.Load() {
		<-st.handlerDone
	}
}

// refuseChannel tells a client why it cannot have a session: it accepts
// the channel, waits for the shell or command request, writes msg to
// stderr and exits 1. With too many refusals under way it rejects the
// channel instead (ssh shows the reason too, less plainly).
func (s *Server) refuseChannel(conn *gossh.ServerConn, nc gossh.NewChannel, remote, reason, msg string) {
	s.log.Info("refused", "remote", remote, "reason", reason)
	select {
	case s.refusing <- struct{}{}:
		defer func() { <-s.refusing }()
	default:
		_ = nc.Reject(gossh.ResourceShortage, msg)
		return
	}
	ch, reqs, err := nc.Accept()
	if err != nil {
		return
	}
	t := time.AfterFunc(s.cfg.HandshakeTimeout, func() { _ = conn.Close() })
	defer t.Stop()
	said := false
	for req := range reqs {
		switch req.Type {
		case "pty-req", "env":
			_ = req.Reply(true, nil) // so ssh says nothing but msg
		case "shell", "exec":
			if said {
				_ = req.Reply(false, nil)
				continue
			}
			said = true
			_ = req.Reply(true, nil)
			_, _ = fmt.Fprintf(ch.Stderr(), "%s\r\n", msg)
			_, _ = ch.SendRequest("exit-status", false, gossh.Marshal(struct{ Status uint32 }{1}))
			_ = ch.Close()
		default:
			_ = req.Reply(false, nil)
		}
	}
}

// ending records why the server ended a session; the first reason wins.
type ending struct {
	mu     sync.Mutex
	reason string // for the log
	msg    string // for the client; "" when it is gone
}

func (e *ending) set(reason, msg string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.reason == "" {
		e.reason, e.msg = reason, msg
	}
}

func (e *ending) get() (reason, msg string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.reason, e.msg
}

// input counts a session's input and notes when it last came. With a
// limiter it is read no faster than the limiter allows: the client's SSH
// window then fills, and it waits.
type input struct {
	r   io.Reader
	st  *channelState
	n   atomic.Int64
	ctx context.Context
	lim *rate.Limiter
}

func (i *input) Read(p []byte) (int, error) {
	if i.lim != nil && len(p) > i.lim.Burst() {
		p = p[:i.lim.Burst()]
	}
	n, err := i.r.Read(p)
	if n > 0 {
		i.st.lastInput.Store(time.Now().UnixNano())
		i.n.Add(int64(n))
		if i.lim != nil {
			_ = i.lim.WaitN(i.ctx, n) // fails only when the session ends
		}
	}
	return n, err
}

// handleSession is the ssh.Handler: it runs a command, or a program for
// a terminal, or refuses the session.
func (s *Server) handleSession(sess ssh.Session) {
	st, _ := sess.Context().Value(stateKey{}).(*channelState)
	if st == nil { // not a channel sessionChannel made
		_ = sess.Exit(1)
		return
	}
	defer close(st.handlerDone)
	s.running.Add(1)
	defer s.running.Add(-1)
	select {
	case <-s.shutdown:
		s.refuse(sess, st, "shutting down", "server restarting")
		return
	default:
	}
	start := time.Now()
	st.lastInput.Store(start.UnixNano())
	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()

	fp := ""
	if pk := sess.PublicKey(); pk != nil {
		fp = gossh.FingerprintSHA256(pk)
	}
	args := sess.Command()
	kind := "command"
	switch {
	case len(args) > 0 && s.cfg.Command == nil:
		s.refuse(sess, st, "commands not served", "this server runs no commands: connect with ssh -t and no command")
		return
	case len(args) > 0:
	case !st.hasPty():
		s.refuse(sess, st, "shell without a terminal", "this server needs a terminal: connect with ssh -t, or give a command")
		return
	case s.cfg.Program == nil:
		s.refuse(sess, st, "programs not served", "this server runs commands only: give one, such as --help")
		return
	default:
		kind = "pty"
	}
	s.log.Info("session start", "remote", st.remote, "key", fp, "kind", kind)

	end := &ending{}
	var status int
	var in, out int64
	if kind == "pty" {
		status, in, out = s.runProgram(ctx, sess, st, fp, end)
	} else {
		status, in, out = s.runCommand(ctx, sess, st, args, fp, end)
	}
	reason, _ := end.get()
	if reason == "" {
		reason = "done"
	}
	s.log.Info("session end", "remote", st.remote, "key", fp, "kind", kind,
		"duration", time.Since(start).Round(time.Millisecond), "bytes_in", in, "bytes_out", out,
		"exit", status, "reason", reason)
	_ = sess.Exit(status)

	// A client that does not answer the close keeps its place among the
	// sessions until its connection goes: make that soon.
	t := time.AfterFunc(closeGrace, func() { _ = st.conn.Close() })
	go func() {
		<-st.closed
		t.Stop()
	}()
}

func (s *Server) refuse(sess ssh.Session, st *channelState, reason, msg string) {
	s.log.Info("refused", "remote", st.remote, "reason", reason)
	_, _ = fmt.Fprintf(sess.Stderr(), "%s\r\n", msg)
	_ = sess.Exit(1)
}

// cutter returns what output calls to cut a client off: it drops the
// whole connection, which also unblocks a write stuck on it.
func (s *Server) cutter(st *channelState, end *ending) func(string) {
	return func(why string) {
		end.set("slow reader: "+why, "")
		s.log.Info("cut off", "remote", st.remote, "reason", why)
		_ = st.conn.Close()
	}
}

func (s *Server) runProgram(ctx context.Context, sess ssh.Session, st *channelState, fp string, end *ending) (status int, in, out int64) {
	info := st.session(ctx, fp)
	m, opts := s.cfg.Program(info)
	if m == nil {
		s.refuse(sess, st, "program refused", "no program for this session")
		return 1, 0, 0
	}
	o := newOutput(sess, s.cfg.OutputBuffer, s.cfg.WriteTimeout, s.cutter(st, end))
	i := &input{r: sess, st: st, ctx: ctx, lim: rate.NewLimiter(rate.Limit(s.cfg.InputRate), s.cfg.InputBurst)}
	win := info.Window()
	opts = append(opts[:len(opts):len(opts)],
		// No input of Bubble Tea's own: its reader (ultraviolet's
		// StreamEvents) sends the events of a read after the program has
		// ended, on a channel nobody reads then, and a client that typed
		// ahead, or left half an escape sequence, leaked a goroutine and
		// its session for good. The same reader runs here instead
		// (forwardInput), its events given to the program with Send,
		// which gives up once the program has ended.
		tea.WithInput(nil),
		tea.WithOutput(o),
		// The session's screen draws the frames (screen.go). Bubble Tea's
		// frame timer then only sends what it writes itself (an OSC 52
		// copy): 10 times a second, not 60, for 200 sessions doing
		// nothing was 0.13 of a core.
		tea.WithoutRenderer(),
		tea.WithFPS(10),
		tea.WithEnvironment(info.Environ()),
		tea.WithWindowSize(win.Width, win.Height),
		tea.WithColorProfile(info.ColorProfile()),
		tea.WithoutSignalHandler(),
		// Suspending would stop the whole server (SIGTSTP to itself).
		tea.WithFilter(func(_ tea.Model, msg tea.Msg) tea.Msg {
			if _, ok := msg.(tea.SuspendMsg); ok {
				return nil
			}
			return msg
		}),
	)
	running := make(chan struct{})
	done := make(chan struct{})
	var p *tea.Program
	// Program.Kill races with Run's start-up: wait until the model's Init,
	// which Run calls once its input and renderer are set up.
	kill := func() {
		select {
		case <-running:
			p.Kill()
		case <-done:
		}
	}
	scr := newScreen(o, info.ColorProfile(), s.colours, o.waiting, s.cfg.OutputBuffer/4, func(r any) {
		// A bug of the screen's ends its session, not the server.
		s.log.Error("screen panicked", "remote", st.remote, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		kill()
	})
	drawn := drawnModel{Model: startedModel{Model: m, started: func() { close(running) }}, scr: scr, w: win.Width, h: win.Height}
	p = tea.NewProgram(drawn, opts...)
	s.mu.Lock()
	s.progs[p] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.progs, p)
		s.mu.Unlock()
	}()

	go func() {
		for {
			select {
			case <-done:
				return
			case <-st.resized:
				w := st.window()
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
				// Each size lays the screen out again: a client that
				// sends sizes without end gets at most resizeRate a
				// second, the newest of those it sent meanwhile.
				select {
				case <-done:
					return
				case <-time.After(time.Second / resizeRate):
				}
			}
		}
	}()
	go s.supervise(st, end, p.Quit, kill, done)
	go forwardInput(ctx, i, info.Term(), p.Send, done)

	_, err := p.Run()
	close(done)
	scr.close()
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		s.log.Warn("program failed", "remote", st.remote, "err", err.Error())
		status = 1
	}
	if errors.Is(err, tea.ErrProgramPanic) {
		// Bubble Tea has restored the terminal and printed the panic on
		// the process's stderr.
		s.log.Error("program panicked", "remote", st.remote)
		status = 1
	}
	if reason, msg := end.get(); reason != "" {
		status = 1
		if msg != "" {
			// After the program: its last act restored the main screen,
			// where this stays for the client to read.
			_, _ = fmt.Fprintf(o, "\r\n%s\r\n", msg)
		}
	}
	_ = o.Close()
	return status, i.n.Load(), o.sent.Load()
}

// forwardInput reads a session's input as Bubble Tea would, into events
// (keys, mouse, pastes, the terminal's answers), and sends them to the
// program until done. It returns once the input ends (the session's
// channel closes soon after the program): events read after done are
// dropped, and nothing is left blocked.
func forwardInput(ctx context.Context, in io.Reader, term string, send func(tea.Msg), done <-chan struct{}) {
	rd := uv.NewTerminalReader(in, term)
	events := make(chan uv.Event)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	streamed := make(chan struct{})
	go func() {
		defer close(streamed)
		_ = rd.StreamEvents(ctx, events) // returns at EOF, or when ctx is done and its read returns
	}()
	ended := false
	for {
		select {
		case ev := <-events:
			if !ended {
				send(ev) // Bubble Tea turns it into its message, as for its own reader
			}
		case <-done:
			ended = true
			done = nil // the events read from now on are drained above
			cancel()
		case <-streamed:
			return
		}
	}
}

// startedModel tells when Run has called its Init.
type startedModel struct {
	tea.Model
	started func()
}

func (m startedModel) Init() tea.Cmd {
	m.started()
	return m.Model.Init()
}

func (s *Server) runCommand(ctx context.Context, sess ssh.Session, st *channelState, args []string, fp string, end *ending) (status int, in, out int64) {
	info := st.session(ctx, fp)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stdout := newOutput(sess, s.cfg.OutputBuffer, s.cfg.WriteTimeout, s.cutter(st, end))
	stderr := newOutput(sess.Stderr(), s.cfg.OutputBuffer, s.cfg.WriteTimeout, s.cutter(st, end))
	done := make(chan struct{})
	go s.supervise(st, end, cancel, func() { _ = sess.Close() }, done)

	status = func() (status int) {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("command panicked", "remote", st.remote, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				status = 1
			}
		}()
		return s.cfg.Command(ctx, args, info.Environ(), stdout, stderr)
	}()
	close(done)
	if status < 0 || status > 255 {
		status = 255
	}
	if reason, msg := end.get(); reason != "" {
		if status == 0 {
			status = 1
		}
		if msg != "" {
			_, _ = fmt.Fprintf(stderr, "%s\n", msg)
		}
	}
	_ = stdout.Close()
	_ = stderr.Close()
	return status, 0, stdout.sent.Load() + stderr.sent.Load()
}

// supervise ends a session when the server must: shutdown, the idle
// timeout (input only: output does not count), the session time limit,
// or the client gone. It calls quit, and kill if the session has not
// ended within quitGrace; it returns when done is closed.
func (s *Server) supervise(st *channelState, end *ending, quit, kill func(), done <-chan struct{}) {
	idle := s.cfg.IdleTimeout
	it := time.NewTimer(idle)
	defer it.Stop()
	mt := time.NewTimer(s.cfg.MaxSessionTime)
	defer mt.Stop()
	for {
		select {
		case <-done:
			return
		case <-st.closed:
			end.set("client gone", "")
			kill()
			return
		case <-s.shutdown:
			end.set("shutdown", "server restarting")
		case <-mt.C:
			end.set("session time limit", fmt.Sprintf("session closed: it reached the time limit of %v", s.cfg.MaxSessionTime))
		case <-it.C:
			if rest := idle - time.Since(time.Unix(0, st.lastInput.Load())); rest > 0 {
				it.Reset(rest)
				continue
			}
			end.set("idle", fmt.Sprintf("session closed: no input for %v", idle))
		}
		quit()
		g := time.NewTimer(quitGrace)
		defer g.Stop()
		select {
		case <-done:
		case <-st.closed:
			kill()
		case <-g.C:
			kill()
		}
		return
	}
}

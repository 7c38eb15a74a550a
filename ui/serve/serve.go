// Package serve is an SSH server for terminal programs: every session
// with a terminal gets its own Bubble Tea program, and a session that
// gives a command gets it run, with its exit status sent back. It is
// built to face the open internet: it limits sessions in all and per
// client, new connections per client, handshake, idle and session time,
// window sizes and environment requests, and it cuts off a client that
// does not read. It refuses port, agent and X11 forwarding and
// subsystems (sftp).
//
// The caller decides what runs (Config.Program, Config.Command) and
// passes everything else in Config; serve reads nothing from the process
// (no environment, no standard streams, no signals).
//
// A session's exit status is its command's, 0 when a program quits, and
// 1 when the server refused or ended the session (limits, timeouts,
// shutdown), after a line that says why: on stderr for a refusal or a
// command, on the restored main screen for a program.
//
// Authentication: any public key (its SHA-256 fingerprint is logged and
// given to the handlers) and keyboard-interactive with no questions, so
// anyone may connect. The "none" method is not offered, so a client that
// holds a key offers it first. The username is ignored and never logged.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"
)

// ErrServerClosed is what Serve returns after Shutdown.
var ErrServerClosed = errors.New("serve: server closed")

// Server is an SSH server. Make one with New.
type Server struct {
	cfg         Config
	log         *slog.Logger
	ssh         *ssh.Server
	fingerprint string

	sessions *counter     // session channels
	running  atomic.Int64 // sessions past their shell or exec request
	conns    *counter     // TCP connections, before and after the handshake
	rates    *rateLimits  // new TCP connections per client
	refusing chan struct{}

	shutdown     chan struct{} // closed when Shutdown starts
	shutdownOnce sync.Once

	mu    sync.Mutex
	lns   map[net.Listener]struct{}
	open  map[*trackedConn]struct{}
	progs map[*tea.Program]struct{} // the sessions' programs, running or starting

	colours *lineCache // the lines the sessions' screens drew, in their colour profiles
}

// refusalSlots bounds the sessions being refused with a message at once;
// past it, a session over the limits is refused without one.
const refusalSlots = 64

// New checks cfg, loads or creates the host key and returns a server
// that is not yet listening.
func New(cfg Config) (*Server, error) {
	cfg, err := cfg.resolve()
	if err != nil {
		return nil, err
	}
	signer, created, err := loadHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:         cfg,
		log:         cfg.Logger,
		fingerprint: gossh.FingerprintSHA256(signer.PublicKey()),
		sessions:    newCounter(cfg.MaxSessions, cfg.MaxPerIP),
		// A connection holds no session while it shakes hands or between
		// sessions: allow twice as many as sessions, so the refusal of a
		// session over its limit can still be said in a message.
		conns:    newCounter(2*cfg.MaxSessions, 2*cfg.MaxPerIP),
		rates:    newRateLimits(cfg.NewConnsPerIPPerSecond, cfg.NewConnsBurst),
		refusing: make(chan struct{}, refusalSlots),
		shutdown: make(chan struct{}),
		lns:      map[net.Listener]struct{}{},
		open:     map[*trackedConn]struct{}{},
		progs:    map[*tea.Program]struct{}{},
		colours:  newLineCache(),
	}
	if created {
		s.log.Info("host key created", "path", cfg.HostKeyPath, "fingerprint", s.fingerprint)
	}

	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Listen),
		func(srv *ssh.Server) error { srv.AddHostKey(signer); return nil },
	)
	if err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	}
	srv.Handler = s.handleSession
	srv.HandshakeTimeout = cfg.HandshakeTimeout
	// Backstops only: the session's own timers end it cleanly first.
	// The connection's idle deadline counts output too, so it is set
	// well past the session's, and the absolute one past the session's
	// time plus the handshake.
	srv.IdleTimeout = 2 * cfg.IdleTimeout
	srv.MaxTimeout = cfg.MaxSessionTime + cfg.HandshakeTimeout + quitGrace + cfg.WriteTimeout
	srv.ConnCallback = s.accept
	srv.ConnectionFailedCallback = func(c net.Conn, err error) {
		s.log.Info("handshake failed", "remote", c.RemoteAddr().String(), "err", err.Error())
	}
	srv.PublicKeyHandler = func(ssh.Context, ssh.PublicKey) bool { return true }
	srv.KeyboardInteractiveHandler = func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return true }
	srv.PasswordHandler = nil
	srv.LocalPortForwardingCallback = nil
	srv.ReversePortForwardingCallback = nil
	srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
	srv.RequestHandlers = map[string]ssh.RequestHandler{}
	srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.sessionChannel}
	s.ssh = srv
	return s, nil
}

// Fingerprint is the SHA-256 fingerprint of the host key, as ssh shows
// it ("SHA256:...").
func (s *Server) Fingerprint() string { return s.fingerprint }

// Send gives msg to the program of every session that runs one, as
// tea.Program.Send does, and returns how many it went to. It does not
// wait for them to take it: each program gets it in its turn. A caller
// that loaded its data again (golanguk serve on SIGHUP) tells the
// sessions open so; those opened later start with what Program gives.
func (s *Server) Send(msg tea.Msg) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	for p := range s.progs {
		go p.Send(msg) // returns once the program takes it or has ended
	}
	return len(s.progs)
}

// ListenAndServe listens on Config.Listen and serves until Shutdown.
func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return s.Serve(ln)
}

// Serve serves on ln until Shutdown, when it returns ErrServerClosed.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	select {
	case <-s.shutdown:
		s.mu.Unlock()
		ln.Close()
		return ErrServerClosed
	default:
	}
	s.lns[ln] = struct{}{}
	s.mu.Unlock()
	s.log.Info("listening", "addr", ln.Addr().String(), "fingerprint", s.fingerprint,
		"max_sessions", s.cfg.MaxSessions, "max_per_ip", s.cfg.MaxPerIP)
	err := s.ssh.Serve(ln)
	select {
	case <-s.shutdown:
		return ErrServerClosed
	default:
		return err
	}
}

// Shutdown stops accepting, ends every session (a program is told to
// quit, so its client's terminal is restored, and then sees why), waits
// for them to end or ctx to be done, and then closes every connection
// still open. It returns ctx's error if the sessions had not all ended
// by then.
//
// It does not use charm.land/ssh's Server.Shutdown, whose wait for
// connections races with a handshake finishing meanwhile.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.shutdownOnce.Do(func() { close(s.shutdown) })
	for ln := range s.lns {
		ln.Close()
		delete(s.lns, ln)
	}
	s.mu.Unlock()
	s.log.Info("shutting down", "sessions", s.sessions.count())

	// Wait for the sessions that run something; one that has not asked
	// for a shell or command yet is closed with the rest.
	var err error
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for s.running.Load() > 0 && err == nil {
		select {
		case <-tick.C:
		case <-ctx.Done():
			err = ctx.Err()
		}
	}
	s.closeAll()
	_ = s.ssh.Close()
	return err
}

func (s *Server) closeAll() {
	s.mu.Lock()
	conns := make([]*trackedConn, 0, len(s.open))
	for c := range s.open {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	for _, c := range conns {
		c.Close()
	}
}

// accept is the ssh.ConnCallback: it sees every TCP connection before the
// handshake and refuses those over the connection limits.
func (s *Server) accept(_ ssh.Context, c net.Conn) net.Conn {
	key := clientKey(c.RemoteAddr())
	remote := c.RemoteAddr().String()
	refuse := func(reason, msg string) net.Conn {
		s.log.Info("refused", "remote", remote, "reason", reason)
		// Before the version line the server may send other lines
		// (RFC 4253 §4.2); ssh shows none of them, nc does.
		_ = c.SetWriteDeadline(time.Now().Add(time.Second))
		_, _ = c.Write([]byte(msg + "\r\n"))
		_ = c.Close()
		return nil
	}
	select {
	case <-s.shutdown:
		return refuse("shutting down", "server restarting")
	default:
	}
	if !s.rates.allow(key) {
		return refuse("connection rate", "too many new connections from your address: try again later")
	}
	if ok, why := s.conns.acquire(key); !ok {
		return refuse("connections: "+why, "too many connections: try again later")
	}
	s.log.Info("connect", "remote", remote)
	tc := &trackedConn{Conn: c, s: s, key: key, remote: remote, start: time.Now()}
	s.mu.Lock()
	s.open[tc] = struct{}{}
	s.mu.Unlock()
	return tc
}

// trackedConn counts a connection's bytes and gives its place back when
// it closes.
type trackedConn struct {
	net.Conn
	s       *Server
	key     string
	remote  string
	start   time.Time
	in, out atomic.Int64
	once    sync.Once
}

func (c *trackedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.in.Add(int64(n))
	return n, err
}

func (c *trackedConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.out.Add(int64(n))
	return n, err
}

func (c *trackedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() {
		c.s.mu.Lock()
		delete(c.s.open, c)
		c.s.mu.Unlock()
		c.s.conns.release(c.key)
		c.s.log.Info("disconnect", "remote", c.remote, "duration", time.Since(c.start).Round(time.Millisecond),
			"bytes_in", c.in.Load(), "bytes_out", c.out.Load())
	})
	return err
}

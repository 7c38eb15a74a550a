package serve

import (
	"context"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/colorprofile"
	gossh "golang.org/x/crypto/ssh"
)

// ProgramHandler makes the Bubble Tea program for a session with a
// terminal. The server adds the options that tie the program to the
// session (input, output, environment, size, colour profile, no signal
// handler, no suspend) after the ones returned, so those win. A nil
// model refuses the session.
type ProgramHandler func(s Session) (tea.Model, []tea.ProgramOption)

// CommandHandler runs a command a client gave (ssh host list --json:
// args is ["list", "--json"]). env is the allow-listed environment.
// Its result is the SSH exit status. ctx is done when the session must
// end (shutdown, time limits, the client gone); a handler should return
// soon after.
type CommandHandler func(ctx context.Context, args []string, env []string, stdout, stderr io.Writer) int

// Session is what a ProgramHandler learns about its session. Everything
// in it came from the client and passed the server's checks: the window
// is clamped, TERM is a plain name, and the environment holds only
// allow-listed variables.
type Session struct {
	ctx       context.Context
	remote    net.Addr
	win       Window
	term      string
	colorTerm string
	env       []string
	key       string
}

// Context is done when the session ends.
func (s Session) Context() context.Context { return s.ctx }

// RemoteAddr is the client's address.
func (s Session) RemoteAddr() net.Addr { return s.remote }

// Window is the terminal size the client asked with, clamped; later
// sizes reach the program as tea.WindowSizeMsg, clamped the same way.
func (s Session) Window() Window { return s.win }

// Term is the client's TERM, or "dumb" if it sent none that looks like one.
func (s Session) Term() string { return s.term }

// ColorTerm is the client's COLORTERM, if it sent one.
func (s Session) ColorTerm() string { return s.colorTerm }

// Environ is the session's environment: TERM, COLORTERM, NO_COLOR, LANG
// and LC_* as the client sent them, nothing else.
func (s Session) Environ() []string { return append([]string(nil), s.env...) }

// Getenv is the value of key in Environ, or "".
func (s Session) Getenv(key string) string { return getenv(s.env, key) }

// ColorProfile is the colour profile the session's TERM, COLORTERM and
// NO_COLOR call for; the server gives it to the program too.
func (s Session) ColorProfile() colorprofile.Profile { return colorprofile.Env(s.env) }

// KeyFingerprint is the SHA-256 fingerprint of the public key the client
// authenticated with, or "" if it used none. Anyone may make a key: it
// tells sessions apart, it does not say who someone is.
func (s Session) KeyFingerprint() string { return s.key }

func getenv(env []string, key string) string {
	for i := len(env) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(env[i], "="); ok && k == key {
			return v
		}
	}
	return ""
}

// allowedEnv reports whether a client's variable may reach a handler:
// the allow-listed names, with short printable values.
func allowedEnv(key, value string) bool {
	switch {
	case key == "TERM", key == "COLORTERM", key == "NO_COLOR", key == "LANG":
	case strings.HasPrefix(key, "LC_") && len(key) <= 32 && strings.Trim(key[3:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == "":
	default:
		return false
	}
	return len(value) <= 256 && printable(value)
}

func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// cleanTerm keeps a TERM that is a plain terminal name.
func cleanTerm(t string) string {
	if t == "" || len(t) > 64 || strings.Trim(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_+") != "" {
		return "dumb"
	}
	return t
}

// channelState is the server's view of one session channel, from its
// opening to its close.
type channelState struct {
	conn    *gossh.ServerConn
	key     string // clientKey
	remote  string
	resized chan struct{} // a new window size is waiting

	started     atomic.Bool   // a shell or command was asked for
	closed      chan struct{} // the channel is gone
	handlerDone chan struct{} // the session handler returned
	lastInput   atomic.Int64  // unix nanoseconds

	mu   sync.Mutex
	pty  bool
	term string
	win  Window
	env  []string
}

func (st *channelState) setEnv(key, value string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	kv := key + "=" + value
	for i, e := range st.env {
		if strings.HasPrefix(e, key+"=") {
			st.env[i] = kv
			return
		}
	}
	st.env = append(st.env, kv)
}

func (st *channelState) setPty(term string, win Window) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pty, st.term, st.win = true, term, win
}

func (st *channelState) hasPty() bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.pty
}

func (st *channelState) resize(win Window) {
	st.mu.Lock()
	st.win = win
	st.mu.Unlock()
	select {
	case st.resized <- struct{}{}:
	default: // one is already waiting; it will read the newest size
	}
}

func (st *channelState) window() Window {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.win
}

// session is the Session a handler sees; for a PTY session the pty's
// TERM stands in for any TERM sent as a variable.
func (st *channelState) session(ctx context.Context, key string) Session {
	st.mu.Lock()
	defer st.mu.Unlock()
	env := make([]string, 0, len(st.env)+1)
	term := st.term
	for _, e := range st.env {
		if strings.HasPrefix(e, "TERM=") {
			if !st.pty {
				term = cleanTerm(e[len("TERM="):])
			}
			continue
		}
		env = append(env, e)
	}
	if term != "" {
		env = append(env, "TERM="+term)
	}
	return Session{
		ctx:       ctx,
		remote:    st.conn.RemoteAddr(),
		win:       st.win,
		term:      term,
		colorTerm: getenv(env, "COLORTERM"),
		env:       env,
		key:       key,
	}
}

// stateKey finds a channel's state in the context its ssh.Session holds.
type stateKey struct{}

// channelContext gives each session channel a context of its own: the
// connection's, with its own values, so channels on one connection do not
// overwrite each other's (charm.land/ssh keeps one per connection).
type channelContext struct {
	ssh.Context
	st *channelState

	mu   sync.Mutex
	vals map[any]any
}

func (c *channelContext) Value(key any) any {
	if key == (stateKey{}) {
		return c.st
	}
	c.mu.Lock()
	v, ok := c.vals[key]
	c.mu.Unlock()
	if ok {
		return v
	}
	return c.Context.Value(key)
}

func (c *channelContext) SetValue(key, value any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.vals[key] = value
}

// filteredChannel hands charm.land/ssh only the requests it should see.
type filteredChannel struct {
	gossh.NewChannel
	s  *Server
	st *channelState
}

func (f *filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, in, err := f.NewChannel.Accept()
	if err != nil {
		return nil, nil, err
	}
	out := make(chan *gossh.Request)
	go f.s.filterRequests(f.st, ch, in, out)
	return ch, out, nil
}

// ptyRequest is the payload of "pty-req" (RFC 4254 §6.2).
type ptyRequest struct {
	Term                   string
	Columns, Rows          uint32
	WidthPixels, HeightPix uint32
	Modes                  string
}

// windowChange is the payload of "window-change" (RFC 4254 §6.7).
type windowChange struct {
	Columns, Rows          uint32
	WidthPixels, HeightPix uint32
}

// filterRequests passes a session's requests from in to out, the
// session loop of charm.land/ssh. It answers itself what that loop should
// not decide: environment variables (allow-listed, capped in number, kept
// here rather than there), window changes (clamped, and delivered here so
// a client cannot block that loop on a full channel), and every request
// for forwarding, X11 or a subsystem (refused). A session that asks for no
// shell or command within the handshake timeout is closed.
func (s *Server) filterRequests(st *channelState, ch gossh.Channel, in <-chan *gossh.Request, out chan<- *gossh.Request) {
	defer close(out)
	t := time.AfterFunc(s.cfg.HandshakeTimeout, func() {
		if !st.started.Load() {
			s.log.Info("refused", "remote", st.remote, "reason", "no shell or command in time")
			_ = ch.Close()
		}
	})
	defer t.Stop()
	envs := 0
	for req := range in {
		switch req.Type {
		case "env":
			envs++
			var kv struct{ Key, Value string }
			switch {
			case envs > s.cfg.MaxEnv:
				if envs == s.cfg.MaxEnv+1 {
					s.log.Info("refused", "remote", st.remote, "reason", "environment requests over the limit")
				}
				_ = req.Reply(false, nil)
			case st.started.Load(), gossh.Unmarshal(req.Payload, &kv) != nil, !allowedEnv(kv.Key, kv.Value):
				_ = req.Reply(false, nil)
			default:
				st.setEnv(kv.Key, kv.Value)
				_ = req.Reply(true, nil)
			}
			continue
		case "pty-req":
			var p ptyRequest
			if st.started.Load() || st.hasPty() || gossh.Unmarshal(req.Payload, &p) != nil {
				_ = req.Reply(false, nil)
				continue
			}
			win := s.cfg.MaxWindow.clamp(p.Columns, p.Rows)
			p.Term = cleanTerm(p.Term)
			p.Columns, p.Rows = uint32(win.Width), uint32(win.Height)
			p.WidthPixels, p.HeightPix = 0, 0
			req.Payload = gossh.Marshal(&p)
			st.setPty(p.Term, win)
		case "window-change":
			var w windowChange
			if !st.hasPty() || gossh.Unmarshal(req.Payload, &w) != nil {
				_ = req.Reply(false, nil)
				continue
			}
			st.resize(s.cfg.MaxWindow.clamp(w.Columns, w.Rows))
			_ = req.Reply(true, nil)
			continue
		case "shell", "exec":
			if st.started.Load() {
				_ = req.Reply(false, nil)
				continue
			}
			st.started.Store(true)
		case "subsystem", "x11-req", "auth-agent-req@openssh.com":
			s.log.Info("refused", "remote", st.remote, "reason", req.Type)
			_ = req.Reply(false, nil)
			continue
		default: // signal, break, keepalive@openssh.com, ...: nothing here takes them
			_ = req.Reply(false, nil)
			continue
		}
		out <- req
	}
}

package serve

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"
)

// Window is a terminal size in cells.
type Window struct {
	Width, Height int
}

// Config is what a Server needs. The zero value of every limit means its
// default (given in the field's comment); a negative value is an error.
// Nothing here is read from the process: the caller fills it in.
type Config struct {
	// Listen is the TCP address to listen on; default "127.0.0.1:2222".
	// Listening on every interface must be asked for (":2222").
	Listen string
	// HostKeyPath is the ed25519 host key, created on first start
	// (its directory 0700, the key 0600) and reused after. Required.
	HostKeyPath string

	// MaxSessions caps the sessions open at once; default 200.
	MaxSessions int
	// MaxPerIP caps the sessions open at once from one client address
	// (an IPv4 address, or an IPv6 /64); default 10.
	MaxPerIP int
	// NewConnsPerIPPerSecond is the rate of new TCP connections one
	// client address may open, with bursts of NewConnsBurst; defaults 2
	// and 10. Connections over it are closed before the SSH handshake.
	NewConnsPerIPPerSecond float64
	NewConnsBurst          int

	// HandshakeTimeout bounds the time from TCP accept to the end of
	// authentication, and from opening a session to asking for a shell
	// or command; default 10s.
	HandshakeTimeout time.Duration
	// IdleTimeout ends a session with no input for that long; output
	// does not count. Default 15m.
	IdleTimeout time.Duration
	// MaxSessionTime ends any session that has lasted that long;
	// default 4h.
	MaxSessionTime time.Duration

	// MaxEnv caps the environment requests one session may make; later
	// ones are refused. Default 64.
	MaxEnv int
	// MaxWindow clamps the window sizes a client reports; default
	// 1000x500.
	MaxWindow Window

	// InputRate is the bytes a second a program's input is read at, in
	// bursts of InputBurst: a client that sends keys faster than anyone
	// types (a flood of them costs the server CPU for each) is read no
	// faster, and waits. Defaults 1024 and 16384, room for typing, mouse
	// wheels and a paste.
	InputRate  int
	InputBurst int

	// OutputBuffer bounds the bytes held for a client that does not read
	// its output, and WriteTimeout how long one write to it may stall;
	// past either the session is cut off. Defaults 1 MiB and 30s.
	OutputBuffer int
	WriteTimeout time.Duration

	// Logger receives the structured log; nil discards it.
	Logger *slog.Logger

	// Program runs a session that asked for a terminal and no command.
	// Command runs a session that gave a command. At least one is
	// required; a session of a kind with no handler is refused.
	Program ProgramHandler
	Command CommandHandler
}

// Defaults, exported so a CLI can show them in its flags' help.
const (
	DefaultListen                 = "127.0.0.1:2222"
	DefaultMaxSessions            = 200
	DefaultMaxPerIP               = 10
	DefaultNewConnsPerIPPerSecond = 2
	DefaultNewConnsBurst          = 10
	DefaultHandshakeTimeout       = 10 * time.Second
	DefaultIdleTimeout            = 15 * time.Minute
	DefaultMaxSessionTime         = 4 * time.Hour
	DefaultMaxEnv                 = 64
	DefaultInputRate              = 1 << 10
	DefaultInputBurst             = 16 << 10
	DefaultOutputBuffer           = 1 << 20
	DefaultWriteTimeout           = 30 * time.Second
)

// DefaultMaxWindow is the default for Config.MaxWindow.
var DefaultMaxWindow = Window{Width: 1000, Height: 500}

// resolve returns c with its defaults filled in, or an error naming the
// first bad field.
func (c Config) resolve() (Config, error) {
	if c.Listen == "" {
		c.Listen = DefaultListen
	}
	if _, port, err := net.SplitHostPort(c.Listen); err != nil {
		return c, fmt.Errorf("serve: Listen %q: %w", c.Listen, err)
	} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return c, fmt.Errorf("serve: Listen %q: port %q is not a number from 0 to 65535", c.Listen, port)
	}
	if c.HostKeyPath == "" {
		return c, errors.New("serve: HostKeyPath is empty")
	}
	if c.Program == nil && c.Command == nil {
		return c, errors.New("serve: neither Program nor Command is set")
	}

	ints := []struct {
		name string
		v    *int
		def  int
	}{
		{"MaxSessions", &c.MaxSessions, DefaultMaxSessions},
		{"MaxPerIP", &c.MaxPerIP, DefaultMaxPerIP},
		{"NewConnsBurst", &c.NewConnsBurst, DefaultNewConnsBurst},
		{"MaxEnv", &c.MaxEnv, DefaultMaxEnv},
		{"InputRate", &c.InputRate, DefaultInputRate},
		{"InputBurst", &c.InputBurst, DefaultInputBurst},
		{"OutputBuffer", &c.OutputBuffer, DefaultOutputBuffer},
		{"MaxWindow.Width", &c.MaxWindow.Width, DefaultMaxWindow.Width},
		{"MaxWindow.Height", &c.MaxWindow.Height, DefaultMaxWindow.Height},
	}
	for _, f := range ints {
		switch {
		case *f.v < 0:
			return c, fmt.Errorf("serve: %s is %d: it must be positive (0 means %d)", f.name, *f.v, f.def)
		case *f.v == 0:
			*f.v = f.def
		}
	}
	durs := []struct {
		name string
		v    *time.Duration
		def  time.Duration
	}{
		{"HandshakeTimeout", &c.HandshakeTimeout, DefaultHandshakeTimeout},
		{"IdleTimeout", &c.IdleTimeout, DefaultIdleTimeout},
		{"MaxSessionTime", &c.MaxSessionTime, DefaultMaxSessionTime},
		{"WriteTimeout", &c.WriteTimeout, DefaultWriteTimeout},
	}
	for _, f := range durs {
		switch {
		case *f.v < 0:
			return c, fmt.Errorf("serve: %s is %v: it must be positive (0 means %v)", f.name, *f.v, f.def)
		case *f.v == 0:
			*f.v = f.def
		}
	}
	switch {
	case c.NewConnsPerIPPerSecond < 0:
		return c, fmt.Errorf("serve: NewConnsPerIPPerSecond is %g: it must be positive (0 means %d)", c.NewConnsPerIPPerSecond, DefaultNewConnsPerIPPerSecond)
	case c.NewConnsPerIPPerSecond == 0:
		c.NewConnsPerIPPerSecond = DefaultNewConnsPerIPPerSecond
	}
	if c.MaxPerIP > c.MaxSessions {
		return c, fmt.Errorf("serve: MaxPerIP (%d) is more than MaxSessions (%d)", c.MaxPerIP, c.MaxSessions)
	}
	if c.MaxWindow.Width > 65535 || c.MaxWindow.Height > 65535 {
		return c, fmt.Errorf("serve: MaxWindow %dx%d: at most 65535x65535", c.MaxWindow.Width, c.MaxWindow.Height)
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

// clamp turns a client's reported size into one the server will draw:
// zero means the client did not say (RFC 4254 §6.2), so 80x24.
func (w Window) clamp(cols, rows uint32) Window {
	if cols == 0 {
		cols = 80
	}
	if rows == 0 {
		rows = 24
	}
	return Window{
		Width:  int(min(cols, uint32(w.Width))),
		Height: int(min(rows, uint32(w.Height))),
	}
}

package ui

import (
	"io"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
)

// Env is the environment of one run, in os.Environ's form ("NAME=value"):
// the process's for a local terminal, a session's for a remote one.
// Nothing in ui reads the process's own environment; main passes it in.
type Env []string

// Getenv returns the value of the variable named, "" if it is not set.
// If it is set twice, the last one wins, as with os/exec.
func (e Env) Getenv(name string) string {
	for i := len(e) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(e[i], "="); ok && k == name {
			return v
		}
	}
	return ""
}

// noColor reports whether NO_COLOR asks for no colour: set to anything
// but the empty string, as no-color.org says.
func (e Env) noColor() bool { return e.Getenv("NO_COLOR") != "" }

// Terminal is where one run reads keys and writes, and what is known about
// it. The command line and the browser go by the same facts: main learns
// them once with DetectTerminal and passes them down, and a remote session
// would fill in its own.
type Terminal struct {
	In  io.Reader // the keys; for the browser, a terminal or a stream as good as one
	Out io.Writer // where output goes
	Env Env       // the environment variables

	IsTerminal    bool // Out is a terminal
	Width, Height int  // Out's size in cells; 0 when not known

	// Profile is the colours Out shows, when already known (lipgloss
	// finds stdout's while initialising); Unknown means find them from
	// Out and Env when they are needed.
	Profile colorprofile.Profile
}

// DetectTerminal learns whether out is a terminal, and its size. It asks
// nothing of the terminal: the colours and the background are found when
// something needs them (ColorProfile, DarkBackground).
func DetectTerminal(in io.Reader, out io.Writer, env Env) Terminal {
	t := Terminal{In: in, Out: out, Env: env, IsTerminal: IsTerminal(out)}
	if f, ok := out.(term.File); ok && t.IsTerminal {
		if w, h, err := term.GetSize(f.Fd()); err == nil && w > 0 && h > 0 {
			t.Width, t.Height = w, h
		}
	}
	return t
}

// IsTerminal reports whether stream (a reader or a writer) is a terminal:
// a file whose descriptor is one. Anything else, a buffer or a network
// stream, is not.
func IsTerminal(stream any) bool {
	f, ok := stream.(term.File)
	return ok && term.IsTerminal(f.Fd())
}

// IsPipe reports whether stream is a file that is no terminal: a pipe, a
// regular file, /dev/null. The browser takes its keys from the terminal
// itself then (`echo | golanguk`); a stream that is not a file (a test's, a
// remote session's) it reads as it is.
func IsPipe(stream any) bool {
	_, ok := stream.(term.File)
	return ok && !IsTerminal(stream)
}

// ColorProfile is the colours output to Out can take. NO_COLOR keeps bold
// and underline but no colour. On a terminal it is what the terminal
// shows, found from Out and Env (in tmux, `tmux info` is asked) unless
// Profile says already. Off a terminal, output styled all the same
// (CLICOLOR_FORCE, --format ansi) goes by the environment, and keeps every
// colour when the environment says nothing.
func (t Terminal) ColorProfile() colorprofile.Profile {
	switch {
	case t.Env.noColor():
		return colorprofile.ASCII
	case t.IsTerminal && t.Profile != colorprofile.Unknown:
		return t.Profile
	case IsTerminal(t.Out):
		return colorprofile.Detect(t.Out, t.Env)
	}
	p := colorprofile.Env(t.Env)
	if p < colorprofile.ANSI {
		p = colorprofile.TrueColor
	}
	return p
}

// Styled reports whether output gets terminal styling (colours, the
// aligned table, rendered notes): on a terminal, or when CLICOLOR_FORCE
// asks for it in a pipe and NO_COLOR does not forbid it.
func (t Terminal) Styled() bool {
	if t.IsTerminal {
		return true
	}
	force, _ := strconv.ParseBool(t.Env.Getenv("CLICOLOR_FORCE"))
	return force && !t.Env.noColor()
}

// DarkBackground reports whether the terminal's background is dark.
// COLORFGBG ("15;0": light text on black) answers without a round trip;
// otherwise the terminal is asked, when In and Out are its files. Dark is
// the answer when nothing can tell.
func (t Terminal) DarkBackground() bool {
	if v := t.Env.Getenv("COLORFGBG"); v != "" {
		bg, err := strconv.Atoi(v[strings.LastIndexByte(v, ';')+1:])
		if err == nil {
			return bg != 7 && bg < 9 || bg > 15
		}
	}
	in, ok1 := t.In.(term.File)
	out, ok2 := t.Out.(term.File)
	if !ok1 || !ok2 {
		return true
	}
	return lipgloss.HasDarkBackground(in, out)
}

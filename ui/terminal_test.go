package ui_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/creack/pty"

	"github.com/golanguk/golanguk/ui"
)

func TestEnvGetenv(t *testing.T) {
	env := ui.Env{"TERM=xterm", "EMPTY=", "EQ=a=b", "NOEQUALS", "TERM=screen"}
	for _, c := range []struct{ name, want string }{
		{"TERM", "screen"}, // the last wins, as in os/exec
		{"EMPTY", ""},
		{"EQ", "a=b"},
		{"NOEQUALS", ""},
		{"MISSING", ""},
		{"TER", ""},
	} {
		if got := env.Getenv(c.name); got != c.want {
			t.Errorf("Getenv(%q) = %q, want %q", c.name, got, c.want)
		}
	}
	if got := ui.Env(nil).Getenv("TERM"); got != "" {
		t.Errorf("nil Env: Getenv = %q", got)
	}
}

// TestIsTerminal checks the one answer to "is this a terminal" that the
// command line and the browser share: a pseudo-terminal is one; a pipe
// and a buffer are not; and only the pipe is a file to read the terminal
// in place of.
func TestIsTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	var buf bytes.Buffer
	for _, c := range []struct {
		name        string
		stream      any
		term, piped bool
	}{
		{"pipe reader", r, false, true},
		{"pipe writer", w, false, true},
		{"buffer", &buf, false, false},
		{"nil", nil, false, false},
	} {
		if got := ui.IsTerminal(c.stream); got != c.term {
			t.Errorf("IsTerminal(%s) = %v, want %v", c.name, got, c.term)
		}
		if got := ui.IsPipe(c.stream); got != c.piped {
			t.Errorf("IsPipe(%s) = %v, want %v", c.name, got, c.piped)
		}
	}
	if d := ui.DetectTerminal(r, w, nil); d.IsTerminal || d.Width != 0 || d.Height != 0 {
		t.Errorf("DetectTerminal on a pipe = terminal %v, %dx%d; want no terminal, no size", d.IsTerminal, d.Width, d.Height)
	}

	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: 97, Rows: 31}); err != nil {
		t.Fatal(err)
	}
	if !ui.IsTerminal(tty) || ui.IsPipe(tty) {
		t.Errorf("a pseudo-terminal: IsTerminal %v, IsPipe %v; want true, false", ui.IsTerminal(tty), ui.IsPipe(tty))
	}
	d := ui.DetectTerminal(tty, tty, ui.Env{"TERM=xterm-256color"})
	if !d.IsTerminal || d.Width != 97 || d.Height != 31 {
		t.Errorf("DetectTerminal on a 97x31 pseudo-terminal = terminal %v, %dx%d", d.IsTerminal, d.Width, d.Height)
	}
}

func TestTerminalStyled(t *testing.T) {
	for _, c := range []struct {
		name     string
		terminal bool
		env      ui.Env
		want     bool
	}{
		{"terminal", true, nil, true},
		{"terminal, NO_COLOR", true, ui.Env{"NO_COLOR=1"}, true}, // styled, without colour
		{"piped", false, nil, false},
		{"piped, CLICOLOR_FORCE=1", false, ui.Env{"CLICOLOR_FORCE=1"}, true},
		{"piped, CLICOLOR_FORCE=0", false, ui.Env{"CLICOLOR_FORCE=0"}, false},
		{"piped, CLICOLOR_FORCE and NO_COLOR", false, ui.Env{"CLICOLOR_FORCE=1", "NO_COLOR=1"}, false},
	} {
		tm := ui.Terminal{Out: &bytes.Buffer{}, IsTerminal: c.terminal, Env: c.env}
		if got := tm.Styled(); got != c.want {
			t.Errorf("%s: Styled() = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestTerminalColorProfile(t *testing.T) {
	for _, c := range []struct {
		name     string
		terminal bool
		known    colorprofile.Profile
		env      ui.Env
		want     colorprofile.Profile
	}{
		{"terminal, profile known", true, colorprofile.ANSI256, ui.Env{"TERM=xterm"}, colorprofile.ANSI256},
		{"NO_COLOR on a terminal", true, colorprofile.TrueColor, ui.Env{"NO_COLOR=1"}, colorprofile.ASCII},
		{"NO_COLOR=yes", true, colorprofile.TrueColor, ui.Env{"NO_COLOR=yes"}, colorprofile.ASCII},
		{"NO_COLOR piped", false, colorprofile.Unknown, ui.Env{"NO_COLOR=1", "CLICOLOR_FORCE=1"}, colorprofile.ASCII},
		// Styled off a terminal: the environment says, or every colour.
		{"piped, 256-colour TERM", false, colorprofile.Unknown, ui.Env{"TERM=xterm-256color"}, colorprofile.ANSI256},
		{"piped, COLORTERM", false, colorprofile.Unknown, ui.Env{"TERM=xterm", "COLORTERM=truecolor"}, colorprofile.TrueColor},
		{"piped, no TERM", false, colorprofile.Unknown, nil, colorprofile.TrueColor},
		{"piped, known profile is stdout's", false, colorprofile.NoTTY, ui.Env{"TERM=xterm"}, colorprofile.ANSI},
	} {
		tm := ui.Terminal{Out: &bytes.Buffer{}, IsTerminal: c.terminal, Profile: c.known, Env: c.env}
		if got := tm.ColorProfile(); got != c.want {
			t.Errorf("%s: ColorProfile() = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestTerminalDarkBackground checks COLORFGBG decides without asking the
// terminal (the streams here are buffers, which cannot be asked), and that
// dark is the answer when nothing tells.
func TestTerminalDarkBackground(t *testing.T) {
	for _, c := range []struct {
		colorfgbg string
		want      bool
	}{
		{"15;0", true},         // white on black
		{"0;15", false},        // black on white
		{"0;7", false},         // black on light grey
		{"7;8", true},          // dark grey
		{"12;default;4", true}, // rxvt's three fields: the last is the background
		{"0;default", true},    // not a number: nothing tells
		{"", true},
	} {
		tm := ui.Terminal{In: &bytes.Buffer{}, Out: &bytes.Buffer{}, Env: ui.Env{"COLORFGBG=" + c.colorfgbg}}
		if got := tm.DarkBackground(); got != c.want {
			t.Errorf("COLORFGBG=%q: DarkBackground() = %v, want %v", c.colorfgbg, got, c.want)
		}
	}
}

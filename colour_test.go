package main

// Colour conventions: NO_COLOR turns colour off everywhere, CLICOLOR_FORCE
// turns it on in a pipe, GLAMOUR_STYLE chooses the glamour style as in
// glow and --style wins over it.

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/golanguk/golanguk/ui"
)

// colourSGR matches an SGR sequence that sets a foreground, background or
// underline colour.
var colourSGR = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// hasColour reports whether s sets any colour.
func hasColour(s string) bool {
	for _, seq := range colourSGR.FindAllString(s, -1) {
		ps := strings.FieldsFunc(seq[2:len(seq)-1], func(r rune) bool { return r == ';' || r == ':' })
		for i := 0; i < len(ps); i++ {
			switch p := ps[i]; {
			case p == "38" || p == "48" || p == "58":
				return true
			case len(p) == 2 && (p[0] == '3' || p[0] == '4' || p[0] == '9') && p[1] != '8' && p[1] != '9':
				return true
			case len(p) == 3 && p[:2] == "10" && p[2] <= '7':
				return true
			}
		}
	}
	return false
}

func TestHasColour(t *testing.T) {
	for s, want := range map[string]bool{
		"plain":                    false,
		"\x1b[1mbold\x1b[m":        false,
		"\x1b[1;4mx\x1b[0m":        false,
		"\x1b[39;49mdefault\x1b[m": false,
		"\x1b[31mred":              true,
		"\x1b[1;38;5;228mx":        true,
		"\x1b[48;2;1;2;3mx":        true,
		"\x1b[97mx":                true,
		"\x1b[104mx":               true,
	} {
		if got := hasColour(s); got != want {
			t.Errorf("hasColour(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestNoColor checks NO_COLOR removes every colour from every styled
// output, and that the same output has colour without it.
func TestNoColor(t *testing.T) {
	tests := []struct {
		name string
		args []string
		opts []func(*app)
		env  string // a variable to set, name=value
		// same: NO_COLOR keeps the text. Rendered notes switch to the
		// notty style, whose layout differs.
		same bool
	}{
		{"list on a terminal", []string{"list"}, []func(*app){onTerminal(120)}, "", true},
		{"list query on a terminal", []string{"list", "-q", "context"}, []func(*app){onTerminal(120)}, "", true},
		{"show ansi", []string{"show", "1", "--format", "ansi"}, nil, "", false},
		{"show on a terminal", []string{"show", "19"}, []func(*app){onTerminal(100)}, "", false},
		{"show ansi with a style", []string{"show", "1", "--format", "ansi", "--style", "dracula"}, nil, "", false},
		{"about ansi", []string{"about", "--format", "ansi"}, nil, "", false},
		// fang draws help and errors through colorprofile, which
		// TTY_FORCE makes treat the test's buffer as a terminal.
		{"help", []string{"--help"}, nil, "TTY_FORCE=1", true},
		{"show help", []string{"show", "--help"}, nil, "TTY_FORCE=1", true},
		{"list piped, forced", []string{"list"}, nil, "CLICOLOR_FORCE=1", false},
		{"show piped, forced", []string{"show", "1"}, nil, "CLICOLOR_FORCE=1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cleanEnv(t)
			if k, v, ok := strings.Cut(tt.env, "="); ok {
				t.Setenv(k, v)
			}
			with := cli(t, tt.args, tt.opts...)
			if !hasColour(with.stdout + with.stderr) {
				t.Fatalf("%q has no colour even without NO_COLOR: the test cannot tell", tt.args)
			}
			t.Setenv("NO_COLOR", "1")
			without := cli(t, tt.args, tt.opts...)
			if without.code != with.code {
				t.Errorf("exit %d with NO_COLOR, %d without", without.code, with.code)
			}
			if out := without.stdout + without.stderr; hasColour(out) {
				t.Errorf("NO_COLOR: %q still sets colours: %q", tt.args, firstColour(out))
			}
			if a, b := visibleText(with.stdout), visibleText(without.stdout); tt.same && a != b {
				t.Errorf("NO_COLOR changed the text:\n%s\n----\n%s", a, b)
			}
		})
	}
}

// visibleText is s without escape sequences, trailing spaces and blank
// lines: what reads the same with or without colour (fang pads code
// blocks with coloured blank lines).
func visibleText(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(ansi.Strip(s), "\n") {
		if l = strings.TrimRight(l, " "); l != "" {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

func firstColour(s string) string {
	for _, seq := range colourSGR.FindAllStringIndex(s, -1) {
		if hasColour(s[seq[0]:seq[1]]) {
			return s[seq[0]:min(len(s), seq[1]+30)]
		}
	}
	return ""
}

// TestCLIColorForce checks CLICOLOR_FORCE=1 gives piped output the
// terminal's styling, and that NO_COLOR still wins.
func TestCLIColorForce(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"list", []string{"list"}},
		{"list query", []string{"list", "-q", "cheney"}},
		{"show", []string{"show", "1"}},
		{"about", []string{"about"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cleanEnv(t)
			piped := cli(t, tt.args)
			if hasColour(piped.stdout) || strings.Contains(piped.stdout, "\x1b") {
				t.Fatalf("piped %q has escape sequences without CLICOLOR_FORCE", tt.args)
			}
			t.Setenv("CLICOLOR_FORCE", "1")
			forced := cli(t, tt.args)
			if forced.code != 0 || !hasColour(forced.stdout) {
				t.Errorf("CLICOLOR_FORCE=1 %q: exit %d, no colour in %.200q", tt.args, forced.code, forced.stdout)
			}
			// Forced output is what a terminal gets.
			term := cli(t, tt.args, onTerminal(80))
			if forced.stdout != term.stdout {
				t.Errorf("CLICOLOR_FORCE=1 %q differs from the terminal's output", tt.args)
			}
			t.Setenv("CLICOLOR_FORCE", "0")
			if off := cli(t, tt.args); off.stdout != piped.stdout {
				t.Errorf("CLICOLOR_FORCE=0 %q differs from plain piped output", tt.args)
			}
			t.Setenv("CLICOLOR_FORCE", "1")
			t.Setenv("NO_COLOR", "1")
			if both := cli(t, tt.args); hasColour(both.stdout) {
				t.Errorf("NO_COLOR and CLICOLOR_FORCE %q: colour in %q", tt.args, firstColour(both.stdout))
			}
		})
	}
}

// TestGlamourStyle checks GLAMOUR_STYLE chooses the style of rendered
// output as --style does, and that --style wins.
func TestGlamourStyle(t *testing.T) {
	cleanEnv(t)
	show := func(t *testing.T, extra ...string) string {
		t.Helper()
		r := cli(t, append([]string{"show", "1", "--format", "ansi"}, extra...))
		if r.code != 0 {
			t.Fatalf("show %q: exit %d, %s", extra, r.code, r.stderr)
		}
		return r.stdout
	}
	byStyle := map[string]string{}
	for _, s := range []string{"dark", "light", "dracula", "notty"} {
		byStyle[s] = show(t, "--style", s)
	}
	if byStyle["dark"] == byStyle["light"] || byStyle["dark"] == byStyle["dracula"] {
		t.Fatal("styles render alike: the test cannot tell them apart")
	}
	// A JSON style file, as glamour and glow take.
	styleFile := filepath.Join(t.TempDir(), "mine.json")
	if err := os.WriteFile(styleFile, []byte(`{"document":{"color":"#ff0000"},"heading":{"color":"#00ff00","bold":true}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	byStyle[styleFile] = show(t, "--style", styleFile)

	for env, want := range map[string]string{"light": "light", "dracula": "dracula", "notty": "notty", styleFile: styleFile} {
		t.Run("GLAMOUR_STYLE="+filepath.Base(env), func(t *testing.T) {
			t.Setenv("GLAMOUR_STYLE", env)
			if got := show(t); got != byStyle[want] {
				t.Errorf("GLAMOUR_STYLE=%s renders unlike --style %s", env, want)
			}
			// --style takes precedence.
			if got := show(t, "--style", "dark"); got != byStyle["dark"] {
				t.Errorf("GLAMOUR_STYLE=%s --style dark renders unlike --style dark", env)
			}
		})
	}
	t.Run("notty has no escapes", func(t *testing.T) {
		if strings.Contains(byStyle["notty"], "\x1b") {
			t.Errorf("--style notty writes escape sequences: %q", firstColour(byStyle["notty"]))
		}
	})
	t.Run("GLAMOUR_STYLE unknown", func(t *testing.T) {
		t.Setenv("GLAMOUR_STYLE", "no-such-style")
		r := cli(t, []string{"show", "1", "--format", "ansi"})
		if r.code != 2 || !strings.Contains(r.stderr, "no-such-style") {
			t.Errorf("GLAMOUR_STYLE=no-such-style: exit %d, stderr %q; want 2 and a message naming it", r.code, r.stderr)
		}
	})
	t.Run("COLORFGBG light", func(t *testing.T) {
		// No --style, no GLAMOUR_STYLE: the background decides.
		t.Setenv("COLORFGBG", "0;15")
		onTerminalOnly := func(a *app) { a.term.IsTerminal, a.term.Width = true, 80 }
		r := cli(t, []string{"show", "1"}, onTerminalOnly)
		if r.stdout != byStyle["light"] {
			t.Errorf("on a light background (COLORFGBG=0;15) show renders unlike --style light")
		}
		t.Setenv("COLORFGBG", "15;0")
		r = cli(t, []string{"show", "1"}, onTerminalOnly)
		if r.stdout != byStyle["dark"] {
			t.Errorf("on a dark background (COLORFGBG=15;0) show renders unlike --style dark")
		}
	})
}

// TestResolveStyle checks the order of ui.ResolveStyle, which the browser
// uses too: flag, GLAMOUR_STYLE, notty without a terminal or with
// NO_COLOR, then the background.
func TestResolveStyle(t *testing.T) {
	tests := []struct {
		name          string
		flag, env     string
		noColor       bool
		tty, dark     bool
		want          string
		wantOtherwise string // the same with dark flipped, when it matters
	}{
		{"detected dark", "", "", false, true, true, "dark", "light"},
		{"auto is detected", "auto", "", false, true, true, "dark", "light"},
		{"env", "", "dracula", false, true, true, "dracula", "dracula"},
		{"env auto is detected", "", "auto", false, true, false, "light", "dark"},
		{"flag over env", "pink", "dracula", false, true, true, "pink", "pink"},
		{"not a terminal", "", "", false, false, true, "notty", "notty"},
		{"NO_COLOR", "", "", true, true, true, "nocolor", "nocolor"},
		{"NO_COLOR piped", "", "", true, false, true, "notty", "notty"},
		{"NO_COLOR keeps a chosen style", "dracula", "", true, true, true, "dracula", "dracula"},
		{"NO_COLOR keeps GLAMOUR_STYLE", "", "light", true, true, true, "light", "light"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := ui.Env{"GLAMOUR_STYLE=" + tt.env, "NO_COLOR="}
			if tt.noColor {
				env = append(env, "NO_COLOR=1")
			}
			if got := ui.ResolveStyle(tt.flag, env, tt.tty, tt.dark); got != tt.want {
				t.Errorf("ResolveStyle(%q, %v, %v) = %q, want %q", tt.flag, tt.tty, tt.dark, got, tt.want)
			}
			if got := ui.ResolveStyle(tt.flag, env, tt.tty, !tt.dark); got != tt.wantOtherwise {
				t.Errorf("ResolveStyle(%q, %v, %v) = %q, want %q", tt.flag, tt.tty, !tt.dark, got, tt.wantOtherwise)
			}
		})
	}
}

// ---- the browser in a pseudo-terminal ----

// rawTerm runs the program in a pseudo-terminal and keeps every byte it
// writes. A terminal emulator answers its queries (background colour,
// cursor position) as a real terminal would.
type rawTerm struct {
	cmd  *exec.Cmd
	ptmx *os.File
	mu   sync.Mutex
	raw  bytes.Buffer
	emu  *vt.Emulator
	done chan struct{}
}

func startRawTerm(t *testing.T, env []string, args ...string) *rawTerm {
	t.Helper()
	return startRawTermOf(t, golangukBinary(t), env, args...)
}

// startRawTermOf is startRawTerm with another build of the program.
func startRawTermOf(t *testing.T, bin string, env []string, args ...string) *rawTerm {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "XDG_STATE_HOME=" + t.TempDir(),
		"TERM=xterm-256color", "COLORTERM=truecolor", "LANG=C.UTF-8",
	}, env...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 120, Rows: 40})
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	rt := &rawTerm{cmd: cmd, ptmx: ptmx, emu: vt.NewEmulator(120, 40), done: make(chan struct{})}
	go func() {
		defer close(rt.done)
		buf := make([]byte, 32<<10)
		for {
			n, err := ptmx.Read(buf)
			rt.mu.Lock()
			rt.raw.Write(buf[:n])
			_, _ = rt.emu.Write(buf[:n])
			rt.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() { _, _ = io.Copy(ptmx, rt.emu) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		_ = ptmx.Close()
		<-rt.done
		// The emulator is not closed: vt v0.1.0's Close races with the
		// Read that the answering goroutine is blocked in. That
		// goroutine ends with the test binary.
	})
	return rt
}

// waitFor waits until the screen shows every text; the minute is a hang
// guard, not a timing assertion.
func (rt *rawTerm) waitFor(t *testing.T, texts ...string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		rt.mu.Lock()
		screen := rt.emu.String()
		rt.mu.Unlock()
		ok := true
		for _, s := range texts {
			ok = ok && strings.Contains(screen, s)
		}
		if ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the screen never showed %q:\n%s", texts, rt.emu.String())
}

func (rt *rawTerm) output() string {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return rt.raw.String()
}

// quit presses q and waits for the program to end.
func (rt *rawTerm) quit(t *testing.T) {
	t.Helper()
	if _, err := rt.ptmx.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- rt.cmd.Wait() }()
	select {
	case err := <-exited:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		if code := rt.cmd.ProcessState.ExitCode(); code != 0 {
			t.Errorf("the browser exited %d after q", code)
		}
	case <-time.After(time.Minute):
		t.Fatal("the browser did not quit")
	}
}

// TestBrowserNoColor checks the browser draws without colour under
// NO_COLOR, and with colour otherwise.
func TestBrowserNoColor(t *testing.T) {
	t.Parallel() // it waits on the programs it runs
	doc := embedded(t)
	first := doc.Talks[0]
	for _, noColor := range []bool{false, true} {
		name := "colour"
		env := []string{}
		if noColor {
			name = "NO_COLOR"
			env = append(env, "NO_COLOR=1")
		}
		t.Run(name, func(t *testing.T) {
			rt := startRawTerm(t, env)
			rt.waitFor(t, "of 21 talks", first.Title, "Objective: design good programs")
			out := rt.output()
			rt.quit(t)
			if got := hasColour(out); got == noColor {
				t.Errorf("NO_COLOR=%v: the browser's output has colour %v: %q", noColor, got, firstColour(out))
			}
		})
	}
}

// TestNoColorBeatsCLIColorForce checks NO_COLOR wins when both are set,
// in every output of the real binary, help and errors included.
func TestNoColorBeatsCLIColorForce(t *testing.T) {
	t.Parallel() // it waits on the programs it runs
	bin := golangukBinary(t)
	for _, args := range [][]string{{"--help"}, {"show", "--help"}, {"list"}, {"show", "1"}, {"about"}} {
		force := []string{"CLICOLOR_FORCE=1", "NO_COLOR=", "TERM=xterm-256color"}
		out, errs, _ := runGolanguk(t, bin, force, args...)
		if !hasColour(out + errs) {
			t.Errorf("CLICOLOR_FORCE=1 %q: no colour, so the test cannot tell", args)
			continue
		}
		out, errs, _ = runGolanguk(t, bin, append(force, "NO_COLOR=1"), args...)
		if hasColour(out + errs) {
			t.Errorf("NO_COLOR=1 CLICOLOR_FORCE=1 %q: colour %q", args, firstColour(out+errs))
		}
	}
}

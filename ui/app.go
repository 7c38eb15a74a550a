// Package ui is the interactive browser over a notes document, a Bubble Tea
// program, and the glamour rendering it shares with the command line.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"github.com/golanguk/golanguk/notes"
)

// Options configure Browse.
type Options struct {
	// Style is the --style flag's value: a glamour style name or JSON
	// file; "" picks dark or light after the terminal's background.
	Style string
	// Pick is for a stdout that is not a terminal: the browser draws on
	// the terminal itself, and enter on a talk ends it, returning the
	// talk for the caller to write.
	Pick bool
	// Input and Output are the terminal; nil means stdin and stdout, or
	// in pick mode the controlling terminal (/dev/tty).
	Input  io.Reader
	Output io.Writer
}

// frameRate is the most frames a second the browser draws: 120, Bubble
// Tea's most, so that the first frame, and every answer to a key, reaches
// the terminal within about 8 ms rather than 17.
const frameRate = 120

// ErrNoTTY is returned by Browse in pick mode when there is no terminal to
// draw on; the caller should print instead of browsing.
var ErrNoTTY = errors.New("ui: no terminal to draw on")

// Browse runs the browser over doc until the user quits. In pick mode it
// returns the chosen talk, nil if the user left without choosing. The
// terminal is restored however the program ends, a panic included.
func Browse(ctx context.Context, doc *notes.Document, opts Options) (*notes.Talk, error) {
	in, out := opts.Input, opts.Output
	if in == nil {
		in = os.Stdin
	}
	// Pick mode draws on the terminal itself; a piped stdin
	// (`echo | golanguk`) leaves the keyboard on the terminal too.
	needIn := (opts.Pick && opts.Input == nil) || !isTerminal(in)
	needOut := opts.Pick && opts.Output == nil
	if needIn || needOut {
		ttyIn, ttyOut, err := tea.OpenTTY()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNoTTY, err)
		}
		defer ttyIn.Close()
		defer ttyOut.Close()
		if needIn {
			in = ttyIn
		}
		if needOut {
			out = ttyOut
		}
	}
	m := New(doc, opts)
	m.ctx = ctx
	popts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithFPS(frameRate)}
	popts = append(popts, tea.WithInput(in))
	drawOn := out
	if drawOn == nil {
		drawOn = os.Stdout
	}
	popts = append(popts, tea.WithOutput(drawOn), tea.WithColorProfile(ColorProfile(drawOn)))
	if f, ok := drawOn.(term.File); ok {
		if w, h, err := term.GetSize(f.Fd()); err == nil {
			if render := m.prerender(w, h); render != nil {
				go render()
			}
		}
	}
	if len(doc.Talks) > syncSearchLimit {
		// The model builds the search index too (Init); whichever comes
		// first builds it, the other waits for it.
		go func() {
			doc.PrepareSearch()
			boundHeap()
		}()
	}
	p := tea.NewProgram(m, popts...)
	// A hang-up (the terminal window closed, an ssh connection lost) ends
	// the browser as SIGTERM does: quit, restoring what can be restored.
	hup, done := make(chan os.Signal, 1), make(chan struct{})
	signal.Notify(hup, syscall.SIGHUP)
	defer func() { signal.Stop(hup); close(done) }()
	go func() {
		select {
		case <-hup:
			p.Quit()
		case <-done:
		}
	}()
	final, err := p.Run()
	if err != nil {
		if errors.Is(err, tea.ErrInterrupted) || errors.Is(err, context.Canceled) {
			return nil, nil
		}
		return nil, fmt.Errorf("ui: %w", err)
	}
	if fm, ok := final.(Model); ok {
		return fm.chosen, nil
	}
	return nil, nil
}

// boundHeap sets a soft limit on the memory of the Go runtime, once a
// large document's notes and search index are loaded: what is live then,
// which stays until the program ends, and room for the garbage of
// searching and rendering, three tenths as much again and at least 64 MiB.
// Left to GOGC alone, the collector lets the heap grow to twice what is
// live before it collects: with 100,000 talks (260 MB live once loaded)
// the browser went past 400 MB within a few searches, and to 560 MB
// within fifteen (BenchmarkSearchSession). With the limit it collects
// every few searches instead, and stays near 370 MB; less room made
// typing slower. The limit is soft: were the live heap to outgrow it, the
// collector would work harder (at most half the CPU, the runtime's own
// cap), and no allocation fails. GOMEMLIMIT, if set, wins.
func boundHeap() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := int64(ms.HeapAlloc)
	debug.SetMemoryLimit(live + max(live*3/10, heapRoom))
}

// heapRoom is the least room boundHeap leaves for garbage.
const heapRoom = 64 << 20

// ColorProfile is the colours a terminal w can show, as Bubble Tea and
// colorprofile.Detect find them from w and the environment. For stdout it
// is what lipgloss found while initialising: inside tmux each detection
// runs `tmux info`, a few milliseconds, and the first one is already paid.
func ColorProfile(w io.Writer) colorprofile.Profile {
	if w == io.Writer(os.Stdout) {
		return lipgloss.Writer.Profile
	}
	return colorprofile.Detect(w, os.Environ())
}

// isTerminal reports whether r is a terminal; a reader that is not a file
// (a test's) counts as one.
func isTerminal(r io.Reader) bool {
	f, ok := r.(term.File)
	return !ok || term.IsTerminal(f.Fd())
}

// linkOf returns the link "o" opens for t: the speaker's page, else the
// first other link; only http, https and mailto.
func linkOf(t *notes.Talk) string {
	if t == nil {
		return ""
	}
	if linkable(t.SpeakerURL) {
		return t.SpeakerURL
	}
	for _, l := range t.Links {
		if linkable(l) {
			return l
		}
	}
	return ""
}

// linkable reports whether u may be made clickable or opened: an http,
// https or mailto URL with nothing a terminal or a shell would interpret.
func linkable(u string) bool {
	if u == "" || strings.ContainsFunc(u, func(r rune) bool { return r < ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) }) {
		return false
	}
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		return p.Host != ""
	case "mailto":
		return true
	}
	return false
}

// openCmd opens u with the system opener without waiting for it.
func openCmd(u string) tea.Cmd {
	return func() tea.Msg { return openedMsg{url: u, err: openURL(u)} }
}

// openURL starts $BROWSER (a colon-separated list, "%s" standing for the
// URL), else xdg-open, open or the Windows handler, and does not wait.
func openURL(u string) error {
	if !linkable(u) {
		return fmt.Errorf("not an http, https or mailto link")
	}
	var cmd *exec.Cmd
	for _, b := range strings.Split(os.Getenv("BROWSER"), string(os.PathListSeparator)) {
		f := strings.Fields(b)
		if len(f) == 0 {
			continue
		}
		if _, err := exec.LookPath(f[0]); err != nil {
			continue
		}
		args, replaced := f[1:], false
		for i, a := range args {
			if strings.Contains(a, "%s") {
				args[i] = strings.ReplaceAll(a, "%s", u)
				replaced = true
			}
		}
		if !replaced {
			args = append(args, u)
		}
		cmd = exec.Command(f[0], args...)
		break
	}
	if cmd == nil {
		switch runtime.GOOS {
		case "darwin":
			cmd = exec.Command("open", u)
		case "windows":
			cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
		default:
			cmd = exec.Command("xdg-open", u)
		}
	}
	// No stdin/stdout/stderr: the opener must not draw over the browser.
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // reap it; its status is not ours
	return nil
}

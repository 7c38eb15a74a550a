package serve

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
)

// newEmulator is a client's terminal for a screen to draw on.
func newEmulator(w, h int) *vt.Emulator {
	e := vt.NewEmulator(w, h)
	go io.Copy(io.Discard, e)
	return e
}

// painted is what a terminal shows for frame lines drawn on a blank
// screen a line at a time, each from its first cell, with wrapping off:
// what a screen must show however it got there.
func painted(w, h int, lines []string) *vt.Emulator {
	e := newEmulator(w, h)
	e.WriteString(ansi.ResetModeAutoWrap)
	for y, l := range lines {
		if y < h {
			e.WriteString(ansi.CursorPosition(1, y+1) + ansi.ResetStyle + ansi.Truncate(l, w, "") + ansi.ResetStyle)
		}
	}
	return e
}

// sameCells reports the first cell where two terminals differ.
func sameCells(got, want *vt.Emulator) error {
	for y := range want.Height() {
		for x := range want.Width() {
			g, w := got.CellAt(x, y), want.CellAt(x, y)
			if g == nil || w == nil {
				if g != w {
					return fmt.Errorf("cell %d,%d: %v, want %v", x, y, g, w)
				}
				continue
			}
			if !g.Equal(w) {
				return fmt.Errorf("cell %d,%d: %q %+v link %q, want %q %+v link %q\ngot:\n%s\nwant:\n%s", x, y, g.Content, g.Style, g.Link.URL, w.Content, w.Style, w.Link.URL, got.String(), want.String())
			}
		}
	}
	return nil
}

// pieces of styled text, as the browser draws them: words, styles and
// their resets, wide runes, hyperlinks, padding.
var pieces = []string{
	"talk", " ", "Go", "kit", "·", "★★☆", "日本", "é", " – ", "│",
	"\x1b[1m", "\x1b[38;5;39m", "\x1b[38;2;10;200;30m", "\x1b[48;5;236m", "\x1b[4m", ansi.ResetStyle, ansi.ResetStyle,
	"\x1b]8;;https://golanguk.com\a", "\x1b]8;;https://go.dev\a", "\x1b]8;;\a",
	"          ",
}

func randomPieces(r *rand.Rand, n int) []string {
	var l []string
	for range r.IntN(n) {
		l = append(l, pieces[r.IntN(len(pieces))])
	}
	return l
}

// TestScreenShowsEachFrame draws random frames, each a few lines changed
// from the one before (a line's start, its end or its middle, or all of
// it; 40 seeds passed), and checks after each that the client's terminal shows every cell
// as the frame drawn on a blank screen would.
func TestScreenShowsEachFrame(t *testing.T) {
	const w, h = 40, 8
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	var out bytes.Buffer
	s := &screen{out: &out, profile: colorprofile.TrueColor, colours: newLineCache()}
	client := newEmulator(w, h)
	lines := make([][]string, h)
	for i := range lines {
		lines[i] = randomPieces(r, 12)
	}
	for frame := range 1000 {
		for range r.IntN(4) {
			y := r.IntN(h)
			switch r.IntN(4) {
			case 0:
				lines[y] = randomPieces(r, 12)
			case 1:
				lines[y] = append(randomPieces(r, 3), lines[y]...)
			case 2:
				lines[y] = append(lines[y], randomPieces(r, 3)...)
			case 3:
				n := r.IntN(len(lines[y]) + 1)
				lines[y] = slices.Concat(lines[y][:n], randomPieces(r, 3), lines[y][n:])
			}
			if len(lines[y]) > 30 {
				lines[y] = lines[y][len(lines[y])-12:]
			}
		}
		// Lines padded to the width, as the browser's are, most of the
		// time.
		shown := make([]string, r.IntN(h+2))
		for i := range shown {
			if i < h {
				shown[i] = strings.Join(lines[i], "") + ansi.ResetStyle + "\x1b]8;;\a"
				if r.IntN(3) > 0 {
					if lw := ansi.StringWidth(shown[i]); lw < w {
						shown[i] += strings.Repeat(" ", w-lw)
					}
				}
			}
		}
		out.Reset()
		s.draw(tea.View{AltScreen: true, Content: strings.Join(shown, "\n")}, w, h)
		client.Write(out.Bytes())
		if err := sameCells(client, painted(w, h, shown)); err != nil {
			t.Fatalf("frame %d: %v\nlines %q", frame, err, shown)
		}
	}
}

func TestScreenModes(t *testing.T) {
	var out bytes.Buffer
	s := &screen{out: &out, profile: colorprofile.TrueColor, colours: newLineCache(), done: make(chan struct{}), wake: make(chan struct{}, 1)}
	close(s.done)
	s.draw(tea.View{AltScreen: true, MouseMode: tea.MouseModeCellMotion, Content: "hello"}, 20, 3)
	first := out.String()
	for _, seq := range []string{ansi.SetModeAltScreenSaveCursor, ansi.HideCursor, ansi.ResetModeAutoWrap, ansi.SetModeMouseButtonEvent, ansi.SetModeMouseExtSgr, ansi.SetModeBracketedPaste, ansi.SetModeSynchronizedOutput, ansi.ResetModeSynchronizedOutput} {
		if !strings.Contains(first, seq) {
			t.Errorf("first frame lacks %q: %q", seq, first)
		}
	}
	out.Reset()
	s.draw(tea.View{AltScreen: true, MouseMode: tea.MouseModeCellMotion, Content: "hello"}, 20, 3)
	if got, want := out.String(), ansi.SetModeSynchronizedOutput+ansi.ResetModeSynchronizedOutput; got != want {
		t.Errorf("the same frame again wrote %q, want %q", got, want)
	}
	out.Reset()
	s.close()
	last := out.String()
	for _, seq := range []string{ansi.ResetModeAltScreenSaveCursor, ansi.ShowCursor, ansi.SetModeAutoWrap, ansi.ResetModeMouseButtonEvent, ansi.ResetModeMouseExtSgr, ansi.ResetModeBracketedPaste} {
		if !strings.Contains(last, seq) {
			t.Errorf("close lacks %q: %q", seq, last)
		}
	}
	out.Reset()
	s.post(tea.View{Content: "after"}, 20, 3)
	if out.Len() != 0 {
		t.Errorf("a frame after close wrote %q", out.String())
	}
}

// TestScreenColourProfiles: a client's colour profile is kept to, as
// Bubble Tea's renderer did: 256 colours for xterm-256color, none at all
// for a terminal without colour.
func TestScreenColourProfiles(t *testing.T) {
	const line = "\x1b[38;2;255;0;0mred\x1b[m and \x1b[1mbold\x1b[m"
	cases := []struct {
		name    string
		profile colorprofile.Profile
		want    string
	}{
		{"true colour", colorprofile.TrueColor, line},
		{"256 colours", colorprofile.ANSI256, "\x1b[38;5;196mred\x1b[m and \x1b[1mbold\x1b[m"},
		{"ascii", colorprofile.ASCII, "red\x1b[m and \x1b[1mbold\x1b[m"},
		{"no tty is ascii", colorprofile.NoTTY, "red\x1b[m and \x1b[1mbold\x1b[m"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			s := &screen{out: &out, profile: max(c.profile, colorprofile.ASCII), colours: newLineCache()}
			s.draw(tea.View{Content: line}, 30, 1)
			if got := out.String(); !strings.Contains(got, ansi.ResetStyle+c.want) {
				t.Errorf("frame %q lacks %q", got, c.want)
			}
		})
	}
}

func TestCompactStyles(t *testing.T) {
	const grey, bold = "\x1b[38;5;252m", "\x1b[1m"
	cases := []struct{ name, in, want string }{
		{"glamour's words", grey + "• " + ansi.ResetStyle + grey + "Substitution" + ansi.ResetStyle + grey + " principle" + ansi.ResetStyle,
			grey + "• Substitution principle" + ansi.ResetStyle},
		{"another style after the reset", grey + "a" + ansi.ResetStyle + bold + "b" + ansi.ResetStyle,
			grey + "a" + ansi.ResetStyle + bold + "b" + ansi.ResetStyle},
		{"two styles set: the reset undoes both", grey + bold + "a" + ansi.ResetStyle + bold + "b",
			grey + bold + "a" + ansi.ResetStyle + bold + "b"},
		{"a hyperlink between", grey + "a\x1b]8;;https://go.dev\x07b" + ansi.ResetStyle + grey + "c\x1b]8;;\x07",
			grey + "a\x1b]8;;https://go.dev\x07bc\x1b]8;;\x07"},
		{"a reset and nothing set", "a" + ansi.ResetStyle + grey + "b", "a" + ansi.ResetStyle + grey + "b"},
		{"plain", "plain text", "plain text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := compactStyles(c.in); got != c.want {
				t.Errorf("compactStyles(%q)\n = %q\nwant %q", c.in, got, c.want)
			}
		})
	}
}

// panicOnce is a terminal whose first write panics.
type panicOnce struct {
	bytes.Buffer
	done bool
}

func (p *panicOnce) Write(b []byte) (int, error) {
	if !p.done {
		p.done = true
		panic("screen test: the first write")
	}
	return p.Buffer.Write(b)
}

// TestScreenPanicEndsOnlyItsSession: a panic while drawing is the
// session's: failed hears of it, the screen draws no more, and closing it
// still restores the terminal.
func TestScreenPanicEndsOnlyItsSession(t *testing.T) {
	out := &panicOnce{}
	failed := make(chan any, 1)
	s := newScreen(out, colorprofile.TrueColor, newLineCache(), nil, 0, func(r any) { failed <- r })
	s.post(tea.View{AltScreen: true, Content: "hello"}, 20, 3)
	select {
	case r := <-failed:
		if r != "screen test: the first write" {
			t.Errorf("failed(%v)", r)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("failed was not called")
	}
	s.post(tea.View{AltScreen: true, Content: "again"}, 20, 3)
	s.close()
	if got := out.String(); !strings.Contains(got, ansi.ResetModeAltScreenSaveCursor) || !strings.Contains(got, ansi.ShowCursor) || strings.Contains(got, "again") {
		t.Errorf("after the panic the terminal got %q, want the restoring sequences alone", got)
	}
}

// lockedBuffer is a terminal the test reads while the screen writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestScreenWaitsForASlowClient: while more than maxBacklog bytes wait
// for the client, no frame is drawn; once it has read them, the newest
// frame is, and none of those made meanwhile.
func TestScreenWaitsForASlowClient(t *testing.T) {
	var waiting atomic.Int64
	out := &lockedBuffer{}
	s := newScreen(out, colorprofile.TrueColor, newLineCache(), func() int { return int(waiting.Load()) }, 100, func(r any) { panic(r) })
	defer s.close()
	waiting.Store(1000)
	for i := range 5 {
		s.post(tea.View{AltScreen: true, Content: fmt.Sprintf("frame %d", i)}, 20, 3)
		time.Sleep(2 * frameInterval)
	}
	if got := out.String(); got != "" {
		t.Fatalf("drew for a client with 1000 bytes waiting: %q", got)
	}
	waiting.Store(0)
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(out.String(), "frame 4"); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the newest frame was never drawn")
		}
	}
	for i := range 4 {
		if f := fmt.Sprintf("frame %d", i); strings.Contains(out.String(), f) {
			t.Errorf("drew %q, made while the client was behind", f)
		}
	}
}

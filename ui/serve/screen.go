package serve

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/ui/internal/cells"
)

// frameInterval is the least time between two frames of a session, as
// Bubble Tea's 60 frames a second: what a program draws meanwhile is
// drawn once, as it stands at the end.
const frameInterval = time.Second / 60

// screen draws a session's frames on its terminal in place of Bubble
// Tea's renderer. That renderer parses every frame into cells and diffs
// all of them against the screen it drew last: at 120x40 that was 2.2 ms
// of the 4.4 ms a key cost the server with 100 sessions typing, and the
// p99 from a key to its frame was 0.5 to 1 s on two cores. A screen
// compares the frame's lines with the lines it drew last and writes, of
// each line that changed, the cells between where it parts from the line
// shown and where the two meet again (drawLine): a frame costs a string
// comparison a line, and the bytes of what changed.
//
// It asks the client's terminal for its background colour once, with the
// first frame, so that a program learns whether it is dark or light.
//
// It draws full-screen programs, as a session's are: every frame from
// the top-left corner, the terminal's line wrapping off so that a line
// never spills onto the next, and lines past the window's width or height
// cut. It follows a frame's AltScreen, MouseMode, Cursor and
// DisableBracketedPasteMode; the other fields of a tea.View are not used.
// Colours are brought down to the client's colour profile.
type screen struct {
	out     io.Writer
	profile colorprofile.Profile
	colours *lineCache
	// backlog, if set, is how many bytes written to out wait for the
	// client; past maxBacklog no frame is drawn until it has read them.
	backlog    func() int
	maxBacklog int

	mu      sync.Mutex
	next    tea.View
	w, h    int
	pending bool
	closed  bool // by close
	broken  bool // drawing panicked
	wake    chan struct{}
	done    chan struct{}

	// The draw goroutine's own: what the client's terminal shows.
	started bool
	shown   tea.View // the modes of the last frame drawn
	lines   []string
	widths  []int // the cells each of lines takes
	sw, sh  int
	buf     bytes.Buffer
}

// newScreen starts the screen of a session whose terminal is out, in
// colour profile p. backlog, if not nil, is how many of the bytes written
// to out wait for the client: past maxBacklog, no frame is drawn until
// the client has read them. failed is called, on the screen's goroutine,
// if drawing panics: the screen draws no more.
func newScreen(out io.Writer, p colorprofile.Profile, colours *lineCache, backlog func() int, maxBacklog int, failed func(any)) *screen {
	s := &screen{out: out, profile: max(p, colorprofile.ASCII), colours: colours, backlog: backlog, maxBacklog: maxBacklog,
		wake: make(chan struct{}, 1), done: make(chan struct{})}
	go s.run(failed)
	return s
}

// post gives the screen the program's newest frame, for a window of w by
// h cells. It never waits for the client.
func (s *screen) post(v tea.View, w, h int) {
	s.mu.Lock()
	if s.closed || s.broken {
		s.mu.Unlock()
		return
	}
	s.next, s.w, s.h, s.pending = v, w, h, true
	select {
	case s.wake <- struct{}{}:
	default:
	}
	s.mu.Unlock()
}

// close stops drawing, and leaves the client's terminal as it was before
// the first frame: the main screen, the cursor shown, mouse reports and
// bracketed paste off, line wrapping on.
func (s *screen) close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	close(s.wake)
	s.mu.Unlock()
	<-s.done
	if !s.started {
		return
	}
	b := &s.buf
	b.Reset()
	b.WriteString(ansi.ResetStyle)
	if s.shown.MouseMode != tea.MouseModeNone {
		b.WriteString(ansi.ResetModeMouseButtonEvent + ansi.ResetModeMouseAnyEvent + ansi.ResetModeMouseExtSgr)
	}
	if !s.shown.DisableBracketedPasteMode {
		b.WriteString(ansi.ResetModeBracketedPaste)
	}
	b.WriteString(ansi.SetModeAutoWrap)
	if s.shown.AltScreen {
		b.WriteString(ansi.ResetModeAltScreenSaveCursor)
	} else {
		b.WriteString(ansi.CursorPosition(1, max(1, s.sh)) + "\r\n")
	}
	b.WriteString(ansi.ShowCursor)
	_, _ = s.out.Write(b.Bytes())
}

func (s *screen) run(failed func(any)) {
	defer close(s.done)
	defer func() {
		if r := recover(); r != nil {
			s.mu.Lock()
			s.broken = true
			s.mu.Unlock()
			failed(r)
		}
	}()
	var last time.Time
	for range s.wake {
		if wait := time.Until(last.Add(frameInterval)); wait > 0 {
			time.Sleep(wait)
		}
		// A client slow to read gets the newest frame once it has read
		// most of those before, not every frame made meanwhile: what is
		// held for it stays small, and one that stops reading is cut off
		// when a write stalls (output), not for the frames it missed.
		for s.backlog != nil && s.backlog() > s.maxBacklog && !s.isClosed() {
			time.Sleep(frameInterval)
		}
		s.mu.Lock()
		v, w, h, ok := s.next, s.w, s.h, s.pending
		s.pending = false
		closed := s.closed
		s.mu.Unlock()
		if closed {
			return
		}
		if ok {
			s.draw(v, w, h)
			last = time.Now()
		}
	}
}

// draw brings the client's terminal to frame v in a w by h window.
func (s *screen) draw(v tea.View, w, h int) {
	b := &s.buf
	b.Reset()
	b.WriteString(ansi.SetModeSynchronizedOutput)
	if !s.started {
		if v.AltScreen {
			b.WriteString(ansi.SetModeAltScreenSaveCursor)
		}
		b.WriteString(ansi.HideCursor + ansi.ResetModeAutoWrap)
		s.modes(b, tea.View{DisableBracketedPasteMode: true}, v)
		// Bubble Tea skips its programs' queries when it reads no input
		// of its own (the session's input is read for it): ask the
		// client's terminal for its background here, and the answer
		// comes to the program with the keys, a tea.BackgroundColorMsg.
		b.WriteString(ansi.RequestBackgroundColor)
		s.started = true
	} else {
		if v.AltScreen != s.shown.AltScreen {
			if v.AltScreen {
				b.WriteString(ansi.SetModeAltScreenSaveCursor)
			} else {
				b.WriteString(ansi.ResetModeAltScreenSaveCursor)
			}
			s.lines = nil
		}
		s.modes(b, s.shown, v)
	}
	if w != s.sw || h != s.sh || s.lines == nil {
		b.WriteString(ansi.ResetStyle + ansi.CursorHomePosition + ansi.EraseEntireScreen)
		s.lines, s.widths, s.sw, s.sh = make([]string, h), make([]int, h), w, h
	}
	lines := strings.SplitN(v.Content, "\n", h+1)
	for y := range h {
		var l string
		if y < len(lines) {
			l = strings.TrimSuffix(lines[y], "\r")
		}
		if l == s.lines[y] {
			continue
		}
		s.drawLine(b, y, l, w)
	}
	if c := v.Cursor; c != nil {
		b.WriteString(ansi.CursorPosition(c.X+1, c.Y+1) + ansi.ShowCursor)
	} else if s.shown.Cursor != nil {
		b.WriteString(ansi.HideCursor)
	}
	b.WriteString(ansi.ResetModeSynchronizedOutput)
	s.shown = v
	_, _ = s.out.Write(b.Bytes())
}

func (s *screen) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// drawLine writes what turns line y of the screen, of width w, into l.
// What l shares with the line shown, at its start and at its end, stays:
// only the cells between are written.
func (s *screen) drawLine(b *bytes.Buffer, y int, l string, w int) {
	old, oldW := s.lines[y], s.widths[y]
	cut := samePrefix(old, l)
	col := 0
	if cut > 0 {
		col = cells.Width(l[:cut])
	}
	lw := col + cells.Width(l[cut:])
	s.lines[y], s.widths[y] = l, lw
	if col >= w {
		return // they part past the window's edge
	}
	rest := l[cut:]
	end := len(rest)
	if lw == oldW && lw <= w {
		end = sameSuffix(old[cut:], rest)
	}
	erase := false
	if end < len(rest) {
		rest = rest[:end] // the cells from end on are those shown, where they are
	} else {
		if lw > w {
			// Cut at the edge; a wide rune that would straddle it goes.
			rest = ansi.Truncate(rest, w-col, "")
			lw = col + cells.Width(rest)
		}
		erase = lw < w
	}
	b.WriteString(ansi.CursorPosition(col+1, y+1) + ansi.ResetStyle)
	b.WriteString(s.colours.convert(s.profile, rest))
	b.WriteString(ansi.ResetStyle)
	if erase {
		b.WriteString(ansi.EraseLineRight)
	}
}

// sameSuffix is where the common end of lines a and b starts in b, as a
// byte offset after which b is drawn as a is: just after a style reset
// in the common end, outside any hyperlink. It is len(b) when there is
// no such place. a and b must take the same cells.
func sameSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	start := len(b) - n
	i := strings.Index(b[start:], ansi.ResetStyle)
	if i < 0 {
		return len(b)
	}
	end := start + i + len(ansi.ResetStyle)
	if inLink(b[:end]) || inLink(a[:len(a)-(len(b)-end)]) {
		return len(b)
	}
	return end
}

// inLink reports whether s leaves a hyperlink open.
func inLink(s string) bool {
	i := strings.LastIndex(s, "\x1b]8;")
	return i >= 0 && !strings.HasPrefix(s[i:], "\x1b]8;;\a") && !strings.HasPrefix(s[i:], "\x1b]8;;\x1b\\")
}

// samePrefix is where lines a and b part, as a byte offset of both
// after which b can be written on a: the end of the last style reset of
// their common prefix, outside any hyperlink. It is 0 when there is no
// such place.
func samePrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	p := strings.LastIndex(b[:n], ansi.ResetStyle)
	if p < 0 {
		return 0
	}
	cut := p + len(ansi.ResetStyle)
	if inLink(b[:cut]) {
		return 0
	}
	return cut
}

// modes writes what turns the mouse and bracketed paste modes of was
// into those of v.
func (s *screen) modes(b *bytes.Buffer, was, v tea.View) {
	if v.MouseMode != was.MouseMode {
		b.WriteString(ansi.ResetModeMouseButtonEvent + ansi.ResetModeMouseAnyEvent + ansi.ResetModeMouseExtSgr)
		switch v.MouseMode {
		case tea.MouseModeCellMotion:
			b.WriteString(ansi.SetModeMouseButtonEvent + ansi.SetModeMouseExtSgr)
		case tea.MouseModeAllMotion:
			b.WriteString(ansi.SetModeMouseAnyEvent + ansi.SetModeMouseExtSgr)
		}
	}
	if v.DisableBracketedPasteMode != was.DisableBracketedPasteMode {
		if v.DisableBracketedPasteMode {
			b.WriteString(ansi.ResetModeBracketedPaste)
		} else {
			b.WriteString(ansi.SetModeBracketedPaste)
		}
	}
}

// drawnModel is a session's program drawn on its screen: Bubble Tea
// runs it without a renderer of its own, and each frame View makes goes
// to the screen.
type drawnModel struct {
	tea.Model
	scr  *screen
	w, h int
}

func (m drawnModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		m.w, m.h = max(0, ws.Width), max(0, ws.Height)
	}
	inner, cmd := m.Model.Update(msg)
	m.Model = inner
	return m, cmd
}

func (m drawnModel) View() tea.View {
	m.scr.post(m.Model.View(), m.w, m.h)
	return tea.View{}
}

// compactStyles drops from s each style reset that is followed at once
// by the one style that was set since the reset before it: glamour
// styles each word of a line on its own ("\x1b[38;5;252mA\x1b[m\x1b[38;5;252m
// B\x1b[m"), which is as many bytes again for the client to read as the
// text. s must start with the style reset.
func compactStyles(s string) string {
	const reset = ansi.ResetStyle
	var b strings.Builder
	set := "" // the one style set since the last reset, if only one
	sgrs := 0 // styles set since the last reset
	for i := 0; i < len(s); {
		if s[i] != '\x1b' {
			j := strings.IndexByte(s[i:], '\x1b')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(s[i : i+j])
			i += j
			continue
		}
		if strings.HasPrefix(s[i:], reset) {
			if sgrs == 1 && strings.HasPrefix(s[i+len(reset):], set) {
				i += len(reset) + len(set) // the same style again
				continue
			}
			b.WriteString(reset)
			i += len(reset)
			set, sgrs = "", 0
			continue
		}
		n := sgrLen(s[i:])
		if n == 0 {
			// Another sequence (a hyperlink): written as it is; it does
			// not change the style.
			b.WriteByte(s[i])
			i++
			continue
		}
		set = s[i : i+n]
		sgrs++
		b.WriteString(set)
		i += n
	}
	if b.Len() == len(s) {
		return s
	}
	return b.String()
}

// sgrLen is the length of the style sequence (CSI ... m) s starts with, or
// 0 if it starts with none.
func sgrLen(s string) int {
	if !strings.HasPrefix(s, "\x1b[") {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c == 'm':
			return i + 1
		case c >= '0' && c <= '9', c == ';', c == ':':
		default:
			return 0
		}
	}
	return 0
}

// lineCacheSize is how many lines a lineCache keeps in each of its two
// generations.
const lineCacheSize = 8192

// lineCache keeps lines brought down to a colour profile, for all the
// sessions of a server: sessions that read one talk at one width draw the
// same lines, and most lines of a frame were in one before. Parsing a
// line's escape sequences to bring its colours down was half of what
// drawing a frame cost. It holds at most two generations of
// lineCacheSize lines: when the newer is full, the older goes.
type lineCache struct {
	mu       sync.Mutex
	cur, old map[lineKey]string
}

type lineKey struct {
	profile colorprofile.Profile
	line    string
}

func newLineCache() *lineCache {
	return &lineCache{cur: make(map[lineKey]string), old: make(map[lineKey]string)}
}

// convert returns line with its colours brought down to profile p.
func (c *lineCache) convert(p colorprofile.Profile, line string) string {
	if !strings.Contains(line, "\x1b[") {
		return line
	}
	k := lineKey{p, line}
	c.mu.Lock()
	v, ok := c.cur[k]
	if !ok {
		if v, ok = c.old[k]; ok {
			c.put(k, v)
		}
	}
	c.mu.Unlock()
	if ok {
		return v
	}
	v = line
	if p != colorprofile.TrueColor {
		var b strings.Builder
		_, _ = (&colorprofile.Writer{Forward: &b, Profile: p}).Write([]byte(line))
		v = b.String()
	}
	v = compactStyles(v)
	c.mu.Lock()
	// A line of the frame is a piece of the whole frame: the key keeps a
	// copy, not the frame.
	c.put(lineKey{p, strings.Clone(line)}, v)
	c.mu.Unlock()
	return v
}

// put keeps v for k in the newer generation; c.mu is held.
func (c *lineCache) put(k lineKey, v string) {
	if len(c.cur) >= lineCacheSize {
		c.old, c.cur = c.cur, make(map[lineKey]string, lineCacheSize)
	}
	c.cur[k] = v
}

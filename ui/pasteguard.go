package ui

import (
	"bytes"
	"io"
	"strings"

	"github.com/charmbracelet/x/term"
)

// Bracketed paste: the terminal wraps pasted text in these markers.
const (
	pasteStart = "\x1b[200~"
	pasteEnd   = "\x1b[201~"
)

// pasteEscape is what an ESC inside a paste becomes: the caret notation a
// terminal shows for it, two printable bytes.
const pasteEscape = "^["

// pasteGuard filters the terminal's input so that pasted text stays text:
// inside a bracketed paste, every ESC that does not begin the end marker is
// replaced with "^[". Bubble Tea v2.1.1's input decoder parses escape
// sequences inside a paste, so a pasted, unterminated string (an OSC such as
// "\x1b]0;half") held the decoder open: the end marker and every later key,
// ctrl+c included, were swallowed. With the guard, a paste can hold nothing
// open; its text reaches the search box, which shows control characters as
// text anyway.
//
// The guard wraps the terminal file itself, keeping its Fd, so that Bubble
// Tea still puts the terminal in raw mode and waits on it for input.
type pasteGuard struct {
	r       io.Reader
	inPaste bool
	// held is, inside a paste, the start of an end marker cut by a read,
	// kept back for the next read. Outside a paste nothing is kept back (a
	// lone esc key must arrive at once): tail is the start of a paste
	// marker that ended the last read, already passed on.
	held []byte
	tail []byte
	// out is filtered input not yet returned (a read can grow: one ESC
	// becomes two bytes).
	out []byte
	buf []byte
}

// guardedFile is a pasteGuard over a terminal file.
type guardedFile struct {
	*pasteGuard
	f term.File
}

func (g guardedFile) Write(b []byte) (int, error) { return g.f.Write(b) }
func (g guardedFile) Close() error                { return g.f.Close() }
func (g guardedFile) Fd() uintptr                 { return g.f.Fd() }

// Name is the file's name, for readers (cancelreader) that ask for it.
func (g guardedFile) Name() string {
	if n, ok := g.f.(interface{ Name() string }); ok {
		return n.Name()
	}
	return ""
}

// guardPaste wraps r in a pasteGuard, keeping it a terminal file if it is
// one.
func guardPaste(r io.Reader) io.Reader {
	g := &pasteGuard{r: r}
	if f, ok := r.(term.File); ok {
		return guardedFile{g, f}
	}
	return g
}

func (g *pasteGuard) Read(p []byte) (int, error) {
	for len(g.out) == 0 {
		if cap(g.buf) < len(p) {
			g.buf = make([]byte, max(len(p), 256))
		}
		n, err := g.r.Read(g.buf[:len(p)])
		if n > 0 {
			g.filter(g.buf[:n])
		}
		if err != nil {
			if len(g.out) == 0 {
				// Nothing more will come to complete a held marker.
				g.out, g.held = append(g.out, g.held...), nil
			}
			if len(g.out) == 0 {
				return 0, err
			}
			break
		}
		if n == 0 {
			return 0, nil
		}
	}
	n := copy(p, g.out)
	g.out = g.out[n:]
	return n, nil
}

// filter appends b, filtered, to g.out.
func (g *pasteGuard) filter(b []byte) {
	if len(g.held) > 0 {
		b = append(g.held, b...)
		g.held = nil
	}
	if len(g.tail) > 0 {
		// A paste start cut by the last read: its first bytes are passed
		// on already; the rest opens the paste.
		rest := pasteStart[len(g.tail):]
		tail := g.tail
		g.tail = nil
		switch {
		case bytes.HasPrefix(b, []byte(rest)):
			g.out = append(g.out, rest...)
			b = b[len(rest):]
			g.inPaste = true
		case len(b) < len(rest) && strings.HasPrefix(rest, string(b)):
			g.out = append(g.out, b...)
			g.tail = append(tail, b...)
			return
		}
	}
	for len(b) > 0 {
		i := bytes.IndexByte(b, 0x1b)
		if i < 0 {
			g.out = append(g.out, b...)
			return
		}
		g.out = append(g.out, b[:i]...)
		b = b[i:]
		switch {
		case !g.inPaste && bytes.HasPrefix(b, []byte(pasteStart)):
			g.out = append(g.out, pasteStart...)
			b = b[len(pasteStart):]
			g.inPaste = true
		case !g.inPaste:
			if len(b) < len(pasteStart) && strings.HasPrefix(pasteStart, string(b)) {
				g.tail = append([]byte(nil), b...)
			}
			g.out = append(g.out, b[0])
			b = b[1:]
		case bytes.HasPrefix(b, []byte(pasteEnd)):
			g.out = append(g.out, pasteEnd...)
			b = b[len(pasteEnd):]
			g.inPaste = false
		case len(b) < len(pasteEnd) && strings.HasPrefix(pasteEnd, string(b)):
			g.held = append([]byte(nil), b...)
			return
		default:
			g.out = append(g.out, pasteEscape...)
			b = b[1:]
		}
	}
}

package ui

import (
	"io"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	"github.com/golanguk/golanguk/notes"
)

// TestDetailScrollKeys drives the notes pane's viewport with the keys of
// less. At 120x16 the body is 14 lines (a header line above, a help line
// below) and the notes pane's header takes 3 of them, so a page is 11
// lines and half a page 5.
func TestDetailScrollKeys(t *testing.T) {
	const page, half = 11, 5
	m, doc := testModel(t, Options{Style: "dark"}, 120, 16)
	m = rendered(m, doc.Talks[0], m.detailWidth())
	m = step(m, tea.KeyPressMsg{Code: tea.KeyTab})
	total := m.detail.vp.TotalLineCount()
	if total < 3*page {
		t.Fatalf("talk 1 renders %d lines; the test needs three pages", total)
	}
	if got := m.detail.vp.Height(); got != page {
		t.Fatalf("the viewport is %d lines high, want %d", got, page)
	}
	end := total - page
	key := func(code rune, text string) tea.Msg { return tea.KeyPressMsg{Code: code, Text: text} }
	cases := []struct {
		name string
		msg  tea.Msg
		want int // offset after
	}{
		{"j", key('j', "j"), 1},
		{"down", key(tea.KeyDown, ""), 2},
		{"k", key('k', "k"), 1},
		{"space", key(tea.KeySpace, " "), 1 + page},
		{"b", key('b', "b"), 1},
		{"f", key('f', "f"), 1 + page},
		{"pgup", key(tea.KeyPgUp, ""), 1},
		{"ctrl+d", tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}, 1 + half},
		{"d", key('d', "d"), 1 + 2*half},
		{"u", key('u', "u"), 1 + half},
		{"G", key('G', "G"), end},
		{"space at the end", key(tea.KeySpace, " "), end},
		{"g", key('g', "g"), 0},
		{"k at the top", key('k', "k"), 0},
		{"wheel down", tea.MouseWheelMsg{X: 100, Y: 10, Button: tea.MouseWheelDown}, 3},
		{"wheel up", tea.MouseWheelMsg{X: 100, Y: 10, Button: tea.MouseWheelUp}, 0},
		{"end", key(tea.KeyEnd, ""), end},
		{"home", key(tea.KeyHome, ""), 0},
	}
	for _, c := range cases {
		m = step(m, c.msg)
		if got := m.detail.vp.YOffset(); got != c.want {
			t.Fatalf("%s: offset %d, want %d", c.name, got, c.want)
		}
	}
}

// TestDetailVisibleIsViewportView: the pane draws the viewport's window
// on its lines itself (visible), for what the viewport's View costs; it
// must show what View shows, at every offset of a talk, in a pane shorter
// and one taller than the talk, and at the end where the window runs
// past the last line.
func TestDetailVisibleIsViewportView(t *testing.T) {
	for _, size := range []struct{ w, h int }{{120, 16}, {80, 24}, {60, 200}} {
		m, doc := testModel(t, Options{Style: "dark"}, size.w, size.h)
		m = rendered(m, doc.Talks[0], m.detailWidth())
		d := m.detail
		if len(d.lines) < 30 {
			t.Fatalf("%dx%d: talk 1 shows %d lines, want the whole talk", size.w, size.h, len(d.lines))
		}
		for off := 0; off <= len(d.lines)+2; off++ {
			d.vp.SetYOffset(off)
			want := strings.Split(d.vp.View(), "\n")
			got := d.visible()
			if len(got) != len(want) {
				t.Fatalf("%dx%d, offset %d: visible has %d lines, the viewport's View %d", size.w, size.h, off, len(got), len(want))
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%dx%d, offset %d (viewport at %d), line %d: visible\n%q\nviewport View\n%q", size.w, size.h, off, d.vp.YOffset(), i, got[i], want[i])
				}
			}
		}
	}
}

// sharedBrowser returns a shared renderer and a browser on it at 120x40,
// with the page its notes pane wants: talk 1's.
func sharedBrowser(t *testing.T) (*Renderer, Model, *notes.Document, renderKey) {
	t.Helper()
	r := NewSharedRenderer()
	m, doc := testModel(t, Options{Style: "dark", Renderer: r}, 120, 40)
	k, ok := m.pageKey()
	if !ok || k.talk != doc.Talks[0] {
		t.Fatalf("the notes pane wants %+v, want talk 1", k)
	}
	return r, m, doc, k
}

// renderKept does what a browser's render command for k does: it renders
// the talk and keeps its page in r.
func renderKept(t *testing.T, r *Renderer, k renderKey) renderedMsg {
	t.Helper()
	out, err := r.Body(k.talk, k.width, k.style)
	msg := renderedPage(r, k, out, err)
	if msg.err != nil || msg.page == nil {
		t.Fatalf("rendering %q: %v", k.talk.Title, msg.err)
	}
	return msg
}

// TestSharedRendererShowsPagesAtOnce: browsers sharing a Renderer (serve's
// sessions) share its pages. Once one has made talk 1's page, another
// opening at the same width shows talk 1's notes in the Update that sizes
// it, with no render command to wait for; a browser with a renderer of
// its own shows "Rendering…" until its command's page arrives.
func TestSharedRendererShowsPagesAtOnce(t *testing.T) {
	r, _, doc, k := sharedBrowser(t)
	renderKept(t, r, k) // the render command the first browser's sizing gave
	for _, c := range []struct {
		name     string
		renderer *Renderer
		want     string
	}{
		{"sharing the renderer", r, "Objective: design good programs."},
		{"a renderer of its own", NewRenderer(), "Rendering…"},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := New(doc, Options{Style: "dark", Renderer: c.renderer})
			m = step(m, tea.WindowSizeMsg{Width: 120, Height: 40})
			if !strings.Contains(ansi.Strip(m.detail.body), c.want) {
				t.Errorf("the notes pane after sizing lacks %q:\n%s", c.want, ansi.Strip(m.detail.body))
			}
		})
	}
}

// TestSharedRendererAheadSkipsKeptPages: a browser renders the
// neighbours of its selection ahead of a move, but not those another
// browser sharing the renderer made already. serve's sessions asked for
// them anyway, and each answer was an Update and a frame for nothing: 458
// such messages for 1,033 keys in TestServeLoad.
func TestSharedRendererAheadSkipsKeptPages(t *testing.T) {
	r, first, doc, k := sharedBrowser(t)
	ahead := first.aheadKeys(k)
	if len(ahead) != 1 || ahead[0].talk != doc.Talks[1] {
		t.Fatalf("ahead of talk 1: %v, want talk 2 alone", ahead)
	}
	renderKept(t, r, k) // the first browser's commands
	renderKept(t, r, ahead[0])
	for _, c := range []struct {
		name     string
		renderer *Renderer
		want     int
	}{
		{"sharing the renderer", r, 0},
		{"a renderer of its own", NewRenderer(), 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := New(doc, Options{Style: "dark", Renderer: c.renderer})
			m = step(m, tea.WindowSizeMsg{Width: 120, Height: 40})
			if got := m.aheadKeys(k); len(got) != c.want {
				t.Errorf("renders ahead of talk 1: %d (%v), want %d", len(got), got, c.want)
			}
		})
	}
}

// TestPaintRangesIsStyleRanges: the notes pane's highlights are drawn by
// paintRanges, which reads a line once, in place of lipgloss.StyleRanges;
// on every rendered line of the talks, for highlights of one cell and of
// several, at the start of a line and past its end, a terminal must show
// the same cells, letters and styles, for both (hyperlinks are kept by
// paintRanges outside the highlights as by StyleRanges).
func TestPaintRangesIsStyleRanges(t *testing.T) {
	t.Parallel()
	m, doc := testModel(t, Options{Style: "dark"}, 120, 40)
	hl, cur := m.styles.Highlight, m.styles.Current
	const w = 100
	for _, tk := range doc.Talks[:12] { // lists, code, links, emoji (talk 4), tables
		out, err := m.renderer.Body(tk, w, "dark")
		if err != nil {
			t.Fatal(err)
		}
		for li, line := range strings.Split(out, "\n") {
			for _, shape := range []struct{ every, long int }{{3, 1}, {11, 5}} {
				// Highlights start and end between letters, as matches
				// do: every shape.every letters, shape.long long.
				cols := letterColumns(line)
				var lr []lipgloss.Range
				var pr []paintRange
				for i := 0; i < len(cols)+3; i += shape.every {
					st := hl
					if i == 2*shape.every {
						st = cur
					}
					at := func(i int) int {
						if i < len(cols) {
							return cols[i]
						}
						return cols[len(cols)-1] + i - len(cols) + 1 // past the end
					}
					lr = append(lr, lipgloss.NewRange(at(i), at(i+shape.long), st))
					pr = append(pr, paintRange{at(i), at(i + shape.long), paintOf(st)})
				}
				want, got := vtLine(w, lipgloss.StyleRanges(line, lr...)), vtLine(w, paintRanges(line, pr))
				for x := range w {
					g, e := got.CellAt(x, 0), want.CellAt(x, 0)
					if g == nil || e == nil || g.Content != e.Content || !ptr(shown(g)).Equal(ptr(shown(e))) {
						t.Fatalf("talk %d line %d, highlights every %d cells: cell %d is %q %+v, want %q %+v\nline %q\nours %q\nlipgloss %q", tk.Number, li, shape.every, x, g.Content, g.Style, e.Content, e.Style, line, paintRanges(line, pr), lipgloss.StyleRanges(line, lr...))
					}
				}
			}
		}
	}
}

// letterColumns are the columns where the letters (grapheme clusters)
// of styled line s start, and where the last ends.
func letterColumns(s string) []int {
	cols := []int{0}
	var state byte
	for col := 0; len(s) > 0; {
		_, width, n, newState := ansi.DecodeSequence(s, state, nil)
		state = newState
		if width > 0 {
			col += width
			cols = append(cols, col)
		}
		s = s[n:]
	}
	return cols
}

// shown is the style of cell c as it shows: bold on a blank does not
// (lipgloss leaves it off the spaces of a range, paintRanges does not).
func shown(c *uv.Cell) uv.Style {
	st := c.Style
	if strings.TrimSpace(c.Content) == "" {
		st.Attrs &^= uv.AttrBold
	}
	return st
}

func ptr[T any](v T) *T { return &v }

// vtLine is a terminal w cells wide showing s on its first line.
func vtLine(w int, s string) *vt.Emulator {
	e := vt.NewEmulator(w, 1)
	go io.Copy(io.Discard, e)
	e.WriteString(s)
	return e
}

// TestSharedPagesFoldTheirTextOnce: the text the notes pane searches for
// the query's terms is made once a page, for every browser showing it,
// not once a browser: serve's readers typing a query each folded every
// line of the page they were shown.
func TestSharedPagesFoldTheirTextOnce(t *testing.T) {
	r, a, doc, k := sharedBrowser(t)
	a = step(a, renderKept(t, r, k))
	b := New(doc, Options{Style: "dark", Renderer: r})
	b = step(b, tea.WindowSizeMsg{Width: 120, Height: 40})
	for _, key := range []string{"/", "s", "o"} {
		a, b = step(a, press(key)), step(b, press(key))
	}
	if len(a.detail.matches) == 0 || len(b.detail.matches) != len(a.detail.matches) {
		t.Fatalf("matches of %q: %d and %d, want the same, some", "so", len(a.detail.matches), len(b.detail.matches))
	}
	if a.detail.text == nil || a.detail.text != b.detail.text {
		t.Errorf("the two browsers searched texts of their own (%p, %p), not the page's", a.detail.text, b.detail.text)
	}
}

package ui

import (
	"bytes"
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"
	"unsafe"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
)

func testModel(t *testing.T, opts Options, w, h int) (Model, *notes.Document) {
	t.Helper()
	doc, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
	if err != nil {
		t.Fatal(err)
	}
	m := New(doc, opts)
	// A test that runs the commands a key gives waits for none of the
	// status line's ticks.
	m.statusFor = time.Millisecond
	m = step(m, tea.WindowSizeMsg{Width: w, Height: h})
	return m, doc
}

func step(m Model, msg tea.Msg) Model {
	tm, _ := m.Update(msg)
	return tm.(Model)
}

// rendered delivers a rendering made outside the program.
func rendered(m Model, t *notes.Talk, width int) Model {
	k := renderKey{talk: t, width: width, style: m.style}
	out, err := m.renderer.Body(t, width, m.style)
	return step(m, renderedMsg{key: k, out: out, err: err})
}

func TestStaleRenderingNeverShows(t *testing.T) {
	m, doc := testModel(t, Options{Style: "dark"}, 120, 40)
	w := m.detailWidth()

	// The notes of talk 2 arrive while talk 1 is selected.
	m = rendered(m, doc.Talks[1], w)
	if _, ok := m.Shown(); ok {
		t.Fatal("talk 1 shows the notes of talk 2")
	}
	// Talk 1's notes at an old width arrive: not shown either.
	m = rendered(m, doc.Talks[0], w+7)
	if _, ok := m.Shown(); ok {
		t.Fatal("notes rendered for another width are shown")
	}
	m = rendered(m, doc.Talks[0], w)
	if got, ok := m.Shown(); !ok || got != doc.Talks[0] {
		t.Fatalf("talk 1's own notes are not shown")
	}
	// Move on: the cached neighbour shows at once.
	m = step(m, tea.KeyPressMsg{Code: 'j', Text: "j"})
	if got, ok := m.Shown(); !ok || got != doc.Talks[1] {
		t.Fatalf("moving to talk 2, rendered earlier, shows %v (rendered %v)", got, ok)
	}
	// A late rendering of talk 1 must not replace talk 2's.
	m = rendered(m, doc.Talks[0], w)
	if got, _ := m.Shown(); got != doc.Talks[1] || !strings.Contains(m.View().Content, doc.Talks[1].Title) {
		t.Fatal("a late rendering of talk 1 took over the pane")
	}
}

func TestResizeKeepsNotesUntilRerendered(t *testing.T) {
	m, doc := testModel(t, Options{Style: "dark"}, 120, 40)
	m = rendered(m, doc.Talks[0], m.detailWidth())
	m = step(m, tea.WindowSizeMsg{Width: 140, Height: 40})
	if _, ok := m.Shown(); !ok {
		t.Fatal("resizing blanked the notes before the new rendering")
	}
	if strings.Contains(m.View().Content, "Rendering…") {
		t.Fatal("resizing shows the rendering placeholder")
	}
	for i, l := range strings.Split(m.View().Content, "\n") {
		if w := lipglossWidth(l); w > 140 {
			t.Fatalf("line %d is %d wide after the resize", i, w)
		}
	}
}

func TestBackgroundPicksStyle(t *testing.T) {
	t.Setenv("GLAMOUR_STYLE", "")
	t.Setenv("NO_COLOR", "")
	cases := []struct {
		name  string
		flag  string
		bg    color.Color
		style string
	}{
		{"light terminal", "", color.White, "light"},
		{"dark terminal", "", color.Black, "dark"},
		{"--style wins", "dracula", color.White, "dracula"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, _ := testModel(t, Options{Style: c.flag}, 120, 40)
			m = step(m, tea.BackgroundColorMsg{Color: c.bg})
			if m.style != c.style {
				t.Errorf("style %q, want %q", m.style, c.style)
			}
			if m.detail.want.style != c.style {
				t.Errorf("the notes pane waits for a %q rendering, want %q", m.detail.want.style, c.style)
			}
		})
	}
}

func TestSpeakerHyperlink(t *testing.T) {
	m, doc := testModel(t, Options{Style: "dark"}, 120, 40)
	v := m.View().Content
	link := "\x1b]8;;" + doc.Talks[0].SpeakerURL
	if !strings.Contains(v, link) {
		t.Errorf("the speaker is not a hyperlink to %q", doc.Talks[0].SpeakerURL)
	}

	evil := *doc.Talks[0]
	evil.SpeakerURL = "javascript:alert(1)"
	doc.Talks[0] = &evil
	m = New(doc, Options{Style: "dark"})
	m = step(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	if v := m.View().Content; strings.Contains(v, "\x1b]8;;javascript") || strings.Contains(v, "\x1b]8;;j") {
		t.Error("a javascript: speaker link is clickable")
	}
}

func lipglossWidth(s string) int { return ansi.StringWidth(s) }

func TestMouse(t *testing.T) {
	m, doc := testModel(t, Options{Style: "dark"}, 120, 40)
	m = rendered(m, doc.Talks[0], m.detailWidth())

	// Rows are two lines below the header and the search line: screen
	// line 6 is the title of the third talk.
	m = step(m, tea.MouseClickMsg{X: 5, Y: 6, Button: tea.MouseLeft})
	if m.Selected() != doc.Talks[2] || m.DetailFocused() {
		t.Fatalf("click on line 6 selected %q (notes focused %v), want %q", m.Selected().Title, m.DetailFocused(), doc.Talks[2].Title)
	}
	// The wheel over the list moves the selection.
	m = step(m, tea.MouseWheelMsg{X: 5, Y: 10, Button: tea.MouseWheelDown})
	if m.Selected() != doc.Talks[3] {
		t.Fatalf("wheel down over the list selected %q", m.Selected().Title)
	}
	// The wheel over the notes scrolls them, and leaves the selection.
	m = rendered(m, doc.Talks[3], m.detailWidth())
	before := m.detail.vp.YOffset()
	m = step(m, tea.MouseWheelMsg{X: 100, Y: 10, Button: tea.MouseWheelDown})
	if m.detail.vp.YOffset() <= before || m.Selected() != doc.Talks[3] {
		t.Fatalf("wheel over the notes: offset %d -> %d, selected %q", before, m.detail.vp.YOffset(), m.Selected().Title)
	}
	// A click in the notes focuses them; on the search line, it searches.
	m = step(m, tea.MouseClickMsg{X: 100, Y: 10, Button: tea.MouseLeft})
	if !m.DetailFocused() {
		t.Fatal("a click in the notes did not focus them")
	}
	m = step(m, tea.MouseClickMsg{X: 3, Y: 1, Button: tea.MouseLeft})
	if !m.Searching() {
		t.Fatal("a click on the search line did not start a search")
	}
}

// TestPrerenderIsWhatTheFirstFrameAsks checks that the rendering Browse
// starts before Bubble Tea runs is the one the model then asks for, for
// every layout (two panes, one pane, too small): the command that answers
// the first window size finds it made, and nothing is rendered twice. The
// second pass runs the two at once, as Browse does, for the race detector.
func TestPrerenderIsWhatTheFirstFrameAsks(t *testing.T) {
	doc, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, concurrent := range []bool{false, true} {
		for _, size := range []struct{ w, h int }{{120, 40}, {80, 24}, {200, 60}, {100, 30}, {99, 30}, {20, 5}} {
			t.Run(fmt.Sprintf("%dx%d/concurrent=%v", size.w, size.h, concurrent), func(t *testing.T) {
				m := New(doc, Options{Style: "dark"})
				render := m.prerender(size.w, size.h)
				done := make(chan struct{})
				switch {
				case render == nil:
					close(done)
				case concurrent:
					go func() { render(); close(done) }()
				default:
					render()
					close(done)
				}
				tm, cmd := m.Update(tea.WindowSizeMsg{Width: size.w, Height: size.h})
				m = tm.(Model)
				if m.tooSmall() {
					if render != nil || cmd != nil {
						t.Fatalf("too small a window renders anyway")
					}
					return
				}
				if render == nil || cmd == nil {
					t.Fatalf("nothing renders the first page: prerender %v, command %v", render != nil, cmd != nil)
				}
				msg, ok := cmd().(renderedMsg)
				if !ok {
					t.Fatalf("the first command returns %T, want renderedMsg", msg)
				}
				<-done
				got := outputs(m.renderer)
				if len(got) != 1 || got[0].talk != doc.Talks[0] || got[0].kind != 'b' || got[0].width != msg.key.width || got[0].style != msg.key.style {
					t.Fatalf("renderings made %+v; the model asked for talk 1 at width %d, style %s", got, msg.key.width, msg.key.style)
				}
			})
		}
	}
}

// outputs lists what r has rendered.
func outputs(r *Renderer) []outputKey {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]outputKey(nil), r.outputs.keys...)
}

// TestModelCopiesKeepTheirSearchBoxes: a Model is a value, and a copy
// kept from before a key must not change with the keys sent to another
// (the search boxes' inputs are shared between copies until one changes:
// searchModel.edit).
func TestModelCopiesKeepTheirSearchBoxes(t *testing.T) {
	m, _ := testModel(t, Options{Style: "dark"}, 120, 40)
	searching := step(m, press("/"))
	typed := steps(searching, press("g"), press("o"))
	if got := typed.search.value(); got != "go" {
		t.Fatalf("after / g o the query is %q, want %q", got, "go")
	}
	if got := searching.search.value(); got != "" {
		t.Errorf("the copy kept before g o has the query %q, want none", got)
	}
	if got := m.search.value(); got != "" || strings.Contains(ansi.Strip(m.View().Content), "/ go") {
		t.Errorf("the copy kept before / has the query %q", got)
	}

	// The notes' own search box, opened with / in the notes pane (tab),
	// in a new browser: copies share the key map, whose bindings the
	// keys above set for the search box.
	m, _ = testModel(t, Options{Style: "dark"}, 120, 40)
	reading := steps(m, kTab, press("/"))
	if !reading.find.typing {
		t.Fatal("tab then / did not open the search of the notes")
	}
	found := steps(reading, press("i"), press("o"))
	if got := found.findInput.value(); got != "io" {
		t.Fatalf("after i o the notes' query is %q, want %q", got, "io")
	}
	if got := reading.findInput.value(); got != "" {
		t.Errorf("the copy kept before i o has the notes' query %q, want none", got)
	}
}

// TestModelIsSmallToCopy: Bubble Tea copies the Model into every Update
// and out of it into an interface, and the update path passes it on by
// value: at 25 KB (two textinputs and a help bubble in it) that was a
// fifth of a keystroke's time in copies and goroutine stack growth, and a
// 25 KB allocation for every message. What it holds now is about 5 KB.
func TestModelIsSmallToCopy(t *testing.T) {
	const budget = 6 << 10
	if n := unsafe.Sizeof(Model{}); n > budget {
		t.Errorf("a Model is %d bytes, over its budget of %d: keep large state behind a pointer, copied when changed (searchModel.edit)", n, budget)
	}
}

package ui_test

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui"
)

// realNotes returns the embedded GolangUK notes, the first fixture,
// parsed once for all the tests: a Document is read-only once parsed (a
// server shares one among its sessions), and one Document lets the
// screens share their renderings (testRenderer).
func realNotes(tb testing.TB) *notes.Document {
	tb.Helper()
	doc, err := parsedRealNotes()
	if err != nil {
		tb.Fatal(err)
	}
	if len(doc.Talks) == 0 {
		tb.Fatal("no talks in the embedded notes")
	}
	return doc
}

var parsedRealNotes = sync.OnceValues(func() (*notes.Document, error) {
	return notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
})

// testRenderer renders the notes for every screen that brings no
// renderer of its own, as serve's shared renderer does for its sessions:
// a talk at a width and style is rendered by glamour once for all the
// tests (glamour was half the CPU of this package's tests), and each
// screen still waits for its rendering command's message as a browser
// does.
var testRenderer = ui.NewSharedRenderer()

// Keys as the terminal sends them.
var (
	keyEnter    = tea.KeyPressMsg{Code: tea.KeyEnter}
	keyEsc      = tea.KeyPressMsg{Code: tea.KeyEscape}
	keyTab      = tea.KeyPressMsg{Code: tea.KeyTab}
	keyShiftTab = tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	keyDown     = tea.KeyPressMsg{Code: tea.KeyDown}
	keyUp       = tea.KeyPressMsg{Code: tea.KeyUp}
	keyCtrlN    = tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}
)

func runes(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

// screen runs the browser in a teatest program and reads its output
// through a terminal emulator: Bubble Tea v2 writes only the cells that
// change, so the screen, not the output stream, is what to look at.
type screen struct {
	tb  testing.TB
	tm  *teatest.TestModel
	emu *vt.Emulator
}

func newScreen(tb testing.TB, doc *notes.Document, w, h int, opts ui.Options) *screen {
	tb.Helper()
	if opts.Style == "" {
		opts.Style = "dark" // not the test machine's GLAMOUR_STYLE or NO_COLOR
	}
	if opts.Renderer == nil {
		opts.Renderer = testRenderer
	}
	emu := vt.NewEmulator(w, h)
	// The emulator answers the program's queries (background colour) on a
	// pipe that blocks until read. Nothing reads it but this goroutine,
	// which stays blocked once the test is done: Emulator.Close races with
	// Read in x/vt.
	go io.Copy(io.Discard, emu)
	tm := teatest.NewTestModel(tb, ui.New(doc, opts),
		teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	return &screen{tb: tb, tm: tm, emu: emu}
}

func (s *screen) send(msgs ...tea.Msg) {
	for _, m := range msgs {
		s.tm.Send(m)
	}
}

// pump feeds the program's output so far to the emulator; it reports
// whether there was any.
func (s *screen) pump() bool {
	b, _ := io.ReadAll(s.tm.Output())
	if len(b) > 0 {
		// A terminal's line discipline turns "\n" into "\r\n" (ONLCR);
		// the emulator is the screen behind it.
		s.emu.Write(bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")))
	}
	return len(b) > 0
}

// waitFor waits until the screen satisfies cond, then until the program
// has stopped drawing, and returns the screen.
func (s *screen) waitFor(what string, cond func(string) bool) string {
	s.tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.pump()
		if cond(s.emu.String()) {
			break
		}
		if time.Now().After(deadline) {
			s.tb.Fatalf("screen never showed %s; last screen:\n%s", what, s.emu.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	quiet := time.Now()
	for time.Since(quiet) < 150*time.Millisecond {
		if s.pump() {
			quiet = time.Now()
		}
		time.Sleep(5 * time.Millisecond)
	}
	return s.emu.String()
}

func (s *screen) waitForText(texts ...string) string {
	s.tb.Helper()
	return s.waitFor(strings.Join(texts, ", "), func(scr string) bool {
		for _, t := range texts {
			if !strings.Contains(scr, t) {
				return false
			}
		}
		return true
	})
}

// quit ends the program and returns its final model.
func (s *screen) quit() ui.Model {
	s.tb.Helper()
	s.tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	return s.final()
}

// final waits for the program to end by itself and returns its final
// model.
func (s *screen) final() ui.Model {
	s.tb.Helper()
	m, ok := s.tm.FinalModel(s.tb, teatest.WithFinalTimeout(10*time.Second)).(ui.Model)
	if !ok {
		s.tb.Fatal("final model is not a ui.Model")
	}
	return m
}

func titles(ts []*notes.Talk) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Title
	}
	return out
}

func TestFlowSearchNarrowsList(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	cases := []string{"context", "Cheney", "patan", "logging", "gomobile"}
	for _, q := range cases {
		t.Run(q, func(t *testing.T) {
			want := doc.Search(notes.Query{Text: q, Sort: notes.SortRelevance})
			if len(want) == 0 || len(want) == len(doc.Talks) {
				t.Fatalf("query %q matches %d of %d talks: not a narrowing query", q, len(want), len(doc.Talks))
			}
			s := newScreen(t, doc, 120, 40, ui.Options{})
			s.waitForText("21 of 21 talks")
			s.send(runes("/" + q)...)
			// The search line with the whole query: a screen caught
			// while the keys are still being read can already hold q
			// (in a snippet) and the best hit's title.
			scr := s.waitForText("/ "+q, want[0].Talk.Title)
			if !strings.Contains(scr, strconv.Itoa(len(want))+" of 21 talks") {
				t.Errorf("header does not count %d hits:\n%s", len(want), scr)
			}
			m := s.quit()
			if !m.Searching() {
				t.Error("the search line lost the keyboard while typing")
			}
			var wantTitles []string
			for _, h := range want {
				wantTitles = append(wantTitles, h.Talk.Title)
			}
			if got := titles(m.Listed()); !slices.Equal(got, wantTitles) {
				t.Errorf("listed %q, want %q", got, wantTitles)
			}
			if m.Selected() != want[0].Talk {
				t.Errorf("selected %q, want the best hit %q", m.Selected().Title, want[0].Talk.Title)
			}
		})
	}
}

func TestFlowSearchMovesWhileTyping(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	s := newScreen(t, doc, 120, 40, ui.Options{})
	s.send(runes("/go")...)
	s.send(keyDown, keyCtrlN, keyUp)
	s.waitForText("/ go")
	m := s.quit()
	if got := m.Listed(); len(got) < 2 || m.Selected() != got[1] {
		t.Fatalf("after down, ctrl+n, up the selection is not the second hit")
	}
	if m.Query().Text != "go" {
		t.Errorf("query %q, want %q: the moves were typed", m.Query().Text, "go")
	}
}

func TestFlowSearchEnterKeepsEscClears(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	s := newScreen(t, doc, 120, 40, ui.Options{})
	s.send(runes("/cheney")...)
	s.send(keyEnter)
	s.send(runes("j")...) // a list key again, not text
	s.waitForText("/cheney")
	m := s.quit()
	if m.Searching() || m.Query().Text != "cheney" {
		t.Fatalf("after enter: searching %v, query %q; want the query kept and the list focused", m.Searching(), m.Query().Text)
	}

	s = newScreen(t, doc, 120, 40, ui.Options{})
	s.send(runes("/cheney")...)
	s.send(keyEsc)
	s.waitForText("21 of 21 talks")
	m = s.quit()
	if m.Searching() || m.Query().Text != "" || len(m.Listed()) != len(doc.Talks) {
		t.Fatalf("after esc: searching %v, query %q, %d listed; want everything back", m.Searching(), m.Query().Text, len(m.Listed()))
	}
}

func TestFlowRatingFilter(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	for _, d := range []int{1, 5, 7, 9} {
		t.Run(strconv.Itoa(d), func(t *testing.T) {
			var want []*notes.Talk
			for _, tk := range doc.Talks {
				if tk.Stars >= d {
					want = append(want, tk)
				}
			}
			s := newScreen(t, doc, 120, 40, ui.Options{})
			s.send(runes(strconv.Itoa(d))...)
			s.waitForText(strconv.Itoa(len(want))+" of 21 talks", "★≥"+strconv.Itoa(d))
			m := s.quit()
			if got := titles(m.Listed()); !slices.Equal(got, titles(want)) {
				t.Errorf("digit %d listed %q, want %q", d, got, titles(want))
			}
			if m.Query().MinStars != d {
				t.Errorf("min stars %d, want %d", m.Query().MinStars, d)
			}
		})
	}
	t.Run("same digit clears", func(t *testing.T) {
		s := newScreen(t, doc, 120, 40, ui.Options{})
		s.send(runes("77")...)
		s.waitForText("21 of 21 talks")
		if m := s.quit(); m.Query().MinStars != 0 || len(m.Listed()) != len(doc.Talks) {
			t.Errorf("7 7: min stars %d, %d listed", m.Query().MinStars, len(m.Listed()))
		}
	})
	t.Run("zero clears", func(t *testing.T) {
		s := newScreen(t, doc, 120, 40, ui.Options{})
		s.send(runes("80")...)
		s.waitForText("21 of 21 talks")
		if m := s.quit(); m.Query().MinStars != 0 {
			t.Errorf("8 0: min stars %d", m.Query().MinStars)
		}
	})
}

func TestFlowSortCycle(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	cases := []struct {
		presses int
		name    string
		sort    notes.Sort
	}{
		{0, "schedule", notes.SortSchedule},
		{1, "stars", notes.SortStars},
		{2, "title", notes.SortTitle},
		{3, "speaker", notes.SortSpeaker},
		{4, "schedule", notes.SortSchedule},
	}
	for _, c := range cases {
		t.Run(strconv.Itoa(c.presses)+"-"+c.name, func(t *testing.T) {
			s := newScreen(t, doc, 120, 40, ui.Options{})
			s.send(runes(strings.Repeat("s", c.presses))...)
			s.waitForText("sort: " + c.name)
			m := s.quit()
			if m.Query().Sort != c.sort {
				t.Fatalf("sort %v, want %v", m.Query().Sort, c.sort)
			}
			want := doc.Search(notes.Query{Sort: c.sort})
			var wantTitles []string
			for _, h := range want {
				wantTitles = append(wantTitles, h.Talk.Title)
			}
			if got := titles(m.Listed()); !slices.Equal(got, wantTitles) {
				t.Errorf("listed %q, want %q", got, wantTitles)
			}
			if c.sort == notes.SortStars {
				for i := 1; i < len(m.Listed()); i++ {
					if m.Listed()[i-1].Stars < m.Listed()[i].Stars {
						t.Fatalf("stars sort: %d before %d", m.Listed()[i-1].Stars, m.Listed()[i].Stars)
					}
				}
			}
		})
	}
	t.Run("keeps selection", func(t *testing.T) {
		s := newScreen(t, doc, 120, 40, ui.Options{})
		s.send(runes("jjj")...)
		s.send(runes("s")...)
		s.waitForText("sort: stars")
		if m := s.quit(); m.Selected() != doc.Talks[3] {
			t.Errorf("after sorting the selection moved to %q, want %q", m.Selected().Title, doc.Talks[3].Title)
		}
	})
}

func TestFlowFocus(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	cases := []struct {
		name   string
		keys   []tea.Msg
		detail bool
	}{
		{"start", nil, false},
		{"tab", []tea.Msg{keyTab}, true},
		{"tab shift+tab", []tea.Msg{keyTab, keyShiftTab}, false},
		{"enter", []tea.Msg{keyEnter}, true},
		{"enter esc", []tea.Msg{keyEnter, keyEsc}, false},
		// In the notes, / searches them, as less does (issue 12); the
		// list's search is one esc away.
		{"enter slash", append([]tea.Msg{keyEnter}, runes("/")...), true},
		{"enter esc slash", append([]tea.Msg{keyEnter, keyEsc}, runes("/")...), false},
	}
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		for _, c := range cases {
			t.Run(strconv.Itoa(size[0])+"x"+strconv.Itoa(size[1])+"/"+c.name, func(t *testing.T) {
				s := newScreen(t, doc, size[0], size[1], ui.Options{})
				s.send(c.keys...)
				m := s.quit() // messages arrive in order: the keys, then the quit
				if m.DetailFocused() != c.detail {
					t.Errorf("detail focused %v, want %v", m.DetailFocused(), c.detail)
				}
			})
		}
	}
}

func TestFlowOpenTalk(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(strconv.Itoa(size[0])+"x"+strconv.Itoa(size[1]), func(t *testing.T) {
			s := newScreen(t, doc, size[0], size[1], ui.Options{})
			s.send(runes("jj")...)
			s.send(keyEnter)
			third := doc.Talks[2]
			first := firstWords(third.Body)
			scr := s.waitForText(third.Title, first)
			if size[0] < 100 && strings.Contains(scr, doc.Talks[3].Title) {
				t.Errorf("narrow screen shows the list behind the notes:\n%s", scr)
			}
			m := s.quit()
			shown, rendered := m.Shown()
			if shown != third || !rendered || m.Selected() != third {
				t.Errorf("shown %v (rendered %v), selected %q; want %q", shown, rendered, m.Selected().Title, third.Title)
			}
		})
	}
}

func TestFlowNextPreviousTalk(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	cases := []struct {
		keys string
		want int
	}{
		{"]", 1}, {"]]", 2}, {"]][", 1}, {"[", 0}, {"]]]]]", 5},
	}
	for _, c := range cases {
		t.Run(c.keys, func(t *testing.T) {
			s := newScreen(t, doc, 120, 40, ui.Options{})
			s.send(keyEnter)
			s.send(runes(c.keys)...)
			want := doc.Talks[c.want]
			s.waitForText(want.Title, firstWords(want.Body))
			m := s.quit()
			shown, rendered := m.Shown()
			if m.Selected() != want || shown != want || !rendered {
				t.Errorf("selected %q, shown %v; want %q rendered", m.Selected().Title, shown, want.Title)
			}
			if !m.DetailFocused() {
				t.Error("the notes lost focus")
			}
		})
	}
	t.Run("last", func(t *testing.T) {
		s := newScreen(t, doc, 120, 40, ui.Options{})
		s.send(runes("G")...)
		s.send(keyEnter)
		s.send(runes("]]")...)
		last := doc.Talks[len(doc.Talks)-1]
		s.waitForText(firstWords(last.Body))
		if m := s.quit(); m.Selected() != last {
			t.Errorf("] past the last talk selected %q", m.Selected().Title)
		}
	})
}

func TestFlowAbout(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	s := newScreen(t, doc, 120, 40, ui.Options{})
	s.send(runes("i")...)
	s.waitForText("About", "Sponsored by Social Point")
	s.send(keyEsc)
	scr := s.waitForText(firstWords(doc.Talks[0].Body))
	if strings.Contains(scr, "Sponsored by") {
		t.Errorf("esc left the about page on screen:\n%s", scr)
	}
	s.quit()
}

// firstWords returns the first plain words of a talk's notes, as glamour
// draws them.
func firstWords(body string) string {
	for _, l := range strings.Split(body, "\n") {
		p := strings.TrimSpace(notes.PlainText(l))
		p = strings.TrimLeft(p, "#-*> ")
		f := strings.Fields(p)
		if len(f) >= 2 && !strings.ContainsAny(f[0]+f[1], "![]()`*_:/") {
			return f[0] + " " + f[1]
		}
	}
	return ""
}

func TestPickReturnsTalk(t *testing.T) {
	doc := realNotes(t)
	cases := []struct {
		name  string
		input string
		want  []*notes.Talk
	}{
		// Pick mode is fzf's (issue 12): the query box has the keyboard,
		// so j, q and / are text, and control keys move, pick and abort.
		{"ctrl+n twice, enter picks the selection", "\x0e\x0e\r", []*notes.Talk{doc.Talks[2]}},
		{"ctrl+j thrice, ctrl+k, enter", "\n\n\n\x0b\r", []*notes.Talk{doc.Talks[2]}},
		{"typing is the query, enter picks its best hit", "cheney\r", []*notes.Talk{doc.Search(notes.Query{Text: "cheney", Sort: notes.SortRelevance})[0].Talk}},
		{"solid is text: no sort, no browser, no quit", "solid\r", []*notes.Talk{doc.Talks[0]}}, // Keynote: SOLID Go design
		{"q, o, s, i are text, deleted", "qosi\x7f\x7f\x7f\x7fcheney\r", []*notes.Talk{doc.Search(notes.Query{Text: "cheney", Sort: notes.SortRelevance})[0].Talk}},
		{"esc leaves without a choice", "jj\x1b", nil},
		{"ctrl+g leaves without a choice", "j\x07", nil},
		{"ctrl+q leaves without a choice", "j\x11", nil},
		{"ctrl+c leaves without a choice", "j\x03", nil},
		// tab marks the selection and moves down, as fzf's; enter
		// returns the marked talks in list order.
		{"tab twice marks two talks", "\t\t\r", []*notes.Talk{doc.Talks[0], doc.Talks[1]}},
		{"marks come in list order", "\x0e\x0e\t\x10\x10\x10\t\r", []*notes.Talk{doc.Talks[0], doc.Talks[2]}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel() // an independent program each; the waits overlap
			var out bytes.Buffer
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			got, err := ui.Browse(ctx, doc, ui.Options{Style: "notty", Pick: true,
				Terminal: ui.Terminal{In: &slowReader{s: c.input}, Out: &out}})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, c.want) {
				t.Fatalf("picked %v, want %v", titlesOf(got), titlesOf(c.want))
			}
			if out.Len() == 0 {
				t.Error("the browser drew nothing on its output")
			}
		})
	}
}

func titlesOf(talks []*notes.Talk) []string {
	var out []string
	for _, t := range talks {
		out = append(out, t.Title)
	}
	return out
}

// slowReader hands over its input one byte at a time, then blocks, as a
// person at a keyboard does: input read in one chunk with an escape key
// would parse differently.
type slowReader struct {
	s string
	i int
}

func (r *slowReader) Read(p []byte) (int, error) {
	if r.i >= len(r.s) {
		select {} // the keyboard stays open; the program ends by itself
	}
	time.Sleep(20 * time.Millisecond)
	p[0] = r.s[r.i]
	r.i++
	return 1, nil
}

// TestFlowFindInNotes searches the notes as less does: "trace" is in the
// notes of talks 2 (once), 8 (x/net/trace, tracer/tracer: three times)
// and 19 (gctrace, go tool trace: twice), read by eye; talk 1 has none.
// n goes through them and on into the next talk holding it, N back; the
// list stays as it was, and esc clears the search where the notes are.
func TestFlowFindInNotes(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	s := newScreen(t, doc, 120, 40, ui.Options{})
	s.send(keyTab)
	s.send(runes("/trace")...)
	s.waitForText("/ trace")
	s.send(keyEnter)
	steps := []struct {
		keys  string
		talk  int // Number
		label string
	}{
		{"n", 2, "1/1 · talk 1 of 3"},
		{"n", 8, "1/3 · talk 2 of 3"},
		{"n", 8, "2/3 · talk 2 of 3"},
		{"n", 8, "3/3 · talk 2 of 3"},
		{"n", 19, "1/2 · talk 3 of 3"},
		{"n", 19, "2/2 · talk 3 of 3"},
		{"N", 19, "1/2 · talk 3 of 3"},
		{"N", 8, "3/3 · talk 2 of 3"},
	}
	for _, st := range steps {
		s.send(runes(st.keys)...)
		scr := s.waitForText(st.label, doc.Talks[st.talk-1].Title)
		if !strings.Contains(scr, "21 of 21 talks") {
			t.Fatalf("after %s the list is no longer all the talks:\n%s", st.keys, scr)
		}
	}
	s.send(keyEsc)
	scr := s.waitFor("the search cleared", func(scr string) bool { return !strings.Contains(scr, "talk 2 of 3") })
	if strings.Contains(scr, "3/3") {
		t.Errorf("esc left the match counter:\n%s", scr)
	}
	m := s.quit()
	if got, _ := m.Shown(); got != doc.Talks[7] || !m.DetailFocused() || m.FindText() != "" {
		t.Errorf("after esc: shown %v, notes focused %v, search %q; want talk 8, true, none", got, m.DetailFocused(), m.FindText())
	}
	if m.Query().Text != "" || len(m.Listed()) != len(doc.Talks) {
		t.Errorf("the list's query is %q with %d talks; want none, all", m.Query().Text, len(m.Listed()))
	}
}

// TestFlowPickMarks marks talks as fzf does, tab marking and moving
// down, and enter returns the marked talks in list order, not the order
// they were marked in.
func TestFlowPickMarks(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	s := newScreen(t, doc, 120, 40, ui.Options{Pick: true})
	s.waitForText("21 of 21 talks", doc.Talks[0].Title)
	s.send(keyDown, keyDown, keyTab) // marks talk 3, goes to 4
	s.send(keyUp, keyUp, keyUp, keyTab)
	// The selection has moved on to talk 2: neither marked row is
	// selected.
	scr := s.waitForText(" • "+doc.Talks[0].Title, " • "+doc.Talks[2].Title)
	marked := 0
	for _, l := range strings.Split(scr, "\n") {
		if strings.HasPrefix(l, " • ") || strings.HasPrefix(l, "▌• ") {
			marked++
		}
	}
	if got := marked; got != 2 {
		t.Errorf("%d talks marked on the screen, want 2:\n%s", got, scr)
	}
	s.send(keyEnter)
	m := s.final()
	got := m.ChosenTalks()
	if want := []*notes.Talk{doc.Talks[0], doc.Talks[2]}; !slices.Equal(got, want) {
		t.Errorf("picked %v, want %v", titles(got), titles(want))
	}
	if m.Chosen() != doc.Talks[0] {
		t.Errorf("Chosen() = %v, want the first pick", m.Chosen())
	}
}

// TestFlowPickPreview: ctrl+/ (ctrl+_ from a terminal without the kitty
// protocol) hides the notes beside the list, and shows them again.
func TestFlowPickPreview(t *testing.T) {
	doc := realNotes(t)
	first := firstWords(doc.Talks[0].Body)
	for _, k := range []tea.KeyPressMsg{{Code: '/', Mod: tea.ModCtrl}, {Code: '_', Mod: tea.ModCtrl}} {
		t.Run(k.String(), func(t *testing.T) {
			t.Parallel() // an independent program each; the waits overlap
			s := newScreen(t, doc, 120, 40, ui.Options{Pick: true})
			s.waitForText(first)
			s.send(k)
			s.waitFor("the notes hidden", func(scr string) bool { return !strings.Contains(scr, first) })
			s.send(runes("go")...)
			s.send(k)
			scr := s.waitForText(first)
			m := s.quit()
			if m.Query().Text != "go" || !m.Searching() {
				t.Errorf("query %q, query box focused %v; want go, true:\n%s", m.Query().Text, m.Searching(), scr)
			}
		})
	}
}

// TestStarsKeepOffTheBorder: a blank cell stands between the list's
// stars (or a cut title) and the border beside it (issue 12: "★★☆│").
func TestStarsKeepOffTheBorder(t *testing.T) {
	t.Parallel()
	doc := realNotes(t)
	for _, size := range [][2]int{{120, 40}, {100, 30}, {200, 60}} {
		t.Run(strconv.Itoa(size[0])+"x"+strconv.Itoa(size[1]), func(t *testing.T) {
			s := newScreen(t, doc, size[0], size[1], ui.Options{})
			scr := s.waitForText("21 of 21 talks", "★")
			s.quit()
			for i, l := range strings.Split(scr, "\n") {
				if strings.Contains(l, "★│") || strings.Contains(l, "☆│") || strings.Contains(l, "…│") {
					t.Errorf("line %d touches the border: %q", i+1, l)
				}
			}
		})
	}
}

// TestFlowHelpScrolls: the full help that does not fit scrolls, with a
// line that says how, and every key of it can be reached (issue 12: it
// was cut off at 60x20 and 40x12).
func TestFlowHelpScrolls(t *testing.T) {
	doc := realNotes(t)
	for _, c := range []struct {
		name string
		size [2]int
		keys []tea.Msg
	}{
		{"60x20 notes", [2]int{60, 20}, []tea.Msg{keyEnter}},
		{"40x12", [2]int{40, 12}, nil},
		{"40x12 notes", [2]int{40, 12}, []tea.Msg{keyEnter}},
	} {
		size := c.size
		t.Run(c.name, func(t *testing.T) {
			t.Parallel() // an independent program each; the waits overlap
			// A browser on a local terminal, which may stop its process:
			// its help ends with ctrl+z.
			s := newScreen(t, doc, size[0], size[1], ui.Options{Stop: func() error { return nil }})
			s.waitForText(doc.Talks[0].Title)
			s.send(c.keys...)
			s.send(runes("?")...)
			scr := s.waitForText("scroll help", " 1–")
			checkSize(t, scr, size[0], size[1])
			if strings.Contains(scr, "ctrl+z") {
				t.Fatalf("the last key of the help shows before scrolling: the test does not test")
			}
			s.send(runes("j")...)
			s.waitForText(" 2–")
			for range 10 {
				s.send(tea.KeyPressMsg{Code: tea.KeyPgDown})
			}
			scr = s.waitForText("ctrl+z suspend")
			checkSize(t, scr, size[0], size[1])
			s.send(keyEsc)
			scr = s.waitFor("the help closed", func(scr string) bool { return !strings.Contains(scr, "scroll help") })
			checkSize(t, scr, size[0], size[1])
			m := s.quit()
			if m.Selected() != doc.Talks[0] {
				t.Errorf("scrolling the help moved the selection to %q", m.Selected().Title)
			}
		})
	}
}

// TestFlowQueryStarsAndProblems: the rating terms of a query show in the
// header as the digit keys' filter does, and an impossible query says
// why in the list instead of "No talks match.".
func TestFlowQueryStarsAndProblems(t *testing.T) {
	doc := realNotes(t)
	for _, c := range []struct{ name, query, want string }{
		{"a range", "/stars:5..7", "★5–7"},
		{"at most", "/stars:<=3", "★≤3"},
		{"impossible", "/stars:>=11", "stars:>=11: ratings go from 0 to 10"},
		{"unknown has", "/has:video", "has:video: unknown"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := newScreen(t, doc, 120, 40, ui.Options{})
			s.waitForText(doc.Talks[0].Title)
			s.send(runes(c.query)...)
			s.waitForText(c.want)
			s.quit()
		})
	}
}

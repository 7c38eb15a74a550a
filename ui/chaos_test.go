package ui

import (
	"bytes"
	"flag"
	"fmt"
	"image/color"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/notestest"
)

// Chaos on the browser's root model: random keys, text, pastes, window
// sizes, mouse events and command results delivered late, out of order,
// twice or never, for fixed seeds. After every event the model must hold
// its invariants (see checkInvariants). A failure prints the seed, the step
// and the last events; rerun one seed with -run 'TestChaos/real/seed=3'.

var (
	chaosLong   = flag.Bool("chaos.long", false, "run the chaos test with many more events")
	chaosEvents = flag.Int("chaos.events", 0, "events per seed (default 6000, 100000 with -chaos.long)")
)

// chaosCount scales a subtest's number of events: -chaos.events sets it,
// -chaos.long multiplies it by 20; -short divides it by ten, and so does
// a run without -long, unless the race detector (which slows the model ten
// times) already divides it by five.
func chaosCount(base int) int {
	switch {
	case *chaosEvents > 0:
		return *chaosEvents
	case *chaosLong:
		return base * 20
	case testing.Short():
		return max(100, base/10)
	case raceEnabled:
		return max(100, base/5)
	case !*long:
		return max(100, base/10)
	}
	return base
}

func TestChaos(t *testing.T) {
	t.Parallel() // CPU work only: it overlaps the screens' waiting
	real := chaosDoc(t, data.Name, data.Notes())
	docs := []struct {
		name   string
		doc    *notes.Document
		seeds  []uint64
		events int
	}{
		{"real", real, []uint64{1, 2, 3, 4}, 2500},
		{"one-talk", chaosDoc(t, "one.md", []byte("# One\n\n## Only talk\n> Eve - https://example.com/\n\n:one: :star:\n\nBody.\n")), []uint64{5}, 1500},
	}
	// Every hostile fixture that loads, with one seed each.
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "hostile", "*.md"))
	for i, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := notes.ParseNamed(filepath.Base(p), bytes.NewReader(b))
		if err != nil {
			continue // not notes: the CLI test checks the error
		}
		docs = append(docs, struct {
			name   string
			doc    *notes.Document
			seeds  []uint64
			events int
		}{"hostile-" + strings.TrimSuffix(filepath.Base(p), ".md"), doc, []uint64{uint64(100 + i)}, 400})
	}
	// A document big enough that the browser searches asynchronously.
	if !testing.Short() {
		big := chaosDoc(t, "big.md", notestest.Bytes(syncSearchLimit+50, 7))
		docs = append(docs, struct {
			name   string
			doc    *notes.Document
			seeds  []uint64
			events int
		}{"async-search", big, []uint64{9}, 400})
	}
	for _, d := range docs {
		t.Run(d.name, func(t *testing.T) {
			for _, seed := range d.seeds {
				t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
					t.Parallel()
					c := newChaos(t, d.doc, seed)
					c.run(chaosCount(d.events))
				})
			}
		})
	}
}

func chaosDoc(t *testing.T, name string, b []byte) *notes.Document {
	t.Helper()
	doc, err := notes.ParseNamed(name, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// chaos drives one model.
type chaos struct {
	t    *testing.T
	r    *rand.Rand
	m    Model
	doc  *notes.Document
	keys []tea.KeyPressMsg // every key of the key map

	cmds    []tea.Cmd // commands returned and not run yet
	pending []tea.Msg // their results, not delivered yet
	old     []tea.Msg // results already delivered, to deliver again

	step int
	log  []string // the last events, for a failure message
	w, h int

	lastView         string // the screen last checked
	lastW, lastH     int
	checkedSelection *notes.Talk
}

func newChaos(t *testing.T, doc *notes.Document, seed uint64) *chaos {
	c := &chaos{
		t:   t,
		r:   rand.New(rand.NewPCG(seed, seed*0x9e3779b97f4a7c15)),
		m:   New(doc, Options{Style: "dark"}),
		doc: doc,
	}
	// Our key map, and the search line's editing keys (alt+d, ctrl+w,
	// ctrl+k, ...), which are the browser's keys while typing a query.
	c.keys = keyMapKeys(t, DefaultKeyMap(), textinput.DefaultKeyMap())
	c.cmds = append(c.cmds, c.m.Init())
	return c
}

// keyMapKeys returns a key press for every key of every binding of the
// key maps, enabled or not, checking that each one reads back as its name.
func keyMapKeys(t *testing.T, keyMaps ...any) []tea.KeyPressMsg {
	t.Helper()
	var out []tea.KeyPressMsg
	seen := map[string]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		if b, ok := v.Interface().(key.Binding); ok {
			for _, k := range b.Keys() {
				if seen[k] {
					continue
				}
				seen[k] = true
				msg := keyPress(k)
				if msg.String() != k {
					t.Fatalf("key %q: built a key press that reads %q", k, msg.String())
				}
				out = append(out, msg)
			}
			return
		}
		if v.Kind() == reflect.Struct {
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		}
	}
	for _, km := range keyMaps {
		walk(reflect.ValueOf(km))
	}
	if len(out) < 20 {
		t.Fatalf("only %d keys in the key map", len(out))
	}
	return out
}

// keyPress builds the key press a terminal sends for a key name.
func keyPress(name string) tea.KeyPressMsg {
	special := map[string]rune{
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "space": tea.KeySpace,
		"backspace": tea.KeyBackspace, "delete": tea.KeyDelete, "insert": tea.KeyInsert,
	}
	var mod tea.KeyMod
	base := name
	for {
		switch {
		case strings.HasPrefix(base, "ctrl+") && len(base) > 5:
			mod |= tea.ModCtrl
			base = base[5:]
			continue
		case strings.HasPrefix(base, "alt+") && len(base) > 4:
			mod |= tea.ModAlt
			base = base[4:]
			continue
		case strings.HasPrefix(base, "shift+") && len(base) > 6:
			mod |= tea.ModShift
			base = base[6:]
			continue
		}
		break
	}
	if code, ok := special[base]; ok {
		k := tea.KeyPressMsg{Code: code, Mod: mod}
		if code == tea.KeySpace && mod == 0 {
			k.Text = " "
		}
		return k
	}
	r, _ := utf8.DecodeRuneInString(base)
	k := tea.KeyPressMsg{Code: r, Mod: mod}
	if mod == 0 {
		k.Text = base
	}
	return k
}

// Text a user might type or paste: ASCII, accents, wide CJK, combining
// marks, emoji with modifiers and joiners, and text with control
// characters that a paste can carry.
var chaosTexts = []string{
	"go", "context", "Cheney", "Pățan", "björn", "ÉCOLE", "日本語", "ｆｕｌｌ", "한국어",
	"e\u0301\u0301\u0301", "a\u0308\u0323", "🐹", "👩‍💻", "👍🏽", "🇬🇧", "❤️", "\u200b", "\u202eevil",
	"x\x1b[2Jy", "\x1b]0;pwned\x07", "\x1b]52;c;cHduZWQ=\x07", "\u009b2J", "tab\there",
	"line\nbreak", "\r", "\x00", "\x7f", strings.Repeat("w", 300), strings.Repeat("日", 150),
	"* [ ] ( ) \\ ` _ ~ # > |", "-- --- ...", "   ", "",
}

func (c *chaos) randomRune() rune {
	switch c.r.IntN(6) {
	case 0:
		return rune(0x21 + c.r.IntN(0x7e-0x21))
	case 1:
		return []rune("áéíóúñçøłßÆ")[c.r.IntN(11)]
	case 2:
		return rune(0x4e00 + c.r.IntN(0x5000)) // CJK, two cells
	case 3:
		return rune(0x0300 + c.r.IntN(0x70)) // combining
	case 4:
		return rune(0x1f300 + c.r.IntN(0x300)) // emoji
	}
	return rune(c.r.IntN(0x3000))
}

var chaosSizes = [][2]int{
	{0, 0}, {1, 1}, {0, 24}, {80, 0}, {1, 40}, {200, 1},
	{minWidth - 1, minHeight}, {minWidth, minHeight - 1}, {minWidth, minHeight},
	{wideWidth - 1, 24}, {wideWidth, 24}, {wideWidth + 1, 30},
	{80, 24}, {120, 40}, {200, 60}, {500, 200}, {40, 10}, {33, 9},
}

// event sends one random event to the model.
func (c *chaos) event() {
	switch n := c.r.IntN(100); {
	case n < 35:
		k := c.keys[c.r.IntN(len(c.keys))]
		c.send(k)
	case n < 45:
		r := c.randomRune()
		c.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	case n < 48:
		s := chaosTexts[c.r.IntN(len(chaosTexts))]
		if c.r.IntN(3) == 0 {
			s += chaosTexts[c.r.IntN(len(chaosTexts))]
		}
		c.send(tea.PasteMsg{Content: s})
	case n < 51:
		// Keys with modifiers that no binding uses, and keys that do not
		// print.
		mods := []tea.KeyMod{tea.ModCtrl, tea.ModAlt, tea.ModShift, tea.ModCtrl | tea.ModAlt}
		codes := []rune{'a', 'z', 'c', 'q', tea.KeyF1, tea.KeyF12, tea.KeyBackspace, tea.KeyDelete, tea.KeyLeft, tea.KeyRight}
		c.send(tea.KeyPressMsg{Code: codes[c.r.IntN(len(codes))], Mod: mods[c.r.IntN(len(mods))]})
	case n < 54:
		var w, h int
		if c.r.IntN(3) == 0 {
			w, h = c.r.IntN(501), c.r.IntN(201)
		} else {
			s := chaosSizes[c.r.IntN(len(chaosSizes))]
			w, h = s[0], s[1]
		}
		c.w, c.h = w, h
		c.send(tea.WindowSizeMsg{Width: w, Height: h})
	case n < 64:
		x, y := c.r.IntN(c.w+3)-1, c.r.IntN(c.h+3)-1
		buttons := []tea.MouseButton{tea.MouseLeft, tea.MouseLeft, tea.MouseRight, tea.MouseMiddle}
		switch c.r.IntN(4) {
		case 0, 1:
			c.send(tea.MouseClickMsg{X: x, Y: y, Button: buttons[c.r.IntN(len(buttons))]})
		case 2:
			b := tea.MouseWheelUp
			if c.r.IntN(2) == 0 {
				b = tea.MouseWheelDown
			}
			c.send(tea.MouseWheelMsg{X: x, Y: y, Button: b})
		default:
			c.send(tea.MouseReleaseMsg{X: x, Y: y, Button: tea.MouseLeft})
		}
	case n < 80:
		c.runCommand() // the model sees nothing of this until deliver
	case n < 93:
		c.deliver()
	default:
		c.forged()
	}
}

// runCommand runs one of the commands the model returned, chosen at
// random, and keeps its result for later delivery.
func (c *chaos) runCommand() {
	if len(c.cmds) == 0 {
		return
	}
	i := c.r.IntN(len(c.cmds))
	cmd := c.cmds[i]
	c.cmds = append(c.cmds[:i], c.cmds[i+1:]...)
	name := funcName(cmd)
	switch {
	case strings.Contains(name, "openCmd"):
		// Would start a browser: answer as it might.
		c.pending = append(c.pending, openedMsg{url: "https://example.com/", err: fmt.Errorf("no browser")})
		return
	case strings.Contains(name, "Tick") || strings.Contains(name, "Every") || strings.Contains(name, "Blink") || strings.Contains(name, "blink"):
		// Timers (the status line, the cursor's blink): never wait for
		// them; forged() sends what they would.
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(30 * time.Second):
		c.fail("command %s blocked", name)
	}
	c.keep(msg)
}

func (c *chaos) keep(msg tea.Msg) {
	if msg == nil {
		return
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		// tea.Batch and tea.Sequence
		for i := range v.Len() {
			if cmd := v.Index(i).Interface().(tea.Cmd); cmd != nil {
				c.cmds = append(c.cmds, cmd)
			}
		}
		return
	}
	c.pending = append(c.pending, msg)
}

// deliver sends a result waiting for delivery, or now and then one that
// was delivered before.
func (c *chaos) deliver() {
	if len(c.old) > 0 && (len(c.pending) == 0 || c.r.IntN(8) == 0) {
		c.send(c.old[c.r.IntN(len(c.old))])
		return
	}
	if len(c.pending) == 0 {
		return
	}
	i := c.r.IntN(len(c.pending))
	msg := c.pending[i]
	c.pending = append(c.pending[:i], c.pending[i+1:]...)
	if len(c.old) < 64 {
		c.old = append(c.old, msg)
	} else {
		c.old[c.r.IntN(len(c.old))] = msg
	}
	c.send(msg)
}

// chaosMarker marks forged renderings: the test knows whose they are.
var chaosMarker = regexp.MustCompile(`⟦chaos (about|talk \d+)⟧`)

// forged sends a message no command of this run produced: a rendering
// for any page at any width and style, a stale search answer, a timer's
// message, a change of background.
func (c *chaos) forged() {
	switch c.r.IntN(6) {
	case 0, 1, 2:
		k := renderKey{width: c.m.detailWidth(), style: c.m.style}
		if c.r.IntN(3) == 0 {
			k.width = c.r.IntN(200)
		}
		if c.r.IntN(4) == 0 {
			k.style = "light"
		}
		what := "about"
		if c.r.IntN(5) == 0 {
			k.about = true
		} else {
			k.talk = c.doc.Talks[c.r.IntN(len(c.doc.Talks))]
			what = fmt.Sprintf("talk %d", k.talk.Number)
		}
		out := fmt.Sprintf("⟦chaos %s⟧\n%s\n", what, strings.Repeat("forged line\n", c.r.IntN(80)))
		var err error
		if c.r.IntN(6) == 0 {
			err = fmt.Errorf("forged rendering error ⟦chaos %s⟧", what)
		}
		c.send(renderedMsg{key: k, out: out, err: err})
	case 3:
		var hits []notes.Hit
		for _, t := range c.doc.Talks {
			if c.r.IntN(3) == 0 {
				hits = append(hits, notes.Hit{Talk: t})
			}
		}
		c.send(searchedMsg{seq: c.m.seq - c.r.IntN(3), hits: hits})
	case 4:
		c.send(clearStatusMsg{id: c.m.statusID - c.r.IntN(2)})
	default:
		c.send(tea.BackgroundColorMsg{Color: []color.Color{color.Black, color.White}[c.r.IntN(2)]})
	}
}

func (c *chaos) send(msg tea.Msg) {
	c.record(msg)
	var next tea.Model
	var cmd tea.Cmd
	func() {
		defer func() {
			if p := recover(); p != nil {
				c.fail("panic: %v\n%s", p, debug.Stack())
			}
		}()
		next, cmd = c.m.Update(msg)
	}()
	m, ok := next.(Model)
	if !ok {
		c.fail("Update returned %T, not ui.Model", next)
	}
	c.m = m
	if cmd != nil {
		c.cmds = append(c.cmds, cmd)
	}
	if len(c.cmds) > 500 {
		c.cmds = c.cmds[len(c.cmds)-500:] // commands never run: results that never arrive
	}
	if len(c.pending) > 500 {
		c.pending = c.pending[len(c.pending)-500:]
	}
}

func (c *chaos) record(msg tea.Msg) {
	s := fmt.Sprintf("%d: %T %s", c.step, msg, describe(msg))
	if len(c.log) == 20 {
		copy(c.log, c.log[1:])
		c.log = c.log[:19]
	}
	c.log = append(c.log, s)
}

func describe(msg tea.Msg) string {
	switch m := msg.(type) {
	case renderedMsg:
		t := "about"
		if m.key.talk != nil {
			t = fmt.Sprintf("talk %d", m.key.talk.Number)
		}
		return fmt.Sprintf("{%s width %d %s err=%v}", t, m.key.width, m.key.style, m.err != nil)
	case searchedMsg:
		return fmt.Sprintf("{seq %d, %d hits}", m.seq, len(m.hits))
	case fmt.Stringer:
		return fmt.Sprintf("%q", m.String())
	}
	s := fmt.Sprintf("%+v", msg)
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return s
}

func (c *chaos) fail(format string, args ...any) {
	c.t.Helper()
	c.t.Fatalf("step %d: "+format+"\nlast events:\n  %s", append([]any{c.step}, append(args, strings.Join(c.log, "\n  "))...)...)
}

func (c *chaos) run(events int) {
	c.w, c.h = 80, 24
	c.send(tea.WindowSizeMsg{Width: c.w, Height: c.h})
	c.check()
	for c.step = 1; c.step <= events; c.step++ {
		c.event()
		c.check()
	}
}

// check verifies the invariants after an event: the selection is in the
// list and in view; the notes pane holds the selected talk (or the about
// page), never another one's rendering; the screen fits the window and
// carries no escape sequence or control character but our own styling.
func (c *chaos) check() {
	c.t.Helper()
	m := c.m
	// The selection is inside the list, or the list is empty.
	listed := m.Listed()
	sel := m.Selected()
	if len(listed) == 0 {
		if sel != nil {
			c.fail("empty list, yet talk %d is selected", sel.Number)
		}
	} else {
		if m.list.sel < 0 || m.list.sel >= len(listed) || sel != listed[m.list.sel] {
			c.fail("selection %d outside the list of %d", m.list.sel, len(listed))
		}
		// ... and in view: between the first row drawn and the last.
		l := m.list
		if !m.tooSmall() && l.height >= l.rowHeight(l.sel) {
			used := 0
			for i := l.offset; i <= l.sel && i < len(l.hits); i++ {
				used += l.rowHeight(i)
			}
			if l.sel < l.offset || used > l.height {
				c.fail("selection %d not in view: rows from %d, %d lines used of %d", l.sel, l.offset, used, l.height)
			}
		}
	}
	// The detail shows the selected talk (or is loading), never another.
	shown, _ := m.Shown()
	if m.about {
		if shown != nil {
			c.fail("about page on, yet the notes pane holds talk %d", shown.Number)
		}
	} else if shown != sel {
		c.fail("the notes pane holds %s, the selection is %s", talkName(shown), talkName(sel))
	}
	if m.detail.showing() && (m.detail.have.talk != m.detail.talk || m.detail.have.about != m.detail.about) {
		c.fail("the notes pane shows the rendering of %s for %s", talkName(m.detail.have.talk), talkName(m.detail.talk))
	}

	// The screen fits the window and carries only our own styling.
	v := m.View()
	content := v.Content
	if content == "" || content == c.lastView && c.w == c.lastW && c.h == c.lastH && sel == c.checkedSelection {
		return // checked already
	}
	c.lastView, c.lastW, c.lastH, c.checkedSelection = content, c.w, c.h, sel
	lines := strings.Split(content, "\n")
	if len(lines) > c.h {
		c.fail("%d lines drawn in a window %d high", len(lines), c.h)
	}
	for i, l := range lines {
		if len(l) <= c.w {
			continue // a cell takes at least a byte
		}
		if w := ansi.StringWidth(l); w > c.w {
			c.fail("line %d is %d cells wide in a window %d wide: %q", i, w, c.w, l)
		}
	}
	if p := screenProblem(content); p != "" {
		c.fail("screen: %s", p)
	}
	// Forged renderings show only for their own page.
	for _, mk := range chaosMarker.FindAllStringSubmatch(ansi.Strip(content), -1) {
		want := "about"
		if !m.about {
			want = "talk -"
			if sel != nil {
				want = fmt.Sprintf("talk %d", sel.Number)
			}
		}
		if mk[1] != want {
			c.fail("the screen shows the rendering of %s while %s is shown", mk[1], want)
		}
	}
}

func talkName(t *notes.Talk) string {
	if t == nil {
		return "no talk"
	}
	return fmt.Sprintf("talk %d", t.Number)
}

// screenProblem reports an escape sequence or control character in a
// view that is not SGR styling or an http(s)/mailto OSC 8 link.
func screenProblem(s string) string {
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			n, problem := screenEscape(s[i:])
			if problem != "" {
				return fmt.Sprintf("%s at %d in %q", problem, i, s[max(0, i-20):min(len(s), i+40)])
			}
			i += n
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n' || r == '\t':
		case r == utf8.RuneError && size == 1:
			return fmt.Sprintf("invalid UTF-8 at %d", i)
		case r < 0x20 || r == 0x7f || 0x80 <= r && r <= 0x9f:
			return fmt.Sprintf("control %U at %d in %q", r, i, s[max(0, i-20):min(len(s), i+20)])
		case 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069:
			return fmt.Sprintf("bidi control %U at %d", r, i)
		}
		i += size
	}
	return ""
}

// screenEscape reads the escape sequence at the start of s: SGR or an
// OSC 8 hyperlink to a linkable target, or a problem.
func screenEscape(s string) (int, string) {
	if len(s) < 2 {
		return len(s), "lone ESC"
	}
	switch s[1] {
	case '[':
		j := 2
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
			j++
		}
		if j < len(s) && s[j] == 'm' {
			return j + 1, ""
		}
		return j, fmt.Sprintf("CSI that is not SGR %q", s[:min(len(s), j+1)])
	case ']':
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 || s[j] == 0x1b {
				body, n := s[2:j], j+1
				if s[j] == 0x1b {
					if j+1 >= len(s) || s[j+1] != '\\' {
						return j, "OSC not terminated by ST"
					}
					n = j + 2
				}
				rest, ok := strings.CutPrefix(body, "8;")
				if !ok {
					return n, fmt.Sprintf("OSC %q", body)
				}
				_, target, ok := strings.Cut(rest, ";")
				if !ok || target != "" && !linkable(target) {
					return n, fmt.Sprintf("link to %q", target)
				}
				return n, ""
			}
		}
		return len(s), "unterminated OSC"
	}
	return 2, fmt.Sprintf("escape ESC %q", s[1:2])
}

func funcName(f any) string {
	p := reflect.ValueOf(f).Pointer()
	if fn := runtime.FuncForPC(p); fn != nil {
		return fn.Name()
	}
	return ""
}

// TestScreenProblem checks the chaos test's screen check can fail.
func TestScreenProblem(t *testing.T) {
	tests := []struct {
		name, in string
		bad      bool
	}{
		{"text", "hello │ 日本 🐹\n  next", false},
		{"SGR", "\x1b[1;38;5;203mhi\x1b[m", false},
		{"link", "\x1b]8;id=1;https://go.dev/\x07go\x1b]8;;\x07", false},
		{"link ST", "\x1b]8;;mailto:a@b.c\x1b\\m\x1b]8;;\x1b\\", false},
		{"clear", "a\x1b[2Jb", true},
		{"cursor", "\x1b[10;10H", true},
		{"title", "\x1b]0;pwned\x07", true},
		{"clipboard", "\x1b]52;c;aGk=\x07", true},
		{"javascript link", "\x1b]8;;javascript:alert(1)\x07x\x1b]8;;\x07", true},
		{"file link", "\x1b]8;;file:///etc/passwd\x1b\\x\x1b]8;;\x1b\\", true},
		{"bell", "a\x07", true},
		{"carriage return", "a\rb", true},
		{"C1 CSI", "\u009b2J", true},
		{"raw C1", "\x9b2J", true},
		{"bidi", "a\u202eb", true},
		{"lone ESC", "a\x1b", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := screenProblem(tt.in) != ""; got != tt.bad {
				t.Errorf("screenProblem(%q) = %q, want a problem: %v", tt.in, screenProblem(tt.in), tt.bad)
			}
		})
	}
}

// Regression cases the chaos test found, kept as plain tests.

// TestSearchDeleteWordForward: alt+delete (or alt+d) in the search line
// with the cursor before the last character panicked inside bubbles'
// textinput (index out of range in deleteWordForward).
func TestSearchDeleteWordForward(t *testing.T) {
	for _, k := range []string{"alt+delete", "alt+d"} {
		t.Run(k, func(t *testing.T) {
			c := newChaos(t, chaosDoc(t, data.Name, data.Notes()), 1)
			c.w, c.h = 80, 24
			c.send(tea.WindowSizeMsg{Width: 80, Height: 24})
			c.send(keyPress("/"))
			c.send(tea.KeyPressMsg{Code: 'g', Text: "g"})
			c.send(tea.KeyPressMsg{Code: 'o', Text: "o"})
			c.send(keyPress("left"))
			c.send(keyPress(k))
			c.check()
			if got := c.m.search.value(); got != "g" {
				t.Errorf("query after g, o, left, %s = %q, want %q", k, got, "g")
			}
		})
	}
}

// TestWidthVariationSelector: a variation selector after a character
// with no emoji form ("[" U+FE0F) is measured two cells wide by
// ansi.StringWidth but one by ansi.Truncate, so a line cut to fit could
// still be a cell too wide.
func TestWidthVariationSelector(t *testing.T) {
	t.Parallel() // CPU work only: it overlaps the screens' waiting
	doc := chaosDoc(t, "vs.md", []byte("# Notes [\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f\n\n"+
		"## Title [\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f\n"+
		"> Eve [\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f[\ufe0f - https://example.com/\n\n:one: :star:\n\n"+
		strings.Repeat("[\ufe0f", 200)+"\n"))
	for w := minWidth; w <= 130; w++ {
		c := newChaos(t, doc, 1)
		c.w, c.h = w, 20
		c.send(tea.WindowSizeMsg{Width: w, Height: 20})
		for i := 0; i < 10 && len(c.cmds) > 0; i++ {
			c.runCommand()
			for len(c.pending) > 0 {
				c.deliver()
			}
		}
		c.send(keyPress("/"))
		c.send(tea.PasteMsg{Content: "ab" + strings.Repeat("[\ufe0f", 12)})
		c.check()
	}
}

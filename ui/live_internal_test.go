package ui

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
)

// The talks of the embedded notes these tests edit, as the file has them.
const (
	developing = "developing-apps-for-developing-countries-with-go-mobile" // talk 6, line 283
	appliedKit = "applied-go-kit"                                          // talk 2
	liveTalk   = "\n## Go live\n> Gopher Writing - https://example.com/gopher\n\n:nine: :star: :star: :star: :star: :star: :star: :star: :star: :star:\n\n- written during the talk\n"
)

// edited is the embedded notes with each old replaced by its new, once.
func edited(t *testing.T, pairs ...string) string {
	t.Helper()
	s := string(data.Notes())
	for i := 0; i < len(pairs); i += 2 {
		if strings.Count(s, pairs[i]) != 1 {
			t.Fatalf("%q is not in the notes once", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func parsed(t *testing.T, text string) *notes.Document {
	t.Helper()
	doc, err := notes.ParseNamed("talks.md", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// reloaded delivers new notes as a watch would.
func reloaded(m Model, l Loaded) Model { return step(m, loadedMsg{Loaded: l, watched: false}) }

// lineOf is the first rendered line of the notes shown holding s.
func lineOf(t *testing.T, m Model, s string) int {
	t.Helper()
	for i, l := range m.detail.content {
		if strings.Contains(ansi.Strip(l), s) {
			return i
		}
	}
	t.Fatalf("no line holds %q", s)
	return -1
}

// reading opens the talk slug in the notes pane, rendered, with the line
// holding text at the top.
func reading(t *testing.T, m Model, slug, text string) Model {
	t.Helper()
	for m.Selected().Slug != slug {
		m = step(m, tea.KeyPressMsg{Code: 'j', Text: "j"})
	}
	m = step(m, tea.KeyPressMsg{Code: tea.KeyTab})
	m = rendered(m, m.Selected(), m.detailWidth())
	m.detail.vp.SetYOffset(lineOf(t, m, text))
	return m
}

func TestReloadKeepsPlace(t *testing.T) {
	m, _ := testModel(t, Options{Style: "dark"}, 120, 40)
	m = reading(t, m, developing, "Africa is BIG")
	before := topLine(m)

	// Lines added above the heading the reader is under, a talk changed
	// elsewhere, and a talk added at the end.
	doc := parsed(t, edited(t,
		"* this implies costs for these developing countries that people simply cannot afford\n",
		"* this implies costs for these developing countries that people simply cannot afford\n* one\n* two\n* three\n* four\n",
		"http://gokit.io - A toolkit for microservices\n", "http://gokit.io - A toolkit for microservices, live\n",
	)+liveTalk)
	m = reloaded(m, Loaded{Doc: doc})
	if got := m.Selected(); got == nil || got.Slug != developing || got != doc.Talks[5] {
		t.Fatalf("selected %v after the reload, want the new notes' %s", got, developing)
	}
	// Until the new rendering comes, the old one stays where it was.
	if got, ok := m.Shown(); !ok || got != doc.Talks[5] || topLine(m) != before {
		t.Errorf("before the new rendering: shown %v (%v), top %q; want the old rendering in place", got, ok, topLine(m))
	}
	m = rendered(m, doc.Talks[5], m.detailWidth())
	if got := topLine(m); got != before {
		t.Errorf("top line after the reload %q, want %q", got, before)
	}
	if !strings.Contains(m.frame.header, "+1 talk · 2 changed") {
		t.Errorf("header %q, want it to say +1 talk · 2 changed", m.frame.header)
	}
	if !m.DetailFocused() {
		t.Error("the notes pane lost the keyboard")
	}
	// The notice goes after a while.
	m = step(m, clearNoticeMsg{id: m.live.noticeID})
	if strings.Contains(m.frame.header, "changed") {
		t.Errorf("header %q still says what changed", m.frame.header)
	}
}

// The place is a line under a heading; with no heading above, the line.
func TestReloadKeepsLineWithoutHeading(t *testing.T) {
	m, _ := testModel(t, Options{Style: "dark"}, 120, 40)
	m = reading(t, m, developing, "this implies costs")
	off := m.detail.vp.YOffset()
	doc := parsed(t, edited(t, "* mercator projection", "* new first\n* mercator projection"))
	m = reloaded(m, Loaded{Doc: doc})
	m = rendered(m, doc.Talks[5], m.detailWidth())
	if got := m.detail.vp.YOffset(); got != off {
		t.Errorf("offset %d after the reload, want %d", got, off)
	}
}

func TestDiffDocs(t *testing.T) {
	base := string(data.Notes())
	tests := []struct {
		name, text, want string
	}{
		{"same", base, ""},
		{"a talk added", base + liveTalk, "+1 talk"},
		{"a talk retitled", edited(t, "## Applied Go kit\n", "## About Applied Go kit\n"), "1 changed"},
		{"a talk removed (its rating line)", edited(t, ":six: :star: :star: :star: :star: :star: :star:\n\nhttp://gokit.io", "http://gokit.io"), "−1 talk"},
		{"retitled and added", edited(t, "## Applied Go kit\n", "## About Applied Go kit\n") + liveTalk, "+1 talk · 1 changed"},
		{"notes changed", edited(t, "* Africa is BIG\n", "* Africa is very BIG\n"), "1 changed"},
		{"added and changed", edited(t, "* Africa is BIG\n", "* Africa is very BIG\n") + liveTalk, "+1 talk · 1 changed"},
	}
	old := parsed(t, base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := diffDocs(old, parsed(t, tt.text)).String(); got != tt.want {
				t.Errorf("diff %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReloadKeepsQuery(t *testing.T) {
	m, _ := testModel(t, Options{Style: "dark", Query: "go", MinStars: 6, Sort: notes.SortStars, SortSet: true}, 120, 40)
	m = step(m, tea.KeyPressMsg{Code: 'j', Text: "j"})
	sel := m.Selected().Slug
	doc := parsed(t, string(data.Notes())+liveTalk)
	m = reloaded(m, Loaded{Doc: doc})
	q := m.Query()
	if q.Text != "go" || q.MinStars != 6 || q.Sort != notes.SortStars {
		t.Errorf("query after the reload %+v, want go, ★≥6, by stars", q)
	}
	listed := m.Listed()
	// Rated 9, the new talk comes after the other 9, earlier in the file.
	if len(listed) < 2 || listed[0].Title != "static deadlock detection" || listed[1].Title != "Go live" {
		t.Errorf("listed %q, want the new 9-star talk second", titles(listed))
	}
	if m.Selected().Slug != sel {
		t.Errorf("selected %s, want %s still", m.Selected().Slug, sel)
	}
	for _, tk := range listed {
		if !slices.Contains(doc.Talks, tk) {
			t.Errorf("%q listed is from the old notes", tk.Title)
		}
	}
}

func titles(ts []*notes.Talk) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.Title)
	}
	return out
}

// rowOf is the list row of the talk titled title as drawn.
func rowOf(m Model, title string) string {
	for _, l := range strings.Split(ansi.Strip(m.list.View()), "\n") {
		if strings.Contains(l, title) {
			return l
		}
	}
	return ""
}

func TestReloadMarksChangedUntilOpened(t *testing.T) {
	m, _ := testModel(t, Options{Style: "dark"}, 80, 40) // narrow: the list alone
	doc := parsed(t, edited(t,
		"http://gokit.io - A toolkit for microservices\n", "http://gokit.io - A toolkit for microservices, live\n",
	)+liveTalk)
	m = reloaded(m, Loaded{Doc: doc})
	if row := rowOf(m, "Applied Go kit"); !strings.HasSuffix(strings.TrimSpace(row), "changed") {
		t.Errorf("row %q, want it marked changed", row)
	}
	if row := rowOf(m, "Keynote: SOLID Go design"); strings.Contains(row, "changed") {
		t.Errorf("row %q of a talk that did not change is marked", row)
	}
	m = step(m, tea.KeyPressMsg{Code: 'G', Text: "G"})
	if row := rowOf(m, "Go live"); !strings.HasSuffix(strings.TrimSpace(row), "new") {
		t.Errorf("row %q, want it marked new (selected, not opened)", row)
	}
	m = step(m, tea.KeyPressMsg{Code: tea.KeyEnter})
	m = step(m, tea.KeyPressMsg{Code: tea.KeyEscape})
	if row := rowOf(m, "Go live"); strings.Contains(row, "new") {
		t.Errorf("row %q still marked after it was read", row)
	}
	m = step(m, tea.KeyPressMsg{Code: 'g', Text: "g"})
	if row := rowOf(m, "Applied Go kit"); !strings.Contains(row, "changed") {
		t.Errorf("row %q lost its mark, unread", row)
	}
}

func TestReloadFailureKeepsNotes(t *testing.T) {
	m, doc := testModel(t, Options{Style: "dark"}, 120, 40)
	m = step(m, tea.KeyPressMsg{Code: 'j', Text: "j"})
	_, err := notes.ParseNamed("talks.md", strings.NewReader("# Talks\n\n## Half a talk\n> Someone\x1b[2J"))
	if err == nil {
		t.Fatal("a half-written file parses")
	}
	for _, l := range []Loaded{{Err: err}, {Err: errors.New("source: talks.md: no such file or directory")}, {Doc: nil}} {
		m = reloaded(m, l)
		if m.doc != doc || m.Selected() != doc.Talks[1] || len(m.Listed()) != 21 {
			t.Fatalf("after %v: the notes were replaced", l.Err)
		}
		footer := m.frame.footer
		if !strings.Contains(footer, "Kept the notes as they were: ") || strings.Contains(footer, "\x1b[2J") || strings.Contains(footer, "\n") {
			t.Errorf("after %v: footer %q, want one escaped line saying the notes were kept", l.Err, footer)
		}
	}
	// A good reload clears it.
	m = reloaded(m, Loaded{Doc: parsed(t, string(data.Notes()))})
	if strings.Contains(m.frame.footer, "Kept") {
		t.Errorf("footer %q after a good reload", m.frame.footer)
	}
}

func TestReloadNoChanges(t *testing.T) {
	m, _ := testModel(t, Options{Style: "dark"}, 120, 40)
	m = step(m, loadedMsg{Loaded: Loaded{Doc: parsed(t, string(data.Notes()))}, watched: true})
	if m.live.notice != "" {
		t.Errorf("a watch that saw no change says %q", m.live.notice)
	}
	m = step(m, loadedMsg{Loaded: Loaded{Doc: parsed(t, string(data.Notes()))}, manual: true, gen: m.live.gen})
	if !strings.Contains(m.frame.header, "no changes") {
		t.Errorf("r that found no change: header %q, want no changes", m.frame.header)
	}
}

// A manual reload that answers after a watch brought newer notes is
// dropped: it read the file or asked the server before them.
func TestReloadLateManualDropped(t *testing.T) {
	m, _ := testModel(t, Options{Style: "dark", Reload: func(context.Context) Loaded { return Loaded{} }}, 120, 40)
	tm, cmd := m.Update(tea.KeyPressMsg{Code: 'r', Text: "r"})
	m = tm.(Model)
	var late loadedMsg
	for _, msg := range batchMsgs(cmd) {
		if l, ok := msg.(loadedMsg); ok {
			late = l
		}
	}
	if !late.manual {
		t.Fatal("r ran no reload")
	}
	newer := parsed(t, string(data.Notes())+liveTalk)
	m = step(m, loadedMsg{Loaded: Loaded{Doc: newer}, watched: true})
	late.Loaded = Loaded{Doc: parsed(t, string(data.Notes()))}
	m = step(m, late)
	if m.doc != newer {
		t.Error("the late manual reload replaced the watch's newer notes")
	}
}

func TestCachedNotice(t *testing.T) {
	t0 := time.Date(2016, 8, 18, 9, 0, 0, 0, time.UTC)
	opts := Options{Style: "dark", CachedAt: t0, Now: func() time.Time { return t0.Add(12*time.Minute + 30*time.Second) }}
	m, _ := testModel(t, opts, 120, 40)
	if !strings.Contains(m.frame.header, "cached 12 min ago") {
		t.Errorf("header %q, want cached 12 min ago", m.frame.header)
	}
	m = step(m, clockMsg{now: t0.Add(3 * time.Hour)})
	if !strings.Contains(m.frame.header, "cached 3 h ago") {
		t.Errorf("header %q, want cached 3 h ago", m.frame.header)
	}
	// r with the server failing: the cached copy again, and why.
	m = reloaded(m, Loaded{Doc: parsed(t, string(data.Notes())), CachedAt: t0,
		Stale: errors.New("source: https://notes.example/abc/download: 503 Service Unavailable")})
	if !strings.Contains(m.frame.footer, "Showing the cached copy: source: https://notes.example/abc/download: 503 Service Unavailable") {
		t.Errorf("footer %q, want why the cached copy is shown", m.frame.footer)
	}
	// Fresh notes from the server: no longer a cached copy.
	m = reloaded(m, Loaded{Doc: parsed(t, string(data.Notes()))})
	if strings.Contains(m.frame.header, "cached") || strings.Contains(m.frame.footer, "cached") {
		t.Errorf("header %q, footer %q after fresh notes", m.frame.header, m.frame.footer)
	}
	// The last clock tick comes and, the notes fresh, asks for no other.
	tm, cmd := m.Update(clockMsg{now: t0.Add(4 * time.Hour)})
	if m = tm.(Model); cmd != nil || m.live.ticking {
		t.Error("the clock goes on ticking for fresh notes")
	}
	// Cached again: the clock starts again, for the age to move on.
	m = reloaded(m, Loaded{Doc: parsed(t, string(data.Notes())), CachedAt: t0})
	if !m.live.ticking {
		t.Error("a cached copy after fresh notes starts no clock")
	}
}

func TestEditAndReloadNotAvailable(t *testing.T) {
	stdin := parsed(t, string(data.Notes()))
	stdin.Name = "stdin"
	tests := []struct {
		name string
		opts Options
		doc  *notes.Document
		key  rune
		want string
	}{
		{"built-in notes", Options{}, nil, 'e', "Only files can be edited: these notes are from the program itself (use --notes FILE)"},
		{"standard input", Options{}, stdin, 'e', "Only files can be edited: these notes are from standard input"},
		{"remote session", Options{Remote: true, EditFile: "talks.md"}, nil, 'e', "Editing is not available in a remote session"},
		{"reload read-once notes", Options{}, nil, 'r', "Nothing to reload: standard input and the built-in notes are read once"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Style = "dark"
			m, _ := testModel(t, tt.opts, 120, 40)
			if tt.doc != nil {
				m = New(tt.doc, tt.opts)
				m.statusFor = time.Millisecond // as testModel's
				m = step(m, tea.WindowSizeMsg{Width: 120, Height: 40})
			}
			tm, cmd := m.Update(tea.KeyPressMsg{Code: tt.key, Text: string(tt.key)})
			if got := tm.(Model).status; got != tt.want {
				t.Errorf("status %q, want %q", got, tt.want)
			}
			if cmd != nil {
				if _, ok := cmd().(clearStatusMsg); !ok {
					t.Errorf("the key ran a command other than the status's")
				}
			}
		})
	}
}

// e opens the editor at the heading above the line read, in the file.
func TestEditAtSection(t *testing.T) {
	tests := []struct {
		name, top string
		want      int
	}{
		{"under a heading", "Galls-Peters projection", 291},    // ### Introduction to Africa
		{"the next heading", "Project Loon", 303},              // ### Initatives to improve Africa's situation
		{"above every heading", "this implies costs for", 283}, // ## Developing Apps ...
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := testModel(t, Options{Style: "dark", EditFile: "talks.md", Editor: "vim"}, 120, 40)
			m = reading(t, m, developing, tt.top)
			if got := m.sourceLine(); got != tt.want {
				t.Errorf("line %d, want %d", got, tt.want)
			}
		})
	}
}

func TestEditorArgs(t *testing.T) {
	tests := []struct {
		name, editor, file string
		line               int
		want               []string
	}{
		{"none: vi", "", "talks.md", 12, []string{"vi", "+12", "talks.md"}},
		{"vim", "vim", "talks.md", 283, []string{"vim", "+283", "talks.md"}},
		{"path to nvim", "/usr/local/bin/nvim", "talks.md", 5, []string{"/usr/local/bin/nvim", "+5", "talks.md"}},
		{"emacsclient with flags", "emacsclient -t", "talks.md", 7, []string{"emacsclient", "-t", "+7", "talks.md"}},
		{"helix", "hx", "talks.md", 3, []string{"hx", "+3", "talks.md"}},
		{"no line", "nano", "talks.md", 0, []string{"nano", "talks.md"}},
		{"code takes no +N", "code -w", "talks.md", 9, []string{"code", "-w", "talks.md"}},
		{"quoted path", `"/opt/My Editor/edit" --wait`, "talks.md", 9, []string{"/opt/My Editor/edit", "--wait", "talks.md"}},
		{"single quotes", `'my vim' -u 'NONE'`, "talks.md", 0, []string{"my vim", "-u", "NONE", "talks.md"}},
		{"backslash", `my\ ed`, "talks.md", 0, []string{"my ed", "talks.md"}},
		{"file like an option", "vi", "-talks.md", 0, []string{"vi", "./-talks.md"}},
		{"file like a line", "vi", "+1.md", 0, []string{"vi", "./+1.md"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := editorArgs(tt.editor, tt.file, tt.line)
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("editorArgs(%q, %q, %d) = %q, %v; want %q", tt.editor, tt.file, tt.line, got, err, tt.want)
			}
		})
	}
	if _, err := editorArgs(`vim "unclosed`, "talks.md", 0); err == nil {
		t.Error("an unterminated quote is no error")
	}
}

// FuzzShellWords: any $EDITOR splits without a panic, and one with no
// quote or backslash splits as strings.Fields does at blanks.
func FuzzShellWords(f *testing.F) {
	for _, s := range []string{"vim", "code -w", `"/opt/My Editor/edit" --wait`, `'a b' c\ d`, `"unclosed`, `x\`, `"a\"b"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words, err := shellWords(s)
		if strings.ContainsAny(s, `"'\`) || strings.ContainsFunc(s, func(r rune) bool {
			return unicode.IsSpace(r) && r != ' ' && r != '\t' && r != '\n' // blanks of Fields, not of a shell
		}) {
			return
		}
		if err != nil || !slices.Equal(words, strings.Fields(s)) {
			t.Errorf("shellWords(%q) = %q, %v; want %q", s, words, err, strings.Fields(s))
		}
	})
}

package ui

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/notes"
)

// hugeTalk is a talk whose notes are n blocks made by block(i).
func hugeTalk(n int, open, close string, block func(i int) string) *notes.Talk {
	var b strings.Builder
	b.WriteString(open)
	for i := range n {
		b.WriteString(block(i))
	}
	b.WriteString(close)
	return &notes.Talk{Number: 1, Title: "Huge", Speaker: "Ann", Stars: 1, Body: b.String()}
}

var hugeTalks = []struct {
	name  string
	talk  func(n int) *notes.Talk
	items int
}{
	{"flat list", func(n int) *notes.Talk {
		return hugeTalk(n, "", "", func(i int) string { return fmt.Sprintf("- item %d\n", i) })
	}, 8000},
	{"code block", func(n int) *notes.Talk {
		return hugeTalk(n, "```go\n", "```\n", func(i int) string { return fmt.Sprintf("x := %d // item\n", i) })
	}, 8000},
	{"paragraphs", func(n int) *notes.Talk {
		return hugeTalk(n, "", "", func(i int) string { return fmt.Sprintf("para %d words words\n\n", i) })
	}, 4000},
	{"table", func(n int) *notes.Talk {
		return hugeTalk(n, "| a | b |\n|---|---|\n", "", func(i int) string { return fmt.Sprintf("| %d | x |\n", i) })
	}, 8000},
}

// TestRenderHugeTalkIsBounded (here with fewer blocks): glamour took 21.8 s for a flat list of
// 40,000 items and more than a minute for a code block of 100,000 lines,
// in show --format ansi and in the browser. Glamour is now given at most
// glamourLines lines of a talk; the rest is drawn as plain text, all of
// it, under a line that says so.
func TestRenderHugeTalkIsBounded(t *testing.T) {
	t.Parallel() // CPU work only: it overlaps the screens' waiting
	for _, tt := range hugeTalks {
		t.Run(tt.name, func(t *testing.T) {
			out, err := NewRenderer().Talk(tt.talk(tt.items), 80, StyleDark)
			if err != nil {
				t.Fatal(err)
			}
			styled := 0
			for l := range strings.SplitSeq(out, "\n") {
				if strings.Contains(l, "\x1b[") {
					styled++
				}
			}
			if styled > glamourLines {
				t.Errorf("%d styled lines: glamour rendered more than %d lines", styled, glamourLines)
			}
			if !strings.Contains(strings.Join(strings.Fields(out), " "), "(The rest is plain text: glamour is given at most 1000 lines or 64 KB of a talk.)") {
				t.Error("no line says the rest is plain text")
			}
			last := fmt.Sprint(tt.items - 1)
			if !strings.Contains(out, last) {
				t.Errorf("the last item (%q) is not in the output", last)
			}
		})
	}
}

// TestRenderTalkScales: rendering a talk 4x as long allocates at most
// about 4x as much (glamour's part is bounded, plain text is linear).
func TestRenderTalkScales(t *testing.T) {
	for _, tt := range hugeTalks {
		t.Run(tt.name, func(t *testing.T) {
			alloc := func(n int) uint64 {
				talk := tt.talk(n)
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				if _, err := NewRenderer().Talk(talk, 80, StyleDark); err != nil {
					t.Fatal(err)
				}
				runtime.ReadMemStats(&after)
				return after.TotalAlloc - before.TotalAlloc
			}
			small, large := alloc(tt.items/8), alloc(tt.items/2)
			if g := float64(large) / float64(small); g > 5 {
				t.Errorf("4x the blocks allocate %.1fx the bytes, want at most about 4x", g)
			}
		})
	}
}

// TestSplitForGlamour: the cut is at a top-level block's start, never
// inside fenced code, and a text inside the bounds is not cut.
func TestSplitForGlamour(t *testing.T) {
	lines := func(n int, s string) string { return strings.Repeat(s, n) }
	tests := []struct {
		name, md, head string
	}{
		{"small", "# T\n\n- a\n- b\n", "# T\n\n- a\n- b\n"},
		{"flat list", lines(1500, "- x\n"), lines(999, "- x\n")},
		{"code fence after a paragraph", "intro\n\n```\n" + lines(1500, "x\n") + "```\n", "intro\n\n"},
		{"nested items are not cut", "- a\n" + lines(1500, "  - b\n"), ""},
		{"a fence of ~ holds a - line", "p\n\n~~~\n" + lines(1200, "- x\n") + "~~~\n", "p\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head, rest := splitForGlamour(tt.md)
			if head != tt.head {
				t.Errorf("head %.80q (%d bytes), want %.80q (%d bytes)", head, len(head), tt.head, len(tt.head))
			}
			if head+rest != tt.md {
				t.Error("head and rest are not the text")
			}
		})
	}
}

// hugeNotesModel is the browser at 120x40 over a document of a few talks
// holding md's notes.
func hugeNotesModel(t *testing.T, md string) (Model, *notes.Document) {
	t.Helper()
	doc, err := notes.ParseNamed("huge.md", strings.NewReader(md))
	if err != nil {
		t.Fatal(err)
	}
	m := New(doc, Options{Style: StyleDark})
	return step(m, tea.WindowSizeMsg{Width: 120, Height: 40}), doc
}

// TestSearchOfHugeNotesRunsInACommand: below 2,000 talks the search ran
// inside Update, whatever the talks held: typing in the search box over
// three talks with 2 MB of notes held the event loop (and ctrl+c, and
// signals) for the search, the first one building the index. A document
// past syncSearchBytes of text is searched in a command, as a large one
// is; a small one still answers in the same Update.
func TestSearchOfHugeNotesRunsInACommand(t *testing.T) {
	talk := func(i int, body string) string {
		return fmt.Sprintf("## Talk %d\n> Ann - https://a.example\n\n:one: :star:\n\n%s\n\n", i, body)
	}
	tests := []struct {
		name  string
		md    string
		async bool
	}{
		{"three talks of 700 KB lines", "# N\n\n" + talk(1, strings.Repeat("gopher ", 100000)) + talk(2, strings.Repeat("gopher ", 100000)) + talk(3, strings.Repeat("gopher ", 100000)), true},
		{"one talk of 2 MB of lines", "# N\n\n" + talk(1, strings.Repeat("a gopher line\n", 150000)), true},
		{"three small talks", "# N\n\n" + talk(1, "gopher") + talk(2, "gopher") + talk(3, "gopher"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := hugeNotesModel(t, tt.md)
			m = step(m, tea.KeyPressMsg{Code: '/', Text: "/"})
			tm, cmd := m.Update(tea.KeyPressMsg{Code: 'g', Text: "g"})
			m = tm.(Model)
			if m.busy != tt.async {
				t.Errorf("searching in a command: %v, want %v", m.busy, tt.async)
			}
			if tt.async && cmd == nil {
				t.Error("no command runs the search")
			}
		})
	}
}

// TestHugeTalkPageIsCut: a talk of 8 MB of notes filled the pane with
// 320,000 lines, and each line cost Update time when the rendering came
// and on every query: a second a key. The pane holds maxPageLines lines
// and a line saying how to read the rest.
func TestHugeTalkPageIsCut(t *testing.T) {
	t.Parallel() // CPU work only: it overlaps the screens' waiting
	md := "# N\n\n## Long\n> M - https://e.com\n\n:one: :star:\n\n" + strings.Repeat("a gopher line\n\n", 3*maxPageLines)
	m, doc := hugeNotesModel(t, md)
	m = rendered(m, doc.Talks[0], m.detailWidth())
	if _, ok := m.Shown(); !ok {
		t.Fatal("the talk is not shown")
	}
	lines := m.detail.content
	if len(lines) > maxPageLines+4 {
		t.Errorf("the pane holds %d lines, want at most %d", len(lines), maxPageLines+4)
	}
	var note []string
	for _, l := range lines[maxPageLines:] {
		if w := ansi.StringWidth(l); w > m.detailWidth() {
			t.Errorf("line %q is %d cells wide, wider than the pane (%d)", l, w, m.detailWidth())
		}
		note = append(note, strings.TrimSpace(ansi.Strip(l)))
	}
	if got := strings.Join(note, " "); !strings.Contains(got, "more lines are not shown here: golanguk show 1 --format plain prints them all.") {
		t.Errorf("the last lines %q do not say how to read the rest", got)
	}
}

package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/notes"
)

func keys(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

func steps(m Model, msgs ...tea.Msg) Model {
	for _, msg := range msgs {
		m = step(m, msg)
	}
	return m
}

var (
	kEnter = tea.KeyPressMsg{Code: tea.KeyEnter}
	kEsc   = tea.KeyPressMsg{Code: tea.KeyEscape}
	kTab   = tea.KeyPressMsg{Code: tea.KeyTab}
)

// topLine is the first notes line in view, stripped and trimmed.
func topLine(m Model) string {
	d := m.detail
	return strings.TrimSpace(ansi.Strip(d.content[d.vp.YOffset()]))
}

// checkHeadingOnTop checks that the notes start at heading want, or, when
// it is too near the end for that, end with it in view.
func checkHeadingOnTop(t *testing.T, m Model, want string) {
	t.Helper()
	d := m.detail
	line := -1
	for i, l := range d.content {
		if strings.TrimSpace(ansi.Strip(l)) == want {
			line = i
			break
		}
	}
	if line < 0 {
		t.Fatalf("no line %q in the notes", want)
	}
	if got, wantOff := d.vp.YOffset(), min(line, max(0, len(d.content)-d.bodyHeight())); got != wantOff {
		t.Errorf("notes at offset %d (starting %q), want %d, where %q is", got, topLine(m), wantOff, want)
	}
}

// readingTalk13 is the browser at w x h reading talk 13, "Implementing
// software machines in Go & C" (its ### sections, by the notes' lines
// 537, 550, 571, 591 and 598: virtual machines, Memory, CPU, Transport
// triggering, Random thoughts), rendered, scrolled down 3 lines.
func readingTalk13(t *testing.T, w, h int) Model {
	t.Helper()
	m, doc := testModel(t, Options{Style: "dark"}, w, h)
	m = steps(m, keys("jjjjjjjjjjjj")...)
	tk := doc.Talks[12]
	if m.Selected() != tk {
		t.Fatalf("selected %q, want talk 13", m.Selected().Title)
	}
	focus := kTab
	if w < wideWidth {
		focus = kEnter
	}
	m = step(m, focus)
	m = rendered(m, tk, m.detailWidth())
	if !m.detail.showing() {
		t.Fatal("talk 13's notes are not shown")
	}
	return steps(m, keys("jjj")...)
}

// TestOutlineJumpAndReturn: t opens the outline on the section being read;
// each move puts that section's heading at the top of the notes; esc puts
// back the exact offset; enter stays at the section.
func TestOutlineJumpAndReturn(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(strings.Join([]string{itoa(size[0]), itoa(size[1])}, "x"), func(t *testing.T) {
			m := readingTalk13(t, size[0], size[1])
			before := m.detail.vp.YOffset()
			if before != 3 {
				t.Fatalf("offset %d after jjj, want 3", before)
			}
			m = steps(m, keys("t")...)
			if m.aid.kind != aidOutline || m.aid.outline.sel != 0 {
				t.Fatalf("t: aid %d, selected %d; want the outline on its first section", m.aid.kind, m.aid.outline.sel)
			}
			if got := m.detail.vp.YOffset(); got != before {
				t.Errorf("opening the outline moved the notes from %d to %d", before, got)
			}
			for _, want := range []string{"### Memory", "### CPU", "### Transport triggering"} {
				m = steps(m, keys("j")...)
				checkHeadingOnTop(t, m, want)
			}
			m = steps(m, keys("k")...)
			if got := topLine(m); got != "### CPU" {
				t.Errorf("after k the notes start with %q, want ### CPU", got)
			}
			m = step(m, kEsc)
			if m.aid.open() {
				t.Fatal("esc left the outline open")
			}
			if got := m.detail.vp.YOffset(); got != before {
				t.Errorf("esc: offset %d, want the %d of before", got, before)
			}
			if !m.DetailFocused() {
				t.Error("esc: the notes lost the keyboard")
			}

			m = steps(m, keys("tjj")...)
			m = step(m, kEnter)
			if m.aid.open() || topLine(m) != "### CPU" {
				t.Errorf("enter: outline open %v, notes start with %q; want closed at ### CPU", m.aid.open(), topLine(m))
			}
			if r := ansi.Strip(m.detail.rule()); !strings.Contains(r, "§ CPU") {
				t.Errorf("the rule does not name the section read: %q", r)
			}
			m = steps(m, keys("j")...) // the notes scroll again
			if got := m.detail.vp.YOffset(); got != m.detail.aids.sections[2]+1 {
				t.Errorf("j after enter: offset %d, want a line below ### CPU", got)
			}
		})
	}
}

// TestOutlineFromList: t in the list opens the outline of the selected
// talk, and esc gives the list back its keyboard.
func TestOutlineFromList(t *testing.T) {
	m, doc := testModel(t, Options{Style: "dark"}, 120, 40)
	m = rendered(m, doc.Talks[0], m.detailWidth())
	m = steps(m, keys("t")...)
	if m.aid.kind != aidOutline || len(m.aid.outline.entries) != 2 {
		t.Fatalf("t in the list: aid %d with %d entries, want talk 1's outline of 2", m.aid.kind, len(m.aid.outline.entries))
	}
	m = steps(m, keys("j")...)
	checkHeadingOnTop(t, m, "### Summary")
	// Summary is too near the end to reach the top: at the end, the rule
	// names the last section in view.
	if r := ansi.Strip(m.detail.rule()); !strings.Contains(r, "§ Summary") || !strings.Contains(r, "end") {
		t.Errorf("at the end of talk 1 the rule is %q, want § Summary and end", r)
	}
	m = step(m, kEsc)
	if m.DetailFocused() || m.aid.open() || m.detail.vp.YOffset() != 0 {
		t.Errorf("esc: detail focused %v, aid open %v, offset %d; want the list, closed, 0", m.DetailFocused(), m.aid.open(), m.detail.vp.YOffset())
	}
}

// TestOutlineNoSections: talk 19 is a numbered list without headings; t
// says so and opens nothing.
func TestOutlineNoSections(t *testing.T) {
	m, _ := testModel(t, Options{Style: "dark"}, 120, 40)
	m = steps(m, keys("jjjjjjjjjjjjjjjjjj")...)
	if m.Selected().Title != "Seven ways to profile Go applications" {
		t.Fatalf("selected %q, want talk 19", m.Selected().Title)
	}
	m = steps(m, keys("t")...)
	if m.aid.open() || !strings.Contains(m.status, "No sections in this talk") {
		t.Errorf("t on talk 19: aid open %v, status %q", m.aid.open(), m.status)
	}
}

// TestOutlineAfterResize: the outline finds the headings in the notes
// rendered again for a new width, and esc puts the notes at the same
// place of the section they were in.
func TestOutlineAfterResize(t *testing.T) {
	m := readingTalk13(t, 120, 40)
	m = steps(m, keys("tjj")...)
	m = step(m, kEnter)         // at ### CPU
	m = steps(m, keys("jj")...) // two lines below it
	m = steps(m, keys("t")...)
	if m.aid.outline.sel != 2 {
		t.Fatalf("outline opened on entry %d, want 2 (CPU, the section read)", m.aid.outline.sel)
	}
	m = step(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = rendered(m, m.detail.talk, m.detailWidth())
	m = steps(m, keys("j")...)
	checkHeadingOnTop(t, m, "### Transport triggering")
	m = step(m, kEsc)
	if got, want := m.detail.vp.YOffset(), m.detail.aids.sections[2]+2; got != want {
		t.Errorf("esc after the resize: offset %d, want %d (two lines below ### CPU)", got, want)
	}
}

// TestLinksDigits: digits pick links, going on with the number typed
// while a digit more can name one; the notes scroll to the number.
func TestLinksDigits(t *testing.T) {
	m := readingTalk13(t, 80, 24)
	m = steps(m, keys("L")...)
	if m.aid.kind != aidLinks || len(m.aid.links.links) != 4 {
		t.Fatalf("L: aid %d with %d links, want talk 13's 4", m.aid.kind, len(m.aid.links.links))
	}
	m = steps(m, keys("3")...)
	if got := m.aid.links.selected().URL; got != "https://en.wikipedia.org/wiki/Transport_triggered_architecture" {
		t.Errorf("3 picked %s", got)
	}
	line := m.detail.aids.links[3]
	if off := m.detail.vp.YOffset(); line < off || line >= off+m.detail.bodyHeight() {
		t.Errorf("link 3's number, line %d, is not in view (offset %d)", line, off)
	}
	if !strings.Contains(ansi.Strip(m.detail.content[line]), "[3]") {
		t.Errorf("line %d does not show [3]: %q", line, ansi.Strip(m.detail.content[line]))
	}
	m = steps(m, keys("12")...) // 4 links: 12 names none, so 1 then 2
	if got := m.aid.links.sel; got != 1 {
		t.Errorf("1 2 with 4 links selected index %d, want 1 (link 2)", got)
	}
	m = step(m, kEsc)
	if m.aid.open() || m.detail.vp.YOffset() != 3 {
		t.Errorf("esc: links open %v, offset %d; want closed at 3", m.aid.open(), m.detail.vp.YOffset())
	}
}

// TestLinksManyDigits: with 12 links, 1 then 2 is link 12, and the number
// ends when the digits' time is up.
func TestLinksManyDigits(t *testing.T) {
	var b strings.Builder
	b.WriteString("# T\n\n## Many links\n\n:five: :star: :star: :star: :star: :star:\n\n")
	for i := 1; i <= 12; i++ {
		b.WriteString("- https://l" + itoa(i) + ".example/\n")
	}
	m := modelOver(t, b.String())
	m = steps(m, keys("L12")...)
	if got := m.aid.links.selected().URL; got != "https://l12.example/" {
		t.Errorf("1 2 picked %s, want link 12", got)
	}
	m = step(m, linkDigitsMsg{id: m.aid.links.digitsID})
	m = steps(m, keys("1")...)
	if got := m.aid.links.selected().URL; got != "https://l1.example/" {
		t.Errorf("1 after the time is up picked %s, want link 1", got)
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// modelOver is the browser at 120x40 over the notes file md, its first
// talk rendered.
func modelOver(t *testing.T, md string) Model {
	t.Helper()
	doc, err := notes.Parse(strings.NewReader(md))
	if err != nil {
		t.Fatal(err)
	}
	m := New(doc, Options{Style: "dark"})
	m = step(m, tea.WindowSizeMsg{Width: 120, Height: 40})
	return rendered(m, doc.Talks[0], m.detailWidth())
}

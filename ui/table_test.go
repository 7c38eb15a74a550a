package ui_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/notestest"
	"github.com/golanguk/golanguk/ui"
)

func embeddedHits(t testing.TB) []notes.Hit {
	t.Helper()
	d, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
	if err != nil {
		t.Fatal(err)
	}
	hits := make([]notes.Hit, len(d.Talks))
	for i, tk := range d.Talks {
		hits[i] = notes.Hit{Talk: tk}
	}
	return hits
}

func TestTable(t *testing.T) {
	hits := embeddedHits(t)
	for _, width := range []int{120, 80, 40, 20} {
		t.Run(strconv.Itoa(width), func(t *testing.T) {
			out := ui.Table(hits, width, ui.DefaultTableStyles())
			rows := strings.Split(strings.TrimSuffix(ansi.Strip(out), "\n"), "\n")
			if len(rows) != len(hits) {
				t.Fatalf("%d rows, want %d", len(rows), len(hits))
			}
			titleCol := -1
			for i, row := range rows {
				tk := hits[i].Talk
				if w := ansi.StringWidth(row); w > width {
					t.Errorf("row %d is %d wide: %q", i+1, w, row)
				}
				stars := strings.Repeat("★", tk.Stars) + strings.Repeat("☆", notes.MaxStars-tk.Stars)
				at := strings.Index(row, stars)
				if at < 0 || strings.TrimSpace(row[:at]) != strconv.Itoa(tk.Number) {
					t.Errorf("row %d does not start with number and rating: %q", i+1, row)
					continue
				}
				col := ansi.StringWidth(row[:at+len(stars)])
				if titleCol >= 0 && col != titleCol {
					t.Errorf("row %d: title at column %d, row 1 at %d", i+1, col, titleCol)
				}
				titleCol = col
				rest := strings.TrimSpace(row[at+len(stars):])
				title := []rune(tk.Title)
				if !strings.HasPrefix(rest, string(title[:min(len(title), 3)])) {
					t.Errorf("row %d: title missing after the rating: %q", i+1, rest)
				}
				if width == 120 && (!strings.Contains(row, tk.Title) || !strings.HasSuffix(row, tk.Speaker)) {
					t.Errorf("row %d at 120 columns cut: %q", i+1, row)
				}
			}
		})
	}
	if ui.Table(nil, 80, ui.DefaultTableStyles()) != "" {
		t.Error("an empty table is not empty")
	}
}

// markStyles make highlighted text easy to find: matches in brackets.
func markStyles() ui.TableStyles {
	s := ui.TableStyles{}
	s.Match = lipgloss.NewStyle().Transform(func(s string) string { return "[" + s + "]" })
	return s
}

func TestTableMatches(t *testing.T) {
	tk := &notes.Talk{Number: 7, Title: "A beginners guide to Context", Speaker: "Paul Crawford", Stars: 4}
	// A hit found in the notes comes from a search: its snippet is made
	// from the talk's notes.
	doc, err := notes.Parse(strings.NewReader("# T\n\n## Real-time data pipelines\n> Jennie Lees - https://j.example\n\n" +
		":six: :star: :star: :star: :star: :star: :star:\n\n- use context.Done() to stop\n"))
	if err != nil {
		t.Fatal(err)
	}
	inNotes := doc.Search(notes.Query{Text: "context", Sort: notes.SortRelevance})
	if len(inNotes) != 1 || inNotes[0].Field != notes.FieldNotes {
		t.Fatalf("Search(context) = %+v, want one notes hit", inNotes)
	}
	hits := []notes.Hit{
		{Talk: tk, Field: notes.FieldTitle, TitlePos: []int{21, 22, 23, 24, 25, 26, 27}, SpeakerPos: []int{0}},
		inNotes[0],
	}
	out := ansi.Strip(ui.Table(hits, 100, markStyles()))
	for _, want := range []string{"A beginners guide to [Context]", "[P]aul Crawford", "… use [context].Done() to stop"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 3 {
		t.Errorf("%d lines, want 3 (a snippet line for the notes hit):\n%s", n, out)
	}

	// Cut to fit, a match past the cut is not drawn on the "…".
	cut := ansi.Strip(ui.Table(hits[:1], 28, markStyles()))
	if !strings.Contains(cut, "A beginners") || !strings.HasSuffix(cut, "…\n") || strings.Contains(cut, "[…]") || strings.Contains(cut, "Paul") {
		t.Errorf("narrow table: %q", cut)
	}
}

func TestHighlight(t *testing.T) {
	m := markStyles().Match
	tests := []struct {
		text string
		pos  []int
		want string
	}{
		{"Pățan", []int{1, 2}, "P[ăț]an"},
		{"gopher", []int{5, 0, 99}, "[g]ophe[r]"},
		{"日本語", []int{1}, "日[本]語"},
		{"none", nil, "none"},
	}
	for _, tt := range tests {
		if got := ansi.Strip(ui.Highlight(tt.text, tt.pos, lipgloss.NewStyle(), m)); got != tt.want {
			t.Errorf("Highlight(%q, %v) = %q, want %q", tt.text, tt.pos, got, tt.want)
		}
	}
}

// TestTableMakesLateSnippets checks that every hit found in the notes gets
// its line of notes, past the first ones Search makes snippets for too.
func TestTableMakesLateSnippets(t *testing.T) {
	doc, err := notes.Parse(bytes.NewReader(notestest.Bytes(300, 1)))
	if err != nil {
		t.Fatal(err)
	}
	hits := doc.Search(notes.Query{Text: "goroutine", Sort: notes.SortRelevance})
	inNotes := 0
	for _, h := range hits {
		if h.Field == notes.FieldNotes {
			inNotes++
		}
	}
	// Search once made the snippets of the first 100 hits only.
	if inNotes <= 100 {
		t.Fatalf("only %d notes hits; the test needs more than 100", inNotes)
	}
	out := ansi.Strip(ui.Table(hits, 120, ui.DefaultTableStyles()))
	if n := strings.Count(out, "… "); n < inNotes {
		t.Errorf("table has %d snippet lines for %d hits found in the notes", n, inNotes)
	}
}

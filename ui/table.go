package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/notes"
)

// TableStyles are the styles of the talk list `golanguk list` prints on a
// terminal. Colours are the terminal's own ANSI colours, so they follow its
// theme on dark and light backgrounds alike.
type TableStyles struct {
	Number  lipgloss.Style
	Star    lipgloss.Style // a filled star
	NoStar  lipgloss.Style // an empty one
	Title   lipgloss.Style
	Speaker lipgloss.Style
	Snippet lipgloss.Style // the line of notes that matched a query
	Match   lipgloss.Style // matched characters, over the style of their column
}

// DefaultTableStyles returns the table's styles.
func DefaultTableStyles() TableStyles {
	return TableStyles{
		Number:  lipgloss.NewStyle().Faint(true),
		Star:    lipgloss.NewStyle().Foreground(lipgloss.Yellow),
		NoStar:  lipgloss.NewStyle().Faint(true),
		Title:   lipgloss.NewStyle().Bold(true),
		Speaker: lipgloss.NewStyle().Foreground(lipgloss.Cyan),
		Snippet: lipgloss.NewStyle().Faint(true),
		Match:   lipgloss.NewStyle().Foreground(lipgloss.BrightMagenta).Underline(true),
	}
}

const (
	gap         = "  "
	speakerMax  = 28 // widest speaker column
	titleMin    = 12 // narrowest title column before the speaker is dropped
	snippetMark = "… "
)

// Table renders hits as aligned columns for a terminal width columns wide:
// number, rating as stars, title, speaker. Characters a query matched are
// highlighted, and a talk found by its notes gets a second line with the
// matching snippet. Text too long for its column ends with "…".
func Table(hits []notes.Hit, width int, s TableStyles) string {
	if len(hits) == 0 {
		return ""
	}
	numW, titleW, speakerW := 1, 0, 0
	for i := range hits {
		t := hits[i].Talk
		numW = max(numW, len(strconv.Itoa(t.Number)))
		titleW = max(titleW, ansi.StringWidth(t.Title))
		speakerW = max(speakerW, ansi.StringWidth(t.Speaker))
	}
	speakerW = min(speakerW, speakerMax)
	fixed := numW + len(gap) + notes.MaxStars + len(gap)
	room := width - fixed
	if room-speakerW-len(gap) < titleMin {
		speakerW = 0 // too narrow: the title matters more
	}
	if speakerW > 0 {
		titleW = min(titleW, room-speakerW-len(gap))
	} else {
		titleW = min(titleW, room)
	}
	titleW = max(titleW, 1)

	var b strings.Builder
	for _, h := range hits {
		t := h.Talk
		num := strconv.Itoa(t.Number)
		b.WriteString(strings.Repeat(" ", numW-len(num)))
		b.WriteString(s.Number.Render(num))
		b.WriteString(gap)
		stars := max(0, min(t.Stars, notes.MaxStars))
		b.WriteString(s.Star.Render(strings.Repeat("★", stars)))
		if stars < notes.MaxStars {
			b.WriteString(s.NoStar.Render(strings.Repeat("☆", notes.MaxStars-stars)))
		}
		b.WriteString(gap)
		title := cell(t.Title, h.TitlePos, titleW, s.Title, s.Match)
		b.WriteString(title)
		if speakerW > 0 {
			b.WriteString(strings.Repeat(" ", max(0, titleW-ansi.StringWidth(title))))
			b.WriteString(gap)
			b.WriteString(cell(t.Speaker, h.SpeakerPos, speakerW, s.Speaker, s.Match))
		}
		b.WriteByte('\n')
		if snippet, pos := h.Snippet(); h.Field == notes.FieldNotes && snippet != "" {
			b.WriteString(strings.Repeat(" ", fixed))
			b.WriteString(s.Snippet.Render(snippetMark))
			b.WriteString(cell(snippet, pos, max(1, width-fixed-len(snippetMark)), s.Snippet, s.Match))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// cell renders text in style, the runes at positions in match over it,
// cut to width cells with "…".
func cell(text string, positions []int, width int, style, match lipgloss.Style) string {
	if ansi.StringWidth(text) <= width {
		return Highlight(text, positions, style, match)
	}
	text = cut(text, width, "…")
	kept := utf8.RuneCountInString(text) - 1 // runes before the "…"
	var in []int
	for _, p := range positions {
		if p < kept {
			in = append(in, p)
		}
	}
	return Highlight(text, in, style, match)
}

// Highlight renders text in style with the runes at the given positions
// (rune indexes, in any order; those past the end are ignored) in match
// laid over style.
func Highlight(text string, positions []int, style, match lipgloss.Style) string {
	if len(positions) == 0 {
		return style.Render(text)
	}
	on := make(map[int]bool, len(positions))
	for _, p := range positions {
		on[p] = true
	}
	hl := match.Inherit(style)
	var b, run strings.Builder
	inMatch := false
	flush := func() {
		if run.Len() == 0 {
			return
		}
		if inMatch {
			b.WriteString(hl.Render(run.String()))
		} else {
			b.WriteString(style.Render(run.String()))
		}
		run.Reset()
	}
	i := 0
	for _, r := range text {
		if on[i] != inMatch {
			flush()
			inMatch = on[i]
		}
		run.WriteRune(r)
		i++
	}
	flush()
	return b.String()
}

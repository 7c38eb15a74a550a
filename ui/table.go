package ui

import (
	"math"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui/internal/cells"
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
		titleW = max(titleW, cells.Width(t.Title))
		speakerW = max(speakerW, cells.Width(t.Speaker))
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

	stars := starPaints{filled: paintOf(s.Star), empty: paintOf(s.NoStar)}
	titleP, speakerP, snippetP := matchPaintsOf(s.Title, s.Match), matchPaintsOf(s.Speaker, s.Match), matchPaintsOf(s.Snippet, s.Match)
	var b strings.Builder
	for _, h := range hits {
		t := h.Talk
		num := strconv.Itoa(t.Number)
		b.WriteString(strings.Repeat(" ", numW-len(num)))
		b.WriteString(s.Number.Render(num))
		b.WriteString(gap)
		rating, _ := starsView(t.Stars, false, false, stars)
		b.WriteString(rating)
		b.WriteString(gap)
		title, tw := highlightW(t.Title, h.TitlePos, titleW, titleP.base, titleP.match)
		b.WriteString(title)
		if speakerW > 0 {
			b.WriteString(strings.Repeat(" ", max(0, titleW-tw)))
			b.WriteString(gap)
			b.WriteString(highlight(t.Speaker, h.SpeakerPos, speakerW, speakerP.base, speakerP.match))
		}
		b.WriteByte('\n')
		if snippet, pos := h.Snippet(); h.Field == notes.FieldNotes && snippet != "" {
			b.WriteString(strings.Repeat(" ", fixed))
			b.WriteString(snippetP.base.render(snippetMark))
			b.WriteString(highlight(snippet, pos, max(1, width-fixed-len(snippetMark)), snippetP.base, snippetP.match))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// matchPaints are the paints of a text and of its matched runes.
type matchPaints struct{ base, match paint }

// matchPaintsOf is style, and match laid over it.
func matchPaintsOf(style, match lipgloss.Style) matchPaints {
	return matchPaints{base: paintOf(style), match: paintOf(match.Inherit(style))}
}

// Highlight renders text in style with the runes at the given positions
// (rune indexes, in any order; those past the end are ignored) in match
// laid over style.
func Highlight(text string, positions []int, style, match lipgloss.Style) string {
	p := matchPaintsOf(style, match)
	return highlight(text, positions, math.MaxInt, p.base, p.match)
}

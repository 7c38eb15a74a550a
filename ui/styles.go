package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Styles are the browser's lipgloss styles. Every style that carries meaning
// also carries an attribute (bold, underline, a marker character), so the
// screen stays usable when NO_COLOR strips the colours.
type Styles struct {
	// Header line.
	Title     lipgloss.Style
	HeaderDim lipgloss.Style
	HeaderOn  lipgloss.Style // an active query, filter or sort

	// Search input line.
	Prompt      lipgloss.Style
	Placeholder lipgloss.Style

	// List rows.
	Marker          lipgloss.Style // the bar left of the selected row
	ItemTitle       lipgloss.Style
	ItemSpeaker     lipgloss.Style
	ItemSnippet     lipgloss.Style
	SelectedTitle   lipgloss.Style
	SelectedSpeaker lipgloss.Style
	SelectedSnippet lipgloss.Style
	Match           lipgloss.Style // matched characters in a row
	Stars           lipgloss.Style
	NoStars         lipgloss.Style
	Empty           lipgloss.Style // "no talks match"

	// Detail pane.
	DetailTitle   lipgloss.Style
	DetailSpeaker lipgloss.Style
	DetailInfo    lipgloss.Style // affiliation, scroll position
	Rule          lipgloss.Style
	Highlight     lipgloss.Style // a query match in the notes
	Current       lipgloss.Style // the current match
	Loading       lipgloss.Style
	Error         lipgloss.Style

	// The outline and links views (aids.go).
	Aids AidStyles

	// Frame.
	Separator       lipgloss.Style // between the panes
	FocusedSep      lipgloss.Style
	Status          lipgloss.Style
	TooSmall        lipgloss.Style
	Help            help.Styles
	FocusedRuleChar string
	RuleChar        string
}

// DefaultStyles returns the styles for a dark or a light background.
func DefaultStyles(dark bool) Styles {
	ld := lipgloss.LightDark(dark)
	var (
		accent  = ld(lipgloss.Color("#007D9C"), lipgloss.Color("#00ADD8")) // gopher blue
		accent2 = ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B39DFF"))
		fg      = ld(lipgloss.Color("#1A1A1A"), lipgloss.Color("#E8E8E8"))
		dim     = ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A"))
		faint   = ld(lipgloss.Color("#B0B0B0"), lipgloss.Color("#4A4A4A"))
		star    = ld(lipgloss.Color("#B8860B"), lipgloss.Color("#F5C542"))
		match   = ld(lipgloss.Color("#C2185B"), lipgloss.Color("#FF79C6"))
		hlBg    = ld(lipgloss.Color("#FFE58A"), lipgloss.Color("#5C4B00"))
		curBg   = ld(lipgloss.Color("#FF9E3D"), lipgloss.Color("#B35900"))
		red     = ld(lipgloss.Color("#C62828"), lipgloss.Color("#FF6B6B"))
	)
	s := lipgloss.NewStyle
	return Styles{
		Title:     s().Bold(true).Foreground(accent),
		HeaderDim: s().Foreground(dim),
		HeaderOn:  s().Bold(true).Foreground(accent2),

		Prompt:      s().Bold(true).Foreground(accent),
		Placeholder: s().Foreground(dim),

		Marker:          s().Foreground(accent).Bold(true),
		ItemTitle:       s().Foreground(fg),
		ItemSpeaker:     s().Foreground(dim),
		ItemSnippet:     s().Foreground(dim).Italic(true),
		SelectedTitle:   s().Foreground(accent).Bold(true),
		SelectedSpeaker: s().Foreground(accent2),
		SelectedSnippet: s().Foreground(accent2).Italic(true),
		Match:           s().Foreground(match).Bold(true).Underline(true),
		Stars:           s().Foreground(star),
		NoStars:         s().Foreground(faint),
		Empty:           s().Foreground(dim).Italic(true),

		DetailTitle:   s().Bold(true).Foreground(accent),
		DetailSpeaker: s().Bold(true).Foreground(fg).Underline(true),
		DetailInfo:    s().Foreground(dim),
		Rule:          s().Foreground(faint),
		Highlight:     s().Background(hlBg).Foreground(fg).Underline(true),
		Current:       s().Background(curBg).Foreground(lipgloss.Color("#000000")).Bold(true).Reverse(false).Underline(true),
		Loading:       s().Foreground(dim).Italic(true),
		Error:         s().Foreground(red).Bold(true),
		Aids:          DefaultAidStyles(dark),

		Separator:       s().Foreground(faint),
		FocusedSep:      s().Foreground(accent),
		Status:          s().Foreground(accent2),
		TooSmall:        s().Foreground(dim),
		Help:            help.DefaultStyles(dark),
		RuleChar:        "─",
		FocusedRuleChar: "━",
	}
}

// paint is a style reduced to the escape sequences around its text, for
// drawing many short runs (a row's matched letters) without the cost of
// lipgloss' Render for each.
type paint struct{ open, close string }

// paintOf reduces a style that sets only colours and attributes (no
// padding, margins, borders or width) to a paint.
func paintOf(st lipgloss.Style) paint {
	const mark = "x"
	r := st.Render(mark)
	i := strings.Index(r, mark)
	if i < 0 {
		return paint{}
	}
	return paint{open: r[:i], close: r[i+len(mark):]}
}

func (p paint) render(s string) string {
	if s == "" {
		return ""
	}
	return p.open + s + p.close
}

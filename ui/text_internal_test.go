package ui

import (
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestStarsView(t *testing.T) {
	p := starPaints{
		filled: paintOf(lipgloss.NewStyle().Bold(true)),
		empty:  paintOf(lipgloss.NewStyle().Faint(true)),
		number: paintOf(lipgloss.NewStyle().Italic(true)),
	}
	tests := []struct {
		n               int
		compact, number bool
		want            string
	}{
		{8, false, true, "★★★★★★★★☆☆ 8/10"},
		{8, false, false, "★★★★★★★★☆☆"},
		{8, true, false, "★8"},
		{0, false, false, "☆☆☆☆☆☆☆☆☆☆"},
		{10, true, false, "★10"},
		{11, false, true, "★★★★★★★★★★ 10/10"}, // clamped
		{-2, true, false, "★0"},
	}
	for _, tt := range tests {
		s, w := starsView(tt.n, tt.compact, tt.number, p)
		if got := ansi.Strip(s); got != tt.want || w != ansi.StringWidth(tt.want) {
			t.Errorf("starsView(%d, compact %v, number %v) = %q, %d cells; want %q, %d",
				tt.n, tt.compact, tt.number, got, w, tt.want, ansi.StringWidth(tt.want))
		}
	}
}

func TestHighlightCut(t *testing.T) {
	mark := paint{open: "[", close: "]"}
	tests := []struct {
		s     string
		pos   []int
		w     int
		want  string
		wantW int
	}{
		{"Florin Pățan", []int{7, 8, 9, 10, 11}, 20, "Florin [Pățan]", 12},
		{"Florin Pățan", []int{7, 8, 9, 10, 11}, 10, "Florin [Pă]…", 10}, // the "…" is never a match
		{"Florin Pățan", []int{0}, 0, "", 0},
		{"日本語です", []int{1}, 5, "日[本]…", 5},
	}
	for _, tt := range tests {
		got, w := highlightW(tt.s, tt.pos, tt.w, paint{}, mark)
		if got != tt.want || w != tt.wantW {
			t.Errorf("highlightW(%q, %v, %d) = %q, %d; want %q, %d", tt.s, tt.pos, tt.w, got, w, tt.want, tt.wantW)
		}
	}
}

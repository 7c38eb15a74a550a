package cells_test

import (
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/golanguk/golanguk/ui/internal/cells"
)

func TestWidth(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    string
		want int
	}{
		{"empty", "", 0},
		{"ascii", "Go kit", 6},
		{"styled", "\x1b[1;38;5;212mGo\x1b[m kit", 6},
		{"link", "\x1b]8;;https://golang.org\x1b\\Go\x1b]8;;\x1b\\", 2},
		{"accents", "Pățan", 5},
		{"combining after ascii", "e\u0301!", 2},
		{"wide", "日本語", 6},
		{"emoji", "🐹 gopher", 9},
		{"keycap", "1\ufe0f\u20e3", 2},
		{"stars and rule", "★★☆ ───", 7},
		{"tab and controls", "a\tb\x07c", 3},
		{"del", "a\x7fb", 2},
		{"unfinished escape", "ab\x1b[", 2},
		{"c1 csi in utf-8 is text", "a\u009b31mb", 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := cells.Width(tc.s); got != tc.want {
				t.Errorf("Width(%q) = %d, want %d", tc.s, got, tc.want)
			}
		})
	}
}

// FuzzWidth checks Width against ansi.StringWidth, which it must equal.
func FuzzWidth(f *testing.F) {
	for _, s := range []string{"", "Go kit", "\x1b[1mGo\x1b[m", "e\u0301", "1\ufe0f\u20e3", "日本", "a\x1b]8;;x\x07b", "\xff\xfe", "a\u200db", "🇬🇧"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cells.Width(s), ansi.StringWidth(s); got != want {
			t.Errorf("Width(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	})
}

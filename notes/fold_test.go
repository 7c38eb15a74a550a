package notes_test

import (
	"testing"

	"github.com/golanguk/golanguk/notes"
)

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ascii", "Dave Cheney", "Dave Cheney"},
		{"romanian", "Florin Pățan", "Florin Patan"},
		{"umlaut", "Björn Rabenstein", "Bjorn Rabenstein"},
		{"acute", "Víctor Fernández Hernán", "Victor Fernandez Hernan"},
		{"stroke", "Łódź Øre", "Lodz Ore"},
		{"keeps case", "ÉCOLE", "ECOLE"},
		{"no plain form", "日本 ┻┻ (╯°. °）╯", "日本 ┻┻ (╯°. °）╯"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := notes.Fold(tt.in)
			if got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if len([]rune(got)) != len([]rune(tt.in)) {
				t.Errorf("Fold(%q) changed the rune count: %d -> %d", tt.in, len([]rune(tt.in)), len([]rune(got)))
			}
		})
	}
}

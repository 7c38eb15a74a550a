package notes

import "github.com/golanguk/golanguk/notes/internal/fold"

// Fold returns s with accents removed, rune for rune ("Pățan" -> "Patan").
// Positions of runes in the result are those of the original.
func Fold(s string) string { return fold.String(s) }

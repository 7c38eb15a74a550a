package notes

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldRune maps r to the rune a plain-ASCII typist would write for it,
// keeping case: 'á' -> 'a', 'Ț' -> 'T', 'ø' -> 'o'. Runes with no plain
// form are returned as they are. The mapping is one rune to one rune, so
// positions in a folded string are positions in the original.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	if f, ok := specialFolds[r]; ok {
		return f
	}
	d := norm.NFD.String(string(r))
	base, _ := utf8.DecodeRuneInString(d)
	if base != r && base < utf8.RuneSelf {
		for _, m := range d[len(string(base)):] {
			if !unicode.Is(unicode.Mn, m) {
				return r
			}
		}
		return base
	}
	return r
}

// specialFolds are letters that do not decompose into a base and marks.
var specialFolds = map[rune]rune{
	'ø': 'o', 'Ø': 'O', 'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D',
	'ß': 's', 'æ': 'a', 'Æ': 'A', 'œ': 'o', 'Œ': 'O', 'ı': 'i',
	'þ': 't', 'Þ': 'T', 'ð': 'd', 'Ð': 'D',
}

// Fold returns s with accents removed, rune for rune ("Pățan" -> "Patan").
// Positions of runes in the result are those of the original.
func Fold(s string) string {
	if isASCII(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = utf8.AppendRune(b, fastFold(r))
	}
	return string(b)
}

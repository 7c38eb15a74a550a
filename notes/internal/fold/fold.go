// Package fold removes accents rune for rune, so that "patan" finds
// "Pățan", and lowercases without changing a text's byte layout. Search,
// suggestions and slugs share it, so they agree on what a letter is.
package fold

import (
	"strings"
	"sync"
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
	if f, ok := specialFold(r); ok {
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

// specialFold folds the letters that do not decompose into a base and
// marks. A switch, not a map: nothing to build when the program starts.
func specialFold(r rune) (rune, bool) {
	switch r {
	case 'ø', 'œ':
		return 'o', true
	case 'Ø', 'Œ':
		return 'O', true
	case 'ł':
		return 'l', true
	case 'Ł':
		return 'L', true
	case 'đ', 'ð':
		return 'd', true
	case 'Đ', 'Ð':
		return 'D', true
	case 'ß':
		return 's', true
	case 'æ':
		return 'a', true
	case 'Æ':
		return 'A', true
	case 'ı':
		return 'i', true
	case 'þ':
		return 't', true
	case 'Þ':
		return 'T', true
	}
	return r, false
}

// String returns s with accents removed, rune for rune ("Pățan" ->
// "Patan"). Positions of runes in the result are those of the original.
// Invalid UTF-8 bytes become U+FFFD.
func String(s string) string {
	if IsASCII(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = utf8.AppendRune(b, Rune(r))
	}
	return string(b)
}

// table caches foldRune for the runes of the alphabets notes are written
// in; foldRune itself normalises, which is slow.
var table struct {
	once sync.Once
	t    []rune
}

const tableSize = 0x2500

// Rune is r with its accents removed, keeping case: 'á' -> 'a',
// 'Ț' -> 'T', 'ø' -> 'o'. A rune with no plain form is returned as it is.
func Rune(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	if r >= tableSize {
		return foldRune(r)
	}
	table.once.Do(func() {
		table.t = make([]rune, tableSize)
		for i := range table.t {
			table.t[i] = foldRune(rune(i))
		}
	})
	return table.t[r]
}

// Lower lowercases s rune for rune where that keeps the rune's encoded
// length, so the result has the byte layout of s. Invalid UTF-8 bytes
// become U+FFFD, as String does. (After String, the few runes whose
// lowercase has another length are exotic: they stay as they are.)
func Lower(s string) string {
	if IsASCII(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(LowerRune(r))
	}
	return b.String()
}

// LowerRune is r lowercased if that keeps its encoded length, else r.
func LowerRune(r rune) rune {
	if l := unicode.ToLower(r); utf8.RuneLen(l) == utf8.RuneLen(r) {
		return l
	}
	return r
}

// IsASCII reports whether s is all ASCII.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// IsWordRune reports whether r is a letter or a digit: what words are
// made of, for search and suggestions.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

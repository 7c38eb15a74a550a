package index

import (
	"strings"
	"unicode/utf8"

	"github.com/golanguk/golanguk/notes/internal/fold"
)

// SearchText returns body as it is read: a run of inline emphasis markers
// ("*", "**", "~~") between two word runes is left out, so that "**L**iskov"
// reads "**Liskov": the markers at the edges of a word already leave it
// whole. "_" is kept: inside a word it is no emphasis in CommonMark
// ("snake_case"). A body without such a run is returned as it is, with
// no copy.
func SearchText(body string) string {
	s, _ := SearchTextMap(body, false)
	return s
}

// SearchTextMap is SearchText, and with offsets true the byte offset in
// body of every byte of the text returned (nil when it is body).
func SearchTextMap(body string, offsets bool) (string, []int32) {
	i := nextInnerMarkers(body, 0)
	if i < 0 {
		return body, nil
	}
	var b strings.Builder
	b.Grow(len(body))
	var offs []int32
	from := 0
	for i >= 0 {
		j := i
		for j < len(body) && isMarker(body[j]) {
			j++
		}
		b.WriteString(body[from:i])
		if offsets {
			for k := from; k < i; k++ {
				offs = append(offs, int32(k))
			}
		}
		from = j
		i = nextInnerMarkers(body, j)
	}
	b.WriteString(body[from:])
	if offsets {
		for k := from; k < len(body); k++ {
			offs = append(offs, int32(k))
		}
	}
	return b.String(), offs
}

func isMarker(c byte) bool { return c == '*' || c == '~' }

// nextInnerMarkers returns the offset, from i on, of the next run of
// markers that lies between two word runes, or -1.
func nextInnerMarkers(s string, i int) int {
	for {
		k := strings.IndexAny(s[i:], "*~")
		if k < 0 {
			return -1
		}
		k += i
		j := k
		for j < len(s) && isMarker(s[j]) {
			j++
		}
		if k > 0 && j < len(s) && innerRun(s[k:j]) {
			before, _ := utf8.DecodeLastRuneInString(s[:k])
			after, _ := utf8.DecodeRuneInString(s[j:])
			if fold.IsWordRune(fold.Rune(before)) && fold.IsWordRune(fold.Rune(after)) {
				return k
			}
		}
		i = j
	}
}

// innerRun reports whether run is emphasis: one to three "*", or "~~".
func innerRun(run string) bool {
	switch run {
	case "*", "**", "***", "~~":
		return true
	}
	return false
}

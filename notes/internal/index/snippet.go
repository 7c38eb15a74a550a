package index

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// snippetRunes is about how long a snippet is, without its "…" marks.
const snippetRunes = 80

// snippetLead is how many runes of context a snippet keeps before the
// first match when the line must be cut.
const snippetLead = 24

// Around the first match, a snippet looks at most snippetBefore runes
// back and snippetAfter runes on: what cleaning and cutting keep of a
// line lies well inside. A line is folded scanChunk bytes at a time while
// looking for the first match. So a snippet costs the reading of its line
// up to the match, and memory for the window only, however long the line
// (a snippet of a 1 MB line once took seconds: every match counted runes
// from the line start, and the whole line was copied as runes and marks).
const (
	snippetBefore = 2 * snippetRunes
	snippetAfter  = 3 * snippetRunes
	scanChunk     = 4 << 10
)

// snippet returns the line of body holding the first match of any of
// terms, lightly cleaned of markdown markers and cut to about
// snippetRunes runes around that match, with the rune positions of every
// match of the terms inside it. Lines are searched one at a time until one
// matches: terms hold no newline, and the first match is usually early.
func snippet(body string, terms []*term) (string, []int) {
	if len(terms) == 0 {
		return "", nil
	}
	texts := make([][]byte, len(terms))
	for k, tm := range terms {
		texts[k] = []byte(tm.text)
	}
	var sc scanner
	for line := range strings.SplitSeq(body, "\n") {
		if at := sc.firstMatch(line, terms, texts); at >= 0 {
			return snippetLine(line, at, terms, texts)
		}
	}
	return "", nil
}

// scanner finds the first match of terms in a line, folding it a chunk
// at a time into buffers it reuses.
type scanner struct {
	folded, low []byte
}

// firstMatch returns the rune position in line of the first match of any
// of terms (texts are their texts), or -1.
func (sc *scanner) firstMatch(line string, terms []*term, texts [][]byte) int {
	overlap := 0 // a match may straddle two chunks: keep the end of one
	for _, t := range texts {
		overlap = max(overlap, len(t)-1)
	}
	f, l := sc.folded[:0], sc.low[:0]
	base := 0 // the rune position of f[0] in line
	for pos := 0; pos < len(line); {
		end := min(len(line), pos+scanChunk)
		for end < len(line) && !utf8.RuneStart(line[end]) {
			end++
		}
		f, l = foldInto(f, l, line[pos:end])
		pos = end
		first := -1
		for k, tm := range terms {
			s := l
			if tm.sensitive {
				s = f
			}
			if i := bytes.Index(s, texts[k]); i >= 0 && (first < 0 || i < first) {
				first = i
			}
		}
		if first >= 0 {
			sc.folded, sc.low = f, l
			return base + utf8.RuneCount(f[:first])
		}
		// No match lies wholly in what is kept: it was searched already.
		keep := max(0, len(f)-overlap)
		for keep < len(f) && !utf8.RuneStart(f[keep]) {
			keep++
		}
		base += utf8.RuneCount(f[:keep])
		f = append(f[:0], f[keep:]...)
		l = append(l[:0], l[keep:]...)
	}
	sc.folded, sc.low = f, l
	return -1
}

// snippetLine makes the snippet of line around the match at rune
// position at.
func snippetLine(line string, at int, terms []*term, texts [][]byte) (string, []int) {
	// The window: from rune w0 of the line to snippetAfter runes past the
	// match, bytes lb:le of the line.
	w0 := max(0, at-snippetBefore)
	lb, le := 0, 0
	for n := 0; n < at+snippetAfter && le < len(line); n++ {
		if n == w0 {
			lb = le
		}
		_, size := utf8.DecodeRuneInString(line[le:])
		le += size
	}
	// Matches of the terms in the window, and in as many runes on each
	// side as a term holds, as they may reach into it.
	margin := 0
	for _, tm := range terms {
		margin = max(margin, tm.runes)
	}
	xb, xe, extra := lb, le, 0
	for ; extra < margin && xb > 0; extra++ {
		_, size := utf8.DecodeLastRuneInString(line[:xb])
		xb -= size
	}
	for n := 0; n < margin && xe < len(line); n++ {
		_, size := utf8.DecodeRuneInString(line[xe:])
		xe += size
	}
	folded, low := foldInto(nil, nil, line[xb:xe])
	window := []rune(line[lb:le])
	matched := make([]bool, len(window))
	for k, tm := range terms {
		s := low
		if tm.sensitive {
			s = folded
		}
		r := -extra // the rune position in window of s[from]
		for from := 0; from < len(s); {
			i := bytes.Index(s[from:], texts[k])
			if i < 0 {
				break
			}
			r += utf8.RuneCount(s[from : from+i])
			for n := max(r, 0); n < min(r+tm.runes, len(matched)); n++ {
				matched[n] = true
			}
			_, size := utf8.DecodeRune(s[from+i:])
			from += i + size
			r++
		}
	}
	text, marks, pos := cleanLine(window, matched, at-w0, w0 == 0)
	return cut(text, marks, pos, w0 > 0, le < len(line))
}

// cleanLine drops the markdown markers a reader does not need in a
// one-line snippet (indentation, list bullets, heading and quote marks,
// "**" and backticks), unless they are part of a match, turns control
// characters into spaces and collapses runs of spaces. It carries the match
// marks along and returns the new position of the rune at old position at.
// Leading markers are only looked for at the start of a line (lineStart).
func cleanLine(line []rune, matched []bool, at int, lineStart bool) ([]rune, []bool, int) {
	i := 0
	drop := func(n int) bool { // drop n leading runes, if none is matched
		if slices.Contains(matched[i:i+n], true) {
			return false
		}
		i += n
		return true
	}
leading:
	for lineStart && i < len(line) {
		switch r := line[i]; {
		case r == ' ' || r == '\t' || r == '#' || r == '>':
			if !drop(1) {
				break leading
			}
		case (r == '-' || r == '*' || r == '+') && i+1 < len(line) && line[i+1] == ' ':
			if !drop(2) {
				break leading
			}
		case r >= '0' && r <= '9':
			j := i
			for j < len(line) && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && line[j+1] == ' ' && drop(j+2-i) {
				continue
			}
			break leading
		default:
			break leading
		}
	}
	out := make([]rune, 0, len(line)-i)
	marks := make([]bool, 0, len(line)-i)
	newAt := -1
	for ; i < len(line); i++ {
		r := line[i]
		if i == at {
			newAt = len(out)
		}
		switch {
		case r == '`' && !matched[i]:
			continue
		case r == '*' && !matched[i] && (i+1 < len(line) && line[i+1] == '*' || i > 0 && line[i-1] == '*'):
			continue
		case unicode.IsControl(r) || unicode.IsSpace(r):
			r = ' '
			if len(out) > 0 && out[len(out)-1] == ' ' {
				if matched[i] {
					marks[len(marks)-1] = true
				}
				continue
			}
		}
		out = append(out, r)
		marks = append(marks, matched[i])
	}
	for len(out) > 0 && out[len(out)-1] == ' ' {
		out, marks = out[:len(out)-1], marks[:len(marks)-1]
	}
	if newAt < 0 || newAt >= len(out) {
		newAt = 0
	}
	return out, marks, newAt
}

// cut keeps about snippetRunes runes of text around position at, marking
// each cut end with "…", and returns it with the marked positions. left
// and right say that text is itself cut from a longer line.
func cut(text []rune, marks []bool, at int, left, right bool) (string, []int) {
	start, end := 0, len(text)
	if left || end > snippetRunes {
		start = max(0, at-snippetLead)
		end = min(len(text), start+snippetRunes)
		start = max(0, end-snippetRunes)
		// Cut at spaces rather than inside words when one is near.
		if start > 0 || left {
			for k := start; k < min(start+12, at); k++ {
				if text[k] == ' ' {
					start = k + 1
					break
				}
			}
		}
		if end < len(text) || right {
			for k := end - 1; k > max(end-12, at); k-- {
				if text[k] == ' ' {
					end = k
					break
				}
			}
		}
	}
	var b strings.Builder
	var pos []int
	n := 0
	if start > 0 || left {
		b.WriteString("…")
		n++
	}
	for k := start; k < end; k++ {
		if marks[k] {
			pos = append(pos, n)
		}
		b.WriteRune(text[k])
		n++
	}
	if end < len(text) || right {
		b.WriteString("…")
	}
	return b.String(), pos
}

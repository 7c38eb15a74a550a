package notes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// snippetRunes is about how long a snippet is, without its "…" marks.
const snippetRunes = 80

// snippetLead is how many runes of context a snippet keeps before the
// first match when the line must be cut.
const snippetLead = 24

// snippet returns the line of body holding the first match of any of
// terms, lightly cleaned of markdown markers and cut to about
// snippetRunes runes around that match, with the rune positions of every
// match of the terms inside it. f is the folded body.
func snippet(body string, f *foldedText, terms []*term) (string, []int) {
	first := -1
	for _, tm := range terms {
		s := f.lower
		if tm.sensitive {
			s = f.fold
		}
		if i := strings.Index(s, tm.text); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	if first < 0 {
		return "", nil
	}
	// The line of the match, in the folded text and in the original:
	// both have the same lines, rune for rune.
	ls := strings.LastIndexByte(f.fold[:first], '\n') + 1
	le := strings.IndexByte(f.fold[first:], '\n')
	if le < 0 {
		le = len(f.fold)
	} else {
		le += first
	}
	lineNo := strings.Count(f.fold[:ls], "\n")
	orig := body
	for range lineNo {
		orig = orig[strings.IndexByte(orig, '\n')+1:]
	}
	if i := strings.IndexByte(orig, '\n'); i >= 0 {
		orig = orig[:i]
	}
	line := foldedText{fold: f.fold[ls:le], lower: f.lower[ls:le]}

	// Mark the runes of every match in the line.
	n := utf8.RuneCountInString(line.fold)
	matched := make([]bool, n)
	firstRune := -1
	for _, tm := range terms {
		s := line.lower
		if tm.sensitive {
			s = line.fold
		}
		for from := 0; from < len(s); {
			i := strings.Index(s[from:], tm.text)
			if i < 0 {
				break
			}
			i += from
			r := utf8.RuneCountInString(s[:i])
			for k := range tm.runes {
				matched[r+k] = true
			}
			if firstRune < 0 || r < firstRune {
				firstRune = r
			}
			_, size := utf8.DecodeRuneInString(s[i:])
			from = i + size
		}
	}

	text, marks, at := cleanLine([]rune(orig), matched, firstRune)
	return cut(text, marks, at)
}

// cleanLine drops the markdown markers a reader does not need in a
// one-line snippet (indentation, list bullets, heading and quote marks,
// "**" and backticks), turns control characters into spaces and collapses
// runs of spaces. It carries the match marks along and returns the new
// position of the rune at old position at.
func cleanLine(line []rune, matched []bool, at int) ([]rune, []bool, int) {
	i := 0
	for i < len(line) { // leading markers
		switch r := line[i]; {
		case r == ' ' || r == '\t' || r == '#' || r == '>':
			i++
		case (r == '-' || r == '*' || r == '+') && i+1 < len(line) && line[i+1] == ' ':
			i += 2
		case r >= '0' && r <= '9':
			j := i
			for j < len(line) && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && line[j+1] == ' ' {
				i = j + 2
				continue
			}
			goto body
		default:
			goto body
		}
	}
body:
	out := make([]rune, 0, len(line)-i)
	marks := make([]bool, 0, len(line)-i)
	newAt := -1
	for ; i < len(line); i++ {
		r := line[i]
		if i == at {
			newAt = len(out)
		}
		switch {
		case r == '`':
			continue
		case r == '*' && (i+1 < len(line) && line[i+1] == '*' || i > 0 && line[i-1] == '*'):
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
// each cut end with "…", and returns it with the marked positions.
func cut(text []rune, marks []bool, at int) (string, []int) {
	start, end := 0, len(text)
	if end > snippetRunes {
		start = max(0, at-snippetLead)
		end = min(len(text), start+snippetRunes)
		start = max(0, end-snippetRunes)
		// Cut at spaces rather than inside words when one is near.
		if start > 0 {
			for k := start; k < min(start+12, at); k++ {
				if text[k] == ' ' {
					start = k + 1
					break
				}
			}
		}
		if end < len(text) {
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
	if start > 0 {
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
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String(), pos
}

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

// snippet returns the line of body holding the first match of any of
// terms, lightly cleaned of markdown markers and cut to about
// snippetRunes runes around that match, with the rune positions of every
// match of the terms inside it. Lines are folded one at a time until one
// matches: terms hold no newline, and the first match is usually early.
func snippet(body string, terms []*term) (string, []int) {
	texts := make([][]byte, len(terms))
	for k, tm := range terms {
		texts[k] = []byte(tm.text)
	}
	var folded, low []byte
	for line := range strings.SplitSeq(body, "\n") {
		folded, low = foldInto(folded[:0], low[:0], line)
		for k, tm := range terms {
			s := low
			if tm.sensitive {
				s = folded
			}
			if bytes.Contains(s, texts[k]) {
				f := foldedText{fold: string(folded), lower: string(low)}
				text, pos, _ := snippetLine(line, &f, terms)
				return text, pos
			}
		}
	}
	return "", nil
}

// snippetLine makes the snippet of line, whose folded text is f, if any
// of terms matches it.
func snippetLine(line string, f *foldedText, terms []*term) (string, []int, bool) {
	// Mark the runes of every match in the line.
	var matched []bool
	firstRune := -1
	for _, tm := range terms {
		s := f.lower
		if tm.sensitive {
			s = f.fold
		}
		for from := 0; from < len(s); {
			i := strings.Index(s[from:], tm.text)
			if i < 0 {
				break
			}
			i += from
			if matched == nil {
				matched = make([]bool, utf8.RuneCountInString(f.fold))
			}
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
	if matched == nil {
		return "", nil, false
	}
	text, marks, at := cleanLine([]rune(line), matched, firstRune)
	s, pos := cut(text, marks, at)
	return s, pos, true
}

// cleanLine drops the markdown markers a reader does not need in a
// one-line snippet (indentation, list bullets, heading and quote marks,
// "**" and backticks), unless they are part of a match, turns control
// characters into spaces and collapses runs of spaces. It carries the match
// marks along and returns the new position of the rune at old position at.
func cleanLine(line []rune, matched []bool, at int) ([]rune, []bool, int) {
	i := 0
	drop := func(n int) bool { // drop n leading runes, if none is matched
		if slices.Contains(matched[i:i+n], true) {
			return false
		}
		i += n
		return true
	}
leading:
	for i < len(line) {
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

package ui

import (
	"strconv"
	"strings"

	"github.com/golanguk/golanguk/notes"
)

// What glamour is handed of one markdown text, at most. Glamour's cost
// per block is high and grows faster than the blocks do in places: a
// flat list of 40,000 items took 21.8 s to render, 10,000 about 5 s, a
// code block of 100,000 lines more than a minute, 20,000 paragraphs
// eight times as long as 5,000. Past these bounds the text is drawn as
// plain text (notes.PlainTextWidth), which is linear and about fifty
// times as fast, under a line that says so: a talk of any size renders in
// time linear in its size, and the browser shows it within about a
// quarter of a second. Every talk of the GolangUK notes is far inside
// them (the longest has 74 lines).
const (
	glamourLines = 1000
	glamourBytes = 64 << 10
)

// plainMargin is the left margin of the plain part of a bounded render:
// the document margin of glamour's styles.
const plainMargin = "  "

// splitForGlamour cuts md into the part glamour renders and the rest,
// drawn as plain text. The cut is at the start of a top-level block (a
// line after a blank line, or a list item or heading at the left edge,
// outside fenced code) at or before the bounds, so the head is whole
// markdown; rest is "" when md is inside the bounds.
func splitForGlamour(md string) (head, rest string) {
	if len(md) <= glamourBytes && strings.Count(md, "\n") < glamourLines {
		return md, ""
	}
	cut := 0 // the last block start seen within the bounds
	var fence string
	blank := true // the line before is blank (the text's start counts)
	pos := 0
	for n := 0; pos < len(md); n++ {
		end := strings.IndexByte(md[pos:], '\n')
		if end < 0 {
			end = len(md)
		} else {
			end += pos + 1
		}
		line := strings.TrimRight(md[pos:end], "\r\n")
		if n >= glamourLines || pos > glamourBytes {
			break
		}
		if fence == "" && blockStart(line, blank) {
			cut = pos
		}
		if f := fenceOf(line); f != "" {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(f, fence) && strings.TrimSpace(strings.TrimLeft(line, " ")[len(f):]) == "":
				fence = ""
			}
		}
		blank = strings.TrimSpace(line) == ""
		pos = end
	}
	if pos >= len(md) {
		return md, ""
	}
	return md[:cut], md[cut:]
}

// blockStart reports whether line, after a blank line or not, starts a
// top-level block at the left edge.
func blockStart(line string, afterBlank bool) bool {
	if line == "" || line[0] == ' ' || line[0] == '\t' {
		return false
	}
	if afterBlank {
		return true
	}
	if line[0] == '#' {
		return true
	}
	if len(line) >= 2 && strings.ContainsRune("-*+", rune(line[0])) && line[1] == ' ' {
		return true
	}
	return false
}

// fenceOf returns the fence a line of code starts or ends with (three or
// more ` or ~, indented at most three spaces), or "".
func fenceOf(line string) string {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return ""
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return ""
	}
	return t[:n]
}

// plainRest draws the rest of a bounded render as plain text at width,
// in the document margin, under a line that says why.
func plainRest(rest string, width int) string {
	inner := max(width-len(plainMargin), 1)
	note := "(The rest is plain text: glamour is given at most " + strconv.Itoa(glamourLines) +
		" lines or " + strconv.Itoa(glamourBytes>>10) + " KB of a talk.)\n\n"
	var b strings.Builder
	b.Grow(len(rest) + len(rest)/8)
	b.WriteByte('\n')
	for l := range strings.SplitSeq(strings.TrimRight(notes.PlainTextWidth(note+rest, inner), "\n"), "\n") {
		if l != "" {
			b.WriteString(plainMargin)
			b.WriteString(l)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

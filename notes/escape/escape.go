// Package escape makes text from outside (file names, URLs, flags,
// environment values, error messages) safe to show on a terminal: every
// character that could drive or fool the terminal is written as a Go
// escape, so the reader sees what is really there.
//
// It is the one place that rule lives: the command line's errors and
// warnings, the notes sources' names and the state store's warnings all go
// through it.
package escape

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// String returns s with control characters (C0 including newline, C1,
// DEL), format characters such as the bidirectional overrides, and other
// unprintable runes written as Go escapes ("\x1b", "\n", "\u202e"), and
// invalid UTF-8 bytes as "\xff". Text with none of them is returned as it
// is. The result is one line.
func String(s string) string {
	if printableString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case printable(r):
			b.WriteString(s[i : i+n])
		default:
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += n
	}
	return b.String()
}

// Line is String cut to at most max bytes of its result, with "..." where
// it was cut: a message that quotes a huge value stays a short line.
func Line(s string, max int) string {
	e := String(s)
	if len(e) <= max {
		return e
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(e[cut]) {
		cut--
	}
	return e[:cut] + "..."
}

func printableString(s string) bool {
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") || !printable(r) {
			return false
		}
	}
	return true
}

func printable(r rune) bool {
	return r == ' ' || unicode.IsPrint(r)
}

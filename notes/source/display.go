package source

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sanitize makes s safe to show on a terminal: control characters
// (C0, C1, DEL), format characters such as the bidirectional overrides,
// and invalid UTF-8 are written as Go escapes ("\x1b", "\u202e"), so
// they can neither drive the terminal nor hide, and the reader sees what
// is really there.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || !printable(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
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

func printable(r rune) bool {
	return r == ' ' || unicode.IsPrint(r)
}

// quote is s in double quotes with every character that is not
// printable escaped, for error messages.
func quote(s string) string {
	return strconv.Quote(s)
}

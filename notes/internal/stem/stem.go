// Package stem finds the forms of a word that search ranks as the same
// word: "profile", "profiles", "profiler" and "profiling" share the stem
// "profil". It is a light stemmer for English technical words, not
// Porter's: it strips one common inflection and undoubles a final
// consonant ("logging" -> "log"), and leaves short words alone.
package stem

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// suffixes are stripped, longest first; one at most.
var suffixes = []string{"ations", "ation", "ings", "ing", "ers", "ies", "er", "ed", "es", "s", "e"}

// minStem is the fewest bytes a stem keeps: "uses" is not "us".
const minStem = 3

// Of returns the stem of w, a word of letters and digits (lowercased by
// the caller, or not: case is kept), or "" when w is too short to have
// forms (under four bytes) or is not a word.
func Of(w string) string {
	if len(w) < minStem+1 {
		return ""
	}
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 0x80 && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return ""
		}
	}
	s := w
	for _, suf := range suffixes {
		if strings.HasSuffix(s, suf) && len(s)-len(suf) >= minStem {
			s = s[:len(s)-len(suf)]
			break
		}
	}
	// "library" and "libraries" are "librar", "deploy" and "deploys"
	// "deplo": a stem is always a prefix of its word.
	if n := len(s); n > minStem && s[n-1] == 'y' {
		s = s[:n-1]
	}
	// "logg" -> "log", "runn" -> "run"; "call", "pass" and "buzz" keep
	// theirs.
	if n := len(s); n > minStem && s[n-1] == s[n-2] && strings.IndexByte("bdgmnprt", s[n-1]) >= 0 {
		s = s[:n-1]
	}
	return s
}

// Find returns the first word of s (words are runs of letters and
// digits) that has stem st, the stem of term t, or is st ("log" for
// "logging"): its byte offset, and how many of its bytes, whole runes, it
// shares with the start of t.
func Find(s, t, st string) (at, n int, ok bool) {
	// A word's stem is a prefix of it.
	if st == "" || !strings.Contains(s, st) {
		return 0, 0, false
	}
	for i := 0; i < len(s); {
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !isWordRune(r) {
				break
			}
			j += size
		}
		if w := s[i:j]; len(w) >= len(st) && (w == st || Of(w) == st) {
			for n < len(w) && n < len(t) {
				r, size := utf8.DecodeRuneInString(w[n:])
				if tr, tsize := utf8.DecodeRuneInString(t[n:]); tr != r || tsize != size {
					break
				}
				n += size
			}
			return i, n, true
		}
		if j == i {
			_, size := utf8.DecodeRuneInString(s[j:])
			j += size
		}
		i = j
	}
	return 0, 0, false
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

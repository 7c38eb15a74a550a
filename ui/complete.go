package ui

import (
	"strings"

	"github.com/golanguk/golanguk/notes"
)

// queryFields are the field names tab completes in the search box.
var queryFields = [...]string{"title:", "speaker:", "notes:", "link:", "stars:", "has:"}

// hasValues are what has: takes.
var hasValues = [...]string{"code", "link", "image"}

// completeQuery completes the last term of q, as a shell completes a
// word: a field name ("spe" becomes "speaker:"), a has: value, or after
// speaker: a speaker's name, its spaces escaped ("speaker:dave" becomes
// "speaker:Dave\ Cheney", and so does "speaker:che", as a later word of
// one speaker's name only). With several candidates it completes their
// common prefix. ok is false when there is nothing to add.
func completeQuery(q string, doc *notes.Document) (string, bool) {
	start := lastTermStart(q)
	term := q[start:]
	sigils := len(term) - len(strings.TrimLeft(term, "!'^"))
	prefix, word := q[:start+sigils], term[sigils:]
	var candidates []string
	field, value, hasField := strings.Cut(word, ":")
	switch {
	case !hasField:
		for _, f := range queryFields {
			candidates = append(candidates, f)
		}
	case field == "has":
		prefix, word = prefix+"has:", value
		candidates = hasValues[:]
	case field == "speaker":
		prefix, word = prefix+"speaker:", value
		for _, t := range doc.Talks {
			if t.Speaker != "" {
				candidates = append(candidates, strings.ReplaceAll(t.Speaker, " ", `\ `))
			}
		}
	default:
		return q, false
	}
	var matched []string
	for _, c := range candidates {
		if word != "" && strings.HasPrefix(notes.Fold(strings.ToLower(c)), notes.Fold(strings.ToLower(word))) && c != word {
			matched = append(matched, c)
		}
	}
	if len(matched) == 0 && field == "speaker" && hasField {
		matched = bySurname(candidates, word)
	}
	if len(matched) == 0 {
		return q, false
	}
	common := matched[0]
	for _, c := range matched[1:] {
		common = commonPrefix(common, c)
	}
	if len(common) <= len(word) {
		return q, false
	}
	return prefix + common, true
}

// lastTermStart is where the last term of q begins: after its last space
// that is not escaped with a backslash.
func lastTermStart(q string) int {
	for i := len(q) - 1; i >= 0; i-- {
		if q[i] == ' ' && (i == 0 || q[i-1] != '\\') {
			return i + 1
		}
	}
	return 0
}

func commonPrefix(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return a[:i]
}

// bySurname is the one speaker (candidates hold names with escaped
// spaces) with a later word of the name starting with word, so
// "speaker:che" completes to Dave Cheney. Several speakers give none:
// their names share no prefix to complete.
func bySurname(candidates []string, word string) []string {
	if word == "" {
		return nil
	}
	w := notes.Fold(strings.ToLower(word))
	var found string
	for _, c := range candidates {
		parts := strings.Split(c, `\ `)
		for _, p := range parts[1:] {
			if strings.HasPrefix(notes.Fold(strings.ToLower(p)), w) {
				if found != "" && found != c {
					return nil
				}
				found = c
			}
		}
	}
	if found == "" {
		return nil
	}
	return []string{found}
}

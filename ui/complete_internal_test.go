package ui

import (
	"bytes"
	"testing"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
)

func TestCompleteQuery(t *testing.T) {
	doc, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ in, want string }{
		{"spe", "speaker:"},
		{"go ti", "go title:"},
		{"!no", "!notes:"},
		{"s", "s"}, // speaker: and stars: share only the s
		{"st", "stars:"},
		{"has:im", "has:image"},
		{"speaker:dave", `speaker:Dave\ Cheney`},
		{"context speaker:flo", `context speaker:Florin\ Pățan`},
		{"speaker:pa", `speaker:Paul\ `}, // Paul Crawford and Paul Bellamy
		{"speaker:zz", "speaker:zz"},
		{"speaker:che", `speaker:Dave\ Cheney`},           // a surname: Cheney gave talks 1 and 19
		{"speaker:lohu", `speaker:Marcel\ Ban\ Lohuizen`}, // the last of three words
		{"speaker:pat", `speaker:Florin\ Pățan`},          // accents folded
		{"speaker:cr", `speaker:Paul\ Crawford`},
		{"speaker:l", "speaker:l"}, // Jennie Lees and Marcel Ban Lohuizen: no one name
		{"golang", "golang"},
		{"", ""},
		{`go\ ki`, `go\ ki`}, // one term, "go kit", is no field
	} {
		got, _ := completeQuery(c.in, doc)
		if got != c.want {
			t.Errorf("completeQuery(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNoteTerms: only positive terms that look in the notes are
// highlighted there, without their sigils and fields.
func TestNoteTerms(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"context", "context"},
		{"'deadlock !logging", "deadlock"},
		{"^static go$", "static go"},
		{"notes:goroutine speaker:cheney stars:>=7 has:code", "goroutine"},
		{"mobile | context", "mobile context"},
		{"!'fuzzy", ""},
		{"stars:>=11", ""},
	} {
		if got := noteTerms(c.in); got != c.want {
			t.Errorf("noteTerms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

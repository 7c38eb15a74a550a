package notestest_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/notestest"
)

// TestParse checks that the notes parser reads a generated file as the
// generator wrote it: n talks, no warnings, each talk's stars those of
// its rating line.
func TestParse(t *testing.T) {
	for _, n := range []int{1, 21, 1000} {
		t.Run(fmt.Sprintf("talks=%d", n), func(t *testing.T) {
			src := notestest.Bytes(n, int64(n))
			doc, err := notes.ParseNamed("gen.md", bytes.NewReader(src))
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Talks) != n {
				t.Fatalf("parsed %d talks, want %d", len(doc.Talks), n)
			}
			for _, w := range doc.Warnings {
				t.Errorf("warning: %s", w)
			}
			if len(doc.Sections) != 2 {
				t.Errorf("parsed %d non-talk sections, want 2 (About us, Schedule)", len(doc.Sections))
			}
			_, raw := scan(t, src)
			for i, tk := range doc.Talks {
				want := raw[i]
				if tk.Number != i+1 || tk.Title != want.title || tk.Stars != want.stars {
					t.Errorf("talk %d: parsed #%d %q with %d stars, want %q with %d stars",
						i+1, tk.Number, tk.Title, tk.Stars, want.title, want.stars)
				}
				name, _, _ := strings.Cut(want.speaker, "- ")
				name = strings.TrimSpace(name)
				if tk.Speaker != name || !strings.HasPrefix(tk.SpeakerURL, "http") {
					t.Errorf("talk %d %q: speaker %q, URL %q from line %q", i+1, tk.Title, tk.Speaker, tk.SpeakerURL, want.speaker)
				}
				if len(tk.Body) < 300 {
					t.Errorf("talk %d %q: body of %d bytes", i+1, tk.Title, len(tk.Body))
				}
			}
		})
	}
}

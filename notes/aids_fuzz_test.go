package notes_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
)

// aidsSeeds are bodies with the markdown Outline and AllLinks must read
// right; they are fuzzed as the notes of a parsed talk and of a talk built
// by hand (whose Body nobody cleaned).
var aidsSeeds = []string{
	"### The **SOLID** principles\n#### the `io.Reader` [type](https://go.dev)\n",
	"```\n### no\n```\n    ### no\n### yes\nSetext\n---\n",
	"### Summary\n### Summary\n### Summary 1\n###\n#### !!!\n",
	"- item\n\n  ### in a list\n> ### in a quote\n> > #### deeper\n",
	"See [a](https://a.example) <https://b.example> https://c.example/x, www.d.example.\n![i](img.png)\n[r][r] [r]\n\n[r]: https://r.example\n",
	"[![CI](https://ci.example/b.svg)](https://ci.example/) `https://no.example` ann@example.com <bob@example.com>\n",
	"[x](javascript:alert(1)) [](file:///etc/passwd) ![](data:text/html,x) [y](../z.md)\n",
	"[a\x1bb\u202e](https://a.example/\x1b[0m) https://b.example/\u200bz &#27;[31m &Tab;\n### \x9b31m\x00\x07 t\r\n",
	"| a | b |\n|---|---|\n| [c](https://c.example) | https://d.example |\n",
	strings.Repeat("> ", 40) + "### deep [x](https://x.example)\n",
	strings.Repeat("[", 200) + "x" + strings.Repeat("](https://u.example)", 200) + "\n",
	"p https://a.example\nq https://b.example\n\n\n[](https://c.example)\n",
}

func FuzzOutlineLinks(f *testing.F) {
	f.Add(data.Notes())
	if b, err := os.ReadFile(filepath.Join("testdata", "hostile.md")); err == nil {
		f.Add(b)
	}
	for _, s := range aidsSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		// As the body of a talk built by hand: nothing cleaned it.
		hand := &notes.Talk{Title: "T", Body: string(in), Speaker: "Ann\x1b[2J",
			SpeakerURL: "https://ann.example/\x07", Links: []string{string(in)}}
		checkAids(t, hand, 1)

		// As a notes file, and as the notes of a talk.
		file := "# T\n\n## Talk\n![p](https://p.example/p.jpg)\n> Ann - https://ann.example\n\n:one: :star:\n\n" + string(in)
		for _, src := range []string{string(in), file} {
			doc, err := notes.Parse(strings.NewReader(src))
			if err != nil {
				continue
			}
			for _, tk := range doc.Talks {
				checkAids(t, tk, 0)
			}
		}
	})
}

// checkAids checks what must hold of the outline and links of any talk;
// header is how many header links the talk must have at least.
func checkAids(t *testing.T, tk *notes.Talk, header int) {
	t.Helper()
	lines := strings.Count(tk.Body, "\n") + 1

	anchors := map[string]bool{}
	last := 0
	for _, e := range tk.Outline() {
		if e.Level != 3 && e.Level != 4 {
			t.Fatalf("entry %+v: level %d", e, e.Level)
		}
		if e.Line < 1 || e.Line > lines || e.Line <= last {
			t.Fatalf("entry %+v: line %d, body has %d lines, previous entry at %d", e, e.Line, lines, last)
		}
		last = e.Line
		if e.Anchor == "" || anchors[e.Anchor] {
			t.Fatalf("entry %+v: anchor empty or not unique", e)
		}
		anchors[e.Anchor] = true
		checkField(t, "Title", e.Title)
	}

	links := tk.AllLinks()
	urls := map[string]bool{}
	last = 0
	for i, l := range links {
		if l.Number != i+1 {
			t.Fatalf("link %d: Number %d", i, l.Number)
		}
		if l.URL == "" || urls[l.URL] {
			t.Fatalf("link %+v: URL empty or listed twice", l)
		}
		urls[l.URL] = true
		for _, r := range l.URL {
			if r != ' ' && (unicode.IsSpace(r) || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r)) {
				t.Fatalf("link %+v: URL holds %U", l, r)
			}
		}
		if l.Line < 0 || l.Line > lines || l.Line < last || l.Line == 0 && i > 0 && last > 0 {
			t.Fatalf("link %+v: line %d, body has %d lines, previous link at %d", l, l.Line, lines, last)
		}
		if l.Speaker && l.Line != 0 {
			t.Fatalf("link %+v: a speaker link in the body", l)
		}
		last = l.Line
		checkField(t, "Text", l.Text)
		if n := utf8.RuneCountInString(l.Text); n > 102 {
			t.Fatalf("link %+v: Text of %d runes", l, n)
		}
		if lower := strings.ToLower(l.URL); l.Openable() &&
			!strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "mailto:") {
			t.Fatalf("link %+v: Openable", l)
		}
	}
	if len(links) < header {
		t.Fatalf("%d links, want at least %d from the header", len(links), header)
	}
}

// checkField checks a one-line plain text field: valid UTF-8, no control
// or format character, single spaces, trimmed.
func checkField(t *testing.T, name, s string) {
	t.Helper()
	if !utf8.ValidString(s) || strings.Contains(s, "  ") || strings.TrimSpace(s) != s {
		t.Fatalf("%s %q: invalid UTF-8, double space or untrimmed", name, s)
	}
	for _, r := range s {
		if r != ' ' && (unicode.IsSpace(r) || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r)) {
			t.Fatalf("%s %q holds %U", name, s, r)
		}
	}
}

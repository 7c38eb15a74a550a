package notes_test

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
)

// parseSeeds are small files with each quirk the parser handles; the real
// notes are added too.
var parseSeeds = []string{
	"",
	"# T\n\n## A talk\n> Ann - https://a.example\n\n:two: :star: :star:\n\nnotes\n",
	"# T\n## B\n> Víctor Ruiz- https://b.example\n> https://texlution.com/\n:one: :star:\n",
	"# T\n## C\n![](https://i.example/p.jpg =512x380)\n> Marcel van Lohuizen - Go team - https://c.example   \n\n:one: :star:\n",
	"# T\n## D\n>Jean-Luc Picard -https://e.example\n> [Ann](https://f.example) - Acme\n>\n:one: :star:\n",
	"# T\n## W\n> A - https://a.example\n\n:five: :star: :star: :star:\n",
	"# T\n## W\n:keycap_ten: " + strings.Repeat(":star: ", 12) + "\n## X\n:eight: :star: x8\n## E\n⭐⭐⭐\n## Z\n:zero:\n",
	"# T\n## Q\n> A - https://a.example\n> :two: :star: :star:\n\n> quote - https://q.example\n",
	"# T\n## Code\n:one: :star:\n### Real\n```sh\n## not a section\n### not\n```\n~~~\n```\n## code\n~~~\n    ```go\n    ```\n- ```x```\n",
	"# T\n## One\n:one: :star:\n```\ncode\n## Two\n:two: :star: :star:\n",
	"# T\r\n\r\n## Win\r\n> A - https://a.example \r\n:one: :star:\r\nline\rtwo\r\n",
	"# T\x1b]0;x\x07\n## Evil \x1b[2J\n> M\x1b[31ml\x7f - https://m.example\x1b]52;c;aGk=\x07\n:one: :star:\nb \xc2\x9b31m \x00\x08\ttab\n",
	"# T\xff\n## Caf\xe9 \x9b\n> J\xf6rg - https://j.example\n:one: :star:\nbad \xed\xa0\x80\n",
	"\uFEFF# T\u200b\u202e\n## Sa\u202efe\u2066\u200d\n> Ann\u200b\u200f - https://a.example\n:one: :star:\n👩\u200d💻\n",
	"# \tMy\t notes  \n##   Tab\tbed   ##\n>   Ann \t Lee   -   https://a.example\n:one: :star:\n",
	"# T\n## 日本語\n:one: :star:\n## 1984\n:one: :star:\n## Same\n:one: :star:\n## same!\n:one: :star:\n## Same 2\n:one: :star:\n##\n:one: :star:\n",
	"## Only talk\n:one: :star:\n",
	"# Notes\n## A\n> Ann - https://a.example\n\ntext\n## B\n",
	"#T\n# Title\n## Talk\n:one: :star:\n#hashtag\n###also not\n",
	"# T\n## I\n:one: :star:\n![a](u =1x) ![ ](( ![](<x> \"t\" =x3) ](\n",
}

func FuzzParse(f *testing.F) {
	f.Add(data.Notes())
	if b, err := os.ReadFile(filepath.Join("testdata", "hostile.md")); err == nil {
		f.Add(b)
	}
	for _, s := range parseSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		doc, err := notes.ParseNamed("f.md", strings.NewReader(string(in)))
		if err != nil {
			var pe *notes.Error
			if !errors.As(err, &pe) {
				t.Fatalf("error is not a *notes.Error: %#v", err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "notes: f.md:") || strings.ContainsAny(msg, "\n\r\x1b") {
				t.Fatalf("error %q is not one clean line naming the file", msg)
			}
			if doc != nil {
				t.Fatalf("document returned with error %v", err)
			}
			return
		}
		checkDocument(t, doc)
	})
}

// checkDocument checks the invariants of a parsed document.
func checkDocument(t *testing.T, doc *notes.Document) {
	t.Helper()
	if len(doc.Talks) == 0 {
		t.Fatalf("no talks and no error")
	}
	oneLine(t, "document title", doc.Title)
	text(t, "intro", doc.Intro)
	text(t, "about", doc.AboutMarkdown())
	for _, s := range doc.Sections {
		if s.Title != "" {
			oneLine(t, "section title", s.Title)
		}
		text(t, "section", s.Markdown)
	}
	for _, w := range doc.Warnings {
		text(t, "warning", w.String())
	}
	slugs := make(map[string]bool)
	prevLine := 0
	for i, tk := range doc.Talks {
		if tk.Number != i+1 {
			t.Fatalf("talk %d has Number %d", i+1, tk.Number)
		}
		if tk.Line <= prevLine {
			t.Fatalf("talk %d at line %d, after a talk at line %d", tk.Number, tk.Line, prevLine)
		}
		prevLine = tk.Line
		oneLine(t, "title", tk.Title)
		if tk.Stars < 0 || tk.Stars > notes.MaxStars {
			t.Fatalf("talk %d: Stars = %d", tk.Number, tk.Stars)
		}
		checkSlug(t, tk.Slug)
		if slugs[tk.Slug] {
			t.Fatalf("slug %q used twice", tk.Slug)
		}
		slugs[tk.Slug] = true
		for name, s := range map[string]string{"speaker": tk.Speaker, "affiliation": tk.Affiliation, "speaker URL": tk.SpeakerURL} {
			if s != "" {
				oneLine(t, name, s)
			}
		}
		for _, l := range tk.Links {
			oneLine(t, "link", l)
		}
		for _, im := range tk.Images {
			if im.Alt != "" {
				oneLine(t, "image alt", im.Alt)
			}
			text(t, "image URL", im.URL)
			if strings.Contains(im.URL, "\n") {
				t.Fatalf("image URL %q spans lines", im.URL)
			}
		}
		for _, h := range tk.Headings {
			if h.Level < 3 || h.Level > 6 || h.Line <= tk.Line {
				t.Fatalf("heading %+v of talk at line %d", h, tk.Line)
			}
			if h.Text != "" {
				oneLine(t, "heading", h.Text)
			}
		}
		text(t, "body", tk.Body)
		md := tk.Markdown()
		text(t, "markdown", md)
		if !strings.HasPrefix(md, "# "+tk.Title+"\n") {
			t.Fatalf("Markdown does not start with the title: %q", md[:min(len(md), 60)])
		}
		if got, ok := doc.Lookup(tk.Slug); !ok || got != tk {
			t.Fatalf("Lookup(%q) = %v, %v", tk.Slug, got, ok)
		}
		if got, ok := doc.Lookup(strconv.Itoa(tk.Number)); !ok || got != tk {
			t.Fatalf("Lookup(%d) = %v, %v", tk.Number, got, ok)
		}
	}
}

func checkSlug(t *testing.T, s string) {
	t.Helper()
	if s == "" || len(s) > 80 || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		t.Fatalf("bad slug %q", s)
	}
	digits := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			t.Fatalf("slug %q has %q", s, c)
		}
		digits = digits && '0' <= c && c <= '9'
	}
	if digits {
		t.Fatalf("slug %q is a number", s)
	}
}

// text checks s is valid UTF-8 free of control characters other than tab
// and newline, and of bidi embedding, override and isolate characters.
func text(t *testing.T, field, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("%s is not valid UTF-8: %q", field, s)
	}
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || 0x7f <= r && r <= 0x9f ||
			0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069 {
			t.Fatalf("%s holds %U: %q", field, r, s)
		}
	}
}

// oneLine checks a one-line field: clean text, non-empty, no tab or
// newline, no zero-width or bidi marks, no outer space.
func oneLine(t *testing.T, field, s string) {
	t.Helper()
	text(t, field, s)
	if s == "" || strings.TrimSpace(s) != s || strings.ContainsAny(s, "\t\n\u200b\u200c\u200d\u200e\u200f\ufeff") {
		t.Fatalf("%s is not a clean single line: %q", field, s)
	}
}

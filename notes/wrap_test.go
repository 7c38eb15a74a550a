package notes_test

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gmtext "github.com/yuin/goldmark/text"

	"github.com/golanguk/golanguk/notes"
)

func TestPlainTextWidth(t *testing.T) {
	tests := []struct {
		name  string
		md    string
		width int
		want  string
	}{
		{"long paragraph", "The quick brown fox jumps over the lazy dog and keeps running", 20,
			"The quick brown fox\njumps over the lazy\ndog and keeps\nrunning\n"},
		{"fits", "The quick brown fox", 19, "The quick brown fox\n"},
		{"soft breaks kept", "one two three\nfour", 8, "one two\nthree\nfour\n"},
		{"nested list hangs", "- one two three four five\n  - alpha beta gamma delta\n- six", 20,
			"• one two three four\n  five\n  • alpha beta gamma\n    delta\n• six\n"},
		{"ordered list hangs", "10. word word word word", 15, "10. word word\n    word word\n"},
		{"quote bar repeated", "> a b c d e f g h i j k l m n o p", 20,
			"│ a b c d e f g h i\n│ j k l m n o p\n"},
		{"quote in a list", "- > one two three four", 12, "• │ one two\n  │ three\n  │ four\n"},
		{"code block kept", "```\nfunc main() { fmt.Println(\"hello, world\") }\n```", 10,
			"    func main() { fmt.Println(\"hello, world\") }\n"},
		{"long url not broken", "see https://go.dev/a-b-c-d-e-f-g-h-i-j-k-l-m/n/o here", 20,
			"see\nhttps://go.dev/a-b-c-d-e-f-g-h-i-j-k-l-m/n/o\nhere\n"},
		{"long url in a list", "- x https://example.com/a/very/long/path y", 10,
			"• x\n  https://example.com/a/very/long/path\n  y\n"},
		{"heading wrapped and underlined", "# A long heading that wraps", 12,
			"A long\nheading that\nwraps\n════════════\n"},
		{"footnotes not wrapped", "[the talk](https://example.com/a/very/long/url)", 10,
			"the talk\n[1]\n\nLinks:\n[1] https://example.com/a/very/long/url\n"},
		{"CJK two columns, breaks between characters", "日本語のテキストです", 9, "日本語の\nテキスト\nです\n"},
		{"CJK fits exactly", "日本語のテキストです", 20, "日本語のテキストです\n"},
		{"no break before CJK punctuation", "日本語。", 6, "日本\n語。\n"},
		{"emoji two columns", "😄 😄 😄 ok", 8, "😄 😄 😄\nok\n"},
		{"shortcode emoji two columns", ":smile: :smile: :smile: ok", 8, "😄 😄 😄\nok\n"},
		{"rule fits the width", "a\n\n---\n\nb", 10, "a\n\n──────────\n\nb\n"},
		{"width 0 does not wrap", "The quick brown fox jumps over the lazy dog and keeps running", 0,
			"The quick brown fox jumps over the lazy dog and keeps running\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := notes.PlainTextWidth(tt.md, tt.width); got != tt.want {
				t.Errorf("PlainTextWidth(%q, %d) =\n%s\nwant\n%s", tt.md, tt.width, got, tt.want)
			}
		})
	}
}

// PlainText does not wrap: ui's search of the notes reads it.
func TestPlainTextIsUnwrapped(t *testing.T) {
	for _, tk := range embedded(t).Talks {
		md := tk.DisplayMarkdown()
		if got, want := notes.PlainText(md), notes.PlainTextWidth(md, 0); got != want {
			t.Errorf("%s: PlainText differs from PlainTextWidth(md, 0)", tk.Slug)
		}
	}
}

// codeLines returns the lines of every code block (and HTML block) of md,
// which plain text keeps as they are, however long.
func codeLines(t *testing.T, md string) map[string]bool {
	t.Helper()
	src := []byte(notes.SafeMarkdown(md))
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(gmtext.NewReader(src))
	lines := map[string]bool{}
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			if entering {
				segs := n.Lines()
				for i := 0; i < segs.Len(); i++ {
					seg := segs.At(i)
					if l := strings.TrimRight(string(seg.Value(src)), " \n"); l != "" {
						lines[l] = true
					}
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

// stripPrefix removes what plain text puts before a line's text: the
// indent, quote bars and list markers.
func stripPrefix(line string) string {
	for {
		s := strings.TrimLeft(line, " ")
		s = strings.TrimPrefix(s, "│")
		s = strings.TrimPrefix(s, "•")
		if i := strings.Index(s, ". "); i > 0 && strings.Trim(s[:i], "0123456789") == "" {
			s = s[i+1:]
		}
		if s == line {
			return s
		}
		line = s
	}
}

// textOf is the text of plain output with everything wrapping may change
// taken out: spaces, line breaks, quote bars and heading underlines.
func textOf(out string) string {
	var b strings.Builder
	for _, f := range strings.Fields(out) {
		if strings.Trim(f, "│═─") == "" {
			continue
		}
		b.WriteString(f)
	}
	return b.String()
}

func TestPlainTextWidthRealTalks(t *testing.T) {
	d := embedded(t)
	for _, width := range []int{40, 70, 80} {
		for _, tk := range d.Talks {
			md := tk.DisplayMarkdown()
			code := codeLines(t, md)
			out := notes.PlainTextWidth(md, width)
			if textOf(out) != textOf(notes.PlainText(md)) {
				t.Errorf("width %d, %s: wrapping changed the text", width, tk.Slug)
			}
			footnotes := false
			for i, line := range strings.Split(out, "\n") {
				if line == "Links:" {
					footnotes = true
				}
				if ansi.StringWidth(line) <= width || footnotes {
					continue
				}
				body := stripPrefix(line)
				isCode := false
				for c := range code {
					if strings.HasSuffix(line, c) && stripPrefix(strings.TrimSuffix(line, c)) == "" {
						isCode = true
						break
					}
				}
				if isCode {
					continue
				}
				// Else the overflow must be one word that cannot be broken:
				// the line holds nothing but it.
				if strings.Contains(body, " ") || body == "" {
					t.Errorf("width %d, %s: line %d is %d columns and not one unbreakable word: %q",
						width, tk.Slug, i+1, ansi.StringWidth(line), line)
				}
			}
		}
	}
}

func TestPlainTextWidthTalk5(t *testing.T) {
	d := embedded(t)
	var md string
	for _, tk := range d.Talks {
		if tk.Number == 5 {
			md = tk.DisplayMarkdown()
		}
	}
	if md == "" {
		t.Fatal("no talk 5")
	}
	out := notes.PlainTextWidth(md, 70)
	for i, line := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(line); w > 70 {
			t.Errorf("line %d is %d columns: %q", i+1, w, line)
		}
	}
	for _, want := range []string{
		"\n│ The testing package now supports the definition of tests with\n│ subtests and ",
		"\n    • problem: benchmarking non-friendly, you had to create funcs and\n      call them from the tests\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("talk 5 at width 70 lacks %q:\n%s", want, out)
		}
	}
}

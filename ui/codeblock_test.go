package ui_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"charm.land/glamour/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// TestCodeBlocks renders the markdown files in testdata/codeblocks (code blocks
// in many languages, some without one so that chroma guesses, and raw HTML
// that glamour strips with bluemonday) with glamour's dark and light styles at
// width 80, and compares the text, escapes stripped, with the goldens in
// testdata/TestCodeBlocks. It also checks that every fenced code block is
// coloured.
//
// The goldens hold text, not chroma's exact palette choices: chroma breaks
// ties between equally close 256-colour entries by map order, so the same
// token comes out grey 241 or 242 from run to run. Regenerate with
// `go test ./ui -run TestCodeBlocks -update` and read the diff.
func TestCodeBlocks(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "codeblocks", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("found %d fixtures in testdata/codeblocks, want at least 10", len(files))
	}
	for _, style := range []string{"dark", "light"} {
		r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(80))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			name := strings.TrimSuffix(filepath.Base(f), ".md") + "-" + style
			t.Run(name, func(t *testing.T) {
				md, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				out, err := r.Render(string(md))
				if err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, ansi.Strip(out))
				if strings.Contains(string(md), "```") && !strings.Contains(out, "38;5;") {
					t.Errorf("no 256-colour foreground in the render of %s: is chroma highlighting?", f)
				}
			})
		}
	}
}

// TestCodeBlockColours makes sure the goldens above are not colourless by
// accident: highlighted Go has more colours than plain text.
func TestCodeBlockColours(t *testing.T) {
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle("dark"), glamour.WithWordWrap(80))
	if err != nil {
		t.Fatal(err)
	}
	colours := func(md string) int {
		out, err := r.Render(md)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, part := range strings.Split(out, "\x1b[")[1:] {
			if i := strings.IndexByte(part, 'm'); i > 0 && strings.Contains(part[:i], "38;5;") {
				seen[part[:i]] = true
			}
		}
		return len(seen)
	}
	code := "package main\n\nfunc main() { println(\"hi\", 42) } // done\n"
	plain, goCode := colours("```text\n"+code+"```\n"), colours("```go\n"+code+"```\n")
	if goCode < plain+3 {
		t.Errorf("highlighted Go uses %d colours, plain text %d: is chroma highlighting?", goCode, plain)
	}
}

// TestLexers checks the lexer registry that quick.Highlight (and so glamour)
// looks languages up in: every registered name and alias finds a lexer, and
// the analysers that guess a language from the text are in place.
func TestLexers(t *testing.T) {
	names := lexers.Names(true)
	if len(names) < 200 {
		t.Fatalf("%d lexer names and aliases, want more than 200", len(names))
	}
	for _, name := range names {
		if lexers.Get(name) == nil {
			t.Errorf("lexers.Get(%q) = nil", name)
		}
	}
	for _, c := range []struct{ name, text, want string }{
		{"shebang", "#!/bin/bash\necho hi\n", "Bash"},
		{"mysql", "SELECT `a`, `b` FROM `t`;\n", "MySQL"},
		{"zed", "definition user {}\ndefinition doc {\n relation owner: user\n permission edit = owner\n}\n", "Zed"},
		{"go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n", "Go"},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := lexers.Analyse(c.text)
			if l == nil {
				t.Fatalf("Analyse found no lexer, want %s", c.want)
			}
			if got := l.Config().Name; got != c.want {
				t.Errorf("Analyse = %s, want %s", got, c.want)
			}
		})
	}
	for _, c := range []struct{ lookup, want string }{
		{"go", "Go"}, {"golang", "Go"}, {"sh", "Bash"}, {"yml", "YAML"}, {"py", "Python"},
		{"Dockerfile", "Docker"}, {"go-html-template", "Go HTML Template"}, {"elisp", "EmacsLisp"},
	} {
		t.Run("get "+c.lookup, func(t *testing.T) {
			l := lexers.Get(c.lookup)
			if l == nil {
				t.Fatalf("Get(%q) = nil, want %s", c.lookup, c.want)
			}
			if got := l.Config().Name; got != c.want {
				t.Errorf("Get(%q) = %s, want %s", c.lookup, got, c.want)
			}
		})
	}
}

package escape_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/golanguk/golanguk/notes/escape"
)

func TestString(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain", "notes/gophercon.md", "notes/gophercon.md"},
		{"accents and emoji", "Pățan ★ 🚀", "Pățan ★ 🚀"},
		{"osc title and clipboard", "\x1b]0;PWNED\a\x1b]52;c;UFdORUQ=\a.md", `\x1b]0;PWNED\a\x1b]52;c;UFdORUQ=\a.md`},
		{"newline", "a\nb", `a\nb`},
		{"tab", "a\tb", `a\tb`},
		{"del", "a\x7fb", `a\x7fb`},
		{"c1 csi", "a\u009b2Jb", `a\u009b2Jb`},
		{"bidi override", "abc\u202edcba", `abc\u202edcba`},
		{"zero width joiner", "a\u200db", `a\u200db`},
		{"invalid utf-8", "a\xffb", `a\xffb`},
		{"a real replacement character", "a\uFFFDb", "a\uFFFDb"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := escape.String(c.in); got != c.want {
				t.Errorf("String(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	if got := escape.Line(strings.Repeat("é", 100), 11); got != "ééééé..." {
		t.Errorf("Line cut = %q, want five é and ...", got)
	}
	if got := escape.Line("\x1b[2J", 100); got != `\x1b[2J` {
		t.Errorf("Line = %q", got)
	}
}

func FuzzString(f *testing.F) {
	f.Add("\x1b]0;x\a")
	f.Add("ok")
	f.Add("a\xffb\u202e")
	f.Fuzz(func(t *testing.T, s string) {
		e := escape.String(s)
		for _, r := range e {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("String(%q) = %q holds control %U", s, e, r)
			}
		}
		if !strings.ContainsAny(s, "\\") && !strings.Contains(e, "\\") && e != s {
			t.Fatalf("String(%q) = %q changed text without escaping", s, e)
		}
	})
}

func ExampleString() {
	fmt.Println(escape.String("talk\x1b]0;PWNED\a.md"))
	// Output: talk\x1b]0;PWNED\a.md
}

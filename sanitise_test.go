package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// rawControl returns the first control byte or character in s that may
// drive a terminal, with where it is, or "" if there is none: C0 but tab
// and newline, DEL, C1 (as UTF-8 or as a raw byte) and invalid UTF-8.
// ansi allows the SGR and OSC 8 sequences our renderer writes.
func rawControl(s string, ansi bool) string {
	for i := 0; i < len(s); {
		c := s[i]
		if ansi && c == 0x1b {
			if n := allowedSequence(s[i:]); n > 0 {
				i += n
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1,
			c < 0x20 && c != '\t' && c != '\n', c == 0x7f,
			r >= 0x80 && r <= 0x9f:
			return strings.ToValidUTF8(strings.ReplaceAll(s[max(0, i-30):min(len(s), i+30)], "\x1b", `\e`), "?")
		}
		i += size
	}
	return ""
}

// allowedSequence measures an SGR sequence or an OSC 8 link at the start
// of s, 0 if it is neither.
func allowedSequence(s string) int {
	if strings.HasPrefix(s, "\x1b[") {
		j := 2
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
			j++
		}
		if j < len(s) && s[j] == 'm' {
			return j + 1
		}
		return 0
	}
	if strings.HasPrefix(s, "\x1b]8;") {
		if end := strings.IndexByte(s, '\a'); end > 0 && !strings.ContainsAny(s[4:end], "\x1b\n") {
			return end + 1
		}
	}
	return 0
}

// TestHostileFileNameNeverReachesTheTerminalRaw walks the paths by which
// text from outside reaches a terminal, with a notes file whose name
// retitles the terminal and writes its clipboard, and whose content
// decodes to escapes (&#27;) and has no "# " title: parser warnings,
// errors naming a missing file (with a newline in its name), every
// format of list, show and about, and shell completion. No control
// character may come out raw, on stdout or stderr.
func TestHostileFileNameNeverReachesTheTerminalRaw(t *testing.T) {
	cleanEnv(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := t.TempDir()
	name := filepath.Join(dir, "evil\x1b]0;PWNED\a\x1b]52;c;UFdORUQ=\a\u009b31m.md")
	content := "## A &#x1b;[31m red &#155; talk\n> Ann &#27;]0;X&#7; - https://a.example/&#27;\n\n:two: :star: :star:\n\n" +
		"- a note &#27;]52;c;QQ==&#7; with [a link](https://b.example/\x1b]0;X\a)\n\n```\ncode \x1b[2J\n```\n"
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Skip("this file system refuses the name:", err)
	}
	missing := filepath.Join(dir, "no\nsuch\x1b]0;X\a.md")
	tests := []struct {
		name string
		args []string
		ansi bool
	}{
		{"list", []string{"list"}, false},
		{"list --json", []string{"list", "--json"}, false},
		{"list --json -q", []string{"list", "--json", "-q", "note"}, false},
		{"list -q no match", []string{"list", "-q", "zzz\x1b]0;X\a"}, false},
		{"show markdown", []string{"show", "1", "--format", "markdown"}, false},
		{"show plain", []string{"show", "1", "--format", "plain"}, false},
		{"show json", []string{"show", "1", "--format", "json"}, false},
		{"show ansi", []string{"show", "1", "--format", "ansi"}, true},
		{"show no match", []string{"show", "nothing\x1b[2J"}, false},
		{"about markdown", []string{"about", "--format", "markdown"}, false},
		{"about plain", []string{"about", "--format", "plain"}, false},
		{"about ansi", []string{"about", "--format", "ansi"}, true},
		{"about json", []string{"about", "--format", "json"}, false},
		{"completion of talks", []string{"__complete", "show", ""}, false},
		{"completion of a word", []string{"__complete", "show", "a"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cli(t, append([]string{"--notes", name}, tt.args...))
			if bad := rawControl(r.stdout, tt.ansi); bad != "" {
				t.Errorf("stdout holds a raw control character: ...%s...", bad)
			}
			if bad := rawControl(r.stderr, false); bad != "" {
				t.Errorf("stderr holds a raw control character: ...%s...", bad)
			}
			if tt.name == "list" && !strings.Contains(r.stderr, `evil\x1b]0;PWNED\a`) {
				t.Errorf("the warning does not name the file, escaped: %q", r.stderr)
			}
			if tt.name == "about markdown" && !strings.HasPrefix(r.stdout, `# evil\x1b]0;PWNED\a`) {
				t.Errorf("the title is not the file's base name, escaped: %.60q", r.stdout)
			}
			if r.code == 0 && r.stdout == "" {
				t.Error("nothing on stdout")
			}
		})
	}
	for _, tt := range []struct {
		name  string
		notes string
	}{
		{"missing file", missing},
		{"URL", "http://127.0.0.1:1/\x1b]0;X\a\n"},
		{"directory", dir + "/\x1b]0;X\a/"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := cli(t, []string{"--notes", tt.notes, "list"})
			if r.code == 0 {
				t.Fatal("exit 0, want an error")
			}
			if bad := rawControl(r.stderr, false); bad != "" {
				t.Errorf("stderr holds a raw control character: ...%s...", bad)
			}
			if n := strings.Count(r.stderr, "\n"); n != 1 {
				t.Errorf("stderr is %d lines, want one: %q", n, r.stderr)
			}
		})
	}
}

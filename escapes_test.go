package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// This file holds the checks that decide whether program output is safe to
// print on a terminal: it carries no escape sequence and no control
// character that did not come from our own styling.

// plainViolations lists what makes s unsafe as uncoloured text (markdown,
// plain, tab-separated output): any ESC, BEL or other C0 control but tab
// and newline, DEL, any C1 control (U+0080..U+009F), invalid UTF-8 (an
// 8-bit terminal reads a stray 0x9B byte as CSI) and the bidirectional
// embedding, override and isolate characters.
func plainViolations(s string) []string {
	var v []string
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			v = append(v, fmt.Sprintf("byte %d: invalid UTF-8 %#x %s", i, s[i], excerpt(s, i)))
			i++
			continue
		}
		if bad := controlName(r); bad != "" {
			v = append(v, fmt.Sprintf("byte %d: %s %s", i, bad, excerpt(s, i)))
		}
		i += size
	}
	return v
}

// controlName names r if it is a control character that must not reach a
// terminal, or returns "".
func controlName(r rune) string {
	switch {
	case r == '\t' || r == '\n':
		return ""
	case r == 0x1b:
		return "ESC"
	case r == 0x07:
		return "BEL"
	case r < 0x20:
		return fmt.Sprintf("C0 control %U", r)
	case r == 0x7f:
		return "DEL"
	case r >= 0x80 && r <= 0x9f:
		return fmt.Sprintf("C1 control %U", r)
	case 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
		// Not an escape, but it reorders what the terminal shows
		// (Trojan Source); the parser promises to remove them.
		return fmt.Sprintf("bidi control %U", r)
	}
	return ""
}

// jsonViolations checks JSON output: the bytes as plain text, and every
// string value after decoding, since `jq -r` turns "\u001b" back into ESC.
func jsonViolations(s string) []string {
	v := plainViolations(s)
	var doc any
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		return append(v, "not JSON: "+err.Error())
	}
	walkJSON(doc, "$", func(path, str string) {
		for _, p := range plainViolations(str) {
			v = append(v, path+": "+p)
		}
	})
	return v
}

func walkJSON(x any, path string, f func(path, s string)) {
	switch x := x.(type) {
	case string:
		f(path, x)
	case []any:
		for i, e := range x {
			walkJSON(e, fmt.Sprintf("%s[%d]", path, i), f)
		}
	case map[string]any:
		for k, e := range x {
			f(path+".(key)", k)
			walkJSON(e, path+"."+k, f)
		}
	}
}

// ansiViolations checks styled terminal output: the only escape sequences
// allowed are SGR (ESC [ params m) and OSC 8 hyperlinks whose target is
// empty (closing a link) or an http, https or mailto URL; everything else
// is held to plainViolations.
func ansiViolations(s string) []string {
	var v []string
	for i := 0; i < len(s); {
		c := s[i]
		if c != 0x1b {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				v = append(v, fmt.Sprintf("byte %d: invalid UTF-8 %#x %s", i, c, excerpt(s, i)))
			} else if bad := controlName(r); bad != "" {
				v = append(v, fmt.Sprintf("byte %d: %s %s", i, bad, excerpt(s, i)))
			}
			i += size
			continue
		}
		n, problem := escapeSequence(s[i:])
		if problem != "" {
			v = append(v, fmt.Sprintf("byte %d: %s %s", i, problem, excerpt(s, i)))
		}
		i += n
	}
	return v
}

// escapeSequence reads the escape sequence at the start of s (s[0] is ESC)
// and returns its length and, if it is not one our styling emits, why.
func escapeSequence(s string) (int, string) {
	if len(s) < 2 {
		return len(s), "lone ESC at end of output"
	}
	switch s[1] {
	case '[':
		// CSI: parameter bytes 0x30-0x3F, intermediate 0x20-0x2F, final 0x40-0x7E.
		j := 2
		for j < len(s) && s[j] >= 0x30 && s[j] <= 0x3f {
			j++
		}
		params := s[2:j]
		k := j
		for k < len(s) && s[k] >= 0x20 && s[k] <= 0x2f {
			k++
		}
		if k >= len(s) || s[k] < 0x40 || s[k] > 0x7e {
			return max(k, 2), fmt.Sprintf("unterminated CSI %q", s[:min(len(s), k+1)])
		}
		seq := s[:k+1]
		if s[k] != 'm' || k != j || strings.Trim(params, "0123456789;:") != "" {
			return k + 1, fmt.Sprintf("CSI that is not SGR %q", seq)
		}
		return k + 1, ""
	case ']':
		// OSC, terminated by BEL or ST (ESC \).
		end, termLen := -1, 0
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				end, termLen = j, 1
				break
			}
			if s[j] == 0x1b {
				if j+1 < len(s) && s[j+1] == '\\' {
					end, termLen = j, 2
				}
				break
			}
		}
		if end < 0 {
			return 2, fmt.Sprintf("unterminated OSC %q", s[:min(len(s), 40)])
		}
		body := s[2:end]
		n := end + termLen
		if !strings.HasPrefix(body, "8;") {
			return n, fmt.Sprintf("OSC that is not a hyperlink %q", s[:n])
		}
		// 8;params;URI
		rest := body[2:]
		semi := strings.IndexByte(rest, ';')
		if semi < 0 {
			return n, fmt.Sprintf("malformed OSC 8 %q", s[:n])
		}
		if p := linkTargetProblem(rest[semi+1:]); p != "" {
			return n, p + fmt.Sprintf(" in %q", s[:n])
		}
		return n, ""
	}
	return 2, fmt.Sprintf("escape sequence ESC %q", s[1:2])
}

// linkTargetProblem says why target may not be the target of a clickable
// link, or returns "" for an empty target (end of link) or an http, https
// or mailto URL made of printable characters.
func linkTargetProblem(target string) string {
	if target == "" {
		return ""
	}
	if p := plainViolations(target); len(p) > 0 {
		return "control characters in link target " + p[0]
	}
	if strings.ContainsAny(target, " \t\n") {
		return fmt.Sprintf("white space in link target %q", target)
	}
	u, err := url.Parse(target)
	if err != nil {
		return fmt.Sprintf("unparsable link target %q", target)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return ""
	}
	return fmt.Sprintf("link target with scheme %q", u.Scheme)
}

// excerpt quotes a few bytes around s[i] for a failure message.
func excerpt(s string, i int) string {
	lo, hi := max(0, i-20), min(len(s), i+20)
	return fmt.Sprintf("in %q", s[lo:hi])
}

// checkOutput reports every violation of format's rules in out.
func checkOutput(t *testing.T, format, out string) {
	t.Helper()
	var v []string
	switch format {
	case "ansi":
		v = ansiViolations(out)
	case "json":
		v = jsonViolations(out)
	default:
		v = plainViolations(out)
	}
	const most = 5
	for i, p := range v {
		if i == most {
			t.Errorf("... and %d more", len(v)-most)
			break
		}
		t.Errorf("%s output: %s", format, p)
	}
}

func TestEscapeChecks(t *testing.T) {
	tests := []struct {
		name, format, in string
		bad              bool
	}{
		{"plain text", "plain", "hello\tworld\n", false},
		{"plain unicode", "plain", "Pățan 日本 🐹 \u200b\n", false},
		{"plain bidi override", "plain", "a\u202eb", true},
		{"plain bidi isolate", "plain", "a\u2066b", true},
		{"plain ESC", "plain", "a\x1b[2Jb", true},
		{"plain BEL", "plain", "a\x07b", true},
		{"plain CR", "plain", "a\rb", true},
		{"plain backspace", "plain", "a\bb", true},
		{"plain DEL", "plain", "a\x7fb", true},
		{"plain C1 UTF-8", "plain", "a\u009b2Jb", true},
		{"plain C1 raw", "plain", "a\x9b2Jb", true},
		{"plain invalid", "plain", "a\xffb", true},
		{"json ok", "json", `[{"title":"x"}]`, false},
		{"json escaped ESC", "json", `[{"title":"\u001b[2J"}]`, true},
		{"json escaped C1", "json", `{"a":["\u009b"]}`, true},
		{"json broken", "json", `[{"title":`, true},
		{"ansi SGR", "ansi", "\x1b[1;38;5;203mhi\x1b[0m\x1b[m\x1b[38:2::1:2:3m", false},
		{"ansi OSC 8 https BEL", "ansi", "\x1b]8;;https://go.dev/\x07go\x1b]8;;\x07", false},
		{"ansi OSC 8 mailto ST", "ansi", "\x1b]8;id=1;mailto:a@b.c\x1b\\m\x1b]8;;\x1b\\", false},
		{"ansi clear", "ansi", "\x1b[2J", true},
		{"ansi cursor", "ansi", "\x1b[10;10H", true},
		{"ansi private mode", "ansi", "\x1b[?1049h", true},
		{"ansi SGR with intermediate", "ansi", "\x1b[1 m", true},
		{"ansi OSC 0", "ansi", "\x1b]0;title\x07", true},
		{"ansi OSC 52", "ansi", "\x1b]52;c;aGk=\x07", true},
		{"ansi OSC 8 javascript", "ansi", "\x1b]8;;javascript:alert(1)\x07x\x1b]8;;\x07", true},
		{"ansi OSC 8 JavaScript", "ansi", "\x1b]8;;JavaScript:alert(1)\x07x\x1b]8;;\x07", true},
		{"ansi OSC 8 file", "ansi", "\x1b]8;;file:///etc/passwd\x1b\\x\x1b]8;;\x1b\\", true},
		{"ansi OSC 8 relative", "ansi", "\x1b]8;;/etc/passwd\x07x\x1b]8;;\x07", true},
		{"ansi OSC 8 with ESC in target", "ansi", "\x1b]8;;https://a/\x1b[2J\x07", true},
		{"ansi unterminated OSC", "ansi", "\x1b]8;;https://a", true},
		{"ansi ESC 7", "ansi", "\x1b7", true},
		{"ansi lone ESC", "ansi", "a\x1b", true},
		{"ansi BEL", "ansi", "a\x07", true},
		{"ansi C1 CSI", "ansi", "\u009b2J", true},
		{"ansi raw C1", "ansi", "\x9b2J", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v []string
			switch tt.format {
			case "ansi":
				v = ansiViolations(tt.in)
			case "json":
				v = jsonViolations(tt.in)
			default:
				v = plainViolations(tt.in)
			}
			if got := len(v) > 0; got != tt.bad {
				t.Errorf("%s check of %q: violations %q, want bad=%v", tt.format, tt.in, v, tt.bad)
			}
		})
	}
}

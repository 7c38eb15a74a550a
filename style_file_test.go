package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStyleFileBounds are failures of the reliability review: a style
// file with {"document":{"margin":100000000}} (or a huge indent or
// level_indent) made show grow memory without bound, and
// GLAMOUR_STYLE=/dev/zero ate memory until the browser crashed, leaving
// the terminal on the alternate screen. Each is now a one-line usage
// error before anything is rendered.
func TestStyleFileBounds(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	file := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		name string
		env  string // GLAMOUR_STYLE
		args []string
		want string
	}{
		{"huge margin", "", []string{"show", "1", "--format", "ansi", "--style", file("margin.json", `{"document":{"margin":100000000}}`)}, "document.margin is 100000000 cells"},
		{"huge indent", "", []string{"show", "1", "--format", "ansi", "--style", file("indent.json", `{"code_block":{"indent":5000000}}`)}, "code_block.indent is 5000000 cells"},
		{"huge level indent", "", []string{"show", "1", "--format", "ansi", "--style", file("level.json", `{"list":{"level_indent":100000}}`)}, "list.level_indent is 100000 cells"},
		{"not a style", "", []string{"show", "1", "--format", "ansi", "--style", file("array.json", `[1, 2]`)}, "not a glamour JSON style"},
		{"too large", "", []string{"about", "--format", "ansi", "--style", file("big.json", `{"text":"`+strings.Repeat("x", 300<<10)+`"}`)}, "larger than 256 KiB"},
		{"dev zero for show", "/dev/zero", []string{"show", "1", "--format", "ansi"}, `GLAMOUR_STYLE "/dev/zero": not a regular file`},
		{"dev zero for the browser", "/dev/zero", nil, `GLAMOUR_STYLE "/dev/zero": not a regular file`},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GLAMOUR_STYLE", c.env)
			r := cli(t, c.args)
			if r.code != 2 || !strings.Contains(r.stderr, c.want) || strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want exit 2 and one line saying %q", r.code, r.stderr, c.want)
			}
			if r.stdout != "" {
				t.Errorf("printed %.80q before the error", r.stdout)
			}
		})
	}
	// A style within the bounds renders with it.
	ok := file("ok.json", `{"document":{"margin":3},"heading":{"bold":true}}`)
	r := cli(t, []string{"show", "1", "--format", "ansi", "--style", ok})
	if r.code != 0 || !strings.HasPrefix(r.stdout, "   ") {
		t.Errorf("a 3-cell margin: exit %d, stderr %q, output starts %.20q", r.code, r.stderr, r.stdout)
	}
}

package ui_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"charm.land/glamour/v2/styles"
	xansi "github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/ui"
)

// TestNoColorStyle renders markdown in the no-colour style: no colour
// at all, yet bold, italic, underline and reverse video where the
// markdown asks, and none of its markup left as text.
func TestNoColorStyle(t *testing.T) {
	md := "### The **SOLID** principles\n\n" +
		"**S**ingle responsibility, *open*/closed, `io.Reader` and [the talk](https://example.com/solid).\n"
	out, err := ui.NewRenderer().Markdown(md, 60, ui.StyleNoColor)
	if err != nil {
		t.Fatal(err)
	}
	sgr := regexp.MustCompile("\x1b\\[([0-9;:]*)m")
	var params []string
	for _, m := range sgr.FindAllStringSubmatch(out, -1) {
		params = append(params, m[1])
	}
	for _, p := range params {
		for _, f := range strings.Split(p, ";") {
			// 30-38 and 40-48 set colours (39 and 49 reset them), as
			// do 90-97 and 100-107.
			if n, err := strconv.Atoi(f); err == nil &&
				(n >= 30 && n <= 38 || n >= 40 && n <= 48 || n >= 90 && n <= 97 || n >= 100 && n <= 107) {
				t.Fatalf("a colour in SGR %q:\n%q", p, out)
			}
		}
	}
	has := func(attr string) bool {
		for _, p := range params {
			for _, f := range strings.Split(p, ";") {
				if f == attr {
					return true
				}
			}
		}
		return false
	}
	for attr, what := range map[string]string{"1": "bold", "3": "italic", "4": "underline", "7": "reverse video"} {
		if !has(attr) {
			t.Errorf("no %s (SGR %s) in:\n%q", what, attr, out)
		}
	}
	plain := xansi.Strip(out)
	for _, lit := range []string{"###", "**", "*open*", "`"} {
		if strings.Contains(plain, lit) {
			t.Errorf("literal %q in:\n%s", lit, plain)
		}
	}
	for _, want := range []string{"The SOLID principles", "Single responsibility, open/closed,", "io.Reader"} {
		if !strings.Contains(plain, want) {
			t.Errorf("%q missing from:\n%s", want, plain)
		}
	}
	// The code span alone is in reverse video: "io.Reader" sits between
	// the SGR that turns it on and the one that resets.
	if !regexp.MustCompile("\x1b\\[[0-9;]*7[0-9;]*m[^\x1b]*io.Reader").MatchString(out) {
		t.Errorf("io.Reader is not in reverse video:\n%q", out)
	}
	// glamour's own dark style keeps its colours: NoColorStyle copies it.
	if c := styles.DarkStyleConfig.Document.Color; c == nil || *c == "" {
		t.Error("NoColorStyle took the colours out of glamour's dark style itself")
	}
}

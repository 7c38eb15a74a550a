package main

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestShowPlainWraps is the case: show 5 --format plain --width 70
// had a 338-character line. Piped, the width is 80.
func TestShowPlainWraps(t *testing.T) {
	cleanEnv(t)
	for _, tt := range []struct {
		args  []string
		width int
	}{
		{[]string{"show", "5", "--format", "plain", "--width", "70"}, 70},
		{[]string{"show", "5", "--format", "plain", "--width", "40"}, 40},
		{[]string{"show", "5", "--format", "plain"}, 80},
	} {
		r := cli(t, tt.args)
		if r.code != 0 {
			t.Fatalf("%v: exit %d, stderr %q", tt.args, r.code, r.stderr)
		}
		if !strings.Contains(r.stdout, "│ The testing package now supports") {
			t.Errorf("%v: the quote is missing:\n%s", tt.args, r.stdout)
		}
		for i, l := range strings.Split(r.stdout, "\n") {
			// At 40 the speaker's URL (48 columns) stands alone, over the width.
			if w := ansi.StringWidth(l); w > tt.width && !(strings.HasPrefix(l, "http") && !strings.Contains(l, " ")) {
				t.Errorf("%v: line %d is %d columns: %q", tt.args, i+1, w, l)
			}
		}
	}
}

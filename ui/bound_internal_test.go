package ui

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/golanguk/golanguk/notes"
)

// hugeTalk is a talk whose notes are n blocks made by block(i).
func hugeTalk(n int, open, close string, block func(i int) string) *notes.Talk {
	var b strings.Builder
	b.WriteString(open)
	for i := range n {
		b.WriteString(block(i))
	}
	b.WriteString(close)
	return &notes.Talk{Number: 1, Title: "Huge", Speaker: "Ann", Stars: 1, Body: b.String()}
}

var hugeTalks = []struct {
	name  string
	talk  func(n int) *notes.Talk
	items int
}{
	{"flat list", func(n int) *notes.Talk {
		return hugeTalk(n, "", "", func(i int) string { return fmt.Sprintf("- item %d\n", i) })
	}, 8000},
	{"code block", func(n int) *notes.Talk {
		return hugeTalk(n, "```go\n", "```\n", func(i int) string { return fmt.Sprintf("x := %d // item\n", i) })
	}, 8000},
	{"paragraphs", func(n int) *notes.Talk {
		return hugeTalk(n, "", "", func(i int) string { return fmt.Sprintf("para %d words words\n\n", i) })
	}, 4000},
	{"table", func(n int) *notes.Talk {
		return hugeTalk(n, "| a | b |\n|---|---|\n", "", func(i int) string { return fmt.Sprintf("| %d | x |\n", i) })
	}, 8000},
}

// TestRenderHugeTalkIsBounded (here with fewer blocks): glamour took 21.8 s for a flat list of
// 40,000 items and more than a minute for a code block of 100,000 lines,
// in show --format ansi and in the browser. Glamour is now given at most
// glamourLines lines of a talk; the rest is drawn as plain text, all of
// it, under a line that says so.
func TestRenderHugeTalkIsBounded(t *testing.T) {
	for _, tt := range hugeTalks {
		t.Run(tt.name, func(t *testing.T) {
			out, err := NewRenderer().Talk(tt.talk(tt.items), 80, StyleDark)
			if err != nil {
				t.Fatal(err)
			}
			styled := 0
			for l := range strings.SplitSeq(out, "\n") {
				if strings.Contains(l, "\x1b[") {
					styled++
				}
			}
			if styled > glamourLines {
				t.Errorf("%d styled lines: glamour rendered more than %d lines", styled, glamourLines)
			}
			if !strings.Contains(strings.Join(strings.Fields(out), " "), "(The rest is plain text: glamour is given at most 1000 lines or 64 KB of a talk.)") {
				t.Error("no line says the rest is plain text")
			}
			last := fmt.Sprint(tt.items - 1)
			if !strings.Contains(out, last) {
				t.Errorf("the last item (%q) is not in the output", last)
			}
		})
	}
}

// TestRenderTalkScales: rendering a talk 4x as long allocates at most
// about 4x as much (glamour's part is bounded, plain text is linear).
func TestRenderTalkScales(t *testing.T) {
	for _, tt := range hugeTalks {
		t.Run(tt.name, func(t *testing.T) {
			alloc := func(n int) uint64 {
				talk := tt.talk(n)
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				if _, err := NewRenderer().Talk(talk, 80, StyleDark); err != nil {
					t.Fatal(err)
				}
				runtime.ReadMemStats(&after)
				return after.TotalAlloc - before.TotalAlloc
			}
			small, large := alloc(tt.items/8), alloc(tt.items/2)
			if g := float64(large) / float64(small); g > 5 {
				t.Errorf("4x the blocks allocate %.1fx the bytes, want at most about 4x", g)
			}
		})
	}
}

// TestSplitForGlamour: the cut is at a top-level block's start, never
// inside fenced code, and a text inside the bounds is not cut.
func TestSplitForGlamour(t *testing.T) {
	lines := func(n int, s string) string { return strings.Repeat(s, n) }
	tests := []struct {
		name, md, head string
	}{
		{"small", "# T\n\n- a\n- b\n", "# T\n\n- a\n- b\n"},
		{"flat list", lines(1500, "- x\n"), lines(999, "- x\n")},
		{"code fence after a paragraph", "intro\n\n```\n" + lines(1500, "x\n") + "```\n", "intro\n\n"},
		{"nested items are not cut", "- a\n" + lines(1500, "  - b\n"), ""},
		{"a fence of ~ holds a - line", "p\n\n~~~\n" + lines(1200, "- x\n") + "~~~\n", "p\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			head, rest := splitForGlamour(tt.md)
			if head != tt.head {
				t.Errorf("head %.80q (%d bytes), want %.80q (%d bytes)", head, len(head), tt.head, len(tt.head))
			}
			if head+rest != tt.md {
				t.Error("head and rest are not the text")
			}
		})
	}
}

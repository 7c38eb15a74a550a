package ui

import (
	"slices"
	"testing"
)

func TestLRU(t *testing.T) {
	c := newLRU[string, int](3)
	c.put("a", 1)
	c.put("b", 2)
	c.put("c", 3)
	c.put("a", 10) // a is used again: b is now the oldest
	c.touch("a")   // already the newest
	c.touch("zz")  // not kept: nothing happens
	if got := c.keys; !slices.Equal(got, []string{"b", "c", "a"}) {
		t.Errorf("keys %v, want [b c a]", got)
	}
	c.touch("b") // b used again: c is now the oldest
	c.touch("a")
	before := c // a copy keeps what it had
	c.put("d", 4)
	if got := c.keys; !slices.Equal(got, []string{"b", "a", "d"}) {
		t.Errorf("keys %v, want [b a d]", got)
	}
	if v, ok := c.get("a"); !ok || v != 10 {
		t.Errorf("get(a) = %d, %v; want 10, true", v, ok)
	}
	if _, ok := c.get("c"); ok {
		t.Error("c, the least recently used, is still kept")
	}
	if _, ok := before.get("c"); !ok || before.len() != 3 {
		t.Error("a copy of the cache changed when the cache did")
	}
	c.clear()
	if c.len() != 0 {
		t.Errorf("%d entries after clear", c.len())
	}
}

// TestRendererBounded checks that a Renderer keeps a bounded number of
// renderings and of idle glamour renderers however many widths it renders
// at (a window resized through every width), and that what it still keeps
// is what it rendered.
func TestRendererBounded(t *testing.T) {
	r := NewRenderer()
	md := "# Title\n\nSome *notes* to wrap at many widths."
	first, err := r.Markdown(md, 20, StyleNoTTY)
	if err != nil {
		t.Fatal(err)
	}
	for w := 21; w < 21+2*keptOutputs; w++ {
		if _, err := r.Markdown(md, w, StyleNoTTY); err != nil {
			t.Fatal(err)
		}
	}
	if n := r.outputs.len(); n != keptOutputs {
		t.Errorf("%d renderings kept, want %d", n, keptOutputs)
	}
	if n := r.idle.len(); n != keptWidths {
		t.Errorf("idle renderers for %d widths, want %d", n, keptWidths)
	}
	if again, err := r.Markdown(md, 20, StyleNoTTY); err != nil || again != first {
		t.Errorf("width 20 rendered again differs: %q, want %q (%v)", again, first, err)
	}
}

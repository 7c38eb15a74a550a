package ui

import (
	"strings"
	"testing"
	"time"
)

// TestGoSafelyPassesThePanicOn: a panic in a goroutine of Browse's own
// ended the process with the terminal raw; goSafely hands it to the
// program instead, with its stack, and only the first.
func TestGoSafelyPassesThePanicOn(t *testing.T) {
	panics := make(chan goPanicMsg, 1)
	goSafely(panics, func() { panic("boom") })
	var got goPanicMsg
	select {
	case got = <-panics:
	case <-time.After(10 * time.Second): // a hang, not a timing
		t.Fatal("the panic was not passed on")
	}
	if got.value != "boom" || !strings.Contains(got.String(), "boom\n\ngoroutine stack:\n") || !strings.Contains(got.String(), "safego_internal_test.go") {
		t.Errorf("passed on %q", got.String())
	}
}

// TestRenderPanicReleasesWaiters: a render that panicked left its
// pending entry, so the next render of the same talk waited for ever.
func TestRenderPanicReleasesWaiters(t *testing.T) {
	r := NewRenderer()
	k := outputKey{rendererKey: rendererKey{80, StyleNoTTY}, kind: 'm', md: "x"}
	func() {
		defer func() { _ = recover() }()
		_, _ = r.render(k, func() string { panic("boom") })
	}()
	done := make(chan string, 1)
	go func() {
		out, _ := r.render(k, func() string { return "# Again" })
		done <- out
	}()
	select {
	case out := <-done:
		if !strings.Contains(out, "Again") {
			t.Errorf("the render after the panic = %q", out)
		}
	case <-time.After(10 * time.Second): // a hang, not a timing
		t.Fatal("the render after a panicked one waits for ever")
	}
}

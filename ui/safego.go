package ui

import (
	"fmt"
	"runtime/debug"
)

// Bubble Tea catches a panic in Update, View or a command and hands the
// terminal back before it prints the panic. A panic in a goroutine of our
// own (Browse's first rendering, a large document's index) it never sees:
// the runtime would end the process with the terminal raw, on the
// alternate screen, with mouse reporting on. goSafely runs those, and
// passes a panic to the program, whose Update panics again with it, where
// Bubble Tea restores the terminal first.

// goPanicMsg is a panic in one of our goroutines, with its stack.
type goPanicMsg struct {
	value any
	stack []byte
}

func (p goPanicMsg) String() string {
	return fmt.Sprintf("%v\n\ngoroutine stack:\n%s", p.value, p.stack)
}

// goSafely runs f in a goroutine; a panic in f is sent on panics (once:
// the first ends the program) instead of ending the process.
func goSafely(panics chan<- goPanicMsg, f func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				select {
				case panics <- goPanicMsg{value: r, stack: debug.Stack()}:
				default: // one is on its way already
				}
			}
		}()
		f()
	}()
}

//go:build testhook

package ui

import (
	"os"

	tea "charm.land/bubbletea/v2"
)

// testPanic is a test hook, built only with -tags testhook (the process
// tests build the binary so): GOLANGUK_TEST_PANIC makes the browser panic
// after the first key, in Update ("update"), in View ("view"), in a
// command ("cmd") or in a goroutine of ours ("goroutine"), so that a
// test of the built binary can check that a crash hands the terminal
// back and prints the error. The release binary
// has neither the variable nor the check (testhook_off.go).
var testPanic = os.Getenv("GOLANGUK_TEST_PANIC")

const testPanicMsg = "golanguk test panic"

// armTestPanic is called on every key press while testPanic is set; it
// panics in Update, or arms the panic for View or returns a command that
// panics.
func (m *Model) armTestPanic() tea.Cmd {
	switch testPanic {
	case "update":
		panic(testPanicMsg + " in Update")
	case "view":
		m.panicInView = true
	case "cmd":
		return func() tea.Msg { panic(testPanicMsg + " in a command") }
	case "goroutine":
		if m.goPanics != nil {
			goSafely(m.goPanics, func() { panic(testPanicMsg + " in a goroutine") })
		}
	}
	return nil
}

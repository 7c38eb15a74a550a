//go:build !testhook

package ui

import tea "charm.land/bubbletea/v2"

// testPanic is the test hook's switch (testhook.go), always off in a
// release build: the check on each key is a constant the compiler drops.
const testPanic = ""

// testPanicMsg is what the hook panics with; no panic is armed here.
const testPanicMsg = ""

func (m *Model) armTestPanic() tea.Cmd { return nil }

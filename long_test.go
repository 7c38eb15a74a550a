package main

import (
	"flag"
	"testing"
)

// long turns on the scale and slow cases: 100,000 talks, 10 MB lines and
// titles, 1,000 levels of nesting, the browser on every hostile fixture, a
// flood of keys. `go test ./...` leaves them out so that it stays quick
// to run after every change; .ci/run runs them with
// `go test . ./notes ./ui ./ui/serve -args -long`.
var long = flag.Bool("long", false, "also run the scale and slow cases (.ci/run does)")

// skipUnlessLong skips a scale or slow case unless -long is given.
func skipUnlessLong(t *testing.T) {
	t.Helper()
	if !*long {
		t.Skip("a scale or slow case: run with -args -long (.ci/run does)")
	}
}

package ui

import "flag"

// long turns on the long runs: the chaos test's full number of events.
// `go test ./...` runs a tenth of them so that it stays quick to run after
// every change; .ci/run runs them all with `go test . ./notes ./ui ./ui/serve -args -long`.
var long = flag.Bool("long", false, "also run the long cases: the chaos test's full run (.ci/run does)")

package notes_test

import "flag"

// long turns on the full scale and oracle runs: the search oracle over
// all its random queries, a 10 MB line to parse, the snippet benchmarks
// at their full length. `go test ./...` runs smaller ones (the same
// checks) so that it stays quick to run after every change; .ci/run runs
// them with `go test . ./notes ./ui ./ui/serve -args -long`.
var long = flag.Bool("long", false, "also run the full scale and oracle cases (.ci/run does)")

// sizeFor is full under -long and short otherwise.
func sizeFor(short, full int) int {
	if *long {
		return full
	}
	return short
}

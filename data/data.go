// Package data carries the GolangUK 2016 talk notes inside the binary.
package data

import _ "embed"

// Name is the file name of the embedded notes, used in error positions.
const Name = "golanguk-2016.md"

//go:embed golanguk-2016.md
var notes []byte

// Notes returns the embedded notes markdown. The slice is shared: callers
// must not modify it.
func Notes() []byte { return notes }

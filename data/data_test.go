package data_test

import (
	"bytes"
	"testing"

	"github.com/golanguk/golanguk/data"
)

// The embedded copy must be byte for byte the shared notes file when the
// shared folder sits beside the repository: .ci/run compares them (no test
// reads outside the module).

func TestNotesNotEmpty(t *testing.T) {
	if !bytes.HasPrefix(bytes.TrimSpace(data.Notes()), []byte("# GolangUK talks notes")) {
		t.Fatalf("embedded notes do not start with the title: %q", data.Notes()[:40])
	}
}

package data_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/golanguk/golanguk/data"
)

// TestNotesMatchShared checks the embedded copy is byte for byte the shared
// notes file, when the shared folder sits beside the repository.
func TestNotesMatchShared(t *testing.T) {
	want, err := os.ReadFile("../../shared/notes/golanguk-2016.md")
	if err != nil {
		t.Skipf("shared notes not beside the repository: %v", err)
	}
	if !bytes.Equal(data.Notes(), want) {
		t.Fatalf("data/%s differs from ../shared/notes/golanguk-2016.md; copy it again", data.Name)
	}
}

func TestNotesNotEmpty(t *testing.T) {
	if !bytes.HasPrefix(bytes.TrimSpace(data.Notes()), []byte("# GolangUK talks notes")) {
		t.Fatalf("embedded notes do not start with the title: %q", data.Notes()[:40])
	}
}

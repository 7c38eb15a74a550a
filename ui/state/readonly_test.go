package state_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golanguk/golanguk/ui/state"
)

// writeGood leaves a state.json in dir with solid read.
func writeGood(t *testing.T, dir string) []byte {
	t.Helper()
	st := open(t, dir, state.Options{})
	st.File(notesPath, hash1, slugs).MarkRead(solid)
	flush(t, st)
	b, err := os.ReadFile(st.Path())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadOnly: the ReadOnly option (pick mode, --no-state) writes
// nothing at all, not even a directory or a corrupt file moved aside.
func TestReadOnly(t *testing.T) {
	t.Run("missing directory", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "golanguk")
		st := open(t, dir, state.Options{ReadOnly: true})
		st.File(notesPath, hash1, slugs).MarkRead(solid)
		if err := st.Flush(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("the state directory was made (stat: %v)", err)
		}
		if err := st.Clear(); err == nil {
			t.Error("Clear on a read-only store did not say it cleared nothing")
		}
	})
	t.Run("stored state", func(t *testing.T) {
		dir := t.TempDir()
		good := writeGood(t, dir)
		before := names(t, dir)
		st := open(t, dir, state.Options{ReadOnly: true})
		if !st.ReadOnly() {
			t.Error("ReadOnly() = false")
		}
		f := st.File(notesPath, hash1, slugs)
		if !f.IsRead(solid) {
			t.Error("the stored marks were not read")
		}
		f.MarkRead(gokit)
		if !f.IsRead(gokit) {
			t.Error("the session's mark is not kept in memory")
		}
		if wait, err := st.Save(); wait != 0 || err != nil {
			t.Errorf("Save = %v, %v; want 0, nil", wait, err)
		}
		flush(t, st)
		if b, _ := os.ReadFile(st.Path()); !bytes.Equal(b, good) {
			t.Error("state.json changed")
		}
		if after := names(t, dir); strings.Join(after, " ") != strings.Join(before, " ") {
			t.Errorf("directory changed from %q to %q", before, after)
		}
	})
	t.Run("corrupt", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "state.json"), []byte("{"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, warnings := state.Open(dir, state.Options{ReadOnly: true})
		if len(warnings) != 1 || !strings.Contains(warnings[0], "corrupt") || strings.Contains(warnings[0], "moved aside") {
			t.Errorf("warnings = %q, want one saying corrupt, not moved aside", warnings)
		}
		if got := names(t, dir); len(got) != 1 || got[0] != "state.json" {
			t.Errorf("directory holds %q, want state.json alone", got)
		}
	})
}

// TestUnwritable: a state directory that cannot be written gives one
// warning and a store that reads but writes nothing.
func TestUnwritable(t *testing.T) {
	t.Run("parent is a regular file", func(t *testing.T) {
		// Works as root too: nobody can make a directory under a file.
		file := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(file, []byte("not a directory"), 0o600); err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(file, "golanguk")
		st, warnings := state.Open(dir, state.Options{})
		if len(warnings) != 1 || !strings.Contains(warnings[0], "cannot write in") ||
			!strings.Contains(warnings[0], "will not be remembered") {
			t.Fatalf("warnings = %q, want one saying it cannot write", warnings)
		}
		assertPrintable(t, warnings[0])
		if !st.ReadOnly() {
			t.Error("ReadOnly() = false")
		}
		f := st.File(notesPath, hash1, slugs)
		f.MarkRead(solid)
		if err := st.Flush(); err != nil {
			t.Errorf("Flush = %v, want nil: nothing to do", err)
		}
		if !f.IsRead(solid) {
			t.Error("the session's mark is not kept in memory")
		}
		if b, _ := os.ReadFile(file); string(b) != "not a directory" {
			t.Error("the file in the way was changed")
		}
	})
	t.Run("chmod 0500", func(t *testing.T) {
		dir := t.TempDir()
		good := writeGood(t, dir)
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o700) })
		if f, err := os.Create(filepath.Join(dir, "probe")); err == nil {
			f.Close()
			os.Remove(filepath.Join(dir, "probe"))
			t.Skip("chmod 0500 does not stop this user writing (root?); the regular-file case covers unwritable directories")
		}
		// state.lock, left by writeGood, can still be opened: Open must
		// see that the directory itself is read-only.
		st, warnings := state.Open(dir, state.Options{})
		if len(warnings) != 1 || !strings.Contains(warnings[0], "cannot write in") {
			t.Fatalf("warnings = %q, want one saying it cannot write", warnings)
		}
		f := st.File(notesPath, hash1, slugs)
		if !f.IsRead(solid) {
			t.Error("the stored marks were not read")
		}
		f.MarkRead(gokit)
		flush(t, st)
		if b, _ := os.ReadFile(st.Path()); !bytes.Equal(b, good) {
			t.Error("state.json changed")
		}
	})
	t.Run("no directory", func(t *testing.T) {
		st, warnings := state.Open("", state.Options{})
		if len(warnings) != 1 || !st.ReadOnly() || st.Path() != "" {
			t.Errorf("Open(\"\"): warnings %q, ReadOnly %v, Path %q", warnings, st.ReadOnly(), st.Path())
		}
		st.File(notesPath, hash1, slugs).MarkRead(solid)
		if err := st.Flush(); err != nil {
			t.Error(err)
		}
	})
}

func TestWarningsAreSanitised(t *testing.T) {
	// A state directory named with escapes (from $XDG_STATE_HOME, say).
	file := filepath.Join(t.TempDir(), "\x1b[31mred\u202e\x07\xff\uFFFD")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, warnings := state.Open(filepath.Join(file, "golanguk"), state.Options{})
	if len(warnings) != 1 {
		t.Fatalf("warnings = %q", warnings)
	}
	assertPrintable(t, warnings[0])
	if !strings.Contains(warnings[0], `\x1b[31mred\u202e\a\xff�/`) {
		t.Errorf("warning %q does not show the name escaped", warnings[0])
	}
}

// TestUnreadable: a state file that exists but cannot be read is not
// overwritten: a warning, and a store that writes nothing.
func TestUnreadable(t *testing.T) {
	dir := t.TempDir()
	good := writeGood(t, dir)
	path := filepath.Join(dir, "state.json")
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	if f, err := os.Open(path); err == nil {
		f.Close()
		t.Skip("chmod 0 does not stop this user reading (root?)")
	}
	st, warnings := state.Open(dir, state.Options{})
	if len(warnings) != 1 || !strings.Contains(warnings[0], "permission denied") || !st.ReadOnly() {
		t.Fatalf("warnings = %q, ReadOnly %v; want one about permission, read-only", warnings, st.ReadOnly())
	}
	st.File(notesPath, hash1, slugs).MarkRead(gokit)
	flush(t, st)
	os.Chmod(path, 0o600)
	if b, _ := os.ReadFile(path); !bytes.Equal(b, good) {
		t.Error("the unreadable state.json was replaced")
	}
}

package state_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golanguk/golanguk/ui/state"
)

// FuzzLoad feeds arbitrary bytes to state.json. Loading never panics; a
// file that is accepted re-encodes within MaxSize to a fixed point (so
// what was accepted is a state this package could have written), and
// gives no warning; one that is refused gives exactly one printable
// warning and is moved aside.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"version": 1, "files": {}}`))
	f.Add([]byte(`{"version": 1, "files": {"/n.md": {"hash": "sha256:00", "used": 5, "talk": "a",
		"talk_at": 4, "list": {"query": "go kit", "rating": 3, "sort": "stars", "at": 2},
		"talks": {"a": {"read": true, "read_at": 1, "section": "intro", "line": 3, "pos_at": 1}}}}}`))
	f.Add([]byte(`{"version": 2}`))
	f.Add([]byte(`{"version": 1, "files": {"/n.md": {"talks": {"a": {"line": 1048577}}}}}`))
	f.Add([]byte(`{"version": 1, "files": {"/n.md": null}}`))
	f.Add([]byte(`{"version": 1, "files": {"/n.md": {"list": {"query": "\u202e"}}}}`))
	f.Add([]byte(`{"version": 1, "fi`))
	f.Add([]byte(`[]`))
	f.Add([]byte{})
	f.Add([]byte("\x00\xff\x1b[2J"))
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := state.Reencode(b)
		if err == nil {
			if len(out) > state.MaxSize {
				t.Fatalf("accepted state re-encodes to %d bytes", len(out))
			}
			again, err := state.Reencode(out)
			if err != nil {
				t.Fatalf("re-encoded state refused: %v\n%s", err, out)
			}
			if !bytes.Equal(again, out) {
				t.Fatalf("re-encoding is not a fixed point:\n%s\n%s", out, again)
			}
		}

		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "state.json"), b, 0o600); err != nil {
			t.Fatal(err)
		}
		st, warnings := state.Open(dir, state.Options{})
		for _, w := range warnings {
			assertPrintable(t, w)
		}
		switch {
		case err == nil && len(warnings) != 0:
			t.Fatalf("accepted state, but Open warned %q", warnings)
		case err != nil && len(warnings) != 1:
			t.Fatalf("refused state (%v), but Open warned %q", err, warnings)
		case err != nil && !strings.Contains(warnings[0], "newer golanguk"):
			if _, err := os.Stat(st.Path()); !os.IsNotExist(err) {
				t.Fatalf("refused state not moved aside: %q", warnings)
			}
		}
		fs := st.File("/n.md", "sha256:00", []string{"a", "b"})
		assertPrintable(t, fs.Talk())
		assertPrintable(t, fs.List().Query)
		assertPrintable(t, fs.Position("a").Section)
	})
}

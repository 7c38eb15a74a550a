package state_test

import (
	"strconv"
	"testing"

	"github.com/golanguk/golanguk/ui/state"
)

// benchDir leaves a state.json of files notes files with talks talks
// each, all read and positioned, in a new directory.
func benchDir(b *testing.B, files, talks int) (dir string, slugs []string) {
	dir = b.TempDir()
	slugs = make([]string, talks)
	for i := range slugs {
		slugs[i] = "talk-number-" + strconv.Itoa(i)
	}
	st, _ := state.Open(dir, state.Options{})
	for i := range files {
		f := st.File("/notes/"+strconv.Itoa(i)+".md", state.ContentHash([]byte{byte(i)}), slugs)
		for _, s := range slugs {
			f.MarkRead(s)
			f.SetPosition(s, state.Position{Section: "a-section-anchor", Line: 12})
		}
	}
	if err := st.Flush(); err != nil {
		b.Fatal(err)
	}
	return dir, slugs
}

// BenchmarkOpen is the cost of the state command at start-up: the
// golanguk notes (21 talks) alone, and a state near MaxSize.
func BenchmarkOpen(b *testing.B) {
	for _, bc := range []struct {
		name         string
		files, talks int
	}{{"files=1/talks=21", 1, 21}, {"files=10/talks=1000", 10, 1000}} {
		b.Run(bc.name, func(b *testing.B) {
			dir, slugs := benchDir(b, bc.files, bc.talks)
			b.ReportAllocs()
			for b.Loop() {
				st, w := state.Open(dir, state.Options{ReadOnly: true})
				if len(w) > 0 {
					b.Fatal(w)
				}
				st.File("/notes/0.md", state.ContentHash([]byte{0}), slugs)
			}
		})
	}
}

// BenchmarkSave is one write after one change: lock, read, merge, write,
// fsync, rename.
func BenchmarkSave(b *testing.B) {
	for _, bc := range []struct {
		name         string
		files, talks int
	}{{"files=1/talks=21", 1, 21}, {"files=10/talks=1000", 10, 1000}} {
		b.Run(bc.name, func(b *testing.B) {
			dir, slugs := benchDir(b, bc.files, bc.talks)
			st, _ := state.Open(dir, state.Options{MinInterval: -1})
			f := st.File("/notes/0.md", state.ContentHash([]byte{0}), slugs)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				f.SetPosition(slugs[0], state.Position{Line: i})
				i++
				if _, err := st.Save(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

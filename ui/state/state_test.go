package state_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golanguk/golanguk/ui/state"
)

func TestRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "golanguk") // made by Open
	st := open(t, dir, state.Options{})
	if got, want := st.Path(), filepath.Join(dir, "state.json"); got != want {
		t.Errorf("Path() = %q, want %q", got, want)
	}
	f := st.File(notesPath, hash1, slugs)
	if f.Edited() {
		t.Error("new file: Edited() = true")
	}
	f.MarkRead(solid)
	f.MarkRead(cloud)
	f.SetTalk(tricks)
	f.SetPosition(tricks, state.Position{Section: "line-of-sight", Line: 7})
	f.SetPosition(solid, state.Position{Section: "", Line: 2})
	f.SetList(state.ListView{Query: "cheney", Rating: 7, Sort: "stars"})
	flush(t, st)

	f = open(t, dir, state.Options{}).File(notesPath, hash1, slugs)
	if f.Edited() {
		t.Error("same hash: Edited() = true")
	}
	if got := f.Talk(); got != tricks {
		t.Errorf("Talk() = %q, want %q", got, tricks)
	}
	for _, tc := range []struct {
		slug string
		read bool
		pos  state.Position
	}{
		{solid, true, state.Position{Line: 2}},
		{gokit, false, state.Position{}},
		{tricks, false, state.Position{Section: "line-of-sight", Line: 7}},
		{cloud, true, state.Position{}},
		{testing7, false, state.Position{}},
	} {
		if got := f.IsRead(tc.slug); got != tc.read {
			t.Errorf("IsRead(%s) = %v, want %v", tc.slug, got, tc.read)
		}
		if got := f.Position(tc.slug); got != tc.pos {
			t.Errorf("Position(%s) = %+v, want %+v", tc.slug, got, tc.pos)
		}
	}
	if got := f.ReadCount(); got != 2 {
		t.Errorf("ReadCount() = %d, want 2", got)
	}
	if got, want := f.List(), (state.ListView{Query: "cheney", Rating: 7, Sort: "stars"}); got != want {
		t.Errorf("List() = %+v, want %+v", got, want)
	}

	// Other notes files in the same state are separate.
	other := open(t, dir, state.Options{}).File("/elsewhere.md", state.ContentHash([]byte("x")), slugs)
	if other.IsRead(solid) || other.Talk() != "" || other.List() != (state.ListView{}) {
		t.Errorf("another file sees this file's state: read %v, talk %q, list %+v", other.IsRead(solid), other.Talk(), other.List())
	}
}

func TestToggleAndUnread(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{})
	f := st.File(notesPath, hash1, slugs)
	if !f.ToggleRead(gokit) || !f.IsRead(gokit) {
		t.Fatal("ToggleRead on an unread talk: not read")
	}
	if f.ToggleRead(gokit) || f.IsRead(gokit) {
		t.Fatal("ToggleRead on a read talk: still read")
	}
	f.MarkRead(solid)
	flush(t, st)
	f.MarkUnread(solid)
	flush(t, st)
	if open(t, dir, state.Options{}).File(notesPath, hash1, slugs).IsRead(solid) {
		t.Error("MarkUnread did not reach the disk")
	}
	// A slug that is not in the file is ignored.
	f.MarkRead("not-a-talk")
	f.SetTalk("not-a-talk")
	if f.IsRead("not-a-talk") || f.Talk() == "not-a-talk" {
		t.Error("a slug outside the file was kept")
	}
}

func TestEditedFile(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{})
	f := st.File(notesPath, hash1, []string{solid, gokit, tricks})
	for _, s := range []string{solid, gokit, tricks} {
		f.MarkRead(s)
	}
	f.SetPosition(tricks, state.Position{Section: "embedding", Line: 3})
	f.SetPosition(gokit, state.Position{Section: "transports", Line: 1})
	f.SetTalk(tricks)
	f.SetList(state.ListView{Query: "go kit"})
	flush(t, st)

	// The file was edited: Applied Go kit is gone, Cloud in your Cloud is new.
	hash2 := state.ContentHash([]byte("edited"))
	st = open(t, dir, state.Options{})
	f = st.File(notesPath, hash2, []string{solid, tricks, cloud})
	if !f.Edited() {
		t.Error("new hash: Edited() = false")
	}
	for _, tc := range []struct {
		slug string
		read bool
		pos  state.Position
	}{
		{solid, true, state.Position{}},
		{tricks, true, state.Position{Section: "embedding", Line: 3}},
		{cloud, false, state.Position{}},
		{gokit, false, state.Position{}}, // gone
	} {
		if got := f.IsRead(tc.slug); got != tc.read {
			t.Errorf("IsRead(%s) = %v, want %v", tc.slug, got, tc.read)
		}
		if got := f.Position(tc.slug); got != tc.pos {
			t.Errorf("Position(%s) = %+v, want %+v", tc.slug, got, tc.pos)
		}
	}
	if got := f.ReadCount(); got != 2 {
		t.Errorf("ReadCount() = %d, want 2", got)
	}
	if f.Talk() != tricks || f.List().Query != "go kit" {
		t.Errorf("Talk() = %q, List() = %+v: want the talk and list kept", f.Talk(), f.List())
	}
	f.MarkRead(cloud)
	flush(t, st)

	// The gone talk is gone from the disk too: going back to the old
	// version does not bring its mark back.
	f = open(t, dir, state.Options{}).File(notesPath, hash1, []string{solid, gokit, tricks})
	if f.IsRead(gokit) || f.Position(gokit) != (state.Position{}) {
		t.Errorf("Applied Go kit: read %v at %+v after it was edited out", f.IsRead(gokit), f.Position(gokit))
	}
	if !f.IsRead(solid) || !f.IsRead(tricks) {
		t.Error("marks of the talks in both versions lost")
	}

	// The current talk is forgotten when it goes.
	f = open(t, dir, state.Options{}).File(notesPath, state.ContentHash([]byte("v3")), []string{solid})
	if f.Talk() != "" {
		t.Errorf("Talk() = %q after the talk was removed", f.Talk())
	}
}

func TestMovedFile(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{})
	st.File("/old/place.md", hash1, slugs).MarkRead(cloud)
	flush(t, st)
	f := open(t, dir, state.Options{}).File("/new/place.md", hash1, slugs)
	if !f.IsRead(cloud) || f.Edited() {
		t.Errorf("moved file: IsRead = %v, Edited = %v; want true, false", f.IsRead(cloud), f.Edited())
	}
}

func TestFresh(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{})
	f := st.File(notesPath, hash1, slugs)
	f.MarkRead(solid)
	f.SetTalk(solid)
	flush(t, st)

	st = open(t, dir, state.Options{Fresh: true})
	f = st.File(notesPath, hash1, slugs)
	if f.IsRead(solid) || f.Talk() != "" {
		t.Fatal("Fresh: the stored state was read")
	}
	f.MarkRead(gokit)
	flush(t, st)

	f = open(t, dir, state.Options{}).File(notesPath, hash1, slugs)
	if !f.IsRead(solid) || !f.IsRead(gokit) || f.Talk() != solid {
		t.Errorf("after a fresh session: solid read %v, gokit read %v, talk %q; want both read, talk kept",
			f.IsRead(solid), f.IsRead(gokit), f.Talk())
	}
}

func TestHostileValuesAreCleaned(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{})
	f := st.File(notesPath, hash1, slugs)
	f.SetList(state.ListView{Query: "\x1b]52;c;aGk=\x07go" + strings.Repeat("é", 400), Rating: 99, Sort: "\u202estars"})
	f.SetPosition(solid, state.Position{Section: "a\nb\x9b", Line: -5})
	flush(t, st)

	f = open(t, dir, state.Options{}).File(notesPath, hash1, slugs)
	l := f.List()
	assertPrintable(t, l.Query)
	if len(l.Query) > 256 || !strings.HasPrefix(l.Query, "]52;c;aGk=goé") {
		t.Errorf("Query = %q (%d bytes), want the printable part, at most 256 bytes", l.Query, len(l.Query))
	}
	if l.Rating != 10 || l.Sort != "stars" {
		t.Errorf("Rating, Sort = %d, %q; want 10, \"stars\"", l.Rating, l.Sort)
	}
	if got, want := f.Position(solid), (state.Position{Section: "ab", Line: 0}); got != want {
		t.Errorf("Position = %+v, want %+v", got, want)
	}
}

func TestSaveRateLimit(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	st := open(t, dir, state.Options{Now: c.Now})
	f := st.File(notesPath, hash1, slugs)
	path := st.Path()

	f.MarkRead(solid)
	if wait, err := st.Save(); wait != 0 || err != nil {
		t.Fatalf("first Save = %v, %v; want 0, nil", wait, err)
	}
	first := stat(t, path)

	c.Advance(300 * time.Millisecond)
	f.MarkRead(gokit)
	wait, err := st.Save()
	if wait != 700*time.Millisecond || err != nil {
		t.Fatalf("Save 300ms later = %v, %v; want 700ms, nil", wait, err)
	}
	if !os.SameFile(first, stat(t, path)) {
		t.Fatal("Save 300ms after a write wrote")
	}

	c.Advance(699 * time.Millisecond)
	if wait, _ := st.Save(); wait != time.Millisecond {
		t.Fatalf("Save 999ms later: wait %v, want 1ms", wait)
	}
	c.Advance(time.Millisecond)
	if wait, err := st.Save(); wait != 0 || err != nil {
		t.Fatalf("Save a second later = %v, %v; want 0, nil", wait, err)
	}
	second := stat(t, path)
	if os.SameFile(first, second) {
		t.Fatal("Save a second later did not write")
	}
	if !open(t, dir, state.Options{}).File(notesPath, hash1, slugs).IsRead(gokit) {
		t.Error("the deferred change was not written")
	}

	// Nothing changed: no write, however long it waits.
	c.Advance(time.Hour)
	if wait, err := st.Save(); wait != 0 || err != nil {
		t.Fatalf("Save with nothing changed = %v, %v", wait, err)
	}
	if !os.SameFile(second, stat(t, path)) {
		t.Fatal("Save wrote with nothing changed")
	}

	// Flush does not wait.
	f.MarkRead(cloud)
	flush(t, st)
	third := stat(t, path)
	if os.SameFile(second, third) {
		t.Fatal("Flush right after a change did not write")
	}
	f.MarkRead(tricks)
	flush(t, st)
	if os.SameFile(third, stat(t, path)) {
		t.Fatal("Flush right after a Flush did not write")
	}
}

func TestNothingChangedWritesNothing(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{})
	f := st.File(notesPath, hash1, slugs)
	f.IsRead(solid)
	f.Position(solid)
	f.List()
	f.MarkUnread(solid)                  // it was not read
	f.SetTalk("")                        // there was none
	f.SetList(state.ListView{})          // it was empty
	f.MarkRead("advanced-testing-in-go") // not a talk of the file
	if wait, err := st.Save(); wait != 0 || err != nil {
		t.Fatalf("Save = %v, %v", wait, err)
	}
	flush(t, st)
	if _, err := os.Stat(st.Path()); !os.IsNotExist(err) {
		t.Fatalf("state.json written with nothing changed (stat: %v)", err)
	}

	f.MarkRead(solid)
	f.SetTalk(solid)
	f.SetList(state.ListView{Query: "solid", Sort: "title"})
	f.SetPosition(solid, state.Position{Section: "the-solid-principles", Line: 4})
	flush(t, st)
	before := stat(t, st.Path())

	// The same values again, in this store and in a new one.
	for _, f := range []*state.FileState{f, open(t, dir, state.Options{}).File(notesPath, hash1, slugs)} {
		f.MarkRead(solid)
		f.SetTalk(solid)
		f.SetList(state.ListView{Query: "solid", Sort: "title"})
		f.SetPosition(solid, state.Position{Section: "the-solid-principles", Line: 4})
	}
	flush(t, st)
	// An edited file is not a change either, until something changes.
	st2 := open(t, dir, state.Options{})
	st2.File(notesPath, state.ContentHash([]byte("edited")), []string{gokit})
	flush(t, st2)
	if !os.SameFile(before, stat(t, st.Path())) {
		t.Fatal("state.json rewritten with the same values")
	}
}

// TestTwoStores is two browsers in one process: each write merges with the
// other's.
func TestTwoStores(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	a := open(t, dir, state.Options{Now: c.Now})
	b := open(t, dir, state.Options{Now: c.Now})
	fa := a.File(notesPath, hash1, slugs)
	fb := b.File(notesPath, hash1, slugs)

	fa.MarkRead(solid)
	fa.MarkRead(testing7)
	fa.SetPosition(tricks, state.Position{Section: "a", Line: 1})
	fa.SetList(state.ListView{Query: "from a"})
	c.Advance(time.Second)
	fb.MarkRead(gokit)
	fb.SetPosition(tricks, state.Position{Section: "b", Line: 2}) // newer
	flush(t, a)
	flush(t, b)
	c.Advance(time.Second)
	fa.MarkUnread(solid) // a unmarks, after b's write that carried nothing about it
	flush(t, a)
	c.Advance(time.Second)
	fb.MarkRead(cloud)
	flush(t, b) // b's memory still says nothing of solid, and must not revive it

	f := open(t, dir, state.Options{}).File(notesPath, hash1, slugs)
	for _, tc := range []struct {
		slug string
		read bool
	}{{solid, false}, {gokit, true}, {cloud, true}, {tricks, false}, {testing7, true}} {
		if got := f.IsRead(tc.slug); got != tc.read {
			t.Errorf("IsRead(%s) = %v, want %v", tc.slug, got, tc.read)
		}
	}
	if got, want := f.Position(tricks), (state.Position{Section: "b", Line: 2}); got != want {
		t.Errorf("Position(tricks) = %+v, want the newer %+v", got, want)
	}
	if got := f.List().Query; got != "from a" {
		t.Errorf("List().Query = %q, want a's (b never set one)", got)
	}
}

func TestClear(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{})
	f := st.File(notesPath, hash1, slugs)
	f.MarkRead(solid)
	flush(t, st)
	if err := st.Clear(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(st.Path()); !os.IsNotExist(err) {
		t.Errorf("state.json still there after Clear (stat: %v)", err)
	}
	if f.IsRead(solid) {
		t.Error("Clear: the store still remembers")
	}
	flush(t, st)
	if _, err := os.Stat(st.Path()); !os.IsNotExist(err) {
		t.Error("Flush after Clear wrote with nothing changed")
	}
	if open(t, dir, state.Options{}).File(notesPath, hash1, slugs).IsRead(solid) {
		t.Error("a new store remembers after Clear")
	}
}

func TestBounds(t *testing.T) {
	t.Run("files", func(t *testing.T) {
		dir := t.TempDir()
		c := newClock()
		st := open(t, dir, state.Options{Now: c.Now})
		path := func(i int) string { return "/notes/" + string(rune('a'+i/26)) + string(rune('a'+i%26)) + ".md" }
		for i := range state.MaxFiles + 5 {
			c.Advance(time.Second)
			st.File(path(i), state.ContentHash([]byte(path(i))), slugs).MarkRead(solid)
		}
		flush(t, st)
		st = open(t, dir, state.Options{})
		for i := range state.MaxFiles + 5 {
			if got, want := st.File(path(i), state.ContentHash([]byte(path(i))), slugs).IsRead(solid), i >= 5; got != want {
				t.Errorf("file %d: IsRead = %v, want %v (the 5 least recently used are forgotten)", i, got, want)
			}
		}
	})
	t.Run("size", func(t *testing.T) {
		// 10,000 talks with 200-byte slugs do not fit in MaxSize: the
		// most recently changed are kept, and the file stays readable.
		dir := t.TempDir()
		c := newClock()
		st := open(t, dir, state.Options{Now: c.Now})
		long := make([]string, state.MaxTalks)
		for i := range long {
			long[i] = strings.Repeat("x", 190) + "-" + strings.Repeat("0", 5-len(itoa(i))) + itoa(i)
		}
		f := st.File(notesPath, hash1, long)
		for _, s := range long {
			c.Advance(time.Millisecond)
			f.MarkRead(s)
		}
		flush(t, st)
		if size := stat(t, st.Path()).Size(); size > state.MaxSize {
			t.Fatalf("state.json is %d bytes, more than MaxSize", size)
		}
		f = open(t, dir, state.Options{}).File(notesPath, hash1, long)
		n := f.ReadCount()
		if n == 0 || n == len(long) {
			t.Errorf("ReadCount() = %d, want some but not all of %d", n, len(long))
		}
		if !f.IsRead(long[len(long)-1]) || f.IsRead(long[0]) {
			t.Error("the newest mark was dropped, or the oldest kept")
		}
	})
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// TestCorrupt: a state.json that is not one this package wrote is moved
// aside, with one warning, and the store starts fresh and works.
func TestCorrupt(t *testing.T) {
	good := func(t *testing.T) []byte {
		dir := t.TempDir()
		st := open(t, dir, state.Options{})
		f := st.File(notesPath, hash1, slugs)
		f.MarkRead(solid)
		f.SetList(state.ListView{Query: "solid"})
		flush(t, st)
		b, err := os.ReadFile(st.Path())
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	garbage := make([]byte, 10<<20)
	r := rand.NewChaCha8([32]byte{1})
	r.Read(garbage)

	for _, tc := range []struct {
		name   string
		bytes  func(t *testing.T) []byte // nil: make a directory
		reason string                    // in the warning
	}{
		{"truncated JSON", func(t *testing.T) []byte { b := good(t); return b[:len(b)/2] }, "unexpected end of JSON"},
		{"zero bytes", func(*testing.T) []byte { return nil }, "empty"},
		{"directory", nil, "a directory"},
		{"10 MB of garbage", func(*testing.T) []byte { return garbage }, "larger than"},
		{"just over MaxSize of spaces", func(*testing.T) []byte { return bytes.Repeat([]byte(" "), state.MaxSize+1) }, "larger than"},
		{"an array", func(*testing.T) []byte { return []byte(`[1, 2, 3]`) }, "cannot unmarshal array"},
		{"no version", func(*testing.T) []byte { return []byte(`{"files": {}}`) }, "version 0"},
		{"version a string", func(*testing.T) []byte { return []byte(`{"version": "1"}`) }, "cannot unmarshal string"},
		{"files a number", func(*testing.T) []byte { return []byte(`{"version": 1, "files": 3}`) }, "cannot unmarshal number"},
		{"null file", func(*testing.T) []byte { return []byte(`{"version": 1, "files": {"/a.md": null}}`) }, "null"},
		{"read a string", func(*testing.T) []byte {
			return []byte(`{"version": 1, "files": {"/a.md": {"talks": {"x": {"read": "yes"}}}}}`)
		}, "cannot unmarshal string"},
		{"negative line", func(*testing.T) []byte {
			return []byte(`{"version": 1, "files": {"/a.md": {"talks": {"x": {"line": -4}}}}}`)
		}, "line -4"},
		{"rating out of range", func(*testing.T) []byte {
			return []byte(`{"version": 1, "files": {"/a.md": {"list": {"rating": 11}}}}`)
		}, "rating 11"},
		{"escape in the query", func(*testing.T) []byte {
			return []byte(`{"version": 1, "files": {"/a.md": {"list": {"query": "\u001b[2J"}}}}`)
		}, `\x1b[2J`},
		{"trailing data", func(t *testing.T) []byte { return append(good(t), "{}"...) }, "after top-level value"},
		{"invalid UTF-8", func(*testing.T) []byte { return []byte("{\"version\": 1, \"files\": {\"/a\xff.md\": {}}}") }, "not printable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "state.json")
			var want []byte
			if tc.bytes == nil {
				if err := os.MkdirAll(filepath.Join(path, "inside"), 0o700); err != nil {
					t.Fatal(err)
				}
			} else {
				want = tc.bytes(t)
				if err := os.WriteFile(path, want, 0o600); err != nil {
					t.Fatal(err)
				}
			}

			st, warnings := state.Open(dir, state.Options{})
			if len(warnings) != 1 {
				t.Fatalf("warnings = %q, want one", warnings)
			}
			w := warnings[0]
			assertPrintable(t, w)
			for _, part := range []string{"corrupt", tc.reason, "moved aside to state.json.bad-", "starting fresh"} {
				if !strings.Contains(w, part) {
					t.Errorf("warning %q does not say %q", w, part)
				}
			}
			bad := withPrefix(names(t, dir), "state.json.bad-")
			if len(bad) != 1 || !strings.Contains(w, bad[0]) {
				t.Fatalf("moved-aside files %q, warning %q", bad, w)
			}
			if _, err := os.Lstat(path); !os.IsNotExist(err) {
				t.Errorf("state.json still there (lstat: %v)", err)
			}
			if tc.bytes == nil {
				if fi := stat(t, filepath.Join(dir, bad[0])); !fi.IsDir() {
					t.Error("the directory was not moved aside whole")
				}
			} else if got, err := os.ReadFile(filepath.Join(dir, bad[0])); err != nil || !bytes.Equal(got, want) {
				t.Errorf("moved-aside file differs from the corrupt one (%d bytes, want %d; %v)", len(got), len(want), err)
			}

			f := st.File(notesPath, hash1, slugs)
			if f.IsRead(solid) || f.List() != (state.ListView{}) {
				t.Error("not fresh")
			}
			f.MarkRead(gokit)
			flush(t, st)
			if f := open(t, dir, state.Options{}).File(notesPath, hash1, slugs); !f.IsRead(gokit) {
				t.Error("the fresh state was not saved")
			}
		})
	}
}

func TestCorruptWhileRunning(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{})
	f := st.File(notesPath, hash1, slugs)
	f.MarkRead(solid)
	flush(t, st)
	if err := os.WriteFile(st.Path(), []byte("{\"version\": 1, \"fil"), 0o600); err != nil {
		t.Fatal(err)
	}
	f.MarkRead(gokit)
	err := st.Flush()
	if err == nil || !strings.Contains(err.Error(), "moved aside to state.json.bad-") {
		t.Fatalf("Flush over a corrupt file = %v, want a warning that it was moved aside", err)
	}
	f = open(t, dir, state.Options{}).File(notesPath, hash1, slugs)
	if !f.IsRead(solid) || !f.IsRead(gokit) {
		t.Error("the session's state was not written after moving the corrupt file aside")
	}
}

func TestMovedAsideAreBounded(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	for i := range 6 {
		c.Advance(time.Second)
		if err := os.WriteFile(filepath.Join(dir, "state.json"), []byte{byte('a' + i)}, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, w := state.Open(dir, state.Options{Now: c.Now}); len(w) != 1 {
			t.Fatalf("round %d: warnings %q", i, w)
		}
	}
	bad := withPrefix(names(t, dir), "state.json.bad-")
	if len(bad) != 3 {
		t.Fatalf("moved-aside files %q, want the 3 newest", bad)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, bad[2])); string(b) != "f" {
		t.Errorf("newest moved-aside file holds %q, want \"f\"", b)
	}
}

func TestNewerVersion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	newer := []byte(`{"version": 2, "files": {"/a.md": {"shape": "unknown"}}}`)
	if err := os.WriteFile(path, newer, 0o600); err != nil {
		t.Fatal(err)
	}
	st, warnings := state.Open(dir, state.Options{})
	if len(warnings) != 1 || !strings.Contains(warnings[0], "newer golanguk") {
		t.Fatalf("warnings = %q, want one about a newer golanguk", warnings)
	}
	if !st.ReadOnly() {
		t.Error("a store over a newer file writes")
	}
	st.File(notesPath, hash1, slugs).MarkRead(solid)
	flush(t, st)
	if b, _ := os.ReadFile(path); !bytes.Equal(b, newer) {
		t.Error("the newer file was changed")
	}
}

func TestStaleTempFiles(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{})
	st.File(notesPath, hash1, slugs).MarkRead(solid)
	flush(t, st)
	stale := filepath.Join(dir, "state.json.tmp-123456")
	if err := os.WriteFile(stale, []byte(`{"version": 1, "files": {"/a.md"`), 0o600); err != nil {
		t.Fatal(err)
	}
	f := open(t, dir, state.Options{}).File(notesPath, hash1, slugs)
	if !f.IsRead(solid) {
		t.Error("the complete file was not read")
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the stale temporary file was not removed")
	}
}

// TestClockGoesBack: a change always wins over the value it replaced,
// even when the clock was set back in between.
func TestClockGoesBack(t *testing.T) {
	dir := t.TempDir()
	c := newClock()
	st := open(t, dir, state.Options{Now: c.Now})
	f := st.File(notesPath, hash1, slugs)
	f.MarkRead(solid)
	f.SetTalk(solid)
	flush(t, st)
	c.Advance(-time.Hour)
	f.MarkUnread(solid)
	f.SetTalk(gokit)
	flush(t, st)
	f = open(t, dir, state.Options{}).File(notesPath, hash1, slugs)
	if f.IsRead(solid) || f.Talk() != gokit {
		t.Errorf("after the clock went back: IsRead = %v, Talk = %q; want false, %q", f.IsRead(solid), f.Talk(), gokit)
	}
}

// TestNoSlugs: File without slugs (a caller's mistake, or a file without
// talks) forgets nothing, on disk either, and sets nothing.
func TestNoSlugs(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{})
	st.File(notesPath, hash1, slugs).MarkRead(solid)
	flush(t, st)

	st = open(t, dir, state.Options{})
	f := st.File(notesPath, hash1, nil)
	if !f.IsRead(solid) {
		t.Error("File without slugs forgot a mark")
	}
	f.MarkRead(gokit)
	f.SetList(state.ListView{Query: "kit"})
	flush(t, st)
	if err := st.Clear(); err != nil {
		t.Fatal(err)
	}
	f.SetList(state.ListView{Query: "after clear"})
	flush(t, st)

	f = open(t, dir, state.Options{}).File(notesPath, hash1, slugs)
	if f.IsRead(gokit) || f.IsRead(solid) || f.List().Query != "after clear" {
		t.Errorf("gokit read %v, solid read %v, query %q; want false, false (cleared), \"after clear\"",
			f.IsRead(gokit), f.IsRead(solid), f.List().Query)
	}
}

// TestConcurrentUse: a save command may run while Update calls setters
// (run with -race).
func TestConcurrentUse(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{MinInterval: -1})
	many := make([]string, 200)
	for i := range many {
		many[i] = "talk-" + itoa(i)
	}
	f := st.File(notesPath, hash1, many)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 20 {
			if _, err := st.Save(); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for i, s := range many {
		f.MarkRead(s)
		f.SetPosition(s, state.Position{Line: i})
		f.IsRead(s)
		f.ReadCount()
	}
	<-done
	flush(t, st)
	if got := open(t, dir, state.Options{}).File(notesPath, hash1, many).ReadCount(); got != len(many) {
		t.Errorf("ReadCount() = %d, want %d", got, len(many))
	}
}

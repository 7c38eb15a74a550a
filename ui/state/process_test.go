package state_test

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/golanguk/golanguk/ui/state"
)

// TestTwoProcesses runs two helper processes at once, each marking its
// own talks and writing after every mark; no mark may be lost.
func TestTwoProcesses(t *testing.T) {
	dir := t.TempDir()
	const n = 40
	var cmds []*exec.Cmd
	var gos []io.WriteCloser
	for _, prefix := range []string{"a", "b"} {
		cmd := startHelper(t, "mark", dir, prefix, n)
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, gos = append(cmds, cmd), append(gos, in)
	}
	for _, in := range gos {
		in.Close() // go
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("helper: %v\n%s", err, helperStderr(cmd))
		}
	}

	f := open(t, dir, state.Options{}).File(notesPath, hash1, helperSlugs(n))
	for _, prefix := range []string{"a", "b"} {
		for k := range n {
			if slug := prefix + "-" + strconv.Itoa(k); !f.IsRead(slug) {
				t.Errorf("%s lost", slug)
			}
		}
	}
	if got := f.ReadCount(); got != 2*n {
		t.Errorf("ReadCount() = %d, want %d", got, 2*n)
	}
	if p := f.Position("shared"); p.Line != n-1 {
		t.Errorf("Position(shared) = %+v, want one helper's last, line %d", p, n-1)
	}
	if tmp := withPrefix(names(t, dir), "state.json.tmp-"); len(tmp) > 0 {
		t.Errorf("temporary files left: %q", tmp)
	}
}

// TestCrashBeforeRename kills a helper process after it wrote and synced
// its temporary file but before the rename: the old file is whole, the
// next Open reads it and removes the temporary file, and the lock died
// with the process.
func TestCrashBeforeRename(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir, state.Options{})
	st.File(notesPath, hash1, slugs).MarkRead(solid)
	flush(t, st)
	old, err := os.ReadFile(st.Path())
	if err != nil {
		t.Fatal(err)
	}

	cmd := startHelper(t, "crash", dir, "", 0)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(out).ReadString('\n')
		line <- s
	}()
	select {
	case s := <-line:
		if s != "renaming\n" {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("helper said %q, want \"renaming\"\n%s", s, helperStderr(cmd))
		}
	case <-time.After(20 * time.Second): // a guard against a hang, not a measurement
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper never reached the rename\n%s", helperStderr(cmd))
	}
	cmd.Process.Kill()
	cmd.Wait()

	tmp := withPrefix(names(t, dir), "state.json.tmp-")
	if len(tmp) != 1 {
		t.Fatalf("temporary files after the crash: %q, want the helper's one", tmp)
	}
	if b, err := os.ReadFile(filepath.Join(dir, tmp[0])); err != nil || !bytes.Contains(b, []byte(gokit)) {
		t.Fatalf("the helper's temporary file does not hold its mark (%v): the crash came too early", err)
	}
	if now, _ := os.ReadFile(st.Path()); !bytes.Equal(now, old) {
		t.Fatalf("state.json changed by a write that never renamed:\n%s", now)
	}

	st = open(t, dir, state.Options{LockTimeout: time.Second})
	f := st.File(notesPath, hash1, slugs)
	if !f.IsRead(solid) || f.IsRead(gokit) {
		t.Errorf("after the crash: solid read %v, gokit read %v; want the old file: true, false", f.IsRead(solid), f.IsRead(gokit))
	}
	if tmp := withPrefix(names(t, dir), "state.json.tmp-"); len(tmp) > 0 {
		t.Errorf("Open left the stale temporary files %q", tmp)
	}
	f.MarkRead(cloud)
	if err := st.Flush(); err != nil {
		t.Errorf("Flush after the crash: %v (the dead helper's lock?)", err)
	}
}

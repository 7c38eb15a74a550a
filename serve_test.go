package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

// TestServeCommands runs golanguk serve and gives it commands over SSH,
// as `ssh -p PORT host list` does: their output and exit statuses come
// back, and what would reach the server's files or programs is refused.
func TestServeCommands(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(golangukBinary(t), "serve", "--listen", addr)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "XDG_STATE_HOME=" + t.TempDir()}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(stderr)
	for lines.Scan() && !strings.Contains(lines.Text(), "msg=listening") {
	}
	go func() {
		for lines.Scan() {
		}
	}()
	client, err := ssh.Dial("tcp", addr, &ssh.ClientConfig{
		User:            "anyone",
		Auth:            []ssh.AuthMethod{ssh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })},
		HostKeyCallback: ssh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	run := func(command string) (string, string, int) {
		s, err := client.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var out, errs strings.Builder
		s.Stdout, s.Stderr = &out, &errs
		err = s.Run(command)
		var ee *ssh.ExitError
		switch {
		case err == nil:
			return out.String(), errs.String(), 0
		case errors.As(err, &ee):
			return out.String(), errs.String(), ee.ExitStatus()
		}
		t.Fatalf("%s: %v", command, err)
		return "", "", -1
	}
	for _, c := range []struct {
		command, out, errs string
		code               int
	}{
		{"list", "1\t8\tkeynote-solid-go-design\t", "", 0},
		{"show 19 --format markdown", "# Seven ways to profile Go applications", "", 0},
		{"show zzzz", "", `no talk matches "zzzz"`, 1},
		{"list --notes /etc/passwd", "", "--notes is not for a session", 2},
		{"show 1 --style /etc/passwd", "", `--style "/etc/passwd" is not for a session`, 2},
		{"show 1 --style=/etc/passwd", "", `--style "/etc/passwd" is not for a session`, 2},
		{"show 1 -s/etc/passwd", "", `--style "/etc/passwd" is not for a session`, 2},
		{"show 1 -as/etc/passwd", "", `--style "/etc/passwd" is not for a session`, 2},
		{"show 1 -s dark --format ansi", "Dave Cheney", "", 0},
		{"list --notes=/etc/passwd", "", "--notes is not for a session", 2},
		{"--notes=/etc/passwd list", "", "a session may run list, show, about", 2},
		{"rm -rf /", "", "a session may run list, show, about", 2},
		{"serve", "", "a session may run list, show, about", 2},
	} {
		out, errs, code := run(c.command)
		if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errs, c.errs) {
			t.Errorf("ssh host %s: exit %d, stdout %.80q, stderr %q; want exit %d, %q, %q", c.command, code, out, errs, c.code, c.out, c.errs)
		}
	}
	out, _, _ := run("list")
	if n := strings.Count(out, "\n"); n != 21 {
		t.Errorf("list over SSH printed %d talks, want 21", n)
	}
	// SIGTERM: the server stops cleanly.
	client.Close()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after SIGTERM: %v, want exit 0", err)
		}
	case <-time.After(time.Minute): // a hang guard
		t.Fatal("serve did not stop on SIGTERM")
	}
}

// startServeBinary runs golanguk serve on a free loopback port with args
// and the state directory given, and returns its address and the
// fingerprint its "listening" line logged. The rest of its log goes to
// lines.
func startServeBinary(t *testing.T, state string, lines chan<- string, args ...string) (cmd *exec.Cmd, addr, fingerprint string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skip(err)
	}
	addr = ln.Addr().String()
	ln.Close()
	cmd = exec.Command(golangukBinary(t), append([]string{"serve", "--listen", addr}, args...)...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "XDG_STATE_HOME=" + state}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if l := sc.Text(); strings.Contains(l, "msg=listening") {
			for _, f := range strings.Fields(l) {
				if v, ok := strings.CutPrefix(f, "fingerprint="); ok {
					fingerprint = v
				}
			}
			break
		}
	}
	go func() {
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
	}()
	return cmd, addr, fingerprint
}

// waitServeExit waits for cmd to exit, at most 10 s, the time serve has to
// end its sessions.
func waitServeExit(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve exited with %v, want 0", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve still running 10 s after SIGTERM")
	}
}

// TestServeSignals sends the built server its signals with a session
// open: SIGHUP brings the session the notes as changed on disk, SIGTERM
// ends it with its terminal restored, and a restart keeps the host key.
func TestServeSignals(t *testing.T) {
	state := t.TempDir()
	notesFile := filepath.Join(t.TempDir(), "notes.md")
	talk := "\n## %s\n> Ann Speaker\n\n:five: :star: :star: :star: :star: :star:\n\n- notes\n"
	if err := os.WriteFile(notesFile, []byte("# Live notes\n"+fmt.Sprintf(talk, "Opening keynote")), 0o600); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 100)
	cmd, addr, fp := startServeBinary(t, state, lines, "--notes", notesFile)
	if !strings.HasPrefix(fp, "SHA256:") {
		t.Fatalf("no fingerprint logged: %q", fp)
	}
	tm := openSSHTerm(t, sshDial(t, addr), 100, 30)
	tm.waitText("1 of 1 talks", "Opening keynote")

	f, err := os.OpenFile(notesFile, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, talk, "Lightning talks")
	f.Close()
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	tm.waitText("2 of 2 talks", "Lightning talks", "+1 talk")

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if st := tm.wait(); st != 1 {
		t.Errorf("session after SIGTERM: exit %d, want 1", st)
	}
	tm.checkRestored()
	if raw := tm.rawText(); !strings.Contains(raw[strings.LastIndex(raw, seqAltOff):], "server restarting") {
		t.Error("no \"server restarting\" after the restore")
	}
	waitServeExit(t, cmd)

	// A restart with the same state directory: the same key.
	again, _, fp2 := startServeBinary(t, state, lines)
	if fp2 != fp {
		t.Errorf("after a restart the fingerprint is %q, was %q", fp2, fp)
	}
	if err := again.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitServeExit(t, again)
}

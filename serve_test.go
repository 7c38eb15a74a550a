package main

import (
	"bufio"
	"errors"
	"net"
	"os"
	"os/exec"
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

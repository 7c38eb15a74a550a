package serve_test

import (
	"bytes"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"github.com/golanguk/golanguk/ui/serve"
)

// TestOpenSSH runs the real ssh client (Debian's openssh-client) in a
// pty against the server: the screen, a resize, q, and the terminal it
// leaves behind.
func TestOpenSSH(t *testing.T) {
	sshPath, err := exec.LookPath("ssh")
	if err != nil {
		t.Skip("no ssh client here (apt-get install openssh-client): skipping the end-to-end test")
	}
	ts := startServer(t, serve.Config{})
	_, port, _ := net.SplitHostPort(ts.addr)

	cmd := exec.Command(sshPath, "-tt", "-p", port, "-F", "/dev/null",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
		"-o", "LogLevel=ERROR", "127.0.0.1")
	// A home of its own: no keys or config of whoever runs the tests.
	cmd.Env = []string{"HOME=" + t.TempDir(), "TERM=xterm-256color", "PATH=" + os.Getenv("PATH")}
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Fatal(err)
	}
	defer ptmx.Close()

	var mu sync.Mutex
	var raw bytes.Buffer
	emu := vt.NewEmulator(100, 30)
	go io.Copy(io.Discard, emu)
	defer emu.InputPipe().(*io.PipeWriter).Close()
	eof := make(chan struct{})
	go func() {
		defer close(eof)
		buf := make([]byte, 32<<10)
		for {
			n, err := ptmx.Read(buf)
			mu.Lock()
			raw.Write(buf[:n])
			emu.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	waitFor := func(text string) {
		t.Helper()
		deadline := time.Now().Add(waitLimit)
		for {
			mu.Lock()
			s := emu.String()
			mu.Unlock()
			if strings.Contains(s, text) {
				return
			}
			if time.Now().After(deadline) {
				mu.Lock()
				t.Fatalf("screen never showed %q; output %q\nlog:\n%s", text, raw.String(), ts.log)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}

	waitFor("size 80x24 keys 0")
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 30, Cols: 100}); err != nil {
		t.Fatal(err)
	}
	waitFor("size 100x30")
	if _, err := ptmx.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("ssh after q: %v, want exit 0", err)
		}
	case <-time.After(waitLimit):
		cmd.Process.Kill()
		t.Fatal("ssh did not exit after q")
	}
	select {
	case <-eof:
	case <-time.After(waitLimit):
	}
	mu.Lock()
	defer mu.Unlock()
	out := raw.String()
	i := strings.LastIndex(out, altScreenOn)
	if i < 0 {
		t.Fatalf("never in the alternate screen: %q", out)
	}
	for _, seq := range []string{altScreenOff, mouseOff, cursorOn} {
		if !strings.Contains(out[i:], seq) {
			t.Errorf("ssh's terminal did not get %q after the last frame: %q", seq, out[i:])
		}
	}
	if emu.IsAltScreen() || emu.CursorHidden() {
		t.Error("ssh's terminal left in the alternate screen or with the cursor hidden")
	}
	ts.log.waitLog(t, "session end", "kind=pty", "exit=0")
}

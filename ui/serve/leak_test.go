package serve_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"net"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/golanguk/golanguk/ui/serve"
)

func TestNoGoroutineLeak(t *testing.T) {
	before := runtime.NumGoroutine()

	ts := startServer(t, serve.Config{
		MaxSessions: 3, MaxPerIP: 3,
		HandshakeTimeout: 100 * time.Millisecond,
		Program:          sizeProgram,
		Command: func(_ context.Context, args, _ []string, stdout, _ io.Writer) int {
			io.WriteString(stdout, strings.Join(args, " "))
			return 0
		},
	})
	var clients []*gossh.Client
	var terms []*term
	for range 3 {
		c := dial(t, ts.addr)
		clients = append(clients, c)
		tm := openTerm(t, c, termOpts{w: 40, h: 10})
		tm.waitScreen("size 40x10")
		terms = append(terms, tm)
	}
	terms[0].send("q") // one quits, the others are ended by Shutdown
	if st := terms[0].wait(); st != 0 {
		t.Errorf("exit %d", st)
	}
	// With three open again, a fourth is refused.
	extra := dial(t, ts.addr)
	tm := openTermWhenFree(t, extra, termOpts{w: 40, h: 10})
	tm.waitScreen("size 40x10")
	terms = append(terms, tm)
	if _, errOut, st := run(t, extra, "about"); st != 1 || !strings.Contains(errOut, "too many sessions") {
		t.Errorf("fourth session: %q, %d", errOut, st)
	}
	clients = append(clients, extra)
	terms[1].send("q")
	terms[1].wait()
	deadline := time.Now().Add(waitLimit)
	for {
		out, _, st := run(t, clients[1], "about")
		if out == "about" && st == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("command: %q, %d", out, st)
		}
		time.Sleep(5 * time.Millisecond)
	}
	// A connection that never shakes hands.
	raw, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	io.ReadAll(raw) // until the handshake timeout closes it
	raw.Close()

	if err := ts.stop(t); err != nil {
		t.Fatal(err)
	}
	for _, tm := range terms[2:] {
		tm.wait()
	}
	for _, c := range clients {
		c.Close()
	}
	for _, tm := range terms {
		tm.closeEmu()
	}

	deadline = time.Now().Add(waitLimit)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			var b strings.Builder
			pprof.Lookup("goroutine").WriteTo(&b, 1)
			t.Fatalf("%d goroutines before, %d after every session ended:\n%s", before, runtime.NumGoroutine(), b.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestKeyFingerprintLogged(t *testing.T) {
	ts := startServer(t, serve.Config{Command: func(context.Context, []string, []string, io.Writer, io.Writer) int { return 0 }})
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	cfg := clientConfig()
	cfg.Auth = []gossh.AuthMethod{gossh.PublicKeys(signer)}
	c, err := gossh.Dial("tcp", ts.addr, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, _, st := run(t, c, "about"); st != 0 {
		t.Fatalf("exit %d", st)
	}
	fp := gossh.FingerprintSHA256(signer.PublicKey())
	ts.log.waitLog(t, "session start", "key="+fp)
	ts.log.waitLog(t, "session end", "key="+fp, "exit=0")
	// The username is the client's say-so: it is never logged.
	if log := ts.log.String(); strings.Contains(log, "rm -rf") {
		t.Errorf("the username reached the log:\n%s", log)
	}
}

// TestNoGoroutineLeakTypeAhead has clients type past their q, and leave
// half an escape sequence as their connection goes: input read after a
// program has ended must not hold anything.
func TestNoGoroutineLeakTypeAhead(t *testing.T) {
	before := runtime.NumGoroutine()
	ts := startServer(t, serve.Config{})
	var clients []*gossh.Client
	var terms []*term
	for _, keys := range []string{"q" + strings.Repeat("k", 500), "kk\x1b[", "k\x1b"} {
		c := dial(t, ts.addr)
		clients = append(clients, c)
		tm := openTerm(t, c, termOpts{w: 40, h: 10})
		tm.waitScreen("size 40x10")
		tm.send(keys)
		terms = append(terms, tm)
	}
	terms[0].wait()
	for _, c := range clients[1:] {
		c.Close()
	}
	ts.log.waitLog(t, "session end", `reason="client gone"`)
	if err := ts.stop(t); err != nil {
		t.Fatal(err)
	}
	for _, c := range clients {
		c.Close()
	}
	for _, tm := range terms {
		tm.closeEmu()
	}
	deadline := time.Now().Add(waitLimit)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			var b strings.Builder
			pprof.Lookup("goroutine").WriteTo(&b, 1)
			t.Fatalf("%d goroutines before, %d after every session ended:\n%s", before, runtime.NumGoroutine(), b.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

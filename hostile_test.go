package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/golanguk/golanguk/ui"
)

// Hostile notes files against the built binary: every fixture under
// testdata/hostile, big files generated here, and files that cannot be
// read. Each one loads or fails with one clear line on stderr and exit
// code 2; none crashes or hangs; and no output format carries an escape
// sequence that did not come from our own styling (see escapes_test.go).

// hangGuard bounds every run of the binary. It is no performance
// assertion: a run that takes this long is stuck.
const hangGuard = time.Minute

// hostileBinary is the program built once for these tests (see
// golangukBinary), in a directory any user may enter: a test runs it as
// another user.
func hostileBinary(t *testing.T) string {
	t.Helper()
	bin := golangukBinary(t)
	if err := os.Chmod(filepath.Dir(bin), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

// result is what one run of the binary did.
type result struct {
	args           []string
	stdout, stderr string
	code           int
	elapsed        time.Duration
}

func (r result) String() string {
	return fmt.Sprintf("golanguk %s: exit %d", strings.Join(r.args, " "), r.code)
}

// runBinary runs the binary with args and env added to a clean
// environment, stdin empty, stdout and stderr captured (so not a terminal).
func runBinary(t *testing.T, env []string, args ...string) result {
	t.Helper()
	return runBinaryCmd(t, nil, env, args...)
}

func runBinaryCmd(t *testing.T, attr *syscall.SysProcAttr, env []string, args ...string) result {
	t.Helper()
	return runProgram(t, hostileBinary(t), attr, env, args...)
}

// runHostile runs the command line as runBinary does, but inside the
// test process (the app main makes, its streams buffers, its environment
// env added to a clean one) unless -long says to run the binary: each run
// of the binary costs about 45 ms of CPU, most of it its dependencies'
// init, and the fixtures take about 150 runs. A run that panics fails the
// whole test binary, loudly; one that hangs fails the test after hangGuard.
func runHostile(t *testing.T, env []string, args ...string) result {
	t.Helper()
	if *long {
		return runBinary(t, env, args...)
	}
	environ := append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir(), "XDG_STATE_HOME=" + t.TempDir(), "TERM=xterm-256color", "LANG=C.UTF-8"}, env...)
	if slices.ContainsFunc(environ, func(kv string) bool { return strings.HasPrefix(kv, "NO_COLOR=") && kv != "NO_COLOR=" }) {
		// As main does: NO_COLOR wins over CLICOLOR_FORCE.
		environ = slices.DeleteFunc(environ, func(kv string) bool { return strings.HasPrefix(kv, "CLICOLOR_FORCE=") })
	}
	var stdout, stderr bytes.Buffer
	a := &app{term: ui.DetectTerminal(strings.NewReader(""), &stdout, environ), stderr: &stderr}
	done := make(chan int, 1)
	start := time.Now()
	go func() { done <- a.run(context.Background(), append([]string{}, args...)) }()
	var code int
	select {
	case code = <-done:
	case <-time.After(hangGuard):
		t.Fatalf("golanguk %s: still running after %v: hung", strings.Join(args, " "), hangGuard)
	}
	return result{args: args, stdout: stdout.String(), stderr: stderr.String(), code: code, elapsed: time.Since(start)}
}

// runProgram runs prog (the binary, or a shell that runs it) as
// runBinaryCmd does.
func runProgram(t *testing.T, prog string, attr *syscall.SysProcAttr, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.TempDir(), "XDG_STATE_HOME=" + t.TempDir(), "TERM=xterm-256color", "LANG=C.UTF-8"}, env...)
	cmd.Stdin = strings.NewReader("")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.SysProcAttr = attr
	start := time.Now()
	err := cmd.Run()
	r := result{args: args, stdout: stdout.String(), stderr: stderr.String(), elapsed: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("golanguk %s: still running after %v: hung", strings.Join(args, " "), hangGuard)
	}
	r.code = cmd.ProcessState.ExitCode()
	if err != nil && r.code < 0 {
		t.Fatalf("%s: %v (killed by a signal?)\nstderr: %s", r, err, r.stderr)
	}
	if strings.Contains(r.stderr, "panic:") || strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "fatal error:") {
		t.Fatalf("%s crashed:\n%s", r, trunc(r.stderr))
	}
	return r
}

// wantLoadFailure checks that r is the one clear failure the issue asks
// for: exit 2, nothing on stdout, one line on stderr naming the file.
func wantLoadFailure(t *testing.T, r result, file string) {
	t.Helper()
	if r.code != 2 {
		t.Errorf("%s, want exit 2; stderr %q", r, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("%s: stdout %q, want nothing", r, trunc(r.stdout))
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != 1 || lines[0] == "" || !strings.HasSuffix(r.stderr, "\n") {
		t.Errorf("%s: stderr %q, want one line", r, r.stderr)
	}
	if !strings.HasPrefix(r.stderr, "golanguk: ") {
		t.Errorf("%s: stderr %q, want it to start with \"golanguk: \"", r, r.stderr)
	}
	if !strings.Contains(r.stderr, filepath.Base(file)) {
		t.Errorf("%s: stderr %q does not name the file %s", r, r.stderr, filepath.Base(file))
	}
	for _, v := range plainViolations(r.stderr) {
		t.Errorf("%s: stderr: %s", r, v)
	}
}

func trunc(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

// hostileFile is one notes file to try, and what must come of it.
type hostileFile struct {
	name string
	path string
	// fail: the file is not notes and must fail to load.
	fail bool
	// talks is the least number of talks the file must load with (0: no
	// check); last, if set, the title of the last talk.
	talks int
	last  string
	// every: show every talk in every format; otherwise only the first
	// and the last (for files with a huge number of talks).
	every bool
}

func committedFixtures(t *testing.T) []hostileFile {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "hostile", "*.md"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in testdata/hostile: %v", err)
	}
	notNotes := map[string]bool{"empty.md": true, "no-talks.md": true, "binary.md": true}
	var files []hostileFile
	for _, p := range paths {
		name := filepath.Base(p)
		f := hostileFile{name: name, path: p, fail: notNotes[name], every: true}
		if !f.fail {
			// Every fixture has a hostile first talk under a clean rating
			// line and a clean last talk titled "Last": both must load.
			f.talks, f.last = 2, "Last"
		}
		files = append(files, f)
	}
	return files
}

// generatedFixtures writes the big hostile files into dir.
func generatedFixtures(t *testing.T, dir string) []hostileFile {
	t.Helper()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const header = "# Generated\n\n"
	talkHead := func(b *bytes.Buffer, title string) {
		b.WriteString("## " + title + "\n> Eve - https://example.com/\n\n:three: :star: :star: :star:\n\n")
	}
	last := "## Last\n> Mallory - https://example.org/\n\n:one: :star:\n\nNothing.\n"

	var files []hostileFile

	// A 10 MB line: the body of a talk is one line of words with no newline.
	{
		var b bytes.Buffer
		b.WriteString(header)
		talkHead(&b, "Ten megabyte line")
		words := []string{"gopher ", "**bold** ", "`code` ", "[link](https://go.dev/) ", "\x1b[2J ", "日本語 ", ":star: "}
		for i := 0; b.Len() < 10<<20; i++ {
			b.WriteString(words[i%len(words)])
		}
		b.WriteString("\n\n" + last)
		files = append(files, hostileFile{name: "10mb-line", path: write("10mb-line.md", b.Bytes()), talks: 2, last: "Last", every: true})
	}
	// A 10 MB title line.
	{
		var b bytes.Buffer
		b.WriteString(header + "## ")
		for b.Len() < 10<<20 {
			b.WriteString("Long title \x1b]0;x\x07 ")
		}
		b.WriteString("\n> Eve - https://example.com/\n\n:one: :star:\n\nShort.\n\n" + last)
		files = append(files, hostileFile{name: "10mb-title", path: write("10mb-title.md", b.Bytes()), talks: 2, last: "Last", every: true})
	}
	// 100,000 talks.
	{
		var b bytes.Buffer
		b.WriteString(header)
		for i := 1; i < 100_000; i++ {
			fmt.Fprintf(&b, "## Talk %d\n> Speaker %d - https://example.com/%d\n\n:two: :star: :star:\n\nNotes of talk %d.\n\n", i, i, i, i)
		}
		b.WriteString(last)
		files = append(files, hostileFile{name: "100k-talks", path: write("100k-talks.md", b.Bytes()), talks: 100_000, last: "Last"})
	}
	// 1,000 levels of nested lists, of block quotes, and of both.
	{
		var b bytes.Buffer
		b.WriteString(header)
		talkHead(&b, "Nested lists")
		for i := 0; i < 1000; i++ {
			fmt.Fprintf(&b, "%s- level %d\n", strings.Repeat("  ", i), i)
		}
		b.WriteString("\n")
		talkHead(&b, "Nested quotes")
		for i := 1; i <= 1000; i++ {
			fmt.Fprintf(&b, "%s level %d\n", strings.Repeat(">", i), i)
		}
		b.WriteString("\n")
		talkHead(&b, "Nested quoted lists")
		b.WriteString(strings.Repeat("> - ", 1000) + "deep\n\n")
		talkHead(&b, "Nested emphasis and links")
		b.WriteString(strings.Repeat("*a _b ", 1000) + strings.Repeat("_ b* ", 1000) + "\n\n")
		b.WriteString(strings.Repeat("[", 1000) + "x" + strings.Repeat("](https://go.dev/)", 1000) + "\n\n")
		b.WriteString(last)
		files = append(files, hostileFile{name: "1000-levels", path: write("1000-levels.md", b.Bytes()), talks: 5, last: "Last", every: true})
	}
	return files
}

func TestHostileNotes(t *testing.T) {
	t.Parallel() // it waits on the programs it runs
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	hostileBinary(t)
	files := committedFixtures(t)
	if *long {
		// 100,000 talks, 10 MB lines and titles, 1,000 levels: about
		// 20 s of the binary's time.
		files = append(files, generatedFixtures(t, t.TempDir())...)
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			testHostileFile(t, f)
		})
	}
}

func testHostileFile(t *testing.T, f hostileFile) {
	notes := []string{"--notes", f.path}
	// The first run is the binary's own, whatever -long says: main's
	// part (its streams, signals and exit) sees every fixture too.
	list := runBinary(t, nil, append(notes, "list", "--json")...)
	t.Logf("%s: %v", list, list.elapsed.Round(time.Millisecond))
	if f.fail {
		wantLoadFailure(t, list, f.path)
		for _, args := range [][]string{{"list"}, {"show", "1"}, {"about"}, {"show", "1", "--format", "ansi"}} {
			wantLoadFailure(t, runHostile(t, nil, append(notes, args...)...), f.path)
		}
		return
	}
	if list.code != 0 {
		t.Fatalf("%s, want 0: a hostile but well-formed notes file must load\nstderr: %s", list, list.stderr)
	}
	checkOutput(t, "json", list.stdout)
	var talks []struct {
		Number  int    `json:"number"`
		Slug    string `json:"slug"`
		Title   string `json:"title"`
		Speaker string `json:"speaker"`
	}
	if err := json.Unmarshal([]byte(list.stdout), &talks); err != nil {
		t.Fatalf("%s: %v", list, err)
	}
	if len(talks) < f.talks {
		t.Errorf("%s: %d talks, want at least %d", list, len(talks), f.talks)
	}
	if f.last != "" && (len(talks) == 0 || talks[len(talks)-1].Title != f.last) {
		t.Errorf("%s: the last talk is not %q: the parser lost it", list, f.last)
	}
	for _, tk := range talks {
		checkOneLine(t, fmt.Sprintf("talk %d title", tk.Number), tk.Title)
		checkOneLine(t, fmt.Sprintf("talk %d speaker", tk.Number), tk.Speaker)
		checkOneLine(t, fmt.Sprintf("talk %d slug", tk.Number), tk.Slug)
	}

	// Tab-separated list: one line a talk, five fields each.
	tsv := runHostile(t, nil, append(notes, "list")...)
	wantOK(t, tsv, "plain")
	lines := strings.Split(strings.TrimSuffix(tsv.stdout, "\n"), "\n")
	if len(lines) != len(talks) {
		t.Errorf("%s: %d lines for %d talks", tsv, len(lines), len(talks))
	}
	for i, l := range lines {
		if n := strings.Count(l, "\t") + 1; n != 5 {
			t.Errorf("%s: line %d has %d fields, want 5: %q", tsv, i+1, n, trunc(l))
			break
		}
	}
	// The coloured table, as on a terminal.
	wantOK(t, runHostile(t, []string{"CLICOLOR_FORCE=1"}, append(notes, "list")...), "ansi")

	formats := []string{"markdown", "plain", "json", "ansi"}
	for _, format := range formats {
		wantOK(t, runHostile(t, nil, append(notes, "about", "--format", format)...), format)
	}
	numbers := make([]int, 0, len(talks))
	for _, tk := range talks {
		numbers = append(numbers, tk.Number)
	}
	if !f.every && len(numbers) > 2 {
		numbers = []int{numbers[0], numbers[len(numbers)/2], numbers[len(numbers)-1]}
	}
	if !*long {
		// Every talk in every format still, but all the talks in one
		// run a format (show takes several): each run of the binary
		// costs about 45 ms of CPU, most of it in its dependencies'
		// init. -long shows each talk in a run of its own.
		args := append(notes, "show")
		for _, n := range numbers {
			args = append(args, strconv.Itoa(n))
		}
		for _, format := range formats {
			r := runHostile(t, nil, append(args, "--format", format)...)
			wantOK(t, r, format)
			if format == "markdown" {
				if got := strings.Count("\n"+r.stdout, "\n# "); got != len(numbers) {
					t.Errorf("%s: %d talks shown, want %d", r, got, len(numbers))
				}
			}
		}
		numbers = nil
	}
	for _, n := range numbers {
		for _, format := range formats {
			wantOK(t, runHostile(t, nil, append(notes, "show", strconv.Itoa(n), "--format", format)...), format)
		}
	}
	// A talk that is not there is a usage error, even in a huge file.
	if r := runHostile(t, nil, append(notes, "show", strconv.Itoa(len(talks)+1))...); r.code != 2 {
		t.Errorf("%s, want 2 for a talk number past the end", r)
	}
}

// wantOK checks a run that must succeed and its output's safety.
func wantOK(t *testing.T, r result, format string) {
	t.Helper()
	if r.code != 0 {
		t.Errorf("%s, want 0\nstderr: %s", r, trunc(r.stderr))
		return
	}
	if r.stdout == "" {
		t.Errorf("%s: no output", r)
	}
	for _, v := range plainViolations(r.stderr) {
		t.Errorf("%s: stderr: %s", r, v)
	}
	if r.elapsed > 2*time.Second {
		t.Logf("%s took %v", r, r.elapsed.Round(time.Millisecond))
	}
	checkOutputOf(t, r, format)
}

func checkOutputOf(t *testing.T, r result, format string) {
	t.Helper()
	var v []string
	switch format {
	case "ansi":
		v = ansiViolations(r.stdout)
	case "json":
		v = jsonViolations(r.stdout)
	default:
		v = plainViolations(r.stdout)
	}
	for i, p := range v {
		if i == 3 {
			t.Errorf("%s: ... and %d more", r, len(v)-3)
			break
		}
		t.Errorf("%s: %s output: %s", r, format, p)
	}
}

// checkOneLine checks a one-line field: no control character at all, no
// tab or newline, no zero-width or bidi mark that hides what it says.
func checkOneLine(t *testing.T, what, s string) {
	t.Helper()
	if strings.ContainsAny(s, "\t\n") {
		t.Errorf("%s %q holds a tab or newline", what, trunc(s))
	}
	for _, v := range plainViolations(s) {
		t.Errorf("%s: %s", what, v)
	}
	if i := strings.IndexAny(s, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u061c"); i >= 0 {
		t.Errorf("%s %q holds an invisible character at byte %d", what, trunc(s), i)
	}
}

// Files that cannot be read: each fails with one clear line and exit 2.
func TestHostileUnreadable(t *testing.T) {
	t.Parallel() // it waits on the programs it runs
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	hostileBinary(t)
	dir := t.TempDir()
	_ = os.Chmod(dir, 0o755)

	t.Run("directory", func(t *testing.T) {
		wantLoadFailure(t, runBinary(t, nil, "--notes", dir, "list"), dir)
	})
	t.Run("missing", func(t *testing.T) {
		p := filepath.Join(dir, "missing.md")
		wantLoadFailure(t, runBinary(t, nil, "--notes", p, "list"), p)
	})
	t.Run("read fails", func(t *testing.T) {
		// Opening /proc/self/mem succeeds; reading at offset 0 fails (EIO).
		if runtime.GOOS != "linux" {
			t.Skip("needs /proc/self/mem")
		}
		wantLoadFailure(t, runBinary(t, nil, "--notes", "/proc/self/mem", "list"), "mem")
	})
	t.Run("endless file", func(t *testing.T) {
		// /dev/zero never ends: reading it whole exhausts memory. The
		// address space is capped at 3 GB so that a program without a
		// size limit crashes here instead of taking the machine down.
		if _, err := os.Stat("/dev/zero"); err != nil {
			t.Skip("no /dev/zero")
		}
		r := runProgram(t, "sh", nil, nil, "-c", `ulimit -v 3000000 && exec "$0" "$@"`, hostileBinary(t), "--notes", "/dev/zero", "list")
		wantLoadFailure(t, r, "/dev/zero")
	})
	t.Run("permission denied", func(t *testing.T) {
		p := filepath.Join(dir, "secret.md")
		if err := os.WriteFile(p, []byte("# x\n\n## T\n> S - https://a.b/\n\n:one: :star:\n"), 0o000); err != nil {
			t.Fatal(err)
		}
		var attr *syscall.SysProcAttr
		if os.Geteuid() == 0 {
			// root reads any file: run the binary as nobody instead.
			attr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
		wantLoadFailure(t, runBinaryCmd(t, attr, nil, "--notes", p, "list"), p)
	})
	t.Run("empty name", func(t *testing.T) {
		r := runBinary(t, nil, "--notes=", "list")
		// An empty --notes means the embedded notes, or is a usage error;
		// either way no crash and clean output.
		if r.code != 0 && r.code != 2 {
			t.Errorf("%s, want 0 or 2", r)
		}
	})
}

// TestHostileBrowser opens the browser on every hostile fixture in a
// pseudo-terminal, visits each talk's notes and the about page, and reads
// the raw output: the only OSC sequences are our hyperlinks (to http,
// https and mailto) and the background colour query; no bell, no device
// control strings, no C1 controls, nothing but UTF-8. (CSI sequences from
// the notes cannot be told from the program's own cursor moves here; the
// chaos test in ui checks the browser's View for them.)
func TestHostileBrowser(t *testing.T) {
	skipUnlessLong(t) // about 3 s a fixture, paced by settle
	for _, f := range committedFixtures(t) {
		if f.fail {
			continue
		}
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			rt := startRawTerm(t, nil, "--notes", f.path)
			rt.waitFor(t, "Last")
			settle(rt)
			keys := []string{"\t", "G", "g"}
			for range 3 {
				keys = append(keys, "]", "G")
			}
			keys = append(keys, "i", "G", "i", "/", "evil", "\r", "q")
			for _, k := range keys {
				if _, err := rt.ptmx.Write([]byte(k)); err != nil {
					t.Fatal(err)
				}
				settle(rt)
			}
			if code, sig := waitExit(t, rt); code != 0 || sig != 0 {
				t.Errorf("exit %d, signal %v after q", code, sig)
			}
			for _, p := range terminalStreamProblems(rt.output()) {
				t.Error(p)
			}
		})
	}
}

// settle waits until the program has written nothing for a moment (or a
// few seconds have passed): a pace for key presses, not an assertion.
func settle(rt *rawTerm) {
	const quiet = 150 * time.Millisecond
	deadline := time.Now().Add(5 * time.Second)
	last, since := len(rt.output()), time.Now()
	for time.Now().Before(deadline) && time.Since(since) < quiet {
		time.Sleep(quiet / 5)
		if n := len(rt.output()); n != last {
			last, since = n, time.Now()
		}
	}
}

// terminalStreamProblems checks what a program wrote to its terminal for
// escapes that do not belong to a browser: OSC other than hyperlinks to
// safe targets and colour queries, BEL outside OSC, DCS, APC, PM, SOS,
// C1 controls and invalid UTF-8.
func terminalStreamProblems(out string) []string {
	var p []string
	add := func(format string, args ...any) {
		if len(p) < 10 {
			p = append(p, fmt.Sprintf(format, args...))
		}
	}
	for i := 0; i < len(out); {
		c := out[i]
		switch {
		case c == 0x1b && i+1 < len(out) && out[i+1] == ']':
			n, problem := escapeSequence(out[i:])
			if problem != "" {
				body := out[i+2 : i+n]
				if !regexp.MustCompile(`^1[0-2];\?(\x07|\x1b\\)$`).MatchString(body) {
					add("byte %d: %s", i, problem)
				}
			}
			i += n
		case c == 0x1b && i+1 < len(out) && strings.IndexByte("P_^X", out[i+1]) >= 0:
			add("byte %d: string sequence ESC %c %s", i, out[i+1], excerpt(out, i))
			i += 2
		case c == 0x07:
			add("byte %d: bell %s", i, excerpt(out, i))
			i++
		default:
			r, size := utf8.DecodeRuneInString(out[i:])
			if r == utf8.RuneError && size == 1 {
				add("byte %d: invalid UTF-8 %s", i, excerpt(out, i))
			} else if r >= 0x80 && r <= 0x9f {
				add("byte %d: C1 control %U %s", i, r, excerpt(out, i))
			}
			i += size
		}
	}
	return p
}

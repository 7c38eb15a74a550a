package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golanguk/golanguk/data"
)

// builtBinaries are golanguk binaries built for these tests, by go build
// flags, in dir; TestMain removes dir when the tests end.
var builtBinaries struct {
	sync.Mutex
	dir   string
	paths map[string]string
}

func TestMain(m *testing.M) {
	// No test reads or writes the state of the person running them: the
	// browsers and commands run here, and the programs they start, keep
	// theirs in a directory of their own.
	stateHome, err := os.MkdirTemp("", "golanguk-test-state-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_STATE_HOME", stateHome)
	// The programs the parallel tests start spend most of their time
	// waiting on their terminals: run more of them than there are cores,
	// unless -parallel says otherwise or the race detector is on (under
	// -race they compute several times as much).
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set && !raceDetector {
		_ = flag.Set("test.parallel", "4")
	}
	code := m.Run()
	os.RemoveAll(stateHome)
	if builtBinaries.dir != "" {
		os.RemoveAll(builtBinaries.dir)
	}
	os.Exit(code)
}

// golangukBinary builds golanguk with the go build flags (once per set of
// flags for the test process) and returns its path. Each build links the
// whole program again, about 2.5 s of CPU, so the tests share one:
// flags that do not say -buildvcs get -buildvcs=false (only
// TestVersionWithVCS, under -long, looks at the VCS stamp), and flags
// that do not say -tags get -tags testhook (TestPanicRestoresTerminal's
// hook, which does nothing unless GOLANGUK_TEST_PANIC is set; .ci/run
// checks the release binary has none).
func golangukBinary(t *testing.T, flags ...string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if !slices.ContainsFunc(flags, func(f string) bool { return strings.HasPrefix(f, "-buildvcs") }) {
		flags = append(slices.Clip(flags), "-buildvcs=false")
	}
	if !slices.ContainsFunc(flags, func(f string) bool { return strings.HasPrefix(f, "-tags") }) {
		flags = append(slices.Clip(flags), "-tags", "testhook")
	}
	builtBinaries.Lock()
	defer builtBinaries.Unlock()
	k := strings.Join(flags, " ")
	if p, ok := builtBinaries.paths[k]; ok {
		return p
	}
	if builtBinaries.dir == "" {
		dir, err := os.MkdirTemp("", "golanguk-test-bin-")
		if err != nil {
			t.Fatal(err)
		}
		// Readable by all: a test runs the binary as another user.
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		builtBinaries.dir = dir
	}
	// One folder per set of flags: the binary keeps its name, golanguk.
	p := filepath.Join(builtBinaries.dir, fmt.Sprint(len(builtBinaries.paths)), "golanguk")
	args := append(append([]string{"build"}, flags...), "-o", p, ".")
	if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	if builtBinaries.paths == nil {
		builtBinaries.paths = map[string]string{}
	}
	builtBinaries.paths[k] = p
	return p
}

// runGolanguk runs the binary with args and extra environment variables,
// stdin empty, and returns stdout, stderr and the exit status.
func runGolanguk(t *testing.T, bin string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(time.Minute): // a hang guard, not a timing assertion
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("golanguk %q hung", args)
	}
	return out.String(), errs.String(), cmd.ProcessState.ExitCode()
}

// TestVersionInProcess checks --version prints what version() makes of
// the build info of the running binary.
func TestVersionInProcess(t *testing.T) {
	cleanEnv(t)
	for _, arg := range []string{"--version", "-v"} {
		r := cli(t, []string{arg})
		if want := "golanguk version " + version() + "\n"; r.code != 0 || r.stdout != want {
			t.Errorf("%s: exit %d, %q; want %q", arg, r.code, r.stdout, want)
		}
	}
	if v := version(); v == "" || strings.ContainsAny(v, "\n\x1b") {
		t.Errorf("version() = %q", v)
	}
}

// TestVersionWithoutVCS checks the version of a build without VCS
// information, as GOFLAGS=-buildvcs=false gives.
func TestVersionWithoutVCS(t *testing.T) {
	t.Parallel() // it waits on the programs it runs
	bin := golangukBinary(t, "-buildvcs=false")
	out, errs, code := runGolanguk(t, bin, nil, "--version")
	if want := "golanguk version (devel)\n"; code != 0 || out != want {
		t.Errorf("--version without VCS info: exit %d, %q (stderr %q); want %q", code, out, errs, want)
	}
}

// TestVersionWithVCS checks that a build in a git checkout names its
// revision.
func TestVersionWithVCS(t *testing.T) {
	// A build of its own, 2.5 s of CPU; .ci/install-check checks the
	// version an install names as well.
	skipUnlessLong(t)
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	if fi, err := os.Stat(".git"); err == nil && !fi.IsDir() {
		// go1.26 looks for a .git directory and stamps nothing in a
		// worktree, whose .git is a file naming the real one.
		t.Skip("a git worktree: the go command stamps no VCS information here")
	}
	rev := strings.TrimSpace(string(head))
	bin := golangukBinary(t, "-buildvcs=true")
	out, errs, code := runGolanguk(t, bin, nil, "--version")
	if code != 0 {
		t.Fatalf("--version: exit %d, stderr %q", code, errs)
	}
	// go1.24+ stamps a pseudo-version built from the commit
	// (v0.0.0-20261126203846-f52a04f8ad3c, +dirty with local changes);
	// version() adds the revision itself when the version lacks it.
	re := regexp.MustCompile(`^golanguk version (v\S+|\(devel\)( \([0-9a-f]{12}(, modified)?\))?)\n$`)
	if !re.MatchString(out) {
		t.Errorf("--version = %q, want a version and revision", out)
	}
	if !strings.Contains(out, rev[:12]) {
		t.Errorf("--version = %q does not name the revision %s", out, rev[:12])
	}
}

// TestManPage checks `golanguk man` prints a man page for every command
// and flag, and that man(1) reads it.
func TestManPage(t *testing.T) {
	t.Parallel() // it waits on the programs it runs
	bin := golangukBinary(t)
	page, errs, code := runGolanguk(t, bin, nil, "man")
	if code != 0 || errs != "" {
		t.Fatalf("man: exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{
		".TH GOLANGUK 1", ".SH NAME", "golanguk - Browse the GolangUK 2016 talk notes", ".SH OPTIONS",
		`\fBlist\fP`, `\fBshow\fP`, `\fBabout\fP`, `\fBcompletion\fP`,
		`-f, --format`, `-m, --min-stars`, `-q, --query`, `--notes`, `--json`,
		".SH KEYS", ".SH ENVIRONMENT", ".SH EXIT STATUS", ".SH FILES",
		"ctrl+z: suspend", "tab: mark", "NO_COLOR: ", "130: pick mode", "XDG_CACHE_HOME",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
	// Every command's examples (mango-cobra v1.3.0 and later).
	for _, c := range append((&app{}).rootCmd().Commands(), (&app{}).rootCmd()) {
		for _, l := range strings.Split(c.Example, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.Contains(page, roffEscape(l)) {
				t.Errorf("the man page lacks the example %q of %s", l, c.CommandPath())
			}
		}
	}
	if strings.Contains(page, "--f --format") {
		t.Error("the man page spells short flags as --f (mango before v0.2.0)")
	}
	if _, err := exec.LookPath("man"); err != nil {
		t.Skip("no man to read the page with")
	}
	cmd := exec.Command("man", "-l", "-")
	cmd.Stdin = strings.NewReader(page)
	cmd.Env = append(os.Environ(), "MANPAGER=cat", "PAGER=cat", "MANWIDTH=80", "LANG=C.UTF-8")
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("man -l -: %v\n%s", err, stderr.String())
	}
	text := out.String()
	for _, want := range []string{"NAME", "golanguk - Browse the GolangUK 2016 talk notes", "SYNOPSIS", "COMMANDS", "-f, --format", "EXAMPLES", "Exit status", "NO_COLOR", "CLICOLOR_FORCE", "GLAMOUR_STYLE"} {
		if !strings.Contains(text, want) {
			t.Errorf("man -l - shows no %q:\n%s", want, text)
		}
	}
	if stderr.Len() > 0 {
		t.Errorf("man -l - complains: %s", stderr.String())
	}
	// The description reads as the root command's paragraphs, not as
	// lines broken into paragraphs of their own.
	var rendered []string
	for _, para := range regexp.MustCompile(`\n\s*\n`).Split(text, -1) {
		rendered = append(rendered, strings.Join(strings.Fields(para), " "))
	}
	for _, para := range strings.Split((&app{}).rootCmd().Long, "\n\n") {
		p := strings.Join(strings.Fields(para), " ")
		whole := false
		for _, r := range rendered {
			whole = whole || strings.Contains(r, p)
		}
		if !whole {
			t.Errorf("the man page breaks up the paragraph %q", p)
		}
	}
}

// TestHelpExamples checks every command's help has examples, and that
// each example runs.
func TestHelpExamples(t *testing.T) {
	cleanEnv(t)
	notesFile := filepath.Join(t.TempDir(), "notes.md")
	if err := os.WriteFile(notesFile, data.Notes(), 0o600); err != nil {
		t.Fatal(err)
	}
	root := (&app{}).rootCmd()
	cmds := append(root.Commands(), root)
	for _, c := range cmds {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			if strings.TrimSpace(c.Example) == "" {
				t.Fatalf("%q has no examples", c.CommandPath())
			}
			help := cli(t, strings.Fields(strings.TrimPrefix(c.CommandPath()+" --help", "golanguk")))
			if help.code != 0 {
				t.Fatalf("%s --help: exit %d", c.CommandPath(), help.code)
			}
			n := 0
			for _, l := range strings.Split(c.Example, "\n") {
				l = strings.TrimSpace(l)
				if l == "" || strings.HasPrefix(l, "#") {
					continue
				}
				if !strings.Contains(help.stdout, l) {
					t.Errorf("%s --help does not show the example %q", c.CommandPath(), l)
				}
				if !strings.HasPrefix(l, "golanguk") {
					t.Errorf("example %q does not start with golanguk", l)
					continue
				}
				n++
				if c.Name() == "serve" {
					continue // it serves until stopped: TestServeCommands runs it
				}
				words, _ := shellWords(t, l)
				args := words[1:]
				for i := range args {
					if i > 0 && args[i-1] == "--notes" {
						args[i] = notesFile // "my-conference.md"
					}
				}
				r := cli(t, args)
				if r.code != 0 || strings.TrimSpace(r.stdout) == "" {
					t.Errorf("example %q: exit %d, %d bytes out, stderr %q", l, r.code, len(r.stdout), r.stderr)
				}
			}
			if n == 0 {
				t.Errorf("%s has no runnable example", c.CommandPath())
			}
		})
	}
}

// TestHelpNoRawMarkup checks help text shows no markup meant for other
// tools: pflag's `name` backquotes, which fang prints as they are.
func TestHelpNoRawMarkup(t *testing.T) {
	cleanEnv(t)
	for _, args := range [][]string{{"--help"}, {"list", "--help"}, {"show", "--help"}, {"about", "--help"}} {
		r := cli(t, args)
		if strings.Contains(r.stdout, "`") {
			t.Errorf("%q shows a backquote:\n%s", args, grepLines(r.stdout, "`"))
		}
	}
}

// roffEscape escapes s as mango writes text into roff.
func roffEscape(s string) string {
	return strings.NewReplacer(`\`, `\e`, ".", `\&.`).Replace(s)
}

func grepLines(s, sub string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			fmt.Fprintln(&b, strings.TrimSpace(l))
		}
	}
	return b.String()
}

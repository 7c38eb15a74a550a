// Command golanguk browses the GolangUK 2016 talk notes in a terminal, and
// prints them in forms that pipe: a tab-separated list, JSON, markdown,
// plain text or rendered ANSI.
//
// Exit codes follow grep and fzf: 0 success, 1 nothing matched, 2 usage
// error (an unknown flag, a missing argument, a talk that does not exist,
// a notes file that cannot be read).
//
// The commands live one to a file: cmd_browse.go (golanguk with no
// command), cmd_list.go, cmd_show.go (show, about and the output formats),
// completion.go, man.go and version.go; document.go loads the notes,
// output.go guards standard output and error lines. This file
// runs them and owns the exit codes and how errors are printed.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/escape"
	"github.com/golanguk/golanguk/notes/source"
	"github.com/golanguk/golanguk/ui"
)

func main() {
	// A reader that goes away (`golanguk list | head -1`) is not an
	// error: writes fail with EPIPE instead of killing the program, and
	// run ends quietly with status 0.
	signal.Ignore(syscall.SIGPIPE)
	// NO_COLOR wins over CLICOLOR_FORCE everywhere; colorprofile, which
	// draws fang's help and errors, lets CLICOLOR_FORCE win in a pipe.
	if os.Getenv("NO_COLOR") != "" {
		os.Unsetenv("CLICOLOR_FORCE")
	}
	// The process's streams and environment are read here, once; below
	// main everything goes by what is passed down.
	term := ui.DetectTerminal(os.Stdin, os.Stdout, os.Environ())
	// lipgloss found stdout's colours while initialising; inside tmux
	// each detection runs `tmux info`, a few milliseconds, and this one
	// is already paid.
	term.Profile = lipgloss.Writer.Profile
	a := &app{term: term, stderr: os.Stderr, openTTY: tea.OpenTTY}
	os.Exit(a.run(context.Background(), os.Args[1:]))
}

// app is one run of the program: its terminal (stdin, stdout, the
// environment and what they are), stderr, and the notes, loaded on first
// use. Tests fill in a Terminal of buffers to act as if on a terminal or
// piped.
type app struct {
	term   ui.Terminal
	stderr io.Writer

	// openTTY opens the controlling terminal, for a browser whose stdin
	// or stdout is not one; nil means there is none (tests).
	openTTY func() (in, out *os.File, err error)

	// session is a command an SSH session gave (golanguk serve): it reads
	// and writes no state of the server's, and it may
	// name no path on the server, so --notes and a --style file are
	// refused, however the flags are spelt.
	session bool

	notesFile string // --notes
	noState   bool   // --no-state
	offline   bool   // shell completion: a URL's notes come from the cache only
	doc       *notes.Document
	src       *source.Source  // where --notes points, once read
	snap      source.Snapshot // what was read of it
	notesID   string          // the notes' name in the state: see notesID
	notesHash func() string   // the hash of their bytes, for the state
	renderer  *ui.Renderer
}

// exitError carries the exit status for an error: 1 when nothing
// matched, 2 for usage errors.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &exitError{2, fmt.Errorf(format, args...)}
}

func noMatchErrorf(format string, args ...any) error {
	return &exitError{1, fmt.Errorf(format, args...)}
}

// errBrokenPipe reports that stdout's reader went away.
var errBrokenPipe = errors.New("broken pipe")

// errNoChoice ends the picker quietly when the user left without choosing.
var errNoChoice = errors.New("no talk chosen")

// errReported ends a command whose errors were printed already (show's
// arguments that found nothing), with their status.
var errReported = errors.New("reported")

// run runs the command line args and returns the exit status.
func (a *app) run(ctx context.Context, args []string) int {
	root := a.rootCmd()
	// Never nil: cobra would read os.Args instead.
	root.SetArgs(append([]string{}, args...))
	root.SetIn(a.term.In)
	out := &pipeWriter{w: a.term.Out}
	root.SetOut(out)
	root.SetErr(a.stderr)
	err := fang.Execute(ctx, root,
		fang.WithVersion(version()),
		fang.WithErrorHandler(a.printError),
		fang.WithoutManpage(), // man.go's, with keys, environment and exit statuses
	)
	if err == nil && out.err != nil {
		// Help and the version are written by cobra and fang, which do
		// not look at the write's error.
		err = out.err
		if !errors.Is(err, errBrokenPipe) {
			a.printLine(err)
		}
	}
	return exitCode(err)
}

func exitCode(err error) int {
	var e *exitError
	switch {
	case err == nil, errors.Is(err, errBrokenPipe):
		return 0
	case errors.As(err, &e):
		return e.code
	}
	return 2 // cobra's and pflag's errors are all usage errors
}

// printError prints err for fang: styled on a terminal, one plain
// "golanguk: ..." line (plus a hint for usage errors) otherwise.
func (a *app) printError(w io.Writer, styles fang.Styles, err error) {
	if errors.Is(err, errBrokenPipe) || errors.Is(err, errNoChoice) || errors.Is(err, errReported) {
		return
	}
	var e *exitError
	usage := !errors.As(err, &e) // cobra's and pflag's errors
	if we := (*writeError)(nil); errors.As(err, &we) {
		usage = false
	}
	// An error may quote what came from outside (a flag, a file name, a
	// URL): it reaches the terminal escaped.
	text := escape.Line(err.Error(), maxErrorBytes)
	if !ui.IsTerminal(a.stderr) {
		msg := "golanguk: " + text + "\n"
		if usage {
			msg += "Run 'golanguk --help' for usage.\n"
		}
		_, _ = io.WriteString(a.stderr, msg)
		return
	}
	// fang's look, without a full stop after a question.
	msg := text
	if !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	_, _ = fmt.Fprintln(w, styles.ErrorHeader.String())
	_, _ = fmt.Fprintln(w, styles.ErrorText.Render(msg))
	_, _ = fmt.Fprintln(w)
	if !usage {
		return
	}
	_, _ = fmt.Fprintln(w, lipgloss.JoinHorizontal(lipgloss.Left,
		styles.ErrorText.UnsetWidth().Render("Try"),
		styles.Program.Flag.Render(" --help "),
		styles.ErrorText.UnsetWidth().UnsetMargins().UnsetTransform().Render("for usage."),
	))
	_, _ = fmt.Fprintln(w)
}

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/golanguk/golanguk/notes/escape"
)

// maxErrorBytes bounds an error line: a message quoting a huge value
// (a 10 MB title in "did you mean") stays one short line.
const maxErrorBytes = 1000

// printLine prints err as one plain "golanguk: ..." line, escaped.
func (a *app) printLine(err error) {
	fmt.Fprintf(a.stderr, "golanguk: %s\n", escape.Line(err.Error(), maxErrorBytes))
}

// pipeWriter turns EPIPE into errBrokenPipe, so that a closed pipe ends
// the program quietly, and any other write error into a writeError,
// which it keeps: the first one is the program's error even where the
// writer (cobra's help) does not look.
type pipeWriter struct {
	w   io.Writer
	err error
}

func (p *pipeWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	switch {
	case err == nil:
		return n, nil
	case errors.Is(err, syscall.EPIPE):
		err = errBrokenPipe
	default:
		err = &exitError{2, &writeError{err}}
	}
	if p.err == nil {
		p.err = err
	}
	return n, err
}

// writeError is a failed write to standard output (a full disk,
// /dev/full): not a usage error, so no hint to read --help.
type writeError struct{ err error }

func (e *writeError) Error() string { return "writing standard output: " + errText(e.err) }
func (e *writeError) Unwrap() error { return e.err }

// errText is err without the *os.PathError's "write /dev/stdout: ".
func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

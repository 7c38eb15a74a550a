package main

import (
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/spf13/cobra"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/notes/escape"
	"github.com/golanguk/golanguk/notes/source"
	"github.com/golanguk/golanguk/ui"
	"github.com/golanguk/golanguk/ui/state"
)

// stateCmd is golanguk state: where the reader's place is kept, and
// forgetting it.
func (a *app) stateCmd() *cobra.Command {
	var path, clear bool
	cmd := &cobra.Command{
		Use:   "state",
		Short: "Where your place is kept (--path), or forget it (--clear)",
		Long: "The browser remembers, per notes file, the talk you were reading, your place in each talk, " +
			"the list's query, rating filter and sort, and which talks you have read. It keeps them in one " +
			"small file, state.json, in $XDG_STATE_HOME/golanguk/ (~/.local/state/golanguk/ by default).\n\n" +
			"--path prints that file's path; --clear forgets everything in it, for every notes file " +
			"(files moved aside as corrupt, state.json.bad-*, stay).",
		Example: `golanguk state --path
golanguk state --clear`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.state(cmd.OutOrStdout(), path, clear)
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	cmd.Flags().BoolVar(&path, "path", false, "print the path of the state file")
	cmd.Flags().BoolVar(&clear, "clear", false, "forget the state of every notes file")
	cmd.MarkFlagsOneRequired("path", "clear")
	cmd.MarkFlagsMutuallyExclusive("path", "clear")
	return cmd
}

func (a *app) state(w io.Writer, path, clear bool) error {
	dir := stateDir(a.term.Env)
	if dir == "" {
		return usageErrorf("no state directory: $XDG_STATE_HOME and $HOME are unset")
	}
	if path {
		return writeLine(w, filepath.Join(dir, "state.json"))
	}
	st, warnings := state.Open(dir, state.Options{ReadOnly: a.noState})
	a.warn(warnings)
	if err := st.Clear(); err != nil {
		return &exitError{2, err}
	}
	return writeLine(w, "Forgot the place and read marks of every notes file ("+st.Path()+").")
}

// stateDir is where golanguk keeps its state (the reader's place, serve's
// host key): $XDG_STATE_HOME/golanguk; by default ~/.local/state/golanguk,
// %LOCALAPPDATA%\golanguk on Windows and ~/Library/Application
// Support/golanguk on macOS, as github.com/adrg/xdg has them. "" when
// there is no home to put it in.
func stateDir(env ui.Env) string {
	if d := env.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "golanguk")
	}
	home := env.Getenv("HOME")
	switch runtime.GOOS {
	case "windows":
		if d := env.Getenv("LOCALAPPDATA"); filepath.IsAbs(d) {
			return filepath.Join(d, "golanguk")
		}
		home = env.Getenv("USERPROFILE")
	case "darwin", "ios":
		if filepath.IsAbs(home) {
			return filepath.Join(home, "Library", "Application Support", "golanguk")
		}
	}
	if !filepath.IsAbs(home) {
		return ""
	}
	return filepath.Join(home, ".local", "state", "golanguk")
}

// notesID is the name of the notes in the state: the file's absolute
// path, the URL, or "stdin" (whose state is found by its content's hash).
func notesID(src *source.Source) string {
	switch src.Kind() {
	case source.URL:
		return src.URL()
	case source.Stdin:
		return "stdin"
	}
	if p, err := filepath.Abs(src.Path()); err == nil {
		return p
	}
	return src.Path()
}

// stateOptions are the browser's: where the state is, and whether to use
// it (--fresh, --no-state).
func (a *app) stateOptions(fresh bool) ui.StateOptions {
	return ui.StateOptions{
		Dir:   stateDir(a.term.Env),
		Path:  a.notesID,
		Hash:  a.notesHash,
		Fresh: fresh,
		Off:   a.noState || a.session,
		Warn:  func(msg string) { a.warn([]string{msg}) },
	}
}

// readMarks tells the talks read, from the state read without writing
// (list --json); with --no-state, or no state, none is.
func (a *app) readMarks(slugs []string) func(slug string) bool {
	dir := stateDir(a.term.Env)
	if a.noState || a.session || dir == "" || a.notesID == "" {
		return func(string) bool { return false }
	}
	st, warnings := state.Open(dir, state.Options{ReadOnly: true})
	a.warn(warnings)
	return st.File(a.notesID, a.notesHash(), slugs).IsRead
}

// contentHash hashes data (state.ContentHash) in the background, for the
// browser's state, and returns the function that waits for the hash. The
// bytes are not kept once hashed: on a large file they are as large as
// the notes.
func contentHash(data []byte) func() string {
	ch := make(chan string, 1)
	go func() { ch <- state.ContentHash(data) }()
	return sync.OnceValue(func() string { return <-ch })
}

// warn prints the state's warnings, one escaped line each.
func (a *app) warn(warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(a.stderr, "golanguk: warning: %s\n", escape.Line(w, maxErrorBytes))
	}
}

// writeLine writes s to standard output as one escaped line.
func writeLine(w io.Writer, s string) error {
	_, err := fmt.Fprintln(w, escape.Line(s, maxErrorBytes*8))
	return err
}

// listTalkJSON is a talk of list --json: notes' form, and whether it has
// been read.
type listTalkJSON struct {
	notes.TalkJSON
	Read bool `json:"read"`
}

// writeListJSON writes list --json: notes.WriteJSON's array, a talk at a
// time, each talk with "read".
func writeListJSON(w io.Writer, hits []notes.Hit, withMatch bool, isRead func(slug string) bool) error {
	return notes.WriteJSONOf(w, hits, func(h notes.Hit) any {
		return listTalkJSON{notes.NewTalkJSON(h, withMatch), isRead(h.Talk.Slug)}
	})
}

// slugs are the slugs of doc's talks.
func slugs(doc *notes.Document) []string {
	out := make([]string, len(doc.Talks))
	for i, t := range doc.Talks {
		out[i] = t.Slug
	}
	return out
}

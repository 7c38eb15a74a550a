package main

import (
	"context"
	"errors"
	"io"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/golanguk/golanguk/ui"
)

// rootCmd is the command tree: golanguk itself (the browser), and list,
// show and about beneath it.
func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "golanguk",
		Short: "Browse the GolangUK 2016 talk notes",
		// Paragraphs are single lines: fang's help wraps them to the
		// terminal, and the man page takes each line for a paragraph.
		Long: "Browse the GolangUK 2016 talk notes: 21 talks with ratings and notes.\n\n" +
			"With no command, golanguk opens the browser; with stdout piped, the talk you pick " +
			"is printed as markdown. The commands print in forms that pipe when stdout is not " +
			"a terminal. Exit status: 0 success, 1 nothing matched, 2 usage error.\n\n" +
			"Colour: NO_COLOR turns it off everywhere, CLICOLOR_FORCE=1 keeps it when piped, and " +
			"GLAMOUR_STYLE chooses the style of rendered notes, as in glow (--style wins).",
		Example: `# browse the talks
golanguk
# pick a talk and save its notes
golanguk > talk.md
# talks rated 7 or more, best first
golanguk list --min-stars 7 --sort stars
# read a talk
golanguk show 1
# browse your own notes in the same format
golanguk --notes my-conference.md list`,
		Args:              cobra.NoArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	var style string
	root.RunE = func(cmd *cobra.Command, _ []string) error { return a.browse(cmd, style) }
	root.Flags().StringVarP(&style, "style", "s", "", "glamour style of the browser's notes: dark, light, notty, dracula, tokyo-night, pink, ascii or a JSON file (default: detected)")
	_ = root.RegisterFlagCompletionFunc("style", completeStyles)
	root.PersistentFlags().StringVar(&a.notesFile, "notes", "", "read the talks from this notes file, - for standard input, or a URL (a HedgeDoc, CodiMD or HackMD note, or markdown), instead of the GolangUK 2016 notes")
	root.AddCommand(a.listCmd(), a.showCmd(), a.aboutCmd())
	return root
}

// browse runs golanguk with no command: the browser on a terminal; with
// stdout piped, the browser on the terminal itself picking a talk whose
// markdown goes to stdout (exit 130 if none, as fzf); with no terminal at
// all, the list.
func (a *app) browse(cmd *cobra.Command, style string) error {
	if err := checkStyle("--style", style); err != nil {
		return err
	}
	if style == "" || style == "auto" {
		if err := checkStyle("GLAMOUR_STYLE", a.term.Env.Getenv("GLAMOUR_STYLE")); err != nil {
			return err
		}
	}
	doc, err := a.document()
	if err != nil {
		return err
	}
	pick := !a.term.IsTerminal
	term, closeTTY, err := a.browserTerminal(pick)
	if err != nil {
		// No terminal to draw on (cron, CI): print instead.
		return a.list(cmd.OutOrStdout(), listOptions{sort: "schedule"}, false)
	}
	defer closeTTY()
	// A hang-up (the terminal window closed, an ssh connection lost) ends
	// the browser as SIGTERM does: it quits, restoring what can be
	// restored.
	hup, stop := signal.NotifyContext(context.Background(), syscall.SIGHUP)
	defer stop()
	// kill -TSTP (and ctrl+z) suspend as in less: the terminal handed
	// back first, repainted after fg.
	suspend, stopSuspend := suspendRequests()
	defer stopSuspend()
	t, err := ui.Browse(cmd.Context(), doc, ui.Options{
		Style:       style,
		Pick:        pick,
		Terminal:    term,
		Quit:        hup.Done(),
		Stop:        stopProcess,
		Suspend:     suspend,
		SearchReady: func() { boundHeap(a.term.Env) },
	})
	switch {
	case err != nil:
		return err
	case !pick:
		return nil
	case t == nil:
		return &exitError{130, errNoChoice}
	}
	_, err = io.WriteString(cmd.OutOrStdout(), t.Markdown())
	return err
}

// browserTerminal is the terminal the browser runs on: stdin and stdout,
// or the controlling terminal (/dev/tty) in their place. Pick mode draws
// on it, stdout being the pipe that takes the chosen talk; a piped stdin
// (`echo | golanguk`) leaves the keyboard on it too. A stream that is no
// file (a test's) is used as it is. The error says there is no terminal
// to open.
func (a *app) browserTerminal(pick bool) (term ui.Terminal, closeTTY func(), err error) {
	term = a.term
	if !pick && !ui.IsPipe(term.In) {
		return term, func() {}, nil
	}
	if a.openTTY == nil {
		return term, nil, errors.New("no terminal")
	}
	in, out, err := a.openTTY()
	if err != nil {
		return term, nil, err
	}
	closeTTY = func() { in.Close(); out.Close() }
	if pick {
		return ui.DetectTerminal(in, out, term.Env), closeTTY, nil
	}
	term.In = in
	return term, closeTTY, nil
}

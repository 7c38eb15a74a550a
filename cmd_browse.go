package main

import (
	"context"
	"errors"
	"io"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/golanguk/golanguk/notes"
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
			"a terminal. Exit status: 0 success, 1 nothing matched, 2 usage error, 130 pick mode left without a choice.\n\n" +
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
	var o browseOptions
	root.RunE = func(cmd *cobra.Command, _ []string) error {
		o.sortSet = cmd.Flags().Changed("sort")
		return a.browse(cmd, o)
	}
	f := root.Flags()
	f.StringVarP(&o.style, "style", "s", "", "glamour style of the browser's notes: dark, light, notty, dracula, tokyo-night, pink, ascii or a JSON file (default: detected)")
	f.StringVarP(&o.query, "query", "q", "", "start with this query in the search box, as fzf -q")
	f.IntVarP(&o.minStars, "min-stars", "m", 0, "start listing only talks rated at least n stars (0-10)")
	f.StringVar(&o.sort, "sort", "schedule", "start in this order: schedule, stars, title or speaker (relevance with --query)")
	f.BoolVar(&o.pick, "pick", false, "pick talks even on a terminal: enter prints them and exits (as when stdout is piped)")
	f.StringVar(&o.print, "print", "markdown", "what pick mode writes of the talks picked: markdown, plain, slug, number or json")
	f.StringVar(&o.watch, "watch", "", "follow the --notes file or URL while it changes: a file at once, a URL polled every 30s or --watch=DURATION (at least 5s)")
	f.Lookup("watch").NoOptDefVal = watchDefault
	f.BoolVar(&o.fresh, "fresh", false, "start clean (first talk, top, no query) without forgetting: read marks still show, and this session is remembered")
	_ = root.RegisterFlagCompletionFunc("style", completeStyles)
	_ = root.RegisterFlagCompletionFunc("sort", fixedCompletions("schedule", "stars", "title", "speaker", "relevance"))
	_ = root.RegisterFlagCompletionFunc("min-stars", fixedCompletions("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"))
	_ = root.RegisterFlagCompletionFunc("print", fixedCompletions(pickPrints...))
	root.PersistentFlags().StringVar(&a.notesFile, "notes", "", "read the talks from this notes file, - for standard input, or a URL (a HedgeDoc, CodiMD or HackMD note, or markdown), instead of the GolangUK 2016 notes")
	root.PersistentFlags().BoolVar(&a.noState, "no-state", false, "neither read nor write the state (your place and read marks): see golanguk state")
	root.AddCommand(a.listCmd(), a.showCmd(), a.aboutCmd(), a.manCmd(), a.serveCmd(), a.stateCmd())
	if a.session {
		root.PersistentPreRunE = sessionFlags
	}
	return root
}

// sessionFlags refuses, for a command an SSH session gave, the flags that
// would open a path on the server: --notes, and a --style that is not
// one of glamour's names. Cobra has parsed the flags by then, so -s/x,
// -as/x and --style=/x are all seen for what they are.
func sessionFlags(cmd *cobra.Command, _ []string) error {
	if cmd.Flags().Changed("notes") {
		return usageErrorf("--notes is not for a session: it reads the server's notes")
	}
	if f := cmd.Flags().Lookup("style"); f != nil && f.Changed {
		if v := f.Value.String(); v != "auto" && !slices.Contains(ui.StyleNames, v) {
			return usageErrorf("--style %q is not for a session: give one of %s", v, strings.Join(ui.StyleNames, ", "))
		}
	}
	return nil
}

// browseOptions are the root command's flags.
type browseOptions struct {
	style, query, sort, print string
	watch                     string // --watch: "", watchDefault or a duration
	minStars                  int
	sortSet, pick, fresh      bool
}

// pickPrints are the forms pick mode writes the talks picked in.
var pickPrints = []string{"markdown", "plain", "slug", "number", "json"}

// browse runs golanguk with no command: the browser on a terminal; with
// stdout piped (or --pick), the browser on the terminal itself picking
// talks that go to stdout (exit 130 if none, as fzf); with no terminal at
// all, the list.
func (a *app) browse(cmd *cobra.Command, o browseOptions) error {
	if err := checkStyle("--style", o.style); err != nil {
		return err
	}
	if o.style == "" || o.style == "auto" {
		if err := checkStyle("GLAMOUR_STYLE", a.term.Env.Getenv("GLAMOUR_STYLE")); err != nil {
			return err
		}
	}
	if !slices.Contains(pickPrints, o.print) {
		return usageErrorf("unknown --print %q (%s)", o.print, strings.Join(pickPrints, ", "))
	}
	q, err := query(o.query, o.minStars, o.sort, o.sortSet)
	if err != nil {
		return err
	}
	every, err := watchEvery(o.watch)
	if err != nil {
		return err
	}
	if o.watch != "" {
		if err := a.watchable(); err != nil {
			return err
		}
	}
	doc, err := a.document()
	if err != nil {
		return err
	}
	pick := o.pick || !a.term.IsTerminal
	term, closeTTY, err := a.browserTerminal(pick)
	if err != nil {
		// No terminal to draw on (cron, CI): print instead.
		return a.list(cmd.OutOrStdout(), listOptions{query: o.query, minStars: o.minStars, sort: o.sort}, o.sortSet)
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
	ctx, cancel := context.WithCancel(cmd.Context())
	defer cancel() // ends the watch
	live, err := a.liveOptions(ctx, o.watch != "", every)
	if err != nil {
		return err
	}
	picked, err := ui.Browse(ctx, doc, ui.Options{
		Style:       o.style,
		Pick:        pick,
		Query:       q.Text,
		MinStars:    q.MinStars,
		Sort:        q.Sort,
		SortSet:     o.sortSet,
		Terminal:    term,
		Quit:        hup.Done(),
		Stop:        stopProcess,
		Suspend:     suspend,
		SearchReady: func() { boundHeap(a.term.Env) },
		Reload:      live.Reload,
		Changes:     live.Changes,
		EditFile:    live.EditFile,
		Editor:      live.Editor,
		CachedAt:    live.CachedAt,
		State:       a.stateOptions(o.fresh),
	})
	switch {
	case err != nil:
		return err
	case !pick:
		return nil
	case len(picked) == 0:
		return &exitError{130, errNoChoice}
	}
	return writePicks(cmd.OutOrStdout(), picked, o.print)
}

// writePicks writes the talks picked, in list order: their markdown (or
// plain text) separated by a blank line, a slug or number a line, or a
// JSON array.
func writePicks(w io.Writer, talks []*notes.Talk, print string) error {
	if print == "json" {
		hits := make([]notes.Hit, len(talks))
		for i, t := range talks {
			hits[i] = notes.Hit{Talk: t}
		}
		return notes.WriteJSON(w, hits, false)
	}
	var b strings.Builder
	for i, t := range talks {
		switch print {
		case "slug":
			b.WriteString(t.Slug + "\n")
		case "number":
			b.WriteString(strconv.Itoa(t.Number) + "\n")
		case "plain":
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(notes.PlainTextWidth(t.DisplayMarkdown(), 80)) // as show piped
		default:
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(t.Markdown())
		}
	}
	_, err := io.WriteString(w, b.String())
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

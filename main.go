// Command golanguk browses the GolangUK 2016 talk notes in a terminal, and
// prints them in forms that pipe: a tab-separated list, JSON, markdown,
// plain text or rendered ANSI.
//
// Exit codes follow grep and fzf: 0 success, 1 nothing matched, 2 usage
// error (an unknown flag, a missing argument, a talk that does not exist,
// a notes file that cannot be read).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	xterm "github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
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
	a := &app{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	os.Exit(a.run(context.Background(), os.Args[1:]))
}

// app is one run of the program: its streams, what the terminal is like,
// and the notes, loaded on first use.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer

	// Tests set these to act as if on a terminal; nil and 0 mean "ask
	// the real one".
	terminal  *bool // stdout is a terminal
	termWidth int   // its width in columns
	dark      *bool // its background is dark

	notesFile string // --notes
	doc       *notes.Document
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

// run runs the command line args and returns the exit status.
func (a *app) run(ctx context.Context, args []string) int {
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(pipeWriter{a.stdout})
	root.SetErr(a.stderr)
	err := fang.Execute(ctx, root,
		fang.WithVersion(version()),
		fang.WithErrorHandler(a.printError),
	)
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
	if errors.Is(err, errBrokenPipe) || errors.Is(err, errNoChoice) {
		return
	}
	var e *exitError
	usage := !errors.As(err, &e) // cobra's and pflag's errors
	if isTerminal(a.stderr) {
		// fang's look, without a full stop after a question.
		msg := err.Error()
		if !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, ".") {
			msg += "."
		}
		_, _ = fmt.Fprintln(w, styles.ErrorHeader.String())
		_, _ = fmt.Fprintln(w, styles.ErrorText.Render(msg))
		_, _ = fmt.Fprintln(w)
		if usage {
			_, _ = fmt.Fprintln(w, lipgloss.JoinHorizontal(lipgloss.Left,
				styles.ErrorText.UnsetWidth().Render("Try"),
				styles.Program.Flag.Render(" --help "),
				styles.ErrorText.UnsetWidth().UnsetMargins().UnsetTransform().Render("for usage."),
			))
			_, _ = fmt.Fprintln(w)
		}
		return
	}
	msg := "golanguk: " + err.Error() + "\n"
	if usage {
		msg += "Run 'golanguk --help' for usage.\n"
	}
	_, _ = io.WriteString(a.stderr, msg)
}

// pipeWriter turns EPIPE into errBrokenPipe, so that a closed pipe ends
// the program quietly.
type pipeWriter struct{ w io.Writer }

func (p pipeWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	if errors.Is(err, syscall.EPIPE) {
		return n, errBrokenPipe
	}
	return n, err
}

// version is the module version and VCS revision from the build info.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	rev = rev[:min(12, len(rev))]
	if rev != "" && !strings.Contains(v, rev) {
		v += " (" + rev + modified + ")"
	}
	return v
}

// ---- commands ----

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
	root.RunE = func(cmd *cobra.Command, _ []string) error { return a.runRoot(cmd, style) }
	root.Flags().StringVarP(&style, "style", "s", "", "glamour style of the browser's notes: dark, light, notty, dracula, tokyo-night, pink, ascii or a JSON file (default: detected)")
	_ = root.RegisterFlagCompletionFunc("style", completeStyles) // completion.go
	root.PersistentFlags().StringVar(&a.notesFile, "notes", "", "read the talks from this notes file instead of the GolangUK 2016 notes")
	root.AddCommand(a.listCmd(), a.showCmd(), a.aboutCmd())
	return root
}

// runRoot runs golanguk with no command: the browser on a terminal; with
// stdout piped, the browser on /dev/tty picking a talk whose markdown goes
// to stdout (exit 130 if none, as fzf); with no terminal at all, the list.
func (a *app) runRoot(cmd *cobra.Command, style string) error {
	if err := checkStyle("--style", style); err != nil {
		return err
	}
	printList := func() error { return a.list(cmd.OutOrStdout(), listOptions{sort: "schedule"}, false) }
	if a.terminal != nil && !*a.terminal {
		return printList() // a test pretending there is no terminal: never open the real one
	}
	doc, err := a.document()
	if err != nil {
		return err
	}
	pick := !a.isTerminal()
	opts := ui.Options{Style: style, Pick: pick}
	if !pick {
		opts.Input, opts.Output = a.stdin, a.stdout
	}
	t, err := ui.Browse(cmd.Context(), doc, opts)
	switch {
	case errors.Is(err, ui.ErrNoTTY):
		return printList()
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

// errNoChoice ends the picker quietly when the user left without choosing.
var errNoChoice = errors.New("no talk chosen")

type listOptions struct {
	query    string
	minStars int
	sort     string
	json     bool
}

func (a *app) listCmd() *cobra.Command {
	var o listOptions
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the talks",
		Long: "List the talks: number, rating, title and speaker.\n\n" +
			"On a terminal the list is aligned and coloured; piped, it is tab-separated " +
			"(number, stars, slug, title, speaker), one talk a line. A query keeps the talks " +
			"whose title, speaker or notes match every word of it, best match first.",
		Example: `golanguk list --query "error handling"
golanguk list -m 8
golanguk list --sort title | cut -f4
golanguk list --json | jq -r '.[] | select(.stars >= 7) | .title'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.list(cmd.OutOrStdout(), o, cmd.Flags().Changed("sort"))
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	f := cmd.Flags()
	f.StringVarP(&o.query, "query", "q", "", "keep talks matching every word of text (title, speaker, notes)")
	f.IntVarP(&o.minStars, "min-stars", "m", 0, "keep talks rated at least n stars (0-10)")
	f.StringVar(&o.sort, "sort", "schedule", "order: schedule, stars, title or speaker (relevance with --query)")
	f.BoolVar(&o.json, "json", false, "print a JSON array of talks")
	_ = cmd.RegisterFlagCompletionFunc("sort", fixedCompletions("schedule", "stars", "title", "speaker", "relevance"))
	_ = cmd.RegisterFlagCompletionFunc("min-stars", fixedCompletions("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"))
	return cmd
}

func (a *app) list(w io.Writer, o listOptions, sortSet bool) error {
	q, err := query(o.query, o.minStars, o.sort, sortSet)
	if err != nil {
		return err
	}
	doc, err := a.document()
	if err != nil {
		return err
	}
	hits := doc.Search(q)
	switch {
	case o.json:
		err = notes.WriteJSON(w, hits, q.Text != "")
	case a.styled():
		table := ui.Table(hits, a.width(), ui.DefaultTableStyles())
		err = a.writeANSI(w, table)
	default:
		err = notes.WriteTSV(w, hits)
	}
	if err != nil {
		return err
	}
	if len(hits) == 0 {
		return a.noMatch(doc, q)
	}
	return nil
}

// query builds a search from the list flags.
func query(text string, minStars int, sortName string, sortSet bool) (notes.Query, error) {
	q := notes.Query{Text: strings.TrimSpace(text), MinStars: minStars}
	if minStars < 0 || minStars > notes.MaxStars {
		return q, usageErrorf("--min-stars must be between 0 and %d, not %d", notes.MaxStars, minStars)
	}
	s, err := notes.ParseSort(sortName)
	if err != nil {
		return q, usageErrorf("unknown --sort %q (schedule, stars, title, speaker or relevance)", sortName)
	}
	q.Sort = s
	if q.Text != "" && !sortSet {
		q.Sort = notes.SortRelevance
	}
	return q, nil
}

// noMatch is the error for a search that found nothing: it names the
// query and suggests the nearest titles.
func (a *app) noMatch(doc *notes.Document, q notes.Query) error {
	var msg string
	switch {
	case q.Text != "" && q.MinStars > 0:
		msg = fmt.Sprintf("no talk rated %d or more matches %q", q.MinStars, q.Text)
	case q.Text != "":
		msg = fmt.Sprintf("no talk matches %q", q.Text)
	default:
		return noMatchErrorf("no talk is rated %d or more", q.MinStars)
	}
	if s := doc.Suggest(q.Text, 3); len(s) > 0 {
		var titles []string
		for _, t := range s {
			titles = append(titles, fmt.Sprintf("%d %q", t.Number, t.Title))
		}
		msg += "; did you mean " + orList(titles) + "?"
	}
	return noMatchErrorf("%s", msg)
}

// orList joins items as "a", "a or b", "a, b or c".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

type showOptions struct {
	format string
	width  int
	style  string
	all    bool
}

var formats = []string{"auto", "ansi", "markdown", "plain", "json"}

func (a *app) showCmd() *cobra.Command {
	var o showOptions
	cmd := &cobra.Command{
		Use:   "show TALK",
		Short: "Print a talk's notes",
		Long: "Print a talk's notes. TALK is a number (1-21), a slug or a query; for a query the " +
			"best match is printed, or every match with --all.\n\n" +
			"The auto format is rendered markdown on a terminal and the markdown itself when " +
			"piped. The style is detected from the terminal's background; GLAMOUR_STYLE and " +
			"--style choose another, and NO_COLOR turns colour off.",
		Example: `golanguk show 1
golanguk show keynote-solid-go-design --format markdown > solid.md
golanguk show context --all --format plain | less
golanguk show 7 --format json | jq .speaker
golanguk show 3 --style light --width 72`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("show needs a TALK: a talk number, a slug or a query")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.show(cmd.OutOrStdout(), strings.Join(args, " "), o)
		},
		ValidArgsFunction: a.completeTalks,
	}
	addRenderFlags(cmd, &o)
	cmd.Flags().BoolVarP(&o.all, "all", "a", false, "print every talk matching the query, not only the best")
	return cmd
}

// addRenderFlags adds the flags of show and about: --format, --width and
// --style.
func addRenderFlags(cmd *cobra.Command, o *showOptions) {
	f := cmd.Flags()
	f.StringVarP(&o.format, "format", "f", "auto", "output format: auto, ansi, markdown, plain or json")
	f.IntVarP(&o.width, "width", "w", 0, "wrap at n columns (default: the terminal's width up to 120; 80 when piped)")
	f.StringVarP(&o.style, "style", "s", "", "glamour style: dark, light, notty, dracula, tokyo-night, pink, ascii or a JSON file")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletions(formats...))
	_ = cmd.RegisterFlagCompletionFunc("style", completeStyles) // completion.go
}

func (a *app) show(w io.Writer, ref string, o showOptions) error {
	if err := a.checkRender(&o); err != nil {
		return err
	}
	doc, err := a.document()
	if err != nil {
		return err
	}
	hits, fromQuery, err := a.find(doc, ref)
	if err != nil {
		return err
	}
	if !o.all {
		hits = hits[:1]
	}
	if o.format == "json" {
		if o.all {
			return notes.WriteJSON(w, hits, fromQuery)
		}
		return notes.WriteTalkJSON(w, hits[0], fromQuery)
	}
	var parts []string
	for _, h := range hits {
		s, err := a.format(h.Talk.DisplayMarkdown, h.Talk.Markdown, o, func(width int, style string) (string, error) {
			return a.render().Talk(h.Talk, width, style)
		})
		if err != nil {
			return usageErrorf("%v", err) // a style file that is not a style
		}
		parts = append(parts, s)
	}
	return a.writeFormatted(w, parts, o)
}

// find resolves a TALK argument: a number, a slug, or a query whose hits
// come best first. fromQuery tells which.
func (a *app) find(doc *notes.Document, ref string) (hits []notes.Hit, fromQuery bool, err error) {
	ref = strings.TrimSpace(ref)
	if t, ok := doc.Lookup(ref); ok {
		return []notes.Hit{{Talk: t}}, false, nil
	}
	// A number that names no talk is a mistake, not a query, however
	// large ("99999999999999999999999" overflows an int).
	if n := strings.TrimPrefix(ref, "#"); n != "" && strings.Trim(n, "0123456789") == "" {
		if len(doc.Talks) == 1 {
			return nil, false, usageErrorf("no talk %s (there is only talk 1)", ref)
		}
		return nil, false, usageErrorf("no talk %s (talks are 1-%d)", ref, len(doc.Talks))
	}
	q := notes.Query{Text: ref, Sort: notes.SortRelevance}
	hits = doc.Search(q)
	if len(hits) == 0 {
		return nil, true, a.noMatch(doc, q)
	}
	return hits, true, nil
}

func (a *app) aboutCmd() *cobra.Command {
	var o showOptions
	cmd := &cobra.Command{
		Use:   "about",
		Short: "Print the about page: who took the notes, and the schedule",
		Example: `golanguk about
golanguk about --format plain`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.about(cmd.OutOrStdout(), o)
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	addRenderFlags(cmd, &o)
	return cmd
}

func (a *app) about(w io.Writer, o showOptions) error {
	if err := a.checkRender(&o); err != nil {
		return err
	}
	doc, err := a.document()
	if err != nil {
		return err
	}
	md := doc.AboutMarkdown()
	if o.format == "json" {
		return aboutJSON(w, doc.Title, md)
	}
	same := func() string { return md }
	s, err := a.format(same, same, o, func(width int, style string) (string, error) {
		return a.render().Markdown(md, width, style)
	})
	if err != nil {
		return usageErrorf("%v", err)
	}
	return a.writeFormatted(w, []string{s}, o)
}

// ---- formats ----

// checkRender validates the format, width and style flags and resolves
// the auto format.
func (a *app) checkRender(o *showOptions) error {
	switch o.format {
	case "auto":
		o.format = "markdown"
		if a.styled() {
			o.format = "ansi"
		}
	case "ansi", "markdown", "plain", "json":
	default:
		return usageErrorf("unknown --format %q (auto, ansi, markdown, plain or json)", o.format)
	}
	if o.width < 0 || o.width > 1000 {
		return usageErrorf("--width must be between 1 and 1000, not %d", o.width)
	}
	if o.width == 0 {
		o.width = a.width()
	}
	if err := checkStyle("--style", o.style); err != nil {
		return err
	}
	if o.format == "ansi" && (o.style == "" || o.style == "auto") {
		return checkStyle("GLAMOUR_STYLE", os.Getenv("GLAMOUR_STYLE"))
	}
	return nil
}

// checkStyle is the usage error for a style, given by the flag or
// variable named, that is neither glamour's nor a style file; "" and
// "auto" mean no choice.
func checkStyle(name, style string) error {
	if style == "" || style == "auto" || slices.Contains(ui.StyleNames, style) {
		return nil
	}
	if st, err := os.Stat(style); err == nil && st.Mode().IsRegular() {
		return nil
	}
	return usageErrorf("unknown %s %q (%s, or a JSON style file)", name, style, strings.Join(ui.StyleNames, ", "))
}

// format produces one document in o.format: display is the markdown made
// for reading (for plain text), source the markdown to print as is, and
// render the ANSI rendering.
func (a *app) format(display, source func() string, o showOptions, render func(width int, style string) (string, error)) (string, error) {
	switch o.format {
	case "markdown":
		return source(), nil
	case "plain":
		return notes.PlainText(display()), nil
	}
	return render(o.width, a.style(o.style))
}

// writeFormatted writes documents, separated so that each stays
// readable: a thematic break between markdown documents, a rule between
// the others.
func (a *app) writeFormatted(w io.Writer, docs []string, o showOptions) error {
	sep := "\n" + strings.Repeat("─", o.width) + "\n\n"
	if o.format == "markdown" {
		sep = "\n---\n\n"
	}
	out := strings.Join(docs, sep)
	if o.format == "ansi" {
		// glamour starts with a blank line; `show 1 | head -1` should
		// give the title.
		return a.writeANSI(w, strings.TrimPrefix(out, "\n"))
	}
	_, err := io.WriteString(w, out)
	return err
}

// writeANSI writes styled text, its colours reduced to what the output
// supports.
func (a *app) writeANSI(w io.Writer, s string) error {
	cw := &colorprofile.Writer{Forward: w, Profile: a.colorProfile()}
	_, err := io.WriteString(cw, s)
	return err
}

// aboutJSON writes the about page, which is no talk, as an object with
// the document's title and the page's markdown.
func aboutJSON(w io.Writer, title, markdown string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Title    string `json:"title"`
		Markdown string `json:"markdown"`
	}{title, markdown})
}

// ---- the notes, the terminal ----

// document loads the notes: the embedded ones, or --notes.
func (a *app) document() (*notes.Document, error) {
	if a.doc != nil {
		return a.doc, nil
	}
	if a.notesFile == "" {
		doc, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
		a.doc = doc
		return doc, err
	}
	// The parser reads the open file into one buffer sized from its
	// length, rather than os.ReadFile's copy and a second one.
	f, err := os.Open(a.notesFile)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	defer f.Close()
	doc, err := notes.ParseNamed(a.notesFile, f)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	// Problems the parser got past (a rating word that disagrees with
	// the stars, a talk without a rating line) are worth knowing, as a
	// compiler's warnings are; the output is made all the same.
	for _, w := range doc.Warnings {
		fmt.Fprintf(a.stderr, "golanguk: warning: %s\n", w)
	}
	a.doc = doc
	return doc, nil
}

func (a *app) render() *ui.Renderer {
	if a.renderer == nil {
		a.renderer = ui.NewRenderer()
	}
	return a.renderer
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(xterm.File)
	return ok && xterm.IsTerminal(f.Fd())
}

func (a *app) isTerminal() bool {
	if a.terminal != nil {
		return *a.terminal
	}
	return isTerminal(a.stdout)
}

// styled reports whether output gets terminal styling (the table, ANSI):
// on a terminal, or when CLICOLOR_FORCE asks for colour in a pipe.
func (a *app) styled() bool {
	if a.isTerminal() {
		return true
	}
	force, _ := strconv.ParseBool(os.Getenv("CLICOLOR_FORCE"))
	return force && os.Getenv("NO_COLOR") == ""
}

// width is the width to render at: the terminal's, at most 120, or 80
// when not on a terminal.
func (a *app) width() int {
	const maxWidth, pipeWidth = 120, 80
	if a.termWidth > 0 {
		return min(a.termWidth, maxWidth)
	}
	if !a.isTerminal() {
		return pipeWidth
	}
	f, ok := a.stdout.(xterm.File)
	if !ok {
		return pipeWidth
	}
	w, _, err := xterm.GetSize(f.Fd())
	if err != nil || w <= 0 {
		return pipeWidth
	}
	return min(w, maxWidth)
}

// style resolves the glamour style for ANSI output, asked for or on a
// terminal, so it is resolved as for a terminal. The terminal is asked for
// its background only when that decides the style.
func (a *app) style(flag string) string {
	style := ui.ResolveStyle(flag, true, true)
	if style != ui.ResolveStyle(flag, true, false) {
		style = ui.ResolveStyle(flag, true, a.darkBackground())
	}
	return style
}

func (a *app) darkBackground() bool {
	if a.dark != nil {
		return *a.dark
	}
	// COLORFGBG ("15;0": light text on black) answers without a round trip.
	if v := os.Getenv("COLORFGBG"); v != "" {
		bg, err := strconv.Atoi(v[strings.LastIndexByte(v, ';')+1:])
		if err == nil {
			return bg != 7 && bg < 9 || bg > 15
		}
	}
	in, ok1 := a.stdin.(xterm.File)
	out, ok2 := a.stdout.(xterm.File)
	if !ok1 || !ok2 {
		return true
	}
	return lipgloss.HasDarkBackground(in, out)
}

// colorProfile is what colours the output can take. NO_COLOR keeps bold
// and underline but no colour.
func (a *app) colorProfile() colorprofile.Profile {
	env := os.Environ()
	if os.Getenv("NO_COLOR") != "" {
		return colorprofile.ASCII
	}
	if a.terminal == nil && isTerminal(a.stdout) {
		return ui.ColorProfile(a.stdout)
	}
	// Not a terminal (or a test acting as one), yet ANSI was asked for:
	// go by the environment, and pass colours through if it says nothing.
	p := colorprofile.Env(env)
	if p < colorprofile.ANSI {
		p = colorprofile.TrueColor
	}
	return p
}

// ---- completion ----

func fixedCompletions(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeTalks completes TALK with numbers and slugs, titles as
// descriptions.
func (a *app) completeTalks(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	doc, err := a.document()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []string
	for _, t := range doc.Talks {
		for _, c := range []string{strconv.Itoa(t.Number), t.Slug} {
			if strings.HasPrefix(c, toComplete) {
				out = append(out, c+"\t"+t.Title)
			}
		}
	}
	if len(out) == 0 {
		return completeTalkQuery(doc, toComplete) // completion.go
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

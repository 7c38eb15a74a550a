package main

import (
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui"
)

type showOptions struct {
	format string
	width  int
	style  string
	all    bool

	outline, links bool // show --outline, --links: the reading aids as text
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
golanguk show 3 --style light --width 72
golanguk show 13 --outline
golanguk show 19 --links | cut -f2`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("show needs a TALK: a talk number, a slug or a query")
			}
			for i, arg := range args {
				if strings.TrimSpace(arg) == "" {
					return usageErrorf("TALK %d is empty: give a talk number, a slug or a query", i+1)
				}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.show(cmd.OutOrStdout(), args, o)
		},
		ValidArgsFunction: a.completeTalks,
	}
	addRenderFlags(cmd, &o)
	cmd.Flags().BoolVarP(&o.all, "all", "a", false, "print every talk matching the query, not only the best")
	cmd.Flags().BoolVar(&o.outline, "outline", false, "print the talk's outline: its ### and #### headings, one a line, indented by level")
	cmd.Flags().BoolVar(&o.links, "links", false, "print the talk's links and images as number<TAB>url<TAB>text, in reading order")
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
	_ = cmd.RegisterFlagCompletionFunc("style", completeStyles)
}

// show prints the talks refs name, each resolved on its own (a number,
// a slug or a query), in the order given: `golanguk show 1 2 19`, and
// `... | xargs golanguk show`. A ref that finds nothing is said on
// stderr, the others are printed all the same, and the status is its
// error's (1 for a query that matches nothing).
func (a *app) show(w io.Writer, refs []string, o showOptions) error {
	if err := a.checkRender(&o); err != nil {
		return err
	}
	if err := checkAids(o); err != nil {
		return err
	}
	doc, err := a.document()
	if err != nil {
		return err
	}
	var hits []notes.Hit
	var fromQuery bool
	failed := 0
	for _, ref := range refs {
		found, q, err := a.find(doc, ref)
		var e *exitError
		if err != nil && len(refs) > 1 && errors.As(err, &e) {
			a.printLine(err)
			failed = max(failed, e.code)
			continue
		}
		if err != nil {
			return err
		}
		if !o.all {
			found = found[:1]
		}
		hits, fromQuery = append(hits, found...), fromQuery || q
	}
	if len(hits) == 0 {
		return &exitError{failed, errReported}
	}
	write := func() error { return a.writeTalks(w, hits, fromQuery, o.all || len(refs) > 1, o) }
	if o.outline || o.links {
		write = func() error { return a.writeAids(w, hits, o) }
	}
	if err := write(); err != nil {
		return err
	}
	if failed > 0 {
		return &exitError{failed, errReported}
	}
	return nil
}

// writeTalks writes hits in o's format; JSON is an array for several
// talks (list is true), else one object.
func (a *app) writeTalks(w io.Writer, hits []notes.Hit, fromQuery, list bool, o showOptions) error {
	if o.format == "json" {
		if list {
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
	if err := q.Check(); err != nil {
		return nil, true, usageErrorf("%v", err)
	}
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
		if a.term.Styled() {
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
		return checkStyle("GLAMOUR_STYLE", a.term.Env.Getenv("GLAMOUR_STYLE"))
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
	_, err := ui.LoadStyle(style)
	if errors.Is(err, fs.ErrNotExist) {
		return usageErrorf("unknown %s %q (%s, or a JSON style file)", name, style, strings.Join(ui.StyleNames, ", "))
	}
	if err != nil {
		return usageErrorf("%s %q: %v", name, style, errText(err))
	}
	return nil
}

// format produces one document in o.format: display is the markdown made
// for reading (for plain text), source the markdown to print as is, and
// render the ANSI rendering.
func (a *app) format(display, source func() string, o showOptions, render func(width int, style string) (string, error)) (string, error) {
	switch o.format {
	case "markdown":
		return source(), nil
	case "plain":
		return notes.PlainTextWidth(display(), o.width), nil
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
	cw := &colorprofile.Writer{Forward: w, Profile: a.term.ColorProfile()}
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

// width is the width to render at: the terminal's, at most 120, or 80
// when not on a terminal.
func (a *app) width() int {
	const maxWidth, pipeWidth = 120, 80
	if !a.term.IsTerminal || a.term.Width <= 0 {
		return pipeWidth
	}
	return min(a.term.Width, maxWidth)
}

// style resolves the glamour style for ANSI output, asked for or on a
// terminal, so it is resolved as for a terminal. The terminal is asked for
// its background only when that decides the style.
func (a *app) style(flag string) string {
	env := a.term.Env
	style := ui.ResolveStyle(flag, env, true, true)
	if style != ui.ResolveStyle(flag, env, true, false) {
		style = ui.ResolveStyle(flag, env, true, a.term.DarkBackground())
	}
	return style
}

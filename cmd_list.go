package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui"
)

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
			"whose title, speaker or notes match every term of it, best match first.\n\n" +
			queryHelp,
		Example: `golanguk list --query "error handling"
golanguk list -m 8
golanguk list --sort title | cut -f4
golanguk list --json | jq -r '.[] | select(.stars >= 7) | .title'
golanguk list --json | jq -r '.[] | select(.read | not) | .title'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.list(cmd.OutOrStdout(), o, cmd.Flags().Changed("sort"))
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	f := cmd.Flags()
	f.StringVarP(&o.query, "query", "q", "", "keep talks matching the query (title, speaker, notes; see Query syntax)")
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
	if len(doc.Talks) > largeDocument {
		boundHeapRoom(a.term.Env, 6)
	}
	hits := doc.Search(q)
	switch {
	case o.json:
		err = writeListJSON(w, hits, q.Text != "", a.readMarks(slugs(doc)))
	case a.term.Styled():
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
	if err := q.Check(); err != nil {
		return q, usageErrorf("%v", err) // an impossible query: stars:>=11
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

// queryHelp is the short table of the query syntax, for list --help and
// the man page (README's Query syntax section has it whole).
const queryHelp = "Query syntax (fzf's extended search, plus fields): " +
	"a space is AND; | between terms is OR; word is fuzzy; 'word exact; 'word' exact at word boundaries; " +
	"^word a prefix; word$ a suffix; ^word$ equal; !word excludes an exact match; !'word a fuzzy one; \\ before a space or a sigil makes it literal; " +
	"title:, speaker:, notes: and link: limit a term to a field; stars:7, stars:>=7, stars:<4 and stars:5..7 " +
	"filter the rating; has:code, has:link and has:image what the notes hold."

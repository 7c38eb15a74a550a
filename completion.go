package main

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui"
)

// completeTalkQuery completes a TALK that is no prefix of a number or slug
// ("sol", "cheney") with the slugs of the talks whose title or speaker it
// matches, best first, titles as descriptions. Shells that match
// candidates by substring or fuzzily (fish, zsh with a matcher-list) offer
// them; bash keeps only prefix matches, so there it completes nothing, as
// before.
func completeTalkQuery(doc *notes.Document, toComplete string) ([]string, cobra.ShellCompDirective) {
	const directive = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
	if toComplete == "" {
		return nil, directive
	}
	var out []string
	for _, h := range doc.Search(notes.Query{Text: toComplete, Sort: notes.SortRelevance}) {
		if h.Field == notes.FieldTitle || h.Field == notes.FieldSpeaker {
			out = append(out, h.Talk.Slug+"\t"+h.Talk.Title)
		}
	}
	return out, directive
}

// completeStyles completes --style with glamour's style names or a file
// (a JSON style).
func completeStyles(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return ui.StyleNames, cobra.ShellCompDirectiveDefault
}

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
	a.offline = true // a TAB must not wait on the network
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
		return completeTalkQuery(doc, toComplete)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

package main

import (
	"fmt"
	"io"
	"reflect"
	"strings"

	"charm.land/bubbles/v2/key"
	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"

	"github.com/golanguk/golanguk/ui"
)

// exitStatuses are golanguk's exit statuses, for --help and the man page.
var exitStatuses = []struct {
	code int
	what string
}{
	{0, "success, also when the reader of a pipe goes away"},
	{1, "nothing matched: list -q or show found no talk"},
	{2, "usage error: an unknown command or flag, a bad flag value or query, a talk that does not exist, notes or a style that cannot be read, a failed write to standard output"},
	{130, "pick mode left without a choice (esc, ctrl+c, ctrl+g, ctrl+q)"},
}

// environment is what golanguk reads from its environment.
var environment = []struct{ name, what string }{
	{"NO_COLOR", "no colour anywhere; on a terminal the notes keep bold, italic, underline and marked code spans"},
	{"CLICOLOR_FORCE", "colour even when piped (NO_COLOR still wins)"},
	{"GLAMOUR_STYLE", "the glamour style of rendered notes, as in glow (--style wins)"},
	{"COLORFGBG", "tells a light background from a dark one without asking the terminal"},
	{"BROWSER", "the program o, and enter in the links view, open links with"},
	{"VISUAL, EDITOR", "the editor e opens the --notes file in (VISUAL first; default vi), at the section being read for editors that take +N"},
	{"XDG_CACHE_HOME", "where notes fetched from a URL are cached (default ~/.cache)"},
	{"XDG_STATE_HOME", "where your place and read marks are kept, and serve's host key (default ~/.local/state)"},
	{"GOMEMLIMIT", "the Go runtime's soft memory limit; set, it replaces the browser's own for large notes"},
}

// manCmd prints the man page: mango's from the command tree, with the
// keys (from the browser's key map), the environment, the exit statuses
// and the files, which the command tree does not hold.
func (a *app) manCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "Print the man page: keys, environment, exit statuses and files too",
		Example: `golanguk man | man -l -
golanguk man > ~/.local/share/man/man1/golanguk.1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			page, err := mcobra.NewManPage(1, cmd.Root())
			if err != nil {
				return err
			}
			page.WithSection("Query syntax", queryHelp).
				WithSection("Keys", manKeys(ui.DefaultKeyMap())).
				WithSection("Environment", manList(environmentLines())).
				WithSection("Exit status", manList(exitLines())).
				WithSection("Files", manList([]string{
					"$XDG_CACHE_HOME/golanguk/ (~/.cache/golanguk/): notes fetched with --notes URL, with their ETag or Last-Modified",
					"$XDG_STATE_HOME/golanguk/state.json (~/.local/state/golanguk/state.json): your place and read marks, per notes file (golanguk state --path, --clear); state.lock beside it; a corrupt one is moved aside as state.json.bad-TIMESTAMP",
					"$XDG_STATE_HOME/golanguk/ssh_host_ed25519_key: serve's host key, made on first start",
				}))
			_, err = io.WriteString(cmd.OutOrStdout(), page.Build(roff.NewDocument()))
			return err
		},
	}
}

func environmentLines() []string {
	var out []string
	for _, e := range environment {
		out = append(out, e.name+": "+e.what)
	}
	return out
}

func exitLines() []string {
	var out []string
	for _, e := range exitStatuses {
		out = append(out, fmt.Sprintf("%d: %s", e.code, e.what))
	}
	return out
}

// manList is lines as a roff list (mango makes a list of lines that
// start with "*").
func manList(lines []string) string {
	return "*" + strings.Join(lines, "\n*")
}

// manKeys lists every binding of k with help, group by group (the key
// map's Global, List, Search, Detail and Pick), as "keys: what".
func manKeys(k ui.KeyMap) string {
	var b strings.Builder
	v := reflect.ValueOf(k)
	for i := range v.NumField() {
		group := v.Type().Field(i).Name
		var lines []string
		g := v.Field(i)
		for j := range g.NumField() {
			bd, ok := g.Field(j).Interface().(key.Binding)
			if !ok || bd.Help().Key == "" {
				continue
			}
			lines = append(lines, bd.Help().Key+": "+bd.Help().Desc)
		}
		if len(lines) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString(group + "\n" + manList(lines))
	}
	return b.String()
}

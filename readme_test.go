package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui"
)

// readmeText returns README.md.
func readmeText(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readmeSection returns the part of the README under the heading line
// (such as "## Keys") up to the next heading of the same or a higher
// level.
func readmeSection(t *testing.T, readme, heading string) string {
	t.Helper()
	level := strings.Index(heading, " ")
	var b strings.Builder
	in, fenced := false, false
	for _, l := range strings.SplitAfter(readme, "\n") {
		line := strings.TrimSuffix(l, "\n")
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
		}
		if !fenced {
			if line == heading {
				in = true
				continue
			}
			if n := headingLevel(line); in && n > 0 && n <= level {
				break
			}
		}
		if in {
			b.WriteString(l)
		}
	}
	if !in {
		t.Fatalf("README has no %q heading", heading)
	}
	return b.String()
}

// headingLevel is the number of #s of a markdown heading line, 0 if l is
// not one.
func headingLevel(l string) int {
	n := 0
	for n < len(l) && l[n] == '#' {
		n++
	}
	if n == 0 || n >= len(l) || l[n] != ' ' {
		return 0
	}
	return n
}

// codeBlocks returns the contents of the fenced code blocks of md whose
// info string is lang.
func codeBlocks(md, lang string) []string {
	var blocks []string
	var cur *strings.Builder
	for _, l := range strings.Split(md, "\n") {
		switch {
		case cur == nil && l == "```"+lang:
			cur = &strings.Builder{}
		case cur != nil && l == "```":
			blocks = append(blocks, cur.String())
			cur = nil
		case cur != nil:
			cur.WriteString(l + "\n")
		}
	}
	return blocks
}

// ---- set-up ----

// TestREADMEStartsWithSetup checks that the first thing a newcomer reads is
// the two commands that run the program and its tests.
func TestREADMEStartsWithSetup(t *testing.T) {
	readme := readmeText(t)
	lines := strings.Split(readme, "\n")
	if lines[0] != "# golanguk" {
		t.Errorf("README starts with %q, want the title", lines[0])
	}
	first := strings.Index(readme, "```")
	if h := strings.Index(readme, "\n## "); h >= 0 && h < first {
		t.Fatalf("README's first code block comes after the first section")
	}
	blocks := codeBlocks(readme, "sh")
	if len(blocks) == 0 || strings.Index(readme, "```sh") != first {
		t.Fatal("README's first code block is not a sh block")
	}
	var cmds []string
	for _, l := range strings.Split(strings.TrimSpace(blocks[0]), "\n") {
		cmd, _, _ := strings.Cut(l, "#")
		cmds = append(cmds, strings.TrimSpace(cmd))
	}
	if want := []string{"go run .", "go test ./..."}; !slices.Equal(cmds, want) {
		t.Errorf("README's first commands are %q, want %q", cmds, want)
	}
}

// ---- keys ----

// readmeKeyGroups names the README's "#### " heading under "## Keys" for
// each field of ui.KeyMap.
var readmeKeyGroups = map[string]string{
	"Global": "Everywhere",
	"List":   "List",
	"Search": "Search",
	"Detail": "Notes",
	"Pick":   "Pick",

	"Outline": "Outline",
	"Links":   "Links",
}

// keyRow is one row of a README key table.
type keyRow struct {
	keys   []string // as the key map spells them
	action string
	line   string
}

// readmeKeyRows reads the table under "#### heading" in the Keys section.
func readmeKeyRows(t *testing.T, keysSection, heading string) []keyRow {
	t.Helper()
	sec := readmeSection(t, keysSection, "#### "+heading)
	var rows []keyRow
	for _, l := range strings.Split(sec, "\n") {
		if !strings.HasPrefix(l, "|") || strings.HasPrefix(l, "| Keys") || strings.HasPrefix(l, "| ---") {
			continue
		}
		cells := strings.Split(strings.Trim(l, "|"), "|")
		if len(cells) != 2 {
			t.Errorf("%s: key table row without two cells: %q", heading, l)
			continue
		}
		rows = append(rows, keyRow{keys: readmeKeys(t, cells[0]), action: strings.TrimSpace(cells[1]), line: l})
	}
	if len(rows) == 0 {
		t.Errorf("README has no key table under %q", heading)
	}
	return rows
}

var backticked = regexp.MustCompile("`([^`]+)`")

// readmeKeys reads a keys cell ("`↑` `k`", "`1-9` `0`") into key names as
// the key map has them ("up", "k", "1", ..., "9", "0").
func readmeKeys(t *testing.T, cell string) []string {
	t.Helper()
	var keys []string
	for _, m := range backticked.FindAllStringSubmatch(cell, -1) {
		k := m[1]
		switch {
		case k == "↑":
			k = "up"
		case k == "↓":
			k = "down"
		case len(k) == 3 && k[1] == '-' && k[0] >= '0' && k[2] <= '9' && k[0] < k[2]:
			for d := k[0]; d <= k[2]; d++ {
				keys = append(keys, string(d))
			}
			continue
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		t.Errorf("key cell %q names no key", cell)
	}
	return keys
}

// keyMapGroups returns the bindings of the default key map by group, found
// by reflection so that a binding added to the key map is checked without
// touching this test.
func keyMapGroups(t *testing.T) map[string]map[string]key.Binding {
	t.Helper()
	groups := map[string]map[string]key.Binding{}
	km := reflect.ValueOf(ui.DefaultKeyMap())
	bindingType := reflect.TypeFor[key.Binding]()
	for i := range km.NumField() {
		gf := km.Type().Field(i)
		g := km.Field(i)
		if g.Kind() != reflect.Struct {
			t.Fatalf("ui.KeyMap.%s is a %s, not a group of bindings", gf.Name, g.Type())
		}
		bs := map[string]key.Binding{}
		for j := range g.NumField() {
			if g.Type().Field(j).Type != bindingType {
				t.Fatalf("ui.KeyMap.%s.%s is a %s, not a key.Binding", gf.Name, g.Type().Field(j).Name, g.Type().Field(j).Type)
			}
			bs[g.Type().Field(j).Name] = g.Field(j).Interface().(key.Binding)
		}
		groups[gf.Name] = bs
	}
	return groups
}

// TestREADMEKeyTable checks the README's key tables against the key map:
// every binding has a row with exactly its keys whose action starts with
// its help text, and every row is a binding.
func TestREADMEKeyTable(t *testing.T) {
	keysSection := readmeSection(t, readmeText(t), "## Keys")
	groups := keyMapGroups(t)
	if len(groups) == 0 {
		t.Fatal("ui.DefaultKeyMap has no groups")
	}
	for group, bindings := range groups {
		heading, ok := readmeKeyGroups[group]
		if !ok {
			t.Errorf("ui.KeyMap.%s has no README key table: add a #### heading for it and name it in readmeKeyGroups", group)
			continue
		}
		t.Run(group, func(t *testing.T) {
			rows := readmeKeyRows(t, keysSection, heading)
			used := make([]bool, len(rows))
			for name, b := range bindings {
				h := b.Help()
				if len(b.Keys()) == 0 || h.Desc == "" {
					t.Errorf("%s.%s has no keys or no help text", group, name)
					continue
				}
				found := false
				for i, r := range rows {
					if used[i] || !slices.Equal(sortedCopy(r.keys), sortedCopy(b.Keys())) {
						continue
					}
					if r.action != h.Desc && !strings.HasPrefix(r.action, h.Desc+" — ") {
						t.Errorf("%s.%s (%q): README says %q, the key map's help says %q", group, name, b.Keys(), r.action, h.Desc)
					}
					used[i] = true
					found = true
					break
				}
				if !found {
					t.Errorf("%s.%s: README's %q table has no row for keys %q (%s)", group, name, heading, b.Keys(), h.Desc)
				}
			}
			for i, r := range rows {
				if !used[i] {
					t.Errorf("README's %q table has a row for keys %q that no binding of ui.KeyMap.%s has: %s", heading, r.keys, group, r.line)
				}
			}
		})
	}
	for _, heading := range readmeKeyGroups {
		if !strings.Contains(keysSection, "\n#### "+heading+"\n") {
			t.Errorf("README's Keys section lacks the %q table", heading)
		}
	}
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// TestREADMEKeyRowsParse guards the table reader against reading nothing:
// a row it must understand, and one it must reject.
func TestREADMEKeyRowsParse(t *testing.T) {
	md := "## Keys\n\n#### List\n\n| Keys | Action |\n| --- | --- |\n| `↑` `k` | up |\n| `1-3` `0` | min ★ — more |\n\n#### Other\n\n| Keys | Action |\n| --- | --- |\n| `x` | not list |\n"
	rows := readmeKeyRows(t, readmeSection(t, md, "## Keys"), "List")
	if len(rows) != 2 {
		t.Fatalf("read %d rows, want 2: %+v", len(rows), rows)
	}
	if want := []string{"up", "k"}; !slices.Equal(rows[0].keys, want) || rows[0].action != "up" {
		t.Errorf("row 1 = %q %q, want %q up", rows[0].keys, rows[0].action, want)
	}
	if want := []string{"1", "2", "3", "0"}; !slices.Equal(rows[1].keys, want) || rows[1].action != "min ★ — more" {
		t.Errorf("row 2 = %q %q, want %q", rows[1].keys, rows[1].action, want)
	}
}

// ---- the notes format ----

// TestREADMENotesExample parses the README's example notes file and checks
// it says what the README says it does.
func TestREADMENotesExample(t *testing.T) {
	sec := readmeSection(t, readmeText(t), "## The notes format")
	blocks := codeBlocks(sec, "markdown")
	if len(blocks) != 1 {
		t.Fatalf("the notes format section has %d markdown examples, want 1", len(blocks))
	}
	doc, err := notes.ParseNamed("README.md", strings.NewReader(blocks[0]))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Warnings) > 0 {
		t.Errorf("the example draws warnings: %v", doc.Warnings)
	}
	if doc.Title != "GopherCon 2024 notes" {
		t.Errorf("title %q", doc.Title)
	}
	if len(doc.Sections) != 1 || doc.Sections[0].Title != "About us" {
		t.Errorf("sections %+v, want only About us", doc.Sections)
	}
	type want struct {
		number         int
		title, slug    string
		speaker, url   string
		stars, nimages int
	}
	wants := []want{
		{1, "Keynote: Go at ten", "keynote-go-at-ten", "Jane Doe", "https://example.com/jane", 7, 1},
		{2, "Café in Zürich", "cafe-in-zurich", "Max Muster", "https://example.com/max", 4, 0},
	}
	if len(doc.Talks) != len(wants) {
		t.Fatalf("%d talks, want %d", len(doc.Talks), len(wants))
	}
	for i, w := range wants {
		tk := doc.Talks[i]
		got := want{tk.Number, tk.Title, tk.Slug, tk.Speaker, tk.SpeakerURL, tk.Stars, len(tk.Images)}
		if got != w {
			t.Errorf("talk %d = %+v, want %+v", i+1, got, w)
		}
		if !strings.Contains(sec, "`"+w.slug+"`") {
			t.Errorf("the notes format section does not name the slug %q", w.slug)
		}
	}
}

// ---- commands ----

// readmeCommand is a golanguk command line from the README: the args up
// to the first pipe or redirection.
type readmeCommand struct {
	line string
	args []string
	json bool // piped into jq
}

// readmeCommands returns the golanguk command lines of the README's sh
// blocks.
func readmeCommands(t *testing.T, readme string) []readmeCommand {
	t.Helper()
	var cmds []readmeCommand
	for _, b := range codeBlocks(readme, "sh") {
		for _, l := range strings.Split(b, "\n") {
			if !strings.HasPrefix(l, "golanguk") {
				continue
			}
			words, rest := shellWords(t, l)
			cmds = append(cmds, readmeCommand{
				line: l,
				args: words[1:],
				json: strings.HasPrefix(strings.TrimSpace(rest), "| jq"),
			})
		}
	}
	return cmds
}

// shellWords splits a simple shell command line into words, honouring
// single and double quotes, up to an unquoted |, >, < or #; rest is what
// follows.
func shellWords(t *testing.T, l string) (words []string, rest string) {
	t.Helper()
	var w strings.Builder
	inWord := false
	var quote rune
	for i, r := range l {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case r == '|' || r == '>' || r == '<' || r == '#':
			rest = l[i:]
			goto done
		case r == '$' || r == '`':
			t.Fatalf("README command %q needs a real shell; keep README commands simple", l)
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
done:
	if quote != 0 {
		t.Fatalf("unterminated quote in README command %q", l)
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, rest
}

// TestREADMECommands runs every golanguk command of the README (its
// golanguk part, before any pipe) and checks it succeeds and prints
// something; commands piped into jq must print JSON.
func TestREADMECommands(t *testing.T) {
	cleanEnv(t)
	readme := readmeText(t)
	cmds := readmeCommands(t, readme)
	if len(cmds) < 20 {
		t.Fatalf("found only %d golanguk commands in README", len(cmds))
	}
	// The README's "your own notes" commands read ~/notes/gophercon.md:
	// give them the README's own example notes file.
	example := codeBlocks(readmeSection(t, readme, "## The notes format"), "markdown")
	if len(example) != 1 {
		t.Fatal("README has no example notes file")
	}
	notesFile := filepath.Join(t.TempDir(), "gophercon.md")
	if err := os.WriteFile(notesFile, []byte(example[0]), 0o600); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range cmds {
		if seen[c.line] {
			continue
		}
		seen[c.line] = true
		args := slices.Clone(c.args)
		for i, a := range args {
			if strings.HasPrefix(a, "~/notes/") {
				args[i] = notesFile
			}
		}
		if len(args) > 0 && args[0] == "man" {
			continue // fang writes the man page to os.Stdout itself: see TestManPage
		}
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := cli(t, args)
			if r.code != 0 {
				t.Fatalf("%s\nexit %d, stderr %q", c.line, r.code, r.stderr)
			}
			if strings.TrimSpace(r.stdout) == "" {
				t.Fatalf("%s\nprinted nothing", c.line)
			}
			if c.json && !json.Valid([]byte(r.stdout)) {
				t.Errorf("%s\nis piped into jq but prints no JSON: %.200q", c.line, r.stdout)
			}
		})
	}
}

// TestREADMECommandsForEveryMode checks the README shows every command and
// every show format.
func TestREADMECommandsForEveryMode(t *testing.T) {
	readme := readmeText(t)
	cmds := readmeCommands(t, readme)
	has := func(pred func(args []string) bool) bool {
		return slices.ContainsFunc(cmds, func(c readmeCommand) bool { return pred(c.args) })
	}
	checks := map[string]func([]string) bool{
		"browse":          func(a []string) bool { return len(a) == 0 },
		"list --json":     func(a []string) bool { return len(a) > 0 && a[0] == "list" && slices.Contains(a, "--json") },
		"list --query":    func(a []string) bool { return len(a) > 0 && a[0] == "list" && slices.Contains(a, "-q") },
		"about":           func(a []string) bool { return len(a) > 0 && a[0] == "about" },
		"--notes":         func(a []string) bool { return slices.Contains(a, "--notes") },
		"completion bash": func(a []string) bool { return slices.Equal(a, []string{"completion", "bash"}) },
		"completion zsh":  func(a []string) bool { return slices.Equal(a, []string{"completion", "zsh"}) },
		"completion fish": func(a []string) bool { return slices.Equal(a, []string{"completion", "fish"}) },
		"man":             func(a []string) bool { return slices.Equal(a, []string{"man"}) },
		"--version":       func(a []string) bool { return slices.Equal(a, []string{"--version"}) },
	}
	for _, f := range formats {
		if f == "auto" {
			continue
		}
		checks["show --format "+f] = func(a []string) bool {
			return len(a) > 0 && a[0] == "show" && slices.Contains(a, "--format") && a[slices.Index(a, "--format")+1] == f
		}
	}
	for name, pred := range checks {
		if !has(pred) {
			t.Errorf("README shows no %s command", name)
		}
	}
	for _, s := range []string{"golanguk > talk.md", "pbcopy", "xclip"} {
		if !strings.Contains(readme, s) {
			t.Errorf("README lacks %q", s)
		}
	}
	// Exit codes and colour variables are documented.
	for _, s := range []string{"NO_COLOR", "CLICOLOR_FORCE", "GLAMOUR_STYLE", "| 130 |", "| 2 |", "| 1 |", "| 0 |", "## Performance"} {
		if !strings.Contains(readme, s) {
			t.Errorf("README lacks %q", s)
		}
	}
}

// TestREADMECredits checks the README credits every author named in the
// notes' "About us" section, and the sponsor.
func TestREADMECredits(t *testing.T) {
	credits := readmeSection(t, readmeText(t), "## Credits")
	doc := embedded(t)
	var about string
	for _, s := range doc.Sections {
		if s.Title == "About us" {
			about = s.Markdown
		}
	}
	if about == "" {
		t.Fatal("the notes have no About us section")
	}
	// "- Hernán Kleiman - https://twitter.com/justiniano"
	author := regexp.MustCompile(`(?m)^- (.+?) - (https://\S+)$`)
	ms := author.FindAllStringSubmatch(about, -1)
	if len(ms) < 5 {
		t.Fatalf("found %d authors in About us, want 5", len(ms))
	}
	for _, m := range ms {
		if !strings.Contains(credits, "["+m[1]+"]("+m[2]+")") {
			t.Errorf("Credits lack [%s](%s)", m[1], m[2])
		}
	}
	sponsor := regexp.MustCompile(`Sponsored by (.+)`).FindStringSubmatch(about)
	if sponsor == nil || !strings.Contains(credits, sponsor[1]) {
		t.Errorf("Credits lack the sponsor %q", sponsor)
	}
}

// TestREADMEImages checks the README's images exist under .github.
func TestREADMEImages(t *testing.T) {
	img := regexp.MustCompile(`^!\[[^\]]*\]\(([^)]+)\)$`)
	var ms [][]string
	fenced := false
	for _, l := range strings.Split(readmeText(t), "\n") {
		if strings.HasPrefix(l, "```") {
			fenced = !fenced
		}
		if m := img.FindStringSubmatch(l); m != nil && !fenced {
			ms = append(ms, m)
		}
	}
	if len(ms) < 2 {
		t.Fatalf("README shows %d images, want the browser and show", len(ms))
	}
	for _, m := range ms {
		p := m[1]
		if !strings.HasPrefix(p, ".github/") {
			t.Errorf("image %s is not under .github/", p)
		}
		st, err := os.Stat(p)
		if err != nil {
			t.Error(err)
			continue
		}
		if st.Size() < 10_000 {
			t.Errorf("image %s is only %s bytes", p, strconv.FormatInt(st.Size(), 10))
		}
	}
}

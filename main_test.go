package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/golanguk/golanguk/data"
	"github.com/golanguk/golanguk/notes"
	"github.com/golanguk/golanguk/ui"
)

// cliResult is what one run of the command line gave.
type cliResult struct {
	code           int
	stdout, stderr string
}

// cli runs the command line with args through the cobra command tree,
// stdout and stderr in buffers: output is piped unless an option makes the
// app act as if on a terminal.
func cli(t *testing.T, args []string, opts ...func(*app)) cliResult {
	t.Helper()
	var out, errs bytes.Buffer
	// Piped, in the test's environment (as it is when cli is called), and
	// with no controlling terminal to open.
	term := ui.Terminal{In: strings.NewReader(""), Out: &out, Env: os.Environ()}
	a := &app{term: term, stderr: &errs}
	for _, o := range opts {
		o(a)
	}
	code := a.run(context.Background(), args)
	return cliResult{code, out.String(), errs.String()}
}

// onTerminal makes the app act as if stdout were a terminal width columns
// wide with a dark background (the answer when the streams are no files
// and COLORFGBG, which cleanEnv clears, says nothing).
func onTerminal(width int) func(*app) {
	return func(a *app) {
		a.term.IsTerminal, a.term.Width = true, width
	}
}

// cleanEnv clears the variables that change colour and style, so tests do
// not depend on the environment they run in.
func cleanEnv(t *testing.T) {
	t.Helper()
	for _, v := range []string{"NO_COLOR", "GLAMOUR_STYLE", "CLICOLOR", "CLICOLOR_FORCE", "COLORFGBG", "TTY_FORCE"} {
		t.Setenv(v, "")
	}
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("COLORTERM", "")
}

func embedded(t testing.TB) *notes.Document {
	t.Helper()
	d, err := notes.ParseNamed(data.Name, bytes.NewReader(data.Notes()))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func lines(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// ---- list ----

func TestListPiped(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	for _, args := range [][]string{{"list"}, {}} {
		t.Run(strings.Join(append([]string{"golanguk"}, args...), " "), func(t *testing.T) {
			r := cli(t, args)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			got := lines(r.stdout)
			if len(got) != len(doc.Talks) {
				t.Fatalf("%d lines, want %d", len(got), len(doc.Talks))
			}
			for i, tk := range doc.Talks {
				want := fmt.Sprintf("%d\t%d\t%s\t%s\t%s", tk.Number, tk.Stars, tk.Slug, tk.Title, tk.Speaker)
				if got[i] != want {
					t.Errorf("line %d = %q, want %q", i+1, got[i], want)
				}
			}
			checkOutput(t, "plain", r.stdout)
		})
	}
}

func TestListTerminal(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	for _, width := range []int{120, 80, 50} {
		t.Run(strconv.Itoa(width), func(t *testing.T) {
			r := cli(t, []string{"list"}, onTerminal(width))
			if r.code != 0 {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			if !strings.Contains(r.stdout, "\x1b[") {
				t.Error("no colour on a terminal")
			}
			checkOutput(t, "ansi", r.stdout)
			rows := lines(ansi.Strip(r.stdout))
			if len(rows) != len(doc.Talks) {
				t.Fatalf("%d rows, want %d", len(rows), len(doc.Talks))
			}
			starCol := -1
			for i, row := range rows {
				tk := doc.Talks[i]
				if w := ansi.StringWidth(row); w > width {
					t.Errorf("row %d is %d wide, more than %d: %q", i+1, w, width, row)
				}
				stars := strings.Repeat("★", tk.Stars) + strings.Repeat("☆", 10-tk.Stars)
				col := strings.Index(row, stars)
				if col < 0 {
					t.Errorf("row %d lacks its rating %q: %q", i+1, stars, row)
				}
				if starCol >= 0 && col != starCol {
					t.Errorf("row %d: rating at byte %d, row 1 at %d (not aligned)", i+1, col, starCol)
				}
				starCol = col
				if num := strings.TrimSpace(row[:col]); num != strconv.Itoa(tk.Number) {
					t.Errorf("row %d starts with %q, want the number %d", i+1, num, tk.Number)
				}
				title := tk.Title
				if !strings.Contains(row, title) && !strings.Contains(row, "…") {
					t.Errorf("row %d lacks the title %q and is not cut: %q", i+1, title, row)
				}
			}
			if width == 120 {
				for i, tk := range doc.Talks {
					if !strings.Contains(rows[i], tk.Title) || !strings.Contains(rows[i], tk.Speaker) {
						t.Errorf("row %d at 120 columns lacks title or speaker: %q", i+1, rows[i])
					}
				}
			}
		})
	}
}

// sgrColour matches an SGR sequence that sets a colour.
var sgrColour = regexp.MustCompile(`\x1b\[([0-9;:]*;)?(3[0-9]|4[0-9]|9[0-7]|10[0-7])[;:m]`)

func TestListNoColor(t *testing.T) {
	cleanEnv(t)
	t.Setenv("NO_COLOR", "1")
	r := cli(t, []string{"list", "-q", "context"}, onTerminal(100))
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if m := sgrColour.FindString(r.stdout); m != "" {
		t.Errorf("NO_COLOR output has colour %q", m)
	}
	if !strings.Contains(ansi.Strip(r.stdout), "A beginners guide to Context") {
		t.Errorf("NO_COLOR table lacks a talk: %q", r.stdout)
	}
}

func TestListCLIColorForce(t *testing.T) {
	cleanEnv(t)
	t.Setenv("CLICOLOR_FORCE", "1")
	r := cli(t, []string{"list"})
	if !sgrColour.MatchString(r.stdout) {
		t.Errorf("CLICOLOR_FORCE=1 gave no colour when piped: %q", r.stdout[:min(200, len(r.stdout))])
	}
	t.Setenv("NO_COLOR", "1")
	r = cli(t, []string{"list"})
	if strings.Contains(r.stdout, "\x1b") {
		t.Error("NO_COLOR did not win over CLICOLOR_FORCE")
	}
}

func TestListQuery(t *testing.T) {
	cleanEnv(t)
	tests := []struct {
		name  string
		args  []string
		first string // slug of the first talk listed
	}{
		{"title word", []string{"list", "-q", "context"}, "a-beginners-guide-to-context"},
		{"speaker without accents", []string{"list", "--query", "florin"}, ""},
		{"two terms", []string{"list", "-q", "solid design"}, "keynote-solid-go-design"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cli(t, tt.args)
			if r.code != 0 {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			rows := lines(r.stdout)
			if tt.first != "" && strings.Split(rows[0], "\t")[2] != tt.first {
				t.Errorf("first row %q, want %s", rows[0], tt.first)
			}
			if len(rows) >= 21 {
				t.Errorf("the query kept all %d talks", len(rows))
			}
		})
	}
}

func TestListMinStars(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	for n := 0; n <= 10; n++ {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			want := 0
			for _, tk := range doc.Talks {
				if tk.Stars >= n {
					want++
				}
			}
			r := cli(t, []string{"list", "--min-stars", strconv.Itoa(n)})
			if want == 0 {
				if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "rated "+strconv.Itoa(n)) {
					t.Errorf("no talk rated %d: exit %d, stdout %q, stderr %q", n, r.code, r.stdout, r.stderr)
				}
				return
			}
			if r.code != 0 {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			rows := lines(r.stdout)
			if len(rows) != want {
				t.Errorf("%d talks, want %d", len(rows), want)
			}
			for _, row := range rows {
				stars, _ := strconv.Atoi(strings.Split(row, "\t")[1])
				if stars < n {
					t.Errorf("row %q is rated under %d", row, n)
				}
			}
		})
	}
}

func TestListSort(t *testing.T) {
	cleanEnv(t)
	r := cli(t, []string{"list", "--sort", "stars"})
	prev := 11
	for _, row := range lines(r.stdout) {
		stars, _ := strconv.Atoi(strings.Split(row, "\t")[1])
		if stars > prev {
			t.Errorf("--sort stars: %q after a talk rated %d", row, prev)
		}
		prev = stars
	}
	r = cli(t, []string{"list", "--sort", "title"})
	var titles []string
	for _, row := range lines(r.stdout) {
		titles = append(titles, strings.ToLower(strings.Split(row, "\t")[3]))
	}
	if !slices.IsSorted(titles) {
		t.Errorf("--sort title not sorted: %q", titles)
	}
}

// talkObject is the JSON of a talk, decoded strictly.
type talkObject struct {
	Number     int    `json:"number"`
	Slug       string `json:"slug"`
	Title      string `json:"title"`
	Speaker    string `json:"speaker"`
	SpeakerURL string `json:"speaker_url"`
	Links      []struct {
		URL     string `json:"url"`
		Kind    string `json:"kind"`
		Speaker bool   `json:"speaker"`
	} `json:"links"`
	Stars    int    `json:"stars"`
	Markdown string `json:"markdown"`
	Sections []struct {
		Level  int    `json:"level"`
		Title  string `json:"title"`
		Anchor string `json:"anchor"`
		Line   int    `json:"line"`
	} `json:"sections"`
	Read  *bool `json:"read"` // list only
	Match *struct {
		Field     string `json:"field"`
		Positions []int  `json:"positions"`
		Snippet   string `json:"snippet"`
		Terms     []struct {
			Term   string   `json:"term"`
			Query  [2]int   `json:"query"`
			Field  string   `json:"field"`
			Ranges [][2]int `json:"ranges"`
		} `json:"terms"`
	} `json:"match"`
}

func decodeStrict(t *testing.T, s string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decoding %q: %v", s[:min(len(s), 200)], err)
	}
}

func checkTalkObject(t *testing.T, o talkObject, tk *notes.Talk) {
	t.Helper()
	if o.Number != tk.Number || o.Slug != tk.Slug || o.Title != tk.Title || o.Speaker != tk.Speaker ||
		o.SpeakerURL != tk.SpeakerURL || o.Stars != tk.Stars || o.Markdown != tk.Markdown() || o.Links == nil {
		t.Errorf("JSON %+v does not match talk %d %q", o, tk.Number, tk.Title)
	}
	// links: every URL of the talk once, the speaker block's marked.
	var speaker, all []string
	for _, l := range o.Links {
		if l.Speaker {
			speaker = append(speaker, l.URL)
		}
		if slices.Contains(all, l.URL) {
			t.Errorf("talk %d: %s is in links twice", tk.Number, l.URL)
		}
		all = append(all, l.URL)
	}
	if want := append([]string{tk.SpeakerURL}, tk.Links...); !slices.Equal(speaker, want) {
		t.Errorf("talk %d: speaker links %q, want %q", tk.Number, speaker, want)
	}
	for _, u := range talkURLs(tk) {
		if !slices.Contains(all, u) {
			t.Errorf("talk %d: links %q lack %s", tk.Number, all, u)
		}
	}
}

func TestListJSON(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	r := cli(t, []string{"list", "--json"})
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	checkOutput(t, "json", r.stdout)
	var got []talkObject
	decodeStrict(t, r.stdout, &got)
	if len(got) != len(doc.Talks) {
		t.Fatalf("%d talks, want %d", len(got), len(doc.Talks))
	}
	for i, tk := range doc.Talks {
		t.Run(tk.Slug, func(t *testing.T) {
			checkTalkObject(t, got[i], tk)
			if got[i].Match != nil {
				t.Error("match without a query")
			}
			if r := got[i].Read; r == nil || *r {
				t.Errorf("read = %v, want false: nothing is read yet", r)
			}
		})
	}
}

func TestListJSONQuery(t *testing.T) {
	cleanEnv(t)
	r := cli(t, []string{"list", "--json", "-q", "context"})
	var got []talkObject
	decodeStrict(t, r.stdout, &got)
	if len(got) == 0 {
		t.Fatal("no hits")
	}
	for _, o := range got {
		m := o.Match
		if m == nil || m.Positions == nil || !slices.Contains([]string{"title", "speaker", "notes"}, m.Field) {
			t.Fatalf("talk %d: bad match %+v", o.Number, m)
		}
		var field string
		switch m.Field {
		case "title":
			field = o.Title
		case "speaker":
			field = o.Speaker
		case "notes":
			field = m.Snippet
		}
		runes := []rune(field)
		var matched []rune
		for _, p := range m.Positions {
			if p < 0 || p >= len(runes) {
				t.Fatalf("talk %d: position %d outside %q", o.Number, p, field)
			}
			matched = append(matched, runes[p])
		}
		if !strings.EqualFold(string(matched), "context") {
			t.Errorf("talk %d: positions %v in %q spell %q, not context", o.Number, m.Positions, field, string(matched))
		}
	}

	r = cli(t, []string{"list", "--json", "-q", "zzqxjv"})
	if r.code != 1 || strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("no hits: exit %d, stdout %q; want 1 and []", r.code, r.stdout)
	}
}

// ---- show ----

func TestShowMarkdown(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	for _, tk := range doc.Talks {
		t.Run(tk.Slug, func(t *testing.T) {
			for _, args := range [][]string{
				{"show", strconv.Itoa(tk.Number)},                                // auto, piped
				{"show", tk.Slug, "--format", "markdown"},                        // by slug
				{"show", strings.ToUpper(tk.Slug), "-f", "markdown", "-w", "40"}, // case, width ignored
			} {
				r := cli(t, args)
				if r.code != 0 || r.stderr != "" {
					t.Fatalf("%q: exit %d, stderr %q", args, r.code, r.stderr)
				}
				if r.stdout != tk.Markdown() {
					t.Errorf("%q printed\n%s\nwant Talk.Markdown()\n%s", args, r.stdout, tk.Markdown())
				}
			}
		})
	}
}

func TestShowPlain(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	for _, tk := range doc.Talks {
		t.Run(tk.Slug, func(t *testing.T) {
			r := cli(t, []string{"show", strconv.Itoa(tk.Number), "--format", "plain"})
			if r.code != 0 {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			checkOutput(t, "plain", r.stdout)
			for _, want := range []string{tk.Title + "\n", tk.Speaker, tk.SpeakerURL, notes.Stars(tk.Stars)} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("plain lacks %q", want)
				}
			}
			for _, m := range []string{"**", "](", "![", "`", ":star:", ":" + "eight:", "\n#", "\n> ", "\n- "} {
				if strings.Contains(r.stdout, m) {
					t.Errorf("plain has markdown %q", m)
				}
			}
		})
	}
}

func TestShowANSI(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	for _, tk := range doc.Talks {
		t.Run(tk.Slug, func(t *testing.T) {
			r := cli(t, []string{"show", strconv.Itoa(tk.Number)}, onTerminal(100))
			if r.code != 0 {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			checkOutput(t, "ansi", r.stdout)
			if !sgrColour.MatchString(r.stdout) {
				t.Error("no colour on a terminal")
			}
			plain := ansi.Strip(r.stdout)
			stars := notes.Stars(tk.Stars)
			for _, want := range []string{tk.Title, tk.Speaker, stars} {
				if !strings.Contains(plain, want) {
					t.Errorf("output lacks %q", want)
				}
			}
			if strings.Contains(plain, ":star:") || strings.Contains(plain, ":eight:") || strings.ContainsRune(plain, '\u20e3') {
				t.Error("rating drawn with shortcodes or keycap emoji")
			}
			for i, l := range strings.Split(plain, "\n") {
				if w := ansi.StringWidth(l); w > 100 {
					t.Errorf("line %d is %d wide, more than 100", i+1, w)
				}
			}
			if first := lines(plain)[0]; !strings.Contains(first, tk.Title[:min(len(tk.Title), 10)]) {
				t.Errorf("first line %q is not the title", first)
			}
		})
	}
}

func TestShowStyles(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		colour  bool // SGR colours expected
		escapes bool // any ESC expected
	}{
		{"auto on a terminal", []string{"show", "1"}, nil, true, true},
		{"notty style", []string{"show", "1", "--style", "notty"}, nil, false, false},
		// No colour, but bold, italic, underline and code spans marked
		// (the nocolor style), with no markup left literal.
		{"NO_COLOR", []string{"show", "1"}, map[string]string{"NO_COLOR": "1"}, false, true},
		{"NO_COLOR with a style keeps no colour", []string{"show", "1", "-s", "dracula"}, map[string]string{"NO_COLOR": "yes"}, false, true},
		{"GLAMOUR_STYLE", []string{"show", "1"}, map[string]string{"GLAMOUR_STYLE": "notty"}, false, false},
		{"--style beats GLAMOUR_STYLE", []string{"show", "1", "--style", "dark"}, map[string]string{"GLAMOUR_STYLE": "notty"}, true, true},
		{"light", []string{"show", "1", "--style", "light"}, nil, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cleanEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			r := cli(t, tt.args, onTerminal(80))
			if r.code != 0 {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			if got := sgrColour.MatchString(r.stdout); got != tt.colour {
				t.Errorf("colour = %v, want %v", got, tt.colour)
			}
			if got := strings.Contains(r.stdout, "\x1b"); got != tt.escapes {
				t.Errorf("escapes = %v, want %v", got, tt.escapes)
			}
			if !strings.Contains(ansi.Strip(r.stdout), "★★★★★★★★☆☆ 8/10") {
				t.Error("no rating")
			}
			if plain := ansi.Strip(r.stdout); tt.name == "NO_COLOR" && (strings.Contains(plain, "**") || strings.Contains(plain, "### ")) {
				t.Errorf("NO_COLOR leaves markup literal: %.300q", plain)
			}
		})
	}
}

func TestShowANSIPiped(t *testing.T) {
	cleanEnv(t)
	r := cli(t, []string{"show", "2", "--format", "ansi"})
	if !sgrColour.MatchString(r.stdout) {
		t.Error("--format ansi when piped has no colour")
	}
	checkOutput(t, "ansi", r.stdout)
	t.Setenv("CLICOLOR_FORCE", "1")
	r = cli(t, []string{"show", "2"})
	if !sgrColour.MatchString(r.stdout) {
		t.Error("CLICOLOR_FORCE=1: auto is not ANSI when piped")
	}
}

func TestShowWidth(t *testing.T) {
	cleanEnv(t)
	for _, w := range []int{40, 72, 120} {
		r := cli(t, []string{"show", "1", "-f", "ansi", "--width", strconv.Itoa(w)})
		widest := 0
		for _, l := range strings.Split(ansi.Strip(r.stdout), "\n") {
			widest = max(widest, ansi.StringWidth(l))
		}
		if widest > w || widest < w-20 {
			t.Errorf("--width %d: widest line %d", w, widest)
		}
	}
	// Piped, the default is 80 columns.
	r := cli(t, []string{"show", "1", "-f", "ansi"})
	for _, l := range strings.Split(ansi.Strip(r.stdout), "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("piped default width: line %q is wider than 80", l)
		}
	}
}

func TestShowJSON(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	for _, tk := range doc.Talks {
		t.Run(tk.Slug, func(t *testing.T) {
			r := cli(t, []string{"show", tk.Slug, "--format", "json"})
			checkOutput(t, "json", r.stdout)
			var o talkObject
			decodeStrict(t, r.stdout, &o)
			checkTalkObject(t, o, tk)
		})
	}
	r := cli(t, []string{"show", "context", "--all", "-f", "json"})
	var all []talkObject
	decodeStrict(t, r.stdout, &all)
	if len(all) < 2 || all[0].Slug != "a-beginners-guide-to-context" || all[0].Match == nil {
		t.Errorf("show context --all -f json: %d talks, first %+v", len(all), all)
	}
}

func TestShowQuery(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	ctxTalk, _ := doc.Lookup("a-beginners-guide-to-context")
	r := cli(t, []string{"show", "context"})
	if r.code != 0 || r.stdout != ctxTalk.Markdown() {
		t.Errorf("show context: exit %d, printed %.80q", r.code, r.stdout)
	}
	r = cli(t, []string{"show", "beginners guide"}) // one argument, one query
	if r.code != 0 || r.stdout != ctxTalk.Markdown() {
		t.Errorf("show beginners guide: exit %d, printed %.80q", r.code, r.stdout)
	}
	r = cli(t, []string{"show", "context", "--all"})
	docs := strings.Split(r.stdout, "\n---\n\n")
	if len(docs) < 2 || docs[0] != ctxTalk.Markdown() {
		t.Errorf("show context --all: %d documents", len(docs))
	}
	for i, d := range docs {
		if !strings.HasPrefix(d, "# ") {
			t.Errorf("document %d does not start with its title: %.40q", i+1, d)
		}
	}
	r = cli(t, []string{"show", "context", "--all", "-f", "plain"})
	if n := strings.Count(r.stdout, "════"); n < 2 {
		t.Errorf("plain --all: %d titles", n)
	}
}

// ---- about ----

func TestAbout(t *testing.T) {
	cleanEnv(t)
	doc := embedded(t)
	r := cli(t, []string{"about"})
	if r.code != 0 || r.stdout != doc.AboutMarkdown() {
		t.Errorf("about piped: exit %d, %.80q", r.code, r.stdout)
	}
	r = cli(t, []string{"about", "-f", "plain"})
	checkOutput(t, "plain", r.stdout)
	for _, want := range []string{"About us", "Hernán Kleiman", "Schedule"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("about -f plain lacks %q", want)
		}
	}
	r = cli(t, []string{"about"}, onTerminal(90))
	checkOutput(t, "ansi", r.stdout)
	if !strings.Contains(ansi.Strip(r.stdout), "Alberto Fernández") {
		t.Error("about on a terminal lacks the authors")
	}
	r = cli(t, []string{"about", "-f", "json"})
	var o struct{ Title, Markdown string }
	decodeStrict(t, r.stdout, &o)
	if o.Title != doc.Title || o.Markdown != doc.AboutMarkdown() {
		t.Errorf("about -f json = %+v", o)
	}
}

// ---- exit codes and errors ----

func TestExitCodes(t *testing.T) {
	cleanEnv(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string // a part of the message
	}{
		{"list", []string{"list"}, 0, ""},
		{"show", []string{"show", "21"}, 0, ""},
		{"help", []string{"--help"}, 0, ""},
		{"no match", []string{"list", "-q", "zzqxjv"}, 1, `no talk matches "zzqxjv"`},
		{"no match suggests", []string{"list", "-q", "contetx"}, 1, `no talk matches "contetx"; did you mean 7 "A beginners guide to Context"`},
		{"show no match", []string{"show", "zzqxjv"}, 1, `no talk matches "zzqxjv"`},
		{"nothing rated 10", []string{"list", "-m", "10"}, 1, "rated 10"},
		{"talk out of range", []string{"show", "99"}, 2, "no talk 99 (talks are 1-21)"},
		{"talk zero", []string{"show", "0"}, 2, "no talk 0 (talks are 1-21)"},
		{"missing talk", []string{"show"}, 2, "TALK"},
		{"unknown flag", []string{"--bogus"}, 2, "unknown flag: --bogus"},
		{"unknown show flag", []string{"show", "1", "--bogus"}, 2, "unknown flag"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"list takes no args", []string{"list", "extra"}, 2, "extra"},
		{"min-stars too high", []string{"list", "-m", "11"}, 2, "--min-stars"},
		{"min-stars negative", []string{"list", "--min-stars=-1"}, 2, "--min-stars"},
		{"min-stars not a number", []string{"list", "-m", "lots"}, 2, "lots"},
		{"bad sort", []string{"list", "--sort", "random"}, 2, `"random"`},
		{"bad format", []string{"show", "1", "--format", "html"}, 2, `"html"`},
		{"bad width", []string{"show", "1", "--width", "-3"}, 2, "--width"},
		{"bad style", []string{"show", "1", "--style", "nosuchstyle"}, 2, `"nosuchstyle"`},
		{"flag needs a value", []string{"list", "-q"}, 2, "flag needs an argument"},
		{"style file that is no style", []string{"show", "1", "-f", "ansi", "--style", "main.go"}, 2, `style "main.go"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := cli(t, tt.args)
			if r.code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", r.code, tt.code, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.stderr)
			}
			if tt.code != 0 {
				if r.stdout != "" {
					t.Errorf("stdout %q on error", r.stdout)
				}
				if !strings.HasPrefix(r.stderr, "golanguk: ") {
					t.Errorf("stderr %q does not start with golanguk:", r.stderr)
				}
			}
			if tt.code == 0 && r.stderr != "" {
				t.Errorf("stderr %q on success", r.stderr)
			}
		})
	}
}

func TestBadGlamourStyle(t *testing.T) {
	cleanEnv(t)
	t.Setenv("GLAMOUR_STYLE", "nosuchstyle")
	r := cli(t, []string{"show", "1", "-f", "ansi"})
	if r.code != 2 || !strings.Contains(r.stderr, `GLAMOUR_STYLE "nosuchstyle"`) {
		t.Errorf("bad GLAMOUR_STYLE: exit %d, stderr %q", r.code, r.stderr)
	}
	r = cli(t, []string{"show", "1", "-f", "ansi", "--style", "notty"})
	if r.code != 0 {
		t.Errorf("--style does not override a bad GLAMOUR_STYLE: exit %d, %q", r.code, r.stderr)
	}
	r = cli(t, []string{"show", "1"}) // piped: markdown, no style needed
	if r.code != 0 {
		t.Errorf("a bad GLAMOUR_STYLE broke markdown output: exit %d, %q", r.code, r.stderr)
	}
}

func TestNotesFile(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("conf.md", "# My conf\n\n## About\n\nWe took notes.\n\n"+
		"## Generics in practice\n> Ana Pérez - https://example.com/ana\n\n:five: :star: :star: :star: :star: :star:\n\nType parameters.\n\n"+
		"## Fuzzing for fun\n> Bo Li - https://example.com/bo\n\n:two: :star: :star:\n\nCorpus.\n")

	r := cli(t, []string{"--notes", good, "list"})
	if r.code != 0 || r.stdout != "1\t5\tgenerics-in-practice\tGenerics in practice\tAna Pérez\n2\t2\tfuzzing-for-fun\tFuzzing for fun\tBo Li\n" {
		t.Errorf("list --notes: exit %d, %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = cli(t, []string{"show", "--notes", good, "perez"})
	if r.code != 0 || !strings.HasPrefix(r.stdout, "# Generics in practice\n") {
		t.Errorf("show perez --notes: exit %d, %q", r.code, r.stdout)
	}
	r = cli(t, []string{"--notes", good, "show", "3"})
	if r.code != 2 || !strings.Contains(r.stderr, "no talk 3 (talks are 1-2)") {
		t.Errorf("show 3 of 2: exit %d, %q", r.code, r.stderr)
	}
	r = cli(t, []string{"--notes", good, "about"})
	if !strings.Contains(r.stdout, "We took notes.") {
		t.Errorf("about --notes: %q", r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("about --notes of a clean file: stderr %q", r.stderr)
	}

	// A problem the parser gets past is said on stderr, once a line, and
	// the output is made all the same.
	miscounted := write("miscounted.md", "# Conf\n\n## Talk\n> Al - https://example.com/al\n\n:three: :star: :star:\n\nNotes.\n")
	r = cli(t, []string{"--notes", miscounted, "list"})
	if r.code != 0 || r.stdout != "1\t2\ttalk\tTalk\tAl\n" {
		t.Errorf("list --notes miscounted: exit %d, %q", r.code, r.stdout)
	}
	if want := "golanguk: warning: notes: " + miscounted + ":6: "; !strings.HasPrefix(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("list --notes miscounted: stderr %q, want one line starting %q", r.stderr, want)
	}

	unreadable := write("secret.md", "# x\n")
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		name, path, msg string
	}{
		{"missing", filepath.Join(dir, "nope.md"), "no such file"},
		{"directory", dir, "is a directory"},
		{"empty", write("empty.md", ""), "empty"},
		{"no talks", write("prose.md", "# Notes\n\n## Not a talk\n\nno rating here\n"), "no talks"},
		{"unreadable", unreadable, "permission denied"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "unreadable" && os.Geteuid() == 0 {
				t.Skip("root reads any file")
			}
			for _, cmd := range [][]string{{"list"}, {"show", "1"}, {"about"}, {}} {
				r := cli(t, append([]string{"--notes", tt.path}, cmd...))
				if r.code != 2 || r.stdout != "" {
					t.Errorf("%q: exit %d, stdout %q", cmd, r.code, r.stdout)
				}
				if !strings.Contains(r.stderr, tt.msg) || strings.Count(r.stderr, "\n") != 1 {
					t.Errorf("%q: stderr %q, want one line with %q", cmd, r.stderr, tt.msg)
				}
			}
		})
	}
}

// epipeWriter fails like a pipe whose reader has gone.
type epipeWriter struct{ writes int }

func (w *epipeWriter) Write([]byte) (int, error) {
	w.writes++
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EPIPE}
}

func TestBrokenPipe(t *testing.T) {
	cleanEnv(t)
	for _, args := range [][]string{{"list"}, {"list", "--json"}, {"show", "1"}, {"show", "1", "-f", "ansi"}, {"about", "-f", "plain"}} {
		var errs bytes.Buffer
		w := &epipeWriter{}
		term := ui.Terminal{In: strings.NewReader(""), Out: w, Env: os.Environ()}
		a := &app{term: term, stderr: &errs}
		code := a.run(context.Background(), args)
		if code != 0 || errs.Len() != 0 || w.writes == 0 {
			t.Errorf("%q to a closed pipe: exit %d, stderr %q, %d writes", args, code, errs.String(), w.writes)
		}
	}
}

func TestCompletion(t *testing.T) {
	cleanEnv(t)
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "show", ""}, []string{"1\tKeynote: SOLID Go design", "keynote-solid-go-design\tKeynote: SOLID Go design", "21\t"}},
		{[]string{"__complete", "show", "key"}, []string{"keynote-solid-go-design\t"}},
		{[]string{"__complete", "list", "--sort", ""}, []string{"schedule", "stars", "title", "speaker"}},
		{[]string{"__complete", "show", "1", "--format", ""}, []string{"auto", "ansi", "markdown", "plain", "json"}},
		{[]string{"__complete", "show", "1", "--style", ""}, []string{"dark", "light", "notty", "dracula"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[1:], " "), func(t *testing.T) {
			r := cli(t, tt.args)
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("completion lacks %q:\n%s", w, r.stdout)
				}
			}
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	cleanEnv(t)
	for _, args := range [][]string{{"--help"}, {"show", "--help"}, {"list", "--help"}, {"about", "--help"}} {
		r := cli(t, args)
		if r.code != 0 || !strings.Contains(r.stdout, "golanguk") {
			t.Errorf("%q: exit %d, %q", args, r.code, r.stdout)
		}
	}
	r := cli(t, []string{"show", "--help"})
	for _, want := range []string{"--format", "--width", "--style", "--all", "golanguk show 1"} {
		if !strings.Contains(ansi.Strip(r.stdout), want) {
			t.Errorf("show --help lacks %q", want)
		}
	}
	r = cli(t, []string{"--version"})
	if r.code != 0 || !strings.Contains(r.stdout, "golanguk version") {
		t.Errorf("--version: exit %d, %q", r.code, r.stdout)
	}
}
